// CWE-1385: a server-side WebSocket endpoint that accepts the handshake without comparing the request's Origin with
// the sites it serves. Which classes, calls and settings make an endpoint is data (models/python/websockets.ts); the
// rule decides by what the code reads, not by names: any read of the Origin header in a handshake hook, or in a method
// or function of this file it calls, counts as validation. A check made in another file (a subclass, an aiohttp
// middleware registered elsewhere) is not seen: those endpoints are reported, hence confidence medium.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { callee, descendantsOfType, hasStarArgs, keywordArg, positionalArg, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import {
  AIOHTTP_MIDDLEWARE_DECORATORS, AIOHTTP_MIDDLEWARES_KEYWORD, AIOHTTP_WEBSOCKET_RESPONSES, ORIGIN_HEADER_CONSTANTS, ORIGIN_HEADER_NAMES, SOCKETIO_ORIGINS_KEYWORD, SOCKETIO_SERVERS,
  TORNADO_HANDLER_BASES, TORNADO_ORIGIN_HOOK, WEBSOCKETS_HANDSHAKE_KEYWORDS, WEBSOCKETS_ORIGINS_KEYWORD,
  WEBSOCKETS_SERVE_CALLS, WEBSOCKET_MODULES, WEBSOCKIFY_ACCEPT_METHODS, WEBSOCKIFY_HANDLER_BASES, WEBSOCKIFY_HANDSHAKE_METHODS,
  WEBSOCKIFY_ORIGIN_PLUGINS,
} from '../../../models/python/websockets.js';
import { ancestry, classesByName } from '../../../rulekit/classLineage.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { abbreviate } from '../../../rulekit/text.js';

