// A function that holds an application's response body (`resp.app_iter`, a Response from `req.get_response(app)`
// or from a function of this file that returns one, or a parameter its own callers pass an `app_iter` to) and drops
// it unclosed: returns it on some path but another body on another, or — for a sub-request's response known to hold
// the requested data — raises or returns without closing it. It does not follow the body into other functions or
// files, nor through exceptions raised by calls (resource-leak-on-exception's business); a body handed to any call
// it does not know is taken as passed on.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { CfgNode } from '../../../languages/python/model.js';
import { callee, calleeName, descendantsOfType, keywordArg, positionalArgs, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { shortestPath, NORMAL_FLOW, type FlowEdgeKind } from '../../../analysis/resources/typestate.js';
import { BODY_ITERABLE_ATTRIBUTES, ENVIRON_METHOD_KEY, HTTP_METHODS, RESPONSE_GETTERS, STREAMING_METHODS } from '../../../models/python/wsgi.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { bodyUse, reachedAfterSuccess, type BodyHandle } from '../../../rulekit/wsgiBody.js';

/** Normal flow and returns: the ways a function ends without an exception. */
const LEAVING: ReadonlySet<FlowEdgeKind> = new Set([...NORMAL_FLOW, 'return']);

export default defineRule({
  meta: {
    id: 'wsgi-body-dropped-unclosed',
    cwe: 772,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      dropped: {
        text: '`{fn}` returns `{returned}` here instead of {what} `{handle}` ({origin}) without closing it: PEP 3333 makes the caller of an application close its body, so whatever `{handle}` holds (a backend connection, a file, a green thread) stays open on every such request',
        fix: 'Close `{handle}` before returning a different body (`close_if_possible({close})`, or drain and close it), or return a body that wraps and closes it',
      },
      raised: {
        text: '`{fn}` raises `{raised}` while {what} `{handle}` ({origin}) is still open: nothing closes it on the way out, so the backend connection behind it stays open on every such request (PEP 3333 leaves closing it to this code)',
        fix: 'Close `{handle}` before raising (`close_if_possible({close})`, or swift\'s `drain_and_close({handle})`)',
      },
      neverClosed: {
        text: '`{fn}` gets {what} `{handle}` ({origin}) and, on some path, returns without closing, consuming or handing it on: PEP 3333 makes the caller of an application close its body, so the backend connection behind `{handle}` stays open on every such request',
        fix: 'Close `{handle}` once its status and headers are read (`close_if_possible({close})`, or swift\'s `drain_and_close({handle})`)',
      },
    },
    docs: {
      summary: 'A WSGI response body is dropped (replaced, raised over or left) without being closed',
      why: 'PEP 3333 says the server must call close() on the iterable an application returns; middleware that calls an application is that server. When it answers with its own body instead (a 304, 412 or 416 for a conditional or range request, a 413 after inspecting the response), or raises an error after a sub-request succeeded, and drops the application\'s iterable, nobody closes it: the backend connection, open file or green thread behind it is held until garbage collection, if ever. Repeated requests exhaust the proxy\'s connections and memory (CWE-772; OpenStack Swift OSSA-2016-004 / CVE-2016-0737).',
      example: 'class Reply(object):\n    def conditional_body(self, app_iter, etag):\n        if etag in self.request.if_none_match:\n            self.status = 304\n            return [b""]\n        return app_iter\n\n    def __call__(self, env, start_response):\n        start_response(self.status, self.headers)\n        return self.conditional_body(self.app_iter, self.etag)\n',
      useInstead: 'class Reply(object):\n    def conditional_body(self, app_iter, etag):\n        if etag in self.request.if_none_match:\n            self.status = 304\n            close_if_possible(app_iter)\n            return [b""]\n        return app_iter\n\n    def __call__(self, env, start_response):\n        start_response(self.status, self.headers)\n        return self.conditional_body(self.app_iter, self.etag)\n',
      fix: 'Before returning a body of your own, close the application\'s one (`close_if_possible(app_iter)`, swift\'s `friendly_close`/`drain_and_close`, or `resp.app_iter.close()`), or read it through `resp.body`, which consumes and closes it.',
      references: [
        'https://peps.python.org/pep-3333/#specification-details',
        'https://cwe.mitre.org/data/definitions/772.html',
        'https://security.openstack.org/ossa/OSSA-2016-004.html',
      ],
    },
  },
  create(ctx): Visitors {
    const model = ctx.model;
    /** Functions of this file, by node id, with the parameter positions some call of this file passes an app_iter. */
    const passedBodies = new Map<number, Set<number>>();
    /** Functions of this file that return what a response getter returns (`return sub_req.get_response(self.app)`). */
    const returners = new Set<number>();
    /** How many functions of this file carry each name: a method called on another object is matched by a unique name. */
    const nameCount = new Map<string, number>();
    const returnerNames = new Set<string>();
    // A file that never names a body attribute or a response getter holds no body: skipped before any analysis.
    if (![...BODY_ITERABLE_ATTRIBUTES, ...RESPONSE_GETTERS].some((name) => model.source.includes(name))) return {};
    return {
      module(root) {
        // descendantsOfType stops at nested definitions: every function's calls are asked apart.
        for (const f of model.functions()) {
          const name = f.childForFieldName('name')?.text ?? '';
          nameCount.set(name, (nameCount.get(name) ?? 0) + 1);
          if (descendantsOfType(f.childForFieldName('body')!, 'return_statement').some((r) => isGetterCall(returnValue(r)))) {
            returners.add(f.id);
            returnerNames.add(name);
          }
        }
        const calls = [root, ...model.functions()].flatMap((f) => descendantsOfType(f.type === 'module' ? f : f.childForFieldName('body')!, 'call'));
        for (const call of calls) {
          const target = callee(call);
          const args = positionalArgs(call);
          if (!target || !args.some(isBodyRead)) continue;
          const fn = model.definitionOf(target);
          if (!fn) continue;
          const params = model.parameters(fn).filter((p) => !p.receiver && (p.kind === 'positional' || p.kind === 'positional-only'));
          args.forEach((a, i) => {
            if (!isBodyRead(a) || !params[i]) return;
            const set = passedBodies.get(fn.id) ?? new Set<number>();
            set.add(params[i]!.index);
            passedBodies.set(fn.id, set);
          });
        }
      },
      function_definition(fn) {
        const body = fn.childForFieldName('body');
        if (!body || descendantsOfType(body, new Set(['yield'])).length > 0) return;
        const returns = descendantsOfType(body, 'return_statement');
        const reported = new Set<number>();
        const fnName = fn.childForFieldName('name')?.text ?? 'function';
        for (const handle of handlesOf(fn)) {
          const names = new Set([handle.name]);
          // The function hands this body to its caller on some path: its return value is the response body.
          const returnsIt = returns.some((r) => handsOn(r, handle.name));
          // A body passed in is the caller's to close unless the function returns it; one obtained here is its own.
          if (!returnsIt && !handle.stmt) continue;
          const cfg = model.cfg(fn);
          const starts = handle.stmt ? cfg.nodesAt(handle.stmt) : [cfg.entry];
          if (starts.length === 0) continue;
          const after = handle.stmt?.endIndex ?? body.startIndex;
          const done = new Set<CfgNode>();
          for (const id of descendantsOfType(body, 'identifier')) {
            if (id.startIndex < after || id.text !== handle.name) continue;
            if (bodyUse(id) !== 'inspects') for (const n of cfg.nodesAt(id)) done.add(n);
          }
          const follow = (e: { from: CfgNode; kind: string }): boolean => e.kind !== 'false' || !truthTest(e.from.ast, names);
          const evidence = [{ node: handle.at, message: `\`${handle.name}\` holds an application's response body (${handle.origin})` }];
          const data = {
            fn: fnName,
            what: handle.response ? 'the response' : 'the body',
            handle: handle.name,
            origin: handle.origin,
            close: handle.response ? `${handle.name}.app_iter` : handle.name,
          };
          if (handle.stmt && handle.response && handle.streams) {
            // Obtained here and known to hold the requested data (the path passed a success test of it): a raise of
            // the function's own, or a return that neither closes nor hands it on, leaves it open.
            const reach = (target: (n: CfgNode) => boolean, edges: ReadonlySet<FlowEdgeKind>): boolean =>
              reachedAfterSuccess(starts, target, { avoiding: done, edges, follow, names });
            for (const raise of descendantsOfType(body, 'raise_statement')) {
              if (raise.namedChildren.length === 0 || insideTry(raise, fn)) continue;
              const at = cfg.nodesOf(raise);
              if (!reach((n) => at.includes(n), NORMAL_FLOW)) continue;
              reported.add(raise.id);
              ctx.report({ node: raise, messageId: 'raised', data: { ...data, raised: raise.namedChildren[0]!.text.slice(0, 40) }, evidence });
            }
            if (!returnsIt && reach((n) => n === cfg.exit, LEAVING)) ctx.report({ node: handle.at, messageId: 'neverClosed', data, evidence });
          }
          if (!returnsIt || !handle.streams) continue;
          // Every return of another body that some path reaches with this one still owed.
          for (const ret of returns) {
            if (reported.has(ret.id) || !dropsBody(ret, handle.name, names)) continue;
            const at = new Set(cfg.nodesOf(ret).filter((n) => !starts.includes(n)));
            if (at.size === 0 || !shortestPath(starts, (n) => at.has(n), { avoiding: done, edges: NORMAL_FLOW, follow })) continue;
            reported.add(ret.id);
            ctx.report({
              node: ret,
              messageId: 'dropped',
              data: { ...data, returned: unparenthesize(returnValue(ret)!).text.slice(0, 40) },
              evidence,
            });
          }
        }
      },
    };

    function handlesOf(fn: SyntaxNode): BodyHandle[] {
      const out: BodyHandle[] = [];
      const passed = passedBodies.get(fn.id);
      if (passed) {
        for (const p of model.parameters(fn)) {
          if (passed.has(p.index)) out.push({ name: p.name, at: p.declaration, stmt: null, response: false, streams: true, origin: 'callers in this file pass it a response\'s `app_iter`' });
        }
      }
      for (const a of descendantsOfType(fn.childForFieldName('body')!, 'assignment')) {
        const left = a.childForFieldName('left');
        const right = a.childForFieldName('right');
        if (left?.type !== 'identifier' || !right) continue;
        const value = unparenthesize(right);
        if (isBodyRead(value)) out.push({ name: left.text, at: a, stmt: a.parent ?? a, response: false, streams: true, origin: `\`${value.text}\`` });
        else if (isGetterCall(value) || returnsResponse(value)) {
          const streams = !isGetterCall(value) || streamingRequest(value);
          out.push({ name: left.text, at: a, stmt: a.parent ?? a, response: true, streams, origin: `from \`${callee(value)!.text}()\`` });
        }
      }
      return out;
    }

    /**
     * Whether the getter's request may stream a stored body: false when a literal method other than GET is given to
     * the getter (`get_response(app, method='HEAD')`, `get_response(app, 'HEAD')`) or to the call that built the
     * request (`make_subrequest(env, method='PUT')`), for every value the request name may hold.
     */
    function streamingRequest(getter: SyntaxNode): boolean {
      const own = literalMethod(getter);
      if (own) return STREAMING_METHODS.has(own);
      const receiver = callee(getter)?.childForFieldName('object');
      if (!receiver) return true;
      const r = unparenthesize(receiver);
      if (r.type === 'call') return STREAMING_METHODS.has(requestMethod(r) ?? 'GET');
      if (r.type !== 'identifier') return true;
      const values = model.valuesOf(r);
      if (values.length === 0) return true;
      return values.some((v) => !v || v.type !== 'call' || STREAMING_METHODS.has(requestMethod(v) ?? 'GET'));
    }

    /**
     * The method a request-building call names: a literal method argument, or the `REQUEST_METHOD` of the environ it
     * is given (`Request.blank(path, environ=env)` after `env['REQUEST_METHOD'] = 'HEAD'` in this function).
     */
    function requestMethod(call: SyntaxNode): string | null {
      const own = literalMethod(call);
      if (own) return own;
      const fn = call.parent ? model.dataflowOwner(call) : null;
      const body = fn?.type === 'function_definition' ? fn.childForFieldName('body') : null;
      if (!body) return null;
      const environs = new Set(call.childForFieldName('arguments')?.namedChildren.flatMap((a) => {
        const v = a?.type === 'keyword_argument' ? a.childForFieldName('value') : a;
        return v?.type === 'identifier' ? [v.text] : [];
      }) ?? []);
      for (const a of descendantsOfType(body, 'assignment')) {
        const left = a.childForFieldName('left');
        if (left?.type !== 'subscript' || !environs.has(left.childForFieldName('value')?.text ?? '')) continue;
        if (stringValue(left.childForFieldName('subscript')) !== ENVIRON_METHOD_KEY) continue;
        const v = stringValue(unparenthesize(a.childForFieldName('right')!));
        if (v) return v.toUpperCase();
      }
      return null;
    }

    /** A call of a function of this file that returns a response getter's result. */
    function returnsResponse(value: SyntaxNode): boolean {
      if (value.type !== 'call' || returners.size === 0) return false;
      const target = callee(value);
      if (!target) return false;
      const def = model.definitionOf(target);
      if (def) return returners.has(def.id);
      const name = calleeName(value) ?? '';
      return target.type === 'attribute' && returnerNames.has(name) && nameCount.get(name) === 1;
    }
  },
});

