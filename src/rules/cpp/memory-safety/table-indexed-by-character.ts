// CWE-125: a fixed-size lookup table (`static const uchar asso_values[256]`, a 16-entry hex digit table) indexed by a
// character code whose range is wider than the table: QChar::unicode() is any UTF-16 code unit (up to 0xFFFF), a
// `ushort` or `char16_t` likewise, a `uchar` up to 0xFF. Generated perfect hashes (gperf) and hand-written
// classification tables assume Latin-1 or ASCII input; a document with any other character reads past the table.
// The index's largest value comes from the model (the accessor or the narrow type it is declared or cast with),
// shrunk by `& mask`, `>> n`, `% n` and `- n`; an index (or a variable in it) the function compares with anything is
// taken as checked.
import { callShape, enclosingFunction, unparenthesize } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { testedNames } from '../../../rulekit/cppGuards.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';
import { CHARACTER_CODE_CALLS, NARROW_UNSIGNED_MAX } from '../../../models/cpp/library.js';

const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

const integer = (node: SyntaxNode | null): number | null => {
  if (node?.type !== 'number_literal') return null;
  const v = Number(node.text.replace(/[uUlL]+$/, ''));
  return Number.isInteger(v) ? v : null;
};

/** The number of entries of an array declared with a constant size or an initialiser list, by name, in a scope. */
function tableSizes(scope: SyntaxNode): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of scope.descendantsOfType('array_declarator')) {
    const name = d.childForFieldName('declarator');
    if (name?.type !== 'identifier' || d.parent?.type === 'array_declarator') continue;
    let size = integer(d.childForFieldName('size'));
    const init = d.parent?.type === 'init_declarator' ? d.parent.childForFieldName('value') : null;
    if (size === null && init?.type === 'initializer_list') size = init.namedChildren.filter((c) => c.type !== 'comment').length;
    if (size !== null && size > 0) out.set(name.text, size);
  }
  return out;
}

/** The declared type of a local or parameter of `fn`, as written. */
function declaredType(fn: SyntaxNode, name: string): string | null {
  for (const d of fn.descendantsOfType(['declaration', 'parameter_declaration'])) {
    const declares = d.descendantsOfType('identifier').some((i) => i.text === name &&
      (i.parent?.type === 'init_declarator' || i.parent?.type === 'parameter_declaration' || i.parent?.id === d.id) &&
      (i.parent?.childForFieldName('declarator')?.id === i.id || i.parent?.id === d.id));
    if (!declares) continue;
    const type = d.childForFieldName('type')?.text.replace(/\s+/g, ' ') ?? null;
    return type;
  }
  return null;
}

/** The value a local is initialised with (`T name = value;`), if any. */
function initialiserOf(fn: SyntaxNode, name: string): SyntaxNode | null {
  for (const init of fn.descendantsOfType('init_declarator')) {
    if (init.childForFieldName('declarator')?.text === name) return init.childForFieldName('value');
  }
  return null;
}

/** Whether a local is assigned or stepped after its declaration. */
function reassigned(fn: SyntaxNode, name: string): boolean {
  return fn.descendantsOfType(['assignment_expression', 'update_expression']).some((a) => {
    const target = a.type === 'assignment_expression' ? a.childForFieldName('left') : a.childForFieldName('argument');
    return target?.type === 'identifier' && target.text === name;
  });
}

