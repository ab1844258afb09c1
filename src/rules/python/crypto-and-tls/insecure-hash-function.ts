// B324: hashlib's MD4/MD5/SHA-1 constructors and hashlib.new() with those names, unless the call says
// usedforsecurity=False; and crypt.crypt()/crypt.mksalt() with the weak DES, MD5 and Blowfish methods.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { WEAK_CRYPT_METHODS, WEAK_HASHLIB_FUNCTIONS } from '../../../models/python/blacklists.js';
import { argument, descendantsOfType, dottedName, enclosingFunction, isTrue, keywordArg, positionalArgs, stringValue } from '../../../languages/python/syntax.js';
import { PROTOCOL_MD5_FIELDS } from '../../../models/python/protocolDigests.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { lookupTable } from '../../../lookupTable.js';

/** The crypt argument that names the method: crypt(word, salt) and mksalt(method). */
const CRYPT_METHOD_ARG: Readonly<Record<string, { index: number; keyword: string }>> = lookupTable({
  crypt: { index: 1, keyword: 'salt' },
  mksalt: { index: 0, keyword: 'method' },
});

/** Bandit's rule: only an absent or literally-True usedforsecurity counts as "for security". */
function forSecurity(call: SyntaxNode): boolean {
  const flag = keywordArg(call, 'usedforsecurity');
  return flag === null || isTrue(flag);
}

/** Attributes of a hash object that describe the algorithm; reading only these hashes nothing. */
const METADATA = new Set(['digest_size', 'block_size', 'name']);
const DIGESTS = new Set(['hexdigest', 'digest']);

/**
 * What a weak digest is visibly used for when that use carries no security: reading only the algorithm's metadata
 * (`sha1().digest_size`), or a digest kept in a local that is only logged, joined into a path or formatted into a
 * name (a cache file name, an ETag-like key). Null when a use may be a security one (compared, returned, stored, fed
 * to a cipher) or is unknown. Bandit reports these too; pillar keeps them, at low confidence.
 */
function nonSecurityUse(model: PythonModel, call: SyntaxNode): string | null {
  if (protocolChecksum(call)) return 'it is the ETag/Content-MD5 checksum the protocol defines as MD5';
  const attr = call.parent;
  if (attr?.type !== 'attribute') return null;
  const member = attr.childForFieldName('attribute')?.text ?? '';
  if (METADATA.has(member) && positionalArgs(call).length === 0) return `only its ${member} is read`;
  if (!DIGESTS.has(member) || attr.parent?.type !== 'call') return null;
  const digest = attr.parent;
  const assign = digest.parent?.type === 'assignment' && digest.parent.childForFieldName('right')?.id === digest.id ? digest.parent : null;
  const target = assign?.childForFieldName('left');
  if (!assign || target?.type !== 'identifier') return null;
  const fn = enclosingFunction(assign);
  return fn && onlyNamesOrLogs(model, fn, target.text, target, 0) ? `\`${target.text}\` is only logged or used in a file name` : null;
}

/** `x.etag`, `h['ETag']`, `h.get('etag')`, `'Content-MD5'`: a field the protocol defines as an MD5. */
function protocolField(n: SyntaxNode | null): boolean {
  if (!n) return false;
  if (n.type === 'attribute') return PROTOCOL_MD5_FIELDS.has(n.childForFieldName('attribute')?.text.toLowerCase() ?? '');
  if (n.type === 'subscript') return protocolField(n.childForFieldName('subscript'));
  if (n.type === 'call' && n.childForFieldName('function')?.type === 'attribute' && n.childForFieldName('function')?.childForFieldName('attribute')?.text === 'get') {
    return protocolField(positionalArgs(n)[0] ?? null);
  }
  return PROTOCOL_MD5_FIELDS.has(stringValue(n)?.toLowerCase() ?? '');
}

/**
 * The digest is an ETag/Content-MD5 value: `{'ETag': md5(b).hexdigest()}`, `resp.headers['ETag'] = md5(b).hexdigest()`,
 * or `h = md5()` whose every use is `h.update(...)`, a truthiness test, or a digest that is compared with such a
 * field (or only formatted into a message), never returned or stored.
 */
