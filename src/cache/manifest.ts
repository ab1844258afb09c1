// Remembers, per reviewed path, the file's stat signature (size, mtime and ctime in ns, inode) with its text's hash
// and line count, so an unchanged tree is re-reviewed without reading or hashing its sources. Any stat difference
// means "read it again": ctime cannot be set back by users, so a same-size edit is still noticed. Sealed like the
// result pack (userKey.ts): a forged manifest could otherwise map a changed file to the hash of a harmless text.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from './atomicWrite.js';
import { seal, sealedBy, userKey } from './userKey.js';

const FORMAT = 'pillar-manifest/2';
const FILE = 'manifest.json';

export interface KnownText { hash: string; lines: number }

type Row = [signature: string, hash: string, lines: number];

/**
 * Rows a run may leave stale instead of rewriting the manifest (nova's is 0.3 MB, ~10-20 ms to seal and write): a
 * stale row only means its file is read and hashed again next time, as it was this time, so a run that changed a
 * few files leaves the manifest as it is until this many rows are behind. Each later run reads the stale files again
 * (on nova ~0.5 ms a file), so fewer rows would rewrite more often and more would read more: with 8 a run of
 * one-file changes spends ~2 ms a run on each.
 */
export const MAX_STALE_ROWS = 8;

export class Manifest {
  private readonly rows: Map<string, Row>;
  /** Rows recorded with another signature or hash than the stored one (this run's, and so every unsaved earlier run's). */
  private stale = 0;

  /** Rows the stored manifest had. */
  private readonly loaded: number;

  private constructor(private readonly dir: string, rows: Map<string, Row>, private readonly key: Buffer | undefined) {
    this.rows = rows;
    this.loaded = rows.size;
  }

  /** Loads the manifest of `dir`; a missing, malformed or unsealed one is simply empty. */
  static load(dir: string, key?: Buffer): Manifest {
    const rows = new Map<string, Row>();
    const sealKey = key ?? (() => { const k = userKey(); return k.ok ? k.key : undefined; })();
    try {
      const data = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as { format?: unknown; mac?: unknown; files?: unknown };
      if (sealKey && data.format === FORMAT && typeof data.files === 'string' && sealedBy(sealKey, data.files, data.mac)) {
        for (const [path, row] of Object.entries(JSON.parse(data.files) as Record<string, unknown>)) {
          if (Array.isArray(row) && row.length === 3 && typeof row[0] === 'string' && typeof row[1] === 'string' &&
            /^[0-9a-f]{64}$/.test(row[1]) && Number.isInteger(row[2])) rows.set(path, row as Row);
        }
      }
    } catch {
      // No manifest yet, or an unreadable one: every file is read this time.
    }
    return new Manifest(dir, rows, sealKey);
  }

  lookup(path: string, signature: string): KnownText | undefined {
    const row = this.rows.get(path);
    return row && row[0] === signature ? { hash: row[1], lines: row[2] } : undefined;
  }

  record(path: string, signature: string, known: KnownText): void {
    const row = this.rows.get(path);
    if (row && row[0] === signature && row[1] === known.hash) return;
    this.rows.set(path, [signature, known.hash, known.lines]);
    this.stale++;
  }

  /**
   * Writes atomically when there was no manifest or more than MAX_STALE_ROWS rows changed; a failure only costs the
   * next run its shortcut.
   */
  save(): void {
    if (this.stale === 0 || (this.loaded > 0 && this.stale <= MAX_STALE_ROWS) || !this.key) return;
    const files = JSON.stringify(Object.fromEntries(this.rows));
    writeFileAtomically(this.dir, FILE, JSON.stringify({ format: FORMAT, mac: seal(this.key, files), files }));
  }
}

/**
 * The stat signature of a regular file, or undefined when it cannot be had (then the file is read). Synchronous:
 * an unchanged tree is one stat per file, and a promise stat is a thread-pool round trip each.
 */
export function statSignature(absolute: string): { signature: string; size: number } | undefined {
  try {
    const s = statSync(absolute, { bigint: true });
    if (!s.isFile()) return undefined;
    return { signature: `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}:${s.dev}`, size: Number(s.size) };
  } catch {
    return undefined;
  }
}
