// Unified diff (git's or plain) → the lines each file gained, numbered in the new file. Deleted files, binary
// patches and mode-only changes carry no new lines; renames are followed to the new path.
import parseDiff from 'parse-diff';

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
}

const DEV_NULL = '/dev/null';

export function parseUnifiedDiff(text: string): FileChange[] {
  const out: FileChange[] = [];
  for (const file of parseDiff(text)) {
    const from = file.from === undefined ? undefined : cleanPath(file.from);
    const to = file.to === undefined ? undefined : cleanPath(file.to);
    if (file.deleted || to === DEV_NULL) continue;
    const path = to ?? from;
    if (path === undefined) continue;
    const oldPath = from === undefined || from === DEV_NULL ? path : from;
    const kind: ChangeKind = file.new || from === DEV_NULL ? 'added' : oldPath !== path ? 'renamed' : 'modified';
    const addedLines = new Set<number>();
    const removedAfter = new Set<number>();
    for (const chunk of file.chunks) {
      // Walk the chunk keeping the new-file line number that the next line would have.
      let nextNew = chunk.newStart;
      let pendingRemoval = false;
      let sawAddition = false;
      const flush = (): void => {
        if (pendingRemoval && !sawAddition) removedAfter.add(nextNew - 1);
        pendingRemoval = false;
        sawAddition = false;
      };
      for (const change of chunk.changes) {
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
      // `-U0` hunks for a pure removal say `+N,0`: the removed lines sat after new line N.
      if (chunk.newLines === 0 && chunk.changes.every((c) => c.type === 'del') && chunk.changes.length > 0) {
        removedAfter.delete(chunk.newStart - 1);
        removedAfter.add(chunk.newStart);
      }
    }
    out.push({ path, oldPath, kind, addedLines, removedAfter });
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
