// Local resources (files, sockets, descriptors, locks, quota reservations) through one function's CFG: where the
// resource is released, where ownership leaves the function, and the first statement whose exception escapes while
// the resource is still held. The searches are the typestate engine's (src/analysis/resources); this module says
// what acquires, releases and transfers in Python.
import type { SyntaxNode } from '../../syntaxTree.js';
import { firstRelease, heldSpan, NORMAL_FLOW, unreleasedEscape, type FlowEdge } from '../../../analysis/resources/typestate.js';
import { TRANSFER_METHODS } from '../../../models/python/resources.js';
import { cfgOf, type Cfg, type CfgNode } from '../cfg/index.js';
import { headerParts } from '../cfg/raises.js';
import type { PythonModel } from '../model.js';
import { callee, calleeName, descendantsOfType, enclosingFunction, mentionsName, positionalArgs } from '../syntax.js';

/** Container methods that put an element in (the container then holds the handle). */
const ADDING_METHODS = new Set(['append', 'add', 'insert', 'appendleft']);
import { looksLikeRelease, releasesAcquisition, type Acquisition } from './match.js';
import { cannotFail } from './nonRaising.js';

const ESCAPE_ROUTE_NODES = new Set(['return_statement', 'yield', 'assignment', 'with_item', 'call']);

/** Ownership leaves the function: returned, yielded, stored on an object or in a container, or managed by `with`. */
export function transferred(fnBody: SyntaxNode, acq: Acquisition): boolean {
  if (acq.kind === 'lock') return false;
  const names = new Set([acq.name]);
  for (const n of descendantsOfType(fnBody, ESCAPE_ROUTE_NODES)) {
    if (n.startIndex < acq.stmt.endIndex) continue;
    switch (n.type) {
      case 'return_statement': case 'yield': case 'with_item': if (mentionsName(n, names)) return true; break;
      case 'assignment': {
        const left = n.childForFieldName('left');
        if (left && left.type !== 'identifier' && left.type !== 'pattern_list' && mentionsName(n.childForFieldName('right'), names)) return true;
        break;
      }
      case 'call':
        if (TRANSFER_METHODS.test(calleeName(n) ?? '') && positionalArgs(n).some((a) => mentionsName(a, names))) return true;
        break;
    }
  }
  return false;
}

/**
 * Where the release happens. A release guarded by a test of the resource or of a flag (`if fd is not None:
 * os.close(fd)`, `if close_file: f.close()`) counts from the test on: the graph has no path conditions, and the
 * guard's false branch is the "nothing was acquired" case.
 */
function releaseNodes(model: PythonModel, cfg: Cfg, fnBody: SyntaxNode, acq: Acquisition): CfgNode[] {
  const out: CfgNode[] = [];
  for (const loop of containerReleaseLoops(model, fnBody, acq)) out.push(...cfg.nodesOf(loop).filter((x) => x.kind === 'statement'));
  const flags = new Set(descendantsOfType(fnBody, 'assignment')
    .filter((a) => a.childForFieldName('left')?.type === 'identifier' && ['true', 'false'].includes(a.childForFieldName('right')?.type ?? ''))
    .map((a) => a.childForFieldName('left')!.text));
  const guards = new Set([acq.name, ...flags]);
  for (const call of descendantsOfType(fnBody, 'call')) {
    if (!releasesAcquisition(model, call, acq)) continue;
    let at: SyntaxNode = call;
    for (let n = call.parent; n && n.id !== fnBody.id; n = n.parent) {
      if ((n.type === 'if_statement' || n.type === 'elif_clause') && mentionsName(n.childForFieldName('condition'), guards)) at = n;
    }
    out.push(...(at === call ? cfg.nodesAt(call) : cfg.nodesOf(at).filter((x) => x.kind === 'statement')));
  }
  return out;
}

/**
 * Loops that release every element of a container the handle was put in (`locks.append(lock)` … `finally: for l in
 * locks: l.release()`, heat's stack locks): the loop releases this one too, and counts from its header on — an empty
 * container is the "nothing acquired yet" case, as for a guarded release.
 */
