// Bad input never costs the rest of the work: each bad file becomes one diagnostic and the others are reviewed.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';

// One rule keeps the expected findings exact as the rule set grows.
const ONLY = ['subprocess-shell-true'];

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'pillar-src-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

describe('reviewing a tree with bad files', () => {
  it('gives one diagnostic per bad file and still reviews the good ones', async () => {
    const root = tree({
      'binary.py': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]),
      'latin1.py': Buffer.from('x = "caf\xe9"\n', 'latin1'),
      'empty.py': '',
      'py2.py': 'import subprocess\nprint "hello"\ntry:\n    pass\nexcept ValueError, e:\n    print e\nsubprocess.call(cmd, shell=True)\n',
      'big.py': `x = 1\n${'# padding\n'.repeat(2000)}`,
      'good.py': 'import subprocess\nsubprocess.Popen(user_cmd, shell=True)\n',
    });
    symlinkSync(join(root, 'loop-b.py'), join(root, 'loop-a.py'));
    symlinkSync(join(root, 'loop-a.py'), join(root, 'loop-b.py'));
    const report = await review({ paths: [root], maxFileSize: 10_000, onlyRules: ONLY });
    const byFile = (name: string) => report.diagnostics.filter((d) => d.file.endsWith(name)).map((d) => d.code);
    expect(byFile('binary.py')).toEqual(['binary']);
    expect(byFile('latin1.py')).toEqual(['encoding']);
    expect(byFile('big.py')).toEqual(['too-large']);
    expect(byFile('loop-a.py')).toEqual(['symlink-loop']);
    expect(byFile('loop-b.py')).toEqual(['symlink-loop']);
    expect(byFile('empty.py')).toEqual([]);
    expect(byFile('py2.py')).toEqual([]);
    expect(report.findings.map((f) => `${f.file.slice(root.length + 1)}:${f.range.startLine}`)).toEqual(['good.py:2', 'py2.py:7']);
    expect(report.stats.files).toBe(3);
  });

  it('decodes a file in the encoding its PEP 263 declaration names', async () => {
    const root = tree({ 'legacy.py': Buffer.from('# -*- coding: latin-1 -*-\nimport os\nos.system("echo caf\xe9 " + name)\n', 'latin1') });
    const report = await review({ paths: [root] });
    expect(report.diagnostics).toEqual([]);
    expect(report.stats.files).toBe(1);
  });

  it('reports a syntax error region and still finds defects after it', async () => {
    const root = tree({ 'broken.py': 'import subprocess\ndef f(:\n    pass\nsubprocess.call(x, shell=True)\n' });
    const report = await review({ paths: [root], onlyRules: ONLY });
    expect(report.diagnostics.map((d) => [d.code, d.line])).toEqual([['syntax-error', 2]]);
    expect(report.findings.map((f) => f.range.startLine)).toEqual([4]);
  });

  it('reports a path that does not exist', async () => {
    const report = await review({ paths: [join(tmpdir(), 'pillar-no-such-dir-xyz')] });
    expect(report.diagnostics.map((d) => d.code)).toEqual(['not-found']);
  });
});

describe('file discovery', () => {
  it('honours .gitignore, excludes and include globs', async () => {
    const root = tree({
      '.gitignore': 'build/\ngenerated_*.py\n',
      'pkg/.gitignore': 'local.py\n',
      'build/out.py': 'import subprocess\nsubprocess.call(x, shell=True)\n',
      'generated_api.py': 'import subprocess\nsubprocess.call(x, shell=True)\n',
      'pkg/local.py': 'import subprocess\nsubprocess.call(x, shell=True)\n',
      'pkg/kept.py': 'import subprocess\nsubprocess.call(x, shell=True)\n',
      'pkg/tests/test_kept.py': 'import subprocess\nsubprocess.call(x, shell=True)\n',
      'notes.txt': 'subprocess.call(x, shell=True)\n',
      '.tox/py3/lib.py': 'import subprocess\nsubprocess.call(x, shell=True)\n',
    });
    const files = async (opts: object) => (await review({ paths: [root], onlyRules: ONLY, ...opts })).findings.map((f) => f.file.slice(root.length + 1));
    expect(await files({})).toEqual(['pkg/kept.py', 'pkg/tests/test_kept.py']);
    expect(await files({ exclude: ['tests'] })).toEqual(['pkg/kept.py']);
    expect(await files({ respectGitignore: false, exclude: ['tests'] })).toEqual(['build/out.py', 'generated_api.py', 'pkg/kept.py', 'pkg/local.py']);
    expect(await files({ include: ['**/test_*.py'] })).toEqual(['pkg/tests/test_kept.py']);
  });
});
