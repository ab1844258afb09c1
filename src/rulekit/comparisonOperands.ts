// Facts about the two sides of a comparison that the comparison rules share: the name a value is known by
// (`rule.protocol` → protocol, `headers.get('X-Sig')` → X-Sig), whether it carries request/caller data, and whether
// it was normalised (lower-cased, parsed) on its way here. Syntax plus reaching definitions; no guessing of types.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { PythonModel } from '../languages/python/model.js';
import { callee, calleeName, positionalArg, stringValue, unparenthesize } from '../languages/python/syntax.js';
import { NORMALISED_NAME, NORMALISING_CALLS, NORMALISING_METHODS, REQUEST_ROOTS } from '../models/python/comparison.js';
import { SERVER_STATE_REQUEST_ATTRIBUTES } from '../models/python/taint/sources.js';

/** How far value origins are followed through assignments; each hop is one `a = f(b)` in the function. */
const MAX_HOPS = 4;
/** Methods that hand back (a re-encoding of) their receiver, so the receiver's origin is the value's origin. */
const PASS_THROUGH_METHODS = new Set(['strip', 'lstrip', 'rstrip', 'encode', 'decode', 'get', 'pop']);
const PASS_THROUGH_CALLS = new Set(['str', 'bytes', 'six.text_type', 'six.binary_type', 'encodeutils.safe_decode', 'encodeutils.safe_encode']);

/**
 * The name a value is known by: a variable, the last attribute, the string key of a subscript or of `.get('key')`,
 * or the called function. Null for literals and other computed values.
 */
export function operandName(expr: SyntaxNode): string | null {
  const n = unparenthesize(expr);
  switch (n.type) {
    case 'identifier': return n.text;
    case 'attribute': return n.childForFieldName('attribute')?.text ?? null;
    case 'subscript': {
      const key = n.childrenForFieldName('subscript')[0];
      return key ? stringValue(key) : null;
    }
    case 'call': {
      const name = calleeName(n);
      if (name === 'get' || name === 'pop') {
        const key = positionalArg(n, 0);
        return key ? stringValue(key) : null;
      }
      return name;
    }
    default: return null;
  }
}

/** The identifier an attribute/subscript/call chain starts from (`req` in `req.headers.get(...)`). */
function chainRoot(expr: SyntaxNode): { root: SyntaxNode | null; segments: string[] } {
  const segments: string[] = [];
  let n: SyntaxNode | null = unparenthesize(expr);
  while (n) {
    if (n.type === 'attribute') { segments.push(n.childForFieldName('attribute')?.text ?? ''); n = n.childForFieldName('object'); }
    else if (n.type === 'subscript') n = n.childForFieldName('value');
    else if (n.type === 'call') n = callee(n);
    else if (n.type === 'parenthesized_expression') n = n.namedChild(0);
    else break;
  }
  return { root: n?.type === 'identifier' ? n : null, segments };
}

function isReceiverParameter(model: PythonModel, id: SyntaxNode): boolean {
  return model.bindingsOf(id).some((b) => b.fact.kind === 'parameter' && b.fact.index === 0 && /^(self|cls)$/.test(b.name));
}

export type Provenance = 'request' | 'caller';

/** Names a request object goes by in a chain: a request root (`req`, `request`), `self.request`, `ctx['request']`. */
function namesRequest(n: SyntaxNode): boolean {
  const e = unparenthesize(n);
  if (e.type === 'identifier') return e.text === 'req' || e.text === 'request';
  if (e.type === 'attribute') return e.childForFieldName('attribute')?.text === 'request';
  if (e.type === 'subscript') return stringValue(e.childrenForFieldName('subscript')[0] ?? null) === 'request';
  return false;
}

/**
 * Whether the chain reads the server's own state hung on the request (`request.session[...]`, `request.user.token`,
 * `context['request'].session.get(...)`): the framework fills those from its store, the client cannot choose them.
 */