export default defineRule({
  meta: {
    id: 'websocket-origin-not-checked',
    cwe: 1385,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      handlerNoOrigin: {
        text: '`{cls}.{method}()` accepts WebSocket connections (a {library} handler) without reading the request\'s Origin header: a page on any site the user visits can open this socket with the user\'s cookies or token (cross-site WebSocket hijacking)',
        fix: 'In `{method}()`, before connecting anything, read `self.headers.get(\'Origin\')`, parse it (urllib.parse.urlparse) and reject the connection unless its scheme and host match the request\'s Host or a configured list of allowed origins',
      },
      checkOriginTrue: {
        text: '`{cls}.check_origin()` returns True for every origin: tornado then accepts WebSocket handshakes from pages on any site, with the user\'s cookies (cross-site WebSocket hijacking)',
        fix: 'Remove the override (tornado accepts only the request\'s own host by default) or compare `urllib.parse.urlparse(origin).netloc` with a list of allowed hosts and return False otherwise',
      },
      serveAnyOrigin: {
        text: '`{call}` serves WebSockets with {origins}: the library accepts handshakes from pages on any site, and the browser sends the user\'s cookies with them (cross-site WebSocket hijacking)',
        fix: 'Pass `origins=[...]` with the origins of the pages allowed to connect (e.g. `origins=["https://app.example.org"]`); websockets then rejects other handshakes with 403',
      },
      socketioAnyOrigin: {
        text: '`{call}` sets `cors_allowed_origins={value}`: the Socket.IO server accepts connections from pages on any site, with the user\'s cookies (cross-site WebSocket hijacking)',
        fix: 'Leave `cors_allowed_origins` out (the request\'s own origin only) or list the allowed origins, e.g. `cors_allowed_origins=["https://app.example.org"]`',
      },
      aiohttpNoOrigin: {
        text: '`{fn}()` completes a WebSocket handshake with `{call}` without reading the request\'s Origin header: a page on any site can open this socket with the user\'s cookies (cross-site WebSocket hijacking)',
        fix: 'Before `prepare(request)`, compare `request.headers.get(hdrs.ORIGIN)` with the allowed origins and raise `web.HTTPForbidden()` otherwise',
      },
    },
    docs: {
      summary: 'WebSocket handshake accepted without validating the Origin header',
      why: 'A browser opens a WebSocket to any host a page asks for and sends that host\'s cookies (and HTTP authentication) with the handshake; the same-origin policy does not apply to WebSockets. The only sign of which site opened the socket is the `Origin` header (RFC 6455 §10.2). A server endpoint that does not compare it with the sites it serves lets any page the logged-in user visits open the socket as that user and read and write on it: cross-site WebSocket hijacking (CWE-1385).\n\n**Class.** Defect: a server-side WebSocket endpoint that accepts the upgrade without validating `Origin`. Reported where the code shows an endpoint unambiguously: a websockify request handler (a class deriving from `ProxyRequestHandler`/`WebSocketRequestHandler` in the file, or a mixin such a class combines) whose `new_websocket_client`/`do_websocket_handshake` — and the methods and functions of the file they call — never read the Origin header; a tornado `WebSocketHandler` whose `check_origin` returns True unconditionally; `websockets.serve(...)` without `origins=` or with `origins=None`; a Socket.IO/Engine.IO server with `cors_allowed_origins=\'*\'` or `[]`; an aiohttp handler preparing a `web.WebSocketResponse` when neither it (nor what it calls) nor a middleware of the file (`@web.middleware`, `middlewares=[...]`) reads Origin. Any read of `Origin` (`HTTP_ORIGIN`, `hdrs.ORIGIN`) counts as validation. Real case: nova\'s noVNC/SPICE console proxy validated the console token but never the origin (OSSA-2015-005, CVE-2015-0259); the fix compared the Origin\'s host and scheme with the request\'s Host and the configured base URL. References: CWE-1385 (child of CWE-346, pillar CWE-693); OWASP HTML5 Security Cheat Sheet, WebSockets ("validate the Origin header during the handshake"); RFC 6455 §10.2.',
      example: 'import websockify\n\n\nclass ConsoleProxyHandler(websockify.ProxyRequestHandler):\n    def new_websocket_client(self):\n        token = self.path.split("token=")[-1]\n        target = lookup_console(token)\n        self.do_proxy(self.socket(target.host, target.port, connect=True))\n',
      useInstead: 'from urllib import parse\n\nimport websockify\n\n\nclass ConsoleProxyHandler(websockify.ProxyRequestHandler):\n    def new_websocket_client(self):\n        origin = self.headers.get("Origin")\n        if origin is not None:\n            host = self.headers.get("Host", "").split(":")[0]\n            if parse.urlparse(origin).hostname != host:\n                raise ValueError("Origin header does not match this host")\n        token = self.path.split("token=")[-1]\n        target = lookup_console(token)\n        self.do_proxy(self.socket(target.host, target.port, connect=True))\n',
      fix: 'Validate the Origin header during the handshake: parse it and accept only the scheme and host of the request\'s Host header or of a configured allow-list (websockets: `origins=[...]`; tornado: keep the default `check_origin` or compare hosts; Socket.IO: a list in `cors_allowed_origins`), and reject the connection otherwise. A missing Origin comes from a non-browser client and may be accepted.',
      references: [
        'https://cwe.mitre.org/data/definitions/1385.html',
        'https://cheatsheetseries.owasp.org/cheatsheets/HTML5_Security_Cheat_Sheet.html#websockets',
        'https://security.openstack.org/ossa/OSSA-2015-005.html',
        'https://www.rfc-editor.org/rfc/rfc6455#section-10.2',
      ],
    },
  },
  create(ctx): Visitors {
    const model = ctx.model;
    if (!WEBSOCKET_MODULES.some((m) => model.imports.importsModule(m))) return {};
    const classes = classesByName(model);
    const reported = new Set<number>();
    let middlewareReadsOrigin: boolean | undefined;
    return {
      class_definition(cls) {
        const lineage = ancestry(model, cls, classes);
        const name = cls.childForFieldName('name')?.text ?? 'handler';
        if (lineage.external.some((b) => WEBSOCKIFY_HANDLER_BASES.includes(b))) {
          const accept = WEBSOCKIFY_ACCEPT_METHODS.map((m) => lookup(lineage.classes, m)).find((m) => m !== null);
          if (!accept || reported.has(accept.id)) return;
          const hooks = WEBSOCKIFY_HANDSHAKE_METHODS.map((m) => lookup(lineage.classes, m)).filter((m): m is SyntaxNode => m !== null);
          if (hooks.some((h) => readsOrigin(model, h, lineage.classes, new Set()))) return;
          if (model.mayCall(WEBSOCKIFY_ORIGIN_PLUGINS)) return;
          reported.add(accept.id);
          const owner = model.enclosingClass(accept)?.childForFieldName('name')?.text ?? name;
          ctx.report({
            node: accept.childForFieldName('name') ?? accept,
            messageId: 'handlerNoOrigin',
            data: { cls: owner, method: accept.childForFieldName('name')?.text ?? 'new_websocket_client', library: 'websockify' },
            evidence: owner === name ? [] : [{ node: cls.childForFieldName('name') ?? cls, message: `\`${name}\` combines it with a websockify request handler` }],
          });
          return;
        }
        if (lineage.external.some((b) => TORNADO_HANDLER_BASES.includes(b))) {
          const hook = lookup(lineage.classes, TORNADO_ORIGIN_HOOK);
          if (!hook || reported.has(hook.id)) return;
          const always = alwaysReturnsTrue(hook);
          if (!always) return;
          reported.add(hook.id);
          ctx.report({ node: always, messageId: 'checkOriginTrue', data: { cls: model.enclosingClass(hook)?.childForFieldName('name')?.text ?? name } });
        }
      },
      call(node) {
        const name = model.callMatching(node, WEBSOCKETS_SERVE_CALLS);
        if (name) {
          const origins = keywordArg(node, WEBSOCKETS_ORIGINS_KEYWORD);
          if (origins ? unparenthesize(origins).type !== 'none' : hasStarArgs(node)) return;
          for (const kw of WEBSOCKETS_HANDSHAKE_KEYWORDS) {
            const hook = keywordArg(node, kw);
            if (!hook) continue;
            const fn = model.definitionOf(hook);
            if (!fn || readsOrigin(model, fn, [], new Set())) return;
          }
          const handler = keywordArg(node, 'handler') ?? keywordArg(node, 'ws_handler') ?? positionalArg(node, 0);
          const handlerFn = handler ? model.definitionOf(handler) : null;
          if (handlerFn && readsOrigin(model, handlerFn, [], new Set())) return;
          ctx.report({ node: origins ?? callee(node) ?? node, messageId: 'serveAnyOrigin', data: { call: abbreviate(node.text), origins: origins ? '`origins=None`' : 'no `origins=` list' } });
          return;
        }
        if (model.callMatching(node, SOCKETIO_SERVERS)) {
          const value = keywordArg(node, SOCKETIO_ORIGINS_KEYWORD);
          if (!value) return;
          const v = unparenthesize(value);
          const any = stringValue(v) === '*' || (v.type === 'list' && v.namedChildCount === 0)
            || (v.type === 'list' && v.namedChildren.some((c) => stringValue(c) === '*'));
          if (any) ctx.report({ node: value, messageId: 'socketioAnyOrigin', data: { call: abbreviate(node.text), value: v.text } });
          return;
        }
        if (model.callMatching(node, AIOHTTP_WEBSOCKET_RESPONSES)) {
          let fn: SyntaxNode | null = node.parent;
          while (fn && fn.type !== 'function_definition') fn = fn.parent;
          if (!fn || readsOrigin(model, fn, [], new Set())) return;
          // A middleware of the file may check the origin for every handler.
          middlewareReadsOrigin ??= middlewares(model).some((m) => readsOrigin(model, m, [], new Set()));
          if (middlewareReadsOrigin) return;
          ctx.report({ node, messageId: 'aiohttpNoOrigin', data: { fn: fn.childForFieldName('name')?.text ?? 'handler', call: abbreviate(node.text) } });
        }
      },
    };
  },
});

