// CWE-862 by inferred convention: among the public request handlers of a controller class (or of a module), most
// authorise before they act; the ones that do not are reported with the majority as evidence. Which check is expected
// is learnt from the siblings, not listed; which parameter carries the request is learnt from what the handlers read
// of it and what they pass to their checks. Not judged: private helpers, properties, static and class methods,
// methods a checking sibling calls (the caller checks), operations scoped by the caller's own project, and classes
// whose methods do not handle requests (an internal API's callers in other files may authorise for it).
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { callee, descendantsOfType, mentionsName, positionalArgs, targetNames } from '../../../languages/python/syntax.js';
import type { CfgNode, PythonModel } from '../../../languages/python/model.js';
import { inferConventions, type Population, type Site } from '../../../analysis/conventions/deviance.js';
import { CONTEXT_PROJECT_ATTRIBUTES, OWNER_FIELDS, REQUEST_DATA_ATTRIBUTES, SCOPING_KEYWORDS } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { fileAuthorization, isStateChange, knownAuthorizationCall, mayAuthorize, raisesRefusal, type FileAuthorization } from '../../../rulekit/authorization.js';
import { argumentValues, brief, calleeText, callsIn, line } from '../../../rulekit/openstack.js';

const AUTHORISED = 'authorises before acting';

/** Attributes of a webob request a handler reads: its data, its WSGI environ, the context a middleware attached. */
const REQUEST_ATTRIBUTES: ReadonlySet<string> = new Set([...REQUEST_DATA_ATTRIBUTES, 'environ', 'context']);
/** Decorators that make a method something other than a handler the router dispatches to. */
const NOT_HANDLER_DECORATORS = /^(property|cached_property|staticmethod|classmethod|abstractmethod|\w+\.(setter|getter|deleter))$/;

interface Handler {
  fn: SyntaxNode;
  name: string;
  /** Where the handler first acts unchecked-or-not: its first state change on what the caller named, else its first
   * call on the request or what it names; the place a check must precede. */
  at: SyntaxNode;
  /** The first state change on a value the caller named, if any. */
  change: SyntaxNode | null;
  /** How its own checks are written (decorators, body checks before it acts), for messages. */
  checks: string[];
  /** Siblings it calls before it acts (`return self.update_user(context, user_id, user)`). */
  delegations: Array<{ name: string; call: SyntaxNode }>;
  /** Its first check in the body, if any. */
  firstCheck: SyntaxNode | null;
  /** True when the guards `count` accepts stand on every path from its entry to where it acts. */
  covered: (count: (g: Guard) => boolean) => boolean;
}

/** A call that may authorise the handler: a check of its own, or a call to a sibling (which may check). */
interface Guard { key: string | null; delegate: string | null; nodes: CfgNode[] }

/**
 * For each function of the file (by node id), the positions of its parameters that carry the request it handles:
 * it reads the parameter's request attributes (`req.environ`, `req.params`, `req.context`), passes the parameter
 * where a library check takes the request (`self.assert_admin(context)`, the `swift.authorize` callback), or passes
 * it on to a function of this file in a position that does. A fixed point over the file's calls.
 */
