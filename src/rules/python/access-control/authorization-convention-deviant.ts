// CWE-862 by inferred convention: among the methods of a class (or the functions of a module) that change a resource
// named by their caller, most authorise first; the ones that do not are reported with the majority as evidence.
// Which check is expected is learnt from the siblings, not listed. Not judged: private helpers, methods a checking
// sibling calls (the caller checks), and operations scoped by the caller's own project.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { calleeName, callee, descendantsOfType, mentionsName, targetNames } from '../../../languages/python/syntax.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { inferConventions, type Population, type Site } from '../../../analysis/conventions/deviance.js';
import { CONTEXT_NAMES, OWNER_FIELDS } from '../../../models/python/openstack/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { fileAuthorization, isStateChange, mayAuthorize, type FileAuthorization } from '../../../rulekit/authorization.js';
import { argumentValues, brief, callsIn, line } from '../../../rulekit/openstack.js';

const AUTHORISED = 'authorises before changing the resource';

interface Operation {
  fn: SyntaxNode;
  name: string;
  /** The first state change on a value the caller named. */
  change: SyntaxNode;
  /** How the checks dominating the change are written (empty for a deviant). */
  checks: string[];
}

/** `req`/`request`: the WSGI request of the handler, whose `environ`/`headers` it reads. */
function requestParameters(body: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const a of descendantsOfType(body, 'attribute')) {
    const obj = a.childForFieldName('object');
    if (obj?.type === 'identifier' && /^(environ|headers|context)$/.test(a.childForFieldName('attribute')?.text ?? '')) out.add(obj.text);
  }
  return out;
}

/** The operation `fn` performs on something its caller named, and the checks that dominate it; null when none. */
function operationOf(model: PythonModel, facts: FileAuthorization, fn: SyntaxNode): Operation | null {
  const name = fn.childForFieldName('name')?.text ?? '';
  const body = fn.childForFieldName('body');
  if (!body || name.startsWith('_')) return null;
  const params = model.parameters(fn);
  const requests = requestParameters(body);
  // Values the caller chose: parameters other than the receiver, the security context and the request itself,
  // and what the function derives from them (`instance = self._get(ctx, id)`).
  const seeds = params.filter((p, i) => !(i === 0 && model.enclosingClass(fn)) && !CONTEXT_NAMES.test(p.name) && !requests.has(p.name)).map((p) => p.name);
  if (seeds.length === 0) return null;
  const named = lookedUp(body, new Set(seeds));
  const change = callsIn(body).find((c) => isStateChange(c, model) && argumentValues(c).concat(receiverOf(c)).some((a) => mentionsName(a, named)));
  if (!change) return null;
  const checks = facts.decoratorChecks(fn).map((c) => c.key);
  const bodyChecks = facts.bodyChecks(fn).filter((c) => c.node.startIndex < change.startIndex);
  // No check before the change in source order: none can dominate it, and no graph is built.
  if (bodyChecks.length === 0 || checks.length > 0) return { fn, name, change, checks };
  const cfg = model.cfg(fn);
  const at = cfg.nodesAt(change);
  for (const c of bodyChecks) {
    // A check in a loop over the items (`for v in volumes: self._validate(ctx, v)`) counts when the loop comes
    // first: it has run for every item before the change.
    const loop = cfg.innermostLoop(c.node);
    const nodes = cfg.nodesAt(loop && !(loop.startIndex <= change.startIndex && change.endIndex <= loop.endIndex) ? loop : c.node);
    if (nodes.length > 0 && at.length > 0 && at.every((n) => nodes.some((k) => cfg.dominates(k, n)))) checks.push(c.key);
  }
  return { fn, name, change, checks };
}

/**
 * `seeds` and every name assigned from an expression that mentions one (`shelf = self.api.get(ctx, shelf_id)`):
 * the resource looked up by what the caller named. Iterated to a fixed point over the function's assignments.
 */
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

/** The operation is scoped by an owner: `project_id=context.project_id`, or it compares an owner field. */
function ownerScoped(op: Operation): boolean {
  const body = op.fn.childForFieldName('body')!;
  const ownerAttr = (n: SyntaxNode): boolean => descendantsOfType(n, 'attribute').concat(n.type === 'attribute' ? [n] : [])
    .some((a) => OWNER_FIELDS.has(a.childForFieldName('attribute')?.text ?? ''));
  if (callsIn(body).some((c) => descendantsOfType(c, 'keyword_argument').some((k) => OWNER_FIELDS.has(k.childForFieldName('name')?.text ?? '')))) return true;
  return descendantsOfType(body, 'comparison_operator').some(ownerAttr);
}

/**
 * The function handles an HTTP request itself: it reads a request parameter's `environ`/`context`/`headers`/
 * `params`/`body`, or the framework's request global (`flask.request`, `pecan.request`).
 */
