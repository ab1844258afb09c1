// SHA-256 digests of the bundle's files (dist/bundle/), remembered beside them by each file's stat signature (size,
// mtime and ctime in ns, inode: cache/manifest.ts), as the result cache remembers the reviewed sources. Every run
// needs them — the code cache checks it runs the source it was made from (cli/codeCache.ts), and the engine
// fingerprint covers the code that made a result (codeFingerprint.ts) — and hashing the 3.4 MB again was ~15 ms of a
// one-file change. Any stat difference (a rebuild, an edit, a copied install) means hashing again; ctime cannot be
// set back by users. Writing the memo is best-effort, like the code cache: a read-only install hashes every time.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { writeFileAtomically } from './atomicWrite.js';

// Not .json: the engine fingerprint hashes every .js/.cjs/.json file of the bundle's folder (codeFingerprint.ts).
const FILE = 'digests.memo';

function signatureOf(file: string): string | undefined {
  try {
    const s = statSync(file, { bigint: true });
    return s.isFile() ? `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}:${s.dev}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The hex SHA-256 of each file (all in one directory), from the memo there when the file's stat signature is the one
 * recorded; `content` gives a file's bytes when the caller has them already. Hashed files are recorded.
 */
export function rememberedDigests(files: readonly string[], content?: (file: string) => Buffer | string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (files.length === 0) return out;
  const dir = dirname(files[0]!);
  let memo: Record<string, unknown> = {};
  try {
    const data: unknown = JSON.parse(readFileSync(`${dir}/${FILE}`, 'utf8'));
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) memo = data as Record<string, unknown>;
  } catch {
    // No memo yet: every file is hashed.
  }
  let changed = false;
  for (const file of files) {
    const name = basename(file);
    const signature = signatureOf(file);
    const row = Object.hasOwn(memo, name) ? memo[name] : undefined;
    if (signature !== undefined && Array.isArray(row) && row[0] === signature && typeof row[1] === 'string' && /^[0-9a-f]{64}$/.test(row[1])) {
      out.set(file, row[1]);
      continue;
    }
    const digest = createHash('sha256').update(content?.(file) ?? readFileSync(file)).digest('hex');
    out.set(file, digest);
    // Recorded only when the signature taken before reading is still the file's after hashing: an edit in between
    // is never paired with the digest of the other content.
    if (signature !== undefined && signature === signatureOf(file)) {
      memo[name] = [signature, digest];
      changed = true;
    }
  }
  if (changed) writeFileAtomically(dir, FILE, JSON.stringify(memo));
  return out;
}
