// Where a change review reads file contents: the working tree, or a commit's blobs (`git cat-file`) when the
// reviewed revision is not checked out. Both answer with the same ReadResult the disk reader gives.
import { join } from 'node:path';
import type { Diagnostic } from '../findings/types.js';
import { realRoot, resolvesOutside } from '../sources/confine.js';
import { decodeSource, readSource, type ReadResult } from '../sources/read.js';
import { git } from './git.js';

export interface SourceProvider {
  /** For messages: "the working tree" or "commit 1a2b3c4d". */
  readonly description: string;
  /** Reads `path` (relative to the repository root, `/`-separated) with the same checks as files on disk. */
  read(path: string, maxBytes: number): Promise<ReadResult>;
}

export function workingTreeSource(root: string): SourceProvider {
  let real: string | undefined;
  return {
    description: 'the working tree',
    async read(path, maxBytes) {
      const absolute = join(root, ...path.split('/'));
      // A changed file may be a link out of the tree (`passwd.py -> /etc/passwd`): not followed.
      if (resolvesOutside(absolute, real ??= realRoot(root))) {
        return { ok: false, diagnostic: { file: path, code: 'outside-root', message: 'a symbolic link to a file outside the reviewed tree; not followed, not reviewed' } };
      }
      return readSource(absolute, path, maxBytes);
    },
  };
}

export function commitSource(root: string, commit: string): SourceProvider {
  return {
    description: `commit ${commit.slice(0, 12)}`,
    async read(path, maxBytes) {
      const fail = (code: Diagnostic['code'], message: string): ReadResult => ({ ok: false, diagnostic: { file: path, code, message } });
      // `rev:./path` would be relative to cwd; a plain `rev:path` is relative to the root, which is what we hold.
      const object = `${commit}:${path}`;
      const size = await git(root, ['cat-file', '-s', object]);
      if (!size.ok) return fail('not-found', `not in ${commit.slice(0, 12)}: ${size.stderr}`);
      const bytes = Number(size.stdout.toString('utf8').trim());
      if (bytes > maxBytes) return fail('too-large', `file is ${bytes} bytes, over the ${maxBytes}-byte limit (--max-file-size)`);
      const blob = await git(root, ['cat-file', 'blob', object]);
      if (!blob.ok) return fail('unreadable', `cannot read ${object}: ${blob.stderr}`);
      return decodeSource(blob.stdout, path);
    },
  };
}
