// Whether a dict held in a local has only the string keys written in its displays: `items = {'key': key, 'net': net}`
// iterated with `for name, value in items.items()` binds `name` to one of those literals, never to a value. Taint that
// reached the dict through its values then stays with `value` (a password stored under 'admin_password' does not make
// the string 'admin_password' secret).
import type { SyntaxNode } from '../../syntaxTree.js';
import type { PythonModel } from '../model.js';
import { descendantsOfType, stringValue, unparenthesize } from '../syntax.js';

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

/**
 * The strings a loop variable can hold when every binding of it is the target (or a position of a tuple target) of
 * a `for` over a literal list or tuple, written in place or held in a name assigned once (`for field, opt in
 * [('username', '-U'), ('dest_port', '-p')]`, `for name, option in BRIDGING_OPTIONS`); null when any value is not a
 * string literal or the name is bound otherwise. Sorted, so a selector built from them is the same on every run.
 */
export function loopLiteralValues(model: PythonModel, use: SyntaxNode): string[] | null {
  if (use.type !== 'identifier') return null;
  const bindings = model.bindingsOf(use);
  if (bindings.length === 0) return null;
  const out = new Set<string>();
  for (const b of bindings) {
    const loop = b.statement.type === 'for_statement' ? b.statement : null;
    const left = loop?.childForFieldName('left');
    if (!loop || !left) return null;
    let position: number | null = null;
    if (left.type === 'identifier') {
      if (left.text !== use.text) return null;
    } else if (left.type === 'pattern_list' || left.type === 'tuple_pattern') {
      const parts = left.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
      position = parts.findIndex((c) => c.type === 'identifier' && c.text === use.text);
      if (position < 0) return null;
    } else return null;
    const iterable = unparenthesize(loop.childForFieldName('right')!);
    const sequences = iterable.type === 'identifier' ? model.valuesOf(iterable) : [iterable];
    if (sequences.length === 0) return null;
    for (const seq of sequences) {
      if (!seq || (seq.type !== 'list' && seq.type !== 'tuple')) return null;
      for (const item of seq.namedChildren) {
        if (!item || item.type === 'comment') continue;
        const elements = item.type === 'tuple' || item.type === 'list' ? item.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment') : null;
        const value = position === null ? item : elements?.[position] ?? null;
        const s = stringValue(value);
        if (s === null) return null;
        out.add(s);
      }
    }
  }
  return [...out].sort();
}