function readsServerState(expr: SyntaxNode): boolean {
  let n: SyntaxNode | null = unparenthesize(expr);
  while (n) {
    if (n.type === 'attribute') {
      const obj = n.childForFieldName('object');
      if (obj && SERVER_STATE_REQUEST_ATTRIBUTES.has(n.childForFieldName('attribute')?.text ?? '') && namesRequest(obj)) return true;
      n = obj;
    } else if (n.type === 'subscript') n = n.childForFieldName('value');
    else if (n.type === 'call') n = callee(n);
    else if (n.type === 'parenthesized_expression') n = n.namedChild(0);
    else return false;
  }
  return false;
}

/**
 * Where `expr`'s data comes from when not from the function itself: `'request'` for reads from a request
 * (`req.headers`, `request.GET`, `environ[...]`), `'caller'` for a parameter (not self/cls), directly or through
 * local assignments; null otherwise.
 */
export function provenance(model: PythonModel, expr: SyntaxNode, hops = 0): Provenance | null {
  if (hops > MAX_HOPS) return null;
  const n = unparenthesize(expr);
  if (n.type === 'call') {
    const name = model.callName(n);
    if (name && PASS_THROUGH_CALLS.has(name)) { const arg = positionalArg(n, 0); return arg ? provenance(model, arg, hops + 1) : null; }
  }
  // `attributes.get('signature') or 'invalid'`: the value, or a default the code supplies.
  if (n.type === 'boolean_operator' && n.childForFieldName('operator')?.text === 'or') {
    const left = n.childForFieldName('left');
    return left ? provenance(model, left, hops + 1) : null;
  }
  if (readsServerState(n)) return null;
  const { root, segments } = chainRoot(n);
  if (segments.some((s) => REQUEST_ROOTS.has(s))) return 'request';
  if (!root) return null;
  // A local `headers = {}` or `body = …` is not the request's; parameters with those names are caught below.
  if (REQUEST_ROOTS.has(root.text) && root.text !== 'body' && root.text !== 'headers') return 'request';
  if (isReceiverParameter(model, root)) return null;
  const reaching = model.reachingValues(root);
  if (!reaching) return null;
  let out: Provenance | null = reaching.parameter ? 'caller' : null;
  for (const v of reaching.values) {
    const p = v === null ? null : provenance(model, v, hops + 1);
    if (p === 'request') return p;
    out ??= p;
  }
  return out;
}

/**
 * True when the value was made case-independent before this point: a `.lower()`/`.upper()` or a parsing call
 * (`netaddr.EUI`, `uuid.UUID`) on it, on any path that reaches here, or a name that says so (`norm_proto`).
 * Any path counts: a rule that reports case mistakes must rather miss one than blame code that normalises.
 */
export function wasNormalised(model: PythonModel, expr: SyntaxNode, hops = 0): boolean {
  if (hops > MAX_HOPS) return false;
  const n = unparenthesize(expr);
  if (n.type === 'call') {
    const method = calleeName(n);
    if (method && NORMALISING_METHODS.has(method)) return true;
    const name = model.callName(n);
    if (name && NORMALISING_CALLS.test(name)) return true;
    if (name && PASS_THROUGH_CALLS.has(name)) { const arg = positionalArg(n, 0); return !!arg && wasNormalised(model, arg, hops + 1); }
    const fn = callee(n);
    if (method && PASS_THROUGH_METHODS.has(method) && fn?.type === 'attribute') {
      return wasNormalised(model, fn.childForFieldName('object')!, hops + 1);
    }
    return false;
  }
  if (n.type === 'conditional_expression') {
    return n.namedChildren.some((c, i) => c !== null && i !== 1 && wasNormalised(model, c, hops + 1));
  }
  const name = operandName(n);
  if (name && NORMALISED_NAME.test(name)) return true;
  if ((n.type === 'identifier' || n.type === 'attribute') && model.mayBeAssigned(n)) {
    const reaching = model.reachingValues(n);
    if (reaching?.values.some((v) => v !== null && wasNormalised(model, v, hops + 1))) return true;
  }
  // Only for the compared value itself: the in-place check re-enters wasNormalised on what it finds.
  return hops === 0 && normalisedInPlace(model, n);
}

