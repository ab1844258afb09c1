// CWE-125: a pointer or iterator taken from the start of a string or container (`s.constBegin()`, `s.data()`,
// `ba.constData()`) that the function advances and dereferences but never compares with anything: no `it != end`,
// no `p < limit`, no size asked of the container, no test for the terminating NUL. Parsers of attribute values walk
// such iterators while a character matches (`while (it->isSpace()) ++it;`, `while (*it != ')')`); on input that
// ends early, or is empty, they read past the end of the buffer.
import { callShape, enclosingFunction } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { CONTAINER_DATA_METHODS, CONTAINER_SIZE_METHODS } from '../../../models/cpp/library.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

const COMPARISONS = new Set(['==', '!=', '<', '>', '<=', '>=']);

/** `*it`, `it->x`, `it[i]`: the places the iterator is read through. */
function isDereference(id: SyntaxNode): boolean {
  const p = id.parent;
  if (!p) return false;
  if (p.type === 'pointer_expression' && p.child(0)?.text === '*') return true;
  if (p.type === 'field_expression' && p.childForFieldName('argument')?.id === id.id && p.child(1)?.text === '->') return true;
  return p.type === 'subscript_expression' && p.childForFieldName('argument')?.id === id.id;
}

/** A NUL test (`*p`, `!*p`, `*p != '\0'`, `*p == 0`): walking a terminated string up to its terminator is bounded. */
function isTerminatorTest(deref: SyntaxNode): boolean {
  const p = deref.parent?.type === 'parenthesized_expression' ? deref.parent : deref;
  const parent = p.parent;
  if (!parent) return false;
  if (parent.type === 'condition_clause' || (parent.type === 'unary_expression' && parent.child(0)?.text === '!')) return true;
  if (parent.type === 'binary_expression' && parent.childForFieldName('operator')?.text === '&&') return true;
  if (parent.type === 'binary_expression' && COMPARISONS.has(parent.childForFieldName('operator')?.text ?? '')) {
    const other = parent.childForFieldName('left')?.id === p.id ? parent.childForFieldName('right') : parent.childForFieldName('left');
    return other !== null && /^(?:0|'\\0'|QChar\(\)|QLatin1Char\('\\0'\)|u'\\0'|L'\\0'|'\\x00'|nullptr)$/.test(other.text.replace(/\s+/g, ''));
  }
  return false;
}

const within = (node: SyntaxNode, outer: SyntaxNode): boolean => node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;

function conditionComparisons(condition: SyntaxNode): SyntaxNode[] {
  return condition.descendantsOfType('binary_expression').concat(condition.type === 'binary_expression' ? [condition] : [])
    .filter((b) => COMPARISONS.has(b.childForFieldName('operator')?.text ?? ''));
}

/**
 * The first loop whose condition reads through the iterator (`while (p->isSpace())`) with neither a bound nor a
 * terminator test in it, that advances the iterator and compares it with nothing inside: its dereference, and where
 * the function does compare the iterator (for the evidence).
 */
