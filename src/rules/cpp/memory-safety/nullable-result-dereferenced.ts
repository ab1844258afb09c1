// CWE-476: a local pointer initialised from a call that returns null in ordinary use (models/cpp/library.ts:
// `qobject_cast`, `dynamic_cast`, `parent()`, `document()`, `malloc`, `strchr` …) and dereferenced with `->` or `*`
// while the function never tests it (`if (p)`, `!p`, `p == nullptr`, `Q_ASSERT(p)`, `p ? … : …`).
import { callShape, enclosingFunction } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { NULLABLE_RESULTS } from '../../../models/cpp/library.js';
import { testedNames } from '../../../rulekit/cppGuards.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

/** The nullable call an initialiser is (through casts and parentheses), or null. */
function nullableCall(value: SyntaxNode): string | null {
  let n: SyntaxNode | null = value;
  while (n && (n.type === 'parenthesized_expression' || n.type === 'cast_expression')) n = n.childForFieldName('value') ?? n.namedChild(n.namedChildCount - 1);
  if (!n || n.type !== 'call_expression') return null;
  const fn = n.childForFieldName('function');
  // dynamic_cast<T *>(x) / qobject_cast<T *>(x): a template function.
  const templ = fn?.type === 'template_function' ? fn.childForFieldName('name')?.text : undefined;
  const name = templ ?? callShape(n)?.name;
  return name && NULLABLE_RESULTS.has(name) ? name : null;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'nullable-result-dereferenced',
    cwe: 476,
    severity: 'medium',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      deref: {
        text: '`{name}` comes from `{call}()`, which returns null when there is nothing to return, and `{use}` dereferences it without a check',
        fix: 'Test `{name}` before using it (`if (!{name}) return …;`) and handle the missing object',
      },
    },
    docs: {
      summary: 'Pointer from a call that can return null (cast, lookup, parent, allocation) dereferenced without a check',
      why: 'Casts fail on unexpected types, lookups miss, detached objects have no parent or document, allocations fail. Input decides which; dereferencing the null result crashes the process (CWE-476, a denial of service) or, with an offset, touches memory near address zero.',
      example: 'void Style::apply(Node *node)\n{\n    Document *doc = node->document();\n    m_font = doc->font(m_family);\n}\n',
      useInstead: 'void Style::apply(Node *node)\n{\n    Document *doc = node->document();\n    if (!doc)\n        return;\n    m_font = doc->font(m_family);\n}\n',
      fix: 'Check the result for null right after the call and handle the missing object (return, skip, fall back).',
      references: ['https://cwe.mitre.org/data/definitions/476.html', 'https://wiki.sei.cmu.edu/confluence/display/c/EXP34-C.+Do+not+dereference+null+pointers'],
    },
  },
  create(ctx) {
    return {
      init_declarator(decl) {
        const value = decl.childForFieldName('value');
        const target = decl.childForFieldName('declarator');
        if (!value || !target || target.type !== 'pointer_declarator') return;
        const nameNode = target.descendantsOfType('identifier')[0];
        const call = nullableCall(value);
        if (!nameNode || !call) return;
        const fn = enclosingFunction(decl);
        if (!fn) return;
        const name = nameNode.text;
        if (testedNames(fn).has(name)) return;
        const scope = decl.parent?.parent ?? fn;
        const use = scope.descendantsOfType(['field_expression', 'pointer_expression']).find((u) =>
          u.startIndex > decl.endIndex &&
          (u.type === 'field_expression' ? u.childForFieldName('operator')?.text === '->' || u.child(1)?.text === '->' : u.childForFieldName('operator')?.text === '*') &&
          u.childForFieldName('argument')?.text === name);
        if (!use) return;
        ctx.report({ node: use, messageId: 'deref', data: { name, call, use: use.text.split('\n')[0]!.slice(0, 60) }, evidence: [{ node: value, message: `${name} is assigned the result of ${call}()` }] });
      },
    };
  },
});
