// CWE-843: subscripting a value that is a set on every path (`missing = wanted - found; missing[0]`), or a dict view
// of a known dict (`d.keys()[0]`). Neither has `__getitem__`, so the line always raises TypeError — typically while
// building an error, turning a 404 into a 500. Values of unknown type are never reported.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { callee, positionalArgs, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { abbreviate } from '../../../rulekit/text.js';

/** Where the set was made: the assignment that gives the name its set value, for the evidence trail. */
function origin(model: PythonModel, value: SyntaxNode): SyntaxNode | null {
  const v = unparenthesize(value);
  if (v.type !== 'identifier' && v.type !== 'attribute') return null;
  return model.reachingValues(v)?.values.find((n): n is SyntaxNode => n !== null) ?? null;
}

/**
 * `d.keys()[0]` on a value known to be a dict: a Python 2 habit that raises in Python 3. Unknown receivers stay
 * silent, since ORM rows and custom mappings often return real lists from keys().
 */
function isDictView(model: PythonModel, value: SyntaxNode): boolean {
  const v = unparenthesize(value);
  if (v.type !== 'call' || positionalArgs(v).length > 0) return false;
  const fn = callee(v);
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : null;
  return !!method && DICT_VIEWS.has(method) && model.kindOf(fn!.childForFieldName('object')) === 'dict';
}

const DICT_VIEWS = new Set(['keys', 'values', 'items']);

export default defineRule({
  meta: {
    id: 'indexing-a-set',
    cwe: 843,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    messages: {
      view: {
        text: '`{value}` is a dict view in Python 3, so `{expr}` raises TypeError (views cannot be indexed)',
        fix: 'Convert first: `list({value})[{index}]`, or take one element with `next(iter({value}))`',
      },
      subscript: {
        text: '`{value}` is a set here, so `{expr}` raises TypeError (sets cannot be indexed)',
        fix: 'Pick an element without indexing: `next(iter({value}))`, or convert first: `sorted({value})[{index}]` (or `list({value})[{index}]` when any element will do)',
      },
    },
    docs: {
      summary: 'Subscript of a value that is always a set',
      why: 'A set has no positions: `s[0]` raises TypeError. The mistake hides on error paths (building the message for "these ids were not found"), so the caller gets an unhandled exception — an HTTP 500 instead of the intended 404 — and the code meant to report the problem never runs (CWE-843: the value is used as a type it is not).',
      example: 'def check(requested, found):\n    missing = set(requested) - set(found)\n    if missing:\n        raise NotFound(id=missing[0])\n',
      useInstead: 'def check(requested, found):\n    missing = set(requested) - set(found)\n    if missing:\n        raise NotFound(id=sorted(missing)[0])\n',
      fix: 'Take an element with `next(iter(s))`, or convert with `sorted(s)` / `list(s)` before indexing. If every element matters, report all of them (`", ".join(sorted(s))`).',
      references: ['https://cwe.mitre.org/data/definitions/843.html', 'https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset'],
    },
  },
  create(ctx) {
    return {
      subscript(node) {
        const value = node.childForFieldName('value');
        if (!value) return;
        const index = node.childrenForFieldName('subscript')[0];
        if (isDictView(ctx.model, value)) {
          ctx.report({ node, messageId: 'view', data: { value: abbreviate(value.text), expr: abbreviate(node.text), index: index ? abbreviate(index.text) : '0' } });
          return;
        }
        if (!ctx.model.mayBeSet(value) || ctx.model.kindOf(value) !== 'set') return;
        const from = origin(ctx.model, value);
        ctx.report({
          node,
          messageId: 'subscript',
          data: { value: abbreviate(value.text), expr: abbreviate(node.text), index: index ? abbreviate(index.text) : '0' },
          evidence: from ? [{ node: from, message: `\`${abbreviate(value.text)}\` is made a set here` }] : [],
        });
      },
    };
  },
});
