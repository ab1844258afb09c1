// Rollbacks tied to exception types: a `try` whose handler for some listed exception types releases what the
// protected steps hold (deletes the stored data, the port, the volume) and then leaves the function, while an
// exception of any other type raised by the same steps leaves the function without that release. Python front-end
// of the typestate engine (src/analysis/resources): the handler shapes come from the syntax, the "does another type
// still escape unreleased" question from the engine's catching search over the CFG's exception edges.
//
//     try:                                   store.add(...) ── exception ──► dispatch
//         loc = store.add(...)                                                 │ except NotFound?  ── true ──► delete(loc); raise
//         registry.save(meta)                                                  │ false
//     except (NotFound, Conflict):                                             ▼
//         delete(loc); raise                                              raise-exit, `loc` still held: reported
import type { SyntaxNode } from '../../syntaxTree.js';
import { unreleasedEscape, type FlowEdge } from '../../../analysis/resources/typestate.js';
import { DOCUMENTED_RAISES, ROOT_EXCEPTIONS, TRANSLATION_MARKERS } from '../../../models/python/exceptionRoots.js';
import { IN_PROCESS_RELEASE_RECEIVER, RECEIVER_PAIRS } from '../../../models/python/resources.js';
import { argumentValues, receiver } from '../../../rulekit/openstack.js';
import { statementMayRaise, type CfgNode } from '../cfg/index.js';
import { isDeliberateRaise } from '../cfg/graph.js';
import { headerParts } from '../cfg/raises.js';
import type { PythonModel } from '../model.js';
import { raisedTypeNames } from '../raisedTypes.js';
import { calleeName, descendantsOfType, exceptTypes, targetNames } from '../syntax.js';
import { externalRelease, localCallee } from './externalRelease.js';
import { isInMemoryCall, matchesCall } from './match.js';

export interface TypedRollbackGap {
  /** The except clause that releases only for the types it lists. */
  clause: SyntaxNode;
  /** The release it runs. */
  release: SyntaxNode;
  /** A step of the try body whose other exceptions leave the function without that release. */
  raiser: SyntaxNode;
  /**
   * How good the evidence is that the raiser fails in ways the caller can provoke: `strong` for a step whose raise
   * set we cannot bound (a store's or another service's API); `weak` when every escaping step is a call of a
   * parameter (an unknown callee), or of a function of this file (or, through the project facts, of another file)
   * whose own `raise` statements raise only listed types — its other failures come from what it calls (the database, the hypervisor), not from the request.
   */
  evidence: 'strong' | 'weak';
}

const SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);

