// CWE-390: a `try` around an authorisation/policy/validation call whose broad handler neither re-raises nor stops:
// when the check fails (raises), execution continues past the try exactly as if it had passed.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { calleeName, descendantsOfType, enclosingFunction, mentionsName } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';

const ANY_ASSIGNMENT_NODES = new Set(['assignment', 'augmented_assignment']);
const CONDITIONS = new Set(['if_statement', 'elif_clause', 'while_statement']);

/** Calls that signal failure by raising: authorisation and policy enforcement first, validation second. */
const AUTHZ = /^(authorize|authorise|enforce|check_policy|check_access|check_permission|check_permissions|check_is_admin|check_admin|require_admin|require_admin_context|require_context|assert_authorized|verify_permission|can|has_permission|check_authorization|check_rbac|policy_check)$/i;
const VALIDATION = /^(validate\w*|verify\w*|check_\w+|assert_\w+|ensure_\w*(allowed|permitted|authori[sz]ed|owner|access)\w*)$/i;
/** Same shape, different meaning: subprocess result checks, test assertions, numeric checks. */
const NOT_CHECKS = /^(check_call|check_output|check_returncode|check_result|assert_called\w*|assert_not_called|assert_has_calls|assert_any_call|check_resize|check_hostname|verify_ssl|validate_timeout)$/i;

function checkCall(stmt: SyntaxNode): SyntaxNode | null {
  if (stmt.type !== 'expression_statement') return null;
  let expr = stmt.namedChild(0);
  if (expr?.type === 'await') expr = expr.namedChild(0);
  return expr?.type === 'call' ? expr : null;
}

/** Check calls whose result is discarded, i.e. that report failure only by raising. */
function checksIn(body: SyntaxNode): Array<{ call: SyntaxNode; name: string; authz: boolean }> {
  const out: Array<{ call: SyntaxNode; name: string; authz: boolean }> = [];
  for (const stmt of descendantsOfType(body, 'expression_statement')) {
    const call = checkCall(stmt);
    const name = call ? calleeName(call) : null;
    if (!call || !name || NOT_CHECKS.test(name)) continue;
    const authz = AUTHZ.test(name);
    if (authz || VALIDATION.test(name)) out.push({ call, name, authz });
  }
  return out;
}

/**
 * A handler that records the failure in a variable (`allowed = False`) or on the object (`self.backend = None`)
 * lets later code decide.
 */
function setsFlag(block: SyntaxNode): boolean {
  return descendantsOfType(block, ANY_ASSIGNMENT_NODES).some((a) => ['identifier', 'attribute'].includes(a.childForFieldName('left')?.type ?? ''));
}

/**
 * The value the check judged is tested again after the try (`check_status(op, sc, msg)` then `if sc == 200:`): the
 * check only logged, and the code after it decides on the value itself, so nothing runs "as if it had passed".
 */
function retestedAfter(call: SyntaxNode, tryStatement: SyntaxNode, fn: SyntaxNode): boolean {
  const names = new Set<string>();
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    const value = arg?.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
    if (value?.type === 'identifier') names.add(value.text);
  }
  if (names.size === 0) return false;
  // A comparison of that value (`sc == 200`, `code in OK_CODES`), not a mere truthiness test of it.
  return descendantsOfType(fn, CONDITIONS).some((c) => {
    const condition = c.childForFieldName('condition');
    if (!condition || c.startIndex < tryStatement.endIndex) return false;
    const comparisons = [condition, ...descendantsOfType(condition, 'comparison_operator')].filter((n) => n.type === 'comparison_operator');
    return comparisons.some((cmp) => mentionsName(cmp, names));
  });
}

/**
 * Whether code after the try reads what the check judged: an identifier among the check's arguments (`self` apart)
 * used later in the function. When nothing after the try touches those values (a revert step that only re-counts a
 * quota, a service loop whose handler logs and ends the pass) there is no "unvalidated value" to go on with.
 */
function judgedValueUsedAfter(call: SyntaxNode, tryStatement: SyntaxNode, fn: SyntaxNode): boolean {
  const names = new Set<string>();
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    const value = arg?.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
    if (!value) continue;
    for (const id of value.type === 'identifier' ? [value] : descendantsOfType(value, 'identifier')) {
      // `self.devices`: the attribute's object is `self`, the value judged is the attribute; keep the attribute name.
      if (id.text !== 'self' && id.parent?.type !== 'keyword_argument') names.add(id.text);
    }
  }
  // A check of constants only: no value to trace, keep the report.
  if (names.size === 0) return true;
  return descendantsOfType(fn, 'identifier').some((id) => id.startIndex >= tryStatement.endIndex && names.has(id.text));
}

