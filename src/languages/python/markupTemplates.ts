// Python string templates as literal text and placeholders with the expression that fills each: `fmt % args`
// (tuple, mapping or single value), `fmt.format(...)`, and f-strings. Only templates written as literals are read;
// a placeholder whose value cannot be told (`fmt % values`, `*args`) gets no expression. `mustContain` skips
// templates without a character the caller needs (`<` for markup) before any splitting; `literalOf` reads the format
// (a caller may also accept one passed through a translation marker, `_('%s:%s@')`).
import type { SyntaxNode } from '../syntaxTree.js';
import type { TemplatePart } from '../../analysis/markupContext.js';
import { splitPercent } from './dataflow/percentFormat.js';
import { keywordArg, positionalArgs, stringValue, unparenthesize } from './syntax.js';

export interface Template {
  /** The formatting expression. */
  node: SyntaxNode;
  /** The literal template as written (for messages). */
  literal: SyntaxNode;
  parts: TemplatePart[];
  /** The expression filling each placeholder, by placeholder number. */
  values: Map<number, SyntaxNode>;
  /** Placeholders filled by an attribute or item of their expression (`{0.name}`, `{user[id]}`, `%(name)s` of an
   * operand that is not a dict display), not by it whole. */
  partial: Set<number>;
}

type LiteralReader = (node: SyntaxNode) => string | null;

/** `'<a href="%s">%s</a>' % (url, text)`, or any other `%` template written as a literal */
export function percentTemplate(node: SyntaxNode, mustContain = '', literalOf: LiteralReader = stringValue): Template | null {
  if (node.type !== 'binary_operator' || node.childForFieldName('operator')?.text !== '%') return null;
  const literal = node.childForFieldName('left')!;
  const fmt = literalOf(literal);
  if (fmt === null || !fmt.includes(mustContain)) return null;
  const right = unparenthesize(node.childForFieldName('right')!);
  const parts: TemplatePart[] = [];
  const values = new Map<number, SyntaxNode>();
  const partial = new Set<number>();
  const items = right.type === 'tuple' ? right.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment') : null;
  const pairs = right.type === 'dictionary' ? right.namedChildren.filter((c): c is SyntaxNode => c?.type === 'pair') : null;
  let n = 0;
  for (const p of splitPercent(fmt)) {
    if ('text' in p) { parts.push({ text: p.text }); continue; }
    const i = n++;
    parts.push({ placeholder: i });
    let v: SyntaxNode | null | undefined = null;
    if (items) v = items[i];
    else if (pairs && p.conversion.key !== null) v = pairs.find((pair) => stringValue(pair.childForFieldName('key')) === p.conversion.key)?.childForFieldName('value');
    else if (!pairs && i === 0 && p.conversion.key === null) v = right;
    // `%(password)s` of a mapping that is not written out (`% locals()`, `% conf`): an item of the operand.
    else if (!pairs && p.conversion.key !== null) partial.add(i);
    if (v) values.set(i, v);
  }
  return { node, literal, parts, values, partial };
}

const FIELD = /\{\{|\}\}|\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}/g;

/** `'<a href="{}">{}</a>'.format(url, text)`, numbered and named fields included. */
export function formatTemplate(call: SyntaxNode, mustContain = '', literalOf: LiteralReader = stringValue): Template | null {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format') return null;
  const literal = fn.childForFieldName('object')!;
  const fmt = literalOf(literal);
  if (fmt === null || !fmt.includes(mustContain)) return null;
  const positional = positionalArgs(call);
  const parts: TemplatePart[] = [];
  const values = new Map<number, SyntaxNode>();
  const partial = new Set<number>();
  let last = 0;
  let auto = 0;
  let n = 0;
  for (const m of fmt.matchAll(FIELD)) {
    if (m[0] === '{{' || m[0] === '}}') continue;
    parts.push({ text: fmt.slice(last, m.index) });
    last = m.index! + m[0].length;
    const i = n++;
    parts.push({ placeholder: i });
    const field = (m[1] ?? '').split(/[.[]/)[0]!;
    const v = field === '' ? positional[auto++] : /^\d+$/.test(field) ? positional[Number(field)] : keywordArg(call, field);
    // `{0.name}` / `{user[id]}`: an attribute or item of the argument, still its text.
    if (v) values.set(i, v);
    if (field.length < (m[1] ?? '').length) partial.add(i);
  }
  parts.push({ text: fmt.slice(last) });
  return { node: call, literal, parts, values, partial };
}

/** `f'<a href="{url}">{text}</a>'` */
export function fStringTemplate(node: SyntaxNode, mustContain = ''): Template | null {
  if (node.type !== 'string' || !node.namedChildren.some((c) => c?.type === 'interpolation')) return null;
  const parts: TemplatePart[] = [];
  const values = new Map<number, SyntaxNode>();
  let n = 0;
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_content' || c.type === 'escape_sequence') parts.push({ text: c.text });
    else if (c.type === 'interpolation') {
      const i = n++;
      parts.push({ placeholder: i });
      const e = c.childForFieldName('expression');
      if (e) values.set(i, e);
    }
  }
  if (!parts.some((p) => 'text' in p && p.text.includes(mustContain))) return null;
  return { node, literal: node, parts, values, partial: new Set() };
}
