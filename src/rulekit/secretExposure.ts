// Sensitive data exposure as one analysis (CWE-532/209/200): the per-file taint engine run with secrets as sources
// and the places other people read as sinks, shared by the secret-in-* rules (each reports one family of sinks).
//
// Sources, never a word in an expression's text: options declared `secret=True` (the project's, from the project
// facts, or a library's), functions of other files summarised as returning one, credential headers and the
// credential fields of the OpenStack APIs' request bodies (models/python/openstack/secrets.ts), and values the code
// itself treats as secret — a parameter, field or key it passes through `mask_password` or to an auth/connection
// API somewhere in the same module, a mapping parameter it reads a password or secret item from
// (rulekit/credentialCarriers.ts) — and URLs that carry a password: built with a value in their userinfo's password
// slot (rulekit/credentialUrl.ts), or a parsed URL's `.password`. Sinks: logging calls, the exception a `raise`
// builds, instance faults, notifications, HTTP responses. Parts are judged (keepsPart): an item of a mapping under
// another key than the one a secret was read from or stored under is not the secret. Sanitizers: the library masking helpers and project functions summarised as
// masking. Fields of a secret are not the secret (`token.user_id`), nor are `len(password)` or `password is None`.
import { bestFact } from '../analysis/taint/facts.js';
import { partsOf, selectedKeys } from '../analysis/taint/selectors.js';
import type { Sanitizer, Sink, TaintSpec } from '../analysis/taint/spec.js';
import type { ProjectView } from '../index/view.js';
import { callTarget, topLevelNames } from '../index/extract.js';
import { optionReadOf } from '../index/options.js';
import { decorators, enclosingClass, parameterNames } from '../languages/python/dataflow/functions.js';
import { taintOf } from '../languages/python/dataflow/taintFile.js';
import type { HookSink, HookSource, TaintHooks } from '../languages/python/dataflow/taintTransfer.js';
import { callInfo, matches } from '../languages/python/dataflow/taintMatch.js';
import { brief, lineOf } from '../languages/python/dataflow/taintValue.js';
import type { PythonModel } from '../languages/python/model.js';
import { callee, enclosingFunction, keywordArg, positionalArgs, stringValue, unparenthesize } from '../languages/python/syntax.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { LOG_LEVELS } from '../models/python/logging.js';
import { URL_CREDENTIAL_ATTRIBUTES, URL_PASSWORD_PARSERS } from '../models/python/urlParsing.js';
import { BUILT_CREDENTIAL_TEXT, builtCredentialKeys, carriedByItem, carriesCredential, credentialCarriers, describeCarrier, storedCredentialKey } from './credentialCarriers.js';
import { parsedForCredentials, passwordSlot } from './credentialUrl.js';
import { CARRYING_METHODS, MUTATING_METHODS, PROPAGATORS } from '../models/python/taint/propagators.js';
import {
  CREDENTIAL_ARGUMENTS, CREDENTIAL_BODY_FIELDS, CREDENTIAL_HEADERS, CREDENTIAL_PARAMETER, FAULT_RECORDERS, GENERIC_CREDENTIAL_HEADERS, isMaskingName,
  MASKED_KEY, MASKING_SUFFIXES, NOTIFIER_RECEIVER, NOTIFY_FUNCTIONS, SECRET_PROPAGATORS, NOTIFY_METHODS, RESPONSE_BUILDERS, TEXT_MASKERS,
} from '../models/python/openstack/secrets.js';

export type ExposureVariant = 'log' | 'exception' | 'notification' | 'response';

export interface SecretExposure {
  /** The sink call. */
  node: SyntaxNode;
  argument: SyntaxNode;
  variant: ExposureVariant;
  sinkName: string;
  /** What the secret is, as a finding says it (`option keystone.password declared secret at …`). */
  secret: string;
  sourceLine: number;
  evidence: Array<{ node: SyntaxNode; message: string }>;
}

