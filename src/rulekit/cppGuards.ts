// What a C/C++ function tests: the names that appear in its conditions (if/while/for/ternary, `&&`/`||`/`!`,
// comparisons) and in the arguments of checking calls (qFuzzyIsNull, Q_ASSERT, qMax, qMulOverflow…). A rule asks
// whether a value it worries about was looked at anywhere in the function; this is deliberately path-insensitive
// (a check anywhere counts), which keeps the rules quiet on code that guards in ways they do not follow.
import { callShape } from '../languages/cpp/syntax.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { CHECKING_CALLS } from '../models/cpp/library.js';

const TESTS = new Set(['==', '!=', '<', '>', '<=', '>=', '&&', '||']);
const NAME_TYPES = ['identifier', 'field_identifier'];

/** Identifiers and member names in a node (`d->width * n` → width, d, n). */
export function namesIn(node: SyntaxNode): Set<string> {
  const out = new Set<string>();
  if (NAME_TYPES.includes(node.type)) out.add(node.text);
  for (const n of node.descendantsOfType(NAME_TYPES)) out.add(n.text);
  return out;
}

const memo = new WeakMap<object, Map<number, Set<string>>>();

/** The names a function tests (memoised per tree and function). */
export function testedNames(fn: SyntaxNode): Set<string> {
  const key = fn.tree as object;
  let byFn = memo.get(key);
  if (!byFn) memo.set(key, byFn = new Map());
  let names = byFn.get(fn.id);
  if (names) return names;
  names = new Set();
  const add = (n: SyntaxNode | null): void => { if (n) for (const name of namesIn(n)) names!.add(name); };
  for (const n of fn.descendantsOfType(['condition_clause', 'conditional_expression', 'binary_expression', 'unary_expression', 'call_expression', 'for_statement', 'while_statement', 'do_statement', 'case_statement'])) {
    switch (n.type) {
      case 'condition_clause': case 'case_statement': add(n.childForFieldName('value') ?? n); break;
      case 'conditional_expression': add(n.childForFieldName('condition')); break;
      case 'for_statement': case 'while_statement': case 'do_statement': add(n.childForFieldName('condition')); break;
      case 'binary_expression': if (TESTS.has(n.childForFieldName('operator')?.text ?? '')) add(n); break;
      case 'unary_expression': if (n.childForFieldName('operator')?.text === '!') add(n); break;
      case 'call_expression': {
        const shape = callShape(n);
        if (shape && CHECKING_CALLS.has(shape.name)) add(n.childForFieldName('arguments'));
        break;
      }
    }
  }
  byFn.set(fn.id, names);
  return names;
}
