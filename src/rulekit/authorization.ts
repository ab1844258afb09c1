// What authorises and what changes state, in one Python file: the model's policy calls (models/python/openstack/
// policy.ts), the WSGI authorize callback, authorising decorators, and the file's own check functions — learnt from
// their bodies (they call a known check or raise a refusal), not from their names. Syntax and model queries only;
// checks defined in other files are the project index's job.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { allFunctions, decorators } from '../languages/python/dataflow/functions.js';
import { conventionalLoggingCall } from '../languages/python/logging.js';
import { callee, calleeName, descendantsOfType, enclosingFunction, keywordArg, stringValue } from '../languages/python/syntax.js';
import type { PythonModel } from '../languages/python/model.js';
import {
  type AuthorizationCall, AUTHORIZATION_CALLS, AUTHORIZING_DECORATORS, POLICY_OBJECT_CLASS, READ_WORDS, AUTHZ_FAILURE_EXCEPTION, CONTAINER_METHODS, ENVIRON_AUTHORIZE_KEY,
  HTTP_VERB_METHODS, MUTATION_VERBS,
} from '../models/python/openstack/index.js';
import { callsIn, receiver } from './openstack.js';

/** One place where a function authorises: a call in its body or a decorator on it. */
export interface AuthCheck {
  node: SyntaxNode;
  /** How the check is written, for messages and for grouping sites by check (`context.can`, `self._check_owner`). */
  key: string;
  /** True when the check is a function of this file recognised from its body, not a library call. */
  learnt: boolean;
}

/** `a.b.c(...)` → `a.b.c`, bounded; the callee as written without arguments. */
function calleeKey(call: SyntaxNode): string {
  const text = (callee(call)?.text ?? '').replace(/\s+/g, '');
  return text.length > 50 ? `${text.slice(0, 47)}...` : text;
}

/** A library authorisation call (`context.can`, `policy.enforce`, `req.environ['swift.authorize'](req)`). */
export function isKnownAuthorizationCall(call: SyntaxNode): boolean {
  return knownAuthorizationCall(call) !== null;
}

/** The model entry of a library check `call` makes: `{ method: 'enforce', … }`; a policy-object or environ check
 * without an entry is `{ method }`. Null when `call` is no library check. */
export function knownAuthorizationCall(call: SyntaxNode): AuthorizationCall | null {
  const entry = matchAuthorizationCall(call);
  return entry === true ? { method: calleeName(call) ?? '' } : entry || null;
}

function matchAuthorizationCall(call: SyntaxNode): AuthorizationCall | boolean | undefined {
  const fn = callee(call);
  // `api_policy.ImageAPIPolicy(ctx, image, enforcer).get_image()`: a method of a policy object.
  const policyObject = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  if (policyObject?.type === 'call' && POLICY_OBJECT_CLASS.test(calleeName(policyObject) ?? '')) return true;
  if (policyObject?.type === 'identifier' && boundToPolicyObject(policyObject)) return true;
  // The callback a middleware installed takes the request itself.
  if (fn?.type === 'subscript') return ENVIRON_AUTHORIZE_KEY.test(stringValue(fn.childForFieldName('subscript')) ?? '') && { method: 'authorize', requestArgument: 0 };
  const method = calleeName(call);
  if (!method) return false;
  const obj = receiver(call)?.text ?? '';
  return AUTHORIZATION_CALLS.find((a) => a.method === method && (!a.receiver || a.receiver.test(obj)));
}

/** `fatal=False` / `do_raise=False`: the check only answers a question, the caller decides what to do with it. */
export function isQuestion(call: SyntaxNode): boolean {
  return ['fatal', 'do_raise'].some((k) => keywordArg(call, k)?.type === 'false');
}

/** `api_pol = policy.ImageAPIPolicy(...)` earlier in the same function binds `obj`'s name to a policy object. */
function boundToPolicyObject(obj: SyntaxNode): boolean {
  const body = enclosingFunction(obj)?.childForFieldName('body');
  if (!body) return false;
  return policyObjectBindings(body).some((a) => a.startIndex < obj.startIndex && a.childForFieldName('left')?.text === obj.text);
}

/** The assignments of a function body that bind a policy object, found once per body (asked for each method call). */
const policyBindings = new WeakMap<SyntaxNode, SyntaxNode[]>();
function policyObjectBindings(body: SyntaxNode): SyntaxNode[] {
  let found = policyBindings.get(body);
  if (!found) {
    found = descendantsOfType(body, 'assignment').filter((a) =>
      a.childForFieldName('right')?.type === 'call' && POLICY_OBJECT_CLASS.test(calleeName(a.childForFieldName('right')!) ?? ''));
    policyBindings.set(body, found);
  }
  return found;
}

