// The text a string expression has on every run, as Python would build it: literals decoded (escapes of non-raw
// strings), `+` and implicit concatenation, `'sep'.join([...])` of constants, names followed to the constants they are
// bound to, and a function's parameter followed to the constants this file's calls pass for it. Each result keeps
// the named constants it was built from, so a rule can point at the one that holds the defect (`qdtext = r'[^"]'`),
// not at the expression that combines it.
import type { SyntaxNode } from '../syntaxTree.js';
import type { PythonModel } from './model.js';
import { keywordArg, positionalArg, unparenthesize } from './syntax.js';

export interface FoldedString {
  value: string;
  /** The expression that has this value: the one folded, or the value bound to a name it reads. */
  node: SyntaxNode;
  /** The named constants the value was built from, each folded in turn. */
  parts: FoldedString[];
}

/** Values followed per expression: a parameter passed different constants by different calls has one per call. */
const MAX_ALTERNATIVES = 6;
/** Names followed one into another (`A = B + '…'`, `B = C`) before giving up. */
const MAX_DEPTH = 8;
const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '\n': '' };

/** The value of one string literal (not an f-string), escapes decoded as Python does; null when it cannot be read. */
export function decodedString(node: SyntaxNode): string | null {
  const n = unparenthesize(node);
  if (n.type === 'concatenated_string') {
    let out = '';
    for (const part of n.namedChildren) {
      if (!part) continue;
      const v = decodedString(part);
      if (v === null) return null;
      out += v;
    }
    return out;
  }
  if (n.type !== 'string') return null;
  const m = /^([A-Za-z]*)('''|"""|'|")/.exec(n.text);
  if (!m || !n.text.endsWith(m[2]!) || n.text.length < m[0].length + m[2]!.length) return null;
  const prefix = m[1]!.toLowerCase();
  if (prefix.includes('f') || prefix.includes('t')) return null;
  const body = n.text.slice(m[0].length, n.text.length - m[2]!.length);
  return prefix.includes('r') ? body : unescape(body, prefix.includes('b'));
}

function unescape(body: string, bytes: boolean): string | null {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') { out += c; continue; }
    const e = body[i + 1];
    if (e === undefined) return null;
    if (e in SIMPLE_ESCAPES) { out += SIMPLE_ESCAPES[e]; i++; continue; }
    if (e === '\r') { i += body[i + 2] === '\n' ? 2 : 1; continue; }
    const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1));
    if (octal) { out += String.fromCodePoint(parseInt(octal[0], 8)); i += octal[0].length; continue; }
    const hex = e === 'x' ? /^[0-9a-fA-F]{2}/.exec(body.slice(i + 2))
      : !bytes && e === 'u' ? /^[0-9a-fA-F]{4}/.exec(body.slice(i + 2))
        : !bytes && e === 'U' ? /^[0-9a-fA-F]{8}/.exec(body.slice(i + 2)) : null;
    if (hex) { out += String.fromCodePoint(parseInt(hex[0], 16)); i += 1 + hex[0].length; continue; }
    if (e === 'x' || (!bytes && (e === 'u' || e === 'U' || e === 'N'))) return null;
    out += c; // An unknown escape keeps its backslash.
  }
  return out;
}

/** Calls of this file by the name they are written with (`helper`, `self.helper` → helper), built once per model. */
const callsByName = new WeakMap<PythonModel, Map<string, SyntaxNode[]>>();

function callsNamed(model: PythonModel, name: string): readonly SyntaxNode[] {
  let index = callsByName.get(model);
  if (!index) {
    index = new Map();
    for (const call of model.root.descendantsOfType('call')) {
      const f = call.childForFieldName('function');
      const written = f?.type === 'identifier' ? f.text : f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : undefined;
      if (!written) continue;
      const list = index.get(written);
      if (list) list.push(call); else index.set(written, [call]);
    }
    callsByName.set(model, index);
  }
  return index.get(name) ?? [];
}

/** The arguments this file's calls of `fn` pass for one of its parameters (its default where a call leaves it out). */
function argumentsFor(model: PythonModel, identifier: SyntaxNode): SyntaxNode[] {
  let fn: SyntaxNode | null = identifier.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return [];
  const param = model.parameters(fn).find((p) => p.name === identifier.text);
  const name = fn.childForFieldName('name')?.text;
  if (!param || !name || param.receiver || param.kind === 'var-positional' || param.kind === 'var-keyword') return [];
  const method = model.enclosingClass(fn) !== null;
  const shift = model.parameters(fn).some((p) => p.receiver) ? 1 : 0;
  const out: SyntaxNode[] = [];
  for (const call of callsNamed(model, name)) {
    if (model.definitionOf(call.childForFieldName('function')!)?.id !== fn.id) continue;
    const given = keywordArg(call, param.name)
      ?? (param.kind === 'keyword-only' ? null : positionalArg(call, param.index - (method ? shift : 0)));
    const value = given ?? param.defaultValue;
    if (value) out.push(value);
  }
  return out;
}

function isParameter(model: PythonModel, identifier: SyntaxNode): boolean {
  const bindings = model.bindingsOf(identifier);
  return bindings.length > 0 && bindings.every((b) => b.kind === 'parameter');
}

/** The constant texts `expr` may have (one per constant a name or parameter may hold), at most MAX_ALTERNATIVES. */
export function foldedStrings(model: PythonModel, expr: SyntaxNode): FoldedString[] {
  return fold(model, expr, 0, new Set());
}

function fold(model: PythonModel, expr: SyntaxNode, depth: number, active: Set<number>): FoldedString[] {
  if (depth > MAX_DEPTH || active.has(expr.id)) return [];
  const e = unparenthesize(expr);
  if (e.type === 'string' || e.type === 'concatenated_string') {
    const value = decodedString(e);
    return value === null ? [] : [{ value, node: expr, parts: [] }];
  }
  active.add(expr.id);
  try {
    if (e.type === 'binary_operator' && e.childForFieldName('operator')?.type === '+') {
      const left = fold(model, e.childForFieldName('left')!, depth, active);
      const right = fold(model, e.childForFieldName('right')!, depth, active);
      const out: FoldedString[] = [];
      for (const l of left) for (const r of right) {
        if (out.length < MAX_ALTERNATIVES) out.push({ value: l.value + r.value, node: expr, parts: [...partsOf(l), ...partsOf(r)] });
      }
      return out;
    }
    if (e.type === 'call') return joined(model, e, depth, active);
    if (e.type === 'identifier' || e.type === 'attribute') {
      const values = e.type === 'identifier' && isParameter(model, e) ? argumentsFor(model, e) : model.valuesOf(e);
      const out: FoldedString[] = [];
      for (const v of values) {
        if (!v) continue;
        for (const r of fold(model, v, depth + 1, active)) {
          if (out.length < MAX_ALTERNATIVES) out.push({ value: r.value, node: expr, parts: [r] });
        }
      }
      return out;
    }
    return [];
  } finally {
    active.delete(expr.id);
  }
}

/** A name's fold stands for itself as a part; an expression's fold passes on the parts it was built from. */
function partsOf(r: FoldedString): FoldedString[] {
  const e = unparenthesize(r.node);
  return e.type === 'identifier' || e.type === 'attribute' ? [r] : r.parts;
}

/** `'sep'.join([a, b, …])` of constants (one value each). */
function joined(model: PythonModel, call: SyntaxNode, depth: number, active: Set<number>): FoldedString[] {
  const f = call.childForFieldName('function');
  if (f?.type !== 'attribute' || f.childForFieldName('attribute')?.text !== 'join') return [];
  const sep = decodedString(f.childForFieldName('object')!);
  const list = positionalArg(call, 0);
  const items = list && (list.type === 'list' || list.type === 'tuple') ? list.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment') : null;
  if (sep === null || !items) return [];
  const values: string[] = [];
  const parts: FoldedString[] = [];
  for (const item of items) {
    const r = fold(model, item, depth, active);
    if (r.length !== 1) return [];
    values.push(r[0]!.value);
    parts.push(...partsOf(r[0]!));
  }
  return [{ value: values.join(sep), node: call, parts }];
}
