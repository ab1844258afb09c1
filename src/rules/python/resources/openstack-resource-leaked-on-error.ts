// CWE-459: a function creates an OpenStack resource (port, floating IP, port binding, VIF/BDM record, volume,
// allocation) and already rolls back on failure, but a later step can raise and leave through the CFG's exception
// edges without passing any release of that resource. Functions with no rollback at all are left to the caller.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { cfgOf, statementMayRaise, type Cfg, type CfgNode } from '../../../languages/python/cfg/index.js';
import { calleeName, descendantsOfType, isLoggingCall, mentionsName } from '../../../languages/python/syntax.js';
import { RESOURCE_CREATORS, TRIVIAL_SHARED_ARGUMENTS } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { argumentValues, boundName, brief, callsIn, calleeText, carries, derivedNames, isReleaseCall, line, networkCall, receiver, statementOf } from '../../../rulekit/openstack.js';
import type { EvidenceStep } from '../../../rulekit/types.js';
import { lookupTable } from '../../../lookupTable.js';

interface Creation { call: SyntaxNode; stmt: SyntaxNode; handle: string; what: string }

const CLAUSES = new Set(['except_clause', 'finally_clause']);
const RESOURCE_WORDS: Record<string, string> = lookupTable({ floatingip: 'floating IP', port_binding: 'port binding', qos_policy: 'QoS policy' });

function creationOf(call: SyntaxNode): Creation | null {
  const net = networkCall(call);
  const method = calleeName(call) ?? '';
  const obj = receiver(call);
  if (net?.op === 'create') {
    const bound = boundName(call);
    return bound ? { call, stmt: bound.statement, handle: bound.name, what: RESOURCE_WORDS[net.resource] ?? net.resource.replace(/_/g, ' ') } : null;
  }
  for (const spec of RESOURCE_CREATORS) {
    if (!spec.method.test(method) || (spec.receiver && !spec.receiver.test(obj?.text ?? ''))) continue;
    // `vif.create()` persists the object it is called on; other creators return the handle.
    if (method === 'create' && obj?.type === 'identifier' && call.parent?.type === 'expression_statement') {
      return { call, stmt: call.parent, handle: obj.text, what: spec.what };
    }
    const bound = boundName(call);
    if (bound) return { call, stmt: bound.statement, handle: bound.name, what: spec.what };
  }
  return null;
}

/** The clause (except/finally) that contains `node` within `fn`, or null. */
function clauseOf(node: SyntaxNode, fn: SyntaxNode): SyntaxNode | null {
  for (let n = node.parent; n && n.id !== fn.id; n = n.parent) if (CLAUSES.has(n.type)) return n;
  return null;
}

/**
 * The statement to avoid for a release: the call's statement, widened to an enclosing `for`/`if` whose header
 * mentions the resource (`for vif in created_vifs: vif.destroy()`, `if created_ids: delete(created_ids)`), because
 * the graph has no path conditions and skipping such a loop or test means "nothing was created".
 */
function releaseRegion(call: SyntaxNode, names: Set<string>, fn: SyntaxNode): SyntaxNode {
  let region = statementOf(call);
  for (let n = region.parent; n && n.id !== fn.id && !CLAUSES.has(n.type); n = n.parent) {
    const header = n.type === 'for_statement' ? n.childForFieldName('right') : n.type === 'if_statement' || n.type === 'elif_clause' ? n.childForFieldName('condition') : null;
    if (header && mentionsName(header, names)) region = n.type === 'elif_clause' ? n.parent! : n;
  }
  return region;
}

/** Arguments that identify what was created (`instance`, `port['id']`), not literals, bodies or the context. */
function identifyingArguments(call: SyntaxNode): Set<string> {
  return new Set(argumentValues(call)
    .filter((a) => ['identifier', 'subscript', 'attribute'].includes(a.type) && !TRIVIAL_SHARED_ARGUMENTS.has(a.text) && !/^self\.\w+$/.test(a.text))
    .map((a) => a.text));
}

function releasesOf(body: SyntaxNode, c: Creation, names: Set<string>): SyntaxNode[] {
  const shared = identifyingArguments(c.call);
  const created = networkCall(c.call)?.resource;
  const loopVars = new Map<string, string>();
  for (const f of descendantsOfType(body, 'for_statement')) {
    const right = f.childForFieldName('right');
    const left = f.childForFieldName('left');
    if (right && left?.type === 'identifier' && mentionsName(right, names)) loopVars.set(left.text, right.text);
  }
  const all = new Set([...names, ...loopVars.keys()]);
  return callsIn(body).filter((call) => {
    if (!isReleaseCall(call) || call.id === c.call.id) return false;
    // `delete_port_binding(port_id)` releases the binding, not the port it names.
    const net = networkCall(call);
    if (created && net?.op === 'release' && net.resource !== created) return false;
    const obj = receiver(call);
    if (obj?.type === 'identifier' && all.has(obj.text)) return true;
    const args = argumentValues(call);
    return args.some((a) => mentionsName(a, all)) || args.some((a) => shared.has(a.text));
  });
}

