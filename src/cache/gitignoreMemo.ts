// Remembers, in the cache directory, which files the .gitignore files under a reviewed directory leave out, so that a
// re-review of an unchanged tree (or one with a file edited) does not match every file against every pattern again:
// on nova that was ~0.02-0.04 s of a one-file change. The answers are kept under the hash of the .gitignore files
// themselves (where each is and what it says) and of pillar's code: a .gitignore edited, added or removed, or another
// build, starts over; a path the memo has not seen is matched as before. Sealed like the other cache files
// (cache/userKey.ts): a forged memo could otherwise hide a file from the review.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GitignoreText, IgnoredMemo } from '../sources/discover.js';
import { writeFileAtomically } from './atomicWrite.js';
import { codeFingerprint } from './codeFingerprint.js';
import { seal, sealedBy, userKey } from './userKey.js';

const FORMAT = 'pillar-gitignore-memo/1';
const FILE = 'gitignore.json';

/** One reviewed directory's answers: the hash they hold under, and the paths (relative to it) left out and kept. */
interface Entry { key: string; ignored: string[]; kept: string[] }

export class GitignoreMemo implements IgnoredMemo {
  private readonly stored: Map<string, Entry>;
  /** This run's answers by root, with whether any was not in the memo. */
  private readonly answers = new Map<string, { key: string; known: Map<string, boolean>; ignored: string[]; kept: string[]; fresh: boolean }>();

  private constructor(private readonly dir: string, private readonly sealKey: Buffer, stored: Map<string, Entry>) {
    this.stored = stored;
  }

  /** The memo of a cache directory; undefined without a user key (nothing is then read or written). */
  static load(dir: string): GitignoreMemo | undefined {
    const k = userKey();
    if (!k.ok) return undefined;
    const stored = new Map<string, Entry>();
    try {
      const data = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as { format?: unknown; mac?: unknown; payload?: unknown };
      if (data.format === FORMAT && typeof data.payload === 'string' && sealedBy(k.key, data.payload, data.mac)) {
        for (const [root, entry] of Object.entries(JSON.parse(data.payload) as Record<string, Entry>)) {
          if (typeof entry?.key === 'string' && isStrings(entry.ignored) && isStrings(entry.kept)) stored.set(root, entry);
        }
      }
    } catch {
      // No memo yet, or a damaged one: every path is matched.
    }
    return new GitignoreMemo(dir, k.key, stored);
  }

  /**
   * Whether `.gitignore` leaves `rel` out under `root`, from the memo when its .gitignore files are those it was made
   * with, else `matches(rel)`.
   */
  decider(root: string, gitignores: readonly GitignoreText[], matches: (rel: string) => boolean): (rel: string) => boolean {
    const hash = createHash('sha256').update(`${FORMAT}\0${codeFingerprint()}\0`);
    for (const g of gitignores) hash.update(`${g.rel.length}:${g.rel}\0${g.text.length}:${g.text}\0`);
    const key = hash.digest('hex');
    const entry = this.stored.get(root);
    const known = new Map<string, boolean>();
    if (entry?.key === key) {
      for (const rel of entry.ignored) known.set(rel, true);
      for (const rel of entry.kept) known.set(rel, false);
    }
    const answers = { key, known, ignored: [] as string[], kept: [] as string[], fresh: entry?.key !== key };
    this.answers.set(root, answers);
    return (rel) => {
      let ignored = known.get(rel);
      if (ignored === undefined) {
        ignored = matches(rel);
        answers.fresh = true;
      }
      (ignored ? answers.ignored : answers.kept).push(rel);
      return ignored;
    };
  }

  /** Writes this run's answers (only theirs: paths gone drop out) when any was new or the memo held others. */
  save(): void {
    const stale = this.stored.size !== this.answers.size || [...this.answers].some(([root, a]) => {
      const entry = this.stored.get(root);
      return a.fresh || !entry || entry.ignored.length + entry.kept.length !== a.ignored.length + a.kept.length;
    });
    if (!stale) return;
    const payload = JSON.stringify(Object.fromEntries([...this.answers].map(([root, a]) => [root, { key: a.key, ignored: a.ignored, kept: a.kept }])));
    writeFileAtomically(this.dir, FILE, JSON.stringify({ format: FORMAT, mac: seal(this.sealKey, payload), payload }));
  }
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
