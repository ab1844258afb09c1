// B304: broken or obsolete ciphers (RC2, RC4, Blowfish, DES/3DES, CAST5, IDEA, SEED, XOR) through PyCrypto,
// PyCryptodome or pyca/cryptography.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistCallRule } from '../../../rulekit/blacklist.js';

export default blacklistCallRule(blacklistEntry('B304'), {
  docs: {
    summary: 'Encryption with a broken or obsolete cipher',
    why: 'RC4 has biased keystreams, DES has a 56-bit key, and 64-bit block ciphers (Blowfish, 3DES, CAST5, IDEA) leak plaintext after a few gigabytes (Sweet32); the "XOR cipher" is no cipher. Data they protect can be recovered or altered by an attacker who sees enough ciphertext (CWE-327).',
    example: 'from Crypto.Cipher import ARC4\n\ndef seal(key, data):\n    return ARC4.new(key).encrypt(data)\n',
    useInstead: 'from cryptography.fernet import Fernet\n\ndef seal(key, data):\n    return Fernet(key).encrypt(data)\n',
    fix: 'Use AES-GCM or ChaCha20-Poly1305 (cryptography\'s AESGCM / ChaCha20Poly1305, or Fernet for a ready-made recipe). Decrypt legacy data once with the old cipher and re-encrypt it.',
    references: [
      'https://cwe.mitre.org/data/definitions/327.html',
      'https://sweet32.info/',
      'https://cryptography.io/en/latest/fernet/',
    ],
    banditDifferences: 'None in what is matched.',
  },
});
