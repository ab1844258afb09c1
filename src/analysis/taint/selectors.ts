// Which part of a source a value is: the selectors a value went through since its origin (TaintFact.path), for
// analyses that judge a source by its parts (one item of a masked dict, the scheme word of an Authorization header).
// Language-neutral algebra only; what a part means is the analysis' judgement (TaintHooks.keepsPart).
//
// Selectors, as strings:
//   'K      the item under literal key K            ?      an item under a computed key
//   'K|J    the item under one of the literal keys K, J (a loop variable over literal keys)
//   split   the fields a string was split into      #N     field N of a split (#? unknown)
//   *N      the element at position N of a value    *      an element at an unknown position (iteration)
//   @N      the value sits at position N of a tuple or list literal (undone by taking element N back out)
//   @'K     the value sits under literal key K of a mapping (undone by reading item K back out; another key's item
//           is not this value, nor are the mapping's keys)
//   keys    the keys of a mapping                   values the values of a mapping
//   items   the (key, value) pairs of a mapping
//
// A position taken from a tuple literal undoes its `@N` (and drops a value that sat elsewhere), and a position taken
// from a split names the field, so summaries compose: a callee's path applied to its caller's gives the same path as
// the whole flow written in one function.

/** Deeper paths stop growing: a longer one is judged by its first selectors, which decide every judgement made. */
export const MAX_PATH = 8;

export const ANY_POSITION = '*';

/** Separates the keys of an item selector that may be any of several literal keys (`'username|port`). */
export const KEY_ALTERNATIVE = '|';

/** The literal keys an item selector names (`'a` → [a], `'a|b` → [a, b]), or null for any other selector. */
export function selectedKeys(sel: string): string[] | null {
  return sel.startsWith("'") ? sel.slice(1).split(KEY_ALTERNATIVE) : null;
}

/** Whether a selector takes a position (element N, an unknown one, a computed item). */
function positional(sel: string): boolean {
  return sel === ANY_POSITION || sel === '?' || /^\*-?\d+$/.test(sel);
}

/**
 * `path` followed by `sel`, or null when the selection cannot hold this value (element 1 of a tuple whose element 0
 * this value is, item 'b' of a mapping whose item 'a' this value is).
 */
export function select(path: readonly string[] | undefined, sel: string): readonly string[] | null {
  const p = path ?? [];
  const last = p.at(-1);
  if (last?.startsWith("@'") && !sel.startsWith('@')) {
    const keys = selectedKeys(sel);
    if (keys) return keys.includes(last.slice(2)) ? p.slice(0, -1) : null;
    if (sel === 'keys') return null;
    // A computed item, the values or items, an element: this value may be the one taken.
    return p.slice(0, -1);
  }
  if (positional(sel) && last !== undefined) {
    if (last.startsWith('@')) {
      const at = sel.startsWith('*') && sel !== ANY_POSITION ? sel.slice(1) : null;
      if (at !== null && at !== last.slice(1) && !at.startsWith('-')) return null;
      return p.slice(0, -1);
    }
    if (last === 'split') return [...p, `#${sel.startsWith('*') && sel !== ANY_POSITION ? sel.slice(1) : '?'}`];
  }
  if (p.length >= MAX_PATH) return p;
  return [...p, sel];
}

/** `path` followed by every selector of `more` (a callee's path applied to the value its caller passed). */
export function selectAll(path: readonly string[] | undefined, more: readonly string[]): readonly string[] | null {
  let out: readonly string[] | null = path ?? [];
  for (const sel of more) {
    out = select(out, sel);
    if (out === null) return null;
  }
  return out;
}

/** The path without the tuple positions a value was built into (string building, concatenation mix positions up). */
export function withoutPositions(path: readonly string[] | undefined): readonly string[] | undefined {
  if (!path || !path.some((s) => s.startsWith('@'))) return path;
  return path.filter((s) => !s.startsWith('@'));
}

/** The selectors that say which part of the origin a value is (tuple positions say where it was put). */
export function partsOf(path: readonly string[] | undefined): string[] {
  return (path ?? []).filter((s) => !s.startsWith('@'));
}
