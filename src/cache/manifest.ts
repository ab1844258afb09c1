// Remembers, per reviewed path, the file's stat signature (size, mtime and ctime in ns, inode) with its text's hash
// and line count, so an unchanged tree is re-reviewed without reading or hashing its sources. Any stat difference
// means "read it again": ctime cannot be set back by users, so a same-size edit is still noticed.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from './atomicWrite.js';

const FORMAT = 'pillar-manifest/1';
const FILE = 'manifest.json';

export interface KnownText { hash: string; lines: number }

type Row = [signature: string, hash: string, lines: number];

export class Manifest {
  private readonly rows: Map<string, Row>;
  private changed = false;

  private constructor(private readonly dir: string, rows: Map<string, Row>) {
    this.rows = rows;
  }

  /** Loads the manifest of `dir`; a missing or malformed one is simply empty. */
  static load(dir: string): Manifest {
    const rows = new Map<string, Row>();
    try {
      const data = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as { format?: unknown; files?: unknown };
      if (data.format === FORMAT && typeof data.files === 'object' && data.files !== null) {
        for (const [path, row] of Object.entries(data.files as Record<string, unknown>)) {
          if (Array.isArray(row) && row.length === 3 && typeof row[0] === 'string' && typeof row[1] === 'string' &&
            /^[0-9a-f]{64}$/.test(row[1]) && Number.isInteger(row[2])) rows.set(path, row as Row);
        }
      }
    } catch {
      // No manifest yet, or an unreadable one: every file is read this time.
    }
    return new Manifest(dir, rows);
  }

  lookup(path: string, signature: string): KnownText | undefined {
    const row = this.rows.get(path);
    return row && row[0] === signature ? { hash: row[1], lines: row[2] } : undefined;
  }

  record(path: string, signature: string, known: KnownText): void {
    const row = this.rows.get(path);
    if (row && row[0] === signature && row[1] === known.hash) return;
    this.rows.set(path, [signature, known.hash, known.lines]);
    this.changed = true;
  }

  /** Writes atomically when anything changed; a failure only costs the next run its shortcut. */
  save(): void {
    if (!this.changed) return;
    writeFileAtomically(this.dir, FILE, JSON.stringify({ format: FORMAT, files: Object.fromEntries(this.rows) }));
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
