// Objects a process shares between calls, and the calls that change a container in place, as data for the rules that
// look for per-call data written into shared state. Nothing here decides a finding.
import { WEBSOCKIFY_HANDLER_BASES } from './websockets.js';

/**
 * Methods of the built-in list, dict and set that change the receiver itself rather than build a new value (Python's
 * documentation, "Mutable Sequence Types", "Mapping Types — dict", "Set Types").
 */
export const IN_PLACE_METHODS: ReadonlySet<string> = new Set([
  'append', 'extend', 'insert', 'remove', 'pop', 'clear', 'sort', 'reverse',
  'update', 'setdefault', 'popitem',
  'add', 'discard', 'difference_update', 'intersection_update', 'symmetric_difference_update',
]);

/**
 * Standard-library and websockify request handlers: the server makes one instance per connection and runs its
 * methods for that client, so code there runs once per request (Python's http.server and socketserver documentation;
 * websockify's handlers derive from SimpleHTTPRequestHandler).
 */
export const REQUEST_HANDLER_BASES: ReadonlySet<string> = new Set([
  'http.server.BaseHTTPRequestHandler', 'http.server.SimpleHTTPRequestHandler', 'http.server.CGIHTTPRequestHandler',
  'BaseHTTPServer.BaseHTTPRequestHandler', 'SimpleHTTPServer.SimpleHTTPRequestHandler',
  'socketserver.BaseRequestHandler', 'socketserver.StreamRequestHandler', 'socketserver.DatagramRequestHandler',
  'SocketServer.BaseRequestHandler', 'SocketServer.StreamRequestHandler',
  'wsgiref.simple_server.WSGIRequestHandler',
  ...WEBSOCKIFY_HANDLER_BASES,
]);
