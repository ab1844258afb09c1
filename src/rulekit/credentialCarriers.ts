// Mappings that carry a credential, as the code itself shows: a function that reads a password or secret item out of
// a parameter (`connection_data['auth_password']`, `props.get('chap_password')`, `info['data']['password']`) was
// given a mapping holding that credential, and `str()` of a mapping renders every item. Logging the mapping whole,
// or building it into an error message, writes the credential (nova's XenAPI volume code, OSSA-2016-002: the iSCSI
// connection data whose CHAP password it read was put into a StorageError; os-brick and cinder mask the same
// connection properties before logging). The item keys are the credential fields of the data the function is
// given (Cinder's connection properties, config sections), read by the code, never a variable's name.
import { selectedKeys } from '../analysis/taint/selectors.js';
import { parameterNames } from '../languages/python/dataflow/functions.js';
import { loopLiteralValues } from '../languages/python/dataflow/literalKeys.js';
import { lineOf } from '../languages/python/dataflow/taintValue.js';
import type { PythonModel } from '../languages/python/model.js';
import { assignmentTargeting, enclosingFunction, isConstant, positionalArgs, stringValue, unparenthesize } from '../languages/python/syntax.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { CREDENTIAL_PARAMETER } from '../models/python/openstack/secrets.js';

/** A parameter read for a credential item: the keys leading to it, and the read that shows it. */
export interface CredentialCarrier {
  fn: SyntaxNode;
  param: string;
  /** Item keys from the parameter to the credential (`['data', 'auth_password']`). */
  path: string[];
  at: SyntaxNode;
}

