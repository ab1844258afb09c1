// Where a Nova/Neutron API handler receives data its caller chose (webob requests, bodies, scheduler hints,
// requested networks), as data for the access-control and resource-exhaustion rules.

/** Request headers that name an object to load (the metadata proxy's X-Instance-ID, X-Port-ID …). */
export const ID_HEADER = /^x-[a-z-]*-id$/i;
/** Request headers naming the caller's project: reading one means an owner comparison is meant to happen. */
export const PROJECT_HEADER = /^x-(tenant|project)-id$/i;

/** Names of values that hold a list or mapping the API caller supplied. */
export const USER_COLLECTION_NAMES = /^(body|scheduler_hints|hints|requested_networks|requested_ports|networks|security_groups|block_device_mapping\w*|personality|files|injected_files|metadata|address_pairs|allowed_address_pairs|fixed_ips|host_routes|dns_nameservers|firewall_rules|rules|tags|ids)$/;
/** Request attributes (webob) that hold caller data. */
export const REQUEST_DATA_ATTRIBUTES: ReadonlySet<string> = new Set(['GET', 'POST', 'params', 'json_body', 'json', 'body', 'headers', 'urlvars']);
/**
 * The WSGI environ key where URL routers (routes, selector) put the variables they matched in the path (the wsgiorg
 * routing_args convention; webob's `req.urlvars` reads its second item): the caller wrote every one of them.
 */
export const URL_ROUTING_ENVIRON_KEY = 'wsgiorg.routing_args';

/**
 * Identity headers an auth middleware sets for the services behind it (keystonemiddleware's documented set, the
 * legacy tenant/role spellings included), in a normal form: upper case, `-` as `_`, without the WSGI `HTTP_`
 * prefix. A client can send any of them itself, so the middleware must remove them from every incoming request.
 */
export const IDENTITY_HEADERS: ReadonlySet<string> = new Set([
  'X_IDENTITY_STATUS', 'X_SERVICE_IDENTITY_STATUS', 'X_DOMAIN_ID', 'X_DOMAIN_NAME', 'X_PROJECT_ID', 'X_PROJECT_NAME',
  'X_PROJECT_DOMAIN_ID', 'X_PROJECT_DOMAIN_NAME', 'X_USER_ID', 'X_USER_NAME', 'X_USER_DOMAIN_ID', 'X_USER_DOMAIN_NAME',
  'X_ROLES', 'X_ROLE', 'X_SERVICE_ROLES', 'X_IS_ADMIN_PROJECT', 'X_TENANT_ID', 'X_TENANT_NAME', 'X_TENANT', 'X_USER',
  'X_SERVICE_CATALOG', 'X_TRUST_ID', 'X_SYSTEM_SCOPE', 'X_SERVICE_USER_ID', 'X_SERVICE_PROJECT_ID',
]);
/** Calls that strip the identity headers from an incoming request (keystonemiddleware's request API). */
export const IDENTITY_HEADER_STRIPPERS: ReadonlySet<string> = new Set(['remove_auth_headers', '_remove_auth_headers']);
