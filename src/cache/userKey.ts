// The per-user secret that authenticates cache files. A cache is data anyone can write — a directory committed into
// the reviewed repository, a pack copied from another machine — and its keys are computable by anyone with the same
// release, so a checksum proves nothing. Packs are sealed with an HMAC under this key instead: it is 32 random bytes
// made once per user, stored in the user's cache root (never in a reviewed tree, whatever --cache-dir says), readable
// by that user alone. A file that is not ours, is readable by others, or is a link is not used: no key, no cache.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { linkSync, lstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeCacheDir, userCacheRoot } from './location.js';

const KEY_FILE = 'key';
const KEY_BYTES = 32;

export type KeyResult = { ok: true; key: Buffer; file: string } | { ok: false; reason: string };

const memo = new Map<string, KeyResult>();

/** The user's cache key, made on first use; memoised per key file for the process. */
export function userKey(env: NodeJS.ProcessEnv = process.env): KeyResult {
  const root = userCacheRoot(env);
  const file = join(root, KEY_FILE);
  let result = memo.get(file);
  if (!result) {
    result = loadOrCreate(root, file);
    memo.set(file, result);
  }
  return result;
}

function loadOrCreate(root: string, file: string): KeyResult {
  const existing = readKey(file);
  if (existing.ok || existing.reason !== 'missing') return existing;
  try {
    makeCacheDir(root);
    // Written whole under a private name, then linked into place: a concurrent run either wins the link or reads
    // the winner's complete key, never a half-written one.
    const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(temp, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temp, { force: true });
    }
  } catch (error) {
    return { ok: false, reason: `cannot create the cache key ${file}: ${(error as Error).message}` };
  }
  const made = readKey(file);
  return made.ok ? made : { ok: false, reason: made.reason === 'missing' ? `cannot create the cache key ${file}` : made.reason };
}

function readKey(file: string): KeyResult | { ok: false; reason: 'missing' } {
  let stat;
  try {
    stat = lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing' };
    return { ok: false, reason: `cannot read the cache key ${file}: ${(error as Error).message}` };
  }
  const uid = process.getuid?.();
  if (!stat.isFile()) return { ok: false, reason: `the cache key ${file} is not a regular file` };
  if (uid !== undefined && stat.uid !== uid) return { ok: false, reason: `the cache key ${file} belongs to another user` };
  // Group or others could read it and forge packs: mode 0600 or stricter only (POSIX; Windows has no such bits).
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) return { ok: false, reason: `the cache key ${file} is readable by others (chmod 600 it)` };
  if (stat.size !== KEY_BYTES) return { ok: false, reason: `the cache key ${file} is damaged (delete it to make a new one)` };
  try {
    return { ok: true, key: readFileSync(file), file };
  } catch (error) {
    return { ok: false, reason: `cannot read the cache key ${file}: ${(error as Error).message}` };
  }
}

/**
 * What a seal covers: a text (its UTF-8 bytes), or bytes, or parts of either one after another — so that a file read
 * as bytes is checked without being decoded and encoded again (cache/projectState.ts's megabytes).
 */
export type Sealed = string | Uint8Array | ReadonlyArray<string | Uint8Array>;

/** HMAC-SHA256 of `text` under `key`, hex. */
export function seal(key: Buffer, text: Sealed): string {
  const hmac = createHmac('sha256', key);
  for (const part of typeof text === 'string' || text instanceof Uint8Array ? [text] : text) hmac.update(part);
  return hmac.digest('hex');
}

/** True when `mac` is the seal of `text` under `key`. */
export function sealedBy(key: Buffer, text: Sealed, mac: unknown): boolean {
  if (typeof mac !== 'string') return false;
  const expected = Buffer.from(seal(key, text), 'hex');
  const given = Buffer.from(mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
