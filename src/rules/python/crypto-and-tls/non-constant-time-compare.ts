// CWE-208: `==`/`!=` between a secret (a keyed MAC, a signature, a token or password) and a value the caller or the
// request supplies. Equality stops at the first differing byte, so response times leak how much of a forged value
// is right. Needs both: secret evidence on one side (origin or name) and caller data on the other.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { callee, calleeName, comparisonPairs, descendantsOfType, enclosingFunction, isConstant, positionalArg, unparenthesize } from '../../../languages/python/syntax.js';
import { DIGEST_METHODS, DIGEST_TEXT_METHODS, DIGEST_WRAPPERS, MAC_CONSTRUCTORS, MAC_FUNCTIONS, NOT_SECRET_QUALIFIERS, SECRET_NAME_WORDS } from '../../../models/python/comparison.js';
import { operandName, provenance } from '../../../rulekit/comparisonOperands.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { nameWords } from '../../../rulekit/secrets.js';
import { abbreviate } from '../../../rulekit/text.js';

const MAX_HOPS = 4;
/** Trailing words that describe which copy of the secret a name holds (`signature_hex`, `token_provided`). */
const COPY_WORDS = new Set(['value', 'str', 'string', 'hex', 'b64', 'base64', 'bytes', 'raw', 'encoded', 'header', 'param']);
/** Leading words that turn the name into a flag or an error code about the secret (`VIR_ERR_NO_SECRET`, `verify_signature`). */
const NEGATING_WORDS = new Set([
  'no', 'err', 'error', 'missing', 'invalid', 'bad', 'wrong', 'is', 'has', 'use', 'using', 'with', 'without', 'need', 'needs',
  'next', 'page', 'marker', 'verify', 'check', 'validate', 'require', 'enable', 'disable', 'allow', 'skip', 'ignore',
]);
/** Values that are never secrets whatever they are called: sizes, types and truth values. */
const NON_SECRET_CALLS = new Set(['len', 'type', 'isinstance', 'bool', 'int', 'id', 'hash']);

/**
 * What `self.m(...)` or a function of this file (`get_hmac(payload, key)`) returns: the values of its return
 * statements (an in-file summary, one level deep).
 */
function methodReturns(model: PythonModel, call: SyntaxNode): SyntaxNode[] {
  const fn = callee(call);
  if (fn?.type !== 'identifier' && (fn?.type !== 'attribute' || fn.childForFieldName('object')?.text !== 'self')) return [];
  const method = model.definitionOf(fn);
  return method ? descendantsOfType(method, 'return_statement').map((r) => r.namedChild(0)).filter((v): v is SyntaxNode => v !== null) : [];
}

/**
 * The keyed-MAC call a value comes from (`hmac.new(key, msg, sha256).hexdigest()`), through local assignments,
 * methods of the same class that return one, and the collections that hold them (`[get_hmac(k) for k in keys]`,
 * `a + b`), so that `sig in expected_macs` is seen as well as `sig == expected`.
 */
