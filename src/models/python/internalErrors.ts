// Exceptions whose text describes the deployment rather than the caller's request (hosts and ports, file paths,
// command lines, SQL, store URIs, remote tracebacks), the calls that carry such text on, and the calls whose
// arguments become the text of the HTTP error a client reads. Data for exception-text-in-api-response; nothing here
// decides a finding. A project's own exception classes are absent on purpose: their messages are written for users.

/** Classes whose handler catches (almost) everything, so its text can be any failure's (qualified as resolved). */
export const BROAD_EXCEPTIONS: ReadonlySet<string> = new Set(['Exception', 'BaseException', 'builtins.Exception', 'builtins.BaseException']);

export interface InternalErrorFamily {
  /**
   * Qualified names as an `except` clause's types resolve through the imports (`from requests import exceptions as
   * rexc` makes `rexc.Timeout` read `requests.exceptions.Timeout`); `m.*` stands for every class below module `m`.
   */
  classes: readonly string[];
  /** What the text holds, for the message: "carries …". */
  carries: string;
  /** Attributes (first one read off the exception) that hold internal text besides str(e) and TEXT_ATTRIBUTES. */
  textAttributes?: readonly string[];
}

/**
 * Foreign-library exceptions known to carry internal detail in their text. Left out: ValueError, TypeError,
 * KeyError and the like (raised by the handler's own parsing, their text describes the input the caller sent), and
 * every class of the project itself.
 */
