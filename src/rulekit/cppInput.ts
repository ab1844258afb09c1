// Which values of a C/C++ file come from its input: what a device or stream read fills (`device->read(&hdr, n)`,
// `stream >> count`), what decoding or parsing returns (`qFromLittleEndian(hdr.rate)`, `attr.toInt()`), and, through
// the file's assignments, setters and calls, whatever is built from those (`format.setSampleRate(hdr.rate)` makes
// `format` input; a function of the file passed input has input in that parameter). Rules ask it to tell a finding
// whose value the input steers (medium confidence) from one they cannot tie to the input (low). Flow-insensitive on
// purpose: a name fed by input anywhere in its scope counts; locals are scoped to their function, other names
// (members, globals) to the file.
import { callShape, enclosingFunction } from '../languages/cpp/syntax.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { INPUT_READ_CALLS } from '../models/cpp/library.js';

const NAME_TYPES = ['identifier', 'field_identifier'];

/** A statement `stream >> a >> b;` (its value unused): a stream extraction, not a shift. */
function isStreamRead(n: SyntaxNode): boolean {
  if (n.type !== 'binary_expression' || n.childForFieldName('operator')?.text !== '>>') return false;
  let top = n;
  while (top.parent?.type === 'binary_expression' && top.parent.childForFieldName('operator')?.text === '>>') top = top.parent;
  return top.parent?.type === 'expression_statement';
}

/** Whether a node contains an input read (a modelled call or a stream extraction). */
export function readsInput(node: SyntaxNode): boolean {
  const nodes = [node, ...node.descendantsOfType(['call_expression', 'binary_expression'])];
  return nodes.some((n) => {
    if (n.type === 'call_expression') { const shape = callShape(n); return shape !== null && INPUT_READ_CALLS.has(shape.name); }
    return isStreamRead(n);
  });
}

/** Names a function declares (parameters and locals). */
function declaredIn(fn: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const d of fn.descendantsOfType(['declaration', 'parameter_declaration', 'init_declarator'])) {
    let n = d.childForFieldName('declarator');
    while (n && n.type !== 'identifier') n = n.childForFieldName('declarator') ?? (n.type === 'reference_declarator' || n.type === 'pointer_declarator' ? n.namedChild(0) : null);
    if (n) out.add(n.text);
  }
  return out;
}

/** The root name of an lvalue or receiver: `wave` in `wave.rate`, `format` in `format`, `m_hdr` in `d->m_hdr.size`. */
function rootName(n: SyntaxNode): SyntaxNode | null {
  let cur: SyntaxNode | null = n;
  while (cur && (cur.type === 'parenthesized_expression' || cur.type === 'pointer_expression' || cur.type === 'pointer_declarator' || cur.type === 'reference_declarator' || cur.type === 'cast_expression' || cur.type === 'subscript_expression')) {
    cur = cur.type === 'cast_expression' ? cur.childForFieldName('value') : cur.type === 'subscript_expression' ? cur.childForFieldName('argument') : cur.namedChild(cur.namedChildCount - 1);
  }
  if (!cur) return null;
  if (cur.type === 'field_expression') {
    // `d->m_hdr` / `this->m_rate`: the member is the name; `wave.rate`: the object is.
    const arg = cur.childForFieldName('argument');
    if (arg && (arg.text === 'this' || /^[dq]$/.test(arg.text))) return cur.childForFieldName('field');
    return arg ? rootName(arg) : null;
  }
  return NAME_TYPES.includes(cur.type) ? cur : null;
}

export interface InputNames {
  /** Whether the name at this node (scoped to its function when a local there) holds input. */
  has(name: SyntaxNode): boolean;
}

const memo = new WeakMap<object, InputNames>();

