// CWE-863: a function that replaces a missing context parameter by an admin context (`if ctxt is None: ctxt =
// context.get_admin_context()`) called without the request context the caller holds: the lookup runs with every
// project's visibility instead of the caller's (private flavors, other projects' types and resources).
import type { PythonModel } from '../../../languages/python/model.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { descendantsOfType, enclosingFunction, hasStarArgs, keywordArg, positionalArgs, unparenthesize } from '../../../languages/python/syntax.js';
import { CONTEXT_NAMES } from '../../../models/python/openstack/context.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { ownContextFallbacks } from '../../../rulekit/fileFacts.js';
import { calleeText } from '../../../rulekit/openstack.js';

/** Context names that already stand for an admin context: passing them on would not narrow anything. */
const ADMIN_NAMES = /^(admin_context|elevated|admin_ctxt|admin_ctx)$/;

/** The request context `fn` holds: a parameter or a local named as OpenStack names contexts; null when none. */
function requestContextIn(model: PythonModel, fn: SyntaxNode): string | null {
  const ok = (n: string): boolean => CONTEXT_NAMES.test(n) && !ADMIN_NAMES.test(n);
  const param = model.parameters(fn).find((p) => !p.receiver && ok(p.name));
  if (param) return param.name;
  for (const a of descendantsOfType(fn, 'assignment')) {
    const left = a.childForFieldName('left');
    if (left?.type === 'identifier' && ok(left.text) && enclosingFunction(a)?.id === fn.id) return left.text;
  }
  return null;
}

/** Whether the call passes a value other than None for the parameter (`param`, positional `index`). */
function passes(call: SyntaxNode, param: string, index: number): boolean {
  const kw = keywordArg(call, param);
  const arg = kw ?? positionalArgs(call)[index] ?? null;
  return arg !== null && unparenthesize(arg).type !== 'none';
}

export default defineRule({
  meta: {
    id: 'request-context-not-passed-on',
    cwe: 863,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    usesProject: true,
    messages: {
      dropped: {
        text: '`{callee}` makes an admin context when `{param}` is not given, and this call (in a function holding the request context `{context}`) does not pass it: the lookup runs with every project\'s visibility instead of the caller\'s',
        fix: 'Pass the request context on: `{callee}(..., {param}={context})`',
      },
    },
    docs: {
      summary: 'A call drops the request context where the callee falls back to an admin context',
      why: 'OpenStack helpers often accept an optional context and make an admin one when it is missing, so that internal callers (periodic tasks, drivers) need none. Called from request handling without the request\'s context, the helper answers with admin visibility: private flavors and volume types, other projects\' resources and deleted rows become reachable by a user who names them (CWE-863).\n\n**Class.** Authorisation context dropped on a call: the callee (in this file or, through the project facts, in another) replaces a missing or None context parameter by `get_admin_context()` or `.elevated()`, and the caller holds a request context (a parameter or local named as OpenStack names contexts) but passes none or None. Real cases: nova\'s server create looked up the requested flavor with `flavors.get_flavor_by_flavor_id(flavor_id)` without `ctxt`, so the helper\'s admin context let any user boot private flavors of other projects (nova bug 1212179, "Enforce flavor access during instance boot"); cinder\'s `volume_types.get_volume_type(ctxt=None, …)` and `group_types.get_group_type` follow the same fallback and are called with None from drivers. References: CWE-863; OpenStack Security Guidelines on least privilege; OWASP Authorization Cheat Sheet (enforce authorisation in the caller\'s context).',
      example: 'from fleet import context\n\n\ndef get_model(model_id, ctxt=None):\n    if ctxt is None:\n        ctxt = context.get_admin_context()\n    return ctxt.session.get(model_id)\n\n\ndef boot(req, model_id):\n    context = req.environ[\'fleet.context\']\n    return get_model(model_id)\n',
      useInstead: 'from fleet import context\n\n\ndef get_model(model_id, ctxt=None):\n    if ctxt is None:\n        ctxt = context.get_admin_context()\n    return ctxt.session.get(model_id)\n\n\ndef boot(req, model_id):\n    context = req.environ[\'fleet.context\']\n    return get_model(model_id, ctxt=context)\n',
      fix: 'Pass the request context to every helper that can fall back to an admin context; better, make the context parameter required.',
      references: [
        'https://cwe.mitre.org/data/definitions/863.html',
        'https://cheatsheetseries.owasp.org/cheatsheets/Authorization_Cheat_Sheet.html',
      ],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged.
    if (ctx.model.isTestCode()) return {};
    return {
      module() {
        const local = ownContextFallbacks(ctx.model);
        const project = ctx.project.slice.contextFallbacks;
        if (local.size === 0 && !project) return;
        for (const call of ctx.model.root.descendantsOfType('call')) {
          const target = ctx.project.targetOf(ctx.model, call);
          if (target === null) continue;
          const fb = target.startsWith(':') ? local.get(target) : ctx.project.contextFallback(target);
          if (!fb || hasStarArgs(call) || passes(call, fb.param, fb.index)) continue;
          const fn = enclosingFunction(call);
          const context = fn ? requestContextIn(ctx.model, fn) : null;
          if (context === null) continue;
          ctx.report({ node: call, messageId: 'dropped', data: { callee: calleeText(call), param: fb.param, context } });
        }
      },
    };
  },
});
