// SyntaxNode and edge vocabulary of the Python control-flow graph. Nodes are statements (or clause headers), not
// expressions: `a and f()` is one node. A statement inside a `finally` may own several nodes, one per copy.
import type { SyntaxNode } from '../../syntaxTree.js';

export type CfgNodeKind =
  | 'entry' | 'exit' | 'raise-exit'
  /** A statement, or the header of a compound one (if/elif condition, loop header, with item enter, except/case test). */
  | 'statement'
  /** Where an exception raised in a `try` body arrives before the except clauses are tried in order. */
  | 'dispatch'
  /** Start of one copy of a `finally` block (see tryBuilder.ts for why there are copies). */
  | 'finally'
  /** `__exit__` of a with item, on one of its continuations. */
  | 'with-exit';

export type EdgeKind =
  | 'normal' | 'true' | 'false'
  /** Control leaves because an exception was raised. */
  | 'exception'
  | 'back' | 'break' | 'continue' | 'return';

/**
 * `closesLoop`: the edge goes back to its loop's header to start the next iteration. Every such edge has it: a plain
 * `back` edge, and the `true`/`false` edge of an `if` that ends the body, which keeps its branch kind for the guards.
 */
export interface CfgEdge { from: CfgNode; to: CfgNode; kind: EdgeKind; closesLoop?: true }

export interface CfgNode {
  id: number;
  kind: CfgNodeKind;
  ast: SyntaxNode | null;
  succ: CfgEdge[];
  pred: CfgEdge[];
  /** For copies made for a jump through `finally`/`with`: what continuation this copy serves ("raise", "return" …). */
  copy?: string;
}

/** A dangling edge: control leaves `node` by `kind` and goes to whatever is built next. */
export interface Pending { node: CfgNode; kind: EdgeKind }
