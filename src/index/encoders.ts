// Phase 1 of the "returns only an encoder's output" facts: a project function every returned value of which is made
// by a library escaper or percent-encoder (models/python/markupEscapers.ts) — swift's `utils.quote(value,
// safe='/')` around `urllib.parse.quote` — so a file that formats its result into markup can judge it like the
// library call. Derived from the body, not from the function's name; through locals (their reaching definitions)
// and methods that keep the characters (`quoted.encode('utf-8')`). Wrappers of wrappers in other files are not followed.
import { BudgetSpent } from '../analysis/budget.js';
import { hasReceiver, parameterNames } from '../languages/python/dataflow/functions.js';
import type { PythonModel } from '../languages/python/model.js';
import { callee, enclosingFunction, keywordArg, positionalArgs, unparenthesize } from '../languages/python/syntax.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { ENCODER_OPTIONS } from '../models/python/markupEscapers.js';
import type { EncoderFact, EncoderOption } from './types.js';

/** Methods whose result holds the characters of their receiver only (an encoded str stays encoded). */
const KEEPING = new Set(['encode', 'decode', 'lower', 'upper', 'strip', 'lstrip', 'rstrip']);
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
    const all = values.map((v) => judge.judged(v!));
    const first = all[0];
    // Every return the same encoder with the same option: one answer a caller can evaluate.
    if (!first || all.some((e) => e === null || JSON.stringify(e) !== JSON.stringify(first))) continue;
    out.push({ name, ...first });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

class FunctionEncoding {
  private readonly params: Map<string, { index: number; default: SyntaxNode | null }>;

  constructor(private readonly model: PythonModel, private readonly fn: SyntaxNode) {
    const offset = hasReceiver(fn) ? 1 : 0;
    this.params = new Map(parameterNames(fn).filter((p) => p.index >= offset).map((p) => {
      const decl = p.node.parent;
      const dflt = decl && (decl.type === 'default_parameter' || decl.type === 'typed_default_parameter') ? decl.childForFieldName('value') : null;
      return [p.name, { index: p.index - offset, default: dflt }];
    }));
  }

  /** The encoder whose output a returned `expr` is, or null; also null when the file's analysis budget is spent. */
  judged(expr: SyntaxNode): Encoded | null {
    try {
      return this.of(expr, 0);
    } catch (error) {
      if (error instanceof BudgetSpent) return null;
      throw error;
    }
  }

  /** The encoder whose output `expr` is, or null. */
  private of(expr: SyntaxNode, depth: number): Encoded | null {
    const e = unparenthesize(expr);
    if (depth > MAX_DEPTH) return null;
    if (e.type === 'identifier') {
      // The values reaching this read (the function's own dataflow): a parameter, an unpacking, a loop target or an
      // augmented assignment leaves the value unknown.
      const reaching = this.model.reachingValues(e);
      if (!reaching || reaching.parameter || reaching.augmented.length > 0 || reaching.values.length === 0) return null;
      const all = reaching.values.map((r) => (r === null ? null : this.of(r, depth + 1)));
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
}

/**
 * The file formats values into a markup template: a string literal opens a tag with an attribute (`<a href=`). A
 * necessary condition for the markup rule to judge an attribute value, so other files' slices stay empty.
 */
export function buildsMarkup(model: PythonModel): boolean {
  return /<[A-Za-z][\w:-]*\s[^<>]*=/.test(model.source);
}