/** The HTTP method a call names as a literal: `method='HEAD'`, or a positional string that is a method name. */
function literalMethod(call: SyntaxNode): string | null {
  const kw = keywordArg(call, 'method');
  if (kw) return stringValue(unparenthesize(kw))?.toUpperCase() ?? null;
  for (const a of positionalArgs(call)) {
    const v = stringValue(unparenthesize(a));
    if (v && HTTP_METHODS.has(v.toUpperCase())) return v.toUpperCase();
  }
  return null;
}

/** `req.get_response(app)` and the like. */
function isGetterCall(node: SyntaxNode | null): boolean {
  if (!node) return false;
  const v = unparenthesize(node);
  return v.type === 'call' && callee(v)?.type === 'attribute' && RESPONSE_GETTERS.has(calleeName(v) ?? '');
}

/** `x.app_iter`, read (not called). */
function isBodyRead(node: SyntaxNode): boolean {
  const n = unparenthesize(node);
  return n.type === 'attribute' && BODY_ITERABLE_ATTRIBUTES.has(n.childForFieldName('attribute')?.text ?? '');
}

function returnValue(ret: SyntaxNode): SyntaxNode | null {
  return ret.namedChildren.find((c) => c !== null) ?? null;
}

/**
 * A return of some other body: a value that is not None, does not mention the handle, and is not guarded by a test
 * of the handle itself (`if not app_iter: return [b'']` — nothing to close there).
 */
