// CWE-369: an integer or floating division (or `%`) whose divisor is a variable, a member, an accessor call
// (`format.sampleRate()`) or a product of them that
// the function never tests (no `x == 0`, `if (x)`, `qFuzzyIsNull(x)`, `qMax(1, x)` … anywhere in it). Sizes, rates
// and radii read from a file are zero on crafted input: integer division then traps, floating division spreads
// inf/NaN into geometry. Literal divisors, `sizeof`, the file's constants (languages/cpp/constants.ts) and divisors
// the function checks (or whose result it checks: `qIsFinite(q)`) are left alone. Confidence per finding: medium when
// the file shows the divisor coming from input (rulekit/cppInput.ts), low otherwise.
import { constantsOf } from '../../../languages/cpp/constants.js';
import { callShape, enclosingFunction, unparenthesize } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { FINITENESS_CHECKS } from '../../../models/cpp/library.js';
import { namesIn, testedNames } from '../../../rulekit/cppGuards.js';
import { inputNames, readsInput } from '../../../rulekit/cppInput.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

/** `format.sampleRate()`, `d->header.bytesPerFrame()`: a member read through an accessor with no arguments. */
function isGetter(n: SyntaxNode): boolean {
  return n.type === 'call_expression' && n.childForFieldName('function')?.type === 'field_expression' &&
    (n.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment').length ?? 1) === 0;
}

/** The variable the division's value is stored in (`x = a / b`, `T x = a / b`), through arithmetic around it. */
function resultName(expr: SyntaxNode): string | null {
  let n = expr;
  while (n.parent && (n.parent.type === 'binary_expression' || n.parent.type === 'parenthesized_expression' || n.parent.type === 'cast_expression')) n = n.parent;
  const p = n.parent;
  if (p?.type === 'init_declarator' && p.childForFieldName('value')?.id === n.id) return p.childForFieldName('declarator')?.type === 'identifier' ? p.childForFieldName('declarator')!.text : null;
  if (p?.type === 'assignment_expression' && p.childForFieldName('right')?.id === n.id) return p.childForFieldName('left')?.type === 'identifier' ? p.childForFieldName('left')!.text : null;
  return null;
}

/** Divisors worth a look: a name, a member, or a product of such (`rx * rx`, `bytesPerFrame * sampleRate`). */
function isVariableDivisor(node: SyntaxNode): boolean {
  const n = unparenthesize(node);
  if (n.type === 'identifier' || n.type === 'field_expression') return !/^[A-Z][A-Z0-9_]+$/.test(n.text);
  if (isGetter(n)) return true;
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '*') {
    const parts = [n.childForFieldName('left'), n.childForFieldName('right')];
    return parts.every((p) => p !== null && (isVariableDivisor(p) || unparenthesize(p).type === 'number_literal')) &&
      parts.some((p) => p !== null && isVariableDivisor(p));
  }
  return false;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'division-by-unchecked-value',
    cwe: 369,
    severity: 'medium',
    confidence: 'low',
    languages: ['cpp'],
    messages: {
      divide: {
        text: '`{expr}` divides by `{divisor}`, which `{fn}` never checks against zero: a zero from the input traps (integers) or turns the result into inf/NaN',
        fix: 'Check `{divisor}` before dividing (return or fall back when it is zero, `qFuzzyIsNull` for floating values)',
      },
    },
    docs: {
      summary: 'Division or modulo by a variable the function never checks for zero',
      why: 'Counts, rates, sizes and radii that come from a file or a peer can be zero. An integer division by zero is undefined behaviour and traps on most CPUs (a crash, a denial of service); a floating one yields inf or NaN, which then reaches geometry, allocation sizes or loop bounds (CWE-369). A finding is medium confidence when the file shows the divisor read from input (a device or stream read, a decoded header field, a parsed number, or an object set from one: `format.setSampleRate(hdr.rate)` then `/ format.sampleRate()`); low (shown with `--min-confidence low`) when it does not.',
      example: 'qint64 Decoder::duration() const\n{\n    return m_dataSize * 1000 / (m_bytesPerFrame * m_sampleRate);\n}\n',
      useInstead: 'qint64 Decoder::duration() const\n{\n    if (m_bytesPerFrame == 0 || m_sampleRate == 0)\n        return 0;\n    return m_dataSize * 1000 / (m_bytesPerFrame * m_sampleRate);\n}\n',
      fix: 'Test the divisor (or each factor of it) before the division and handle zero explicitly; for floating values compare with `qFuzzyIsNull` rather than `== 0`.',
      references: ['https://cwe.mitre.org/data/definitions/369.html', 'https://wiki.sei.cmu.edu/confluence/display/c/INT33-C.+Ensure+that+division+and+remainder+operations+do+not+result+in+divide-by-zero+errors'],
    },
  },
  create(ctx) {
    // One finding per divisor and function: `a / len` and `b / len` share one missing check, and one fix.
    const reported = new Set<string>();
    const check = (expr: SyntaxNode, divisor: SyntaxNode | null): void => {
      if (!divisor || !isVariableDivisor(divisor)) return;
      const fn = enclosingFunction(expr);
      if (!fn) return;
      const tested = testedNames(fn);
      const names = [...namesIn(divisor)];
      if (names.some((name) => tested.has(name))) return;
      // `q = 1 / m.m11(); … qIsFinite(q) ? q : 1.0`: the result is checked for the inf a zero divisor makes.
      const result = resultName(expr);
      if (result !== null && fn.descendantsOfType('call_expression').some((c) => {
        const shape = callShape(c);
        return shape !== null && FINITENESS_CHECKS.has(shape.name) && namesIn(c.childForFieldName('arguments') ?? c).has(result);
      })) return;
      // A constant of the file (`constexpr float max8bit = static_cast<float>(255);`, `const qreal spacing = 0.02;`).
      const constants = constantsOf(ctx.model.root);
      if (names.every((name) => constants.isConstantIn(name, fn))) return;
      const key = `${fn.id}:${unparenthesize(divisor).text.replace(/\s+/g, '')}`;
      if (reported.has(key)) return;
      reported.add(key);
      // Medium when the divisor is read from input (a device or stream read, a decoded header field, a parsed
      // attribute, or an object set from one: `format.setSampleRate(hdr.rate)` then `/ format.sampleRate()`);
      // low when the file does not show where it comes from.
      const inputs = inputNames(ctx.model.root);
      const d = unparenthesize(divisor);
      const fromInput = readsInput(d) || [d, ...d.descendantsOfType(['identifier', 'field_identifier'])].some((n) => (n.type === 'identifier' || n.type === 'field_identifier') && inputs.has(n));
      ctx.report({
        confidence: fromInput ? 'medium' : 'low',
        node: expr,
        messageId: 'divide',
        data: { expr: expr.text.replace(/\s+/g, ' ').slice(0, 80), divisor: unparenthesize(divisor).text, fn: fn.childForFieldName('declarator')?.text.split('(')[0] ?? 'the function' },
      });
    };
    return {
      binary_expression(node) {
        const op = node.childForFieldName('operator')?.text;
        if (op === '/' || op === '%') check(node, node.childForFieldName('right'));
      },
      assignment_expression(node) {
        const op = node.childForFieldName('operator')?.text;
        if (op === '/=' || op === '%=') check(node, node.childForFieldName('right'));
      },
    };
  },
});
