// The abstract value of the Python taint analysis: a set of taint facts plus, for file objects, the path text they
// were opened on (so `f.write(...)` can tell a generated config file from any other file).
import type { SyntaxNode } from '../../syntaxTree.js';
import { FactSet, type Step, type TaintFact } from '../../../analysis/taint/facts.js';
import type { Lattice } from './env.js';

export interface TaintValue { facts: FactSet<SyntaxNode>; handle?: string }

/** Nodes are compared by position: web-tree-sitter hands out a fresh object per access. */
export const nodeKey = (n: SyntaxNode): string => `${n.startIndex}-${n.endIndex}-${n.type}`;

export const EMPTY: TaintValue = { facts: FactSet.empty<SyntaxNode>(nodeKey) };

export function value(facts: Iterable<TaintFact<SyntaxNode>>): TaintValue {
  return { facts: FactSet.of(facts, nodeKey) };
}

export function joinValues(values: readonly TaintValue[]): TaintValue {
  let out = EMPTY;
  for (const v of values) out = taintLattice.join(out, v);
  return out;
}

export function withStep(v: TaintValue, step: Step<SyntaxNode>): TaintValue {
  return v.facts.isEmpty ? v : { ...v, facts: v.facts.withStep(step) };
}

export const taintLattice: Lattice<TaintValue> = {
  bottom: () => EMPTY,
  join(a, b) {
    if (a === b || (b.facts.isEmpty && b.handle === undefined)) return a;
    if (a.facts.isEmpty && a.handle === undefined) return b;
    const out: TaintValue = { facts: a.facts.join(b.facts) };
    const handle = a.handle ?? b.handle;
    if (handle !== undefined) out.handle = handle;
    return out;
  },
  equals: (a, b) => a.handle === b.handle && a.facts.equals(b.facts),
};

/** `line N` for messages and steps. */
export function lineOf(n: SyntaxNode): number {
  return n.startPosition.row + 1;
}

/** First line of a node's text, whitespace-collapsed and cut, for messages. */
export function brief(n: SyntaxNode, max = 60): string {
  const flat = n.text.split('\n')[0]!.replace(/\s+/g, ' ').trim();
  const text = flat.length < n.text.replace(/\s+/g, ' ').trim().length ? `${flat}…` : flat;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