function requestParameterPositions(model: PythonModel): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  const fns = model.functions();
  const passes: Array<{ fn: SyntaxNode; index: number; call: SyntaxNode; arg: number | string }> = [];
  for (const fn of fns) {
    const body = fn.childForFieldName('body');
    if (!body) continue;
    const params = model.parameters(fn).filter((p) => !p.receiver);
    const byName = new Map(params.map((p, i) => [p.name, i]));
    const found = new Set<number>();
    for (const a of descendantsOfType(body, 'attribute')) {
      const obj = a.childForFieldName('object');
      const i = obj?.type === 'identifier' ? byName.get(obj.text) : undefined;
      if (i !== undefined && REQUEST_ATTRIBUTES.has(a.childForFieldName('attribute')?.text ?? '')) found.add(i);
    }
    for (const call of callsIn(body)) {
      const known = knownAuthorizationCall(call);
      const args = positionalArgs(call);
      if (known?.requestArgument !== undefined) {
        const arg = args[known.requestArgument];
        const i = arg?.type === 'identifier' ? byName.get(arg.text) : undefined;
        if (i !== undefined) found.add(i);
        continue;
      }
      args.forEach((arg, k) => { const i = arg.type === 'identifier' ? byName.get(arg.text) : undefined; if (i !== undefined) passes.push({ fn, index: i, call, arg: k }); });
      for (const kw of descendantsOfType(call.childForFieldName('arguments') ?? call, 'keyword_argument')) {
        if (kw.parent?.id !== call.childForFieldName('arguments')?.id) continue;
        const v = kw.childForFieldName('value');
        const i = v?.type === 'identifier' ? byName.get(v.text) : undefined;
        if (i !== undefined) passes.push({ fn, index: i, call, arg: kw.childForFieldName('name')?.text ?? '' });
      }
    }
    out.set(fn.id, found);
  }
  // `self._enforce(req, action)` where `_enforce` reads `req.context`: the caller's `req` is a request too.
  const targetOf = new Map<number, SyntaxNode | null>();
  for (let changed = true; changed;) {
    changed = false;
    for (const p of passes) {
      const mine = out.get(p.fn.id)!;
      if (mine.has(p.index)) continue;
      if (!targetOf.has(p.call.id)) { const f = callee(p.call); targetOf.set(p.call.id, f ? model.definitionOf(f) : null); }
      const target = targetOf.get(p.call.id);
      if (!target) continue;
      const theirs = out.get(target.id);
      const tparams = model.parameters(target).filter((q) => !q.receiver);
      const k = typeof p.arg === 'number' ? p.arg : tparams.findIndex((q) => q.name === p.arg);
      if (k >= 0 && theirs?.has(k)) { mine.add(p.index); changed = true; }
    }
  }
  return out;
}

/** The function reads the framework's request global (`flask.request`, `pecan.request`). */
function readsRequestGlobal(model: PythonModel, fn: SyntaxNode): boolean {
  const body = fn.childForFieldName('body');
  return !!body && descendantsOfType(body, 'attribute').some((a) => /^(flask|pecan)\.request$/.test(model.qualifiedName(a) ?? ''));
}

/** A method the router can dispatch to: public, bound to the instance, not a property. */
function dispatchable(model: PythonModel, fn: SyntaxNode, name: string): boolean {
  if (name.startsWith('_')) return false;
  return !model.decorators(fn).some((d) => NOT_HANDLER_DECORATORS.test((d.type === 'call' ? callee(d) : d)?.text.replace(/\s+/g, '') ?? ''));
}

/** `seeds` and every name assigned from an expression that mentions one (`user = self.api.get(ctx, user_id)`). */
function lookedUp(body: SyntaxNode, seeds: Set<string>): Set<string> {
  const names = new Set(seeds);
  const assignments = descendantsOfType(body, 'assignment');
  for (let changed = true; changed;) {
    changed = false;
    for (const a of assignments) {
      if (!mentionsName(a.childForFieldName('right'), names)) continue;
      for (const t of targetNames(a.childForFieldName('left'))) if (!names.has(t)) { names.add(t); changed = true; }
    }
  }
  return names;
}

function receiverOf(call: SyntaxNode): SyntaxNode[] {
  const fn = callee(call);
  const obj = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  return obj ? [obj] : [];
}

function inRaise(call: SyntaxNode, body: SyntaxNode): boolean {
  for (let n: SyntaxNode | null = call.parent; n && n.id !== body.id; n = n.parent) if (n.type === 'raise_statement') return true;
  return false;
}

/** The first line of the handler's first statement after its docstring (`if tenant_id is None:` of a compound one). */
function firstStatement(fn: SyntaxNode): SyntaxNode {
  const body = fn.childForFieldName('body')!;
  const stmts = body.namedChildren.filter((n): n is SyntaxNode => n !== null && n.type !== 'comment');
  const doc = stmts[0]?.type === 'expression_statement' && stmts[0].namedChild(0)?.type === 'string';
  let n = stmts[doc ? 1 : 0] ?? stmts[0] ?? body;
  while (n.endPosition.row > n.startPosition.row && n.childCount > 0) n = n.child(0)!;
  return n;
}

/** `self.m(...)` / `m(...)` naming a sibling of the population. */
function siblingCallee(call: SyntaxNode, siblings: ReadonlySet<string>): string | null {
  const fn = callee(call);
  const name = fn?.type === 'identifier' ? fn.text
    : fn?.type === 'attribute' && /^(self|cls)$/.test(fn.childForFieldName('object')?.text ?? '') ? fn.childForFieldName('attribute')?.text ?? null : null;
  return name && siblings.has(name) ? name : null;
}

