// On-disk cache of per-file analysis results, one small JSON file per entry, written atomically (temp + rename).
// Entries are never trusted: a wrong header, key, checksum or shape makes them a miss, and the file is rebuilt.
//
// The key covers everything a per-file result depends on today: the file's path (findings carry it), the decoded
// text's SHA-256, and the engine fingerprint (pillar version, the code of the engine and rules, the selected rule ids
// in order, options such as keeping suppressed findings). Analysis is per file only; when cross-file summaries arrive
// (a callee's taint summary from another module), the key must also include the hashes of those dependencies.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { FileAnalysis } from '../engine/analyzePython.js';
import { isFileAnalysis } from './shape.js';

/** Bumped when the entry layout changes; older entries then simply miss. */
const FORMAT = 'pillar-cache/1';

interface Entry { format: string; key: string; checksum: string; payload: string }

export interface CacheStats { hits: number; misses: number; rejected: number; writeErrors: number }

export class FileCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, rejected: 0, writeErrors: 0 };
  private readonly made = new Set<string>();

  constructor(readonly dir: string, private readonly engineFingerprint: string) {}

  /** The entry key for one file's analysis. */
  keyOf(path: string, text: string, variant: string): string {
    return this.keyOfHash(path, sha256(text), variant);
  }

  /** The same key from the text's SHA-256, when the manifest already knows it. */
  keyOfHash(path: string, textHash: string, variant: string): string {
    return sha256(`${FORMAT}\0${this.engineFingerprint}\0${variant}\0${path}\0${textHash}`);
  }

  async get(key: string): Promise<FileAnalysis | undefined> {
    let raw: string;
    try {
      raw = await fs.readFile(this.fileOf(key), 'utf8');
    } catch {
      this.stats.misses++;
      return undefined;
    }
    const value = decodeEntry(raw, key);
    if (value === undefined) {
      this.stats.rejected++;
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    return value;
  }

  /** Stores an entry; a failure to write only costs the next run the hit, so it is counted, not thrown. */
  async put(key: string, value: FileAnalysis): Promise<void> {
    const payload = JSON.stringify(value);
    const entry: Entry = { format: FORMAT, key, checksum: sha256(payload), payload };
    const file = this.fileOf(key);
    const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const sub = join(this.dir, key.slice(0, 2));
      if (!this.made.has(sub)) {
        await fs.mkdir(sub, { recursive: true });
        this.made.add(sub);
      }
      await fs.writeFile(temp, JSON.stringify(entry));
      await fs.rename(temp, file);
    } catch {
      this.stats.writeErrors++;
      await fs.rm(temp, { force: true }).catch(() => undefined);
    }
  }

  private fileOf(key: string): string {
    // Two-character fan-out keeps directories small on 100,000-file trees.
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }
}

/** The analysis stored in `raw`, or undefined when it is not a complete, matching entry of this format. */
export function decodeEntry(raw: string, key: string): FileAnalysis | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as Partial<Entry>;
  if (e.format !== FORMAT || e.key !== key || typeof e.payload !== 'string' || e.checksum !== sha256(e.payload)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(e.payload);
  } catch {
    return undefined;
  }
  return isFileAnalysis(value) ? value : undefined;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