function protocolChecksum(call: SyntaxNode): boolean {
  const attr = call.parent;
  const digest = attr?.type === 'attribute' && DIGESTS.has(attr.childForFieldName('attribute')?.text ?? '') && attr.parent?.type === 'call' ? attr.parent : null;
  if (digest) {
    const p = digest.parent;
    if (p?.type === 'pair' && p.childForFieldName('value')?.id === digest.id) return protocolField(p.childForFieldName('key'));
    if (p?.type === 'assignment' && p.childForFieldName('right')?.id === digest.id) return protocolField(p.childForFieldName('left'));
    return false;
  }
  const assign = call.parent?.type === 'assignment' && call.parent.childForFieldName('right')?.id === call.id ? call.parent : null;
  const target = assign?.childForFieldName('left');
  const fn = assign ? enclosingFunction(assign) : null;
  if (!fn || target?.type !== 'identifier') return false;
  let compared = false;
  for (const u of descendantsOfType(fn, 'identifier')) {
    if (u.text !== target.text || u.id === target.id) continue;
    const p = u.parent!;
    // `h = None` before the hash is made (or after it is done) holds no digest.
    if (p.type === 'assignment' && p.childForFieldName('left')?.id === u.id) {
      if (p.childForFieldName('right')?.type === 'none') continue;
      return false;
    }
    if (p.type === 'if_statement' || p.type === 'boolean_operator' || p.type === 'not_operator') continue;
    const member = p.type === 'attribute' && p.childForFieldName('object')?.id === u.id ? p.childForFieldName('attribute')?.text ?? '' : '';
    if (member === 'update' && p.parent?.type === 'call') continue;
    if (!DIGESTS.has(member) || p.parent?.type !== 'call') return false;
    const use = p.parent;
    const holder = use.parent;
    if (holder?.type === 'comparison_operator') {
      if (!holder.namedChildren.some((side) => side && side.id !== use.id && protocolField(side))) return false;
      compared = true;
      continue;
    }
    // Formatted into a message (`{'actual': h.hexdigest()}`): shown, not trusted.
    if (holder && ['pair', 'argument_list', 'interpolation', 'tuple'].includes(holder.type) && holder.parent?.type !== 'return_statement') continue;
    return false;
  }
  return compared;
}

/** Containers a logged value may sit in on its way to the logging call (`LOG.debug('%(a)s', {'a': x})`). */
const WRAPPERS = new Set(['pair', 'dictionary', 'tuple', 'list', 'argument_list', 'keyword_argument', 'parenthesized_expression', 'binary_operator']);
/** Calls that build or match file names: a digest given to them names a file, it protects nothing. */
const NAMING_CALLS = /^(os\.path\.\w+|re\.(compile|match|search|fullmatch))$/;

/**
 * Every read of `name` in `fn` goes into a logging call, an os.path/re call or an f-string (also inside string
 * formatting or a dict of log arguments), or is handed to a method of
 * the same class whose parameter is used only that way (nova's `_find_base_file(base_dir, fingerprint)`).
 */
function onlyNamesOrLogs(model: PythonModel, fn: SyntaxNode, name: string, binding: SyntaxNode | null, depth: number): boolean {
  const uses = descendantsOfType(fn, 'identifier').filter((i) => i.text === name && i.id !== binding?.id && i.parent?.type !== 'parameters' && i.parent?.type !== 'default_parameter');
  if (uses.length === 0) return false;
  return uses.every((u) => {
    if (u.parent?.type === 'interpolation') return true;
    let n: SyntaxNode = u;
    while (n.parent && WRAPPERS.has(n.parent.type)) n = n.parent;
    if (n.type !== 'argument_list' || n.parent?.type !== 'call') return false;
    const call = n.parent;
    if (model.loggingCall(call) || NAMING_CALLS.test(dottedName(call.childForFieldName('function')) ?? '')) return true;
    // One step into a helper of the same class, through the parameter the value is passed as.
    const index = positionalArgs(call).findIndex((a) => a.id === u.id);
    // The method `self.m(...)` calls, when the class around the call defines it.
    const callee = call.childForFieldName('function');
    const method = depth === 0 && index >= 0 && callee?.type === 'attribute' && callee.childForFieldName('object')?.text === 'self' ? model.definitionOf(callee) : null;
    const param = method?.childForFieldName('parameters')?.namedChildren.filter((p) => p !== null)[index + 1];
    return !!method && param?.type === 'identifier' && onlyNamesOrLogs(model, method, param.text, null, depth + 1);
  });
}

/** What the handler looks at: calls into `hashlib` and `crypt`. */
const HASH_MODULES = ['hashlib.*', 'crypt.*'];