/** What `fn` does before it acts, and where it acts; null when it never completes normally nor changes anything. */
function handlerOf(model: PythonModel, facts: FileAuthorization, fn: SyntaxNode, name: string, siblings: ReadonlySet<string>): Handler | null {
  const body = fn.childForFieldName('body');
  if (!body) return null;
  const params = model.parameters(fn).filter((p) => !p.receiver).map((p) => p.name);
  const named = lookedUp(body, new Set(params));
  const calls = callsIn(body).filter((c) => model.loggingCall(c) === null && !inRaise(c, body));
  const touches = (c: SyntaxNode): boolean => argumentValues(c).concat(receiverOf(c)).some((a) => mentionsName(a, named));
  const change = calls.find((c) => isStateChange(c, model) && touches(c)) ?? null;
  const cfg = model.cfg(fn);
  const exitReached = cfg.exit.pred.length > 0;
  // A handler that only refuses (`raise exc.HTTPNotImplemented()`) has nothing to authorise.
  if (!change && !exitReached) return null;
  const at = change ?? calls.find((c) => facts.checkAt(c) === null && touches(c)) ?? calls.find((c) => facts.checkAt(c) === null);
  if (!at) return null;
  const decorated = facts.decoratorChecks(fn).map((c) => c.key);
  const checks = [...decorated];
  const delegations: Handler['delegations'] = [];
  const guards: Guard[] = [];
  const targets = change ? cfg.nodesAt(change) : [cfg.exit];
  // A check in a loop over the items (`for v in volumes: self._validate(ctx, v)`) counts when the loop comes first:
  // it has run for every item before the change.
  const guardNodes = (node: SyntaxNode): CfgNode[] => {
    const loop = cfg.innermostLoop(node);
    return cfg.nodesAt(loop && !(change && loop.startIndex <= change.startIndex && change.endIndex <= loop.endIndex) ? loop : node);
  };
  const limit = change?.startIndex ?? Infinity;
  let firstCheck: SyntaxNode | null = null;
  for (const c of callsIn(body)) {
    if (c.startIndex > limit) break;
    const check = facts.checkAt(c);
    const sibling = check ? null : siblingCallee(c, siblings);
    if (check) { checks.push(check.key); firstCheck ??= c; }
    if (sibling && sibling !== name) delegations.push({ name: sibling, call: c });
    if (check || (sibling && sibling !== name)) guards.push({ key: check?.key ?? null, delegate: sibling, nodes: guardNodes(c) });
  }
  // On every path, not one dominating statement: `if name: return self.get_by_name(...)` then `self.assert_admin(…)`
  // checks both ways.
  const covered = (count: (g: Guard) => boolean): boolean => {
    if (decorated.length > 0) return true;
    const avoiding = new Set(guards.filter(count).flatMap((g) => g.nodes));
    return avoiding.size > 0 && targets.length > 0 && targets.every((t) => !cfg.reachable(cfg.entry, t, { avoiding }));
  };
  return { fn, name, at, change, checks, delegations, firstCheck, covered };
}

/**
 * The handler is scoped by its caller's identity: a lookup or change keyed by it (`project_id=context.project_id`,
 * `project_only=True`), or a comparison with an owner field. An exception built on the way out (`raise
 * TenantNotFound(tenant_id=tenant_id)`) names an id, it scopes nothing.
 */
function ownerScoped(h: Handler): boolean {
  const body = h.fn.childForFieldName('body')!;
  const identity = (n: SyntaxNode | null): boolean => !!n && descendantsOfType(n, 'attribute').concat(n.type === 'attribute' ? [n] : [])
    .some((a) => { const attr = a.childForFieldName('attribute')?.text ?? ''; return CONTEXT_PROJECT_ATTRIBUTES.has(attr) || OWNER_FIELDS.has(attr); });
  const scopes = (k: SyntaxNode): boolean => {
    const key = k.childForFieldName('name')?.text ?? '';
    return SCOPING_KEYWORDS.includes(key) || (OWNER_FIELDS.has(key) && identity(k.childForFieldName('value')));
  };
  if (callsIn(body).some((c) => !inRaise(c, body) && descendantsOfType(c, 'keyword_argument').some(scopes))) return true;
  return descendantsOfType(body, 'comparison_operator').some(identity);
}

