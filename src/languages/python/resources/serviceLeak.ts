// Resources of other services (ports, floating IPs, bindings, VIF/BDM records, volumes, attachments, allocations)
// created by a function that rolls back on failure: which later step's exception leaves the function with the
// resource still held. Python front-end of the typestate engine (src/analysis/resources): creations and releases
// come from the models (src/models/python/openstack), the searches from the engine.
import type { SyntaxNode } from '../../syntaxTree.js';
import { heldSpan, unreleasedEscape, type FlowEdge } from '../../../analysis/resources/typestate.js';
import { RESOURCE_CREATORS, TRIVIAL_SHARED_ARGUMENTS } from '../../../models/python/openstack/index.js';
import { argumentValues, boundName, callsIn, carries, derivedNames, isReleaseCall, networkCall, receiver, statementOf } from '../../../rulekit/openstack.js';
import { cfgOf, statementMayRaise, type CfgNode } from '../cfg/index.js';
import type { PythonModel } from '../model.js';
import { isDeliberateRaise } from '../cfg/graph.js';
import { calleeName, descendantsOfType, mentionsName } from '../syntax.js';
import { cannotFail } from './nonRaising.js';

export interface Creation { call: SyntaxNode; stmt: SyntaxNode; handle: string; what: string }

export interface ServiceLeak {
  creation: Creation;
  raiser: SyntaxNode;
  /** The rollback clause the exception passes through without releasing this resource, if any. */
  handler: SyntaxNode | null;
  /** Otherwise: the release inside a clause that the exception does not reach. */
  release: SyntaxNode | null;
}

const CLAUSES = new Set(['except_clause', 'finally_clause']);
const RESOURCE_WORDS = new Map<string, string>([['floatingip', 'floating IP'], ['port_binding', 'port binding'], ['qos_policy', 'QoS policy']]);

/** The creation `call` makes and the local that holds its handle, or null. */
export function creationOf(call: SyntaxNode): Creation | null {
  const net = networkCall(call);
  const method = calleeName(call) ?? '';
  const obj = receiver(call);
  if (net?.op === 'create') {
    const bound = boundName(call);
    return bound ? { call, stmt: bound.statement, handle: bound.name, what: RESOURCE_WORDS.get(net.resource) ?? net.resource.replace(/_/g, ' ') } : null;
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

/** Calls in `body` that release the resource `c` made (or a value derived from its handle). */
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
 * Once the handle is stored on another object (`bdm.attachment_id = att['id']`), that object's owner is responsible
 * for it: later failures are not this function's leak.
 */
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

/**
 * A statement with a call that can fail for real (a remote call, a DB write), or an explicit raise. `known`: what
 * the caller knows cannot fail beyond this file (a function of another file whose body cannot raise).
 */
function mayFail(model: PythonModel, stmt: SyntaxNode, known?: (call: SyntaxNode) => boolean): boolean {
  if (stmt.type === 'raise_statement') return true;
  return callsIn(stmt).some((c) => !cannotFail(model, c) && !/^[A-Z]/.test(calleeName(c) ?? '') && !known?.(c));
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

/**
 * The creation sits in a loop whose own rollback is per item (every release inside the loop), and the raiser runs
 * only once that item's iteration is over: in a following iteration (the innermost loop holds the raiser before the
 * creation; one iteration runs forward) or after the loop. The item was kept on purpose (cyborg's device records, each
 * removed only when its own creation or report failed). The graph does not always mark the way round the loop (the
 * edge from a body's last `if` back to the header is a plain `false` edge), so the syntax decides.
 */
function pastItsIteration(raiser: SyntaxNode, c: Creation, releases: readonly SyntaxNode[], fn: SyntaxNode): boolean {
  const loops = loopsAround(c.stmt, fn);
  const loop = loops[0];
  if (!loop) return false;
  if (within(raiser, loop)) return raiser.startIndex < c.stmt.startIndex;
  // A release before the creation and in no loop with it (another loop's cleanup of other records) never follows it.
  const follows = (r: SyntaxNode): boolean => r.startIndex > c.stmt.startIndex || loops.some((l) => within(r, l));
  return releases.every((r) => !follows(r) || within(r, loop));
}

/** The loops around `node` within `fn`, innermost first. */
function loopsAround(node: SyntaxNode, fn: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let n = node.parent; n && n.id !== fn.id; n = n.parent) if (n.type === 'for_statement' || n.type === 'while_statement') out.push(n);
  return out;
}

/** A caught exception enters a handler body when the clause's test is true. */
const catching = {
  catches: (e: FlowEdge<CfgNode>): boolean => e.kind === 'true' && (e.from.ast?.type === 'except_clause' || e.from.ast?.type === 'except_group_clause'),
  rethrows: isDeliberateRaise,
};

/** Clauses of `body` that release something: the function rolls back on failure. */
export function rollbackClauses(body: SyntaxNode): SyntaxNode[] {
  return descendantsOfType(body, CLAUSES).filter((cl) => callsIn(cl).some(isReleaseCall));
}

/**
 * For each resource `fn` creates (first creation per handle), the first leak: a later step whose exception escapes
 * past the rollback without releasing it. Functions with no rollback at all are left to their callers.
 */
export function serviceLeaks(model: PythonModel, fn: SyntaxNode, options: { cannotFail?: (call: SyntaxNode) => boolean } = {}): ServiceLeak[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  const creations = callsIn(body).map(creationOf).filter((c): c is Creation => c !== null);
  if (creations.length === 0) return [];
  const cleanupClauses = rollbackClauses(body);
  const cfg = cfgOf(model, fn);
  const reported = new Set<string>();
  const out: ServiceLeak[] = [];
  for (const c of creations) {
    if (reported.has(c.handle)) continue;
    const names = derivedNames(body, [c.handle], c.stmt.startIndex);
    const releases = releasesOf(body, c, names);
    const inClause = releases.filter((r) => clauseOf(r, fn) !== null);
    if (cleanupClauses.length === 0 && inClause.length === 0) continue;
    const regions = releases.map((r) => releaseRegion(r, names, fn));
    const avoid = new Set<CfgNode>();
    for (const r of regions) for (const n of cfg.nodesWithin(r)) avoid.add(n);
    const transfers = (n: CfgNode): boolean => !!n.ast && handsOver(n.ast, names);
    for (const { node, later } of heldSpan(cfg.nodesAt(c.stmt), { releases: avoid, transfers })) {
      const raiser = node.ast;
      if (node.kind !== 'statement' || !raiser || raiser.id === c.stmt.id || !statementMayRaise(raiser, (call) => model.loggingCall(call) !== null) || !mayFail(model, raiser, options.cannotFail)) continue;
      if (guardedByRelease(raiser, regions, fn)) continue;
      // `return get(network['id'])`: the statement hands the resource to the caller, who owns its failures.
      if (raiser.type === 'return_statement' && mentionsName(raiser, names)) continue;
      const path = unreleasedEscape(cfg.exceptionTargets(raiser), [cfg.raiseExit], { avoiding: avoid, catching });
      if (!path) continue;
      const handler = cleanupClauses.find((cl) => path.some((n) => n.ast && within(n.ast, clauseBlock(cl)))) ?? null;
      // In a following iteration only an incomplete rollback handler is this defect; a step the author left
      // outside every try is too weak a signal there.
      if (!handler && (inClause.length === 0 || later || pastItsIteration(raiser, c, releases, fn))) continue;
      out.push({ creation: c, raiser, handler, release: handler ? null : inClause[0]! });
      reported.add(c.handle);
      break;
    }
  }
  return out;
}

