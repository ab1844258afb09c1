// Reads files as they were *before* a change: the settings a change review runs under must come from there, not
// from the change itself, or a change could ship the configuration that hides it (issue 18, item 4).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { realRoot, resolvesOutside } from '../sources/confine.js';
import { oldVersion, type FileChange } from './diff.js';
import { EMPTY_TREE, git } from './git.js';

/** A file's text before the change; `missing` when it did not exist then; `size` alone when over `maxBytes`. */
export type BaseText = { text: string } | { size: number } | 'missing';

export interface BaseSource {
  /** For messages: "1a2b3c4d5e6f (the base of the change)". */
  readonly description: string;
  /** `path` is relative to the repository root, `/`-separated. */
  read(path: string, maxBytes: number): Promise<BaseText>;
}

/** A commit's blobs (`git cat-file`). */
export function commitBase(root: string, commit: string): BaseSource {
  return {
    description: commit === EMPTY_TREE ? 'the empty tree (the base of the change)' : `${commit.slice(0, 12)} (the base of the change)`,
    async read(path, maxBytes) {
      if (commit === EMPTY_TREE) return 'missing';
      const object = `${commit}:${path}`;
      const size = await git(root, ['cat-file', '-s', object]);
      if (!size.ok) return 'missing';
      const bytes = Number(size.stdout.toString('utf8').trim());
      if (bytes > maxBytes) return { size: bytes };
      const blob = await git(root, ['cat-file', 'blob', object]);
      return blob.ok ? { text: blob.stdout.toString('utf8') } : 'missing';
    },
  };
}

/**
 * A patch already applied to the working tree: files it does not touch are as on disk, files it touches are rebuilt
 * by reversing its hunks; a file it adds, or one whose text no longer matches the hunks, counts as missing (so the
 * review falls back to the defaults, which hide nothing).
 */
export function patchBase(root: string, files: readonly FileChange[]): BaseSource {
  let real: string | undefined;
  return {
    description: 'the working tree without the patch',
    async read(path, maxBytes) {
      const change = files.find((f) => f.path === path);
      const absolute = join(root, ...path.split('/'));
      if (resolvesOutside(absolute, real ??= realRoot(root))) return 'missing';
      let size: number;
      try {
        const stat = statSync(absolute);
        if (!stat.isFile()) return 'missing';
        size = stat.size;
      } catch {
        return 'missing';
      }
      if (size > maxBytes) return { size };
      const text = readFileSync(absolute, 'utf8');
      if (!change) return { text };
      const old = oldVersion(text, change);
      return old === null || change.kind === 'added' ? 'missing' : { text: old };
    },
  };
}
