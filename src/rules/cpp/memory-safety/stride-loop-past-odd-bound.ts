// CWE-787 / CWE-125: a loop that steps its index by K (`i += 2`) but stops on `i < n` alone, while each pass touches
// K elements (`a[i + 1]`, or `*out++` K times). When n, a parameter the caller chooses, is not a multiple of K, the
// last pass reads or writes up to K-1 elements past the end: an odd-width frame in a two-pixels-per-step colour
// converter, an odd byte count in a UTF-16 decoder. Bounds the function makes a multiple (`n &= ~1`, `n % 2`,
// `n / 2`), conditions that leave room (`i + 1 < n`, `i < n - 1`) and accesses the body tests are left alone.
import { enclosingFunction, unparenthesize } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

const LOOPS = ['for_statement', 'while_statement', 'do_statement'];
const PARITY_OPERATORS = new Set(['&', '%', '/', '>>']);
const PARITY_ASSIGNMENTS = new Set(['&=', '%=', '/=', '>>=']);

const literal = (node: SyntaxNode | null | undefined): number | null => {
  if (!node || node.type !== 'number_literal') return null;
  const v = Number(node.text.replace(/[uUlL]+$/, ''));
  return Number.isInteger(v) ? v : null;
};

/** `i += K` or `i = i + K` with K ≥ 2: the index and the step. */
function stride(update: SyntaxNode | null): { index: string; step: number } | null {
  const u = update && unparenthesize(update);
  if (u?.type !== 'assignment_expression') return null;
  const left = u.childForFieldName('left');
  const right = u.childForFieldName('right');
  const op = u.child(1)?.text;
  if (left?.type !== 'identifier' || !right) return null;
  let step: number | null = null;
  if (op === '+=') step = literal(right);
  else if (op === '=' && right.type === 'binary_expression' && right.childForFieldName('operator')?.text === '+' &&
    right.childForFieldName('left')?.text === left.text) step = literal(right.childForFieldName('right'));
  return step !== null && step >= 2 ? { index: left.text, step } : null;
}

/** The names of a function's parameters. */
function parameters(fn: SyntaxNode): Set<string> {
  const out = new Set<string>();
  const list = fn.childForFieldName('declarator')?.descendantsOfType('parameter_list')[0];
  for (const p of list?.namedChildren ?? []) {
    const id = p.childForFieldName('declarator');
    const name = id && (id.type === 'identifier' ? id : id.descendantsOfType('identifier')[0]);
    if (name) out.add(name.text);
  }
  return out;
}

/** Whether the function makes `bound` a multiple, or splits it (`n &= ~1`, `n % 2`, `n / 2`, `n >> 1`). */
function parityHandled(fn: SyntaxNode, bound: string): boolean {
  const mentions = (n: SyntaxNode | null): boolean => n !== null && (n.text === bound || n.descendantsOfType('identifier').some((i) => i.text === bound));
  for (const b of fn.descendantsOfType('binary_expression')) {
    if (PARITY_OPERATORS.has(b.childForFieldName('operator')?.text ?? '') && mentions(b.childForFieldName('left'))) return true;
  }
  return fn.descendantsOfType('assignment_expression').some((a) => PARITY_ASSIGNMENTS.has(a.child(1)?.text ?? '') && a.childForFieldName('left')?.text === bound);
}

/** Nodes of `body` that are not inside a loop nested in it. */
function ownNodes(body: SyntaxNode, types: string[]): SyntaxNode[] {
  return body.descendantsOfType(types).filter((n) => {
    for (let p = n.parent; p && p.id !== body.id; p = p.parent) if (LOOPS.includes(p.type)) return false;
    return true;
  });
}

