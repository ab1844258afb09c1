// CWE-787 (off by one): a loop fills a buffer while `o < max`, and after it the code writes the terminator at
// `dst[o]` with no test of `o`. When the input is long enough to fill the buffer, the loop stops with `o == max` and
// the terminator lands one element past the end. Loops bounded by `max - 1`, writes guarded by a test of `o`, and
// buffers declared here one larger than the bound are left alone.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { unparenthesize } from '../../../languages/cpp/syntax.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

/** Values that terminate a string or a list: 0, '\0', NUL-named constants, nullptr. */
const TERMINATOR = /^(?:0|'\\0'|u'\\0'|L'\\0'|'\\x00'|0x0+|nullptr|NULL|[A-Z_]*(?:NUL|NULL|TERM|EOS|END)[A-Z_]*|QChar\(\)|QLatin1Char\('\\0'\))$/;

/** `o < max` / `o != max` in a loop condition (not `o < max - 1`): the index and the bound. */
function strictBounds(condition: SyntaxNode): Array<{ index: string; bound: string }> {
  const out: Array<{ index: string; bound: string }> = [];
  for (const b of [condition, ...condition.descendantsOfType('binary_expression')]) {
    if (b.type !== 'binary_expression') continue;
    const op = b.childForFieldName('operator')?.text;
    if (op !== '<' && op !== '!=') continue;
    const left = unparenthesize(b.childForFieldName('left')!);
    const right = unparenthesize(b.childForFieldName('right')!);
    if (left.type !== 'identifier' || /-/.test(right.text) || right.type === 'number_literal' && right.text === '0') continue;
    out.push({ index: left.text, bound: right.text });
  }
  return out;
}

/** The statements after `loop` in its block (and in the blocks around it, up to the function body). */
function following(loop: SyntaxNode, body: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let n: SyntaxNode = loop; n.id !== body.id && n.parent; n = n.parent) {
    for (let s = n.nextNamedSibling; s; s = s.nextNamedSibling) out.push(s);
    if (n.parent.type === 'function_definition') break;
  }
  return out;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'terminator-past-bound',
    cwe: 787,
    severity: 'high',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      write: {
        text: '`{write}` runs after a loop that stops at `{index} == {bound}`; with input that fills the buffer it writes one element past the end (nothing tests `{index}` in between)',
        fix: 'Bound the loop by `{bound} - 1` to leave room for the terminator, or write it at `qMin({index}, {bound} - 1)` (and only when `{bound} > 0`)',
      },
    },
    docs: {
      summary: 'Terminator written at the index a loop bounded by the buffer size left behind (off-by-one write)',
      why: 'A conversion loop copies while `o < maxChars`, then the code writes the terminating NUL at `dst[o]`. When the input fills the buffer the loop ends with `o == maxChars`, and the terminator is written one element past the end of the caller\'s buffer: a heap or stack overflow by one element, enough to corrupt an adjacent object (CWE-787, CWE-193).',
      example: 'void toUtf16(ushort *dst, const QByteArray &src, int maxChars)\n{\n    int o = 0;\n    for (int i = 0; i < src.size() && o < maxChars; ++i)\n        dst[o++] = uchar(src[i]);\n    dst[o] = 0;\n}\n',
      useInstead: 'void toUtf16(ushort *dst, const QByteArray &src, int maxChars)\n{\n    if (maxChars <= 0)\n        return;\n    int o = 0;\n    for (int i = 0; i < src.size() && o < maxChars - 1; ++i)\n        dst[o++] = uchar(src[i]);\n    dst[o] = 0;\n}\n',
      fix: 'Reserve the terminator\'s place in the loop bound (`o < max - 1`), or test the index before writing the terminator and write it at `max - 1` when the buffer is full.',
      references: ['https://cwe.mitre.org/data/definitions/787.html', 'https://cwe.mitre.org/data/definitions/193.html', 'https://wiki.sei.cmu.edu/confluence/display/c/STR31-C.+Guarantee+that+storage+for+strings+has+sufficient+space+for+character+data+and+the+null+terminator'],
    },
  },
  create(ctx) {
    const visit = (loop: SyntaxNode): void => {
      const condition = loop.childForFieldName('condition');
      if (!condition) return;
      let fn: SyntaxNode | null = loop.parent;
      while (fn && fn.type !== 'function_definition') fn = fn.parent;
      const body = fn?.childForFieldName('body');
      if (!fn || !body) return;
      for (const { index, bound } of strictBounds(condition)) {
        for (const stmt of following(loop, body)) {
          // A test of the index after the loop (`if (o < max)`) is the guard this rule asks for.
          const tests = stmt.descendantsOfType(['condition_clause', 'conditional_expression']).some((c) => c.descendantsOfType('identifier').some((i) => i.text === index));
          if (tests) break;
          // Another loop (with its own `i`) or a new declaration of the index is about another position.
          if (stmt.type.endsWith('for_statement') || stmt.type === 'while_statement' || stmt.type === 'do_statement') break;
          const write = [...(stmt.type === 'expression_statement' ? stmt.descendantsOfType('assignment_expression') : [])].find((a) => {
            const left = a.childForFieldName('left');
            const index_ = left?.type === 'subscript_expression' ? left.descendantsOfType('subscript_argument_list')[0]?.namedChild(0) : null;
            return a.childForFieldName('operator')?.text === '=' && index_?.type === 'identifier' && index_.text === index &&
              TERMINATOR.test(a.childForFieldName('right')?.text.replace(/\s+/g, '') ?? '');
          });
          if (!write) {
            // The index is reassigned: a later write is about another position.
            if (stmt.descendantsOfType(['assignment_expression', 'update_expression']).some((a) => a.descendantsOfType('identifier')[0]?.text === index)) break;
            continue;
          }
          const array = write.childForFieldName('left')!.childForFieldName('argument')?.text ?? '';
          // `char buf[MAX + 1]` declared here has the terminator's room.
          const roomy = body.descendantsOfType('array_declarator').some((d) => d.childForFieldName('declarator')?.text === array && /\+/.test(d.childForFieldName('size')?.text ?? ''));
          if (!roomy) ctx.report({ node: write, messageId: 'write', data: { write: write.text.slice(0, 50), index, bound: bound.slice(0, 40) }, evidence: [{ node: condition, message: `the loop stops when ${index} reaches ${bound}` }] });
          break;
        }
      }
    };
    return { for_statement: visit, while_statement: visit };
  },
});
