// CWE-1024: `==`/`!=`/`in` between values known to be of incompatible built-in types — a str and a number, or str
// and bytes — which Python never finds equal, so the branch is dead (or always taken). Types come from literals,
// builtin calls and reaching definitions; a value whose type is not certain on every path is never reported.
// A comparison that is always True/False is a logic defect; it is a security defect when the check it makes is
// never (or always) enforced, so the finding is medium only when the comparison decides a branch that raises.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { comparisonPairs, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { ValueKind } from '../../../languages/python/model.js';
import { abbreviate } from '../../../rulekit/text.js';
import type { PythonModel } from '../../../languages/python/model.js';

type Family = 'str' | 'bytes' | 'number';

function family(kind: ValueKind | null): Family | null {
  if (kind === 'str' || kind === 'bytes') return kind;
  return kind === 'int' || kind === 'float' ? 'number' : null;
}

/** The family every element of a literal list/tuple/set shares, for `x in [...]`. */
function elementFamily(model: PythonModel, container: SyntaxNode): Family | null {
  const c = unparenthesize(container);
  if (!['list', 'tuple', 'set'].includes(c.type)) return null;
  const elements = c.namedChildren.filter((e): e is SyntaxNode => e !== null && e.type !== 'comment');
  if (elements.length === 0) return null;
  const families = new Set(elements.map((e) => family(model.kindOf(e))));
  return families.size === 1 ? [...families][0]! : null;
}

/** The comparison is (part of) the test of an `if` one of whose branches raises: a check that is never enforced. */
function decidesRaise(node: SyntaxNode): boolean {
  let n: SyntaxNode = node;
  while (n.parent && ['boolean_operator', 'not_operator', 'parenthesized_expression'].includes(n.parent.type)) n = n.parent;
  const stmt = n.parent;
  if ((stmt?.type !== 'if_statement' && stmt?.type !== 'elif_clause') || stmt.childForFieldName('condition')?.id !== n.id) return false;
  const branch = stmt.childForFieldName('consequence');
  return !!branch && branch.namedChildren.some((c) => c?.type === 'raise_statement');
}

const LABEL: Record<Family, string> = { str: 'a str', bytes: 'bytes', number: 'a number' };
const ALWAYS: Record<string, string> = { '==': 'False', '!=': 'True', in: 'False', 'not in': 'True' };

export default defineRule({
  meta: {
    id: 'mixed-type-compare',
    cwe: 1024,
    severity: 'medium',
    confidence: 'low',
    languages: ['python'],
    messages: {
      equality: {
        text: '`{left}` is always {leftType} and `{right}` always {rightType}: `{left} {op} {right}` is always {result}',
        fix: 'Convert one side so both have the same type before comparing, e.g. `{convert}`',
      },
    },
    docs: {
      summary: 'Equality or membership test between a str and a number (or str and bytes)',
      why: 'Python never considers a str equal to an int or to bytes: `"404" == 404` and `b"ok" == "ok"` are False without an error. A check written this way never matches, so the code behind it never runs — a status that is never recognised, a limit that is never enforced, a permission branch that is never taken (CWE-1024). Most such comparisons are plain logic bugs (a parsed status bit read wrongly) with no security consequence, so the rule reports at low confidence, and at medium only when the comparison decides a branch that raises: a validation that never (or always) rejects.',
      example: 'def is_not_found(resp):\n    status = str(resp.status)\n    return status == 404\n',
      useInstead: 'def is_not_found(resp):\n    status = str(resp.status)\n    return status == "404"\n',
      fix: 'Normalise both sides to one type at the boundary (parse with int() once, or decode bytes once), then compare like with like.',
      references: ['https://cwe.mitre.org/data/definitions/1024.html', 'https://docs.python.org/3/library/stdtypes.html#comparisons'],
    },
  },
  create(ctx) {
    return {
      comparison_operator(node) {
        for (const { left, operator, right } of comparisonPairs(node)) {
          if (!(operator in ALWAYS)) continue;
          const lf = family(ctx.model.kindOf(left));
          if (!lf) continue;
          const membership = operator === 'in' || operator === 'not in';
          // `"a" in "abc"` is a substring test, not element equality.
          const rf = membership ? elementFamily(ctx.model, right) : family(ctx.model.kindOf(right));
          if (!rf || rf === lf) continue;
          const convert = lf === 'number' && rf === 'str' ? `str(${left.text}) ${operator} ${right.text}`
            : lf === 'str' && rf === 'number' ? `int(${left.text}) ${operator} ${right.text}`
            : lf === 'bytes' ? `${left.text}.decode() ${operator} ${right.text}` : `${left.text}.encode() ${operator} ${right.text}`;
          ctx.report({
            node,
            messageId: 'equality',
            ...(decidesRaise(node) ? { confidence: 'medium' as const } : {}),
            data: {
              left: abbreviate(left.text), right: abbreviate(right.text), op: operator, result: ALWAYS[operator]!,
              leftType: LABEL[lf], rightType: membership ? `a container of ${rf === 'bytes' ? 'bytes' : `${rf}s`}` : LABEL[rf], convert: abbreviate(convert),
            },
          });
        }
      },
    };
  },
});
