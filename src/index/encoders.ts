// Phase 1 of the "returns only an encoder's output" facts: a project function every returned value of which is made
// by a library escaper or percent-encoder (models/python/markupEscapers.ts) — swift's `utils.quote(value,
// safe='/')` around `urllib.parse.quote` — so a file that formats its result into markup can judge it like the
// library call. Derived from the body, not from the function's name; one level through locals and through methods
// that keep the characters (`quoted.encode('utf-8')`). Wrappers of wrappers in other files are not followed.
import { functionBody, hasReceiver, parameterNames } from '../languages/python/dataflow/functions.js';
import type { PythonModel } from '../languages/python/model.js';
import { callee, descendantsOfType, enclosingFunction, keywordArg, positionalArgs, unparenthesize } from '../languages/python/syntax.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { ENCODER_OPTIONS } from '../models/python/markupEscapers.js';
import type { EncoderFact, EncoderOption } from './types.js';

/** Methods whose result holds the characters of their receiver only (an encoded str stays encoded). */
const KEEPING = new Set(['encode', 'decode', 'lower', 'upper', 'strip', 'lstrip', 'rstrip']);
/** Where an identifier is bound other than by a plain assignment. */
const REBINDING_PARENTS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'as_pattern_target', 'global_statement', 'nonlocal_statement']);
/** Locals followed to their assignments, and keeping methods unwrapped, this deep. */
const MAX_DEPTH = 3;

type Encoded = Omit<EncoderFact, 'name'>;

/** The encoders' own names (`quote`, `escape`): a file that never writes one wraps none (aliases keep the name). */
const ENCODER_WORDS = new RegExp(`\\b(${[...new Set([...ENCODER_OPTIONS.keys()].map((n) => n.slice(n.lastIndexOf('.') + 1)))].join('|')})\\b`);

export function encoderFacts(model: PythonModel, nameOf: (fn: SyntaxNode) => string | null): EncoderFact[] {
  if (!ENCODER_WORDS.test(model.source)) return [];
  const byFunction = new Map<number, { fn: SyntaxNode; values: Array<SyntaxNode | null> }>();
  for (const r of model.root.descendantsOfType('return_statement')) {
    const fn = enclosingFunction(r);
    if (!fn) continue;
    const entry = byFunction.get(fn.id) ?? { fn, values: [] };
    entry.values.push(r.namedChild(0));
    byFunction.set(fn.id, entry);
  }
  const out: EncoderFact[] = [];
  for (const { fn, values } of byFunction.values()) {
    const name = nameOf(fn);
    if (name === null || values.some((v) => v === null)) continue;
    const judge = new FunctionEncoding(model, fn);
    const all = values.map((v) => judge.of(v!, 0));
    const first = all[0];
    // Every return the same encoder with the same option: one answer a caller can evaluate.
    if (!first || all.some((e) => e === null || JSON.stringify(e) !== JSON.stringify(first))) continue;
    out.push({ name, ...first });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

class FunctionEncoding {
  private readonly params: Map<string, { index: number; default: SyntaxNode | null }>;
  private assigned: Map<string, SyntaxNode[]> | undefined;

  constructor(private readonly model: PythonModel, private readonly fn: SyntaxNode) {
    const offset = hasReceiver(fn) ? 1 : 0;
    this.params = new Map(parameterNames(fn).filter((p) => p.index >= offset).map((p) => {
      const decl = p.node.parent;
      const dflt = decl && (decl.type === 'default_parameter' || decl.type === 'typed_default_parameter') ? decl.childForFieldName('value') : null;
      return [p.name, { index: p.index - offset, default: dflt }];
    }));
  }

  /** The encoder whose output `expr` is, or null. */
  of(expr: SyntaxNode, depth: number): Encoded | null {
    const e = unparenthesize(expr);
    if (depth > MAX_DEPTH) return null;
    if (e.type === 'identifier') {
      if (this.params.has(e.text) || this.reboundOtherwise(e.text)) return null;
      const rights = this.assignmentsOf(e.text);
      // `quoted = quote(v); quoted = quoted.encode('utf-8')`: a keeping method on the name itself adds nothing.
      const own = rights.filter((r) => !this.keepsName(r, e.text));
      if (own.length === 0) return null;
      const all = own.map((r) => this.of(r, depth + 1));
      const first = all[0]!;
      return first && all.every((x) => x && JSON.stringify(x) === JSON.stringify(first)) ? first : null;
    }
    if (e.type !== 'call') return null;
    const name = this.model.callName(e);
    if (name !== null && ENCODER_OPTIONS.has(name)) return { call: name, ...this.optionOf(e, ENCODER_OPTIONS.get(name)!) };
    const f = callee(e);
    if (f?.type === 'attribute' && KEEPING.has(f.childForFieldName('attribute')!.text)) return this.of(f.childForFieldName('object')!, depth + 1);
    return null;
  }

  private optionOf(call: SyntaxNode, spec: { keyword: string; index: number } | null): { option?: EncoderOption } {
    if (!spec) return {};
    const arg = keywordArg(call, spec.keyword) ?? positionalArgs(call)[spec.index] ?? null;
    if (!arg) return {};
    const u = unparenthesize(arg);
    const p = u.type === 'identifier' ? this.params.get(u.text) : undefined;
    if (p) return { option: { param: u.text, index: p.index, text: p.default?.text ?? null } };
    return { option: { text: u.text } };
  }

  private keepsName(right: SyntaxNode, name: string): boolean {
    const u = unparenthesize(right);
    const f = u.type === 'call' ? callee(u) : null;
    if (f?.type !== 'attribute' || !KEEPING.has(f.childForFieldName('attribute')!.text)) return false;
    const obj = unparenthesize(f.childForFieldName('object')!);
    return obj.type === 'identifier' && obj.text === name;
  }

  /** The name is bound by something other than `name = value` (`+=`, unpacking, a loop, `with … as`, `global`). */
  private reboundOtherwise(name: string): boolean {
    const body = functionBody(this.fn);
    return (body ? descendantsOfType(body, 'identifier') : []).some((id) => {
      if (id.text !== name) return false;
      const p = id.parent;
      if (!p) return false;
      if (p.type === 'augmented_assignment') return p.childForFieldName('left')?.id === id.id;
      if (p.type === 'for_statement' || p.type === 'for_in_clause') return p.childForFieldName('left')?.id === id.id;
      return REBINDING_PARENTS.has(p.type);
    });
  }

  private assignmentsOf(name: string): SyntaxNode[] {
    if (!this.assigned) {
      this.assigned = new Map();
      const body = functionBody(this.fn);
      for (const a of body ? descendantsOfType(body, 'assignment') : []) {
        if (enclosingFunction(a)?.id !== this.fn.id) continue;
        const left = a.childForFieldName('left');
        const right = a.childForFieldName('right');
        if (left?.type !== 'identifier' || !right) continue;
        const list = this.assigned.get(left.text) ?? [];
        list.push(right);
        this.assigned.set(left.text, list);
      }
    }
    return this.assigned.get(name) ?? [];
  }
}

/**
 * The file formats values into a markup template: a string literal opens a tag with an attribute (`<a href=`). A
 * necessary condition for the markup rule to judge an attribute value, so other files' slices stay empty.
 */
export function buildsMarkup(model: PythonModel): boolean {
  return /<[A-Za-z][\w:-]*\s[^<>]*=/.test(model.source);
}
