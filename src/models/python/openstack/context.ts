// Request contexts and privileged clients in Nova/Neutron and oslo.context, as data: which calls yield an admin
// (all-project) context or client, and which context attributes name the caller's project.

/** Calls whose result is an admin context: it sees and acts on every project's resources. */
export const ADMIN_CONTEXT_CALLS: ReadonlySet<string> = new Set([
  'nova.context.get_admin_context', 'context.get_admin_context', 'neutron_lib.context.get_admin_context',
  'neutron.context.get_admin_context', 'oslo_context.context.get_admin_context', 'get_admin_context',
]);

/** Methods on a context that return an elevated (admin) copy of it. */
export const ELEVATING_METHODS: ReadonlySet<string> = new Set(['elevated']);

/**
 * Client factories and the keyword that makes them admin clients (`neutron.get_client(context, admin=True)`,
 * nova's `get_client(context, admin=True)`, `cinder.cinderclient(context, privileged_user=True)`).
 */
export const CLIENT_FACTORIES: ReadonlyArray<{ suffix: string; adminKeyword: string }> = [
  { suffix: 'get_client', adminKeyword: 'admin' },
  { suffix: 'neutronclient', adminKeyword: 'admin' },
  { suffix: 'cinderclient', adminKeyword: 'privileged_user' },
  { suffix: 'get_neutron_client', adminKeyword: 'admin' },
];

/** Attributes of a request context (oslo.context `RequestContext`) that identify the caller's project. */
export const CONTEXT_PROJECT_ATTRIBUTES: ReadonlySet<string> = new Set(['project_id', 'tenant', 'tenant_id', 'project']);

/** Owner fields of a fetched resource (dict key or attribute) compared with the caller's project. */
export const OWNER_FIELDS: ReadonlySet<string> = new Set(['tenant_id', 'project_id', 'owner', 'user_id']);

/** Names a request context goes by in handlers and managers. */
export const CONTEXT_NAMES = /^(context|ctxt|ctx|admin_context|elevated|req_context|request_context)$/;

/**
 * Attributes of a request context (oslo.context `RequestContext`, and the older `tenant`/`tenant_id` spellings) that
 * say who the caller is and what they may do. They are set from the validated token by the auth middleware; code
 * that assigns one from anything the request carries lets the caller choose their identity.
 */
export const CONTEXT_IDENTITY_ATTRIBUTES: ReadonlySet<string> = new Set([
  'project_id', 'tenant', 'tenant_id', 'project', 'user_id', 'user', 'roles', 'domain_id', 'user_domain_id',
  'project_domain_id', 'is_admin', 'system_scope', 'auth_token',
]);

/**
 * Keyword arguments that restrict a database or object lookup to the context's project: nova's and neutron's
 * `model_query(context, Model, project_only=True)` and the object layer's `get_by_*(…, project_only=…)`.
 */
export const SCOPING_KEYWORDS: readonly string[] = ['project_only'];
