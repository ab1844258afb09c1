// Exceptions that report the state of a service, its endpoint or the caller's credentials rather than of the item
// an operation was given: keystoneauth1's EndpointNotFound / DiscoveryFailure / ConnectFailure / Unauthorized,
// requests' ConnectionError and ConnectTimeout, placement's "endpoint not found", oslo.messaging's timeouts. When a
// loop over items catches one of these, every remaining item would fail the same way, so stopping is correct.

/** Exception class names (as written in an `except`) that hold for the service, not for one item. */
export const SERVICE_WIDE_ERROR = /(Endpoint|Service|Catalog)NotFound|DiscoveryFailure|Connect(ion)?(Error|Failure|Refused)|ConnectTimeout|MessagingTimeout|Unauthorized|AuthorizationFailure|MissingAuthPlugin|ServiceUnavailable/;