const SINKS: readonly Sink[] = [
  // Every level method of a logger, as the logging model judges it (src/models/python/logging.ts).
  ...[...LOG_LEVELS].map(([method, level]): Sink => ({
    call: { method, logger: true }, kind: 'exposure', variant: 'log', messageFormat: level.messageIndex,
    args: [level.messageIndex === 0 ? { index: 0, keyword: 'msg', rest: true } : { index: level.messageIndex, rest: true }],
  })),
  ...NOTIFY_METHODS.map((method): Sink => ({ call: { method, receiver: NOTIFIER_RECEIVER }, kind: 'exposure', args: [{ index: 2, keyword: 'payload', rest: true }], variant: 'notification' })),
  ...NOTIFY_FUNCTIONS.map(({ call, payload }): Sink => ({ call, kind: 'exposure', args: [{ index: payload, keyword: 'payload' }], variant: 'notification' })),
  ...FAULT_RECORDERS.map((call): Sink => ({ call, kind: 'exposure', args: [{ index: 2, keyword: 'fault' }], variant: 'exception' })),
  ...RESPONSE_BUILDERS.flatMap(({ call, keywords, positional }): Sink[] => [
    ...(positional ? [{ call, kind: 'exposure' as const, args: [{ index: 0, rest: true }], variant: 'response' }] : []),
    ...keywords.map((keyword): Sink => ({ call, kind: 'exposure', args: [{ index: -1, keyword }], variant: 'response' })),
  ]),
];

const BASE_SPEC: TaintSpec = {
  valueSources: [], callSources: [], parameterSources: [], requestAttributes: [],
  environKeys: /$^/, environNewlineFree: /$^/,
  sinks: SINKS,
  sanitizers: [
    ...MASKING_SUFFIXES.map((suffix): Sanitizer => ({ call: { suffix }, clears: 'all', description: suffix, ...(TEXT_MASKERS.has(suffix) ? { textOnly: true as const } : {}) })),
    // A digest of a secret is not the secret (token ids are logged as hashes on purpose).
    { call: { method: 'hexdigest' }, clears: 'all', description: 'digest' }, { call: { method: 'digest' }, clears: 'all', description: 'digest' },
  ],
  // `map(str, cmd)`, `filter(None, args)`: the command line is still the command line.
  guards: [], propagators: [...PROPAGATORS, { call: { name: 'map' }, from: 'args', shape: 'unknown' }, { call: { name: 'filter' }, from: 'args', shape: 'unknown' },
    ...SECRET_PROPAGATORS], carryingMethods: CARRYING_METHODS, mutatingMethods: MUTATING_METHODS,
};

/** What a masker was given: a mapping (`mask_dict_password`) or text, a command line, anything else. */
type MaskedAs = 'dict' | 'text';

/** What the module itself treats as secret: parameters (per function), fields and keys it masks or passes as credentials. */
interface Conventions {
  /** Function node id → parameter name → why. */
  params: Map<number, Map<string, string>>;
  /** Parameter names masked in some function of the module → why (applies to same-named parameters elsewhere in it). */
  moduleParams: Map<string, string>;
  /** Attribute or key names → why. */
  fields: Map<string, string>;
  /**
   * The parameters of `params`/`moduleParams` that the module treats as secret because it masks them (`${fn id}:${name}`,
   * or the name alone module-wide): a masked structure holds secrets only under the keys the maskers mask. `dict`:
   * masked by a dict masker, so its elements are its keys.
   */
  masked: Map<string, MaskedAs>;
  /**
   * Parameters the function reads a credential item from (`${fn id}:${name}` → the key paths to the credentials):
   * mappings that carry one (rulekit/credentialCarriers.ts), secret whole and along those paths only.
   */
  carried: Map<string, string[][]>;
  /**
   * Parameters some method of a class reads a credential item from (`${class id}:${name}` → the key paths and where):
   * a same-named parameter of another method of the class is the same kind of mapping (os-brick's connectors take
   * `connection_properties` in every method and read `['auth_password']` from it in some). Not module-wide: a
   * module's free functions reuse names for unrelated things (`user`, a user record here, a unix user name there).
   */
  classCarried: Map<string, { paths: string[][]; why: string }>;
}