/** An access a pass makes beyond `i`: `a[i + c]` with 0 < c < step, or a pointer dereferenced and stepped step times. */
function extraAccess(body: SyntaxNode, index: string, step: number): SyntaxNode | null {
  for (const s of ownNodes(body, ['subscript_expression'])) {
    const arg = s.childForFieldName('indices')?.namedChildren[0];
    const i = arg && unparenthesize(arg);
    if (i?.type !== 'binary_expression' || i.childForFieldName('operator')?.text !== '+' || i.childForFieldName('left')?.text !== index) continue;
    const c = literal(i.childForFieldName('right'));
    if (c !== null && c >= 1 && c < step) return s;
  }
  const stepped = new Map<string, SyntaxNode[]>();
  for (const u of ownNodes(body, ['update_expression'])) {
    const arg = u.childForFieldName('argument');
    if (arg?.type !== 'identifier' || !/\+\+/.test(u.text) || u.parent?.type !== 'pointer_expression' || u.parent.child(0)?.text !== '*') continue;
    const list = stepped.get(arg.text) ?? [];
    list.push(u.parent);
    stepped.set(arg.text, list);
  }
  for (const list of stepped.values()) if (list.length >= step) return list[list.length - 1]!;
  return null;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'stride-loop-past-odd-bound',
    cwe: 787,
    severity: 'high',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      stride: {
        text: 'the loop steps `{index}` by {step} while `{index} < {bound}`, and each pass touches {step} elements (`{access}`): when the caller passes a `{bound}` that is not a multiple of {step}, the last pass goes past the end',
        fix: 'Stop while a whole step fits (`{index} + {last} < {bound}`) and handle the remainder separately, or make `{bound}` a multiple of {step} first',
      },
    },
    docs: {
      summary: 'Loop stepping by K elements bounded only by `i < n`: the last pass overruns when n is not a multiple of K',
      why: 'Converters and decoders handle two pixels, two bytes or four samples per pass and step their index accordingly, but test only `i < n`. When n (a width, a byte count, a frame count from the caller or the file) is not a multiple of the step, the last pass reads or writes the elements after the end of the buffer (CWE-787, CWE-125; CERT ARR30-C). Real fixes: YUV to RGB conversion writing one pixel past each row for odd widths (qtmultimedia), UTF-16/UTF-32 decoders reading past an odd-length buffer (GNUstep libs-base #647).',
      example: 'void toRgb(const uchar *y, quint32 *rgb, int width)\n{\n    for (int i = 0; i < width; i += 2) {\n        *rgb++ = convert(y[i]);\n        *rgb++ = convert(y[i + 1]);\n    }\n}\n',
      useInstead: 'void toRgb(const uchar *y, quint32 *rgb, int width)\n{\n    int i = 0;\n    for (; i + 1 < width; i += 2) {\n        rgb[i] = convert(y[i]);\n        rgb[i + 1] = convert(y[i + 1]);\n    }\n    if (i < width)\n        rgb[i] = convert(y[i]);\n}\n',
      fix: 'Loop while a whole step fits (`i + K - 1 < n`) and finish the remainder in a tail, or round the bound down to a multiple of the step before the loop.',
      references: ['https://cwe.mitre.org/data/definitions/787.html', 'https://wiki.sei.cmu.edu/confluence/display/c/ARR30-C.+Do+not+form+or+use+out-of-bounds+pointers+or+array+subscripts'],
    },
  },
  create(ctx) {
    return {
      for_statement(loop) {
        const s = stride(loop.childForFieldName('update'));
        const condition = loop.childForFieldName('condition');
        const body = loop.childForFieldName('body');
        if (!s || !condition || !body) return;
        const c = unparenthesize(condition);
        if (c.type !== 'binary_expression' || !['<', '!='].includes(c.childForFieldName('operator')?.text ?? '') || c.childForFieldName('left')?.text !== s.index) return;
        const bound = c.childForFieldName('right');
        // Only a parameter: its parity is the caller's, so the function cannot assume it (a pair count it builds can).
        if (bound?.type !== 'identifier') return;
        const fn = enclosingFunction(loop);
        if (!fn || !parameters(fn).has(bound.text) || parityHandled(fn, bound.text)) return;
        // The body tests the index against the bound itself (`if (i + 1 < n)`): the extra element is guarded.
        if (body.descendantsOfType('binary_expression').some((b) => ['<', '<=', '>', '>=', '==', '!='].includes(b.childForFieldName('operator')?.text ?? '') &&
          b.descendantsOfType('identifier').some((i) => i.text === bound.text))) return;
        const access = extraAccess(body, s.index, s.step);
        if (!access) return;
        ctx.report({
          node: condition, messageId: 'stride',
          data: { index: s.index, step: String(s.step), bound: bound.text, access: access.text.split('\n')[0]!, last: String(s.step - 1) },
          evidence: [{ node: access, message: 'an element beyond the index is touched here' }],
        });
      },
    };
  },
});
