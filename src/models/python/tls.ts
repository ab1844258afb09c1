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

/**
 * What a wrapped TLS socket can be asked without exchanging data: the peer's certificate and the handshake's
 * parameters. A context used only to wrap sockets asked these reads a certificate (to print or pin its fingerprint,
 * as `ssl.get_server_certificate` does with CERT_NONE) and trusts nothing sent over the connection.
 */
export const HANDSHAKE_READS: ReadonlySet<string> = new Set(['getpeercert', 'cipher', 'version', 'shared_ciphers', 'selected_alpn_protocol',
  'compression', 'getpeername', 'settimeout', 'close', 'unwrap']);

/** SSLContext methods that configure it (no connection is made). */
export const CONTEXT_SETTERS: ReadonlySet<string> = new Set(['load_cert_chain', 'load_verify_locations', 'load_default_certs', 'set_ciphers',
  'set_alpn_protocols', 'set_default_verify_paths', 'set_ecdh_curve']);