function conventions(model: PythonModel, project: ProjectView, topLevel: ReadonlySet<string>): Conventions {
  const out: Conventions = { params: new Map(), moduleParams: new Map(), fields: new Map(), masked: new Map(), carried: new Map(), classCarried: new Map() };
  const note = (arg: SyntaxNode | null | undefined, call: SyntaxNode, why: string, moduleWide: boolean, masked: MaskedAs | null): void => {
    if (!arg) return;
    const fn = enclosingFunction(call);
    const params = new Set(fn ? parameterNames(fn).map((p) => p.name) : []);
    const a = unparenthesize(arg);
    const stack: SyntaxNode[] = [a];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'identifier' && params.has(n.text) && fn) {
        const m = out.params.get(fn.id) ?? new Map<string, string>();
        if (!m.has(n.text)) { m.set(n.text, why); if (masked) out.masked.set(`${fn.id}:${n.text}`, masked); }
        out.params.set(fn.id, m);
        if (moduleWide && !out.moduleParams.has(n.text)) { out.moduleParams.set(n.text, why); if (masked) out.masked.set(n.text, masked); }
        continue;
      }
      if (n.type === 'attribute' && n.parent?.type !== 'call') {
        const attr = n.childForFieldName('attribute')!.text;
        if (!out.fields.has(attr) && optionReadOf(n) === null) out.fields.set(attr, why);
        continue;
      }
      if (n.type === 'subscript') {
        const key = stringValue(n.childForFieldName('subscript'));
        if (key !== null && !out.fields.has(key)) out.fields.set(key, why);
        continue;
      }
      if (n.type === 'call' || n.type === 'lambda') {
        // Only plain string building passes the value whole: `' '.join(cmd)`, `str(x)`, `'%s' % x`.
        const name = n.childForFieldName('function');
        if (name?.type === 'attribute' && ['join', 'format'].includes(name.childForFieldName('attribute')!.text)) {
          for (const c of n.childForFieldName('arguments')?.namedChildren ?? []) if (c) stack.push(c);
        } else if (name?.type === 'identifier' && ['str', 'repr'].includes(name.text)) {
          for (const c of n.childForFieldName('arguments')?.namedChildren ?? []) if (c) stack.push(c);
        }
        continue;
      }
      for (const c of n.namedChildren) if (c) stack.push(c);
    }
  };
  // `self.password = urlparse(url).password`: the object keeps the URL's password under that field for its
  // other methods (`LOG.info('... %s', self.password)` in `connect`).
  if (URL_PASSWORD_TEXT.test(model.source)) {
    for (const a of model.root.descendantsOfType('assignment')) {
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (left?.type !== 'attribute' || !right) continue;
      const value = unparenthesize(right);
      if (value.type !== 'attribute' || !URL_CREDENTIAL_ATTRIBUTES.has(value.childForFieldName('attribute')!.text)) continue;
      const parser = urlParserOf(model, value.childForFieldName('object')!);
      const attr = left.childForFieldName('attribute')!.text;
      if (parser && !out.fields.has(attr)) out.fields.set(attr, `it is assigned the password of a URL parsed by \`${parser}\` at line ${lineOf(a)}`);
    }
  }
  // `def parse_uri(self, uri)` that splits the userinfo out of `uri`: the function is given a URL with a password.
  for (const { fn, param, at } of parsedForCredentials(model)) {
    const m = out.params.get(fn.id) ?? new Map<string, string>();
    if (!m.has(param)) m.set(param, `its userinfo is parsed for credentials at line ${lineOf(at)}`);
    out.params.set(fn.id, m);
  }
  for (const c of credentialCarriers(model)) {
    const m = out.params.get(c.fn.id) ?? new Map<string, string>();
    if (!m.has(c.param)) m.set(c.param, `carries a credential (${describeCarrier(c)})`);
    out.params.set(c.fn.id, m);
    const key = `${c.fn.id}:${c.param}`;
    out.carried.set(key, [...(out.carried.get(key) ?? []), c.path]);
    const cls = enclosingClass(c.fn);
    if (!cls) continue;
    const classKey = `${cls.id}:${c.param}`;
    const wide = out.classCarried.get(classKey);
    if (wide) wide.paths.push(c.path);
    else out.classCarried.set(classKey, { paths: [c.path], why: `carries a credential in this class (${describeCarrier(c)} in \`${c.fn.childForFieldName('name')!.text}\`)` });
  }
  const anyMasking = Object.values(project.slice.functions).some((f) => f.masks !== undefined);
  for (const call of model.root.descendantsOfType('call')) {
    const q = model.callName(call);
    if (isMaskingName(q)) {
      note(positionalArgs(call)[0], call, `it is passed to \`${q}\` at line ${lineOf(call)}`, true, isDictMasker(q) ? 'dict' : 'text');
      continue;
    }
    // Resolving the call's target is the costly part and only a masking summary of another file can use it.
    const target = anyMasking ? callTarget(model, call, topLevel) : null;
    const masks = target !== null ? project.function(target)?.masks : undefined;
    if (masks !== undefined) { note(positionalArgs(call)[masks], call, `it is masked by \`${target}\` at line ${lineOf(call)}`, true, 'text'); continue; }
    const c = callInfo(model, call);
    if (c.method === null || !CREDENTIAL_CALL_NAMES.includes(c.method)) continue;
    for (const cred of CREDENTIAL_ARGUMENTS) {
      if (!matches(cred.call, c)) continue;
      const arg = keywordArg(call, cred.keyword) ?? (cred.index !== undefined ? positionalArgs(call)[cred.index] : undefined);
      note(arg, call, `it is passed as the credential \`${cred.keyword}\` of \`${brief(callee(call)!, 40)}\` at line ${lineOf(call)}`, false, null);
    }
  }
  return out;
}