/**
 * The "check" writes through a transaction the try then commits (`repos.check_quota_met(session, …)` then
 * `session.commit()`): it is called for its side effect, a write whose verdict, if any, it returns rather than
 * raises, and the handler's job is that transaction, not a denial.
 */
function stepOfCommittedTransaction(call: SyntaxNode, body: SyntaxNode): boolean {
  const handed = new Set<string>();
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    const value = arg?.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
    if (value?.type === 'identifier') handed.add(value.text);
  }
  return descendantsOfType(body, 'call').some((c) => {
    const callee = c.childForFieldName('function');
    const object = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
    return c.startIndex > call.endIndex && calleeName(c) === 'commit' && object?.type === 'identifier' && handed.has(object.text);
  });
}

export default defineRule({
  meta: {
    id: 'exception-swallowed-in-security-check',
    cwe: 390,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      authz: {
        text: '`{check}(...)` signals a denial by raising, but `{handler}` catches it and execution continues after the try as if the check had passed',
        fix: 'Let the exception from `{check}` propagate (remove the broad handler, or re-raise after logging); if a fallback is needed, catch only the specific non-denial error and deny explicitly (return/raise) in the handler',
      },
      validation: {
        text: '`{check}(...)` reports invalid input by raising, but `{handler}` catches every exception and execution continues after the try with the unvalidated value',
        fix: 'Catch only the errors that do not mean "invalid" (if any) and re-raise or reject the request in the handler, so a failed `{check}` stops the operation',
      },
    },
    docs: {
      summary: 'Broad exception handler turns a failed authorisation or validation check into success',
      why: 'Policy checks such as `policy.enforce(...)`, `authorize(...)` or `validate_*(...)` signal a denial or invalid input by raising. A bare `except:` or `except Exception:` around them that only logs (or passes) and lets execution continue makes every denial look like an approval: the protected operation runs anyway (CWE-390, leading to CWE-285/CWE-20).',
      example: 'def delete_server(context, server, policy):\n    try:\n        policy.authorize(context, "server:delete", server)\n    except Exception:\n        LOG.warning("policy check failed")\n    server.destroy()\n',
      useInstead: 'def delete_server(context, server, policy):\n    policy.authorize(context, "server:delete", server)\n    server.destroy()\n',
      fix: 'Do not wrap checks in broad handlers. If some errors must be tolerated, catch those specific types, and make every handler either re-raise or deny explicitly (return an error, raise Forbidden).',
      references: ['https://cwe.mitre.org/data/definitions/390.html', 'https://cwe.mitre.org/data/definitions/285.html', 'https://cwe.mitre.org/data/definitions/755.html'],
    },
  },
  create(ctx) {
    return {
      try_statement(node) {
        const body = node.childForFieldName('body');
        if (!body) return;
        // With an else clause, the "passed" path is the else block, which the handler skips.
        if (node.namedChildren.some((c) => c?.type === 'else_clause')) return;
        const checks = checksIn(body);
        if (checks.length === 0) return;
        const fn = enclosingFunction(node);
        for (const clause of node.namedChildren) {
          if (!clause || (clause.type !== 'except_clause' && clause.type !== 'except_group_clause') || !ctx.model.isCatchAll(clause)) continue;
          const block = clause.namedChildren.find((c) => c?.type === 'block');
          if (!block || setsFlag(block)) continue;
          const outcome = ctx.model.handlerOutcome(clause);
          if (outcome.exits.size !== 1 || !outcome.exits.has('normal')) continue;
          const check = checks.find((c) => c.authz) ?? checks[0]!;
          // An authorisation decides by raising alone; a validation's value may be judged again after the try.
          if (!check.authz && fn && (retestedAfter(check.call, node, fn) || !judgedValueUsedAfter(check.call, node, fn))) continue;
          if (!check.authz && stepOfCommittedTransaction(check.call, body)) continue;
          const handler = clause.text.split('\n')[0]!.trim().replace(/:$/, '');
          ctx.report({
            node: check.call, messageId: check.authz ? 'authz' : 'validation', data: { check: check.name, handler },
            confidence: check.authz ? 'high' : 'medium', severity: check.authz ? 'high' : 'medium',
            evidence: [{ node: clause, message: `${handler} catches the failure and falls through` }],
          });
          return;
        }
      },
    };
  },
});
