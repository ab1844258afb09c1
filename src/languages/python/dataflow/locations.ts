// Which storage location an expression names: a local `x`, or an attribute path `self.x` / `a.b.c`. Subscripts
// name their container (`a[k]` → `a`): element-wise tracking would cost more than it finds in service code.
import type { SyntaxNode } from '../../syntaxTree.js';
import { unparenthesize } from '../syntax.js';

/** The tracked location `node` reads or writes, or null for computed values (calls, literals…). */
export function locationKey(node: SyntaxNode | null): string | null {
  if (!node) return null;
  const n = unparenthesize(node);
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') {
    const base = locationKey(n.childForFieldName('object'));
    const attr = n.childForFieldName('attribute');
    return base && attr ? `${base}.${attr.text}` : null;
  }
  return null;
}

/** The container location a subscript or a mutating method call writes into (`a` for `a[k]`, `a.b` for `a.b[k]`). */
export function containerKey(node: SyntaxNode | null): string | null {
  if (!node) return null;
  const n = unparenthesize(node);
  if (n.type === 'subscript') return containerKey(n.childForFieldName('value'));
  return locationKey(n);
}

/** The expression a subscript chain indexes (`a.b` for `a.b[i][j]`): what containerKey names. */
export function containerRoot(node: SyntaxNode): SyntaxNode {
  let n = unparenthesize(node);
  while (n.type === 'subscript') n = unparenthesize(n.childForFieldName('value')!);
  return n;
}

/** Targets that unpack (`a, b = …`, `[a, *b] = …`, `for (k, v) in …`). */
export const UNPACKING_TARGETS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list']);