/** Headers whose value is `scheme SP credentials` (HTTP authentication). */
const AUTHORIZATION_HEADER = /^(?:(?:proxy-)?authorization|http_(?:proxy_)?authorization)$/i;
const isDictMasker = (qualified: string | null): boolean => qualified?.endsWith('mask_dict_password') ?? false;

/** The webob/WSGI request parameter convention the taint models share (`req`, `request`). */
const REQUEST_PARAMS: ReadonlySet<string> = new Set(['req', 'request']);
const REQUEST_CARRIERS: ReadonlySet<string> = new Set(['headers', 'environ']);
const WSGIFY = /(?:^|\.)wsgify\b/;

function isRequestParam(n: SyntaxNode): boolean {
  if (n.type !== 'identifier' || !REQUEST_PARAMS.has(n.text)) return false;
  const fn = enclosingFunction(n);
  return fn !== null && parameterNames(fn).some((p) => p.name === n.text);
}

/**
 * The credential header an expression reads: `headers['X-Auth-Token']`, `environ.get('HTTP_X_AUTH_TOKEN')`, or any
 * call given a credential header's name (`self._get_header(env, 'X-Auth-Token')`): a getter handed that name
 * returns that header's value.
 */
function credentialHeader(n: SyntaxNode): string | null {
  const onHeaders = (container: SyntaxNode | null | undefined): boolean =>
    container?.type === 'attribute' && container.childForFieldName('attribute')!.text === 'headers';
  const credential = (key: string | null, container: SyntaxNode | null | undefined): boolean =>
    key !== null && (CREDENTIAL_HEADERS.test(key) || (GENERIC_CREDENTIAL_HEADERS.test(key) && onHeaders(container)));
  if (n.type === 'subscript') {
    const key = stringValue(n.childForFieldName('subscript'));
    return credential(key, n.childForFieldName('value')) ? key : null;
  }
  if (n.type === 'call') {
    const fn = callee(n);
    const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    for (const a of positionalArgs(n)) {
      const key = stringValue(a);
      if (credential(key, receiver)) return key;
    }
  }
  return null;
}

/**
 * A URL that holds a password: one the code builds with a value in the password slot of its userinfo, or the
 * `.password` of a parsed URL (`urlsplit(url).password`, `parsed.password` for `parsed = urlparse(url)`).
 */
function credentialUrlSource(model: PythonModel, n: SyntaxNode): HookSource | null {
  if (n.type === 'attribute') {
    if (!URL_CREDENTIAL_ATTRIBUTES.has(n.childForFieldName('attribute')!.text)) return null;
    const parser = urlParserOf(model, n.childForFieldName('object')!);
    return parser ? { description: `\`${brief(n, 40)}\`, the password of a URL parsed by \`${parser}\``, confidence: 'high', shape: 'str' } : null;
  }
  if (n.type !== 'string' && n.type !== 'binary_operator' && n.type !== 'call') return null;
  // Most strings hold no `@`: the template is not taken apart for them (templateOf checks the other forms first).
  if (n.type === 'string' && !n.text.includes('@')) return null;
  const slot = passwordSlot(n);
  if (!slot) return null;
  return {
    description: `the URL built at line ${lineOf(n)}, whose userinfo holds \`${brief(slot.value ?? n, 40)}\` as its password`,
    confidence: 'medium', shape: 'str',
  };
}