/** `rule['protocol'] = rule['protocol'].lower()` earlier in the function: the same text, normalised in place. */
function normalisedInPlace(model: PythonModel, expr: SyntaxNode): boolean {
  const owner = model.dataflowOwner(expr);
  const text = expr.text;
  const stack: SyntaxNode[] = [owner];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.startIndex >= expr.startIndex) continue;
    if (n.type === 'assignment' && n.childForFieldName('left')?.text === text) {
      const right = n.childForFieldName('right');
      if (right && wasNormalised(model, right, MAX_HOPS)) return true;
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return false;
}

/**
 * True when `expr` is a field read as it arrived — `rule.protocol`, `rule['protocol']`, `rule.get('protocol')` —
 * directly or through plain assignments. A value returned by any other call may have been normalised inside it, and
 * a parameter may have been normalised by the caller, so neither is evidence of a raw comparison. Literal
 * assignments on some paths are constants, not reads.
 */
export function rawField(model: PythonModel, expr: SyntaxNode, hops = 0): boolean {
  if (hops > MAX_HOPS) return false;
  const n = unparenthesize(expr);
  switch (n.type) {
    case 'attribute': return true;
    case 'subscript': {
      // `entry[1]` is a position in a parsed tuple (tool output has a fixed form), not a named field of a record.
      const key = n.childrenForFieldName('subscript')[0];
      const name = key ? stringValue(key) : null;
      if (name === null) return false;
      const local = localDictField(model, n.childForFieldName('value'), name);
      return local === undefined ? true : local !== null && rawField(model, local, hops + 1);
    }
    case 'call': {
      const method = calleeName(n);
      const fn = callee(n);
      if ((method === 'get' || method === 'pop') && fn?.type === 'attribute') return true;
      if (method && PASS_THROUGH_METHODS.has(method) && fn?.type === 'attribute') return rawField(model, fn.childForFieldName('object')!, hops + 1);
      return false;
    }
    case 'identifier': {
      const reaching = model.reachingValues(n);
      if (!reaching) return false;
      if (reaching.parameter) return false;
      let raw = false;
      for (const v of reaching.values) {
        if (v === null) return false;
        if (stringValue(v) !== null || unparenthesize(v).type === 'none') continue;
        if (!rawField(model, v, hops + 1)) return false;
        raw = true;
      }
      return raw;
    }
    default: return false;
  }
}

/**
 * For `d['k']` where every definition of `d` reaching here is a dict literal built in this function: the value
 * stored under 'k' (null when some literal lacks it or it cannot be read). Undefined when `d` comes from elsewhere.
 */
function localDictField(model: PythonModel, container: SyntaxNode | null, key: string): SyntaxNode | null | undefined {
  if (!container) return undefined;
  const c = unparenthesize(container);
  if (c.type !== 'identifier' || !model.mayBeAssigned(c)) return undefined;
  const reaching = model.reachingValues(c);
  if (!reaching || reaching.parameter || reaching.values.length === 0 || reaching.values.some((v) => v?.type !== 'dictionary')) return undefined;
  if (reaching.values.length !== 1 || reaching.augmented.length > 0) return null;
  for (const pair of reaching.values[0]!.namedChildren) {
    if (pair?.type === 'pair' && stringValue(pair.childForFieldName('key')) === key) return pair.childForFieldName('value');
  }
  return null;
}

/** `PROTOCOL_NAMES[num]`, `CONSTANTS.get(k)`: a value picked from a constant table (an UPPER_CASE name). */
export function fromConstantTable(model: PythonModel, expr: SyntaxNode, hops = 0): boolean {
  if (hops > MAX_HOPS) return false;
  const n = unparenthesize(expr);
  if (n.type === 'subscript' || (n.type === 'call' && calleeName(n) === 'get')) {
    const container = n.type === 'subscript' ? n.childForFieldName('value') : callee(n)?.childForFieldName('object') ?? null;
    const name = container ? operandName(container) : null;
    return !!name && /^[A-Z][A-Z0-9_]*$/.test(name);
  }
  if (n.type === 'identifier') {
    if (!model.mayBeAssigned(n)) return false;
    const reaching = model.reachingValues(n);
    return !!reaching && !reaching.parameter && reaching.values.length > 0 &&
      reaching.values.every((v) => v !== null && (stringValue(v) !== null || fromConstantTable(model, v, hops + 1)));
  }
  return false;
}
