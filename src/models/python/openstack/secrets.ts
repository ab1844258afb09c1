// Sensitive data in OpenStack code, as data: where secrets come from (options libraries declare secret, credential
// headers and request-body fields of the OpenStack APIs, arguments of auth and connection APIs), where they must not
// go (logs, exception messages, notifications, responses) and what masks them. Read by the secret-exposure analysis
// (languages/python/dataflow/secretFlow.ts) and the project facts layer (src/index/). Data only.
import type { CallMatcher, Propagator } from '../../../analysis/taint/spec.js';

/** oslo.utils / oslo-incubator masking helpers: their result has passwords, tokens and keys replaced by `***`. */
/**
 * A parameter whose whole name says it is a password or secret (`password`, `chap_password`, `auth_secret`): the
 * function's signature declares what the caller passes. Only the parameter itself, never a name inside a longer
 * expression (`token.user_id`, `len(password)` stay silent by dataflow), and never ids or references of secrets.
 */
export const CREDENTIAL_PARAMETER = /^(?:[a-z0-9]+_)*(?:password|passwd|secret)$/i;

export const MASKING_SUFFIXES: readonly string[] = ['mask_password', 'mask_dict_password'];
/**
 * The maskers of text: `mask_password` searches a string for `password=…`-like forms. Given a command as a list it
 * masks the list's repr, where an option and its value are separate quoted items, and the items stay as they were
 * (oslo-incubator's processutils, fixed in nova 3e95871857 and cinder 9a9d8cec7c by masking the joined command).
 */
export const TEXT_MASKERS: ReadonlySet<string> = new Set(['mask_password']);

/**
 * The keys whose values oslo.utils' maskers replace (`strutils._SANITIZE_KEYS`: `password`, `admin_pass`,
 * `auth_token`, `secret_uuid`, `token`, `CHAPPASSWORD`, `private_key`, `fernetkey`, `passphrase`, `cephxkey`,
 * `encryption_key`, `configdrive`…; `mask_dict_password` masks a key that contains one of them), as a superset. A
 * structure the code passes to a masker carries secrets under these keys only: `props['target_portal']` read from a
 * masked `props` is an address, `props['auth_password']` the secret.
 */
export const MASKED_KEY = /pass|pwd|secret|token|key|credential|configdrive/i;

/** True for a qualified call name of a library masking helper (`strutils.mask_password`, `logging.mask_password`). */
export function isMaskingName(qualified: string | null): boolean {
  if (!qualified) return false;
  return MASKING_SUFFIXES.some((s) => qualified === s || qualified.endsWith(`.${s}`));
}

/**
 * Options that libraries (not the reviewed project) register with `secret=True`, by `group.name`: reading one is
 * reading a credential. oslo.db's connection URLs carry the database password; oslo.messaging's transport URL the
 * broker's; keystonemiddleware's and keystoneauth's options the service user's.
 */
export const LIBRARY_SECRET_OPTIONS: ReadonlySet<string> = new Set([
  'database.connection', 'database.slave_connection', 'api_database.connection', 'api_database.slave_connection',
  'DEFAULT.transport_url', 'oslo_messaging_notifications.transport_url',
  'keystone_authtoken.admin_password', 'keystone_authtoken.password', 'keystone_authtoken.memcache_secret_key',
  'oslo_messaging_rabbit.rabbit_password',
]);

/** HTTP headers whose value is a credential (Keystone tokens, basic/bearer auth, storage tokens, cookies). */
export const CREDENTIAL_HEADERS = /^(?:x-auth-token|x-subject-token|x-service-token|x-auth-key|x-storage-token|x-storage-pass|http_x_auth_token|http_x_subject_token|http_x_service_token|http_authorization|http_x_auth_key|http_x_storage_token|http_cookie)$/i;

/**
 * Credential headers whose names are ordinary words elsewhere (`kwargs['cookie']` is an OpenFlow cookie): they count
 * only when read from a headers object (`resp.headers.get('Authorization')`).
 */
export const GENERIC_CREDENTIAL_HEADERS = /^(?:authorization|proxy-authorization|cookie|set-cookie)$/i;