/** The URL parser whose result an expression is: a call of one, or a local assigned one in the same function. */
function urlParserOf(model: PythonModel, obj: SyntaxNode): string | null {
  const o = unparenthesize(obj);
  const parserOf = (call: SyntaxNode | null | undefined): string | null => {
    if (call?.type !== 'call') return null;
    const q = model.callName(call);
    return q !== null && URL_PASSWORD_PARSERS.includes(q) ? q : null;
  };
  if (o.type === 'call') return parserOf(o);
  if (o.type !== 'identifier') return null;
  const scope = enclosingFunction(o) ?? model.root;
  for (const a of scope.descendantsOfType('assignment')) {
    const left = a.childForFieldName('left');
    if (left?.type === 'identifier' && left.text === o.text && a.startIndex < o.startIndex) {
      const p = parserOf(a.childForFieldName('right') ? unparenthesize(a.childForFieldName('right')!) : null);
      if (p) return p;
    }
  }
  return null;
}

function bodyField(n: SyntaxNode): string | null {
  if (n.type !== 'subscript') return null;
  const key = stringValue(n.childForFieldName('subscript'));
  if (key === null) return null;
  const inner = unparenthesize(n.childForFieldName('value')!);
  const parent = inner.type === 'subscript' ? stringValue(inner.childForFieldName('subscript')) : null;
  return CREDENTIAL_BODY_FIELDS.some(([p, k]) => k === key && (p === '*' || p === parent)) ? `${parent ? `['${parent}']` : ''}['${key}']` : null;
}

/**
 * Whether the part `path` (analysis/taint/selectors.ts) of a source still holds the secret. A masked structure holds
 * it under the keys the maskers mask, and a masked mapping's elements are its keys; one header of a request's
 * headers is that header only; an Authorization header is `scheme SP credentials` (RFC 9110 §11.4) and Basic
 * credentials decode to `user-id ":" password` (RFC 7617 §2): the first field of either split is the scheme word or
 * the user id, not the credential.
 */
function keepsPart(
  path: readonly string[], masked: MaskedAs | undefined, carrier: boolean, authorization: boolean, carried: string[][] | undefined,
): boolean {
  const parts = partsOf(path);
  if (carried && !masked) return carriesCredential(parts, carried);
  if (authorization && parts.some((s, i) => s === '#0' && parts[i - 1] === 'split')) return false;
  const first = parts[0];
  if (first === undefined) return true;
  const keys = selectedKeys(first);
  if (masked) {
    if (keys !== null) return keys.some((k) => MASKED_KEY.test(k));
    if (masked === 'text') return true;
    // A mapping's elements are its keys; an item pair's first element is one.
    return !(first === 'keys' || first.startsWith('*') || (first === 'items' && parts[2] === '*0'));
  }
  if (carrier) return keys !== null ? keys.some((k) => CREDENTIAL_HEADERS.test(k) || GENERIC_CREDENTIAL_HEADERS.test(k)) : first !== '?';
  return true;
}

