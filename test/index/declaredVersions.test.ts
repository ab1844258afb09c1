// The declared-minimum project fact end to end: read from each file's own project (nearest manifest), decisive for
// django-autoescape-filter-unescaped's implicit form, and part of the cache key (no stale fact on a warm run).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import type { RunStats } from '../../src/engine/runFiles.js';
import { changeFromGitRange } from '../../src/changes/changeSet.js';
import { tempDir, writeTree } from '../engine/helpers.js';
import { makeRepo } from '../changes/helpers.js';

const RULE = 'django-autoescape-filter-unescaped';

const TABLES = [
  'from django.template import defaultfilters',
  '',
  '',
  'def shown(user):',
  '    return defaultfilters.urlize(user.email)',
  '',
  '',
  'def shown_off(user):',
  '    return defaultfilters.urlize(user.email, autoescape=False)',
  '',
].join('\n');

async function run(paths: string[], cacheDir?: string): Promise<{ lines: string[]; stats: RunStats }> {
  let stats: RunStats | undefined;
  const report = await review({ paths, onlyRules: [RULE], jobs: 1, ...(cacheDir ? { cacheDir } : {}), onEngineStats: (s) => { stats = s; } });
  return { lines: report.findings.map((f) => `${f.file.replace(/^.*\/(app\d?\/)/, '$1')}:${f.range.startLine}`), stats: stats! };
}

describe('declared Django minimum', () => {
  it('silences the implicit default only where the file\'s project declares Django 1.8 or later', async () => {
    const root = writeTree({
      'app1/requirements.txt': 'Django>=4.2 # BSD\n',
      'app1/app1/tables.py': TABLES,
      'app2/setup.cfg': '[options]\ninstall_requires =\n    Django>=1.4,<1.9\n',
      'app2/app2/tables.py': TABLES,
      'app3/app3/tables.py': TABLES,
      'app4/pyproject.toml': '[project]\nname = "x"\ndependencies = ["Django>=2.2"]\n',
      'app4/app4/tables.py': TABLES,
    });
    const { lines } = await run([root]);
    expect(lines).toEqual([
      'app1/tables.py:9',
      'app2/tables.py:5', 'app2/tables.py:9',
      'app3/tables.py:5', 'app3/tables.py:9',
      'app4/tables.py:9',
    ]);
  });

  it('reads no manifest above the reviewed directory outside a repository', async () => {
    const root = writeTree({ 'requirements.txt': 'Django>=4.2\n', 'sub/app/tables.py': TABLES });
    const { lines } = await run([join(root, 'sub')]);
    expect(lines).toEqual(['app/tables.py:5', 'app/tables.py:9']);
    // Inside a repository the walk goes up to its root.
    mkdirSync(join(root, '.git'));
    expect((await run([join(root, 'sub')])).lines).toEqual(['app/tables.py:9']);
  });

  it('never serves a result cached under another declared version', async () => {
    const root = writeTree({ 'requirements.txt': 'Django>=1.4\nsix>=1.0\n', 'app/tables.py': TABLES });
    const cacheDir = tempDir('cache');
    expect((await run([root], cacheDir)).lines).toEqual(['app/tables.py:5', 'app/tables.py:9']);
    const warm = await run([root], cacheDir);
    expect(warm.lines).toEqual(['app/tables.py:5', 'app/tables.py:9']);
    expect(warm.stats.analysed).toBe(0);
    // The Python file is unchanged; only the declared minimum moves.
    writeFileSync(join(root, 'requirements.txt'), 'Django>=4.2\nsix>=1.0\n');
    const bumped = await run([root], cacheDir);
    expect(bumped.lines).toEqual(['app/tables.py:9']);
    expect(bumped.stats.analysed).toBe(1);
    // A requirement no rule asks about is not part of the key.
    writeFileSync(join(root, 'requirements.txt'), 'Django>=4.2\nsix>=1.16\n');
    const other = await run([root], cacheDir);
    expect(other.lines).toEqual(['app/tables.py:9']);
    expect(other.stats.analysed).toBe(0);
    writeFileSync(join(root, 'requirements.txt'), 'Django>=1.4\nsix>=1.16\n');
    expect((await run([root], cacheDir)).lines).toEqual(['app/tables.py:5', 'app/tables.py:9']);
  });
});

describe('manifests stay in the tree', () => {
  it('does not read a manifest that links outside the reviewed directory', async () => {
    const outside = writeTree({ 'requirements.txt': 'Django>=4.2\n' });
    const root = writeTree({ 'app/tables.py': TABLES });
    symlinkSync(join(outside, 'requirements.txt'), join(root, 'requirements.txt'));
    expect((await run([root])).lines).toEqual(['app/tables.py:5', 'app/tables.py:9']);
  });
});

describe('change review', () => {
  it('reads the manifests at the reviewed revision', async () => {
    const repo = makeRepo('declared');
    repo.write('requirements.txt', 'Django>=1.4\n');
    repo.write('pkg/app/tables.py', 'from django.template import defaultfilters\n');
    const base = repo.commit('base');
    repo.write('pkg/app/tables.py', TABLES);
    const head = repo.commit('tables');
    // The working tree declares 4.2; the reviewed commit 1.4.
    repo.write('requirements.txt', 'Django>=4.2\n');
    const change = await changeFromGitRange(`${base}..${head}`, repo.dir);
    const report = await review({ paths: [], change, onlyRules: [RULE], jobs: 1 });
    expect(report.findings.map((f) => f.range.startLine)).toEqual([5, 9]);
    repo.commit('bump');
    const bumped = await review({ paths: [], change: await changeFromGitRange(`${base}..HEAD`, repo.dir), onlyRules: [RULE], jobs: 1 });
    expect(bumped.findings.map((f) => f.range.startLine)).toEqual([9]);
  });
});
