// B505: RSA/DSA keys below 2048 bits and elliptic curves below 224 bits generated with cryptography or
// PyCrypto/PyCryptodome. Sizes must be literals (or curve constants); computed sizes are not judged.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { argument, integerValue, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { lookupTable } from '../../../lookupTable.js';

type Algorithm = 'RSA' | 'DSA' | 'EC';

/** NIST SP 800-57 / BSI guidance as Bandit encodes it: below `high` is breakable today, below `medium` soon. */
const LIMITS: Record<Algorithm, { high: number; medium: number }> = {
  RSA: { high: 1024, medium: 2048 }, DSA: { high: 1024, medium: 2048 }, EC: { high: 160, medium: 224 },
};

const CURVE_BITS: Record<string, number> = lookupTable({
  SECT571K1: 571, SECT571R1: 570, SECP521R1: 521, BrainpoolP512R1: 512, SECT409K1: 409, SECT409R1: 409,
  BrainpoolP384R1: 384, SECP384R1: 384, SECT283K1: 283, SECT283R1: 283, BrainpoolP256R1: 256, SECP256K1: 256,
  SECP256R1: 256, SECT233K1: 233, SECT233R1: 233, SECP224R1: 224, SECP192R1: 192, SECT163K1: 163, SECT163R2: 163,
});

/** Key generators: qualified name → algorithm, position and keyword of the size (or curve) argument. */
const GENERATORS: Record<string, [Algorithm, number, string]> = lookupTable({
  'cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key': ['RSA', 1, 'key_size'],
  'cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key': ['DSA', 0, 'key_size'],
  'cryptography.hazmat.primitives.asymmetric.dsa.generate_parameters': ['DSA', 0, 'key_size'],
  'cryptography.hazmat.primitives.asymmetric.ec.generate_private_key': ['EC', 0, 'curve'],
  'Crypto.PublicKey.RSA.generate': ['RSA', 0, 'bits'],
  'Crypto.PublicKey.DSA.generate': ['DSA', 0, 'bits'],
  'Cryptodome.PublicKey.RSA.generate': ['RSA', 0, 'bits'],
  'Cryptodome.PublicKey.DSA.generate': ['DSA', 0, 'bits'],
});

const GENERATOR_NAMES = Object.keys(GENERATORS);

export default defineRule({
  meta: {
    id: 'weak-cryptographic-key',
    cwe: 326,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B505',
    banditName: 'weak_cryptographic_key',
    messages: {
      weak: {
        text: '`{call}` generates a {bits}-bit {algorithm} key; {algorithm} keys below {limit} bits are considered breakable',
        fix: 'Generate at least {recommended} with `{call}`',
      },
    },
    docs: {
      summary: 'RSA/DSA key under 2048 bits or elliptic curve under 224 bits',
      why: 'Key length bounds the work an attacker needs to recover the private key. 512- and 1024-bit RSA/DSA keys and curves under 160 bits are within reach of public efforts; anything under 2048 bits (224 for EC) no longer meets NIST SP 800-57 (CWE-326).',
      example: 'from cryptography.hazmat.primitives.asymmetric import rsa\n\ndef new_key():\n    return rsa.generate_private_key(public_exponent=65537, key_size=1024)\n',
      useInstead: 'from cryptography.hazmat.primitives.asymmetric import rsa\n\ndef new_key():\n    return rsa.generate_private_key(public_exponent=65537, key_size=3072)\n',
      fix: 'Use RSA keys of 2048 bits or more (3072 for long-lived keys), or elliptic curves such as SECP256R1 or Ed25519.',
      references: [
        'https://cwe.mitre.org/data/definitions/326.html',
        'https://csrc.nist.gov/pubs/sp/800/57/pt1/r5/final',
        'https://cryptography.io/en/latest/hazmat/primitives/asymmetric/rsa/#generation',
      ],
      banditDifferences: 'Curves given as instances (`ec.SECP192R1()`) are recognised (Bandit only reads the class name), and dsa.generate_parameters is checked. Key sizes that are not literals are not judged, as in Bandit.',
    },
  },
  create(ctx): Visitors {
    // A file that can call none of them gets no visitor (it would be offered every call of the file).
    if (!ctx.model.mayCall(GENERATOR_NAMES)) return {};
    return {
      call(node) {
        const name = ctx.model.callName(node);
        const generator = name === null ? undefined : GENERATORS[name];
        if (!generator) return;
        const [algorithm, position, keyword] = generator;
        const arg = argument(node, position, keyword);
        if (!arg) return;
        const bits = algorithm === 'EC' ? curveBits(ctx.model.qualifiedName.bind(ctx.model), arg) : integerValue(arg);
        if (bits === null) return;
        const { high, medium } = LIMITS[algorithm];
        if (bits >= medium) return;
        const recommended = algorithm === 'EC' ? 'a 256-bit curve (e.g. ec.SECP256R1())' : '2048 bits (3072 for long-lived keys)';
        ctx.report({
          node, messageId: 'weak', severity: bits < high ? 'high' : 'medium',
          data: { call: name!, bits, algorithm, limit: bits < high ? high : medium, recommended },
        });
      },
    };
  },
});

function curveBits(qualify: (n: SyntaxNode) => string | null, arg: SyntaxNode): number | null {
  let n = unparenthesize(arg);
  if (n.type === 'call') n = n.childForFieldName('function') ?? n;
  const curve = qualify(n)?.split('.').pop();
  return curve === undefined ? null : CURVE_BITS[curve] ?? null;
}