export default defineRule({
  meta: {
    id: 'insecure-hash-function',
    cwe: 328,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B324',
    banditName: 'hashlib',
    messages: {
      hashlib: {
        text: '`{code}` uses the broken {algorithm} hash without usedforsecurity=False; it must not protect integrity, signatures or passwords',
        fix: 'Use hashlib.sha256() (or blake2b); if {algorithm} is only a checksum or cache key, say so with `usedforsecurity=False`',
      },
      notSecurity: {
        text: '`{code}` uses the broken {algorithm} hash, but {use}: no security depends on it here',
        fix: 'Say so with `usedforsecurity=False` (FIPS builds refuse {algorithm} otherwise), or use hashlib.sha256()',
      },
      crypt: {
        text: '`{code}` hashes with the weak crypt method {method}, which is fast to brute-force',
        fix: 'Hash passwords with a modern KDF (hashlib.scrypt, argon2-cffi, passlib) instead of crypt.{method}',
      },
    },
    docs: {
      summary: 'Weak hashlib or crypt algorithm used without usedforsecurity=False',
      why: 'MD4, MD5 and SHA-1 have practical collisions, and crypt\'s DES, MD5 and Blowfish methods are either broken or too cheap to compute. Integrity checks, signatures, tokens and password hashes built on them can be forged or cracked (CWE-328). Python 3.9 added `usedforsecurity=False` so that code can state when such a hash is only a checksum. Where a protocol defines the value as MD5 (an object-store ETag, `Content-MD5`) and the digest is only sent or compared with it, the code did not choose the hash and it detects corruption, not tampering: reported at low confidence.',
      example: 'import hashlib\n\ndef password_hash(password):\n    return hashlib.md5(password.encode()).hexdigest()\n',
      useInstead: 'import hashlib\n\ndef cache_key(name):\n    return hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()\n',
      fix: 'Use SHA-256 or stronger for integrity, and scrypt, PBKDF2 or Argon2 for passwords. Where the weak hash is a non-security checksum (ETags, cache keys, content addressing), pass `usedforsecurity=False` (on Python < 3.9, oslo_utils.secretutils.md5 accepts it too).',
      references: [
        'https://cwe.mitre.org/data/definitions/328.html',
        'https://docs.python.org/3/library/hashlib.html#hashlib.new',
      ],
      banditDifferences: 'Same decisions as Bandit (an absent or True `usedforsecurity` is reported; False or any computed value is not), filed under the more specific CWE-328. pillar requires the call to resolve to the hashlib or crypt module itself, where Bandit accepts any dotted name that merely contains a `hashlib` component.',
    },
  },
  create(ctx): Visitors {
    // A file that can call none of them gets no visitor (it would be offered every call of the file).
    if (!ctx.model.mayCall(HASH_MODULES)) return {};
    return {
      call(node) {
        const name = ctx.model.callName(node);
        // This handler sees every call: the module prefix is tested before the name is split.
        if (!name || !(name.startsWith('hashlib.') || name.startsWith('crypt.'))) return;
        const parts = name.split('.');
        const fn = parts.pop()!;
        const module = parts.join('.');
        if (module === 'hashlib') {
          const algorithm = fn === 'new' ? stringValue(argument(node, 0, 'name'))?.toLowerCase() : fn;
          if (!algorithm || !WEAK_HASHLIB_FUNCTIONS.includes(algorithm) || !forSecurity(node)) return;
          const code = dottedName(node.childForFieldName('function')) ?? name;
          // An explicit usedforsecurity=True is the author saying it protects something: no discount then.
          const use = keywordArg(node, 'usedforsecurity') ? null : nonSecurityUse(ctx.model, node);
          if (use) ctx.report({ node, messageId: 'notSecurity', severity: 'low', confidence: 'low', data: { code, algorithm: algorithm.toUpperCase(), use } });
          else ctx.report({ node, messageId: 'hashlib', data: { code, algorithm: algorithm.toUpperCase() } });
        } else if (module === 'crypt' && CRYPT_METHOD_ARG[fn]) {
          const { index, keyword } = CRYPT_METHOD_ARG[fn];
          const arg = positionalArgs(node).length > index ? positionalArgs(node)[index]! : keywordArg(node, keyword);
          const method = (arg ? dottedName(arg) ?? stringValue(arg) : null)?.split('.').pop();
          if (!method || !WEAK_CRYPT_METHODS.includes(method)) return;
          ctx.report({ node, messageId: 'crypt', severity: 'medium', data: { code: dottedName(node.childForFieldName('function')) ?? name, method } });
        }
      },
    };
  },
});
