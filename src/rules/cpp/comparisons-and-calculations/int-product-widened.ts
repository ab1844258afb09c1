// CWE-190: a product of int operands (declared int or narrower in this file) whose result the code converts to a
// 64-bit or floating type — `qint64 bytes = w * h;`, `sum64 /= (a + b) * (c + d);`, `return qint64(x * y);` from a
// function returning qsizetype. The multiplication is done in int and overflows before the widening: the author
// asked for the wide range and did not get it. Operands of unknown type (a header's members, `auto`) are not taken
// for int, so the rule stays silent where it cannot see the declarations.
import { callShape, enclosingFunction, unparenthesize } from '../../../languages/cpp/syntax.js';
import { declaredTypes, type DeclaredTypes } from '../../../languages/cpp/declaredTypes.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { OVERFLOW_LIMIT_NAMES } from '../../../models/cpp/library.js';
import { INT_ACCESSORS, NARROW_INTEGER_TYPES, WIDE_ARITHMETIC_TYPES } from '../../../models/cpp/types.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>']);
const WIDENING_OPERATORS = new Set(['+', '-', '*', '/', '%', '<', '>', '<=', '>=', '==', '!=']);
const INT_LITERAL = /^-?(?:0[xX][0-9a-fA-F']+|[0-9][0-9']*)[uU]?$/;

const normalise = (t: string): string => t.replace(/\s+/g, ' ').replace(/^std::/, '').trim();

/** The type named by a cast-like call (`qint64(x)`, `(qint64)(x)`, `static_cast<qint64>(x)`), or null. */
function castType(call: SyntaxNode): string | null {
  const fn = call.childForFieldName('function');
  if (!fn) return null;
  const inner = unparenthesize(fn);
  if (inner.type === 'primitive_type' || inner.type === 'type_identifier' || inner.type === 'sized_type_specifier') return normalise(inner.text);
  if (inner.type === 'identifier' && (WIDE_ARITHMETIC_TYPES.has(inner.text) || NARROW_INTEGER_TYPES.has(inner.text))) return inner.text;
  if (fn.type === 'template_function' && fn.childForFieldName('name')?.text === 'static_cast') {
    const t = fn.childForFieldName('arguments')?.namedChild(0);
    return t ? normalise(t.text) : null;
  }
  return null;
}

/** The declared type of a name or member access, when the file declares one (null otherwise). */
function nameType(expr: SyntaxNode, types: DeclaredTypes): string | null {
  if (expr.type !== 'identifier' && expr.type !== 'field_expression') return null;
  const t = types.typeOf(expr);
  return t && !t.indirect ? t.name : null;
}

/** Whether the expression is computed in int (or a narrower type promoted to int). */
function isNarrow(node: SyntaxNode, types: DeclaredTypes): boolean {
  const n = unparenthesize(node);
  switch (n.type) {
    case 'number_literal': return INT_LITERAL.test(n.text);
    case 'char_literal': return true;
    case 'identifier': case 'field_expression': {
      const t = nameType(n, types);
      return t !== null && NARROW_INTEGER_TYPES.has(t);
    }
    case 'unary_expression': {
      const op = n.childForFieldName('operator')?.text;
      return (op === '-' || op === '+' || op === '~') && isNarrow(n.childForFieldName('argument')!, types);
    }
    case 'binary_expression': {
      const op = n.childForFieldName('operator')?.text ?? '';
      if (!ARITHMETIC.has(op)) return false;
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (!left || !right) return false;
      return op === '<<' || op === '>>' ? isNarrow(left, types) : isNarrow(left, types) && isNarrow(right, types);
    }
    case 'conditional_expression': {
      const a = n.childForFieldName('consequence');
      const b = n.childForFieldName('alternative');
      return a !== null && b !== null && isNarrow(a, types) && isNarrow(b, types);
    }
    case 'cast_expression': {
      const t = n.childForFieldName('type');
      return t !== null && NARROW_INTEGER_TYPES.has(normalise(t.text));
    }
    case 'subscript_expression': {
      const array = n.childForFieldName('argument');
      const t = array ? types.typeOf(unparenthesize(array)) : null;
      return t !== null && t.indirect && NARROW_INTEGER_TYPES.has(t.name);
    }
    case 'call_expression': {
      const cast = castType(n);
      if (cast) return NARROW_INTEGER_TYPES.has(cast);
      const shape = callShape(n);
      if (!shape) return false;
      if (shape.receiver) {
        const t = nameType(unparenthesize(shape.receiver), types);
        return t !== null && INT_ACCESSORS.get(t)?.has(shape.name) === true;
      }
      const ret = types.returnTypeOfName(shape.name);
      return ret !== null && !ret.indirect && NARROW_INTEGER_TYPES.has(ret.name);
    }
    default: return false;
  }
}