function uncheckedSkipLoop(body: SyntaxNode, uses: readonly SyntaxNode[], compared: (u: SyntaxNode) => boolean): { deref: SyntaxNode; check: SyntaxNode } | null {
  const check = uses.find(compared);
  if (!check) return null;
  for (const loop of body.descendantsOfType(['while_statement', 'for_statement', 'do_statement'])) {
    const condition = loop.childForFieldName('condition');
    if (!condition) continue;
    const inCondition = uses.filter((u) => within(u, condition));
    const derefs = inCondition.filter(isDereference);
    if (derefs.length === 0 || derefs.some((d) => isTerminatorTest(d.parent!)) || inCondition.some(compared)) continue;
    // A comparison in the condition that does not read through the iterator (`i < n`) is another bound on the walk.
    if (conditionComparisons(condition).some((b) => !derefs.some((d) => within(d, b)))) continue;
    const inLoop = uses.filter((u) => within(u, loop));
    const advances = inLoop.some((u) => u.parent?.type === 'update_expression' ||
      (u.parent?.type === 'assignment_expression' && u.parent.childForFieldName('left')?.id === u.id));
    if (!advances || inLoop.some(compared)) continue;
    return { deref: derefs[0]!.parent!, check };
  }
  return null;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'iterator-walk-without-end',
    cwe: 125,
    severity: 'high',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      walk: {
        text: '`{it}` starts at `{start}` and is advanced and dereferenced, but `{fn}` never compares it with the end of `{container}` (nor asks its size): input that ends before the expected character makes it read past the buffer',
        fix: 'Keep the end (`{container}`.constEnd() or data() + size()) and test `{it} != end` before every dereference, in each loop condition',
      },
      skip: {
        text: 'this loop advances `{it}` while the character it points at matches, but tests neither the end nor a terminator: `{fn}` compares `{it}` with its bound elsewhere, not here, so input that ends inside the run (trailing blanks) walks it past the end of the buffer',
        fix: 'Test the bound in this loop\'s condition too (`{it} != end && …`), before the dereference',
      },
    },
    docs: {
      summary: 'Iterator or pointer walked through a string or container without ever being compared with its end (out-of-bounds read)',
      why: 'Hand-written parsers skip characters with loops like `while (it->isSpace()) ++it;` or copy up to a delimiter with `while (*it != \')\')`. When the iterator is never compared with the end of the string, an attribute that is empty, all blanks, or lacks the delimiter makes the loop read past the end of the heap buffer: a crash or a disclosure of memory (CWE-125).',
      example: 'static QString idFromUrl(const QString &url)\n{\n    QString::const_iterator it = url.constBegin();\n    while (it->isSpace())\n        ++it;\n    QString id;\n    while (*it != QLatin1Char(\')\'))\n        id += *it++;\n    return id;\n}\n',
      useInstead: 'static QString idFromUrl(const QString &url)\n{\n    QString::const_iterator it = url.constBegin();\n    const QString::const_iterator end = url.constEnd();\n    while (it != end && it->isSpace())\n        ++it;\n    QString id;\n    while (it != end && *it != QLatin1Char(\')\'))\n        id += *it++;\n    return id;\n}\n',
      fix: 'Take the end together with the start and compare with it before each dereference (in every loop condition and before every `if (*it …)`); or use indexOf/QStringView::sliced and friends, which stay in bounds.',
      references: ['https://cwe.mitre.org/data/definitions/125.html', 'https://wiki.sei.cmu.edu/confluence/display/cplusplus/CTR53-CPP.+Use+valid+iterator+ranges'],
    },
  },
  create(ctx) {
    return {
      init_declarator(init) {
        let name = init.childForFieldName('declarator');
        // `const char *p = text.constData();`: the pointer's name is under the `*`.
        while (name?.type === 'pointer_declarator') name = name.childForFieldName('declarator');
        const value = init.childForFieldName('value');
        if (name?.type !== 'identifier' || value?.type !== 'call_expression') return;
        const shape = callShape(value);
        if (!shape?.receiver || !CONTAINER_DATA_METHODS.has(shape.name)) return;
        if (shape.receiver.type !== 'identifier' && shape.receiver.type !== 'field_expression') return;
        const fn = enclosingFunction(init);
        const body = fn?.childForFieldName('body');
        if (!fn || !body) return;
        const it = name.text;
        const container = shape.receiver.text;
        const uses = body.descendantsOfType('identifier').filter((i) => i.text === it && i.id !== name.id);
        const derefs = uses.filter(isDereference);
        const advanced = uses.some((u) => u.parent?.type === 'update_expression' ||
          (u.parent?.type === 'assignment_expression' && u.parent.childForFieldName('left')?.id === u.id));
        if (derefs.length === 0 || !advanced) return;
        // Advanced in step with a counted loop (`for (int i = 0; i < n; ++i, ++it)`): the count bounds the walk.
        const counted = uses.some((u) => {
          for (let n: SyntaxNode | null = u.parent; n && n.id !== body.id; n = n.parent) {
            const condition = n.type === 'for_statement' ? n.childForFieldName('condition') : null;
            if (condition && condition.descendantsOfType('binary_expression').concat(condition.type === 'binary_expression' ? [condition] : [])
              .some((b) => ['<', '<=', '>', '>=', '!='].includes(b.childForFieldName('operator')?.text ?? ''))) return true;
          }
          return false;
        });
        if (counted) return;
        const compared = (u: SyntaxNode): boolean => {
          // `++it == end` compares the advanced iterator; `(it + 1) != end` an offset of it.
          let operand: SyntaxNode = u.parent?.type === 'update_expression' ? u.parent : u;
          while (operand.parent?.type === 'parenthesized_expression' ||
            (operand.parent?.type === 'binary_expression' && ['+', '-'].includes(operand.parent.childForFieldName('operator')?.text ?? ''))) operand = operand.parent;
          const p = operand.parent;
          return p?.type === 'binary_expression' && COMPARISONS.has(p.childForFieldName('operator')?.text ?? '');
        };
        // Compared somewhere: the function knows the end, but a loop that advances the iterator while a character
        // matches and tests neither the end nor the terminator may still run past it (a skip loop inside the
        // bounded one: `while (p != end) { while (p->isSpace()) ++p; … }`).
        if (uses.some(compared)) {
          const loop = uncheckedSkipLoop(body, uses, compared);
          if (loop) {
            ctx.report({
              node: loop.deref, messageId: 'skip',
              data: { it, fn: fn.childForFieldName('declarator')?.text.split('(')[0] ?? 'the function' },
              evidence: [{ node: init, message: `${it} starts here` }, { node: loop.check, message: `${it} is compared with a bound here, not in the loop` }],
            });
          }
          return;
        }
        // Handed to another function (which may check) or captured: left alone.
        if (uses.some((u) => u.parent?.type === 'argument_list' || u.parent?.type === 'lambda_capture_specifier')) return;
        if (derefs.some((d) => isTerminatorTest(d.parent!))) return;
        const asksSize = body.descendantsOfType('call_expression').some((c) => {
          const s = callShape(c);
          return s?.receiver?.text === container && (CONTAINER_SIZE_METHODS.has(s.name) || s.name === 'constEnd' || s.name === 'cend');
        });
        if (asksSize) return;
        const fnName = fn.childForFieldName('declarator')?.text.split('(')[0] ?? 'the function';
        const first = derefs[0]!;
        ctx.report({
          node: first.parent!, messageId: 'walk',
          data: { it, start: value.text.slice(0, 40), container: container.slice(0, 40), fn: fnName },
          evidence: [{ node: init, message: `${it} starts here` }],
        });
      },
    };
  },
});
