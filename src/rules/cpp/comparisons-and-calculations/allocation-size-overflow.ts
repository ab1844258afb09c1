// CWE-190: a buffer size computed by multiplying (or shifting) values the function never checks — `malloc(w * h *
// 4)`, `new char[count * size]`, `buf.resize(width * bpp)` — with no qMulOverflow, numeric_limits or range test in
// sight. Values from a file or a peer make the product wrap, the allocation comes out small, and the writes that
// follow run past it. Products of literals and of operands the function tests are left alone.
import { callShape, enclosingFunction, unparenthesize } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { OVERFLOW_LIMIT_NAMES, SIZED_ALLOCATIONS } from '../../../models/cpp/library.js';
import { namesIn, testedNames } from '../../../rulekit/cppGuards.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

const CONSTANT = /^[A-Z][A-Z0-9_]*$/;

/** The multiplications or left shifts in a size expression with at least two non-constant operands between them. */
function riskyProduct(size: SyntaxNode): SyntaxNode | null {
  const n = unparenthesize(size);
  if (n.type === 'cast_expression' || n.type === 'static_cast') return null;
  const products = [n, ...n.descendantsOfType('binary_expression')].filter((b) => {
    const op = b.type === 'binary_expression' ? b.childForFieldName('operator')?.text : undefined;
    return op === '*' || op === '<<';
  });
  for (const p of products) {
    const variables = [...p.descendantsOfType(['identifier', 'field_identifier'])].filter((id) => !CONSTANT.test(id.text) && id.parent?.type !== 'call_expression');
    if (new Set(variables.map((v) => v.text)).size >= 2) return p;
  }
  return null;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'allocation-size-overflow',
    cwe: 190,
    severity: 'high',
    confidence: 'low',
    languages: ['cpp'],
    messages: {
      product: {
        text: 'the size `{size}` given to `{call}` multiplies values `{fn}` never checks: large input wraps the product and the buffer comes out smaller than the data written into it',
        fix: 'Compute the size with qMulOverflow / __builtin_mul_overflow (or check each factor against a limit first) and fail when it overflows',
      },
    },
    docs: {
      summary: 'Allocation or resize whose size is a product of unchecked values (integer overflow)',
      why: 'Widths, heights, counts and element sizes read from a file are attacker-chosen. Their product overflows int (or size_t on 32-bit builds), the allocation succeeds with a small size, and the code that fills the buffer writes past its end: a heap overflow (CWE-190 leading to CWE-787).',
      example: 'uchar *Image::allocate(int width, int height, int depth)\n{\n    return static_cast<uchar *>(malloc(width * height * depth));\n}\n',
      useInstead: 'uchar *Image::allocate(int width, int height, int depth)\n{\n    qsizetype bytes;\n    if (qMulOverflow(qsizetype(width) * height, qsizetype(depth), &bytes))\n        return nullptr;\n    return static_cast<uchar *>(malloc(bytes));\n}\n',
      fix: 'Check every factor against a limit, or compute the size with an overflow-checking multiplication (qMulOverflow, __builtin_mul_overflow) in a wide type, and refuse the input when it overflows.',
      references: ['https://cwe.mitre.org/data/definitions/190.html', 'https://wiki.sei.cmu.edu/confluence/display/c/INT30-C.+Ensure+that+unsigned+integer+operations+do+not+wrap'],
    },
  },
  create(ctx) {
    const check = (site: SyntaxNode, what: string, size: SyntaxNode | null | undefined): void => {
      if (!size) return;
      const product = riskyProduct(size);
      if (!product) return;
      const fn = enclosingFunction(site);
      if (!fn) return;
      if (fn.descendantsOfType(['identifier', 'field_identifier', 'type_identifier']).some((n) => OVERFLOW_LIMIT_NAMES.test(n.text))) return;
      const tested = testedNames(fn);
      if ([...namesIn(product)].some((name) => tested.has(name) && !CONSTANT.test(name))) return;
      ctx.report({
        node: product, messageId: 'product',
        data: { size: product.text.replace(/\s+/g, ' ').slice(0, 60), call: what, fn: fn.childForFieldName('declarator')?.text.split('(')[0] ?? 'the function' },
      });
    };
    return {
      call_expression(call) {
        const shape = callShape(call);
        const spec = shape && SIZED_ALLOCATIONS.get(shape.name);
        if (!spec) return;
        const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is SyntaxNode => a !== null && a.type !== 'comment') ?? [];
        check(call, shape.name, args[spec.size]);
      },
      new_expression(expr) {
        const declarator = expr.childForFieldName('declarator');
        if (declarator?.type === 'new_declarator') check(expr, 'new[]', declarator.namedChild(0));
      },
    };
  },
});
