// CWE-617: a pointer whose only guard is an assertion (`Q_ASSERT(node)`, `assert(p)`) that release builds compile
// out, used after it, while the same function later tests that pointer for null — the code's own belief that it can
// be null contradicts the assertion (Engler et al., "Bugs as Deviant Behavior", SOSP 2001: contradictory beliefs).
// In debug builds hostile input reaches the assertion and aborts; in release builds the null pointer is used. An
// assertion with no later null test, a use already inside `if (p)`, and a pointer reassigned in between stay silent.
import { callShape, enclosingFunction, unparenthesize } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

/** Assertions that disappear from release builds (NDEBUG / QT_NO_DEBUG). */
const DEBUG_ASSERTIONS = new Set(['Q_ASSERT', 'Q_ASSERT_X', 'assert']);
const NULLS = new Set(['nullptr', 'NULL', '0']);

/** The pointer an assertion asserts non-null (`p`, `p != nullptr`, `d->node`), as its text; null otherwise. */
function assertedPointer(condition: SyntaxNode): SyntaxNode | null {
  const c = unparenthesize(condition);
  if (c.type === 'identifier' || c.type === 'field_expression') return c;
  if (c.type === 'binary_expression' && c.childForFieldName('operator')?.text === '!=') {
    const l = c.childForFieldName('left');
    const r = c.childForFieldName('right');
    if (l && r && NULLS.has(r.text)) return assertedPointer(l);
    if (l && r && NULLS.has(l.text)) return assertedPointer(r);
  }
  return null;
}

function inAssertion(node: SyntaxNode, fn: SyntaxNode): boolean {
  for (let n = node.parent; n && n.id !== fn.id; n = n.parent) {
    if (n.type === 'call_expression' && DEBUG_ASSERTIONS.has(callShape(n)?.name ?? '')) return true;
  }
  return false;
}

/** Whether this occurrence of the pointer is tested for null (`if (p)`, `!p`, `p && …`, `p == nullptr`, `p ? … : …`). */
function isNullTest(occ: SyntaxNode): boolean {
  let n = occ;
  let p = n.parent;
  while (p?.type === 'parenthesized_expression' || (p?.type === 'unary_expression' && p.childForFieldName('operator')?.text === '!')) { n = p; p = p.parent; }
  if (!p) return false;
  if (p.type === 'condition_clause') return true;
  if (p.type === 'conditional_expression') return p.childForFieldName('condition')?.id === n.id;
  if (p.type === 'binary_expression') {
    const op = p.childForFieldName('operator')?.text;
    if (op === '&&' || op === '||') return true;
    if (op === '==' || op === '!=') {
      const other = p.childForFieldName('left')?.id === n.id ? p.childForFieldName('right') : p.childForFieldName('left');
      return other !== null && NULLS.has(other.text);
    }
  }
  return false;
}

/** Whether the occurrence uses the pointer: dereferences it (`p->`, `*p`, `p[i]`) or hands it to a call. */
function isUse(occ: SyntaxNode): boolean {
  const p = occ.parent;
  if (!p) return false;
  if (p.type === 'field_expression') return p.childForFieldName('argument')?.id === occ.id && p.child(1)?.text === '->';
  if (p.type === 'pointer_expression') return p.childForFieldName('operator')?.text === '*';
  if (p.type === 'subscript_expression') return p.childForFieldName('argument')?.id === occ.id;
  if (p.type === 'argument_list') return !/^(?:q(?:C)?(?:Debug|Warning|Info|Critical)|Q_UNUSED)$/.test(callShape(p.parent!)?.name ?? '');
  return false;
}

/** Whether the pointer is assigned anew (`p = …`) between two positions. */
function reassigned(fn: SyntaxNode, text: string, from: number, to: number): boolean {
  return fn.descendantsOfType('assignment_expression').some((a) => a.startIndex > from && a.startIndex < to && a.childForFieldName('left')?.text === text && a.child(1)?.text === '=');
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'null-only-asserted',
    cwe: 617,
    severity: 'medium',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      asserted: {
        text: '`{pointer}` is guarded only by `{assertion}`, which release builds compile out, and used at line {useLine}; yet line {testLine} tests it for null, so the code itself expects null here',
        fix: 'Replace the assertion with a real check (`if (!{pointer}) return …;`) before the use at line {useLine}',
      },
    },
    docs: {
      summary: 'Pointer guarded only by a debug assertion, used, and tested for null later in the same function',
      why: 'Class: reachable assertion standing in for error handling (CWE-617, leading to CWE-476; CERT MSC11-C/ERR06-C). `Q_ASSERT` and `assert` vanish when QT_NO_DEBUG/NDEBUG is defined, so they check nothing in the builds users run; input that makes a factory or lookup return null then reaches the use (a null dereference, or a null stored where later code trusts it), and in debug builds it aborts the process. The contradiction is the evidence: the same function tests the pointer for null after the assertion, so its author knows null is possible there. Real fix: an SVG parser asserted the node a factory built, added it to its parent, and only afterwards tested `if (node)` (qtsvg).',
      example: 'void Parser::startElement(const QString &name)\n{\n    Node *node = m_factory->create(name);\n    Q_ASSERT(node);\n    m_parent->addChild(node);\n    if (node)\n        m_nodes.push(node);\n}\n',
      useInstead: 'void Parser::startElement(const QString &name)\n{\n    Node *node = m_factory->create(name);\n    if (!node)\n        return;\n    m_parent->addChild(node);\n    m_nodes.push(node);\n}\n',
      fix: 'Handle the null case with a real check before the first use; keep an assertion only for invariants no input can break.',
      references: [
        'https://cwe.mitre.org/data/definitions/617.html',
        'https://wiki.sei.cmu.edu/confluence/display/c/MSC11-C.+Incorporate+diagnostic+tests+using+assertions',
        'https://web.stanford.edu/~engler/deviant-sosp-01.pdf',
      ],
    },
  },
  create(ctx) {
    return {
      call_expression(call) {
        const assertion = callShape(call)?.name ?? '';
        if (!DEBUG_ASSERTIONS.has(assertion) || call.parent?.type !== 'expression_statement') return;
        const condition = call.childForFieldName('arguments')?.namedChild(0);
        const pointer = condition && assertedPointer(condition);
        const fn = enclosingFunction(call);
        if (!pointer || !fn) return;
        const text = pointer.text;
        // Only what follows the assertion inside its own block: a test after the block may serve another branch
        // (`if (marker) … else { Q_ASSERT(sample); … }  if (sample) sample->Release();`), which is no contradiction.
        const block = call.parent?.parent ?? fn;
        const later = block.descendantsOfType(pointer.type).filter((o) => o.text === text && o.startIndex > call.endIndex && !inAssertion(o, fn));
        const test = later.find((o) => isNullTest(o));
        if (!test) return;
        // Only uses before the first null test: a use under `if (p)` comes after that test, so it is never taken.
        const use = later.find((o) => o.startIndex < test.startIndex && isUse(o));
        if (!use || reassigned(fn, text, call.endIndex, use.startIndex)) return;
        ctx.report({
          node: call, messageId: 'asserted',
          data: { pointer: text, assertion, useLine: use.startPosition.row + 1, testLine: test.startPosition.row + 1 },
          evidence: [
            { node: use, message: `${text} is used here with only the assertion as a guard` },
            { node: test, message: `${text} is tested for null here` },
          ],
        });
      },
    };
  },
});
