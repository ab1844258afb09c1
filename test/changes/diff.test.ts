// Diff parsing (renames, deletions, binary and mode-only changes, quoted paths, removal gaps), the reverse patch
// that rebuilds old files, and the GitHub annotation escaping.
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spanTouches } from '../../src/changes/attribute.js';
import { cleanPath, oldVersion, parseUnifiedDiff } from '../../src/changes/diff.js';
import { annotation, escapeData, escapeProperty } from '../../src/reporters/github.js';
import type { Finding } from '../../src/findings/types.js';
import { makeRepo } from './helpers.js';

describe('parseUnifiedDiff on what git writes', () => {
  const repo = makeRepo('diff');
  repo.write('keep.py', 'a = 1\nb = 2\nc = 3\nd = 4\n');
  repo.write('gone.py', 'x = 1\n');
  repo.write('blob.bin', 'a\u0000b');
  repo.write('tool.sh', 'echo hi\n');
  repo.write('before.py', 'one = 1\ntwo = 2\nthree = 3\nfour = 4\nfive = 5\n');
  repo.write('space name.py', 's = 1\n');
  repo.write('shrink.py', 'l1 = 1\nl2 = 2\nl3 = 3\nl4 = 4\n');
  const base = repo.commit('one');
  repo.write('keep.py', 'a = 1\nB = 2\nd = 4\ne = 5\n');
  repo.remove('gone.py');
  repo.write('blob.bin', 'a\u0000c');
  chmodSync(join(repo.dir, 'tool.sh'), 0o755);
  repo.write('shrink.py', 'l1 = 1\nl2 = 2\nl4 = 4\n');
  repo.git('mv', 'before.py', 'after.py');
  repo.write('after.py', 'one = 1\ntwo = 2\nthree = 3\nfour = 4\nfive = 55\n');
  repo.write('space name.py', 's = 2\n');
  repo.write('é.py', 'new = 1\n');
  const head = repo.commit('two');
  const text = repo.git('-c', 'core.quotePath=true', 'diff', '-M', '-U0', base, head);
  const files = new Map(parseUnifiedDiff(text).map((f) => [f.path, f]));

  it('drops deleted files and keeps binary and mode-only changes without new lines', () => {
    expect([...files.keys()].sort()).toEqual(['after.py', 'blob.bin', 'keep.py', 'shrink.py', 'space name.py', 'tool.sh', 'é.py']);
    expect(files.get('blob.bin')!.addedLines.size).toBe(0);
    expect(files.get('tool.sh')!.addedLines.size).toBe(0);
  });

  it('follows renames and numbers added lines in the new file', () => {
    expect(files.get('after.py')).toMatchObject({ oldPath: 'before.py', kind: 'renamed' });
    expect([...files.get('after.py')!.addedLines]).toEqual([5]);
    expect([...files.get('keep.py')!.addedLines].sort()).toEqual([2, 4]);
    expect(files.get('é.py')).toMatchObject({ kind: 'added', addedLines: new Set([1]) });
  });

  it('records where lines were removed without replacement', () => {
    // `l3 = 3` went away between new lines 2 and 3; keep.py's `b`/`c` → `B` is a rewrite, not a removal.
    const shrink = files.get('shrink.py')!;
    expect([[...shrink.addedLines], [...shrink.removedAfter]]).toEqual([[], [2]]);
    expect(files.get('keep.py')!.removedAfter.size).toBe(0);
    expect(spanTouches({ start: 1, end: 3 }, shrink)).toBe(true);
    expect(spanTouches({ start: 3, end: 3 }, shrink)).toBe(false);
    expect(oldVersion('l1 = 1\nl2 = 2\nl4 = 4\n', shrink)).toBe('l1 = 1\nl2 = 2\nl3 = 3\nl4 = 4\n');
  });

  it('rebuilds the old file from the new one and the hunks', () => {
    expect(oldVersion('a = 1\nB = 2\nd = 4\ne = 5\n', files.get('keep.py')!)).toBe('a = 1\nb = 2\nc = 3\nd = 4\n');
    expect(oldVersion('one = 1\ntwo = 2\nthree = 3\nfour = 4\nfive = 55\n', files.get('after.py')!)).toBe('one = 1\ntwo = 2\nthree = 3\nfour = 4\nfive = 5\n');
    expect(oldVersion('a = 1\n', files.get('keep.py')!)).toBeNull();
  });
});

describe('parseUnifiedDiff on plain patches', () => {
  it('reads diff -u output with context, timestamps and a missing final newline', () => {
    const patch = [
      '--- src/m.py\t2024-01-01 00:00:00', '+++ src/m.py\t2024-01-02 00:00:00', '@@ -1,3 +1,3 @@', ' a', '-b', '+B',
      ' c', '@@ -9,2 +9,2 @@', ' x', '-y', '\\ No newline at end of file', '+z', '\\ No newline at end of file', '',
    ].join('\n');
    const [file] = parseUnifiedDiff(patch);
    expect(file).toMatchObject({ path: 'src/m.py', kind: 'modified' });
    expect([...file!.addedLines]).toEqual([2, 10]);
    expect(file!.hunks[1]!.oldSide).toEqual(['x', 'y']);
  });

  it('undoes git path quoting', () => {
    expect(cleanPath('"\\303\\251t\\303\\251.py"')).toBe('été.py');
    expect(cleanPath('"tab\\there.py"')).toBe('tab\there.py');
    expect(cleanPath('plain.py\t2024-01-01')).toBe('plain.py');
  });
});

describe('GitHub annotations', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    const f: Finding = {
      ruleId: 'r-1', cwe: 78, pillar: 707, severity: 'medium', confidence: 'high', file: 'dir,x/a:b.py',
      range: { startLine: 3, startColumn: 2, endLine: 4, endColumn: 9 }, message: 'line one\nline two: 50%',
      remediation: 'fix it', fingerprint: '0'.repeat(32), snippet: '',
    };
    expect(annotation(f)).toBe('::warning file=dir%2Cx/a%3Ab.py,line=3,endLine=4,col=2,title=pillar r-1 (CWE-78%2C medium)::line one%0Aline two: 50%25%0A%0AFix: fix it');
  });
});