/**
 * The aiohttp middlewares of the file: functions decorated with `web.middleware`, and functions named in a
 * `middlewares=` argument (`web.Application(middlewares=[check_origin])`).
 */
function middlewares(model: PythonModel): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const fn of model.functions()) {
    if (model.decorators(fn).some((d) => AIOHTTP_MIDDLEWARE_DECORATORS.includes(model.qualifiedName(d) ?? ''))) out.push(fn);
  }
  for (const kw of model.root.descendantsOfType('keyword_argument')) {
    if (kw.childForFieldName('name')?.text !== AIOHTTP_MIDDLEWARES_KEYWORD) continue;
    for (const id of kw.childForFieldName('value')?.descendantsOfType('identifier') ?? []) {
      const fn = model.definitionOf(id);
      if (fn) out.push(fn);
    }
  }
  return out;
}


/** The method `name` as the first class of `lineage` that defines it provides it, or null. */
function lookup(lineage: readonly SyntaxNode[], name: string): SyntaxNode | null {
  for (const cls of lineage) {
    for (const c of cls.childForFieldName('body')?.namedChildren ?? []) {
      const fn = c?.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
      if (fn?.type === 'function_definition' && fn.childForFieldName('name')?.text === name) return fn;
    }
  }
  return null;
}

/**
 * Whether `fn` reads the Origin header, itself or through what it calls: `self.m()`, `super().m()` and `Base.m(self)`
 * resolved in the lineage, and plain functions of this file.
 */
