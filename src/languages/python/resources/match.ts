// Matching the resource models (src/models/python/resources.ts) against Python calls: which call acquires what
// into which local, and which call releases it. Syntax and import resolution only; no graph searches here.
import type { SyntaxNode } from '../../syntaxTree.js';
import type { ResourceCall, ResourcePair } from '../../../analysis/resources/spec.js';
import { DELETE_ON_CLOSE, IN_MEMORY_BUILTINS, IN_MEMORY_METHODS, LOCAL_PAIRS, QUOTA_RESERVATION, RELEASE_FUNCTIONS, RELEASE_METHODS } from '../../../models/python/resources.js';
import type { PythonModel } from '../model.js';
import { callee, calleeName, keywordArg, mentionsName, positionalArgs, targetNames } from '../syntax.js';

/** A resource held by a function: a local it was acquired into, or a lock object it acquired. */
export interface Acquisition {
  /** The statement that acquires (the assignment, or the `lock.acquire()` expression statement). */
  stmt: SyntaxNode;
  call: SyntaxNode;
  what: string;
  /** The local holding the handle, or the lock's expression text. */
  name: string;
  kind: 'local' | 'lock';
  pair?: ResourcePair;
}

const PAIR_BY_NAME = new Map<string, ResourcePair>();
for (const p of LOCAL_PAIRS) for (const a of p.acquire) if (a.name && !PAIR_BY_NAME.has(a.name)) PAIR_BY_NAME.set(a.name, p);

/** Does `call` match a model entry? `qualified` is the call's name through the imports. */
export function matchesCall(call: SyntaxNode, spec: ResourceCall, qualified: string | null): boolean {
  if (spec.name !== undefined) return qualified === spec.name;
  const method = calleeName(call) ?? '';
  if (spec.method !== undefined && !(typeof spec.method === 'string' ? method === spec.method : spec.method.test(method))) return false;
  if (spec.receiver) {
    const fn = callee(call);
    if (fn?.type !== 'attribute' || !spec.receiver.test(fn.childForFieldName('object')!.text)) return false;
  }
  return spec.method !== undefined;
}

/** The acquisition `call` makes, if it is one of the modelled local resources, a blocking lock acquire or a quota reservation. */
export function localAcquisition(model: PythonModel, call: SyntaxNode): Acquisition | null {
  const stmt = call.parent?.type === 'assignment' ? call.parent : null;
  const method = calleeName(call);
  const fn = callee(call);
  if (!stmt && method === 'acquire' && fn?.type === 'attribute' && call.parent?.type === 'expression_statement' && positionalArgs(call).length === 0 && !keywordArg(call, 'blocking')) {
    // A blocking `lock.acquire()` statement: released by `lock.release()`.
    return { stmt: call.parent, call, what: 'lock', name: fn.childForFieldName('object')!.text, kind: 'lock' };
  }
  if (!stmt || stmt.childForFieldName('right')?.id !== call.id) return null;
  const qualified = model.callName(call);
  const pair = qualified ? PAIR_BY_NAME.get(qualified) : undefined;
  const what = pair?.what ?? (matchesCall(call, QUOTA_RESERVATION, qualified) ? 'quota reservation' : null);
  if (!what) return null;
  if (qualified && DELETE_ON_CLOSE.has(qualified) && keywordArg(call, 'delete')?.text !== 'False') return null;
  const names = targetNames(stmt.childForFieldName('left'));
  const name = names[pair?.handle ?? 0];
  if (!name || (pair?.handle === undefined && names.length !== 1)) return null;
  return pair ? { stmt, call, what, name, kind: 'local', pair } : { stmt, call, what, name, kind: 'local' };
}

/** Does `call` release `acq`: a release method on it, a release function given it, or its pair's own release? */
export function releasesAcquisition(model: PythonModel, call: SyntaxNode, acq: Acquisition): boolean {
  const fn = callee(call);
  const method = calleeName(call) ?? '';
  const onHandle = fn?.type === 'attribute' && fn.childForFieldName('object')?.text === acq.name;
  if (acq.kind === 'lock') return method === 'release' && onHandle;
  if (onHandle) return RELEASE_METHODS.has(method) || (acq.pair?.release.some((r) => r.method !== undefined && matchesCall(call, r, null)) ?? false);
  const given = positionalArgs(call).some((a) => mentionsName(a, new Set([acq.name])));
  if (!given) return false;
  if (RELEASE_FUNCTIONS.test(method)) return true;
  const qualified = acq.pair?.release.some((r) => r.name !== undefined) ? model.callName(call) : null;
  return acq.pair?.release.some((r) => r.name !== undefined && matchesCall(call, r, qualified)) ?? false;
}

/** A call that looks like releasing something (any resource): its statement is cleanup, not work that may fail. */
export function looksLikeRelease(call: SyntaxNode): boolean {
  const method = calleeName(call) ?? '';
  return RELEASE_METHODS.has(method) || RELEASE_FUNCTIONS.test(method);
}

/** A builtin or container/string method that does not fail in practice (`len(x)`, `d.copy()`, `typing.cast(...)`). */
export function isInMemoryCall(call: SyntaxNode): boolean {
  const fn = callee(call);
  const name = calleeName(call) ?? '';
  return fn?.type === 'attribute' ? IN_MEMORY_METHODS.has(name) : IN_MEMORY_BUILTINS.has(name);
}
