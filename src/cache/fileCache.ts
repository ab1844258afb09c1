// On-disk cache of per-file analysis results: one pack file holding the results of the latest runs by key, written
// atomically (temp + rename). One file, not one per source file: on nova, writing 1,515 small entry files cost a
// second of a nine-second review, and reading them back most of an unchanged re-review. Nothing in it is trusted:
// a pack is sealed with an HMAC under the user's key (userKey.ts), and one with a wrong header or seal — damaged,
// committed into the reviewed tree, copied from another user — is ignored whole; each entry's shape is still checked
// before it stands in for an analysis. Results of other pillar versions or rule selections have other keys: they
// miss, and age out. Without a usable key the cache is neither read nor written.
//
// The key covers everything a per-file result depends on today: the file's path (findings carry it), the decoded
// text's SHA-256, and the engine fingerprint (pillar version, the code of the engine and rules, the selected rule ids
// in order, options such as keeping suppressed findings). Cross-file facts (src/index/) do not enter this key: the
// phase-1 entry depends on the file alone, and the phase-2 entry of a file's project-aware rules carries the hash of
// the project-facts slice it was computed with (engine/projectPhase.ts), so a dependency's change re-runs it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileAnalysis } from '../engine/analyzePython.js';
import { writeFileAtomically } from './atomicWrite.js';
import type { FileFacts } from '../index/types.js';
import { segmentsToFold } from './segments.js';
import { isFileAnalysis, isFileFacts } from './shape.js';
import { seal, sealedBy, userKey } from './userKey.js';

/** Bumped when the layout changes; an older pack then simply misses. */
const FORMAT = 'pillar-cache-pack/3';
const PACK = 'results.pack.json';
/**
 * Runs an entry survives without being used: switching to another branch and back within this many runs still
 * finds the first branch's results.
 */
const MAX_IDLE_RUNS = 4;
/**
 * Segments a segmented pack keeps beside it: a run that adds entries without having read the pack (a one-file change
 * that reuses the last merge of the project facts) writes them to a small segment of their own instead of rewriting
 * the whole pack. The run that would make one more than this folds its entries with the smallest segments into one
 * (cache/segments.ts): a few kilobytes, where merging them into nova's 11 MB pack cost ~0.3 s every ninth change.
 */
const MAX_SEGMENTS = 8;
/**
 * The segments are merged into the pack (read whole, rewritten) only when they would hold more than this share of the
 * pack's bytes: ~1,000 one-file changes on nova. Their entries never age out until then, and a merge of the project
 * facts reads them beside the pack, so a larger share costs such a merge more reading; a smaller one, more full
 * rewrites.
 */
const MAX_SEGMENT_SHARE = 0.25;
const SEGMENT = /^(.*)\.json$/;

/** `payload` is the JSON of `Row[]`, sorted by key; `mac` its HMAC under the user's key. */
interface Pack { format: string; mac: string; payload: string }
/** Key, the result's JSON, and how many runs in a row have not used it. */
type Row = [key: string, result: string, idle: number];

export interface CacheStats { hits: number; misses: number; rejected: number; writeErrors: number }

/**
 * A sealed pack of values by key. The result cache is one (FileCache); the engine keeps the project facts of each
 * file in another (FACTS_PACK, engine/runFiles.ts): they are 98 % of a phase-1 result's bytes and needed only when the
 * project facts must be merged again, so a run that can reuse the stored merge (engine/projectState) never reads them.
 */
export class SealedPack<T> {
  readonly stats: CacheStats = { hits: 0, misses: 0, rejected: 0, writeErrors: 0 };
  /** Results of earlier runs, by key: the loaded pack. */
  private packed = new Map<string, { result: string; idle: number }>();
  /** Results this run used or made, by key. */
  private readonly used = new Map<string, string>();
  private added = false;
  private loaded = false;
  /** The segments load() merged in, deleted once a full pack holding their entries is written. */
  private segmentsRead: string[] = [];

  /** The user's key; undefined when there is none to be had (then nothing is read or written). */
  readonly key: Buffer | undefined;