function readsOrigin(model: PythonModel, fn: SyntaxNode, lineage: readonly SyntaxNode[], seen: Set<number>): boolean {
  if (seen.has(fn.id)) return false;
  seen.add(fn.id);
  const body = fn.childForFieldName('body');
  if (!body) return false;
  if (bodyReadsOrigin(model, body)) return true;
  for (const call of descendantsOfType(body, 'call')) {
    const f = callee(call);
    if (!f) continue;
    let target: SyntaxNode | null = null;
    if (f.type === 'attribute') {
      const object = f.childForFieldName('object');
      const method = f.childForFieldName('attribute')?.text ?? '';
      const viaClass = object?.type === 'identifier' && lineage.some((c) => c.childForFieldName('name')?.text === object.text);
      if (object?.text === 'self' || object?.type === 'call' && callee(object)?.text === 'super' || viaClass) target = lookup(lineage, method);
      // `self.m` as defined in the class that reads it, when the class is not in the lineage (a helper class).
      target ??= object?.text === 'self' ? model.definitionOf(f) : null;
    } else {
      target = model.definitionOf(f);
    }
    if (target && readsOrigin(model, target, lineage, seen)) return true;
  }
  return false;
}

/**
 * A string literal naming the Origin header (any case) or a library constant holding it, anywhere under `node`,
 * nested functions and classes included.
 */
function bodyReadsOrigin(model: PythonModel, node: SyntaxNode): boolean {
  for (const s of node.descendantsOfType('string')) {
    const v = stringValue(s);
    if (v !== null && ORIGIN_HEADER_NAMES.has(v.toLowerCase())) return true;
  }
  for (const a of node.descendantsOfType('attribute')) {
    if (a.childForFieldName('attribute')?.text !== 'ORIGIN') continue;
    const q = model.qualifiedName(a);
    if (q && ORIGIN_HEADER_CONSTANTS.includes(q)) return true;
  }
  return false;
}

/** The `return True` of a method whose every return gives the constant True (and that has one), else null. */
function alwaysReturnsTrue(fn: SyntaxNode): SyntaxNode | null {
  const body = fn.childForFieldName('body');
  if (!body) return null;
  // descendantsOfType leaves nested functions out: these are the method's own returns.
  const returns = descendantsOfType(body, 'return_statement');
  if (returns.length === 0) return null;
  for (const r of returns) {
    const v = r.namedChildren[0];
    if (!v || unparenthesize(v).type !== 'true') return null;
  }
  // A body that can raise (rejecting an origin by exception) or falls off its end (None) does not accept everything.
  if (descendantsOfType(body, 'raise_statement').length > 0) return null;
  const last = body.namedChildren[body.namedChildren.length - 1];
  if (last?.type !== 'return_statement') return null;
  return returns[0]!;
}
