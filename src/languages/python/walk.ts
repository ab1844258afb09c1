// Depth-first traversal with one TreeCursor: far fewer wasm round-trips and JS allocations than node.children.
import type { Node, Tree } from 'web-tree-sitter';

export interface WalkHandlers {
  /** Called for every node whose type is in `types` (or every node when `types` is undefined). */
  enter(node: Node): void;
  exit?(node: Node): void;
}

export function walkTree(tree: Tree, wanted: ReadonlySet<string> | undefined, handlers: WalkHandlers): void {
  const cursor = tree.walk();
  const exitStack: Array<Node | null> = [];
  try {
    // Iterative to survive deep nesting (50k-level expressions) without growing the JS stack.
    for (;;) {
      const type = cursor.nodeType;
      const hit = wanted === undefined || wanted.has(type);
      const node = hit ? cursor.currentNode : null;
      if (node) handlers.enter(node);
      if (cursor.gotoFirstChild()) {
        exitStack.push(node);
        continue;
      }
      if (node && handlers.exit) handlers.exit(node);
      for (;;) {
        if (cursor.gotoNextSibling()) break;
        if (!cursor.gotoParent()) return;
        const parent = exitStack.pop() ?? null;
        if (parent && handlers.exit) handlers.exit(parent);
      }
    }
  } finally {
    cursor.delete();
  }
}

