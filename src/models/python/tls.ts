// TLS APIs as data: where a peer-verification mode is given (ssl, eventlet, gunicorn, urllib3, pyOpenSSL), which
// values switch checks off, and the pyOpenSSL callback contract. Rules ask; this file holds no logic beyond lookups.

/** ssl's verification modes by value: `cert_reqs`/`verify_mode` take one of these, never a truth value. */
export const CERT_MODES: ReadonlyMap<string, number> = new Map([
  ['ssl.CERT_NONE', 0], ['ssl.CERT_OPTIONAL', 1], ['ssl.CERT_REQUIRED', 2],
  ['ssl.VerifyMode.CERT_NONE', 0], ['ssl.VerifyMode.CERT_OPTIONAL', 1], ['ssl.VerifyMode.CERT_REQUIRED', 2],
  ['eventlet.green.ssl.CERT_NONE', 0], ['eventlet.green.ssl.CERT_OPTIONAL', 1], ['eventlet.green.ssl.CERT_REQUIRED', 2],
]);

/**
 * Names under which a verification mode is passed: the `cert_reqs` keyword of ssl.wrap_socket, eventlet.wrap_ssl,
 * urllib3 pools and gunicorn's settings (also as a dict key of an options dict), and SSLContext.verify_mode.
 */
export const CERT_MODE_PARAMETERS: ReadonlySet<string> = new Set(['cert_reqs', 'verify_mode']);

/** Arguments that make an SSLContext a server's (`SSLContext(PROTOCOL_TLS_SERVER)`, `create_default_context(Purpose.CLIENT_AUTH)`). */
export const SERVER_CONTEXT_ARGUMENTS: ReadonlySet<string> = new Set(['ssl.PROTOCOL_TLS_SERVER', 'ssl.Purpose.CLIENT_AUTH']);

/** SSLContext's host-name switch: False accepts a CA-signed certificate for any host. */
export const HOSTNAME_CHECK_ATTRIBUTE = 'check_hostname';

/** pyOpenSSL: `Context.set_verify(mode, callback)`; VERIFY_NONE skips the peer check entirely. */
export const SET_VERIFY_METHOD = 'set_verify';
export const VERIFY_NONE = /(^|\.)SSL\.VERIFY_NONE$/;

/**
 * pyOpenSSL calls the verify callback as (connection, x509, errnum, errdepth, ok) and passes `ok` as an int (0/1),
 * so `ok is True` is never true. https://www.pyopenssl.org/en/stable/api/ssl.html#OpenSSL.SSL.Context.set_verify
 */
export const CALLBACK_PREVERIFY_INDEX = 4;

/**
 * Python 2's httplib.HTTPSConnection checked neither the certificate nor the host name before 2.7.9 (PEP 476,
 * CVE-2014-9365); code importing the Python 2 module without passing a context relies on that version's behaviour.
 */
export const PY2_HTTPS_CONNECTIONS: ReadonlySet<string> = new Set(['httplib.HTTPSConnection']);