/** Names of siblings `callers` call from their bodies. */
function calledBy(callers: Handler[], siblings: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const h of callers) for (const c of callsIn(h.fn.childForFieldName('body')!)) { const n = siblingCallee(c, siblings); if (n && n !== h.name) out.add(n); }
  return out;
}

/** How the followers authorise, most common first: `self.assert_admin` in 9, or the sibling they delegate to. */
function checkSummary(hs: Handler[]): string {
  const counts = new Map<string, number>();
  for (const h of hs) for (const k of new Set(h.checks.length > 0 ? h.checks : h.delegations.map((d) => `self.${d.name}`))) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3).map(([k, c]) => `\`${k}\` in ${c}`).join(', ');
}

/**
 * The handlers of one population (the functions a router can dispatch to that receive the request), and the other
 * methods of the class: a handler may authorise through a private sibling (`delete` → `self._delete(context, id)`,
 * which checks before it deletes).
 */
function handlersOf(model: PythonModel, facts: FileAuthorization, fns: SyntaxNode[], requests: Map<number, Set<number>>): { handlers: Handler[]; helpers: Handler[] } {
  const named = fns.map((fn) => ({ fn, name: fn.childForFieldName('name')?.text ?? '' })).filter((f) => !/^__\w+__$/.test(f.name));
  const dispatched = named.filter((f) => dispatchable(model, f.fn, f.name));
  // The request parameter, learnt from the siblings that read it or pass it to their check: position and name
  // (`context` at 1 in keystone's V2 controllers, which pass it to `self.assert_admin`). A sibling that takes the same
  // parameter is dispatched the same way, whether or not it reads or checks it.
  const signature = (fn: SyntaxNode, i: number): string => `${i}:${model.parameters(fn).filter((p) => !p.receiver)[i]?.name ?? ''}`;
  const learnt = new Set<string>();
  for (const f of dispatched) for (const i of requests.get(f.fn.id) ?? []) learnt.add(signature(f.fn, i));
  const isHandler = (fn: SyntaxNode): boolean => readsRequestGlobal(model, fn)
    || model.parameters(fn).filter((p) => !p.receiver).some((_, i) => learnt.has(signature(fn, i)));
  const siblings = new Set(named.map((f) => f.name));
  const handlers: Handler[] = [];
  const helpers: Handler[] = [];
  for (const f of named) {
    const handler = dispatchable(model, f.fn, f.name) && isHandler(f.fn);
    const h = handlerOf(model, facts, f.fn, f.name, siblings);
    if (h) (handler ? handlers : helpers).push(h);
  }
  return { handlers, helpers };
}