/**
 * Request-body fields that the OpenStack APIs define as credentials, as (parent key, key): Keystone v2
 * `auth.passwordCredentials`, v3 `identity.password.user.password`, Nova's `adminPass` in server
 * create/rebuild/rescue/changePassword. A parent of `*` matches any parent.
 */
export const CREDENTIAL_BODY_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['auth', 'passwordCredentials'], ['passwordCredentials', 'password'], ['user', 'password'],
  ['auth', 'token'], ['*', 'adminPass'], ['changePassword', 'adminPass'],
];

/**
 * Auth and connection APIs and the argument that is the credential (by keyword, or position): a value passed there
 * is a secret wherever else it goes (a convention the code itself states).
 */
export interface CredentialSink { call: CallMatcher; keyword: string; index?: number }

export const CREDENTIAL_ARGUMENTS: readonly CredentialSink[] = [
  // keystoneauth1 / keystoneclient: identity plugins and clients.
  ...['password', 'token', 'auth_token', 'admin_token', 'application_credential_secret', 'secret'].flatMap((keyword): CredentialSink[] => [
    { call: { suffix: 'identity.Password' }, keyword }, { call: { suffix: 'v3.Password' }, keyword }, { call: { suffix: 'v2.Password' }, keyword },
    { call: { suffix: 'identity.Token' }, keyword }, { call: { suffix: 'v3.Token' }, keyword }, { call: { suffix: 'v2.Token' }, keyword },
    { call: { suffix: 'client.Client' }, keyword }, { call: { suffix: 'session.Session' }, keyword },
  ]),
  // swiftclient, paramiko, requests basic auth.
  // swiftclient.Connection(authurl, user, key, …)
  { call: { suffix: 'swiftclient.Connection' }, keyword: 'key', index: 2 }, { call: { suffix: 'swiftclient.client.Connection' }, keyword: 'key', index: 2 },
  { call: { method: 'connect', receiver: /ssh|client/i }, keyword: 'password' },
  { call: { suffix: 'requests.auth.HTTPBasicAuth' }, keyword: 'password', index: 1 },
];


/** oslo.messaging notifiers (`notifier.info(ctxt, event_type, payload)`): the payload is sent to every listener. */
export const NOTIFIER_RECEIVER = /(?:^|\.|_)notifier\b|get_notifier\(/i;
export const NOTIFY_METHODS: readonly string[] = ['audit', 'debug', 'info', 'warn', 'warning', 'error', 'critical', 'sample'];

/**
 * oslo-incubator's notifier API, which projects copied before oslo.messaging (`<project>.openstack.common.notifier.api.
 * notify(context, publisher_id, event_type, priority, payload)`): the payload goes to every notification driver (the
 * message queue's consumers, the log). Its request-notifier middleware sent the request environ, tokens included
 * (OSSA-2014-021).
 */
export const NOTIFY_FUNCTIONS: ReadonlyArray<{ call: CallMatcher; payload: number }> = [{ call: { suffix: 'notifier.api.notify' }, payload: 4 }];

/** Calls that record a fault users read through the API (Nova's instance faults). */
export const FAULT_RECORDERS: readonly CallMatcher[] = [{ suffix: 'add_instance_fault_from_exc' }];

/** HTTP response bodies and headers built from values (webob, flask). */
export const RESPONSE_BUILDERS: ReadonlyArray<{ call: CallMatcher; keywords: readonly string[]; positional: boolean }> = [
  { call: { suffix: 'webob.Response' }, keywords: ['body', 'json_body', 'text', 'headers', 'headerlist'], positional: true },
  { call: { suffix: 'flask.jsonify' }, keywords: [], positional: true },
  { call: { suffix: 'flask.make_response' }, keywords: [], positional: true },
];

/**
 * Library calls that return a secret they were given: keystoneclient's `cms.cms_hash_token` hashes PKI tokens only
 * and returns UUID tokens unchanged.
 */
export const SECRET_PROPAGATORS: readonly Propagator[] = [{ call: { suffix: 'cms.cms_hash_token' }, from: 'args', shape: 'str' }];
