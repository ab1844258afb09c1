// B305: pyca/cryptography's ECB mode object, which encrypts every block independently.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistCallRule } from '../../../rulekit/blacklist.js';

export default blacklistCallRule(blacklistEntry('B305'), {
  docs: {
    summary: 'Block cipher used in ECB mode',
    why: 'ECB encrypts each block on its own with the same key, so equal plaintext blocks produce equal ciphertext blocks: the structure of the data shows through, blocks can be reordered or replayed, and nothing detects tampering (CWE-327).',
    example: 'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\n\ndef encryptor(key):\n    return Cipher(algorithms.AES(key), modes.ECB()).encryptor()\n',
    useInstead: 'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\n\ndef encryptor(key, nonce):\n    return Cipher(algorithms.AES(key), modes.GCM(nonce)).encryptor()\n',
    fix: 'Use an authenticated mode (GCM, or the AESGCM / ChaCha20Poly1305 AEAD classes) with a fresh random nonce for every message.',
    references: [
      'https://cwe.mitre.org/data/definitions/327.html',
      'https://cryptography.io/en/latest/hazmat/primitives/symmetric-encryption/#cryptography.hazmat.primitives.ciphers.modes.ECB',
    ],
    banditDifferences: 'None in what is matched. Neither Bandit nor pillar reports PyCryptodome\'s `AES.new(key, AES.MODE_ECB)`, which passes the mode as a constant rather than calling a mode class; that is a known gap.',
  },
});