function macOrigin(model: PythonModel, expr: SyntaxNode, hops = 0): SyntaxNode | null {
  if (hops > MAX_HOPS) return null;
  const n = unparenthesize(expr);
  if (n.type === 'list_comprehension' || n.type === 'set_comprehension' || n.type === 'generator_expression') {
    const body = n.childForFieldName('body');
    // Structure, not a hop: the collection's elements are the values compared.
    return body ? macOrigin(model, body, hops) : null;
  }
  if (n.type === 'list' || n.type === 'tuple' || n.type === 'set' || (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+')) {
    for (const c of n.namedChildren) { const o = c && macOrigin(model, c, hops); if (o) return o; }
    return null;
  }
  if (n.type === 'call') {
    const name = model.callName(n);
    if (name && MAC_CONSTRUCTORS.has(name)) return name === 'hmac.digest' ? n : null;
    if (name && MAC_FUNCTIONS.has(name)) return n;
    for (const r of methodReturns(model, n)) { const o = macOrigin(model, r, hops + 1); if (o) return o; }
    const method = calleeName(n);
    const receiver = callee(n)?.type === 'attribute' ? callee(n)!.childForFieldName('object') : null;
    if (method && DIGEST_METHODS.has(method) && receiver) return macObject(model, receiver, hops + 1) ? n : null;
    if (method && DIGEST_TEXT_METHODS.has(method)) return receiver ? macOrigin(model, receiver, hops + 1) : null;
    if (name && DIGEST_WRAPPERS.test(name)) { const arg = positionalArg(n, 0); return arg ? macOrigin(model, arg, hops + 1) : null; }
    return null;
  }
  if ((n.type !== 'identifier' && n.type !== 'attribute') || !model.mayBeAssigned(n)) return null;
  const reaching = model.reachingValues(n);
  for (const v of reaching?.values ?? []) { const o = v && macOrigin(model, v, hops + 1); if (o) return o; }
  return null;
}

/** `hmac.new(...)` itself, or a name bound to it (`mac = hmac.new(key, digestmod=sha256); mac.update(msg)`). */
function macObject(model: PythonModel, expr: SyntaxNode, hops: number): boolean {
  if (hops > MAX_HOPS) return false;
  const n = unparenthesize(expr);
  if (n.type === 'call') { const name = model.callName(n); return !!name && MAC_CONSTRUCTORS.has(name) && name !== 'hmac.digest'; }
  if (n.type !== 'identifier' || !model.mayBeAssigned(n)) return false;
  return (model.reachingValues(n)?.values ?? []).some((v) => v !== null && macObject(model, v, hops + 1));
}

/** The secret word in a value's name (`expected_signature` → signature), or null. */
function secretNameWord(name: string): string | null {
  const words = nameWords(name);
  while (words.length > 1 && COPY_WORDS.has(words[words.length - 1]!)) words.pop();
  const last = words[words.length - 1];
  if (!last || !SECRET_NAME_WORDS.has(last)) return null;
  if (words.slice(0, -1).some((w) => NEGATING_WORDS.has(w) || NOT_SECRET_QUALIFIERS.has(w))) return null;
  return last;
}

/**
 * `self.TOKEN` where the class body binds `TOKEN` only to string literals (`ATTRIBUTES = (TOKEN, URL) = ('token',
 * 'url')`): the name of an attribute, key or property, fixed in the source, not a secret the object holds at run
 * time. Classes and their bases of this file are read; a binding anywhere else (a method's `self.TOKEN = …`) keeps
 * it a candidate.
 */
function literalClassConstant(model: PythonModel, expr: SyntaxNode): boolean {
  const n = unparenthesize(expr);
  const object = n.type === 'attribute' ? n.childForFieldName('object') : null;
  const name = n.childForFieldName('attribute')?.text ?? '';
  if (object?.type !== 'identifier' || !['self', 'cls'].includes(object.text) || !/^[A-Z][A-Z0-9_]*$/.test(name)) return false;
  const fn = enclosingFunction(n);
  const cls = fn ? model.enclosingClass(fn) : null;
  if (!cls) return false;
  const values: SyntaxNode[] = [];
  const seen = new Set<number>();
  const visit = (c: SyntaxNode, depth: number): void => {
    if (seen.has(c.id) || depth > 3) return;
    seen.add(c.id);
    for (const stmt of c.childForFieldName('body')?.namedChildren ?? []) {
      const assign = stmt?.type === 'expression_statement' ? stmt.namedChild(0) : null;
      if (assign?.type === 'assignment') values.push(...classBodyValues(assign, name));
    }
    for (const b of model.classBases(c)) {
      const base = model.root.descendantsOfType('class_definition').find((d) => d.childForFieldName('name')?.text === b.text);
      if (base) visit(base, depth + 1);
    }
  };
  visit(cls, 0);
  if (values.length === 0 || !values.every((v) => unparenthesize(v).type === 'string' || unparenthesize(v).type === 'concatenated_string')) return false;
  // Not rebound on the instance by a method.
  return !descendantsOfType(cls, 'assignment').some((a) => {
    const left = a.childForFieldName('left');
    return left?.type === 'attribute' && left.text.replace(/\s+/g, '') === `${object.text}.${name}`;
  });
}

/**
 * The values a class-body assignment binds to `name`: `NAME = v`, and in `ALL = (A, NAME) = ('a', 'n')` the
 * element at NAME's position of the innermost right side.
 */
function classBodyValues(assign: SyntaxNode, name: string): SyntaxNode[] {
  const targets: SyntaxNode[] = [];
  let a: SyntaxNode | null = assign;
  let right: SyntaxNode | null = null;
  while (a?.type === 'assignment') {
    const left = a.childForFieldName('left');
    if (left) targets.push(left);
    right = a.childForFieldName('right');
    a = right;
  }
  if (!right) return [];
  const out: SyntaxNode[] = [];
  for (const t of targets) {
    const target = unparenthesize(t);
    if (target.type === 'identifier') { if (target.text === name) out.push(right); continue; }
    const parts = target.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
    const i = parts.findIndex((p) => p.type === 'identifier' && p.text === name);
    if (i === -1) continue;
    const r = unparenthesize(right);
    const items = r.type === 'tuple' || r.type === 'list' || r.type === 'expression_list'
      ? r.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment') : [];
    // Unpacked from something other than a literal sequence of the same length: not known.
    out.push(items.length === parts.length ? items[i]! : right);
  }
  return out;
}

function neverSecret(expr: SyntaxNode): boolean {
  const n = unparenthesize(expr);
  if (isConstant(n) || n.type === 'none' || n.type === 'true' || n.type === 'false') return true;
  if (n.type === 'call') { const name = calleeName(n); return !!name && NON_SECRET_CALLS.has(name) && callee(n)?.type === 'identifier'; }
  // `CONSTANT_NAME` values are identifiers for kinds of things, not secrets held at run time.
  const name = operandName(n);
  return n.type !== 'subscript' && !!name && /^[A-Z][A-Z0-9_]+$/.test(name) && name.includes('_');
}

/** A side that comes from the request is the least likely to be the expected secret. */
const SOURCE_RANK = { local: 0, caller: 1, request: 2 } as const;

/**
 * `self.signature == other.signature`, or any comparison inside `__eq__`/`__ne__`: two objects compared field by
 * field (an inspect.Signature, a model), not a client's claim checked against a secret.
 */
function structuralEquality(left: SyntaxNode, right: SyntaxNode): boolean {
  const l = unparenthesize(left);
  const r = unparenthesize(right);
  if (l.type === 'attribute' && r.type === 'attribute' && operandName(l) === operandName(r)) return true;
  for (let n = left.parent; n; n = n.parent) {
    if (n.type === 'function_definition') return /^__(eq|ne)__$/.test(n.childForFieldName('name')?.text ?? '');
  }
  return false;
}

/**
 * True when `expr` carries the caller's or the request's data: provenance() directly, or through tuple unpacking and
 * `self.` helper methods given such data (`sig, expires = self._parse(env)`).
 */
function callerValue(model: PythonModel, expr: SyntaxNode, hops = 0): boolean {
  if (provenance(model, expr)) return true;
  if (hops > MAX_HOPS) return false;
  const n = unparenthesize(expr);
  if (n.type === 'call') {
    const fn = callee(n);
    if (fn?.type !== 'attribute' || fn.childForFieldName('object')?.text !== 'self') return false;
    return (n.childForFieldName('arguments')?.namedChildren ?? []).some((a) => a !== null && a.type !== 'keyword_argument' && callerValue(model, a, hops + 1));
  }
  if (n.type !== 'identifier') return false;
  // `a, b = value`: the unpacked names carry the value's origin.
  for (const def of model.dataflow(model.dataflowOwner(n)).definitionsOf(n)) {
    const assign = def.type === 'expression_statement' ? def.namedChild(0) : null;
    const left = assign?.type === 'assignment' ? assign.childForFieldName('left') : null;
    if (left && (left.type === 'pattern_list' || left.type === 'tuple_pattern') && callerValue(model, assign!.childForFieldName('right')!, hops + 1)) return true;
  }
  return (model.reachingValues(n)?.values ?? []).some((v) => v !== null && callerValue(model, v, hops + 1));
}

interface Secret { node: SyntaxNode; why: string; origin: SyntaxNode | null }

function secretSide(model: PythonModel, expr: SyntaxNode): Secret | null {
  const origin = macOrigin(model, expr);
  if (origin) return { node: expr, why: 'a keyed MAC', origin };
  const name = operandName(expr);
  const word = name ? secretNameWord(name) : null;
  return word ? { node: expr, why: `a ${word}`, origin: null } : null;
}

export default defineRule({
  meta: {
    id: 'non-constant-time-compare',
    cwe: 208,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      membership: {
        text: '`{other}` is looked up among the keyed MACs `{secret}` with `{op}`, which compares each with `==` and returns as soon as a byte differs: the response time tells a client how much of a forged `{other}` is right',
        fix: 'Compare each expected value in constant time: `{negate}any(hmac.compare_digest(mac, {other}) for mac in {secret})`',
      },
      timing: {
        text: '`{secret}` ({why}) is compared with `{other}` using `{op}`, which returns as soon as a byte differs: the response time tells a client how much of a forged `{other}` is right',
        fix: 'Compare in constant time: `{negate}hmac.compare_digest({secret}, {other})` (both str or both bytes)',
      },
    },
    docs: {
      summary: 'Secret (MAC, signature, token, password) compared with == against a client-supplied value',
      why: 'String and bytes equality stops at the first differing position. A client that can send many guesses and time the answers learns the expected signature or token one byte at a time, and then forges requests that pass the check (CWE-208: observable timing discrepancy). Network jitter slows the attack down but does not stop it. **Class.** The expected side is a keyed MAC computed in the function (`hmac.new(...)`, a helper of this file or a method of its class that returns one, re-encoded or stripped: `base64.b64encode(mac.digest()).strip()`) or a value named as a signature, token or password, and the other side comes from the request or the caller (a parameter, an item of one, `attributes.get(\'signature\') or \'invalid\'`). Fixes of this class recur across OpenStack: nova\'s metadata handler and EC2 signature checks, keystone\'s EC2/S3 token signatures, swift\'s tempurl and formpost signatures, octavia\'s health-message HMAC.',
      example: 'import hashlib\nimport hmac\n\ndef verify(req, key, instance_id):\n    signature = req.headers.get("X-Signature")\n    expected = hmac.new(key, instance_id, hashlib.sha256).hexdigest()\n    if expected != signature:\n        raise Forbidden()\n',
      useInstead: 'import hashlib\nimport hmac\n\ndef verify(req, key, instance_id):\n    signature = req.headers.get("X-Signature")\n    expected = hmac.new(key, instance_id, hashlib.sha256).hexdigest()\n    if not hmac.compare_digest(expected, signature or ""):\n        raise Forbidden()\n',
      fix: 'Use `hmac.compare_digest(a, b)` (or a project helper built on it such as `oslo_utils.secretutils.constant_time_compare`) for every comparison that decides whether a client-supplied MAC, signature, token or password is right.',
      references: ['https://cwe.mitre.org/data/definitions/208.html', 'https://docs.python.org/3/library/hmac.html#hmac.compare_digest'],
    },
  },
  create(ctx): Visitors {
    if (ctx.model.isTestSupport()) return {};
    /** `claim in macs`: a client's value looked up among expected MACs with `in`, which compares with `==`. */
    const membership = (left: SyntaxNode, operator: string, right: SyntaxNode): boolean => {
      const origin = macOrigin(ctx.model, right);
      if (!origin || neverSecret(left) || !callerValue(ctx.model, left)) return false;
      ctx.report({
        node: left.parent!,
        messageId: 'membership',
        confidence: 'high',
        data: { secret: abbreviate(right.text), other: abbreviate(left.text), op: operator, negate: operator === 'not in' ? 'not ' : '' },
        evidence: [{ node: origin, message: 'the expected values are keyed MACs computed here' }],
      });
      return true;
    };
    return {
      comparison_operator(node) {
        for (const { left, operator, right } of comparisonPairs(node)) {
          if (operator === 'in' || operator === 'not in') { if (membership(left, operator, right)) return; continue; }
          if (operator !== '==' && operator !== '!=') continue;
          if (neverSecret(left) || neverSecret(right) || left.text === right.text || structuralEquality(left, right)) continue;
          if (literalClassConstant(ctx.model, left) || literalClassConstant(ctx.model, right)) continue;
          const l = secretSide(ctx.model, left);
          const r = secretSide(ctx.model, right);
          // The secret is the side with a MAC origin, else the side that does not itself come from the request;
          // the other side must carry the caller's or the request's value.
          const rank = (s: Secret): number => (s.origin ? 0 : 3) + SOURCE_RANK[provenance(ctx.model, s.node) ?? 'local'];
          const candidates = [l, r].filter((s): s is Secret => s !== null).sort((a, b) => rank(a) - rank(b));
          for (const secret of candidates) {
            const other = secret.node === left ? right : left;
            if (!provenance(ctx.model, other)) continue;
            ctx.report({
              node,
              messageId: 'timing',
              confidence: secret.origin ? 'high' : 'medium',
              data: { secret: abbreviate(secret.node.text), why: secret.why, other: abbreviate(other.text), op: operator, negate: operator === '!=' ? 'not ' : '' },
              evidence: secret.origin ? [{ node: secret.origin, message: 'the expected value is a keyed MAC computed here' }] : [],
            });
            return;
          }
        }
      },
    };
  },
});
