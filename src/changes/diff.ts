// Unified diff (git's or plain) → the lines each file gained, numbered in the new file. Deleted files, binary
// patches and mode-only changes carry no new lines; renames are followed to the new path.
import type parseDiffModule from 'parse-diff';
import { lazyRequire } from '../lazyRequire.js';

const parseDiff = lazyRequire<typeof parseDiffModule>('parse-diff');

export type ChangeKind = 'added' | 'modified' | 'renamed' | 'deleted';

export interface FileChange {
  /** Path in the new revision, `/`-separated, relative to the diff's root. */
  path: string;
  /** Path before the change (differs from `path` for renames). */
  oldPath: string;
  kind: ChangeKind;
  /** New-file line numbers (1-based) that were added or rewritten. */
  addedLines: Set<number>;
  /**
   * New-file lines after which old lines were removed without replacement (0 = before the first line). A removed
   * guard leaves no added line, but a finding that spans the gap is still about what the change did.
   */
  removedAfter: Set<number>;
  /** Each hunk's place in the new file and the old lines it replaced: enough to rebuild the old file. */
  hunks: Hunk[];
}

export interface Hunk {
  /** First new-file line the hunk covers (for a hunk that keeps no new line: the line before it). */
  newStart: number;
  newLines: number;
  /** The hunk's old side: context and removed lines, without their `' '`/`-` marker. */
  oldSide: string[];
}

const DEV_NULL = '/dev/null';

export function parseUnifiedDiff(text: string): FileChange[] {
  const out: FileChange[] = [];
  for (const file of parseDiff()(text)) {
    const from = file.from === undefined ? undefined : cleanPath(file.from);
    const to = file.to === undefined ? undefined : cleanPath(file.to);
    if (file.deleted || to === DEV_NULL) continue;
    const path = to ?? from;
    if (path === undefined) continue;
    const oldPath = from === undefined || from === DEV_NULL ? path : from;
    const kind: ChangeKind = file.new || from === DEV_NULL ? 'added' : oldPath !== path ? 'renamed' : 'modified';
    const addedLines = new Set<number>();
    const removedAfter = new Set<number>();
    const hunks: Hunk[] = [];
    for (const chunk of file.chunks) {
      // "\ No newline at end of file" arrives as a change of its own; it is not a line.
      const changes = chunk.changes.filter((c) => !c.content.startsWith('\\'));
      hunks.push({
        newStart: chunk.newStart, newLines: chunk.newLines,
        oldSide: changes.filter((c) => c.type !== 'add').map((c) => c.content.slice(1)),
      });
      // Walk the chunk keeping the new-file line number that the next line would have. A hunk that keeps no new
      // line (`+N,0`, from -U0 pure removals) names the line *before* it, so the next line is N + 1.
      let nextNew = chunk.newLines === 0 ? chunk.newStart + 1 : chunk.newStart;
      let pendingRemoval = false;
      let sawAddition = false;
      const flush = (): void => {
        if (pendingRemoval && !sawAddition) removedAfter.add(nextNew - 1);
        pendingRemoval = false;
        sawAddition = false;
      };
      for (const change of changes) {
        if (change.type === 'add') {
          addedLines.add(change.ln);
          nextNew = change.ln + 1;
          sawAddition = true;
        } else if (change.type === 'del') {
          if (sawAddition) flush();
          pendingRemoval = true;
        } else {
          flush();
          nextNew = change.ln2 + 1;
        }
      }
      flush();
    }
    out.push({ path, oldPath, kind, addedLines, removedAfter, hunks });
  }
  return out;
}

/**
 * parse-diff strips `a/`/`b/` but leaves git's C-style quoting ("\303\251.py", "tab\there") and a trailing tab
 * that some diff tools write after the name; undo both.
 */
export function cleanPath(raw: string): string {
  let path = raw.replace(/\t.*$/, '');
  if (path.length >= 2 && path.startsWith('"') && path.endsWith('"')) path = path.slice(1, -1);
  if (!path.includes('\\')) return path;
  const bytes: number[] = [];
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === '\\' && i + 1 < path.length) {
      const octal = /^[0-7]{3}/.exec(path.slice(i + 1));
      if (octal) {
        bytes.push(parseInt(octal[0], 8));
        i += 3;
        continue;
      }
      const next = path[i + 1]!;
      if (next in simple) {
        bytes.push(simple[next]!);
        i += 1;
        continue;
      }
    }
    bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The file as it was before the change, rebuilt from its new text and the hunks (a reverse patch), so that a
 * review can tell moved code from new code without asking git for the old blob. Null when the text does not
 * match the hunks (the working tree moved on since the diff was made).
 */
export function oldVersion(newText: string, change: FileChange): string | null {
  if (change.kind === 'added') return '';
  const lines = newText.split('\n');
  const out: string[] = [];
  let next = 0; // index into `lines` of the first line not yet copied
  for (const hunk of change.hunks) {
    const start = hunk.newLines === 0 ? hunk.newStart : hunk.newStart - 1;
    if (start < next || start + hunk.newLines > lines.length) return null;
    out.push(...lines.slice(next, start), ...hunk.oldSide);
    next = start + hunk.newLines;
  }
  out.push(...lines.slice(next));
  return out.join('\n');
}
