// What Python WebSocket server libraries do about the handshake's Origin header, as data: which classes and calls make
// a server-side WebSocket endpoint, which of their hooks run at the handshake, and which settings accept any origin.
// The websocket-origin-not-checked rule reads it; nothing here decides a finding.
//
// RFC 6455 §10.2: browsers send the page's origin in `Origin`; a server that only wants its own pages must check it,
// because the browser attaches the user's cookies to a WebSocket opened from any site (cross-site WebSocket hijacking).

/** The modules one of whose names below must be imported before the rule looks at a file. */
export const WEBSOCKET_MODULES: readonly string[] = ['websockify', 'tornado', 'websockets', 'socketio', 'flask_socketio', 'engineio', 'aiohttp'];

/**
 * websockify's request handlers (websockify 0.6–0.11 spellings, re-exported from the package root). A subclass is
 * the handler of every WebSocket connection the proxy accepts; websockify itself never looks at `Origin` (its
 * ExpectOrigin auth plugin is opt-in, configured outside the handler). Source: websockify's websocketproxy.py and
 * websockifyserver.py (`WebSockifyRequestHandler.handle_upgrade` → `do_websocket_handshake` → `new_websocket_client`).
 */
export const WEBSOCKIFY_HANDLER_BASES: readonly string[] = [
  'websockify.ProxyRequestHandler',
  'websockify.websocketproxy.ProxyRequestHandler',
  'websockify.WebSocketRequestHandler',
  'websockify.websocket.WebSocketRequestHandler',
  'websockify.WebSockifyRequestHandler',
  'websockify.websockifyserver.WebSockifyRequestHandler',
];

/**
 * The websockify handler methods that run while a connection is accepted, in the order the rule reports them: code
 * that reads `Origin` in one of them (or in a method or function it calls) validates the handshake. Source:
 * websockify's `WebSockifyRequestHandler` (`do_websocket_handshake`, `new_websocket_client`) and
 * `ProxyRequestHandler` (`new_websocket_client` calls `validate_connection` and `auth_connection`). nova's fix for
 * OSSA-2015-005 put the check in `new_websocket_client`.
 */
export const WEBSOCKIFY_HANDSHAKE_METHODS: readonly string[] = [
  'new_websocket_client', 'do_websocket_handshake', 'validate_connection', 'auth_connection', 'handle_upgrade',
];

/**
 * websockify's auth plugin that compares `Origin` with a configured list (`--auth-plugin ExpectOrigin`): a file that
 * builds one configures the check outside the handler. Source: websockify's auth_plugins.py.
 */
export const WEBSOCKIFY_ORIGIN_PLUGINS: readonly string[] = ['websockify.auth_plugins.ExpectOrigin'];

/** The handshake methods whose definition makes the class's accept logic its own (the report goes on the first). */
export const WEBSOCKIFY_ACCEPT_METHODS: readonly string[] = ['new_websocket_client', 'do_websocket_handshake'];

/**
 * tornado's WebSocket handler. Since tornado 4.0 its default `check_origin(origin)` accepts only the request's own
 * host; an override that returns True accepts every site (tornado's documentation: "this is a security risk").
 */
export const TORNADO_HANDLER_BASES: readonly string[] = ['tornado.websocket.WebSocketHandler'];
export const TORNADO_ORIGIN_HOOK = 'check_origin';

/**
 * `websockets` servers: `origins=None` (the default) accepts a handshake from any origin; `origins=[...]` makes the
 * library reject others with 403. Source: websockets documentation, "serve(..., origins=None)" and its security page.
 * `unix_serve` is left out: a browser cannot reach a Unix socket.
 */
export const WEBSOCKETS_SERVE_CALLS: readonly string[] = [
  'websockets.serve',
  'websockets.server.serve',
  'websockets.legacy.server.serve',
  'websockets.asyncio.server.serve',
  'websockets.sync.server.serve',
];
export const WEBSOCKETS_ORIGINS_KEYWORD = 'origins';
/** Handshake hooks of `serve`: a function given here may check `Origin` itself. */
export const WEBSOCKETS_HANDSHAKE_KEYWORDS: readonly string[] = ['process_request'];

/**
 * Socket.IO / Engine.IO servers: by default (python-engineio 4+) they accept only the request's own origin;
 * `cors_allowed_origins='*'` accepts any and `[]` turns the check off (python-engineio's Server documentation:
 * "Set this argument to '*' to allow all origins, or to [] to disable CORS handling").
 */
export const SOCKETIO_SERVERS: readonly string[] = [
  'flask_socketio.SocketIO',
  'socketio.Server', 'socketio.AsyncServer', 'socketio.server.Server', 'socketio.async_server.AsyncServer',
  'engineio.Server', 'engineio.AsyncServer', 'engineio.server.Server', 'engineio.async_server.AsyncServer',
];
export const SOCKETIO_ORIGINS_KEYWORD = 'cors_allowed_origins';

/**
 * aiohttp's server-side WebSocket response: `await ws.prepare(request)` completes the handshake, and aiohttp checks
 * no origin (its documentation leaves it to the handler or a middleware).
 */
export const AIOHTTP_WEBSOCKET_RESPONSES: readonly string[] = ['aiohttp.web.WebSocketResponse', 'aiohttp.web_ws.WebSocketResponse'];
/** aiohttp middlewares run before every handler: one that reads Origin validates the handshake of all of them. */
export const AIOHTTP_MIDDLEWARE_DECORATORS: readonly string[] = ['aiohttp.web.middleware', 'aiohttp.web_middlewares.middleware'];
export const AIOHTTP_MIDDLEWARES_KEYWORD = 'middlewares';

/**
 * How code names the Origin header, compared lowercase with a string literal: the HTTP name, its WSGI/CGI environ key,
 * and the draft-hybi (pre-RFC 6455) `Sec-WebSocket-Origin` that websockify still accepts.
 */
export const ORIGIN_HEADER_NAMES: ReadonlySet<string> = new Set(['origin', 'http_origin', 'sec-websocket-origin']);

/** Library constants holding the header's name (`aiohttp.hdrs.ORIGIN`, `request.headers[hdrs.ORIGIN]`). */
export const ORIGIN_HEADER_CONSTANTS: readonly string[] = ['aiohttp.hdrs.ORIGIN'];