export default defineRule({
  meta: {
    id: 'authorization-convention-deviant',
    cwe: 862,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      deviant: {
        text: '{followers} of {total} public request-handling {kind} of `{population}` authorise before they act ({checks}); `{fn}` (line {defLine}) does not: it reaches `{at}` at line {atLine} with no check on every path',
        fix: 'Authorise in `{fn}` as its siblings do (e.g. {example}) before `{at}`, or scope the operation to the caller\'s project',
      },
    },
    docs: {
      summary: 'A method that skips the authorisation its siblings perform before the same kind of operation',
      why: 'Class: missing authorization (CWE-862), found as deviant behaviour (Engler et al., "Bugs as Deviant Behavior", SOSP 2001; OWASP Top 10 A01 Broken Access Control). When nearly every public request handler of a controller authorises before it acts — a policy check (`context.can`, `policy.enforce`, `ENFORCER.enforce_call`, keystone V2\'s `self.assert_admin(context)`), a check function of the project (recognised because it refuses and changes nothing), or a call to a sibling that does — the one handler that does not is usually an omission: any authenticated caller can read or change through it what the others reserve. Real cases: keystone OSSA-2012-015 (CVE-2012-4456: `RoleController.get_user_roles` lacked the `assert_admin` its 9 siblings have), keystone OSSA-2012-013 (CVE-2012-3542: `UserController.update_user_tenant` added the user to a tenant before reaching the checking `update_user`), heat OSSA-2013-034 (CVE-2013-6426: the CFN `StackController.create`/`update` lacked the `_enforce` of 10 of its 13 handlers). The population is the class\'s own public handlers, reads included: methods that receive the request — they read its `environ`/`params`/`context`, pass it to a check that takes the request or to a sibling that reads it, or take the same parameter, at the same position, as the siblings that do (keystone V2 handlers get the context dict the router built). A check counts when it runs before the handler\'s first state change on what the caller named, or on every path to its normal exit for a handler that changes nothing; a delegation to a sibling (private helpers included) that authorises counts the same way, so a handler that changes state and only then delegates is a deviant. A statistical threshold decides (one-sided z ≥ 1.645 against p0 = 0.5, i.e. 95% confidence, and at least 5 followers: 6 of 7, 7 of 8, 8 of 10, 10 of 13 …), not a list of check names. Not judged: private helpers, properties, static and class methods, constructors; handlers a checking sibling calls; handlers scoped by the caller\'s identity (`project_id=context.project_id`, an owner comparison) or that refuse by themselves (`raise Unauthorized()`); a handler whose first operation the followers themselves perform before their check (cinder\'s `show` returning `self._get(context, id)`, which its siblings call before `context.authorize(…, target_obj=group)`); a handler another deviant calls (the finding is at the caller); and classes whose methods do not receive a request (an internal API, whose callers in other files may authorise). The finding is at the handler\'s first statement, where its siblings check.',
      example: 'class ShelfController(object):\n    def create(self, req, body):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:create")\n        return self.api.create_shelf(ctx, body)\n\n    def update(self, req, shelf_id, body):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:update")\n        self.api.update_shelf(ctx, shelf_id, body)\n\n    def delete(self, req, shelf_id):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:delete")\n        self.api.delete_shelf(ctx, shelf_id)\n\n    def lock(self, req, shelf_id):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:lock")\n        self.api.lock_shelf(ctx, shelf_id)\n\n    def unlock(self, req, shelf_id):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:unlock")\n        self.api.unlock_shelf(ctx, shelf_id)\n\n    def rename(self, req, shelf_id, body):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:rename")\n        self.api.rename_shelf(ctx, shelf_id, body)\n\n    def resize(self, req, shelf_id, body):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:resize")\n        self.api.resize_shelf(ctx, shelf_id, body)\n\n    def purge(self, req, shelf_id):\n        ctx = req.environ["ctx"]\n        self.api.purge_shelf(ctx, shelf_id)\n',
      useInstead: 'class ShelfController(object):\n    def create(self, req, body):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:create")\n        return self.api.create_shelf(ctx, body)\n\n    def update(self, req, shelf_id, body):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:update")\n        self.api.update_shelf(ctx, shelf_id, body)\n\n    def delete(self, req, shelf_id):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:delete")\n        self.api.delete_shelf(ctx, shelf_id)\n\n    def lock(self, req, shelf_id):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:lock")\n        self.api.lock_shelf(ctx, shelf_id)\n\n    def unlock(self, req, shelf_id):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:unlock")\n        self.api.unlock_shelf(ctx, shelf_id)\n\n    def rename(self, req, shelf_id, body):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:rename")\n        self.api.rename_shelf(ctx, shelf_id, body)\n\n    def resize(self, req, shelf_id, body):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:resize")\n        self.api.resize_shelf(ctx, shelf_id, body)\n\n    def purge(self, req, shelf_id):\n        ctx = req.environ["ctx"]\n        ctx.can("shelf:purge")\n        self.api.purge_shelf(ctx, shelf_id)\n',
      fix: 'Add the missing policy check (with the resource\'s owner as target) at the top of the method, as its siblings do; if the method is only an internal step, make it private or have it called only by checked methods.',
      references: ['https://cwe.mitre.org/data/definitions/862.html', 'https://web.stanford.edu/~engler/deviant-sosp-01.pdf', 'https://docs.openstack.org/oslo.policy/latest/user/usage.html', 'https://owasp.org/Top10/A01_2021-Broken_Access_Control/'],
    },
  },
  create(ctx) {
    return {
      module() {
        // A file with no check at all holds no authorisation convention.
        if (!mayAuthorize(ctx.model) || ctx.model.isTestSupport()) return;
        const facts = fileAuthorization(ctx.model);
        const requests = requestParameterPositions(ctx.model);
        // Populations: the methods of each class, and the module's own functions. Pluggable: the project index can
        // pass a wider population through inferConventions the same way.
        const groups = new Map<number, { name: string; kind: string; fns: SyntaxNode[] }>();
        for (const fn of ctx.model.functions()) {
          const cls = ctx.model.enclosingClass(fn);
          const parent = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
          if (!cls && parent?.type !== 'module') continue;
          const key = cls ? cls.id : -1;
          const g = groups.get(key) ?? { name: cls ? cls.childForFieldName('name')?.text ?? '' : ctx.model.path.split('/').pop() ?? '', kind: cls ? 'methods' : 'functions', fns: [] };
          g.fns.push(fn);
          groups.set(key, g);
        }
        for (const g of groups.values()) {
          const { handlers: all, helpers } = handlersOf(ctx.model, facts, g.fns, requests);
          if (all.length === 0) continue;
          // A handler authorises by its own check, or by delegating, before it acts, to a sibling that does.
          const every = all.concat(helpers);
          const followers = new Set(every.filter((h) => h.covered((g) => g.key !== null)).map((h) => h.name));
          for (let changed = true; changed;) {
            changed = false;
            for (const h of every) {
              if (followers.has(h.name) || !h.covered((g) => g.key !== null || (g.delegate !== null && followers.has(g.delegate)))) continue;
              followers.add(h.name);
              changed = true;
            }
          }
          const follows = (h: Handler): boolean => followers.has(h.name);
          // Sites that need no check of their own leave the population before counting: handlers scoped by an
          // owner, and handlers a sibling calls — a step of their callers, which are judged instead (a checking
          // caller checks for it; an unchecked one is the deviant to report: heat's `create` → `create_or_update`).
          const siblings = new Set(every.map((h) => h.name));
          const viaCaller = calledBy(every, siblings);
          // A handler that refuses by itself (`raise exception.Unauthorized()` when the token in its context is not
          // found) makes its own access decision.
          const handlers = all.filter((h) => follows(h) || !(ownerScoped(h) || viaCaller.has(h.name) || raisesRefusal(h.fn.childForFieldName('body')!)));
          const population: Population<Handler> = {
            name: g.name,
            sites: handlers.map((h): Site<Handler> => ({ label: h.name, features: new Set(follows(h) ? [AUTHORISED] : []), data: h })),
          };
          for (const conv of inferConventions(population)) {
            const followed = conv.followers.map((s) => s.data);
            const deviants = conv.deviants.map((s) => s.data);
            const summary = checkSummary(followed);
            // What the followers do before their own check (`group = self._get(context, id)`, then `context.authorize(…,
            // target_obj=group)`) the class holds safe to do unchecked: a deviant that acts only that way (`show`
            // returning `self._get(context, id)`) breaks no belief of its siblings.
            const uncheckedOps = new Set<string>();
            for (const f of followed) {
              if (!f.firstCheck) continue;
              for (const c of callsIn(f.fn.childForFieldName('body')!)) if (c.startIndex < f.firstCheck.startIndex) uncheckedOps.add(calleeText(c));
            }
            for (const h of deviants) {
              if (uncheckedOps.has(calleeText(h.at))) continue;
              const example = followed.find((f) => f.checks.length > 0) ?? followed[0]!;
              ctx.report({
                // Where the siblings check: at the top of the handler.
                node: firstStatement(h.fn),
                messageId: 'deviant',
                data: {
                  followers: conv.followers.length, total: population.sites.length, kind: g.kind, population: g.name, checks: summary,
                  fn: h.name, defLine: line(h.fn), at: brief(h.at, 50), atLine: line(h.at), example: summary.split(' in ')[0] ?? '',
                },
                evidence: [
                  ...followed.slice(0, 3).map((f) => ({ node: f.at, message: `\`${f.name}\` authorises (${f.checks[0] ?? `through \`self.${f.delegations[0]?.name}\``}) before \`${brief(f.at, 40)}\`` })),
                  { node: example.fn.childForFieldName('name') ?? example.fn, message: `e.g. \`${example.name}\` calls \`${example.checks[0] ?? `self.${example.delegations[0]?.name}`}\`` },
                  { node: h.fn.childForFieldName('name') ?? h.fn, message: `\`${h.name}\` reaches \`${brief(h.at, 40)}\` with no check on every path` },
                ],
              });
            }
          }
        }
      },
    };
  },
});