export const INTERNAL_ERRORS: readonly InternalErrorFamily[] = [
  {
    // requests' messages name the URL, host and port it failed on ("HTTPConnectionPool(host='10.0.0.5', port=8776):
    // Max retries exceeded …"; HTTPError: "404 Client Error: Not Found for url: …"): heat's template-URL fetch
    // returned them and let users map the internal network (OSSA-2016-013). urllib3 is what requests raises through.
    classes: ['requests.*', 'urllib3.*', 'requests.packages.urllib3.*'],
    carries: 'names the URL, host and port of the service it failed to reach',
    textAttributes: ['request', 'response'],
  },
  {
    // keystoneauth1's connection failures: "Unable to establish connection to http://<internal endpoint>: …".
    classes: [
      'keystoneauth1.exceptions.ConnectionError', 'keystoneauth1.exceptions.ConnectFailure', 'keystoneauth1.exceptions.ConnectTimeout',
      'keystoneauth1.exceptions.SSLError', 'keystoneauth1.exceptions.UnknownConnectionError', 'keystoneauth1.exceptions.RetriableConnectionFailure',
      'keystoneauth1.exceptions.DiscoveryFailure', 'keystoneauth1.exceptions.connection.*', 'keystoneauth1.exceptions.discovery.*',
    ],
    carries: 'names the internal endpoint URL it failed to reach',
  },
  {
    // OSError and its subclasses: "[Errno 2] No such file or directory: '/var/lib/…'", "[Errno 111] Connection
    // refused"; socket.error is OSError, socket.gaierror/herror name the host looked up; ssl's name the certificate.
    classes: [
      'OSError', 'IOError', 'EnvironmentError', 'builtins.OSError', 'builtins.IOError', 'builtins.EnvironmentError',
      'BlockingIOError', 'ChildProcessError', 'ConnectionError', 'BrokenPipeError', 'ConnectionAbortedError', 'ConnectionRefusedError',
      'ConnectionResetError', 'FileExistsError', 'FileNotFoundError', 'InterruptedError', 'IsADirectoryError', 'NotADirectoryError',
      'PermissionError', 'ProcessLookupError', 'TimeoutError', 'socket.error', 'socket.timeout', 'socket.gaierror', 'socket.herror',
      'select.error', 'ssl.SSLError', 'ssl.CertificateError', 'ssl.SSLCertVerificationError',
    ],
    carries: 'names file paths, hosts or ports of the server',
  },
  {
    // oslo.concurrency's ProcessExecutionError formats the command line, exit code, stdout and stderr; subprocess's
    // CalledProcessError the command.
    classes: [
      'oslo_concurrency.processutils.ProcessExecutionError', 'subprocess.CalledProcessError', 'subprocess.TimeoutExpired',
    ],
    carries: 'holds the command line it ran and its output',
    textAttributes: ['cmd', 'stdout', 'stderr', 'output', 'description'],
  },
  {
    // SQLAlchemy's errors quote the statement, its parameters and the driver's message (schema names, values);
    // oslo.db's wrap them (DBDuplicateEntry's text is the driver's IntegrityError text).
    classes: ['sqlalchemy.exc.*', 'sqlalchemy.orm.exc.*', 'oslo_db.exception.*', 'pymysql.err.*', 'MySQLdb.*', 'psycopg2.*'],
    carries: 'quotes SQL, its parameters or the database driver\'s message',
    textAttributes: ['orig', 'statement', 'params', 'inner_exception'],
  },
  {
    // oslo.messaging's RemoteError: "Remote error: <type> <value>\n<traceback>." — the server's traceback. Its
    // `exc_type` and `value` alone are the remote exception's class and message, which the service forwards by
    // design (cinder's volume actions do): those two attributes are not internal text here.
    classes: ['oslo_messaging.RemoteError', 'oslo_messaging.rpc.RemoteError', 'oslo_messaging.rpc.client.RemoteError'],
    carries: 'includes the remote service\'s traceback',
  },
  {
    // glance_store's backend errors: a driver's free text, the store's auth URL or redirect target, a store's or
    // driver's configuration failure. Its user-facing classes (NotFound, StorageFull, Forbidden, Invalid,
    // UnknownScheme …) are not listed: glance maps them to responses on purpose. Nor is BadStoreUri: where an API
    // handler meets it, the URI is the one the caller sent (a location to add, v1's x-image-meta-location).
    classes: [
      'glance_store.exceptions.BackendException', 'glance_store.exceptions.UnsupportedBackend',
      'glance_store.exceptions.AuthBadRequest', 'glance_store.exceptions.AuthUrlNotFound', 'glance_store.exceptions.AuthorizationRedirect',
      'glance_store.exceptions.BadStoreConfiguration', 'glance_store.exceptions.BadDriverConfiguration',
      'glance_store.BackendException', 'glance_store.UnsupportedBackend', 'glance_store.AuthBadRequest',
      'glance_store.AuthUrlNotFound', 'glance_store.AuthorizationRedirect', 'glance_store.BadStoreConfiguration', 'glance_store.BadDriverConfiguration',
    ],
    carries: 'names the store\'s auth URL, its configuration or a backend driver\'s own text',
    textAttributes: ['msg'],
  },
  {
    // os-brick's errors name device paths, target portals (storage network addresses) and command output.
    classes: ['os_brick.exception.*'],
    carries: 'names device paths, storage target portals or command output',
    textAttributes: ['msg', 'kwargs'],
  },
];

/**
 * Attributes of any exception that hold its text or part of it: `e.args[0]`, Python 2's `e.message`, OSError's
 * `strerror`/`filename`, a traceback. Read off a broad handler's exception too. Not here: a project exception's
 * user-facing API (`e.msg`, `e.format_message()`, `e.kwargs`) and attributes that are no text (`e.code`, `e.errno`).
 */
export const TEXT_ATTRIBUTES: ReadonlySet<string> = new Set(['args', 'message', 'strerror', 'filename', 'filename2', 'traceback']);

/**
 * Calls whose result holds the text of their arguments (by qualified name, or by last segment for the translation
 * markers a project binds itself): conversions to text, oslo's exception_to_unicode, JSON encoding of a body.
 */
export const TEXT_CARRYING_CALLS: ReadonlySet<string> = new Set([
  'str', 'repr', 'unicode', 'format', 'dict', 'six.text_type', 'six.binary_type', 'six.ensure_text', 'six.ensure_str', 'six.u',
  'oslo_utils.encodeutils.exception_to_unicode', 'oslo_utils.encodeutils.safe_decode', 'oslo_utils.encodeutils.safe_encode',
  'json.dumps', 'oslo_serialization.jsonutils.dumps', 'oslo_serialization.jsonutils.dump_as_bytes',
]);

