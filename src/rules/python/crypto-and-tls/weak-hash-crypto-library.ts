// B303: MD2/MD4/MD5/SHA-1 through PyCrypto/PyCryptodome (`Crypto.Hash.MD5.new`) or pyca/cryptography
// (`hashes.MD5()`). hashlib's constructors are B324's job (insecure-hash-function).
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistCallRule } from '../../../rulekit/blacklist.js';

export default blacklistCallRule(blacklistEntry('B303'), {
  messages: {
    fingerprint: {
      text: '`{code}()` names a certificate or key by its {name} fingerprint: an identifier shown or looked up, which needs second-preimage resistance (unbroken for these hashes), not collision resistance',
      fix: 'Prefer a SHA-256 fingerprint for new interfaces; keep this one if clients expect it',
    },
  },
  // `cert.fingerprint(hashes.SHA1())` (nova's keypair fingerprints): an identifier, not a signature or a MAC.
  refine({ call }) {
    const args = call.parent;
    const outer = args?.type === 'argument_list' ? args.parent : null;
    const fn = outer?.type === 'call' ? outer.childForFieldName('function') : null;
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'fingerprint') {
      return { messageId: 'fingerprint', severity: 'low', confidence: 'low' };
    }
    return {};
  },
  docs: {
    summary: 'Broken hash algorithm (MD2, MD4, MD5, SHA-1) from a crypto library',
    why: 'Collisions for MD5 and SHA-1 can be computed on commodity hardware, and MD2/MD4 are weaker still. A signature, integrity check or fingerprint built on them can be forged with a second document that hashes the same, and unsalted fast hashes of passwords are cracked by lookup (CWE-328).',
    example: 'from Crypto.Hash import MD5\n\ndef fingerprint(data):\n    return MD5.new(data).hexdigest()\n',
    useInstead: 'from Crypto.Hash import SHA256\n\ndef fingerprint(data):\n    return SHA256.new(data).hexdigest()\n',
    fix: 'Use SHA-256 or SHA-3 (`SHA256.new()`, `hashes.SHA256()`); for passwords use a slow key-derivation function (scrypt, PBKDF2, Argon2). When a legacy protocol dictates MD5, keep it out of any security decision and suppress the finding with a reason.',
    references: [
      'https://cwe.mitre.org/data/definitions/328.html',
      'https://cryptography.io/en/latest/hazmat/primitives/cryptographic-hashes/',
    ],
    banditDifferences: 'Bandit files these under CWE-327; pillar uses the more specific CWE-328 (weak hash). pillar also matches `Crypto.Hash.SHA1.new` / `Cryptodome.Hash.SHA1.new`, the module name PyCryptodome uses for SHA-1, which Bandit misses.',
  },
});