/** The input-fed names of a file, to a fixpoint over its assignments, setters and reads (memoised per tree). */
export function inputNames(root: SyntaxNode): InputNames {
  const cached = memo.get(root.tree as object);
  if (cached) return cached;
  const declared = new Map<number, Set<string>>();
  const keyOf = (name: SyntaxNode): string => {
    const fn = enclosingFunction(name);
    if (fn) {
      let names = declared.get(fn.id);
      if (!names) declared.set(fn.id, names = declaredIn(fn));
      if (names.has(name.text)) return `${fn.id}:${name.text}`;
    }
    return name.text;
  };
  const fed = new Set<string>();
  const feeds = (value: SyntaxNode | null): boolean => value !== null &&
    (readsInput(value) || [value, ...value.descendantsOfType(NAME_TYPES)].some((n) => NAME_TYPES.includes(n.type) && fed.has(keyOf(n))));
  const mark = (target: SyntaxNode | null): boolean => {
    const name = target ? rootName(target) : null;
    if (!name || fed.has(keyOf(name))) return false;
    fed.add(keyOf(name));
    return true;
  };
  // The file's plain functions: their parameters (a call passing input makes the parameter input) and whether their
  // body reads input (what they fill through a reference argument is input: `parseNumbers(str, values)`).
  const defs = new Map<string, Array<{ params: SyntaxNode[]; reads: boolean }>>();
  for (const f of root.descendantsOfType('function_definition')) {
    let d = f.childForFieldName('declarator');
    while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator') ?? d.namedChild(0);
    const name = d?.childForFieldName('declarator')?.text.replace(/^.*::/, '');
    const body = f.childForFieldName('body');
    if (!d || !name || !body) continue;
    const params = (d.childForFieldName('parameters')?.namedChildren ?? []).filter((p) => p.type === 'parameter_declaration' || p.type === 'optional_parameter_declaration').map((p) => {
      let n = p.childForFieldName('declarator');
      while (n && n.type !== 'identifier') n = n.childForFieldName('declarator') ?? (n.type === 'reference_declarator' || n.type === 'pointer_declarator' ? n.namedChild(0) : null);
      return n;
    }).filter((n): n is SyntaxNode => n !== null);
    defs.set(name, [...(defs.get(name) ?? []), { params, reads: readsInput(body) }]);
  }
  const assignments = root.descendantsOfType(['assignment_expression', 'init_declarator', 'call_expression', 'binary_expression']);
  for (let changed = true; changed;) {
    changed = false;
    for (const n of assignments) {
      if (n.type === 'assignment_expression' && feeds(n.childForFieldName('right'))) changed = mark(n.childForFieldName('left')) || changed;
      else if (n.type === 'init_declarator' && feeds(n.childForFieldName('value'))) changed = mark(n.childForFieldName('declarator')) || changed;
      else if (n.type === 'binary_expression' && isStreamRead(n)) changed = mark(n.childForFieldName('right')) || changed;
      else if (n.type === 'call_expression') {
        const shape = callShape(n);
        const args = n.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
        // `device->read(&hdr, sizeof hdr)`: the buffer a read fills is input.
        if (shape && INPUT_READ_CALLS.has(shape.name)) for (const a of args) if (a.descendantsOfType('pointer_expression').length > 0 || a.type === 'pointer_expression') changed = mark(a.type === 'pointer_expression' ? a.namedChild(0) : a.descendantsOfType('pointer_expression')[0]!.namedChild(0)) || changed;
        // `format.setSampleRate(hdr.rate)`: an object set from input holds input.
        if (shape?.receiver && /^set[A-Z]/.test(shape.name) && args.some((a) => feeds(a))) changed = mark(shape.receiver) || changed;
        // A plain call of a function of this file: input it is passed reaches its parameter; what a reading one is
        // handed by name it fills.
        for (const def of shape && !shape.receiver ? defs.get(shape.name) ?? [] : []) {
          if (def.params.length !== args.length) continue;
          args.forEach((a, i) => {
            if (feeds(a)) changed = mark(def.params[i]!) || changed;
            if (def.reads && a.type === 'identifier') changed = mark(a) || changed;
          });
        }
      }
    }
  }
  const result: InputNames = { has: (name) => fed.has(keyOf(name)) };
  memo.set(root.tree as object, result);
  return result;
}

/**
 * Names (by plain function name) of the file's functions that read input, that call (transitively, in this file) one
 * that does, or that a function reading input calls: `processData()` called from the slot that does
 * `m_buffer.append(m_transport->readAll())` parses what was read.
 */
export function functionsOnInputPath(root: SyntaxNode, nameOf: (fn: SyntaxNode) => string | null): Set<string> {
  const fns = root.descendantsOfType('function_definition');
  const callees = new Map<string, Set<string>>();
  const reading = new Set<string>();
  for (const fn of fns) {
    const name = nameOf(fn);
    const body = fn.childForFieldName('body');
    if (!name || !body) continue;
    const called = callees.get(name) ?? new Set<string>();
    for (const c of body.descendantsOfType('call_expression')) { const shape = callShape(c); if (shape) called.add(shape.name); }
    callees.set(name, called);
    if (readsInput(body)) reading.add(name);
  }
  // Upward: a function that calls one reading input (transitively) reads it too.
  const upward = new Set(reading);
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, called] of callees) if (!upward.has(name) && [...called].some((c) => upward.has(c))) { upward.add(name); changed = true; }
  }
  // Downward, one step: what a reading function calls processes what it read.
  const out = new Set(upward);
  for (const r of reading) for (const c of callees.get(r) ?? []) if (callees.has(c)) out.add(c);
  return out;
}
