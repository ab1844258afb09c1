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

/**
 * Calls that authorise the request, by method name (last dotted segment), with the receiver that must match when
 * the name alone is common. Used to recognise "this function authorises here" for the path and convention rules;
 * project-defined checks are learnt from the code (rulekit/authorization.ts), not listed here.
 */
export interface AuthorizationCall {
  method: string;
  receiver?: RegExp;
  /** The argument that carries the request being handled (or the context the router built from it), when the check
   * takes one: a handler parameter passed there is the handler's request. */
  requestArgument?: number;
}
export const AUTHORIZATION_CALLS: readonly AuthorizationCall[] = [
  // nova `context.can(rule, target)`; cinder `context.authorize(rule, target=…)`
  { method: 'can', receiver: /(^|\.)(context|ctxt|ctx|req_context|\w+_context)$/ },
  { method: 'authorize', receiver: /(^|\.)(context|ctxt|ctx|req_context|\w+_context|policy|\w+_policy|enforcer|\w*ENFORCER)$/i },
  // neutron/glance/heat `policy.enforce(ctx, rule, target)`, oslo.policy `Enforcer.enforce/authorize`
  { method: 'enforce', receiver: /(^|\.)(policy|\w+_policy|_?policy_enforcer|enforcer|\w*ENFORCER|rbac_enforcer|_enforcer)$/i },
  // keystone's flask API: `ENFORCER.enforce_call(action=…)`
  { method: 'enforce_call' },
  // glance's API-layer policy objects: `api_policy.ImageAPIPolicy(ctx, image, enforcer).get_image()`
  { method: 'check_is_image_mutable' },
  // keystone's V2 WSGI controllers (`keystone.common.wsgi.Application`, later `controller.V2Controller`):
  // `self.assert_admin(context)` refuses unless the token of the request's context dict is an admin's.
  { method: 'assert_admin', receiver: /^self$/, requestArgument: 0 },
];

/**
 * Keys of a WSGI environ whose value is the authorisation callback a middleware installed (`swift.authorize`):
 * `req.environ['swift.authorize'](req)` authorises the request.
 */
export const ENVIRON_AUTHORIZE_KEY = /(^|\.)authorize$/;

/** Decorators (last dotted segment of the called name) that authorise the whole function before its body runs. */
export const AUTHORIZING_DECORATORS: ReadonlySet<string> = new Set(['enforce', 'authorize', 'enforce_policy', 'policy_enforce', 'protected']);

/**
 * Exceptions whose raising refuses a request for lack of rights (webob, oslo.policy, and the projects'
 * `exception.Forbidden`/`NotAuthorized` families), matched on the class name's last segment.
 */
export const AUTHZ_FAILURE_EXCEPTION = /^(HTTPForbidden|HTTPUnauthorized|Forbidden|\w*NotAuthorized|PolicyNotAuthorized|Unauthorized|AccessDenied|\w+Forbidden|AdminRequired)$/;

/**
 * State-changing operations, by method name: CRUD verbs of OpenStack's DB APIs, objects, clients and storage
 * controllers (`volume_api.delete`, `obj.save()`, `self.COPY(req)` in swift's HTTP-verb controllers). A name
 * matches when its first `_`-separated word is one of these. The container methods in `CONTAINER_METHODS`
 * (`list.append`, `dict.update`, `set.add`) change only local data and never count on their own.
 */
export const MUTATION_VERBS: ReadonlySet<string> = new Set([
  'create', 'update', 'delete', 'destroy', 'remove', 'save', 'put', 'post', 'patch', 'copy', 'move', 'rename',
  'write', 'attach', 'detach', 'add', 'purge', 'reset', 'modify', 'terminate', 'revoke', 'grant', 'upload', 'migrate',
  'rebuild', 'resize', 'set', 'unset', 'bind', 'unbind', 'associate', 'disassociate', 'assign', 'unassign',
  'extend', 'retype', 'reboot', 'shelve', 'unshelve', 'evacuate', 'lock', 'unlock', 'enable', 'disable', 'restore',
  'deactivate', 'reactivate',
]);
/**
 * Words that make a name a read even after a verb-like first word (cinder's `snapshot_get`, `backup_get_all`;
 * `update_available_resource_get`): the name asks, it does not change.
 */
export const READ_WORDS: ReadonlySet<string> = new Set(['get', 'list', 'show', 'find', 'exists', 'is', 'has', 'count', 'check', 'validate']);
/** HTTP verbs as method names (swift's proxy controllers): calling one performs the request. */
export const HTTP_VERB_METHODS: ReadonlySet<string> = new Set(['PUT', 'POST', 'DELETE', 'COPY', 'PATCH']);
/**
 * Constructors of policy objects whose every method is an authorisation check (glance's API policy layer:
 * `api_policy.ImageAPIPolicy(ctx, image, enforcer).delete_image()`), by the class name's last segment.
 */
export const POLICY_OBJECT_CLASS = /APIPolicy$/;
/** Python container methods whose bare name is a mutation verb but which only change a local list/dict/set. */
export const CONTAINER_METHODS: ReadonlySet<string> = new Set([
  'add', 'update', 'remove', 'set', 'pop', 'insert', 'clear', 'extend', 'append', 'discard', 'setdefault', 'copy',
  'lock', 'unlock', 'write', 'reset', 'put', 'enable', 'disable', 'import',
]);

/**
 * oslo.policy's policy-in-code defaults: `RuleDefault(name, check_str, …)` and `DocumentedRuleDefault(name,
 * check_str, description, operations, …)` register a rule's default; `DeprecatedRule` only names the old one a
 * deployment may still override with (it is not the default any more), so it is not listed.
 */
export const POLICY_DEFAULT_CLASSES: ReadonlySet<string> = new Set([
  'oslo_policy.policy.RuleDefault', 'oslo_policy.policy.DocumentedRuleDefault',
]);

/** HTTP methods that change state (an operation documented with any of them is a write). */
export const WRITE_HTTP_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The read actions of OpenStack's policy naming convention (`<service>:<resource>:<action>`, the policy-in-code
 * community goal: `get`, `list`, `show`, `index`, `detail`, …), matched on the name's last segment when a default
 * documents no HTTP operations: anything else (`create`, `update`, `delete`, `program`, `rebuild` …) acts.
 */
export const READ_POLICY_ACTION = /^(get|list|show|index|detail|search|check|validate)(_|$)/;

/**
 * oslo.policy's switches for the secure-RBAC defaults, as `group.name` of the option: `enforce_scope` (reject tokens
 * of the wrong scope) and `enforce_new_defaults` (ignore the deprecated defaults). Both default to off in the
 * releases most deployments upgraded through, and operators leave them off to keep old policy files working.
 */
export const POLICY_ENFORCEMENT_FLAGS: ReadonlySet<string> = new Set(['oslo_policy.enforce_scope', 'oslo_policy.enforce_new_defaults']);
