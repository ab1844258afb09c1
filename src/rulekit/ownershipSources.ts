// Where the ids an object lookup is given come from, for object-level authorisation (CWE-639): request data inside a
// function (from the taint model's sources), request headers naming an object, items of lists the caller passed in.
// Shared by resource-fetched-without-ownership-check and the project facts (src/index/ownership.ts), which asks
// whether a file holds any lookup given such an id: only then can the rule ask other files' scoping facts.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { callee, calleeName, descendantsOfType, mentionsName, positionalArgs, stringValue, unparenthesize } from '../languages/python/syntax.js';
import type { PythonModel } from '../languages/python/model.js';
import { CONTEXT_NAMES, ID_HEADER, PROJECT_HEADER } from '../models/python/openstack/index.js';
import { PYTHON_TAINT_SPEC } from '../models/python/taint/index.js';
import { PYTHON_BUILTINS } from '../models/python/builtins.js';
import { argumentValues, boundName, brief, callsIn, carries, networkCall, receiver } from './openstack.js';
import { callerSuppliedNames, loopItems, mayLookUpForCaller, ownerFieldOf } from './ownership.js';

/** Attributes of a request object that carry what the client sent (the taint model's table; the environ aside). */
const REQUEST_DATA_ATTRIBUTES: ReadonlySet<string> = new Set(PYTHON_TAINT_SPEC.requestAttributes.filter((a) => a.shape !== 'environ').map((a) => a.attribute));
/** Module-level request objects (`pecan.request`, `flask.request`) from the taint model's remote value sources. */
const REQUEST_VALUES: ReadonlySet<string> = new Set(PYTHON_TAINT_SPEC.valueSources.filter((v) => v.trust === 'remote').map((v) => v.name));
/** Container methods whose result is part of the container (`body.get('id')`). */
const ITEM_METHODS: ReadonlySet<string> = new Set(['get', 'pop', 'copy', 'setdefault']);

/**
 * Request data inside one function, from the taint model's sources (a routed method's `body`/`req` parameters, the
 * request attributes that carry client data, `pecan.request`), followed through its assignments: what each name
 * holding request data was read from. Within the function only: a helper handed a request value by its caller
 * leaves the owner check to that caller, after the call returns.
 */
export function requestDataIn(model: PythonModel, fn: SyntaxNode, body: SyntaxNode): (expr: SyntaxNode) => SyntaxNode | null {
  const requests = new Set<string>();
  const data = new Map<string, SyntaxNode>();
  for (const [name, ps] of model.sourceParameters(fn, PYTHON_TAINT_SPEC)) {
    if (ps.trust !== 'remote') continue;
    const param = model.parameters(fn).find((p) => p.name === name);
    if (!param) continue;
    if (ps.shape === 'request') requests.add(name);
    else data.set(name, param.declaration);
  }
  const isRequest = (e: SyntaxNode): boolean =>
    (e.type === 'identifier' && requests.has(e.text)) || ((e.type === 'attribute' || e.type === 'identifier') && REQUEST_VALUES.has(model.qualifiedName(e) ?? ''));
  const origin = (expr: SyntaxNode): SyntaxNode | null => {
    const e = unparenthesize(expr);
    switch (e.type) {
      case 'identifier': return data.get(e.text) ?? null;
      case 'subscript': return origin(e.childForFieldName('value')!);
      case 'attribute': {
        const obj = e.childForFieldName('object')!;
        if (isRequest(obj)) return REQUEST_DATA_ATTRIBUTES.has(e.childForFieldName('attribute')!.text) ? e : null;
        return origin(obj);
      }
      case 'call': {
        const obj = receiver(e);
        return obj && ITEM_METHODS.has(calleeName(e) ?? '') ? origin(obj) : null;
      }
      default: return null;
    }
  };
  // No source parameter and no module-level request object named in the file: nothing here is request data.
  if (requests.size === 0 && data.size === 0 && ![...REQUEST_VALUES].some((v) => model.source.includes(v.slice(v.lastIndexOf('.') + 1)))) return () => null;
  const assignments = descendantsOfType(body, 'assignment');
  for (let round = 0, changed = true; changed && round < 4; round++) {
    changed = false;
    for (const a of assignments) {
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (left?.type !== 'identifier' || !right || data.has(left.text) || CONTEXT_NAMES.test(left.text)) continue;
      const from = origin(right);
      if (from) { data.set(left.text, from); changed = true; }
    }
  }
  return origin;
}


export type Via = 'header' | 'request' | 'item';

export interface Source {
  via: Via;
  /** Where the id came from (the header read, the request expression, the loop over the caller's list). */
  node: SyntaxNode;
  describe: string;
  /** The argument of `call` carrying it. */
  arg: SyntaxNode;
}