function hooksFor(model: PythonModel, project: ProjectView, conv: Conventions, topLevel: ReadonlySet<string>, carriers: Set<number>): TaintHooks {
  const anySummary = Object.keys(project.slice.functions).length > 0;
  /** Origins that are an Authorization header's value (see keepsPart). */
  const authorizations = new Set<number>();
  const sourceAt = (n: SyntaxNode): HookSource | null => {
    const read = optionReadOf(n);
    if (read) {
      const o = project.option(read.group, read.name);
      return o?.secret ? { description: `option \`${read.group}.${read.name}\` (declared secret at ${o.declaredAt})`, confidence: 'high', shape: 'str' } : null;
    }
    const header = credentialHeader(n);
    if (header !== null) {
      if (AUTHORIZATION_HEADER.test(header)) authorizations.add(n.id);
      return { description: `the credential header \`${header}\``, confidence: 'high', shape: 'str' };
    }
    const url = credentialUrlSource(model, n);
    if (url) return url;
    if (n.type === 'dictionary' || n.type === 'call') {
      const keys = builtCredentialKeys(model, n);
      if (keys.length > 0) {
        carriedOrigins.set(n.id, keys.map((k) => [k]));
        return { description: `the mapping built at line ${lineOf(n)} with the credential item${keys.length > 1 ? 's' : ''} ${keys.map((k) => `\`${k}\``).join(', ')}`, confidence: 'medium', shape: 'container' };
      }
    }
    const field = bodyField(n);
    if (field !== null) return { description: `the credential field \`${field}\` of an API request body`, confidence: 'high', shape: 'container' };
    if (n.type === 'attribute' && REQUEST_CARRIERS.has(n.childForFieldName('attribute')!.text) && isRequestParam(n.childForFieldName('object')!)) {
      carriers.add(n.id);
      return { description: `\`${brief(n, 40)}\` (the request's headers, credential headers included)`, confidence: 'medium', shape: 'container' };
    }
    const name = n.type === 'attribute' ? n.childForFieldName('attribute')!.text : n.type === 'subscript' ? stringValue(n.childForFieldName('subscript')) : null;
    if (name !== null && conv.fields.has(name) && n.parent?.type !== 'call') {
      return { description: `\`${brief(n, 40)}\`, which this module treats as secret (${conv.fields.get(name)})`, confidence: 'medium', shape: 'unknown' };
    }
    return null;
  };
  // Asked of every candidate node before the analysis (to find the units a source can reach) and again of the nodes
  // it evaluates, each time it evaluates them: the answer depends on the node only (marking a carrier is idempotent).
  const sourceMemo = new Map<number, HookSource | null>();
  /** Parameters the module masks whole (see Conventions.masked): keepsPart keeps only their masked keys. */
  const maskedOrigins = new Map<number, MaskedAs>();
  /** Parameters that carry credentials under the key paths read from them (see Conventions.carried). */
  const carriedOrigins = new Map<number, string[][] | undefined>();
  const carriedOf = (origin: SyntaxNode): string[][] | undefined => {
    let paths = carriedOrigins.get(origin.id);
    if (paths === undefined && !carriedOrigins.has(origin.id) && conv.carried.size > 0) {
      paths = carriedByItem(origin, (fn, name) => conv.carried.get(`${fn.id}:${name}`));
      carriedOrigins.set(origin.id, paths);
    }
    return paths;
  };
  return {
    attributesDropSources: true,
    resolvesUniqueMethods: true,
    keepsPart: (origin, path) =>
      keepsPart(path, maskedOrigins.get(origin.id), carriers.has(origin.id), authorizations.has(origin.id), carriedOf(origin)),
    sourceAt(n) {
      let found = sourceMemo.get(n.id);
      if (found === undefined) sourceMemo.set(n.id, found = sourceAt(n));
      return found;
    },
    storedSourceAt(target) {
      const key = storedCredentialKey(model, target);
      if (key === null) return null;
      const mapping = brief(target.childForFieldName('value')!, 30);
      return { description: `the credential stored in \`${mapping}\` under \`${key}\` at line ${lineOf(target)}`, confidence: 'medium', shape: 'str' };
    },
    paramSource(fn, name) {
      // A WSGI middleware's whole request: rendering it writes every header, credential headers included.
      if (REQUEST_PARAMS.has(name) && decorators(fn).some((d) => WSGIFY.test(d.text))) {
        const p = parameterNames(fn).find((x) => x.name === name);
        if (p) carriers.add(p.node.id);
        return { description: `the whole request \`${name}\` (its text holds every header, credential headers included)`, confidence: 'medium', shape: 'container' };
      }
      const own = conv.params.get(fn.id)?.get(name);
      const why = own ?? conv.moduleParams.get(name);
      const maskedAs = own !== undefined ? conv.masked.get(`${fn.id}:${name}`) : conv.masked.get(name);
      const cls = own === undefined && conv.classCarried.size > 0 ? enclosingClass(fn) : null;
      const wide = cls ? conv.classCarried.get(`${cls.id}:${name}`) : undefined;
      const carried = own !== undefined ? conv.carried.get(`${fn.id}:${name}`) : wide?.paths;
      if (carried) {
        const p = parameterNames(fn).find((x) => x.name === name);
        if (p) carriedOrigins.set(p.node.id, carried);
      }
      if (why && maskedAs) {
        // Masked whole, so a structure: one item of it is a secret only under a key the maskers mask.
        const p = parameterNames(fn).find((x) => x.name === name);
        if (p) maskedOrigins.set(p.node.id, maskedAs);
      }
      if (carried && own !== undefined) return { description: `parameter \`${name}\`, a mapping that ${own}`, confidence: 'medium', shape: 'container' };
      if (wide && !conv.moduleParams.has(name)) return { description: `parameter \`${name}\`, a mapping that ${wide.why}`, confidence: 'medium', shape: 'container' };
      if (why) return { description: `parameter \`${name}\`, which this module treats as secret (${why})`, confidence: 'medium', shape: 'unknown' };
      return CREDENTIAL_PARAMETER.test(name) ? { description: `parameter \`${name}\`, a password or secret by its declaration`, confidence: 'medium', shape: 'str' } : null;
    },
    callSummary(call) {
      // Asked of every call the analysis evaluates: without summaries of other files there is nothing to look up.
      if (!anySummary) return null;
      const target = callTarget(model, call, topLevel);
      if (target === null || target.startsWith(':')) return null;
      const s = project.function(target);
      if (!s) return null;
      return {
        ...(s.returnsSecret ? { returnsSource: { description: `\`${brief(callee(call)!, 40)}()\`, which returns ${s.returnsSecret}`, confidence: 'high' as const, shape: 'str' as const } } : {}),
        ...(s.masks !== undefined ? { masks: s.masks } : {}),
      };
    },
    sinksAt(call): HookSink[] {
      // The exception a `raise` builds: its message is logged and, for API errors, returned to the caller.
      let p = call.parent;
      while (p?.type === 'parenthesized_expression') p = p.parent;
      const raised = p?.type === 'raise_statement' ? p.namedChild(0) : null;
      if (!raised || unparenthesize(raised).id !== call.id) return [];
      // `request=req` of a webob/swob error response binds the request the response answers; the message is not
      // built from it.
      const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is SyntaxNode => a !== null && a.type !== 'comment')
        .filter((a) => a.type !== 'keyword_argument' || a.childForFieldName('name')?.text !== 'request')
        .map((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value')! : a));
      return [{ kind: 'exposure', variant: 'exception', sinkName: `raise ${brief(callee(call) ?? call, 40)}`, args }];
    },
  };
}

const cache = new WeakMap<PythonModel, SecretExposure[]>();

/** Credential header names and request-body credential fields as they are written in source text. */
const CREDENTIAL_WORDS = new RegExp([
  `['"](?:${CREDENTIAL_HEADERS.source.slice(4, -2)})['"]`, `['"](?:${GENERIC_CREDENTIAL_HEADERS.source.slice(4, -2)})['"]`,
  ...CREDENTIAL_BODY_FIELDS.map(([p, k]) => (p === '*' ? `\\[\\s*['"]${k}['"]\\s*\\]` : `\\[\\s*['"]${p}['"]\\s*\\]\\s*\\[\\s*['"]${k}['"]\\s*\\]`)),
].join('|'), 'i');
/** A parameter list naming a password or secret parameter (CREDENTIAL_PARAMETER), as written in source text. */
const CREDENTIAL_PARAMETER_TEXT = /[(,]\s*(?:[a-z0-9]+_)*(?:password|passwd|secret)\s*[,)=:]/i;
/** The called names of the auth and connection APIs (`Password`, `Connection`, `connect`). */
const CREDENTIAL_CALL_NAMES = [...new Set(CREDENTIAL_ARGUMENTS.map((c) => (c.call.suffix ?? c.call.name ?? c.call.method ?? '').split('.').at(-1)!))];
/**
 * A userinfo password slot as a template writes it (`:%s@`, `:%(pw)s@`, `:{}@`, `:{pw}@`, `':' + pw + '@'`), or
 * the `.password` of a parsed URL.
 */
const CREDENTIAL_URL_TEXT = /:(?:%(?:\([^)]*\))?s|\{[^{}]*\})@|:['"]\s*\+[^\n]*\+\s*['"]@|\.password\b/;
/** A URL parsed for its password or split at its userinfo's `@`, as written (see parsedForCredentials). */
const USERINFO_TEXT = /\.password\b|\bsplit\(\s*['"]@['"]|partition\(\s*['"]@['"]/;
/** A field assigned a parsed URL's password, as written (see conventions). */
const URL_PASSWORD_TEXT = /=\s*[\w.()]*\.password\b/;
/** A request's headers or environ written whole (not one item of them), or a wsgify middleware. */
const WHOLE_REQUEST = /\b(?:req|request)\.(?:headers|environ)\b(?!\s*(?:\[|\.get\b|\.pop\b))|wsgify/;

/**
 * Whether a source can occur in the file at all: the taint analysis of a whole file is the expensive part, and most
 * files read no secret, call no summarised function, mask nothing and name no credential header. A necessary
 * condition on the text and the slice only — the analysis still decides by dataflow.
 */
function maySeeSecrets(model: PythonModel, project: ProjectView, conv: Conventions): boolean {
  if (projectMayAddSecrets(project) || conv.params.size > 0 || conv.fields.size > 0) return true;
  const text = model.source;
  return CREDENTIAL_WORDS.test(text) || WHOLE_REQUEST.test(text) || CREDENTIAL_PARAMETER_TEXT.test(text) || CREDENTIAL_URL_TEXT.test(text) ||
    BUILT_CREDENTIAL_TEXT.test(text);
}

/**
 * Whether the file's project slice can change what the analysis sees: the hooks ask it for options declared secret
 * (sourceAt), functions summarised as returning a secret or masking one (callSummary, conventions), and nothing
 * else. A slice of other facts only (plain options, policy rules, image roles) adds no source and no sanitizer, so
 * the file's own text decides, as it does for a file with an empty slice.
 */
function projectMayAddSecrets(project: ProjectView): boolean {
  const { options, functions } = project.slice;
  for (const key in options) if (options[key]!.secret) return true;
  for (const key in functions) if (functions[key]!.returnsSecret !== undefined || functions[key]!.masks !== undefined) return true;
  return false;
}

/** Every place in the file where a secret reaches a reader, computed once per file and shared by the rules. */
export function secretExposures(model: PythonModel, project: ProjectView): SecretExposure[] {
  const known = cache.get(model);
  if (known) return known;
  const topLevel = topLevelNames(model);
  // Masking calls and credential APIs are rare: only files with one pay for the conventions scan.
  const text = model.source;
  const conv = MASKING_SUFFIXES.some((m) => text.includes(m)) || CREDENTIAL_CALL_NAMES.some((name) => text.includes(`${name}(`)) || !project.isEmpty
    || URL_PASSWORD_TEXT.test(text) || USERINFO_TEXT.test(text)
    || credentialCarriers(model).length > 0
    ? conventions(model, project, topLevel)
    : { params: new Map(), moduleParams: new Map(), fields: new Map(), masked: new Map<string, MaskedAs>(), carried: new Map<string, string[][]>(), classCarried: new Map() };
  if (!maySeeSecrets(model, project, conv)) { cache.set(model, []); return []; }
  // One spec object per file: the hooks depend on the file and its project slice (taintOf caches by spec).
  const spec: TaintSpec = { ...BASE_SPEC };
  /** Origins of sources that hold credentials among other things (the request, its headers): see keepsItem. */
  const carriers = new Set<number>();
  const taint = taintOf(model, spec, hooksFor(model, project, conv, topLevel, carriers));
  for (const gap of taint.gaps) model.noteGap(gap);
  const out: SecretExposure[] = [];
  for (const hit of taint.hits) {
    if (hit.kind !== 'exposure') continue;
    // A helper given a whole request or header set (`_get_uri(req.environ)`, `environ_to_dict(req.environ)`) is
    // judged by the part of it that it returns (keepsPart): a copy carries the credential headers, a field does not.
    const best = bestFact(hit.facts);
    if (!best || best.origin.kind !== 'source') continue;
    // A function's own secret parameter is a secret of its callers too: reported where it is exposed.
    out.push({
      node: hit.sink, argument: hit.argument, variant: hit.variant as ExposureVariant, sinkName: hit.sinkName,
      secret: best.origin.description, sourceLine: lineOf(best.origin.node),
      evidence: [{ node: best.origin.node, message: `secret: ${best.origin.description} (line ${lineOf(best.origin.node)})` }, ...best.steps],
    });
  }
  out.sort((a, b) => a.node.startIndex - b.node.startIndex || a.argument.startIndex - b.argument.startIndex);
  cache.set(model, out);
  return out;
}
