// CWE-639: "authorise the parent, load the child by id". A handler fetches the parent object only to check that
// the caller may see it (the result is discarded), then loads the child by its own id without tying it to that
// parent, so any child id (another project's rule, port or member) passes the parent's check.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { calleeName, descendantsOfType, mentionsName } from '../../../languages/python/syntax.js';
import { ID_PARAMETER, IDENTITY_PARAMETER } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { argumentValues, callsIn, calleeText, line } from '../../../rulekit/openstack.js';

/** Getters that load one object: `get_object(ctx, id=x)`, `_get_port(ctx, x)`, `Policy.get_policy_obj(ctx, x)`. */
const GETTER = /^_?(get|show|find)_\w+$|^get_object$|^get_by_(id|uuid)$/;
/** Getters that return many objects filter by what they are given; they are not a by-id child load. */
const COLLECTION_GETTER = /^_?get_\w+s$|_collection|_list$|^get_objects$/;

function idArgs(call: SyntaxNode, ids: Set<string>): string[] {
  return argumentValues(call).filter((a) => a.type === 'identifier' && ids.has(a.text)).map((a) => a.text);
}

/** Uses of `name` after `from` other than in a `raise` or a log call: a comparison or filter with the parent id. */
function usedLater(model: PythonModel, body: SyntaxNode, name: string, from: number, except: SyntaxNode): boolean {
  for (const id of descendantsOfType(body, 'identifier')) {
    if (id.text !== name || id.startIndex < from || (id.startIndex >= except.startIndex && id.endIndex <= except.endIndex)) continue;
    if (id.parent?.type === 'attribute' && id.parent.childForFieldName('attribute')?.id === id.id) continue;
    if (id.parent?.type === 'keyword_argument' && id.parent.childForFieldName('name')?.id === id.id) continue;
    let benign = false;
    for (let n: SyntaxNode | null = id.parent; n && n.id !== body.id; n = n.parent) {
      if (n.type === 'raise_statement' || (n.type === 'call' && model.loggingCall(n))) { benign = true; break; }
    }
    if (!benign) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'child-fetched-without-parent-scope',
    cwe: 639,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      unscoped: {
        text: '`{child}` at line {line} loads `{childId}` by id alone after `{parent}` (line {parentLine}) only checked access to `{parentId}`: a `{childId}` that belongs to another parent (and project) is returned',
        fix: 'Load the child through its parent or filter by it: pass `{parentId}` to `{child}` (e.g. `{childMethod}(context, id={childId}, <parent>_id={parentId})`) or raise NotFound when the child\'s parent id differs from `{parentId}`',
      },
    },
    docs: {
      summary: 'Child object loaded by its id after only the parent was checked for access',
      why: 'REST APIs nest children under parents (`/policies/{policy_id}/rules/{rule_id}`). Checking that the caller may read the parent and then loading the child by its own id lets a caller pair a parent they own with any child id, reading or changing children of parents (and projects) they cannot see (CWE-639: authorization bypass through a user-controlled key).',
      example: 'def get_policy_rule(self, context, rule_cls, rule_id, policy_id):\n    with db_api.CONTEXT_READER.using(context):\n        QosPolicy.get_policy_obj(context, policy_id)\n        rule = rule_cls.get_object(context, id=rule_id)\n    return rule\n',
      useInstead: 'def get_policy_rule(self, context, rule_cls, rule_id, policy_id):\n    with db_api.CONTEXT_READER.using(context):\n        QosPolicy.get_policy_obj(context, policy_id)\n        rule = rule_cls.get_object(context, id=rule_id, qos_policy_id=policy_id)\n    return rule\n',
      fix: 'Scope the child lookup by the parent id that was authorised (a filter argument or a query through the parent), or compare the loaded child\'s parent id with it and fail with NotFound.',
      references: ['https://cwe.mitre.org/data/definitions/639.html', 'https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged: no visitors there, rather than a call per node that returns at once.
    if (ctx.model.isTestCode()) return {};
    return {
      function_definition(fn) {
        const body = fn.childForFieldName('body');
        if (!body) return;
        const ids = new Set(ctx.model.parameters(fn).map((p) => p.name).filter((n) => ID_PARAMETER.test(n) && !IDENTITY_PARAMETER.test(n)));
        if (ids.size < 2) return;
        const calls = callsIn(body);
        for (const check of calls) {
          // The parent check is a statement of its own: its value is thrown away, only its exception matters.
          if (check.parent?.type !== 'expression_statement' || !GETTER.test(calleeName(check) ?? '')) continue;
          const parentIds = idArgs(check, ids);
          if (parentIds.length !== 1) continue;
          const parentId = parentIds[0]!;
          if (usedLater(ctx.model, body, parentId, check.endIndex, check)) continue;
          const child = calls.find((c) => c.startIndex > check.endIndex && GETTER.test(calleeName(c) ?? '') && !COLLECTION_GETTER.test(calleeName(c) ?? '') &&
            idArgs(c, ids).some((x) => x !== parentId) && !mentionsName(c, new Set([parentId])));
          if (!child) continue;
          const childId = idArgs(child, ids).find((x) => x !== parentId)!;
          ctx.report({
            node: child,
            messageId: 'unscoped',
            data: { child: calleeText(child), line: line(child), childId, parent: calleeText(check), parentLine: line(check), parentId, childMethod: calleeName(child) ?? '' },
            evidence: [
              { node: check, message: `access to parent \`${parentId}\` checked, result discarded (line ${line(check)})` },
              { node: child, message: `child \`${childId}\` loaded without \`${parentId}\` (line ${line(child)})` },
            ],
          });
          return;
        }
      },
    };
  },
});