/** `req.headers.get('X-Instance-ID')` / `req.headers['X-Instance-ID']` → the header name. */
function headerName(expr: SyntaxNode): string | null {
  const e = unparenthesize(expr);
  if (e.type === 'call' && calleeName(e) === 'get' && receiver(e)?.type === 'attribute' && receiver(e)!.childForFieldName('attribute')?.text === 'headers') {
    return stringValue(positionalArgs(e)[0] ?? null);
  }
  if (e.type === 'subscript') {
    const v = e.childForFieldName('value');
    if (v?.type === 'attribute' && v.childForFieldName('attribute')?.text === 'headers') return stringValue(e.childForFieldName('subscript'));
  }
  return null;
}

/** Locals bound to a request header that names an object (`X-Instance-ID`; the caller's own project header aside). */
export function headerIds(body: SyntaxNode): Map<string, { node: SyntaxNode; header: string }> {
  const out = new Map<string, { node: SyntaxNode; header: string }>();
  for (const a of descendantsOfType(body, 'assignment')) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    const header = right ? headerName(right) : null;
    if (left?.type === 'identifier' && header && ID_HEADER.test(header) && !PROJECT_HEADER.test(header)) out.set(left.text, { node: a, header });
  }
  return out;
}

/** A request context handed to a call: by the OpenStack naming convention, or `req.context`/`request.context`. */
export function isContextArg(arg: SyntaxNode): boolean {
  const a = unparenthesize(arg);
  if (a.type === 'identifier') return CONTEXT_NAMES.test(a.text);
  return a.type === 'attribute' && a.childForFieldName('attribute')?.text === 'context';
}


/** Calls whose result is not an object loaded by id: builtins (`int(x)`), log calls. */
export function isLookupCandidate(model: PythonModel, call: SyntaxNode): boolean {
  if (model.loggingCall(call) !== null) return false;
  const fn = callee(call);
  if (fn?.type === 'identifier' && PYTHON_BUILTINS.has(fn.text) && model.nameAt(fn)?.kind === 'unbound') return false;
  // The result is kept or returned: a lookup whose object is used.
  return boundName(call) !== null || call.parent?.type === 'return_statement';
}

/** Ids the caller chose that reach `call`'s arguments. */
export function sourcesAt(
  call: SyntaxNode, headers: ReadonlyMap<string, { node: SyntaxNode; header: string }>, requestData: (expr: SyntaxNode) => SyntaxNode | null,
  items: ReadonlySet<string>, itemLoop: (name: string) => SyntaxNode | null,
): Source[] {
  const out: Source[] = [];
  for (const arg of argumentValues(call)) {
    const a = unparenthesize(arg);
    const header = a.type === 'identifier' ? headers.get(a.text) : undefined;
    if (header) { out.push({ via: 'header', node: header.node, describe: `Header \`${header.header}\``, arg }); continue; }
    const from = isContextArg(arg) ? null : requestData(arg);
    if (from) { out.push({ via: 'request', node: from, describe: `Request data \`${brief(from, 40)}\``, arg }); continue; }
    // A field of an item of a caller-supplied list (`request.port_id`), not its owner field.
    if ((a.type === 'attribute' || a.type === 'subscript') && carries(a, items) && ownerFieldOf(a) === null) {
      const head = descendantsOfType(a, 'identifier').find((i) => items.has(i.text));
      const loop = head ? itemLoop(head.text) : null;
      if (loop) out.push({ via: 'item', node: loop, describe: `The requested \`${a.text}\` (an item of a list the caller passed in)`, arg });
    }
  }
  return out;
}


/** The ids the caller chose that reach each lookup candidate in `fn`, in call order (`request`: request data). */
export function callerIdLookups(
  model: PythonModel, fn: SyntaxNode, body: SyntaxNode, requestData: (expr: SyntaxNode) => SyntaxNode | null,
  headers: ReadonlyMap<string, { node: SyntaxNode; header: string }> = headerIds(body),
): Array<{ call: SyntaxNode; sources: Source[] }> {
  const items = loopItems(fn, callerSuppliedNames(model, fn, (n) => CONTEXT_NAMES.test(n)));
  const itemLoop = (name: string): SyntaxNode | null => descendantsOfType(body, 'for_statement').find((f) => mentionsName(f.childForFieldName('left'), new Set([name]))) ?? null;
  const out: Array<{ call: SyntaxNode; sources: Source[] }> = [];
  for (const call of callsIn(body)) {
    if (!isLookupCandidate(model, call)) continue;
    const sources = sourcesAt(call, headers, requestData, items, itemLoop);
    if (sources.length === 0) continue;
    // Items of the caller's list count only at a modelled client read or list.
    if (sources.every((s) => s.via === 'item') && networkCall(call)?.op !== 'read' && networkCall(call)?.op !== 'list') continue;
    out.push({ call, sources });
  }
  return out;
}

/**
 * The file holds a lookup given an id its caller chose (request data counted whether or not an admin path is seen
 * here: a context fallback in another file can make one): the rule asks scoping facts of nothing else.
 */
export function hasCallerIdLookup(model: PythonModel): boolean {
  if (model.isTestCode() || !mayLookUpForCaller(model)) return false;
  return model.functions().some((fn) => {
    const body = fn.childForFieldName('body');
    return body !== null && callerIdLookups(model, fn, body, requestDataIn(model, fn, body)).length > 0;
  });
}