/**
 * Statements that run after the creation while the resource is held, in breadth-first order, and may fail; `later`
 * marks those reached only in a following loop iteration.
 */
function raisingAfter(cfg: Cfg, c: Creation, avoid: Set<CfgNode>, names: Set<string>): Array<{ stmt: SyntaxNode; later: boolean }> {
  const starts = cfg.nodesAt(c.stmt);
  const state = new Map<CfgNode, boolean>();
  for (const s of starts) state.set(s, false);
  const queue = [...starts];
  const out: Array<{ stmt: SyntaxNode; later: boolean }> = [];
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i]!;
    for (const e of from.succ) {
      const later = state.get(from)! || e.kind === 'back' || e.kind === 'continue';
      if (e.kind === 'exception' || avoid.has(e.to)) continue;
      // Once the handle is stored on another object (`bdm.attachment_id = att['id']`), that object's owner is
      // responsible for it: later failures are not this function's leak.
      if (from.ast && handsOver(from.ast, names)) continue;
      const old = state.get(e.to);
      if (old !== undefined && (old === false || later)) continue;
      state.set(e.to, later);
      queue.push(e.to);
      const ast = e.to.ast;
      if (e.to.kind !== 'statement' || !ast || ast.id === c.stmt.id) continue;
      if (statementMayRaise(ast) && mayFail(ast)) out.push({ stmt: ast, later });
    }
  }
  return out;
}

function handsOver(stmt: SyntaxNode, names: Set<string>): boolean {
  const assign = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
  if (assign?.type !== 'assignment') return false;
  const left = assign.childForFieldName('left');
  const right = assign.childForFieldName('right');
  if (left?.type !== 'attribute' || !right || !carries(right, names)) return false;
  let root: SyntaxNode = left;
  while (root.type === 'attribute' || root.type === 'subscript') root = (root.childForFieldName('object') ?? root.childForFieldName('value'))!;
  return !names.has(root.text);
}

/** Builtins and container methods that do not fail in practice: treating them as failures floods every path. */
const SAFE_CALLS = new Set(['_', 'len', 'str', 'int', 'bool', 'dict', 'list', 'set', 'tuple', 'isinstance', 'getattr', 'hasattr', 'append', 'add', 'get', 'setdefault', 'update', 'extend', 'pop', 'keys', 'values', 'items', 'format', 'join', 'strip', 'lower', 'upper', 'copy', 'discard', 'remove', 'sorted', 'enumerate', 'zip', 'range', 'min', 'max', 'any', 'all']);

/** A statement with a call that can fail for real (a remote call, a DB write), or an explicit raise. */
function mayFail(stmt: SyntaxNode): boolean {
  if (stmt.type === 'raise_statement') return true;
  return callsIn(stmt).some((c) => !isLoggingCall(c) && !SAFE_CALLS.has(calleeName(c) ?? '') && !/^[A-Z]/.test(calleeName(c) ?? ''));
}