  constructor(
    readonly dir: string, private readonly engineFingerprint: string, key: Buffer | undefined,
    private readonly file: string, private readonly decode: (json: string) => T | undefined,
    /** Entries added without reading the pack go to a segment (MAX_SEGMENTS). */
    private readonly segmented = false,
  ) {
    this.key = key ?? (() => { const k = userKey(); return k.ok ? k.key : undefined; })();
  }

  /**
   * Loads the pack, once (get, put and touch load it first, so a pack nobody asks is never read); a missing,
   * foreign, forged or damaged one counts as empty.
   */
  load(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!this.key) return;
    const rows = this.readPack(this.file);
    if (rows) this.packed = new Map(rows.map(([key, result, idle]) => [key, { result, idle }]));
    if (!this.segmented) return;
    // A segment's entries are this key's value as much as the pack's (keys name their content): either may stand.
    for (const name of this.segments()) {
      this.segmentsRead.push(name);
      for (const [key, result] of this.readPack(name) ?? []) this.packed.set(key, { result, idle: 0 });
    }
  }

  /** The rows of a pack file of this directory; undefined when it is missing, damaged, foreign or forged. */
  private readPack(name: string): Row[] | undefined {
    let raw: string;
    try {
      raw = readFileSync(join(this.dir, name), 'utf8');
    } catch {
      return undefined;
    }
    return decodePack(raw, this.key!);
  }

  /** The segment files beside the pack, sorted. */
  private segments(): string[] {
    const stem = `${SEGMENT.exec(this.file)?.[1] ?? this.file}.`;
    try {
      return readdirSync(this.dir).filter((n) => n.startsWith(stem) && n.endsWith('.seg.json')).sort();
    } catch {
      return [];
    }
  }

  /** The entry key for one file's analysis. */
  keyOf(path: string, text: string, variant: string): string {
    return this.keyOfHash(path, sha256(text), variant);
  }

  /** The same key from the text's SHA-256, when it is already known. */
  keyOfHash(path: string, textHash: string, variant: string): string {
    return sha256(`${FORMAT}\0${this.engineFingerprint}\0${variant}\0${path}\0${textHash}`);
  }

  get(key: string): T | undefined {
    this.load();
    const row = this.packed.get(key);
    if (row === undefined) {
      this.stats.misses++;
      return undefined;
    }
    const value = this.decode(row.result);
    if (value === undefined) {
      this.stats.rejected++;
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.used.set(key, row.result);
    return value;
  }

  put(key: string, value: T): void {
    if (!this.segmented) this.load();
    this.used.set(key, JSON.stringify(value));
    this.added = true;
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  /** Keeps the entry of `key` young without decoding it; false when there is none. */
  touch(key: string): boolean {
    this.load();
    if (this.used.has(key)) return true;
    const row = this.packed.get(key);
    if (row === undefined) return false;
    this.used.set(key, row.result);
    return true;
  }

  /**
   * Writes this run's results with the earlier ones still young enough, when anything changed; a failure to write
   * only costs the next run its hits, so it is counted, not thrown.
   */
  save(): void {
    if (this.segmented && !this.loaded) {
      if (!this.added || !this.key) return;
      if (this.saveBeside()) return;
      this.load();
    }
    const rows: Row[] = [...this.used].map(([key, result]) => [key, result, 0]);
    for (const [key, { result, idle }] of this.packed) {
      if (!this.used.has(key) && idle + 1 <= MAX_IDLE_RUNS) rows.push([key, result, idle + 1]);
    }
    const unchanged = !this.added && this.used.size === this.packed.size && [...this.packed.values()].every((r) => r.idle === 0);
    if (unchanged || !this.key) return;
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const payload = JSON.stringify(rows);
    const pack: Pack = { format: FORMAT, mac: seal(this.key, payload), payload };
    if (!writeFileAtomically(this.dir, this.file, JSON.stringify(pack))) {
      this.stats.writeErrors++;
      return;
    }
    // The pack now holds every entry of the segments it merged (those written meanwhile by another run stay).
    for (const name of this.segmentsRead) {
      try {
        rmSync(join(this.dir, name), { force: true });
      } catch {
        // Left behind, it is merged again next time: its entries are the pack's own.
      }
    }
  }

  /**
   * Adds this run's entries beside the pack without reading it: in a segment of their own, or folded with the
   * smallest segments into one when there are MAX_SEGMENTS already (segments.ts). False when the pack must be
   * written whole instead: there is none yet (the first entries make the pack itself), or the segments would hold
   * more than MAX_SEGMENT_SHARE of its bytes (a run that analysed most files without reading the pack, such as the
   * first after an upgrade, adds as much as the pack holds).
   */
  private saveBeside(): boolean {
    const packBytes = bytesOf(join(this.dir, this.file));
    if (packBytes === undefined) return false;
    const fresh = new Map(this.used);
    const freshBytes = [...fresh].reduce((n, [key, result]) => n + key.length + result.length, 0);
    const segments = this.segments().map((name) => ({ name, bytes: bytesOf(join(this.dir, name)) ?? 0 }));
    if (segments.reduce((n, s) => n + s.bytes, freshBytes) > packBytes * MAX_SEGMENT_SHARE) return false;
    const fold = segmentsToFold(segments, freshBytes, MAX_SEGMENTS);
    // A segment that is torn or forged adds nothing (its entries miss, as they would on a load); it goes with the rest.
    for (const name of fold) for (const [key, result] of this.readPack(name) ?? []) if (!fresh.has(key)) fresh.set(key, result);
    const written = this.writeSegment(fresh);
    if (written === undefined) return true;
    // The fold can be a segment as it was (this run's entries all in it already): same content, same name.
    for (const name of fold.filter((n) => n !== written)) {
      try {
        rmSync(join(this.dir, name), { force: true });
      } catch {
        // Left behind, its entries are read twice: the same values under the same keys.
      }
    }
    return true;
  }

  /** Entries, sealed, in a segment named by its content (so a rewrite of the same is harmless): its name; undefined when unwritten. */
  private writeSegment(entries: ReadonlyMap<string, string>): string | undefined {
    const rows: Row[] = [...entries].map(([key, result]) => [key, result, 0]);
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const payload = JSON.stringify(rows);
    const pack: Pack = { format: FORMAT, mac: seal(this.key!, payload), payload };
    const name = `${SEGMENT.exec(this.file)?.[1] ?? this.file}.${sha256(payload).slice(0, 16)}.seg.json`;
    if (writeFileAtomically(this.dir, name, JSON.stringify(pack))) return name;
    this.stats.writeErrors++;
    return undefined;
  }
}

/** A file's size in bytes; undefined when it is not there. */
function bytesOf(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

/** Per-file analysis results by key (see the top of this file). */
export class FileCache extends SealedPack<FileAnalysis> {
  constructor(dir: string, engineFingerprint: string, key?: Buffer) {
    super(dir, engineFingerprint, key, PACK, decodeResult);
  }
}

/** The rows of a pack, or undefined when it is not a complete pack of this format sealed with `key`. */
export function decodePack(raw: string, key: Buffer): Row[] | undefined {
  let pack: Partial<Pack>;
  let rows: unknown;
  try {
    pack = JSON.parse(raw) as Partial<Pack>;
    if (typeof pack !== 'object' || pack === null) return undefined;
    if (pack.format !== FORMAT || typeof pack.payload !== 'string' || !sealedBy(key, pack.payload, pack.mac)) return undefined;
    rows = JSON.parse(pack.payload);
  } catch {
    return undefined;
  }
  if (!Array.isArray(rows)) return undefined;
  return rows.filter((r): r is Row => Array.isArray(r) && r.length === 3 && typeof r[0] === 'string' &&
    typeof r[1] === 'string' && Number.isInteger(r[2]));
}

/** A cached result, or undefined when it is not a complete analysis result. */
export function decodeResult(json: string): FileAnalysis | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  return isFileAnalysis(value) ? value : undefined;
}

/** Cached project facts of one file, or undefined when they are not complete facts of this layout. */
export function decodeFacts(json: string): FileFacts | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  return isFileFacts(value) ? value : undefined;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