/** `req` is the WSGI request in its function: its `environ`/`headers` are read there. */
function isRequestObject(name: SyntaxNode): boolean {
  const body = enclosingFunction(name)?.childForFieldName('body');
  if (!body) return false;
  return descendantsOfType(body, 'attribute').some((a) => a.childForFieldName('object')?.text === name.text && /^(environ|headers)$/.test(a.childForFieldName('attribute')?.text ?? ''));
}

/** `return expr` with a value other than None somewhere in `body` (nested functions excluded). */
function returnsValue(body: SyntaxNode): boolean {
  return descendantsOfType(body, 'return_statement').some((r) => { const v = r.namedChild(0); return v !== null && v.type !== 'none'; });
}

/** `image.locations = v` / `obj['x'] = v`: the function changes an object it was given or holds. */
function assignsAttributes(body: SyntaxNode): boolean {
  return descendantsOfType(body, ASSIGNMENTS).some((a) => { const t = a.childForFieldName('left')?.type; return t === 'attribute' || t === 'subscript'; });
}
const ASSIGNMENTS: ReadonlySet<string> = new Set(['assignment', 'augmented_assignment']);

/** The name a call reaches in this file: plain calls and calls on self/cls; null for calls on other objects. */
function localCallee(call: SyntaxNode): string | null {
  const fn = callee(call);
  if (fn?.type === 'identifier') return fn.text;
  if (fn?.type === 'attribute' && /^(self|cls)$/.test(fn.childForFieldName('object')?.text ?? '')) return fn.childForFieldName('attribute')?.text ?? null;
  return null;
}

/** The exception class a `raise` statement raises, last dotted segment (`exc.HTTPForbidden(...)` → HTTPForbidden). */
function raisedClass(raise: SyntaxNode): string | null {
  let e = raise.namedChild(0);
  if (e?.type === 'call') e = callee(e);
  if (!e) return null;
  if (e.type === 'identifier') return e.text;
  if (e.type === 'attribute') return e.childForFieldName('attribute')?.text ?? null;
  return null;
}

/** `body` (nested functions excluded) raises a refusal itself (`raise exception.Unauthorized()`). */
export function raisesRefusal(body: SyntaxNode): boolean {
  return descendantsOfType(body, 'raise_statement').some((r) => AUTHZ_FAILURE_EXCEPTION.test(raisedClass(r) ?? ''));
}

/** Facts about one file's authorisation functions, computed once per model. */
export class FileAuthorization {
  /** Names of this file's functions (and decorators) that authorise: their body checks or refuses. */
  readonly checkFunctions = new Set<string>();

  constructor(readonly model: PythonModel) {
    const fns = allFunctions(model.root);
    // A function authorises when any code under it (nested wrappers of decorators included) calls a known check,
    // raises a refusal, or calls a function already found to authorise. Iterated to a fixed point over the file.
    const byName = new Map<string, SyntaxNode[]>();
    for (const f of fns) {
      const name = f.childForFieldName('name')?.text;
      if (name) byName.set(name, [...(byName.get(name) ?? []), f]);
    }
    // A check asks and refuses: it raises a refusal (or makes a fatal known check, or calls another check as a
    // statement), changes nothing and returns no value. A function that also writes or returns data is an operation
    // that sometimes refuses, not a check its callers can be judged by. Each function is summarised once; the fixed
    // point then runs over the summaries (the names of this file's functions it calls as statements).
    interface Summary { operation: boolean; refuses: boolean; statementCalls: string[] }
    const summarise = (f: SyntaxNode): Summary => {
      const out: Summary = { operation: false, refuses: false, statementCalls: [] };
      for (const g of [f, ...allFunctions(f).filter((n) => n.id !== f.id)]) {
        const body = g.childForFieldName('body');
        if (!body) continue;
        const calls = callsIn(body);
        if (g.id === f.id && (calls.some((c) => isStateChange(c, model)) || returnsValue(body) || assignsAttributes(body))) { out.operation = true; return out; }
        for (const c of calls) {
          if (isKnownAuthorizationCall(c) && !isQuestion(c)) out.refuses = true;
          const n = localCallee(c);
          if (n && byName.has(n) && c.parent?.type === 'expression_statement') out.statementCalls.push(n);
        }
        for (const r of descendantsOfType(body, 'raise_statement')) if (AUTHZ_FAILURE_EXCEPTION.test(raisedClass(r) ?? '')) out.refuses = true;
      }
      return out;
    };
    // Only files that refuse somewhere or call a library check can hold a check function.
    if (!mayAuthorize(model)) return;
    const summaries = new Map<string, Summary[]>();
    for (const [name, defs] of byName) summaries.set(name, defs.map(summarise));
    const authorises = (x: Summary): boolean => !x.operation && (x.refuses || x.statementCalls.some((n) => this.checkFunctions.has(n)));
    for (let changed = true; changed;) {
      changed = false;
      for (const [name, list] of summaries) {
        if (this.checkFunctions.has(name)) continue;
        if (list.some(authorises)) { this.checkFunctions.add(name); changed = true; }
      }
    }
  }

