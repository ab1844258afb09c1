// CWE-863: an API handler checks a policy rule without a target (`context.can(RULE)`) and then acts on an object
// it loads by a URL id. Without a target the policy engine compares the rule's owner check with the caller's own
// project, so a project-scoped rule passes for any caller and the object's owner is never consulted.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { calleeName, descendantsOfType, enclosingFunction, keywordArg, mentionsName, positionalArgs } from '../../../languages/python/syntax.js';
import { ID_PARAMETER, IDENTITY_PARAMETER, INSTANCE_FETCHERS, POLICY_CHECKS } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { brief, callsIn, calleeText, line, receiver } from '../../../rulekit/openstack.js';

/** The fetch of an object by one of `ids` in the handler: `common.get_instance(api, context, server_id)`. */
function objectFetch(body: SyntaxNode, ids: Set<string>): { call: SyntaxNode; id: string } | null {
  for (const c of callsIn(body)) {
    const text = c.childForFieldName('function')?.text ?? '';
    if (!INSTANCE_FETCHERS.some((re) => re.test(text))) continue;
    const id = positionalArgs(c).concat(descendantsOfType(c, 'keyword_argument').map((k) => k.childForFieldName('value')!))
      .find((a) => a.type === 'identifier' && ids.has(a.text));
    if (id) return { call: c, id: id.text };
  }
  return null;
}

export default defineRule({
  meta: {
    id: 'policy-check-without-target',
    cwe: 863,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      noTarget: {
        text: '`{call}({rule})` at line {line} has no `target=`, yet `{fn}` acts on the object loaded by `{fetch}` from `{id}` at line {fetchLine}: the policy is evaluated against the caller\'s own project, not the owner of `{id}`',
        fix: 'Load the object first and pass its owner: `{call}({rule}, target={\'project_id\': {objectVar}.project_id})`',
      },
    },
    docs: {
      summary: 'Policy check with no target in a handler that acts on an object loaded by a URL id',
      why: 'Nova\'s `context.can(rule)` without a target fills the target with the caller\'s own project and user, so an owner-scoped rule such as `project_id:%(project_id)s` always passes. A user of one project can then read or change another project\'s server (or its ports and volumes) by putting its id in the URL; only the database lookup stands between them (CWE-863, CWE-639).',
      example: 'class InterfacesController(wsgi.Controller):\n    def show(self, req, server_id, id):\n        context = req.environ["nova.context"]\n        context.can(POLICY_SHOW)\n        instance = common.get_instance(self.compute_api, context, server_id)\n        return self.network_api.show_port(context, id)\n',
      useInstead: 'class InterfacesController(wsgi.Controller):\n    def show(self, req, server_id, id):\n        context = req.environ["nova.context"]\n        instance = common.get_instance(self.compute_api, context, server_id)\n        context.can(POLICY_SHOW, target={"project_id": instance.project_id})\n        return self.network_api.show_port(context, id)\n',
      fix: 'Fetch the object the request acts on, then call `context.can(rule, target={"project_id": obj.project_id})` (or `policy.authorize(context, rule, target)`) before using it.',
      references: ['https://cwe.mitre.org/data/definitions/863.html', 'https://docs.openstack.org/nova/latest/configuration/policy-concepts.html', 'https://docs.openstack.org/oslo.policy/latest/user/usage.html'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged: no visitors there, rather than a call per node that returns at once.
    if (ctx.model.isTestCode()) return {};
    return {
      call(node) {
        const method = calleeName(node) ?? '';
        const obj = receiver(node);
        const spec = POLICY_CHECKS.find((p) => p.method === method && (!p.receiver || p.receiver.test(obj?.text ?? '')));
        if (!spec) return;
        if (keywordArg(node, spec.target.keyword) || positionalArgs(node).length > spec.target.index) return;
        if (spec.nonFatalKeyword && keywordArg(node, spec.nonFatalKeyword)?.type === 'false') return;
        const fn = enclosingFunction(node);
        const body = fn?.childForFieldName('body');
        if (!fn || !body) return;
        const ids = new Set(ctx.model.parameters(fn).filter((p) => !p.receiver).map((p) => p.name).filter((n) => ID_PARAMETER.test(n) && !IDENTITY_PARAMETER.test(n)));
        const fetch = objectFetch(body, ids);
        if (!fetch) return;
        const bound = fetch.call.parent?.type === 'assignment' ? fetch.call.parent.childForFieldName('left')?.text : undefined;
        // A later check in the same handler that does pass the fetched object's owner covers this one.
        const scoped = callsIn(body).some((c) => c.id !== node.id && calleeName(c) === method && !!bound && mentionsName(c, new Set([bound])) && c.startIndex > fetch.call.startIndex);
        if (scoped) return;
        const ruleArg = positionalArgs(node)[spec.target.index - 1] ?? positionalArgs(node)[0];
        ctx.report({
          node,
          messageId: 'noTarget',
          data: {
            call: calleeText(node), rule: brief(ruleArg ?? '', 40), line: line(node), fn: fn.childForFieldName('name')?.text ?? '',
            fetch: calleeText(fetch.call), id: fetch.id, fetchLine: line(fetch.call), objectVar: bound ?? 'instance',
          },
          evidence: [
            { node, message: `policy \`${brief(ruleArg ?? '', 40)}\` checked without a target (line ${line(node)})` },
            { node: fetch.call, message: `\`${fetch.id}\` from the URL loads the object acted on (line ${line(fetch.call)})` },
          ],
        });
      },
    };
  },
});
