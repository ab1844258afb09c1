// On-disk cache of per-file analysis results, one small JSON file per entry, written atomically (temp + rename).
// Entries are never trusted: a wrong header, key, checksum or shape makes them a miss, and the file is rebuilt.
// Beside the entries, a pack holds every entry the last run used in one file: re-reviewing a tree then reads one
// file instead of one per source file (1,515 opens on nova). The pack is checked like an entry, as a whole.
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
const PACK = 'last-run.pack.json';
const PACK_FORMAT = 'pillar-cache-pack/1';

interface Entry { format: string; key: string; checksum: string; payload: string }
/** `payload` is the JSON of `[key, entry payload][]`. */
interface Pack { format: string; engine: string; checksum: string; payload: string }

export interface CacheStats { hits: number; misses: number; rejected: number; writeErrors: number }

export class FileCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, rejected: 0, writeErrors: 0 };
  private readonly made = new Set<string>();
  /** Payloads from the last run's pack, by key; checked when used. */
  private packed = new Map<string, string>();
  /** Payloads this run used or made, by key: the next pack. */
  private readonly used = new Map<string, string>();

  constructor(readonly dir: string, private readonly engineFingerprint: string) {}

  /** Loads the last run's pack; a missing, foreign or damaged one is ignored. */
  async loadPack(): Promise<void> {
    try {
      const pack = JSON.parse(await fs.readFile(join(this.dir, PACK), 'utf8')) as Partial<Pack>;
      if (pack.format !== PACK_FORMAT || pack.engine !== this.engineFingerprint || typeof pack.payload !== 'string' ||
        pack.checksum !== sha256(pack.payload)) return;
      const rows = JSON.parse(pack.payload) as unknown;
      if (!Array.isArray(rows)) return;
      for (const row of rows) {
        if (Array.isArray(row) && typeof row[0] === 'string' && typeof row[1] === 'string') this.packed.set(row[0], row[1]);
      }
    } catch {
      // No pack yet: entries are read one by one.
    }
  }

  /** Writes the pack of this run's entries when it differs from the one loaded; failures only cost speed. */
  async savePack(): Promise<void> {
    const same = this.used.size === this.packed.size && [...this.used.keys()].every((k) => this.packed.has(k));
    if (same) return;
    const payload = JSON.stringify([...this.used].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    const pack: Pack = { format: PACK_FORMAT, engine: this.engineFingerprint, checksum: sha256(payload), payload };
    const file = join(this.dir, PACK);
    const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.mkdir(this.dir, { recursive: true });
      await fs.writeFile(temp, JSON.stringify(pack));
      await fs.rename(temp, file);
    } catch {
      this.stats.writeErrors++;
      await fs.rm(temp, { force: true }).catch(() => undefined);
    }
  }

  /** The entry key for one file's analysis. */
  keyOf(path: string, text: string, variant: string): string {
    return this.keyOfHash(path, sha256(text), variant);
  }

  /** The same key from the text's SHA-256, when the manifest already knows it. */
  keyOfHash(path: string, textHash: string, variant: string): string {
    return sha256(`${FORMAT}\0${this.engineFingerprint}\0${variant}\0${path}\0${textHash}`);
  }

  async get(key: string): Promise<FileAnalysis | undefined> {
    const packed = this.packed.get(key);
    if (packed !== undefined) {
      const value = decodePayload(packed);
      if (value) {
        this.stats.hits++;
        this.used.set(key, packed);
        return value;
      }
    }
    let raw: string;
    try {
      raw = await fs.readFile(this.fileOf(key), 'utf8');
    } catch {
      this.stats.misses++;
      return undefined;
    }
    const entry = decodeEntry(raw, key);
    if (entry === undefined) {
      this.stats.rejected++;
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.used.set(key, entry.payload);
    return entry.value;
  }

  /** Stores an entry; a failure to write only costs the next run the hit, so it is counted, not thrown. */
  async put(key: string, value: FileAnalysis): Promise<void> {
    const payload = JSON.stringify(value);
    this.used.set(key, payload);
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
export function decodeEntry(raw: string, key: string): { value: FileAnalysis; payload: string } | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as Partial<Entry>;
  if (e.format !== FORMAT || e.key !== key || typeof e.payload !== 'string' || e.checksum !== sha256(e.payload)) return undefined;
  const value = decodePayload(e.payload);
  return value ? { value, payload: e.payload } : undefined;
}

function decodePayload(payload: string): FileAnalysis | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  return isFileAnalysis(value) ? value : undefined;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
