// CWE-862: a function that authorises the request changes state before the check on some path from its entry —
// the destructive step is done whether or not the check later refuses. Asked of the CFG: a state change reachable
// from the entry without passing any check, from which a check is still reachable. It does not judge functions that
// never authorise (the convention rule does) nor checks made by callers.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { CfgNode } from '../../../languages/python/model.js';
import { descendantsOfType, stringValue } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { fileAuthorization, isStateChange, mayAuthorize } from '../../../rulekit/authorization.js';
import { brief, callsIn, line } from '../../../rulekit/openstack.js';

/** Control-flow edges a normal run follows: an exception raised by the state change itself is not "it happened". */
const NOT_EXCEPTION = (e: { kind: string }): boolean => e.kind !== 'exception';

/**
 * `if 'swift.authorize' in req.environ:` around `req.environ['swift.authorize'](req)`: the test only asks whether an
 * authoriser is installed (none means the deployment runs without one), so passing the test counts as the check.
 */
function availabilityGuard(check: SyntaxNode): SyntaxNode | null {
  const fn = check.childForFieldName('function');
  const key = fn?.type === 'subscript' ? stringValue(fn.childForFieldName('subscript')) : null;
  if (!key) return null;
  for (let n = check.parent; n && n.type !== 'function_definition'; n = n.parent) {
    if (n.type !== 'if_statement') continue;
    const cond = n.childForFieldName('condition');
    if (cond && descendantsOfType(cond, 'string').some((s) => stringValue(s) === key)) return cond;
  }
  return null;
}

export default defineRule({
  meta: {
    id: 'authorization-after-state-change',
    cwe: 862,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      late: {
        text: '`{change}` at line {changeLine} changes state on a path from the entry of `{fn}` that reaches no authorisation check, and `{check}` is only called after it at line {checkLine}: a request the check refuses has already done its work',
        fix: 'Call `{check}` before `{change}` (at the top of `{fn}` or before the branch that reaches it), so that a refused request changes nothing',
      },
    },
    docs: {
      summary: 'State change on a path before the function\'s authorisation check',
      why: 'Class: missing authorization on a path (CWE-862), complete mediation (OWASP ASVS V4.1.3, CWE-638). When a handler authorises the request but performs a write (copying an object version, deleting a record, updating a database row) before the check on some path, a caller the check would refuse still gets the write done; the later refusal only hides it. Every path from the entry to a state change must pass the check first (CWE-862; OWASP ASVS V4.1.3, "principle of complete mediation"). Seen in swift\'s object DELETE with versioning (the previous version was copied over the object before `swift.authorize`, OSSA-2015-006) and in API handlers that enforce policy only after the database update. A check guarded by whether an authoriser is installed at all (`if \'swift.authorize\' in req.environ`) counts as made. Only library checks (policy enforce/authorize, `context.can`, the WSGI authorize callback) are reported as the late check.',
      example: 'def delete(self, req, obj_id):\n    if self.versions_enabled(req):\n        self.store.copy_version(obj_id)\n    deny = req.environ["swift.authorize"](req)\n    if deny:\n        return deny\n    self.store.delete_object(obj_id)\n',
      useInstead: 'def delete(self, req, obj_id):\n    deny = req.environ["swift.authorize"](req)\n    if deny:\n        return deny\n    if self.versions_enabled(req):\n        self.store.copy_version(obj_id)\n    self.store.delete_object(obj_id)\n',
      fix: 'Move the authorisation to the entry of the handler, or repeat it at the head of the branch that performs the write, so that it dominates every state change.',
      references: ['https://cwe.mitre.org/data/definitions/862.html', 'https://owasp.org/www-project-application-security-verification-standard/', 'https://security.openstack.org/guidelines/dg_use-oslo-policy.html'],
    },
  },
  create(ctx): Visitors {
    // Only files that may authorise, and no test code: no visitor elsewhere.
    if (!mayAuthorize(ctx.model) || ctx.model.isTestSupport()) return {};
    return {
      function_definition(fn) {
        const body = fn.childForFieldName('body');
        if (!body) return;
        const facts = fileAuthorization(ctx.model);
        // A decorator check runs before the body: nothing in the body can precede it.
        if (facts.decoratorChecks(fn).length > 0) return;
        const checks = facts.bodyChecks(fn);
        if (checks.length === 0) return;
        const cfg = ctx.model.cfg(fn);
        const checkNodes = new Set<CfgNode>(checks.flatMap((c) => [...cfg.nodesAt(c.node), ...cfg.nodesAt(availabilityGuard(c.node) ?? c.node)]));
        // Only a library check is reported as the late one: a check function learnt from this file may be an
        // operation that sometimes refuses, and a write before it is then its normal order of work.
        const lateNodes = new Set<CfgNode>(checks.filter((c) => !c.learnt).flatMap((c) => cfg.nodesAt(c.node)));
        const checkOf = (n: CfgNode): SyntaxNode | undefined => checks.find((c) => !c.learnt && cfg.nodesAt(c.node).includes(n))?.node;
        for (const call of callsIn(body)) {
          if (!isStateChange(call, ctx.model) || checks.some((c) => c.node.startIndex <= call.startIndex && call.endIndex <= c.node.endIndex)) continue;
          const at = cfg.nodesAt(call).filter((n) => !checkNodes.has(n));
          if (at.length === 0) continue;
          // Reached from the entry without any check on the way …
          if (!cfg.reachable(cfg.entry, at, { avoiding: checkNodes, follow: NOT_EXCEPTION })) continue;
          // … and a check still follows it: the function meant to authorise this request, too late.
          const after = cfg.path(at, (n) => lateNodes.has(n), { follow: NOT_EXCEPTION });
          const late = after ? checkOf(after[after.length - 1]!) : undefined;
          if (!late) continue;
          const name = fn.childForFieldName('name')?.text ?? '';
          const check = brief(late.childForFieldName('function') ?? late, 50);
          ctx.report({
            node: late,
            messageId: 'late',
            data: { change: brief(call, 50), changeLine: line(call), check, checkLine: line(late), fn: name },
            evidence: [
              { node: call, message: `state change before any authorisation: \`${brief(call, 50)}\`` },
              { node: late, message: `the authorisation comes only here: \`${check}\`` },
            ],
          });
          return;
        }
      },
    };
  },
});
