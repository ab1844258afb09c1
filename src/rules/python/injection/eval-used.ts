// B307: the builtin eval() on anything but a constant. `eval("1 + 2")`, or a name or `self.attr` that the file only
// ever binds to string literals, has no input to inject and is not reported; a local `eval` is not the builtin.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { argument, isConstant, unparenthesize } from '../../../languages/python/syntax.js';
import { blacklistCallRule } from '../../../rulekit/blacklist.js';

function enclosing(node: SyntaxNode, types: readonly string[]): SyntaxNode | null {
  for (let n = node.parent; n; n = n.parent) if (types.includes(n.type)) return n;
  return null;
}

/**
 * True when `expr` is a local name or a `self.attr` whose every binding in its scope is a constant: in the
 * enclosing function (not a parameter) for a name, in the enclosing class (`self.x = ...` or a class attribute)
 * for an attribute. Test suites keep method names as strings this way (`eval(self.add_host)`).
 */
function boundOnlyToConstants(expr: SyntaxNode): boolean {
  const e = unparenthesize(expr);
  let scope: SyntaxNode | null;
  let matches: (left: SyntaxNode, assignment: SyntaxNode) => boolean;
  if (e.type === 'identifier') {
    scope = enclosing(e, ['function_definition']);
    if (scope?.childForFieldName('parameters')?.descendantsOfType('identifier').some((p) => p?.text === e.text)) return false;
    matches = (left) => left.type === 'identifier' && left.text === e.text;
  } else if (e.type === 'attribute' && ['self', 'cls'].includes(e.childForFieldName('object')?.text ?? '')) {
    scope = enclosing(e, ['class_definition']);
    const attr = e.childForFieldName('attribute')?.text ?? '';
    matches = (left, assignment) => left.text === e.text ||
      (left.type === 'identifier' && left.text === attr && enclosing(assignment, ['function_definition', 'class_definition'])?.id === scope?.id);
  } else {
    return false;
  }
  const root = scope ?? e.tree.rootNode;
  // Loop targets, `with ... as x` and walrus bindings give the name values this check cannot see.
  for (const b of root.descendantsOfType(['for_statement', 'for_in_clause', 'as_pattern_target', 'named_expression'])) {
    const target = b?.childForFieldName(b.type === 'named_expression' ? 'name' : 'left') ?? (b?.type === 'as_pattern_target' ? b : null);
    if (target && (target.text === e.text || target.descendantsOfType(['identifier', 'attribute']).some((t) => t?.text === e.text))) return false;
  }
  let bindings = 0;
  for (const a of root.descendantsOfType(['assignment', 'augmented_assignment'])) {
    const left = a?.childForFieldName('left');
    if (!a || !left || !matches(left, a)) continue;
    if (a.type === 'augmented_assignment' || !isConstant(a.childForFieldName('right'))) return false;
    bindings++;
  }
  return bindings > 0;
}

export default blacklistCallRule(blacklistEntry('B307'), {
  refine({ call }) {
    const source = argument(call, 0, 'source');
    return source && (isConstant(source) || boundOnlyToConstants(source)) ? null : {};
  },
  docs: {
    summary: 'eval() of a computed string',
    why: 'eval() runs its argument as a Python expression with the caller\'s privileges. If any part of the string comes from a request, a file or another service, the sender can call functions, import modules and read or change data in this process; restricting globals/builtins does not prevent escapes (CWE-95).',
    example: 'def parse_limit(text):\n    return eval(text)\n',
    useInstead: 'import ast\n\ndef parse_limit(text):\n    return ast.literal_eval(text)\n',
    fix: 'Use ast.literal_eval() for Python literals, json.loads() for data, int()/float() for numbers, and a dict of allowed functions instead of building call expressions.',
    references: [
      'https://cwe.mitre.org/data/definitions/95.html',
      'https://docs.python.org/3/library/ast.html#ast.literal_eval',
    ],
    banditDifferences: 'Bandit reports every call named `eval`, also `eval("60 * 60")` with a constant argument, `eval(self.add_host)` where the class only ever assigns string literals to `add_host` (36 of nova\'s 38 eval() findings), and a module\'s own function that happens to be called `eval`; pillar reports neither. Bandit files the finding as CWE-78 (OS command injection); pillar uses CWE-95 (eval injection).',
  },
});
