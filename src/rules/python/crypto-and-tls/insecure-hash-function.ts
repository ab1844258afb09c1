// B324: hashlib's MD4/MD5/SHA-1 constructors and hashlib.new() with those names, unless the call says
// usedforsecurity=False; and crypt.crypt()/crypt.mksalt() with the weak DES, MD5 and Blowfish methods.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { WEAK_CRYPT_METHODS, WEAK_HASHLIB_FUNCTIONS } from '../../../models/python/blacklists.js';
import { argument, dottedName, isTrue, keywordArg, positionalArgs, stringValue } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
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
      crypt: {
        text: '`{code}` hashes with the weak crypt method {method}, which is fast to brute-force',
        fix: 'Hash passwords with a modern KDF (hashlib.scrypt, argon2-cffi, passlib) instead of crypt.{method}',
      },
    },
    docs: {
      summary: 'Weak hashlib or crypt algorithm used without usedforsecurity=False',
      why: 'MD4, MD5 and SHA-1 have practical collisions, and crypt\'s DES, MD5 and Blowfish methods are either broken or too cheap to compute. Integrity checks, signatures, tokens and password hashes built on them can be forged or cracked (CWE-328). Python 3.9 added `usedforsecurity=False` so that code can state when such a hash is only a checksum.',
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
  create(ctx) {
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
          ctx.report({ node, messageId: 'hashlib', data: { code: dottedName(node.childForFieldName('function')) ?? name, algorithm: algorithm.toUpperCase() } });
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
