import socket
from urllib import parse

from aiohttp import hdrs
from aiohttp import web
import flask_socketio
import socketio
import tornado.websocket
import websockets
import websockify
from websockify import websocketproxy


class ConsoleHandlerBase(object):
    # ruleid: websocket-origin-not-checked
    def new_websocket_client(self):
        token = parse.parse_qs(parse.urlparse(self.path).query).get('token', [''])[0]
        target = resolve_token(token)
        tsock = self.socket(target['host'], target['port'], connect=True)
        self.do_proxy(tsock)


class ConsoleHandler(ConsoleHandlerBase, websockify.ProxyRequestHandler):
    def socket(self, *args, **kwargs):
        return socket.create_connection(*args, **kwargs)


class SerialHandler(websocketproxy.ProxyRequestHandler):
    # ruleid: websocket-origin-not-checked
    def new_websocket_client(self):
        self.authorize(self.path)
        self.do_proxy(self.socket('127.0.0.1', 4555, connect=True))

    def authorize(self, path):
        if 'token=' not in path:
            raise ValueError('no token')


class CheckedHandler(websockify.ProxyRequestHandler):
    # The check is in a helper method of the class: the handshake reads Origin through it.
    # ok: websocket-origin-not-checked
    def new_websocket_client(self):
        self._verify_origin()
        self.do_proxy(self.socket('127.0.0.1', 5900, connect=True))

    def _verify_origin(self):
        origin = self.headers.get('origin')
        if origin is not None:
            expected = self.headers.get('Host', '').split(':')[0]
            if parse.urlparse(origin).hostname != expected:
                raise ValueError('Origin header does not match this host')


class CheckedInBase(object):
    def validate_origin(self):
        if parse.urlparse(self.headers['Origin']).hostname not in ALLOWED_HOSTS:
            raise ValueError('origin not allowed')


class CheckedMixinHandler(CheckedInBase, websockify.ProxyRequestHandler):
    # ok: websocket-origin-not-checked
    def new_websocket_client(self):
        super().validate_origin()
        self.do_proxy(self.socket('127.0.0.1', 5900, connect=True))


def check_environ_origin(environ):
    return environ.get('HTTP_ORIGIN') in ALLOWED_ORIGINS


class EnvironHandler(websockify.ProxyRequestHandler):
    # ok: websocket-origin-not-checked
    def new_websocket_client(self):
        if not check_environ_origin(self.environ):
            raise ValueError('bad origin')
        self.do_proxy(self.socket('127.0.0.1', 5900, connect=True))


class PlainHandler(object):
    # Not a WebSocket handler: nothing in this file makes it one.
    # ok: websocket-origin-not-checked
    def new_websocket_client(self):
        self.do_proxy(self.socket('127.0.0.1', 5900, connect=True))


class OpenEchoHandler(tornado.websocket.WebSocketHandler):
    def check_origin(self, origin):
        # ruleid: websocket-origin-not-checked
        return True

    def on_message(self, message):
        self.write_message(message)


class HostCheckedEchoHandler(tornado.websocket.WebSocketHandler):
    def check_origin(self, origin):
        # ok: websocket-origin-not-checked
        return parse.urlparse(origin).netloc in ALLOWED_HOSTS


class DebugEchoHandler(tornado.websocket.WebSocketHandler):
    def check_origin(self, origin):
        if self.settings.get('debug'):
            # ok: websocket-origin-not-checked
            return True
        return parse.urlparse(origin).netloc == self.request.host


class DefaultEchoHandler(tornado.websocket.WebSocketHandler):
    # tornado's own check_origin accepts only the request's host.
    # ok: websocket-origin-not-checked
    def on_message(self, message):
        self.write_message(message)


async def echo(websocket):
    async for message in websocket:
        await websocket.send(message)


async def main():
    # ruleid: websocket-origin-not-checked
    async with websockets.serve(echo, '0.0.0.0', 8765):
        await wait_forever()
    # ruleid: websocket-origin-not-checked
    server = await websockets.serve(echo, 'localhost', 8766, origins=None)
    # ok: websocket-origin-not-checked
    async with websockets.serve(echo, '0.0.0.0', 8767, origins=['https://app.example.org']):
        await wait_forever()
    # ok: websocket-origin-not-checked
    async with websockets.serve(echo, '0.0.0.0', 8768, **SERVER_OPTIONS):
        await wait_forever()
    return server


def make_socketio(app):
    # ruleid: websocket-origin-not-checked
    sio = flask_socketio.SocketIO(app, cors_allowed_origins='*')
    # ruleid: websocket-origin-not-checked
    server = socketio.AsyncServer(async_mode='aiohttp', cors_allowed_origins=[])
    # ok: websocket-origin-not-checked
    checked = socketio.Server(cors_allowed_origins=['https://app.example.org'])
    # ok: websocket-origin-not-checked
    default = socketio.Server()
    return sio, server, checked, default


async def feed(request):
    # ruleid: websocket-origin-not-checked
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    async for msg in ws:
        await ws.send_str(msg.data)
    return ws


async def checked_feed(request):
    if request.headers.get(hdrs.ORIGIN) not in ALLOWED_ORIGINS:
        raise web.HTTPForbidden()
    # ok: websocket-origin-not-checked
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    return ws