/** A credential key read by subscript or `.get`, as written (the gate that spares files without one). */
const CREDENTIAL_READ_TEXT = /(?:\[|\.get\(|\.pop\()\s*['"](?:[a-z0-9]+_)*(?:password|passwd|secret)['"]/i;

/** The mapping and key of an item read: `m['k']`, `m.get('k', …)`, `m.pop('k', …)`; null for anything else. */
function itemRead(n: SyntaxNode): { of: SyntaxNode; key: string | null } | null {
  if (n.type === 'subscript') return { of: n.childForFieldName('value')!, key: stringValue(n.childForFieldName('subscript')) };
  if (n.type !== 'call') return null;
  const fn = n.childForFieldName('function');
  if (fn?.type !== 'attribute' || !['get', 'pop'].includes(fn.childForFieldName('attribute')!.text)) return null;
  const key = positionalArgs(n)[0];
  return key ? { of: fn.childForFieldName('object')!, key: stringValue(key) } : null;
}

/**
 * An item written, not read: the target of an assignment (`m['password'] = None`; a non-constant value stored is
 * storedCredentialKey's business) or of `del`.
 */
function isWritten(n: SyntaxNode): boolean {
  return assignmentTargeting(n) !== null || n.parent?.type === 'delete_statement';
}

/** `root['a']['b']` → root and ['a', 'b'] (literal keys only), or null. */
export function keyChain(n: SyntaxNode): { root: SyntaxNode; keys: string[] } | null {
  const keys: string[] = [];
  let cur = unparenthesize(n);
  for (;;) {
    const read = itemRead(cur);
    if (!read) break;
    if (read.key === null) return null;
    keys.unshift(read.key);
    cur = unparenthesize(read.of);
  }
  return keys.length > 0 ? { root: cur, keys } : null;
}

/** The value a local is assigned in `fn`, when it is assigned exactly once there. */
function singleAssignment(fn: SyntaxNode, name: string): SyntaxNode | null {
  let found: SyntaxNode | null = null;
  for (const a of fn.descendantsOfType('assignment')) {
    const left = a.childForFieldName('left');
    if (left?.type !== 'identifier' || left.text !== name || enclosingFunction(a)?.id !== fn.id) continue;
    if (found) return null;
    found = a.childForFieldName('right');
  }
  return found;
}

const cache = new WeakMap<PythonModel, CredentialCarrier[]>();

/**
 * Every parameter of the module's functions that the function reads a credential item from, directly or through a
 * local assigned once from an item of it (`data = connection_info['data']; data['auth_password']`).
 */
export function credentialCarriers(model: PythonModel): CredentialCarrier[] {
  const known = cache.get(model);
  if (known) return known;
  const out: CredentialCarrier[] = [];
  if (CREDENTIAL_READ_TEXT.test(model.source)) {
    const seen = new Set<string>();
    for (const n of model.root.descendantsOfType(['subscript', 'call'])) {
      const read = itemRead(n);
      if (!read || read.key === null || !CREDENTIAL_PARAMETER.test(read.key) || isWritten(n)) continue;
      const chain = keyChain(n);
      const fn = enclosingFunction(n);
      if (!chain || !fn || chain.root.type !== 'identifier') continue;
      const params = new Set(parameterNames(fn).map((p) => p.name));
      let root = chain.root.text;
      let path = chain.keys;
      if (!params.has(root)) {
        const value = singleAssignment(fn, root);
        const outer = value ? keyChain(value) : null;
        if (!outer || outer.root.type !== 'identifier' || !params.has(outer.root.text)) continue;
        root = outer.root.text;
        path = [...outer.keys, ...path];
      }
      const key = `${fn.id}:${root}:${path.join('\0')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ fn, param: root, path, at: n });
    }
  }
  cache.set(model, out);
  return out;
}

/**
 * The credential paths left in an item read from a carrier (`connection_info['data']` of a parameter carrying
 * `['data', 'auth_password']` carries `['auth_password']`): the taint analysis moves a source's origin to an item
 * read right at it, and the item goes on carrying what lies under it. Undefined when `n` is no such read.
 */
export function carriedByItem(n: SyntaxNode, carried: (fn: SyntaxNode, param: string) => string[][] | undefined): string[][] | undefined {
  if (n.type !== 'subscript' && n.type !== 'call') return undefined;
  const chain = keyChain(n);
  const fn = enclosingFunction(n);
  if (!chain || !fn || chain.root.type !== 'identifier') return undefined;
  const paths = carried(fn, chain.root.text);
  if (!paths) return undefined;
  return paths.filter((p) => chain.keys.every((k, i) => p[i] === k)).map((p) => p.slice(chain.keys.length));
}

/**
 * The credential keys of a mapping the code builds (`{'username': u, 'password': p}`, `dict(password=p)`): keys that
 * name a password or secret, given a value that is not a constant (a literal is the hard-coded-password rules'
 * business; `None` or `'***'` is no credential). The mapping carries them, and `str()` of it renders them.
 */
export function builtCredentialKeys(model: PythonModel, n: SyntaxNode): string[] {
  const keys: string[] = [];
  const given = (v: SyntaxNode | null): boolean => v !== null && !constantValued(model, v);
  const isDictCall = (call: SyntaxNode): boolean => model.callName(call) === 'dict';
  if (n.type === 'dictionary') {
    for (const pair of n.namedChildren) {
      if (pair?.type !== 'pair') continue;
      const key = stringValue(pair.childForFieldName('key'));
      if (key !== null && CREDENTIAL_PARAMETER.test(key) && given(pair.childForFieldName('value'))) keys.push(key);
    }
  } else if (n.type === 'call' && isDictCall(n)) {
    for (const a of n.childForFieldName('arguments')?.namedChildren ?? []) {
      if (a?.type !== 'keyword_argument') continue;
      const key = a.childForFieldName('name')!.text;
      if (CREDENTIAL_PARAMETER.test(key) && given(a.childForFieldName('value'))) keys.push(key);
    }
  }
  return keys;
}

/**
 * The credential key of a store into a mapping (`props['auth_password'] = login_passwd`): a key that names a password
 * or secret, given a value that is not a constant, as for a mapping the code builds (builtCredentialKeys). From
 * there on the mapping carries the credential under that key.
 */
export function storedCredentialKey(model: PythonModel, target: SyntaxNode): string | null {
  const stmt = target.type === 'subscript' ? assignmentTargeting(target) : null;
  if (!stmt) return null;
  const key = stringValue(target.childForFieldName('subscript'));
  const value = stmt.childForFieldName('right');
  return key !== null && CREDENTIAL_PARAMETER.test(key) && value !== null && !constantValued(model, value) ? key : null;
}

/**
 * A constant, or a name that only ever holds one: assigned constants, or the target of a loop over literal strings
 * (`for password in ['NULL', '']`, the well-known defaults a tool tries, are no secret).
 */
function constantValued(model: PythonModel, expr: SyntaxNode): boolean {
  const e = unparenthesize(expr);
  if (isConstant(e)) return true;
  if (e.type !== 'identifier') return false;
  if (loopLiteralValues(model, e) !== null) return true;
  const bindings = model.bindingsOf(e);
  return bindings.length > 0 && bindings.every((b) => b.value !== null && isConstant(b.value));
}

/** A mapping literal or `dict(...)` with a credential key, or a store under one, as written (the gate that spares other files). */
export const BUILT_CREDENTIAL_TEXT = /['"](?:[a-z0-9]+_)*(?:password|passwd|secret)['"]\s*(?::|\]\s*=[^=])|\bdict\([^)]*\b(?:[a-z0-9]+_)*(?:password|passwd|secret)\s*=/i;

/** How a finding names the read: `connection_data['auth_password']` (line 96). */
export function describeCarrier(c: CredentialCarrier): string {
  return `\`${c.param}${c.path.map((k) => `['${k}']`).join('')}\` is read at line ${lineOf(c.at)}`;
}

/**
 * Whether the part `parts` (selectors, analysis/taint/selectors.ts) of a carrier still holds a credential it carries:
 * the whole mapping, its values or items, an item on the way to a credential or inside one; not an item under another
 * key (`['volume_id']`) nor the keys alone.
 */
export function carriesCredential(parts: readonly string[], paths: ReadonlyArray<readonly string[]>): boolean {
  return paths.some((path) => {
    let depth = 0;
    for (let i = 0; i < parts.length; i += 1) {
      if (depth >= path.length) return true;
      const sel = parts[i]!;
      // The keys of a mapping, or the key of an item pair, are names, not values.
      if (sel === 'keys' || (sel === '*0' && (parts[i - 1] === 'items' || (parts[i - 1] === '*' && parts[i - 2] === 'items')))) return false;
      const keys = selectedKeys(sel);
      if (keys) {
        if (!keys.includes(path[depth]!)) return false;
        depth += 1;
      } else if (sel === 'values' || sel === 'items' || sel === '?') {
        // Some item of the mapping, which may be the one on the way to the credential.
        depth += 1;
      }
    }
    return true;
  });
}
