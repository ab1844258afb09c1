// CWE-770: a remote call (REST to another service, RPC, an API client lookup) made once per element of a
// collection the API caller chose, with no bound on its length, or inside a multiplicative loop (a loop nested in
// another, or a loop in a scheduler filter that runs once per host). One-hop helpers on `self` are followed.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { callee, calleeName, descendantsOfType, mentionsName } from '../../../languages/python/syntax.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { API_CONSTRUCTORS, IN_PROCESS_RECEIVER, LIMIT_CHECK_METHODS, PER_HOST_METHODS, REMOTE_METHODS, REMOTE_RECEIVER, REQUEST_DATA_ATTRIBUTES } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { brief, callsIn, calleeText, isReleaseCall, line, networkCall, receiver } from '../../../rulekit/openstack.js';

const LOOP_EXIT_NODES = new Set(['return_statement', 'break_statement']);

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const LOOPS = new Set(['for_statement', ...COMPREHENSIONS]);
const REQUEST_READ = new RegExp(`\\b(req|request)\\.(${[...REQUEST_DATA_ATTRIBUTES].join('|')})\\b`);

interface Remote { call: SyntaxNode; via: string | null; remote: string }

function directRemote(model: PythonModel, call: SyntaxNode): boolean {
  const name = calleeName(call) ?? '';
  const obj = receiver(call);
  if (!obj || IN_PROCESS_RECEIVER.test(obj.text) || /^[A-Z]/.test(name)) return false;
  if (REMOTE_METHODS.has(name) || (networkCall(call) && /^(show|list|create|update|delete)_/.test(name) && obj.text !== 'self')) return true;
  // Building a client (`network.API()`) is not itself a call to the service.
  if (API_CONSTRUCTORS.test(model.callName(call) ?? '')) return false;
  return REMOTE_RECEIVER.test(obj.text) && !/^_/.test(name);
}

/**
 * Methods of the class, and of its base classes defined in the same module, whose own body makes a remote call:
 * name → the first such call. Subclass definitions shadow the bases'.
 */
function remoteHelpers(model: PythonModel, cls: SyntaxNode, seen = new Set<number>()): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  if (seen.has(cls.id)) return out;
  seen.add(cls.id);
  for (const base of model.classBases(cls)) {
    const def = descendantsOfType(model.root, 'class_definition').find((c) => c.childForFieldName('name')?.text === base.text);
    if (def) for (const [k, v] of remoteHelpers(model, def, seen)) out.set(k, v);
  }
  for (const def of descendantsOfType(cls.childForFieldName('body')!, 'function_definition')) {
    if (model.enclosingClass(def)?.id !== cls.id) continue;
    const name = def.childForFieldName('name')!.text;
    const body = def.childForFieldName('body');
    const hit = body ? callsIn(body).find((c) => directRemote(model, c)) : undefined;
    if (hit) out.set(name, hit); else out.delete(name);
  }
  return out;
}

/** The iterable and the per-item part of a loop or comprehension. */
function loopParts(loop: SyntaxNode): { iterable: SyntaxNode; items: SyntaxNode[]; variable: SyntaxNode | null } | null {
  if (loop.type === 'for_statement') {
    const iterable = loop.childForFieldName('right');
    const body = loop.childForFieldName('body');
    return iterable && body ? { iterable, items: [body], variable: loop.childForFieldName('left') } : null;
  }
  const clauses = loop.namedChildren.filter((c): c is SyntaxNode => c?.type === 'for_in_clause');
  const first = clauses[0];
  const iterable = first?.childForFieldName('right');
  if (!first || !iterable) return null;
  const items = loop.namedChildren.filter((c): c is SyntaxNode => c !== null && c.id !== first.id);
  return { iterable, items, variable: first.childForFieldName('left') };
}

