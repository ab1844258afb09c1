// Checks made outside the handler, for the whole file: an aiohttp middleware that reads Origin validates every
// handler, websockify's ExpectOrigin plugin every connection; each case is a file of its own (the rule's fixture holds
// the handler-level cases).
import { describe, expect, it } from 'vitest';
import { analyzePython } from '../../src/engine/analyzePython.js';
import { allRules } from '../../src/rulekit/registry.js';

async function lines(source: string): Promise<number[]> {
  const rules = allRules().filter((r) => r.meta.id === 'websocket-origin-not-checked');
  const { findings } = await analyzePython('ws.py', source, rules, { keepSuppressed: false });
  return findings.map((f) => f.range.startLine);
}

const HANDLER = 'async def feed(request):\n    ws = web.WebSocketResponse()\n    await ws.prepare(request)\n    return ws\n';

describe('websocket-origin-not-checked on aiohttp handlers', () => {
  it('reports a WebSocketResponse prepared in a file that never reads Origin', async () => {
    expect(await lines(`from aiohttp import web\n\n\n${HANDLER}`)).toEqual([5]);
  });

  it('stays silent when the handler compares hdrs.ORIGIN', async () => {
    const checked = 'async def feed(request):\n    if request.headers.get(hdrs.ORIGIN) not in ALLOWED:\n        raise web.HTTPForbidden()\n    ws = web.WebSocketResponse()\n    await ws.prepare(request)\n    return ws\n';
    expect(await lines(`from aiohttp import hdrs\nfrom aiohttp import web\n\n\n${checked}`)).toEqual([]);
  });

  it('stays silent when a middleware passed to the Application reads the Origin header', async () => {
    const middleware = 'async def origin_check(request, handler):\n    if request.headers.get("Origin") not in ALLOWED:\n        raise web.HTTPForbidden()\n    return await handler(request)\n\n\n';
    const app = '\n\nAPP = web.Application(middlewares=[origin_check])\n';
    expect(await lines(`from aiohttp import web\n\n\n${middleware}${HANDLER}${app}`)).toEqual([]);
  });

  it('stays silent when a middleware of the file reads the Origin header', async () => {
    const middleware = '@web.middleware\nasync def origin_check(request, handler):\n    if request.headers.get("Origin") not in ALLOWED:\n        raise web.HTTPForbidden()\n    return await handler(request)\n\n\n';
    expect(await lines(`from aiohttp import web\n\n\n${middleware}${HANDLER}`)).toEqual([]);
  });
});

describe('websocket-origin-not-checked on websockify handlers', () => {
  const handler = 'class Handler(websockify.ProxyRequestHandler):\n    def new_websocket_client(self):\n        self.do_proxy(self.socket("h", 1, connect=True))\n';

  it('reports a handler that never reads Origin', async () => {
    expect(await lines(`import websockify\n\n\n${handler}`)).toEqual([5]);
  });

  it('stays silent when the file configures websockify\'s ExpectOrigin plugin', async () => {
    const server = '\n\ndef serve():\n    websockify.WebSocketProxy(RequestHandlerClass=Handler, auth_plugin=auth_plugins.ExpectOrigin("https://a.example.org")).start_server()\n';
    expect(await lines(`import websockify\nfrom websockify import auth_plugins\n\n\n${handler}${server}`)).toEqual([]);
  });
});
