// Authorization checks in Nova and Neutron as data: how each call names its policy rule and its target, so a rule
// can tell a check scoped to the object acted on from one that only asks "may this role call the API at all".

export interface PolicyCheck {
  /** Method name, matched on the last dotted segment. */
  method: string;
  /** Receiver text that must match (`context`, `policy`), when the method name alone is ambiguous. */
  receiver?: RegExp;
  /** Where the target goes: keyword name and positional index (counting from 0 over the call's arguments). */
  target: { keyword: string; index: number };
  /** Keywords that turn the check into a question (`fatal=False`): no exception, the caller decides. */
  nonFatalKeyword?: string;
}

export const POLICY_CHECKS: readonly PolicyCheck[] = [
  // nova: context.can(action, target=None, fatal=True); without a target nova fills in the caller's own project.
  { method: 'can', receiver: /(^|\.)(context|ctxt|ctx|req_context|nova_context)$/, target: { keyword: 'target', index: 1 }, nonFatalKeyword: 'fatal' },
  // nova (older): policy.authorize(context, action, target)
  { method: 'authorize', receiver: /(^|\.)(policy|nova_policy)$/, target: { keyword: 'target', index: 2 } },
  // neutron: policy.enforce(context, action, target) / policy.check(context, action, target)
  { method: 'enforce', receiver: /(^|\.)(policy|neutron_policy)$/, target: { keyword: 'target', index: 2 } },
  { method: 'check', receiver: /(^|\.)(policy|neutron_policy)$/, target: { keyword: 'target', index: 2 } },
];

/** Calls that load an instance (server) by a caller-supplied id in nova API handlers. */
export const INSTANCE_FETCHERS: readonly RegExp[] = [
  /(^|\.)common\.get_instance$/, /(^|\.)compute_api\.get$/, /(^|\.)_get_instance$/, /(^|\.)_get_server$/,
  /(^|\.)Instance\.get_by_uuid$/,
];

/** Parameter names that carry an object id from the URL of an API handler (not the caller's own identity). */
export const ID_PARAMETER = /^(id|uuid|server_id|instance_id|port_id|volume_id|[a-z]+_id)$/;
export const IDENTITY_PARAMETER = /^(project_id|tenant_id|user_id|domain_id)$/;
