// oslo.utils masking and secret names as data: the helpers that mask a secret on its way to a log record (which
// calls log is the logging model's question: src/models/python/logging.ts).

/** Sanitizers: their result has secrets replaced by `***` (oslo.utils strutils). */
export const MASKING_CALLS: readonly RegExp[] = [
  /(^|\.)mask_password$/, /(^|\.)mask_dict_password$/, /(^|\.)mask_\w*$/, /(^|\.)redact\w*$/, /(^|\.)sanitize\w*$/,
  /(^|\.)strip_\w*(password|secret|token)\w*$/,
];

/** Calls whose result no longer carries the secret's value (a length, a hash, a boolean). */
export const VALUE_DROPPING_CALLS: ReadonlySet<string> = new Set(['len', 'bool', 'type', 'isinstance', 'hash', 'id', 'repr_type']);

/**
 * Names (variables, attributes, dict keys) that hold a secret in OpenStack code: passwords (`admin_password`,
 * nova's `adminPass`), auth tokens and auth headers, shared secrets, private keys and credentials.
 */
export const SECRET_NAME = /^(?:.*_)?(?:password|passwd|admin_?pass|adminpass|auth_?token|token|secret|shared_secret|metadata_proxy_shared_secret|private_key|credentials?|auth_header|x_auth_token|x-auth-token|x_subject_token|sessionid|api_key|access_secret|secret_key)$/i;

/** Words that make a secret-looking name describe something public (`token_expiry`, `password_length`, `secret_ref`). */
export const NOT_A_SECRET = /(^|_)(expir\w*|length|len|type|ttl|id|uuid|ref|href|url|name|file|path|policy|header_name|prompt|field|format|min|max|hash|hashed|digest|encrypted|masked|required|enabled|set|changed|count|strength)$/i;

/** Header names carrying credentials. */
export const SECRET_HEADERS = /^(x-auth-token|x-subject-token|x-service-token|authorization|proxy-authorization|x-auth-key|x-storage-token|cookie)$/i;

/** URL text with embedded credentials (`mysql+pymysql://nova:secret@db/nova`, `rabbit://user:pw@host`). */
export const CREDENTIAL_URL_NAME = /^(?:.*_)?(connection|transport_url|url|uri|dsn|connection_string)$/i;