/** The largest value an index can take, when the model knows it; null for anything else. */
function maxValue(node: SyntaxNode, fn: SyntaxNode): number | null {
  const n = unparenthesize(node);
  if (n.type === 'call_expression') {
    const callee = n.childForFieldName('function');
    // `static_cast<uchar>(c)`: the target type bounds the value.
    if (callee?.type === 'template_function' && callee.childForFieldName('name')?.text === 'static_cast') {
      return NARROW_UNSIGNED_MAX.get(callee.childForFieldName('arguments')?.namedChildren[0]?.text.replace(/\s+/g, ' ') ?? '') ?? null;
    }
    const shape = callShape(n);
    return shape?.receiver && (n.childForFieldName('arguments')?.namedChildCount ?? 0) === 0 ? CHARACTER_CODE_CALLS.get(shape.name) ?? null : null;
  }
  if (n.type === 'cast_expression') return NARROW_UNSIGNED_MAX.get(n.childForFieldName('type')?.text.replace(/\s+/g, ' ') ?? '') ?? null;
  if (n.type === 'identifier') {
    const type = declaredType(fn, n.text);
    const byType = type ? NARROW_UNSIGNED_MAX.get(type.replace(/^const /, '')) ?? null : null;
    if (byType === null) return null;
    // `quint8 index = bits & 0x07;` never assigned again: the initialiser bounds it more tightly than its type.
    const init = initialiserOf(fn, n.text);
    const byInit = init && !reassigned(fn, n.text) ? maxValue(init, fn) : null;
    return byInit === null ? byType : Math.min(byType, byInit);
  }
  if (n.type === 'binary_expression') {
    const op = n.childForFieldName('operator')?.text;
    const left = n.childForFieldName('left')!;
    const right = integer(n.childForFieldName('right'));
    if (right === null) return null;
    const hi = maxValue(left, fn);
    if (op === '&') return hi === null ? right : Math.min(hi, right);
    if (hi === null) return null;
    if (op === '>>') return hi >> right;
    if (op === '%') return Math.min(hi, right - 1);
    if (op === '-') return hi - right;
  }
  return null;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'table-indexed-by-character',
    cwe: 125,
    severity: 'high',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      index: {
        text: '`{table}` has {size} entries but is indexed by `{index}`, which can be up to {max}: a code outside the range the table was built for reads past its end',
        fix: 'Compare `{index}` with the size of `{table}` (std::size / sizeof) before the lookup, and treat a larger code as no match',
      },
    },
    docs: {
      summary: 'Fixed-size lookup table indexed by a character code wider than the table (out-of-bounds read)',
      why: 'Perfect-hash tables generated by gperf, and hand-written classification tables, have one entry per byte (256) or per ASCII character (128), or per nibble (16). Indexed with a UTF-16 code unit (`QChar::unicode()`, a `ushort`/`char16_t`) or a whole byte, any character outside the range the table was built for reads past its end: a crash or a memory disclosure on a crafted document (CWE-125; CERT ARR30-C).',
      example: 'static bool isKnownFeature(const QString &str)\n{\n    static const unsigned char weights[256] = { /* … */ };\n    const int key = str.size() + weights[str.at(4).unicode()];\n    return key < 64;\n}\n',
      useInstead: 'static bool isKnownFeature(const QString &str)\n{\n    static const unsigned char weights[256] = { /* … */ };\n    const char16_t c = str.at(4).unicode();\n    if (c >= std::size(weights))\n        return false;\n    const int key = str.size() + weights[c];\n    return key < 64;\n}\n',
      fix: 'Compare the code with the table size before the lookup (or mask it to the table), and treat a code outside the table as no match.',
      references: ['https://cwe.mitre.org/data/definitions/125.html', 'https://wiki.sei.cmu.edu/confluence/display/c/ARR30-C.+Do+not+form+or+use+out-of-bounds+pointers+or+array+subscripts'],
    },
  },
  create(ctx) {
    let fileTables: Map<string, number> | null = null;
    return {
      subscript_expression(sub) {
        const table = sub.childForFieldName('argument');
        const indices = sub.childForFieldName('indices') ?? sub.childForFieldName('index');
        const index = indices?.type === 'subscript_argument_list' ? indices.namedChildren[0] : indices;
        if (table?.type !== 'identifier' || !index) return;
        const fn = enclosingFunction(sub);
        if (!fn) return;
        fileTables ??= tableSizes(sub.tree.rootNode);
        const size = tableSizes(fn).get(table.text) ?? fileTables.get(table.text);
        if (size === undefined) return;
        const max = maxValue(index, fn);
        if (max === null || max < size) return;
        // An index the function compares with anything (`if (c >= sizeof(table)) return false;`) is taken as checked.
        // So is an expression compared as written (`if (ch.unicode() < 128) return table[ch.unicode()];`).
        const named = unparenthesize(index);
        const tested = testedNames(fn);
        // Variables of the index, not the strings it reads from (`str.size() < 8` says nothing of `str.at(6)`).
        const variables = [named, ...named.descendantsOfType('identifier')].filter((i) => i.type === 'identifier' && i.parent?.type !== 'field_expression');
        if (variables.some((i) => tested.has(i.text))) return;
        const spelled = (n: SyntaxNode): string => unparenthesize(n).text.replace(/\s+/g, '');
        const key = spelled(named);
        if (fn.descendantsOfType('binary_expression').some((b) => COMPARISONS.has(b.childForFieldName('operator')?.text ?? '') &&
          [b.childForFieldName('left'), b.childForFieldName('right')].some((side) => side !== null && spelled(side) === key))) return;
        ctx.report({
          node: sub, messageId: 'index',
          data: { table: table.text, size: String(size), index: index.text, max: `0x${max.toString(16).toUpperCase()}` },
        });
      },
    };
  },
});