function handlesRequest(model: PythonModel, fn: SyntaxNode): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return false;
  const params = new Set(model.parameters(fn).map((p) => p.name));
  for (const a of descendantsOfType(body, 'attribute')) {
    const obj = a.childForFieldName('object');
    if (obj?.type === 'identifier' && params.has(obj.text) && /^(environ|context|headers|params|body|json_body|GET|POST)$/.test(a.childForFieldName('attribute')?.text ?? '')) return true;
    if (/^(flask|pecan)\.request$/.test(model.qualifiedName(a) ?? '')) return true;
  }
  return false;
}

/** Names `self.<name>(…)` / `<name>(…)` called from the bodies of `callers`. */
function calledBy(callers: Operation[]): Set<string> {
  const out = new Set<string>();
  for (const op of callers) for (const c of callsIn(op.fn.childForFieldName('body')!)) { const n = calleeName(c); if (n) out.add(n); }
  return out;
}

/** Most common check keys among the followers, for the message: `context.can` (9), `self._check_owner` (2). */
function checkSummary(ops: Operation[]): string {
  const counts = new Map<string, number>();
  for (const op of ops) for (const k of new Set(op.checks)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3).map(([k, c]) => `\`${k}\` in ${c}`).join(', ');
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
        text: '{followers} of {total} {kind} of `{population}` that change a resource their caller names authorise first ({checks}); `{fn}` changes one with `{change}` at line {changeLine} with no check on every path to it',
        fix: 'Authorise in `{fn}` as its siblings do (e.g. {example}) before `{change}`, or scope the operation to the caller\'s project',
      },
    },
    docs: {
      summary: 'A method that skips the authorisation its siblings perform before the same kind of operation',
      why: 'Class: missing authorization (CWE-862), found as deviant behaviour (Engler et al., "Bugs as Deviant Behavior", SOSP 2001). When nearly every method of a controller or API class that updates or deletes a resource by a caller-supplied id first calls a policy check (`context.can`, `policy.enforce`, `ENFORCER.enforce_call`) or a check function of the project (recognised because it refuses and changes nothing), the one method that does not is usually an omission: any authenticated caller can change another project\'s resource through it (OWASP Top 10 A01 Broken Access Control). A statistical threshold decides (one-sided z ≥ 1.645 against p0 = 0.5, i.e. 95% confidence, and at least 5 followers: 6 of 7, 7 of 8, 8 of 10, 9 of 12 …), not a list of check names. Methods a checking sibling calls, private helpers, and operations scoped by an owner (`project_id=context.project_id`, an owner comparison) are not deviants; nor is a method that does not handle a request itself (no request `environ`/`context`/`params`, no `flask.request`), since its callers in other files may authorise for it. The population is one class or one module today; `inferConventions` takes any population, so the project index can widen it to all request handlers of a project.',
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
          const all = g.fns.map((fn) => operationOf(ctx.model, facts, fn)).filter((o): o is Operation => o !== null);
          // Sites that need no check of their own leave the population before counting: operations scoped by an
          // owner, and methods a checking sibling calls (the caller checks).
          const viaCaller = calledBy(all.filter((o) => o.checks.length > 0));
          const ops = all.filter((o) => !ownerScoped(o) && !(o.checks.length === 0 && viaCaller.has(o.name)));
          const population: Population<Operation> = {
            name: g.name,
            sites: ops.map((op): Site<Operation> => ({ label: op.name, features: new Set(op.checks.length > 0 ? [AUTHORISED] : []), data: op })),
          };
          for (const conv of inferConventions(population)) {
            const followers = conv.followers.map((s) => s.data);
            for (const d of conv.deviants) {
              const op = d.data;
              // A method that does not handle a request itself may be authorised by its callers in other files
              // (cinder's volume API behind its REST controllers); only request handlers are judged.
              if (!handlesRequest(ctx.model, op.fn)) continue;
              const summary = checkSummary(followers);
              ctx.report({
                node: op.change,
                messageId: 'deviant',
                data: {
                  followers: conv.followers.length, total: population.sites.length, kind: g.kind, population: g.name, checks: summary,
                  fn: op.name, change: brief(op.change, 50), changeLine: line(op.change), example: summary.split(' in ')[0] ?? '',
                },
                evidence: [
                  ...followers.slice(0, 3).map((f) => ({ node: f.change, message: `\`${f.name}\` authorises (${f.checks[0]}) before \`${brief(f.change, 40)}\`` })),
                  { node: op.change, message: `\`${op.name}\` reaches \`${brief(op.change, 40)}\` with no check on every path` },
                ],
              });
            }
          }
        }
      },
    };
  },
});
