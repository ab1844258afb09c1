// The rules' traversal: every node of a tree in pre-order, handing each node to the handlers registered for its
// type on the way in and on the way out. Nodes are numbered in pre-order and each subtree is a contiguous range, so
// this is a scan over the numbers with handler tables indexed by symbol id; a stack holds only the nodes waiting for
// their exit. No recursion (50,000-level expressions are fine), no objects for nodes nobody asked for.
import type { SyntaxNode, SyntaxTree } from '../syntaxTree.js';

export function walkTree<H>(
  tree: SyntaxTree,
  enter: ReadonlyMap<string, H>,
  exit: ReadonlyMap<string, H>,
  run: (node: SyntaxNode, handlers: H) => void,
): void {
  const names = tree.vocabulary.typeNames;
  const enterById = names.map((n) => enter.get(n));
  const exitById = names.map((n) => exit.get(n));
  const { count, type, subtreeEnd } = tree.data;
  const open: number[] = [];
  const close = (id: number): void => run(tree.node(id), exitById[type[id]!]!);
  for (let i = 0; i < count; i++) {
    while (open.length > 0 && subtreeEnd[open[open.length - 1]!]! <= i) close(open.pop()!);
    const t = type[i]!;
    const handlers = enterById[t];
    if (handlers !== undefined) run(tree.node(i), handlers);
    if (exitById[t] !== undefined) open.push(i);
  }
  while (open.length > 0) close(open.pop()!);
}