function dropsBody(ret: SyntaxNode, name: string, names: ReadonlySet<string>): boolean {
  const value = returnValue(ret);
  if (!value || unparenthesize(value).type === 'none' || handsOn(ret, name)) return false;
  for (let n = ret.parent; n && n.type !== 'function_definition'; n = n.parent) {
    if ((n.type === 'if_statement' || n.type === 'elif_clause' || n.type === 'while_statement') && testsHandle(n.childForFieldName('condition'), names)) return false;
  }
  return true;
}

/** The handle itself (not one of its attributes) is tested: its truth, its identity, its type. */
function testsHandle(cond: SyntaxNode | null, names: ReadonlySet<string>): boolean {
  if (!cond) return false;
  return descendantsOfType(cond, 'identifier').some((id) => names.has(id.text) && id.parent?.type !== 'attribute');
}

/**
 * `if app_iter:` / `if app_iter is not None:`: its false branch holds an empty or missing body, nothing to close
 * (`if app_iter: return app_iter` followed by a body of the function's own).
 */
function truthTest(ast: SyntaxNode | null, names: ReadonlySet<string>): boolean {
  if (!ast) return false;
  const cond = ast.type === 'if_statement' || ast.type === 'elif_clause' || ast.type === 'while_statement' ? ast.childForFieldName('condition') : ast;
  if (!cond) return false;
  const c = unparenthesize(cond);
  if (c.type === 'identifier') return names.has(c.text);
  if (c.type !== 'comparison_operator') return false;
  const parts = c.namedChildren.filter((x) => x !== null);
  return parts.length === 2 && names.has(parts[0]!.text) && parts[1]!.type === 'none' && c.text.replace(/\s+/g, ' ').includes(' is not ');
}

/** The return passes the body on: the handle itself, a wrapper given it, `resp(env, start_response)` — not `resp.status`. */
function handsOn(ret: SyntaxNode, name: string): boolean {
  const value = returnValue(ret);
  if (!value) return false;
  const ids = value.type === 'identifier' ? [value] : descendantsOfType(value, 'identifier');
  return ids.some((id) => id.text === name && bodyUse(id) === 'discharges');
}

/**
 * Inside the body of a try of this function: a handler or finally there may close the body (the graph does not tell
 * which exception a clause catches), so an explicit raise there is not judged.
 */
function insideTry(node: SyntaxNode, fn: SyntaxNode): boolean {
  for (let n: SyntaxNode | null = node; n && n.id !== fn.id; n = n.parent) {
    if (n.parent?.type === 'try_statement' && n.parent.childForFieldName('body')?.id === n.id) return true;
  }
  return false;
}
