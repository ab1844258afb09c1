// CWE-1335: a value that can be a function's negative error sentinel shifted left without a check. A function of this
// file returns int and `return -1;` (or another negative constant) when its input is invalid — a hex-digit or base64
// decoder, a lookup — and a caller shifts its result (`(h2i(s[0]) << 4) | h2i(s[1])`), directly or through a local
// the caller never tests. Shifting a negative value left is undefined behaviour before C++20 and afterwards yields
// a large garbage value that passes as valid; either way the error the callee reported is lost. Results the caller
// compares, and functions with no negative return, stay silent.
import { callShape, enclosingFunction, functionName, baseName, unparenthesize } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { testedNames } from '../../../rulekit/cppGuards.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

const SIGNED_RETURNS = new Set(['int', 'short', 'long', 'qint32', 'qint16', 'qint8', 'int32_t', 'int16_t', 'int8_t', 'signed char', 'char', 'qint64', 'int64_t', 'long long', 'qsizetype', 'ssize_t']);

/** Functions of the file returning a signed integer that `return -N;` somewhere: name → that return statement. */
function sentinelReturners(root: SyntaxNode): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const fn of root.descendantsOfType('function_definition')) {
    const type = fn.childForFieldName('type')?.text.replace(/\s+/g, ' ');
    if (!type || !SIGNED_RETURNS.has(type) || fn.childForFieldName('declarator')?.type !== 'function_declarator') continue;
    const negative = fn.descendantsOfType('return_statement').find((r) => {
      const v = r.namedChild(0) && unparenthesize(r.namedChild(0)!);
      // tree-sitter-cpp reads `-1` as one number literal; `-(1)` or `- 1` as a unary minus.
      const negative = v?.type === 'number_literal' ? v.text.startsWith('-') : v?.type === 'unary_expression' && v.childForFieldName('operator')?.text === '-' && v.childForFieldName('argument')?.type === 'number_literal';
      return negative && enclosingFunction(r)?.id === fn.id;
    });
    const name = functionName(fn);
    if (negative && name) out.set(baseName(name), negative);
  }
  return out;
}

/** The sentinel-returning call a shifted operand is: the call itself, or a local initialised or assigned from one. */
function sentinelSource(operand: SyntaxNode, fn: SyntaxNode, returners: ReadonlyMap<string, SyntaxNode>): { call: SyntaxNode; via: string | null } | null {
  const n = unparenthesize(operand);
  const name = n.type === 'call_expression' ? callShape(n)?.name : undefined;
  if (name && returners.has(name)) return { call: n, via: null };
  if (n.type !== 'identifier') return null;
  // A local whose every value comes from such a call, and which the function never tests.
  if (testedNames(fn).has(n.text)) return null;
  const sources: SyntaxNode[] = [];
  for (const d of fn.descendantsOfType('init_declarator')) {
    if (d.childForFieldName('declarator')?.text === n.text) { const v = d.childForFieldName('value'); if (v) sources.push(v); }
  }
  for (const a of fn.descendantsOfType('assignment_expression')) {
    if (a.childForFieldName('left')?.text === n.text) { const v = a.childForFieldName('right'); if (v) sources.push(v); }
  }
  if (sources.length === 0) return null;
  const calls = sources.map((s) => unparenthesize(s)).filter((s) => s.type === 'call_expression' && returners.has(callShape(s)?.name ?? ''));
  return calls.length === sources.length ? { call: calls[0]!, via: n.text } : null;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'error-sentinel-shifted',
    cwe: 1335,
    severity: 'medium',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      shifted: {
        text: '`{shift}` shifts the result of `{callee}()`{via}, which returns {sentinel} for invalid input (line {line}): a negative value shifted left is undefined behaviour and the error turns into a valid-looking number',
        fix: 'Test the result of `{callee}()` for the error value before shifting (`if (v < 0) return false;`), or shift an unsigned, range-checked value',
      },
    },
    docs: {
      summary: 'Result of a function that returns a negative error value shifted left without a check',
      why: 'Class: incorrect bitwise shift of an integer (CWE-1335; CERT INT34-C "Do not shift an expression by a negative number of bits or by greater than or equal to the number of bits that exist in the operand", which also makes left-shifting a negative value undefined) reached through an unchecked error sentinel (CWE-253). Decoders of hex digits, base64 or escape sequences return -1 for a character that is not a digit; callers that build a number with `(d(c0) << 4) | d(c1)` turn hostile input into undefined behaviour, and with optimising compilers into whatever the optimiser assumed. Real fix: an SVG colour parser shifted its hex-digit helper\'s -1 (qtsvg); the same pattern sits in many hand-written hex and base64 decoders.',
      example: 'static int hexDigit(char c)\n{\n    if (c >= \'0\' && c <= \'9\')\n        return c - \'0\';\n    if (c >= \'a\' && c <= \'f\')\n        return c - \'a\' + 10;\n    return -1;\n}\n\nstatic int hexByte(const char *s)\n{\n    return (hexDigit(s[0]) << 4) | hexDigit(s[1]);\n}\n',
      useInstead: 'static int hexDigit(char c)\n{\n    if (c >= \'0\' && c <= \'9\')\n        return c - \'0\';\n    if (c >= \'a\' && c <= \'f\')\n        return c - \'a\' + 10;\n    return -1;\n}\n\nstatic int hexByte(const char *s)\n{\n    const int high = hexDigit(s[0]);\n    const int low = hexDigit(s[1]);\n    if (high < 0 || low < 0)\n        return -1;\n    return (high << 4) | low;\n}\n',
      fix: 'Check the helper\'s result for its error value before using it in a shift, and propagate the error; or make the helper report failure separately (an `ok` flag, std::optional) so no sentinel can reach arithmetic.',
      references: [
        'https://cwe.mitre.org/data/definitions/1335.html',
        'https://wiki.sei.cmu.edu/confluence/display/c/INT34-C.+Do+not+shift+an+expression+by+a+negative+number+of+bits+or+by+greater+than+or+equal+to+the+number+of+bits+that+exist+in+the+operand',
        'https://cwe.mitre.org/data/definitions/253.html',
      ],
    },
  },
  create(ctx) {
    let returners: Map<string, SyntaxNode> | undefined;
    return {
      binary_expression(shift) {
        if (shift.childForFieldName('operator')?.text !== '<<') return;
        const left = shift.childForFieldName('left');
        const fn = enclosingFunction(shift);
        if (!left || !fn) return;
        returners ??= sentinelReturners(shift.tree.rootNode);
        if (returners.size === 0) return;
        const source = sentinelSource(left, fn, returners);
        if (!source) return;
        const callee = callShape(source.call)!.name;
        const sentinel = returners.get(callee)!;
        ctx.report({
          node: shift, messageId: 'shifted',
          data: {
            shift: shift.text.replace(/\s+/g, ' ').slice(0, 60), callee, via: source.via ? ` (through \`${source.via}\`)` : '',
            sentinel: unparenthesize(sentinel.namedChild(0)!).text, line: sentinel.startPosition.row + 1,
          },
          evidence: [{ node: sentinel, message: `${callee} returns an error value here` }, { node: source.call, message: `the unchecked call` }],
        });
      },
    };
  },
});