/** Calls under `node`, not descending into nested functions or classes (their bodies run elsewhere). */
function ownCalls(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const walk = (n: SyntaxNode): void => {
    for (const c of n.namedChildren) {
      if (!c || SCOPES.has(c.type)) continue;
      if (c.type === 'call') out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

/**
 * A call that gives back something another service or the host keeps for a tenant: a modelled external release
 * (directly or through a callee defined in this file), or the release half of a receiver pair whose acquire the
 * same local received in `fn` (`image.set_data(...)` … `image.delete()`). A storage driver's own backend calls are
 * the driver's business, not a tenant's resource (src/models/python/resources.ts).
 */
export function isRollbackRelease(model: PythonModel, call: SyntaxNode, fn: SyntaxNode): boolean {
  if (model.loggingCall(call) !== null || isInMemoryCall(call)) return false;
  const obj = receiver(call);
  if (obj && IN_PROCESS_RELEASE_RECEIVER.test(obj.text)) return false;
  if (externalRelease(model, call) !== null) return true;
  if (obj?.type !== 'identifier') return false;
  const pairs = RECEIVER_PAIRS.filter((p) => p.release.some((r) => matchesCall(call, r, null)));
  if (pairs.length === 0) return false;
  return ownCalls(fn.childForFieldName('body') ?? fn).some((c) => receiver(c)?.text === obj.text && pairs.some((p) => p.acquire.some((a) => matchesCall(c, a, null))));
}

/** The calls of a statement that can fail for reasons of their own (not logging, not an in-memory builtin or method, not a translation marker). */
function failingCalls(model: PythonModel, stmt: SyntaxNode): SyntaxNode[] {
  // A compound statement's node stands for its header (`if cond:`, `for x in it:`); its body has nodes of its own.
  return headerParts(stmt).flatMap((p) => (p.type === 'call' ? [p, ...ownCalls(p)] : ownCalls(p)))
    .filter((c) => model.loggingCall(c) === null && !isInMemoryCall(c) && !isTranslation(c));
}

function isTranslation(call: SyntaxNode): boolean {
  const f = call.childForFieldName('function');
  return f?.type === 'identifier' && TRANSLATION_MARKERS.has(f.text);
}

/** The last segment of an exception type as written: `exception.PortBindingFailed` → `PortBindingFailed`. */
function typeName(expr: SyntaxNode): string {
  const target = expr.type === 'call' ? expr.childForFieldName('function') : expr;
  return (target?.text ?? '').split('.').pop() ?? '';
}

/** The type names an except clause lists. */
function listedTypes(clause: SyntaxNode): string[] {
  return listedExprs(clause).map(typeName);
}

/** The type expressions an except clause lists (none for a bare `except:`). */
function listedExprs(clause: SyntaxNode): SyntaxNode[] {
  const value = clause.childForFieldName('value') ?? clause.namedChildren.find((c) => c !== null && c.type !== 'block' && c.type !== 'comment') ?? null;
  return value ? exceptTypes(value) : [];
}

/**
 * A call to a function of this file whose only failures are `raise T(...)` of the given types: a checker such as
 * `def _ensure_bound(port): if port['vif_type'] == 'failed': raise PortBindingFailed(...)`. Its other exceptions
 * are programming errors, not the failures a rollback is for. One level deep.
 */
function raisesOnly(model: PythonModel, call: SyntaxNode, types: ReadonlySet<string>): boolean {
  const def = localCallee(model, call);
  if (!def) return false;
  const cfg = model.cfg(def);
  const live = cfg.reachableFromEntry();
  for (const n of cfg.nodes) {
    if (n.kind !== 'statement' || !n.ast || !live.has(n) || !n.succ.some((e) => e.kind === 'exception')) continue;
    if (n.ast.type === 'raise_statement') {
      const raised = n.ast.namedChild(0);
      if (raised && types.has(typeName(raised))) continue;
      if (cfg.exceptionEscapePath(n.ast, { to: 'raise' })) return false;
      continue;
    }
    if (failingCalls(model, n.ast).length > 0 && cfg.exceptionEscapePath(n.ast, { to: 'raise' })) return false;
  }
  return true;
}

/**
 * The exception types a function of this file raises itself (`raise T(...)` statements with a path out of it), or
 * null when one of them is not a named type (`raise`, `raise exc`): then the set is unknown.
 */
function ownRaises(model: PythonModel, def: SyntaxNode): Set<string> | null {
  const cfg = model.cfg(def);
  const live = cfg.reachableFromEntry();
  const out = new Set<string>();
  for (const n of cfg.nodes) {
    if (n.kind !== 'statement' || n.ast?.type !== 'raise_statement' || !live.has(n) || !cfg.exceptionEscapePath(n.ast, { to: 'raise' })) continue;
    // The same reading as the cross-file raise sets (src/index/raises.ts): `raise exc` or a bare re-raise is unknown.
    const names = raisedTypeNames(n.ast, def);
    if (names === null) return null;
    for (const name of names) out.add(name);
  }
  return out;
}

/** The classes the project functions that `def` calls raise by their own `raise` statements (the known ones). */
function calleesRaise(model: PythonModel, def: SyntaxNode, raisesElsewhere: RaisesElsewhere): Set<string> | null {
  const out = new Set<string>();
  for (const c of ownCalls(def.childForFieldName('body') ?? def)) {
    if (model.loggingCall(c) !== null || isInMemoryCall(c) || isTranslation(c)) continue;
    const inner = localCallee(model, c);
    const raised = inner && inner.id !== def.id ? ownRaises(model, inner) : raisesElsewhere(c);
    if (raised === null) return null;
    for (const t of raised ?? []) out.add(t);
  }
  return out;
}

/** A call of a parameter of `fn` (`wait_func(ctx, vol)`): the callee is whatever the caller passes, unknown here. */
function callsParameter(model: PythonModel, call: SyntaxNode, fn: SyntaxNode): boolean {
  const f = call.childForFieldName('function');
  if (f?.type !== 'identifier' || !model.parameters(fn).some((p) => p.name === f.text)) return false;
  const bindings = model.bindingsOf(f);
  return bindings.length > 0 && bindings.every((b) => b.fact.kind === 'parameter');
}

/**
 * A library call whose documented raise set the handler's listed types cover (data: DOCUMENTED_RAISES):
 * cryptography's `verify()` reports a bad signature only by raising `InvalidSignature`.
 */
function documentedCovered(model: PythonModel, call: SyntaxNode, listed: ReadonlySet<string>): boolean {
  const f = call.childForFieldName('function');
  const method = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : f?.text;
  return DOCUMENTED_RAISES.some((d) => d.method === method && d.raises.every((r) => listed.has(r)));
}

/** The qualified names (through the imports) and the written last segments of the types the clauses list. */
function listedQualified(model: PythonModel, clauses: readonly SyntaxNode[]): Set<string> {
  const out = new Set<string>();
  for (const c of clauses) for (const t of listedExprs(c)) {
    const q = model.qualifiedName(t.type === 'call' ? t.childForFieldName('function') : t);
    if (q) out.add(q);
  }
  return out;
}

function within(inner: SyntaxNode, outer: SyntaxNode): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/**
 * The statement of a release widened to the `if`/`for` statements around it (up to the clause or function): the
 * graph has no path conditions, and `if not done: delete(loc)` in a `finally` is the author's release on failure.
 */
function guardedRegion(call: SyntaxNode, fn: SyntaxNode): SyntaxNode {
  let region = call;
  for (let n = call.parent; n && n.id !== fn.id; n = n.parent) {
    if (n.type === 'except_clause' || n.type === 'finally_clause' || n.type === 'try_statement' || SCOPES.has(n.type)) break;
    if (n.type === 'if_statement' || n.type === 'for_statement' || n.type === 'expression_statement') region = n;
  }
  return region;
}

/**
 * Where in the try body the released thing comes into being: the end of the first statement there that binds a
 * name the release is given (`att = attachment_create(...)` for `attachment_delete(ctx, att)`) or that calls the
 * acquire half of a receiver pair on the release's receiver (`image.set_data(...)` for `image.delete()`). A step
 * before it failing leaves nothing to release. The try body's start when neither is inside it.
 */
function acquiredFrom(tryBody: SyntaxNode, release: SyntaxNode): number {
  const names = new Set<string>();
  const obj = receiver(release);
  if (obj?.type === 'identifier') names.add(obj.text);
  for (const a of argumentValues(release)) for (const id of [a, ...descendantsOfType(a, 'identifier')]) if (id.type === 'identifier') names.add(id.text);
  const pairs = RECEIVER_PAIRS.filter((p) => p.release.some((r) => matchesCall(release, r, null)));
  for (const stmt of descendantsOfType(tryBody, 'expression_statement')) {
    const assign = stmt.namedChild(0);
    const binds = assign?.type === 'assignment' && targetNames(assign.childForFieldName('left')).some((n) => names.has(n));
    const acquires = !!obj && ownCalls(stmt).some((c) => receiver(c)?.text === obj.text && pairs.some((p) => p.acquire.some((a) => matchesCall(c, a, null))));
    if (binds || acquires) return stmt.endIndex;
  }
  return tryBody.startIndex;
}

/** The classes a function of another file that `call` names raises by its own `raise` statements (project facts). */
export type RaisesElsewhere = (call: SyntaxNode) => readonly string[] | undefined;

const catching = {
  catches: (e: FlowEdge<CfgNode>): boolean => e.kind === 'true' && (e.from.ast?.type === 'except_clause' || e.from.ast?.type === 'except_group_clause'),
  rethrows: isDeliberateRaise,
};

/**
 * The try statements of `fn` with a typed rollback gap: a clause that is not a catch-all releases something and
 * then raises (re-raises or raises its own error: the operation failed), and some failing step of the try body has an
 * exception path to the function's raise exit that passes no call releasing the same way (same callee name) — no
 * catch-all sibling, `finally` or enclosing handler does it. One gap per try statement.
 */
export function typedRollbackGaps(model: PythonModel, fn: SyntaxNode, raisesElsewhere: RaisesElsewhere = () => undefined): TypedRollbackGap[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  const tries = descendantsOfType(body, 'try_statement').filter((t) => {
    for (let n = t.parent; n && n.id !== fn.id; n = n.parent) if (SCOPES.has(n.type)) return false;
    return true;
  });
  if (tries.length === 0) return [];
  let cfg: ReturnType<PythonModel['cfg']> | null = null;
  const out: TypedRollbackGap[] = [];
  for (const t of tries) {
    const tryBody = t.childForFieldName('body');
    if (!tryBody) continue;
    const clauses = t.namedChildren.filter((c): c is SyntaxNode => c?.type === 'except_clause');
    // A clause naming a library's or the service's root exception catches every failure that code reports.
    if (clauses.some((c) => listedTypes(c).some((t) => ROOT_EXCEPTIONS.has(t)))) continue;
    const typed = clauses.filter((c) => !model.isCatchAll(c));
    for (const clause of typed) {
      const release = ownCalls(clause).find((c) => isRollbackRelease(model, c, fn));
      if (!release) continue;
      cfg ??= model.cfg(fn);
      const outcome = model.handlerOutcome(clause);
      // It fails the operation: the release is a rollback (a handler that cleans up and carries on, or returns a
      // value, is recovering from an expected condition, not undoing the protected steps).
      if (!outcome.exits.has('raise')) continue;
      // Every call in the function that releases the same way: the exception may pass through one of them.
      const name = calleeName(release);
      const avoid = new Set<CfgNode>();
      for (const c of ownCalls(body)) if (calleeName(c) === name) for (const n of cfg.nodesWithin(guardedRegion(c, fn))) avoid.add(n);
      const caught = new Set(clauses.flatMap(listedTypes));
      const qualified = listedQualified(model, clauses);
      // How a failing call of the try body counts: 'none' when its failures are the listed ones (a checker of this
      // file raising only them, a library call whose documented raise set they cover), 'weak' for an unknown callee
      // or a function of this file whose own raises are listed, 'strong' otherwise.
      const strength = (c: SyntaxNode): 'none' | 'weak' | 'strong' => {
        if (raisesOnly(model, c, caught) || documentedCovered(model, c, qualified)) return 'none';
        if (callsParameter(model, c, fn)) return 'weak';
        const def = localCallee(model, c);
        let own = def ? ownRaises(model, def) : new Set(raisesElsewhere(c) ?? []);
        // A function of this file that raises nothing itself (a wrapper such as `_recheck_quota`): the classes the
        // functions it calls raise themselves, one level down.
        if (def && own?.size === 0) own = calleesRaise(model, def, raisesElsewhere);
        return own && own.size > 0 && [...own].every((t) => caught.has(t)) ? 'weak' : 'strong';
      };
      const from = acquiredFrom(tryBody, release);
      let weak: CfgNode | null = null;
      let strong: CfgNode | null = null;
      for (const n of cfg.nodes) {
        if (n.kind !== 'statement' || !n.ast || !within(n.ast, tryBody) || n.ast.startIndex < from || n.ast.type === 'raise_statement' || !statementMayRaise(n.ast)) continue;
        const levels = failingCalls(model, n.ast).map(strength).filter((l) => l !== 'none');
        if (levels.length === 0 || (weak && !levels.includes('strong'))) continue;
        if (unreleasedEscape(cfg.exceptionTargets(n.ast), [cfg.raiseExit], { avoiding: avoid, catching }) === null) continue;
        if (levels.includes('strong')) { strong = n; break; }
        weak = n;
      }
      const raiser = strong ?? weak;
      if (!raiser?.ast) continue;
      out.push({ clause, release, raiser: raiser.ast, evidence: strong ? 'strong' : 'weak' });
      break;
    }
  }
  return out;
}
