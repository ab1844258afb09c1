// What WSGI and its response libraries (webob, swift's swob) say about a response body's lifetime, as data: where an
// application's body iterable comes from, which calls close it or take it over, and which only look at it. The
// wsgi-* rules in src/rules/python/resources/ read it; nothing here decides a finding.
//
// PEP 3333: "If the iterable returned by the application has a close() method, the server or gateway must call that
// method upon completion of the current request"; a middleware is a server to the application it calls, so it owes
// that close() to every body it obtains and does not pass on.

/**
 * Attributes of a webob/swob Response that hold the application's body iterable (`resp.app_iter`): reading one
 * yields the object whose close() releases the backend connection, file or green thread behind the body.
 */
export const BODY_ITERABLE_ATTRIBUTES: ReadonlySet<string> = new Set(['app_iter']);

/**
 * Request methods that run an application and return a Response holding its body: webob's and swob's
 * `Request.get_response(app)` (swift's `make_subrequest(...).get_response(app)` too). webob's `Request.send` is the
 * same call, but `send` names too many unrelated methods (sockets, messaging) to be read by its name alone.
 */
export const RESPONSE_GETTERS: ReadonlySet<string> = new Set(['get_response']);

/**
 * Functions that close (or drain and close) the iterable or response passed as their first argument, by the last
 * segment of their name: swift's `close_if_possible`, `friendly_close`, `drain_and_close`, `close_swob`, and the
 * context managers `closing_if_possible` and `contextlib.closing`.
 */
export const CLOSING_FUNCTIONS: ReadonlySet<string> = new Set([
  'close_if_possible', 'friendly_close', 'drain_and_close', 'close_swob', 'closing_if_possible', 'closing',
]);

/** Methods that, called on the body or on the response holding it, close it (`app_iter.close()`). */
export const CLOSING_METHODS: ReadonlySet<string> = new Set(['close']);

/**
 * Attributes of a Response whose read consumes the body (swob's and webob's `body` getter joins `app_iter` and drops
 * it; webob's `json`/`text` read `body`): the body is finished with, the same as closed for this purpose.
 */
export const CONSUMING_ATTRIBUTES: ReadonlySet<string> = new Set(['body', 'json', 'json_body', 'text']);

/**
 * Builtins that look at an object without taking it over: passing the body to one of these hands nothing on, so the
 * function still owes its close(). Any other call is assumed to take the body over (a closing wrapper, a chain the
 * caller returns), which keeps the rules silent where they cannot see.
 */
export const INSPECTING_BUILTINS: ReadonlySet<string> = new Set([
  'hasattr', 'getattr', 'isinstance', 'callable', 'len', 'id', 'type', 'str', 'repr', 'bool',
]);

/** The methods that make a class an iterable or an iterator (Python 3 and Python 2 spellings). */
export const ITERATION_METHODS: ReadonlySet<string> = new Set(['__iter__', '__next__', 'next']);

/**
 * Tests that a response succeeded: swob's `resp.is_success` property and swift.common.http's `is_success(status)`.
 * Past one, the body is the requested data (an object being streamed), not a short error text built in memory.
 */
export const SUCCESS_TESTS: ReadonlySet<string> = new Set(['is_success']);

/**
 * The request method whose response streams a stored body. A sub-request made with another literal method (HEAD,
 * PUT, POST, DELETE, COPY) gets a status and headers, or a short text built in memory: leaving such a response
 * unclosed is hygiene, not a held connection.
 */
export const STREAMING_METHODS: ReadonlySet<string> = new Set(['GET']);

/** HTTP method names, to read a method passed positionally (`req.get_response(app, 'HEAD')`). */
export const HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'COPY', 'OPTIONS', 'PATCH']);

/** The PEP 3333 environ key holding the request method (`env['REQUEST_METHOD'] = 'HEAD'` before building a request). */
export const ENVIRON_METHOD_KEY = 'REQUEST_METHOD';
