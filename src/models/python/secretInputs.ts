// Where a value must be unpredictable: the salt, key, IV or nonce parameters of standard-library and common crypto
// APIs, and the credential parameters/attributes that libraries declare. Read by predictable-secret-from-random;
// what produces a predictable value (the random module's Mersenne Twister) is listed here too.

/** Functions of `random` (module level, or methods of a `random.Random()` instance) whose results are predictable. */
export const PREDICTABLE_RANDOM_FUNCTIONS: ReadonlySet<string> = new Set([
  'choice', 'choices', 'getrandbits', 'randbytes', 'randint', 'random', 'randrange', 'sample', 'uniform',
]);

/** Classes of `random` whose instances are seeded Mersenne Twisters (SystemRandom is not: it reads os.urandom). */
export const PREDICTABLE_RANDOM_CLASSES: ReadonlySet<string> = new Set(['random.Random']);

/** An argument that must be unpredictable: its position, its keyword, and what it is for the message. */
export interface SecretArgument { index: number; keyword?: string; role: string }

/**
 * Qualified callee → the arguments that must be unpredictable. Positional `index` -1 means keyword-only. Sources:
 * the Python library reference (crypt, hashlib, hmac), oslo.utils' secretutils, bcrypt, PyCryptodome and
 * pyca/cryptography's primitives.
 */
export const SECRET_ARGUMENTS: ReadonlyMap<string, readonly SecretArgument[]> = new Map<string, readonly SecretArgument[]>([
  ['crypt.crypt', [{ index: 1, keyword: 'salt', role: 'password-hash salt' }]],
  ['oslo_utils.secretutils.crypt_password', [{ index: 1, keyword: 'salt', role: 'password-hash salt' }]],
  ['hashlib.pbkdf2_hmac', [{ index: 2, keyword: 'salt', role: 'key-derivation salt' }]],
  ['hashlib.scrypt', [{ index: -1, keyword: 'salt', role: 'key-derivation salt' }]],
  ['hmac.new', [{ index: 0, keyword: 'key', role: 'HMAC key' }]],
  ['hmac.digest', [{ index: 0, keyword: 'key', role: 'HMAC key' }]],
  ['bcrypt.hashpw', [{ index: 1, keyword: 'salt', role: 'password-hash salt' }]],
  ...['Crypto', 'Cryptodome'].flatMap((pkg) => ['AES', 'DES3', 'ChaCha20', 'Blowfish'].map((alg): [string, SecretArgument[]] =>
    [`${pkg}.Cipher.${alg}.new`, [
      { index: 0, keyword: 'key', role: 'cipher key' },
      { index: -1, keyword: 'iv', role: 'cipher IV' },
      { index: -1, keyword: 'nonce', role: 'cipher nonce' },
    ]])),
  ...['AES', 'TripleDES', 'Camellia', 'ChaCha20'].map((alg): [string, SecretArgument[]] =>
    [`cryptography.hazmat.primitives.ciphers.algorithms.${alg}`, [{ index: 0, keyword: 'key', role: 'cipher key' }]]),
  ...['CBC', 'CTR', 'GCM', 'OFB', 'CFB', 'CFB8', 'XTS'].map((mode): [string, SecretArgument[]] =>
    [`cryptography.hazmat.primitives.ciphers.modes.${mode}`, [{ index: 0, role: 'cipher IV or nonce' }]]),
  ...['AESGCM', 'AESCCM', 'ChaCha20Poly1305'].map((aead): [string, SecretArgument[]] =>
    [`cryptography.hazmat.primitives.ciphers.aead.${aead}`, [{ index: 0, keyword: 'key', role: 'AEAD key' }]]),
  ['cryptography.fernet.Fernet', [{ index: 0, keyword: 'key', role: 'Fernet key' }]],
  ['cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC', [{ index: 2, keyword: 'salt', role: 'key-derivation salt' }]],
]);

/**
 * Keyword parameters and attributes by which client libraries and object models take a credential or a
 * one-time value (`users.create(password=...)`, `server.adminPass = ...`). These are the callee's declared
 * parameter names, i.e. what the receiving API does with the value, not the name of a variable in the reviewed
 * code; matched exactly.
 */
export const CREDENTIAL_PARAMETERS: ReadonlySet<string> = new Set([
  'password', 'passwd', 'new_password', 'admin_password', 'admin_pass', 'adminPass', 'secret', 'secret_key',
  'salt', 'nonce', 'iv', 'token', 'session_id', 'api_key', 'passphrase',
]);

/**
 * A function whose name says it makes a credential (`generate_password`, `_make_token`, `random_secret`,
 * `gen_key`): what it returns is that credential, as a parameter named `password` is one (its declaration says so).
 * `key` counts only after a making verb: `sort_key` or `cache_key` name no secret.
 */
export const CREDENTIAL_MAKER = /^_*(?:[a-z0-9]+_)*?(?:password|passwd|passphrase|secret|token|salt|nonce)s?$|^_*(?:generate|make|create|gen|new|random)_(?:[a-z0-9]+_)*key$/i;
