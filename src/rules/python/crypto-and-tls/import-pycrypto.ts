// B413: imports from the `Crypto` package, which is either the abandoned PyCrypto or its maintained drop-in
// replacement PyCryptodome. Bandit's high confidence is kept; the docs say how to tell the two apart.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistImportRule } from '../../../rulekit/blacklist.js';

export default blacklistImportRule(blacklistEntry('B413'), {
  // Not a notice: the import itself is the defect (a dead library with known flaws; a CGI handler open to httpoxy).
  profile: 'default',
  docs: {
    summary: 'Crypto.* imported: PyCrypto is unmaintained',
    why: 'PyCrypto has had no release since 2013 and carries known vulnerabilities (e.g. CVE-2013-7459, a heap overflow in AES with a crafted IV). Code that depends on it gets no fixes (CWE-1104). PyCryptodome installs under the same `Crypto` name and is maintained, so the finding is only as certain as the deployment\'s requirements.',
    example: 'from Crypto.Cipher import AES\n\ndef seal(key, nonce, data):\n    return AES.new(key, AES.MODE_GCM, nonce=nonce).encrypt_and_digest(data)\n',
    useInstead: 'from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n\ndef seal(key, nonce, data):\n    return AESGCM(key).encrypt(nonce, data, None)\n',
    fix: 'Move to pyca/cryptography, or pin pycryptodome (or pycryptodomex, imported as `Cryptodome`) in the requirements and suppress the finding with that reason.',
    references: [
      'https://cwe.mitre.org/data/definitions/1104.html',
      'https://github.com/pycrypto/pycrypto/issues/176',
      'https://www.pycryptodome.org/src/vs_pycrypto',
    ],
    banditDifferences: 'Same findings, severity and confidence as Bandit (high/high); pillar files them under CWE-1104 (unmaintained third-party component) where Bandit uses CWE-327. PyCryptodome, a maintained drop-in, installs under the same `Crypto` package name, so a project that pins pycryptodome can suppress the finding with that reason. `Cryptodome.*` (pycryptodomex) is reported by neither tool.',
  },
});