  /** The check `call` performs, or null: a known library check, or a call to one of this file's check functions. */
  checkAt(call: SyntaxNode): AuthCheck | null {
    if (isKnownAuthorizationCall(call)) return isQuestion(call) ? null : { node: call, key: calleeKey(call), learnt: false };
    const name = localCallee(call);
    if (name && this.checkFunctions.has(name)) return { node: call, key: calleeKey(call), learnt: true };
    return null;
  }

  /** Decorators of `fn` that authorise before its body runs (`@policy.enforce(...)`, a decorator of this file that checks). */
  decoratorChecks(fn: SyntaxNode): AuthCheck[] {
    const out: AuthCheck[] = [];
    for (const d of decorators(fn)) {
      const target = d.type === 'call' ? callee(d) : d;
      const name = target?.type === 'attribute' ? target.childForFieldName('attribute')?.text : target?.text;
      if (!name) continue;
      if (AUTHORIZING_DECORATORS.has(name)) out.push({ node: d, key: `@${(target?.text ?? name).replace(/\s+/g, '')}`, learnt: false });
      else if (target?.type === 'identifier' && this.checkFunctions.has(name)) out.push({ node: d, key: `@${name}`, learnt: true });
    }
    return out;
  }

  /** Checks in `fn`'s own body (nested functions excluded), in source order. */
  bodyChecks(fn: SyntaxNode): AuthCheck[] {
    const body = fn.childForFieldName('body');
    if (!body) return [];
    return callsIn(body).map((c) => this.checkAt(c)).filter((c): c is AuthCheck => c !== null);
  }
}

/**
 * Cheap gate on the source text: a file without any of these words can neither call a library check nor raise a
 * refusal, so it holds no authorisation to analyse (most files of a tree). Over-approximate on purpose.
 */
const AUTHZ_WORDS = /Forbidden|NotAuthorized|Unauthorized|AccessDenied|AdminRequired|authorize|enforce|\.can\(|APIPolicy|assert_admin/;
const gate = new WeakMap<PythonModel, boolean>();
export function mayAuthorize(model: PythonModel): boolean {
  let v = gate.get(model);
  if (v === undefined) { v = AUTHZ_WORDS.test(model.source); gate.set(model, v); }
  return v;
}

const perModel = new WeakMap<PythonModel, FileAuthorization>();
export function fileAuthorization(model: PythonModel): FileAuthorization {
  let facts = perModel.get(model);
  if (!facts) { facts = new FileAuthorization(model); perModel.set(model, facts); }
  return facts;
}

/**
 * True when `call` changes persistent state by the model's verbs (`volume_api.delete(ctx, v)`, `obj.save()`,
 * `self.COPY(req)`); local container edits (`items.append`, `headers.update`) and logging do not count.
 */
export function isStateChange(call: SyntaxNode, model?: PythonModel): boolean {
  // The name decides first: asking the logging model (the receiver's origin) of every call costs more, and a log
  // call's method (`info`, `warning`) is no mutation verb anyway.
  if (!changesStateByName(call)) return false;
  // Without the model (callers written before it was passed) the logging model's naming convention decides.
  return !(model ? model.loggingCall(call) : conventionalLoggingCall(call));
}

function changesStateByName(call: SyntaxNode): boolean {
  const fn = callee(call);
  const name = calleeName(call);
  if (!name || fn?.type !== 'attribute') return false;
  if (HTTP_VERB_METHODS.has(name)) return true;
  // The class's own helpers (`self._set_links(ref)`) are judged by what they call, not by their names.
  const obj = fn.childForFieldName('object');
  if (/^(self|cls)$/.test(obj?.text ?? '') || isKnownAuthorizationCall(call)) return false;
  // `AuthInfo.create(auth=…)`: a factory on a class builds a value, it stores nothing.
  if (name === 'create' && /^[A-Z]/.test((obj?.type === 'attribute' ? obj.childForFieldName('attribute')?.text : obj?.text) ?? '')) return false;
  // `request.set_user_headers(...)`: the WSGI request being handled is the function's own data.
  if (obj?.type === 'identifier' && isRequestObject(obj)) return false;
  const bare = name.replace(/^_+/, '');
  const words = bare.split('_');
  const verb = words[0]!;
  if (!MUTATION_VERBS.has(verb) || words.some((w) => READ_WORDS.has(w))) return false;
  // A one-word method that is also a builtin container/file method changes local data only.
  if (!bare.includes('_') && CONTAINER_METHODS.has(bare)) return false;
  return true;
}