/** Whether the expression is of a wide type the file declares (`sum64`, `qint64(x)`, `1LL`). */
function wideType(node: SyntaxNode, types: DeclaredTypes): string | null {
  const n = unparenthesize(node);
  if (n.type === 'identifier' || n.type === 'field_expression') {
    const t = nameType(n, types);
    return t && WIDE_ARITHMETIC_TYPES.has(t) ? t : null;
  }
  if (n.type === 'call_expression') {
    const t = castType(n);
    return t && WIDE_ARITHMETIC_TYPES.has(t) ? t : null;
  }
  if (n.type === 'cast_expression') {
    const t = n.childForFieldName('type');
    return t && WIDE_ARITHMETIC_TYPES.has(normalise(t.text)) ? normalise(t.text) : null;
  }
  return null;
}

/** Whether a factor is a name or cast the file declares unsigned (`quint32`, `unsigned int`, `uint`). */
function isUnsigned(node: SyntaxNode, types: DeclaredTypes): boolean {
  const n = unparenthesize(node);
  const t = n.type === 'call_expression' ? castType(n) : nameType(n, types);
  return t !== null && /^(?:unsigned|u|qu|uint|ushort|uchar|GLuint)/.test(t);
}

/** The operands of a chain of `*` (through parentheses): `(a + b) * c * d` → `(a + b)`, `c`, `d`. */
function factors(product: SyntaxNode): SyntaxNode[] {
  const n = unparenthesize(product);
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '*') {
    return [...factors(n.childForFieldName('left')!), ...factors(n.childForFieldName('right')!)];
  }
  return [n];
}

/**
 * The outermost int product inside an int expression, reached through `+ - * /` and parentheses, whose factors
 * include at least two different non-literal values: `y * stride + x` → `y * stride`. Products of a value and a
 * literal (`n * 4`) are left alone: their range is the value's times a known constant.
 */
