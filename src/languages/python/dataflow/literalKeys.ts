// Whether a dict held in a local has only the string keys written in its displays: `items = {'key': key, 'net': net}`
// iterated with `for name, value in items.items()` binds `name` to one of those literals, never to a value. Taint that
// reached the dict through its values then stays with `value` (a password stored under 'admin_password' does not make
// the string 'admin_password' secret).
import type { SyntaxNode } from '../../syntaxTree.js';
import { descendantsOfType, stringValue } from '../syntax.js';

const KEY_ADDING_METHODS = new Set(['update', 'setdefault', '__setitem__']);
const ASSIGNMENTS: ReadonlySet<string> = new Set(['assignment', 'augmented_assignment']);
/** Other statements that can rebind a name: loops, `with … as`, walrus, `global`/`nonlocal`. */
const REBINDERS: ReadonlySet<string> = new Set(['for_statement', 'as_pattern', 'named_expression', 'global_statement', 'nonlocal_statement']);

function literalKeyDisplay(value: SyntaxNode | null): boolean {
  if (value?.type !== 'dictionary') return false;
  return value.namedChildren.every((c) => c === null || c.type === 'comment' || (c.type === 'pair' && stringValue(c.childForFieldName('key')) !== null));
}

/** The identifiers a target or statement head binds or names (`a, (b, c)` → a, b, c). */
function namesIn(node: SyntaxNode | null): string[] {
  if (!node) return [];
  return node.type === 'identifier' ? [node.text] : descendantsOfType(node, 'identifier').map((i) => i.text);
}

/** True when every binding of `name` in `scope` is a dict display with literal keys and nothing adds a key later. */
export function hasLiteralKeysOnly(name: string, scope: SyntaxNode): boolean {
  let displays = 0;
  for (const a of descendantsOfType(scope, ASSIGNMENTS)) {
    const left = a.childForFieldName('left');
    if (left?.type === 'identifier') {
      if (left.text !== name) continue;
      if (a.type === 'augmented_assignment' || !literalKeyDisplay(a.childForFieldName('right'))) return false;
      displays++;
    } else if (left?.type === 'subscript') {
      if (left.childForFieldName('value')?.text === name && stringValue(left.childForFieldName('subscript')) === null) return false;
    } else if (namesIn(left).includes(name)) {
      return false; // bound by unpacking: not a display
    }
  }
  for (const call of descendantsOfType(scope, 'call')) {
    const fn = call.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('object')?.text === name && KEY_ADDING_METHODS.has(fn.childForFieldName('attribute')!.text)) return false;
  }
  for (const r of descendantsOfType(scope, REBINDERS)) {
    const bound = r.type === 'for_statement' ? namesIn(r.childForFieldName('left'))
      : r.type === 'named_expression' ? namesIn(r.childForFieldName('name'))
        : r.type === 'as_pattern' ? namesIn(r.childForFieldName('alias')) : namesIn(r);
    if (bound.includes(name)) return false;
  }
  return displays > 0;
}