/** Methods of str whose result holds their arguments' text (`'{}: {}'.format(op, e)`, `'; '.join(errors)`). */
export const TEXT_CARRYING_METHODS_ARGS: ReadonlySet<string> = new Set(['format', 'join']);

/** Methods of str whose result holds the receiver's text (`str(e).strip()`). */
export const TEXT_CARRYING_METHODS_RECEIVER: ReadonlySet<string> = new Set([
  'format', 'strip', 'lstrip', 'rstrip', 'replace', 'lower', 'upper', 'capitalize', 'encode', 'decode', 'splitlines', 'split',
]);

/** Calls that format the exception being handled into text without naming it: the traceback itself. */
export const TRACEBACK_FORMATTERS: ReadonlySet<string> = new Set([
  'traceback.format_exc', 'traceback.format_exception', 'traceback.format_tb', 'traceback.format_stack',
]);

export interface ErrorResponseCall {
  /** Qualified names; a trailing `*` matches every name with that prefix (`webob.exc.HTTP*`). */
  calls: readonly string[];
  /** Positional arguments whose value becomes the response text. */
  positional: readonly number[];
  /** Keyword arguments whose value becomes the response text. */
  keywords: readonly string[];
}

/**
 * Calls that make the error response a client reads, and which arguments are its text. A webob HTTP exception is
 * itself a response: its `detail` (the first positional argument) and `explanation` are rendered in the body.
 * swift's swob mirrors webob with `body`; Flask/Werkzeug's abort and HTTP exceptions take a `description`;
 * pecan.abort a `detail`. Order matters: the first entry whose names match decides. A webob Response's `json`/`json_body`
 * is left out on purpose: in the OpenStack trees such JSON replies come from agent APIs that only the project's own
 * controller calls (octavia's amphora agent returns `{'details': e.output}` from a dozen handlers, for the operator),
 * while a service's user-facing errors are HTTP exceptions with an explanation.
 */
export const ERROR_RESPONSE_CALLS: readonly ErrorResponseCall[] = [
  { calls: ['webob.exc.HTTP*', 'webob.exc.WSGIHTTPException'], positional: [0], keywords: ['detail', 'explanation', 'body', 'text'] },
  { calls: ['webob.Response', 'webob.response.Response'], positional: [0], keywords: ['body', 'text', 'unicode_body'] },
  { calls: ['swift.common.swob.HTTP*', 'swift.common.swob.Response'], positional: [0], keywords: ['body'] },
  { calls: ['flask.abort', 'werkzeug.exceptions.abort'], positional: [1], keywords: ['description'] },
  { calls: ['werkzeug.exceptions.*'], positional: [0], keywords: ['description'] },
  { calls: ['pecan.abort'], positional: [1], keywords: ['detail'] },
];

/** `calls` patterns as `model.mayCall` takes them (`a.*` for a family), to skip a file with no such call. */
export const ERROR_RESPONSE_PATTERNS: readonly string[] = [
  'webob.exc.*', 'webob.Response', 'webob.response.Response', 'swift.common.swob.*', 'flask.abort', 'werkzeug.exceptions.*', 'pecan.abort',
];

/** Whether `name` matches `pattern` (exact, or a prefix for a trailing `*`). */
export function matchesPattern(name: string, pattern: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/**
 * Base classes of WSGI servers whose responses only another service of the same project reads: swift's account,
 * container and object servers (BaseStorageServer) answer the proxy on the storage network, and the proxy replaces
 * their 5xx bodies with its own. Their error text (the traceback their `__call__` returns by design) reaches an
 * operator's service, not an API user.
 */
export const BACKEND_SERVER_BASES: ReadonlySet<string> = new Set(['swift.common.base_storage_server.BaseStorageServer']);
