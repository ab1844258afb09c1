// The per-file model every C/C++ rule queries: the original source (for snippets), the syntax tree of the
// preprocessed text (same lines and columns), comments by row (for suppressions), parse errors and the `#if`
// branches the preprocessing blanked. Function-level facts (recursion, guards) hang off it in functions.ts.
import type { SyntaxNode, SyntaxTree } from '../syntaxTree.js';
import type { SkippedBranch } from './preprocess.js';

const MODEL_NODE_TYPES: ReadonlySet<string> = new Set(['comment', 'ERROR']);

export class CppModel {
  /** Comment texts by 0-based row. */
  readonly comments = new Map<number, string[]>();
  /** ERROR and MISSING nodes: regions the parser could not make sense of. */
  readonly syntaxErrors: SyntaxNode[] = [];
  private splitLines: string[] | undefined;

  /** `includes`: the paths the file's `#include` directives name (preprocess.ts). */
  constructor(readonly path: string, readonly source: string, readonly tree: SyntaxTree, readonly skipped: readonly SkippedBranch[],
    readonly includes: readonly string[] = []) {
    const mask = tree.typeMask(MODEL_NODE_TYPES);
    const { count, type } = tree.data;
    for (let i = 0; i < count; i++) {
      if (!mask[type[i]!]) continue;
      const node = tree.node(i);
      if (node.type === 'ERROR') {
        this.syntaxErrors.push(node);
        continue;
      }
      const row = node.startPosition.row;
      const list = this.comments.get(row) ?? [];
      list.push(node.text);
      this.comments.set(row, list);
    }
  }

  /** The file's own lines (not the preprocessed ones), for snippets. */
  get lines(): string[] {
    this.splitLines ??= this.source.split(/\r\n|\r|\n/);
    return this.splitLines;
  }

  get root(): SyntaxNode {
    return this.tree.rootNode;
  }
}