/** Loops over `range(n)`, literal tuples/lists or `while` retries are bounded by the code, not by the caller. */
function boundedIterable(iterable: SyntaxNode): boolean {
  if (['list', 'tuple', 'set', 'string', 'integer'].includes(iterable.type)) return true;
  return iterable.type === 'call' && /^(range|xrange|enumerate\(range)$/.test(calleeName(iterable) ?? '');
}

/**
 * Where a collection came from the API caller: the iterable mentions, or a local it names was assigned from,
 * `scheduler_hints`, a request body or request parameters. Returns the expression as written and its line.
 */
function userSource(iterable: SyntaxNode, fnBody: SyntaxNode, fnParams: Set<string>): { text: string; node: SyntaxNode } | null {
  // `scheduler_hints` anywhere; a `body` parameter; request data read off a request (`req.params`, `req.GET`).
  const fromUser = (e: SyntaxNode): boolean =>
    /\bscheduler_hints\b/.test(e.text) || (fnParams.has('body') && /\bbody\b/.test(e.text)) ||
    REQUEST_READ.test(e.text);
  if (fromUser(iterable)) return { text: brief(iterable, 50), node: iterable };
  if (iterable.type !== 'identifier') return null;
  for (const a of descendantsOfType(fnBody, 'assignment')) {
    if (a.childForFieldName('left')?.text !== iterable.text) continue;
    const right = a.childForFieldName('right');
    if (right && fromUser(right)) return { text: brief(right, 50), node: a };
  }
  return null;
}

/** A length comparison, a slice or a quota/limit check on the collection bounds it. */
function bounded(fnBody: SyntaxNode, iterable: SyntaxNode): boolean {
  const root = iterable.type === 'identifier' ? iterable.text : null;
  for (const c of callsIn(fnBody)) {
    if (LIMIT_CHECK_METHODS.test(calleeName(c) ?? '')) return true;
    if (calleeName(c) === 'len' && root && mentionsName(c, new Set([root])) && c.parent?.type === 'comparison_operator') return true;
    if (calleeName(c) === 'islice') return true;
  }
  return !!root && descendantsOfType(fnBody, 'subscript').some((s) => s.childForFieldName('value')?.text === root && s.namedChildren.some((x) => x?.type === 'slice'));
}

export default defineRule({
  meta: {
    id: 'unbounded-remote-calls-per-item',
    cwe: 770,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      userList: {
        text: '`{call}`{via} makes a remote call once per element of `{iterable}`{origin}, which the API caller chooses, with no limit on its length{perHost}',
        fix: 'Reject requests where len({iterable}) exceeds a configured maximum (or a quota) before the loop, or fetch all elements with one filtered call instead of one call per element',
      },
      nested: {
        text: '`{call}`{via} makes a remote call inside the loop over `{iterable}` (line {line}), which itself runs {outer}: the number of calls grows with the product of both',
        fix: 'Fetch the data for all elements of `{iterable}` once, outside {outerShort}, (one filtered/bulk call) and look items up in a dict inside the loop',
      },
    },
    docs: {
      summary: 'Remote API call per element of a caller-supplied list, or inside a multiplicative loop, without a bound',
      why: 'An API caller controls how many scheduler hints, requested networks or rule references a request carries. When each element costs a REST or RPC call (and, in a scheduler filter, once more per candidate host), one request can make thousands of calls and tie up the API, conductor and database: a denial of service against every tenant (CWE-770, CWE-400).',
      example: 'class SameZoneFilter(BaseHostFilter):\n    def _zone_of(self, context, server_id):\n        return self.compute_api.get(context, server_id).availability_zone\n\n    def host_passes(self, host_state, spec):\n        wanted = spec.scheduler_hints.get("near", [])\n        return all(self._zone_of(spec.context, s) == host_state.zone for s in wanted)\n',
      useInstead: 'class SameZoneFilter(BaseHostFilter):\n    def _zones_of(self, context, server_ids):\n        return {s.availability_zone for s in self.compute_api.get_all(context, {"uuid": server_ids})}\n\n    def host_passes(self, host_state, spec):\n        wanted = spec.scheduler_hints.get("near", [])\n        if len(wanted) > MAX_HINTS:\n            return False\n        return self._zones_of(spec.context, wanted) == {host_state.zone}\n',
      fix: 'Bound caller-supplied lists (a configured maximum or a quota check) before iterating, and replace per-item lookups by one bulk call whose result is indexed in memory.',
      references: ['https://cwe.mitre.org/data/definitions/770.html', 'https://cwe.mitre.org/data/definitions/400.html', 'https://docs.openstack.org/nova/latest/reference/scheduling.html'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged: no visitors there, rather than a call per node that returns at once.
    if (ctx.model.isTestCode()) return {};
    const helpersByClass = new Map<number, Map<string, SyntaxNode>>();
    return {
      function_definition(fn) {
        const body = fn.childForFieldName('body');
        if (!body) return;
        const cls = ctx.model.enclosingClass(fn);
        let helpers = new Map<string, SyntaxNode>();
        if (cls) {
          helpers = helpersByClass.get(cls.id) ?? remoteHelpers(ctx.model, cls);
          helpersByClass.set(cls.id, helpers);
        }
        const fnName = fn.childForFieldName('name')?.text ?? '';
        const params = new Set(ctx.model.parameters(fn).map((p) => p.name));
        const perHost = PER_HOST_METHODS.has(fnName);
        const reportedCalls = new Set<number>();
        // Innermost loops first: a call is reported once, against the loop that runs it directly.
        for (const loop of descendantsOfType(body, LOOPS).reverse()) {
          const parts = loopParts(loop);
          if (!parts || boundedIterable(parts.iterable)) continue;
          // Rollback loops in a handler are bounded by what the function created before failing.
          if (insideHandler(loop, fn)) continue;
          const remote = firstRemote(ctx.model, parts.items, helpers);
          if (!remote || reportedCalls.has(remote.call.id)) continue;
          const outer = outerLoop(loop, fn);
          const via = remote.via ? ` (which calls \`${remote.remote}\`)` : '';
          const iterable = brief(parts.iterable, 40);
          const user = userSource(parts.iterable, body, params);
          if (user && !bounded(body, parts.iterable)) {
            reportedCalls.add(remote.call.id);
            ctx.report({
              node: remote.call, messageId: 'userList',
              data: { call: calleeText(remote.call), via, iterable, origin: user.node === parts.iterable ? '' : ` (from \`${user.text}\` at line ${line(user.node)})`, perHost: perHost ? `, and \`${fnName}\` runs once per candidate host` : '' },
              evidence: [
                { node: user.node, message: `\`${iterable}\` comes from \`${user.text}\` (line ${line(user.node)})` },
                { node: loop, message: `one iteration per element (line ${line(loop)})` },
                { node: remote.call, message: `remote call \`${remote.remote}\` per element (line ${line(remote.call)})` },
              ],
            });
            continue;
          }
          if (!outer && !perHost) continue;
          if (followedByExit(remote.call, loop) || memoised(remote.call, loop)) continue;
          // Releasing each item of nested collections (a revert unplugging and deleting every port it added, amphora
          // by amphora) costs one call per resource the service already holds: bounded by what was created.
          if (!remote.via && isReleaseCall(remote.call)) continue;
          reportedCalls.add(remote.call.id);
          const outerText = outer ? `once per element of \`${brief(loopParts(outer)?.iterable ?? outer, 40)}\` (line ${line(outer)})` : `once per candidate host in \`${fnName}\``;
          ctx.report({
            node: remote.call, messageId: 'nested',
            data: { call: calleeText(remote.call), via, iterable, line: line(loop), outer: outerText, outerShort: outer ? `the outer loop at line ${line(outer)}` : `\`${fnName}\`` },
            evidence: [
              ...(outer ? [{ node: outer, message: `outer loop (line ${line(outer)})` }] : []),
              { node: loop, message: `inner loop over \`${iterable}\` (line ${line(loop)})` },
              { node: remote.call, message: `remote call \`${remote.remote}\` per element (line ${line(remote.call)})` },
            ],
          });
        }
      },
    };
  },
});

function firstRemote(model: PythonModel, items: SyntaxNode[], helpers: Map<string, SyntaxNode>): Remote | null {
  for (const part of items) {
    for (const c of callsIn(part)) {
      if (directRemote(model, c)) return { call: c, via: null, remote: calleeText(c) };
      const fn = callee(c);
      if (fn?.type === 'attribute' && fn.childForFieldName('object')?.text === 'self') {
        const hit = helpers.get(calleeName(c) ?? '');
        if (hit) return { call: c, via: `self.${calleeName(c)}`, remote: calleeText(hit) };
      }
    }
  }
  return null;
}

/** The loop (over a caller-sized collection) that encloses `loop` inside `fn`. */
function outerLoop(loop: SyntaxNode, fn: SyntaxNode): SyntaxNode | null {
  for (let n = loop.parent; n && n.id !== fn.id; n = n.parent) {
    if (!LOOPS.has(n.type)) continue;
    const parts = loopParts(n);
    if (parts && !boundedIterable(parts.iterable) && parts.items.some((i) => loop.startIndex >= i.startIndex && loop.endIndex <= i.endIndex)) return n;
  }
  return null;
}

/** A search loop: the loop body returns or breaks (after the remote call), so it runs until the first match. */
function followedByExit(call: SyntaxNode, loop: SyntaxNode): boolean {
  const parts = loopParts(loop);
  return !!parts && parts.items.some((i) => descendantsOfType(i, LOOP_EXIT_NODES).some((s) => s.startIndex > call.startIndex));
}

/**
 * `if key not in seen: seen[key] = fetch(key)`: the call runs once per distinct key, wherever the key recurs in
 * the nested loops, so the number of calls does not grow with the product of the loops.
 */
function memoised(call: SyntaxNode, loop: SyntaxNode): boolean {
  for (let n = call.parent; n && n.id !== loop.id; n = n.parent) {
    if (n.type !== 'if_statement') continue;
    const caches = descendantsOfType(n.childForFieldName('condition') ?? n, 'comparison_operator')
      .concat(n.childForFieldName('condition')?.type === 'comparison_operator' ? [n.childForFieldName('condition')!] : [])
      .filter((cmp) => cmp.children.some((c) => c?.type === 'not in'))
      .map((cmp) => cmp.namedChildren[cmp.namedChildren.length - 1]?.text);
    const consequence = n.childForFieldName('consequence');
    if (!consequence) continue;
    const stores = descendantsOfType(consequence, 'assignment').map((a) => a.childForFieldName('left'))
      .filter((left) => left?.type === 'subscript').map((left) => left!.childForFieldName('value')?.text);
    if (caches.some((c) => c !== undefined && stores.includes(c))) return true;
  }
  return false;
}

function insideHandler(node: SyntaxNode, fn: SyntaxNode): boolean {
  for (let n = node.parent; n && n.id !== fn.id; n = n.parent) if (n.type === 'except_clause' || n.type === 'finally_clause') return true;
  return false;
}