function containerReleaseLoops(model: PythonModel, fnBody: SyntaxNode, acq: Acquisition): SyntaxNode[] {
  const handle = new Set([acq.name]);
  const containers = new Set(descendantsOfType(fnBody, 'call').flatMap((c) => {
    const fn = callee(c);
    if (fn?.type !== 'attribute' || !ADDING_METHODS.has(calleeName(c) ?? '') || !positionalArgs(c).some((a) => a.text === acq.name)) return [];
    return fn.childForFieldName('object')!.type === 'identifier' ? [fn.childForFieldName('object')!.text] : [];
  }));
  if (containers.size === 0 || !mentionsName(fnBody, handle)) return [];
  return descendantsOfType(fnBody, 'for_statement').filter((loop) => {
    const element = loop.childForFieldName('left');
    const iterable = loop.childForFieldName('right');
    if (element?.type !== 'identifier' || iterable?.type !== 'identifier' || !containers.has(iterable.text)) return false;
    const asElement: Acquisition = { ...acq, name: element.text };
    return descendantsOfType(loop.childForFieldName('body')!, 'call').some((c) => releasesAcquisition(model, c, asElement));
  });
}

function callsOf(stmt: SyntaxNode): SyntaxNode[] {
  return headerParts(stmt).flatMap((p) => (p.type === 'call' ? [p] : []).concat(descendantsOfType(p, 'call')));
}

/** Calls are what fail in practice (not logging, not in-memory edits); a subscript or attribute read rarely does. */
function callsSomething(model: PythonModel, stmt: SyntaxNode): boolean {
  return callsOf(stmt).some((c) => !cannotFail(model, c));
}

function releasesSomething(stmt: SyntaxNode): boolean {
  return callsOf(stmt).some(looksLikeRelease);
}

export interface LocalLeak {
  /** The statement whose exception leaves the function while the resource is held. */
  raiser: SyntaxNode;
  /** The release the normal path reaches first. */
  release: SyntaxNode;
}

/**
 * The first statement (in source order) that may raise while `acq` is held and whose exception leaves the function
 * without passing a release — when the function does release it on its normal path and does not hand it over.
 */
export function leakOnException(model: PythonModel, acq: Acquisition): LocalLeak | null {
  const fn = enclosingFunction(acq.call);
  const body = fn?.childForFieldName('body');
  if (!fn || !body || transferred(body, acq)) return null;
  const cfg = cfgOf(model, fn);
  const releases = new Set(releaseNodes(model, cfg, body, acq));
  const starts = cfg.nodesAt(acq.stmt);
  if (releases.size === 0 || starts.length === 0) return null;
  // Released on the normal path at all? Otherwise this is a different defect (never released).
  const normalRelease = firstRelease(starts, { releases });
  if (!normalRelease) return null;
  const held = new Set(heldSpan(starts, { releases }, { edges: NORMAL_FLOW }).map((v) => v.node).filter((n) => !starts.includes(n)));
  const candidates = [...held].filter((n) => n.kind === 'statement' && n.ast && n.succ.some((e) => e.kind === 'exception') && callsSomething(model, n.ast) && !releasesSomething(n.ast))
    .sort((a, b) => a.ast!.startIndex - b.ast!.startIndex);
  // A second failure while cleaning up (another file's close() raising in the same finally) is not this leak.
  const follow = (e: FlowEdge<CfgNode>): boolean => e.kind !== 'exception' || !e.from.ast || !releasesSomething(e.from.ast);
  for (const n of candidates) {
    const targets = n.succ.filter((e) => e.kind === 'exception').map((e) => e.to);
    if (!unreleasedEscape(targets, [cfg.exit, cfg.raiseExit], { avoiding: releases, follow })) continue;
    return { raiser: n.ast!, release: normalRelease[normalRelease.length - 1]!.ast! };
  }
  return null;
}