function intProduct(expr: SyntaxNode): SyntaxNode | null {
  const n = unparenthesize(expr);
  if (n.type !== 'binary_expression') return null;
  const op = n.childForFieldName('operator')?.text;
  if (op === '*') {
    const variable = factors(n).filter((f) => f.type !== 'number_literal' && f.type !== 'sizeof_expression' && !/^[A-Z][A-Z0-9_]*$/.test(f.text));
    if (new Set(variable.map((f) => f.text.replace(/\s+/g, ''))).size >= 2) return n;
  }
  if (op === '+' || op === '-' || op === '*' || op === '/') {
    return intProduct(n.childForFieldName('left')!) ?? intProduct(n.childForFieldName('right')!);
  }
  return null;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'int-product-widened',
    cwe: 190,
    severity: 'medium',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      widened: {
        text: '`{product}` multiplies int values and only then converts the result to `{wide}` ({where}): the product overflows int before the widening the code asks for',
        fix: 'Widen a factor before multiplying (`{wide}({first}) * …`), or check the factors against a limit first',
      },
    },
    docs: {
      summary: 'Product of int operands computed in int, then converted to a 64-bit or floating type (overflow before widening)',
      why: 'Class: integer overflow or wraparound (CWE-190; CERT INT30-C/INT32-C; CodeQL cpp/integer-multiplication-cast-to-long). C and C++ evaluate `a * b` in the type of its operands; converting the result to qint64, size_t or double afterwards does not widen the multiplication. The code asked for the wide range — it stores, returns, casts or combines the product with a 64-bit or floating value — so it expects products beyond 2^31, and exactly those overflow: signed overflow is undefined behaviour, unsigned wraps, and the wrong value then sizes a buffer, offsets a read or divides. Real fixes: a box-blur divisor `(dxleft + dxright) * (dytop + dybottom)` divided into a 64-bit sum (qtsvg), image byte counts `width * height` stored in qint64 (Qt image plugins, FFmpeg, libtiff advisories).',
      example: 'qint64 Image::byteCount(int width, int height)\n{\n    qint64 bytes = width * height;\n    return bytes * 4;\n}\n',
      useInstead: 'qint64 Image::byteCount(int width, int height)\n{\n    qint64 bytes = qint64(width) * height;\n    return bytes * 4;\n}\n',
      fix: 'Convert one factor to the wide type before the multiplication (`qint64(width) * height`), so the product is computed in 64 bits; or bound the factors first, or use qMulOverflow.',
      references: [
        'https://cwe.mitre.org/data/definitions/190.html',
        'https://wiki.sei.cmu.edu/confluence/display/c/INT30-C.+Ensure+that+unsigned+integer+operations+do+not+wrap',
        'https://wiki.sei.cmu.edu/confluence/display/c/INT32-C.+Ensure+that+operations+on+signed+integers+do+not+result+in+overflow',
        'https://codeql.github.com/codeql-query-help/cpp/cpp-integer-multiplication-cast-to-long/',
      ],
    },
  },
  create(ctx) {
    const reported = new Set<number>();
    /** Reports the int product inside `expr` when `expr` is computed in int and converted to `wide`. */
    const check = (site: SyntaxNode, expr: SyntaxNode | null, wide: string | null, where: string): void => {
      if (!expr || !wide) return;
      const product = intProduct(expr);
      if (!product || reported.has(product.id)) return;
      const types = declaredTypes(site);
      if (!isNarrow(expr, types)) return;
      // `uint64_t(a * b)` on unsigned operands: unsigned arithmetic wraps by definition, and an explicit cast of the
      // wrapped value is how fixed-point and hash code asks for exactly that (Eigen's range reduction does).
      if (where === 'cast' && factors(product).every((f) => isUnsigned(f, types))) return;
      const fn = enclosingFunction(site);
      // A function that computes with qMulOverflow or compares against INT_MAX is minding the range already.
      if (fn?.descendantsOfType(['identifier', 'field_identifier', 'type_identifier', 'qualified_identifier']).some((n) => OVERFLOW_LIMIT_NAMES.test(n.text))) return;
      reported.add(product.id);
      const first = factors(product)[0]!.text.replace(/\s+/g, ' ');
      ctx.report({ node: product, messageId: 'widened', data: { product: product.text.replace(/\s+/g, ' ').slice(0, 80), wide, where, first: first.slice(0, 40) } });
    };
    const wideNamed = (t: string | null | undefined): string | null => (t && WIDE_ARITHMETIC_TYPES.has(t) ? t : null);
    return {
      init_declarator(decl) {
        const declaration = decl.parent;
        if (!declaration || declaration.type !== 'declaration') return;
        const target = decl.childForFieldName('declarator');
        if (target?.type !== 'identifier') return;
        const t = declaration.childForFieldName('type');
        check(decl, decl.childForFieldName('value'), wideNamed(t && normalise(t.text)), `initialises \`${target.text}\``);
      },
      assignment_expression(assign) {
        const left = assign.childForFieldName('left');
        const right = assign.childForFieldName('right');
        if (!left || !right || !intProduct(right)) return;
        check(assign, assign.childForFieldName('right'), wideType(left, declaredTypes(assign)), `assigned to \`${left.text}\``);
      },
      return_statement(ret) {
        const value = ret.namedChild(0);
        if (!value || !intProduct(value)) return;
        const fn = enclosingFunction(ret);
        if (!fn) return;
        const t = declaredTypes(ret).returnType(fn);
        check(ret, value, t && !t.indirect ? wideNamed(t.name) : null, 'returned');
      },
      call_expression(call) {
        const t = castType(call);
        const args = call.childForFieldName('arguments')?.namedChildren ?? [];
        if (t && args.length === 1) check(call, args[0]!, wideNamed(t), 'cast');
      },
      cast_expression(cast) {
        const t = cast.childForFieldName('type');
        check(cast, cast.childForFieldName('value'), wideNamed(t && normalise(t.text)), 'cast');
      },
      binary_expression(bin) {
        const op = bin.childForFieldName('operator')?.text ?? '';
        if (!WIDENING_OPERATORS.has(op)) return;
        const left = bin.childForFieldName('left');
        const right = bin.childForFieldName('right');
        // The syntactic test first: type lookups only for the few comparisons and sums that hold a product.
        if (!left || !right || (!intProduct(left) && !intProduct(right))) return;
        const types = declaredTypes(bin);
        const lw = wideType(left, types);
        if (lw) check(bin, right, lw, `combined with \`${left.text.slice(0, 30)}\``);
        const rw = wideType(right, types);
        if (rw) check(bin, left, rw, `combined with \`${right.text.slice(0, 30)}\``);
      },
    };
  },
});