function within(inner: SyntaxNode, outer: SyntaxNode | null): boolean {
  return !!outer && inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

function clauseBlock(clause: SyntaxNode): SyntaxNode | null {
  return clause.namedChildren.find((c) => c?.type === 'block') ?? null;
}

/**
 * The raiser sits in the body of a `try` one of whose clauses releases the resource: the author guarded this step,
 * and only an exception type the clause does not name would slip past (too speculative to report).
 */
function guardedByRelease(raiser: SyntaxNode, regions: SyntaxNode[], fn: SyntaxNode): boolean {
  for (let n = raiser.parent; n && n.id !== fn.id; n = n.parent) {
    if (n.type !== 'try_statement' || !within(raiser, n.childForFieldName('body'))) continue;
    const clauses = n.namedChildren.filter((c): c is SyntaxNode => c !== null && CLAUSES.has(c.type));
    if (clauses.some((cl) => regions.some((r) => within(r, cl)))) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'openstack-resource-leaked-on-error',
    cwe: 459,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      handler: {
        text: '{what} `{name}` created at line {line} by `{call}` leaks when `{raiser}` raises at line {raiseLine}: the rollback at line {handlerLine} releases {released} but not `{name}`',
        fix: 'Record `{name}` for rollback right after line {line} (e.g. append it to a `created_*` list) and release it in the handler at line {handlerLine} before re-raising',
      },
      unprotected: {
        text: '{what} `{name}` created at line {line} by `{call}` leaks when `{raiser}` raises at line {raiseLine}: the exception leaves the function without reaching the release of `{name}` at line {releaseLine}',
        fix: 'Move the statements after line {line} into the `try` whose handler releases `{name}` (line {releaseLine}), or release it in a `finally`/`save_and_reraise_exception` block',
      },
    },
    docs: {
      summary: 'OpenStack resource created in a function that rolls back on failure, but not released on every error path',
      why: 'Nova and Neutron create ports, bindings, VIF records, volumes and allocations step by step. When a later step fails, every resource created so far must be released before the exception propagates; otherwise the tenant is left with orphaned ports and records that hold IP addresses and count against quota, and retries fail on the leftovers (CWE-459, CWE-460).',
      example: 'from oslo_utils import excutils\n\n\ndef attach_ports(client, instance, networks):\n    created_ports = []\n    for net in networks:\n        try:\n            port = client.create_port({"port": {"network_id": net}})\n            created_ports.append(port["port"]["id"])\n            record = VifRecord(instance)\n            record.create()\n            client.update_port(port["port"]["id"], {"port": {"device_id": instance}})\n        except Exception:\n            with excutils.save_and_reraise_exception():\n                for port_id in created_ports:\n                    client.delete_port(port_id)\n',
      useInstead: 'from oslo_utils import excutils\n\n\ndef attach_ports(client, instance, networks):\n    created_ports = []\n    created_records = []\n    for net in networks:\n        try:\n            port = client.create_port({"port": {"network_id": net}})\n            created_ports.append(port["port"]["id"])\n            record = VifRecord(instance)\n            record.create()\n            created_records.append(record)\n            client.update_port(port["port"]["id"], {"port": {"device_id": instance}})\n        except Exception:\n            with excutils.save_and_reraise_exception():\n                for port_id in created_ports:\n                    client.delete_port(port_id)\n                for rec in created_records:\n                    rec.destroy()\n',
      fix: 'Track every created resource in a list as soon as it exists and release the whole list in the `except`/`save_and_reraise_exception` block (or `finally`) that guards the following steps.',
      references: ['https://cwe.mitre.org/data/definitions/459.html', 'https://cwe.mitre.org/data/definitions/460.html', 'https://docs.openstack.org/oslo.utils/latest/reference/excutils.html'],
    },
  },
  create(ctx) {
    return {
      function_definition(fn) {
        if (ctx.model.isTestCode()) return;
        const body = fn.childForFieldName('body');
        if (!body) return;
        const creations = callsIn(body).map(creationOf).filter((c): c is Creation => c !== null);
        if (creations.length === 0) return;
        const cleanupClauses = descendantsOfType(body, CLAUSES).filter((cl) => callsIn(cl).some(isReleaseCall));
        const cfg = cfgOf(ctx.model, fn);
        const reported = new Set<string>();
        for (const c of creations) {
          if (reported.has(c.handle)) continue;
          const names = derivedNames(body, [c.handle], c.stmt.startIndex);
          const releases = releasesOf(body, c, names);
          const inClause = releases.filter((r) => clauseOf(r, fn) !== null);
          if (cleanupClauses.length === 0 && inClause.length === 0) continue;
          const regions = releases.map((r) => releaseRegion(r, names, fn));
          const avoid = new Set<CfgNode>();
          for (const r of regions) for (const n of cfg.nodesWithin(r)) avoid.add(n);
          for (const { stmt: raiser, later } of raisingAfter(cfg, c, avoid, names)) {
            if (guardedByRelease(raiser, regions, fn)) continue;
            // `return get(network['id'])`: the statement hands the resource to the caller, who owns its failures.
            if (raiser.type === 'return_statement' && mentionsName(raiser, names)) continue;
            const path = cfg.exceptionEscapePath(raiser, { avoiding: regions, to: 'raise' });
            if (!path) continue;
            const handler = cleanupClauses.find((cl) => path.some((n) => n.ast && within(n.ast, clauseBlock(cl))));
            // In a following iteration only an incomplete rollback handler is this defect; a step the author left
            // outside every try is too weak a signal there.
            if (!handler && (inClause.length === 0 || later)) continue;
            const data = { what: c.what[0]!.toUpperCase() + c.what.slice(1), name: c.handle, line: line(c.call), call: calleeText(c.call), raiser: brief(raiser, 50), raiseLine: line(raiser) };
            const evidence: EvidenceStep[] = [
              { node: c.call, message: `${c.what} \`${c.handle}\` created here (line ${line(c.call)})` },
              { node: raiser, message: `\`${brief(raiser, 40)}\` may raise here (line ${line(raiser)})` },
            ];
            if (handler) {
              const released = [...new Set(callsIn(handler).filter(isReleaseCall).map((r) => `\`${calleeText(r)}\``))].slice(0, 3).join(', ');
              evidence.push({ node: handler, message: `the rollback at line ${line(handler)} re-raises without releasing \`${c.handle}\`` });
              ctx.report({ node: c.call, messageId: 'handler', data: { ...data, handlerLine: line(handler), released }, evidence });
            } else {
              const rel = inClause[0]!;
              evidence.push({ node: rel, message: `\`${c.handle}\` is released only here (line ${line(rel)}), which the exception does not reach` });
              ctx.report({ node: c.call, messageId: 'unprotected', data: { ...data, releaseLine: line(rel) }, evidence });
            }
            reported.add(c.handle);
            break;
          }
        }
      },
    };
  },
});
