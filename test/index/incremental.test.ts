// The engine's shortcuts past the merge of project facts (engine/projectPhase.ts) never serve a stale cross-file
// fact: after every edit the warm report is the cold one. An unchanged tree reuses the last merge's slices
// ('none'); an edit that leaves a file's global facts and every looked-up import binding as they were re-slices that
// file alone from the stored index ('incremental'); anything else merges again ('full'). Each step below is one of
// those cases, and would serve the old finding if its guard were skipped.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import type { RunStats } from '../../src/engine/runFiles.js';
import { tempDir, writeTree } from '../engine/helpers.js';

const SECRETS = ['secret-in-log'];
const ROLLBACK = ['rollback-only-for-listed-exceptions'];

interface Run { lines: string[]; merged: string | undefined; analysed: number }

async function run(root: string, cacheDir: string | undefined, onlyRules: string[], minConfidence?: 'low'): Promise<Run> {
  let stats: RunStats | undefined;
  const report = await review({
    paths: [root], onlyRules, jobs: 1, ...(cacheDir ? { cacheDir } : {}), ...(minConfidence ? { minConfidence } : {}),
    onEngineStats: (s) => { stats = s; },
  });
  const lines = report.findings.map((f) => `${f.file.slice(root.length + 1)}:${f.range.startLine}:${f.confidence}`);
  return { lines, merged: stats?.project?.merged, analysed: stats?.analysed ?? -1 };
}

/** A warm run, checked against a cold one of the same tree. */
async function warm(root: string, cacheDir: string, onlyRules: string[], minConfidence?: 'low'): Promise<Run> {
  const w = await run(root, cacheDir, onlyRules, minConfidence);
  expect(w.lines).toEqual((await run(root, undefined, onlyRules, minConfidence)).lines);
  return w;
}

const CONF = "from oslo_config import cfg\n\ncfg.CONF.register_opts([cfg.StrOpt('token', secret=True), cfg.StrOpt('user')], group='svc')\n";
const creds = (option: string): string => `from oslo_config import cfg\n\nCONF = cfg.CONF\n\n\ndef service_token():\n    return CONF.svc.${option}\n`;
const reexport = (module: string, name: string): string => `from app.helpers.${module} import ${name} as token\n`;
const worker = (extra = ''): string => [
  'import logging',
  '',
  'from app import helpers',
  'from app.helpers import creds',
  '',
  'LOG = logging.getLogger(__name__)',
  '',
  '',
  'def start():',
  '    LOG.info("token %s", helpers.token())',
  extra,
].join('\n');

const FILES = {
  'app/__init__.py': '',
  'app/conf.py': CONF,
  'app/helpers/__init__.py': reexport('creds', 'service_token'),
  'app/helpers/creds.py': creds('token'),
  'app/helpers/plain.py': 'def user_name(name):\n    return name.title()\n',
  'app/other.py': 'def ping(host):\n    return host\n',
};

describe('the merge of project facts, skipped or narrowed', () => {
  it('reuses the last merge only while every file is unchanged, and re-slices a changed file alone only when nothing it says reaches another file', async () => {
    const root = writeTree({ ...FILES, 'app/worker.py': worker() });
    const cacheDir = tempDir('cache');
    const found = ['app/worker.py:10:medium'];
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'full' });
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'none', analysed: 0 });

    // A file nobody imports from changes its imports and calls: only it is sliced again.
    writeFileSync(join(root, 'app/other.py'), 'import subprocess\n\n\ndef ping(host):\n    return subprocess.call(["ping", host])\n');
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'incremental', analysed: 1 });

    // The changed file's own slice is new: it now logs a secret through another file's function.
    writeFileSync(join(root, 'app/worker.py'), worker('    LOG.debug("again %s", creds.service_token())\n'));
    const both = ['app/worker.py:10:medium', 'app/worker.py:11:medium'];
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: both, merged: 'incremental' });

    // A package re-exports another function under the name worker.py calls: no global fact of the package changed,
    // but worker.py's call resolved through that binding (importsConsulted), so everything is merged again.
    writeFileSync(join(root, 'app/helpers/__init__.py'), reexport('plain', 'user_name'));
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: ['app/worker.py:11:medium'], merged: 'full' });
    writeFileSync(join(root, 'app/helpers/__init__.py'), reexport('creds', 'service_token'));
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: both, merged: 'full' });

    // The package defines the name itself (a function with no summary: nothing for the summaries to redo), so the
    // call resolves to it, not to the re-export (a resolution had looked for that name there): merged again.
    const shadow = `${reexport('creds', 'service_token')}from app.helpers import plain\n\n\ndef token():\n    return plain.user_name('x')\n`;
    writeFileSync(join(root, 'app/helpers/__init__.py'), shadow);
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: ['app/worker.py:11:medium'], merged: 'full' });
    // And gone again: a resolution had answered with it.
    writeFileSync(join(root, 'app/helpers/__init__.py'), reexport('creds', 'service_token'));
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: both, merged: 'full' });

    // What a function contributes to the summaries changes (its effective plan): the unchanged worker.py's findings go.
    writeFileSync(join(root, 'app/helpers/creds.py'), creds('user'));
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: [], merged: 'full' });
    writeFileSync(join(root, 'app/helpers/creds.py'), creds('token'));
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: both, merged: 'full' });

    // An option's secret flag: the same.
    writeFileSync(join(root, 'app/conf.py'), CONF.replace('secret=True', 'secret=False'));
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: [], merged: 'full' });
  });

  it('follows a callee\'s raise set changed in another file', async () => {
    const quota = (raises: string): string => `from depot import errors\n\n\ndef check(db, owner):\n    if db.full(owner):\n${raises}`;
    const only = '        raise errors.QuotaFull(owner)\n';
    const also = `${only}    if db.gone(owner):\n        raise errors.Gone(owner)\n`;
    const root = writeTree({
      'depot/__init__.py': '',
      'depot/errors.py': 'class QuotaFull(Exception):\n    pass\n\n\nclass Gone(Exception):\n    pass\n',
      'depot/quota.py': quota(only),
      'depot/upload.py': [
        'from oslo_utils import excutils',
        '',
        'from depot import errors',
        'from depot import quota',
        'from depot import store_api',
        '',
        '',
        'def finish(db, owner, location):',
        '    try:',
        '        quota.check(db, owner)',
        '    except errors.QuotaFull:',
        '        with excutils.save_and_reraise_exception():',
        '            store_api.delete_from_backend(location)',
        '',
      ].join('\n'),
    });
    const cacheDir = tempDir('cache');
    expect(await warm(root, cacheDir, ROLLBACK, 'low')).toMatchObject({ lines: ['depot/upload.py:11:low'], merged: 'full' });
    writeFileSync(join(root, 'depot/quota.py'), quota(also));
    expect(await warm(root, cacheDir, ROLLBACK, 'low')).toMatchObject({ lines: ['depot/upload.py:11:medium'], merged: 'full' });
    writeFileSync(join(root, 'depot/quota.py'), quota(only));
    expect(await warm(root, cacheDir, ROLLBACK, 'low')).toMatchObject({ lines: ['depot/upload.py:11:low'], merged: 'full' });
  });

  it('stores an incremental merge as a delta after the last state, and a torn delta as if it had not been written', async () => {
    const root = writeTree({ ...FILES, 'app/worker.py': worker() });
    const cacheDir = tempDir('cache');
    const found = ['app/worker.py:10:medium'];
    const deltas = (): string[] => readdirSync(cacheDir).filter((n) => n.startsWith('project.delta.')).sort();
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'full' });
    const stored = readFileSync(join(cacheDir, 'project.json'), 'utf8');
    const other = (n: number): string => `import subprocess\n\n\ndef ping(host):\n    return subprocess.call(["ping${n}", host])\n`;
    for (let n = 1; n <= 8; n++) {
      writeFileSync(join(root, 'app/other.py'), other(n));
      expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'incremental', analysed: 1 });
      expect(deltas()).toHaveLength(n);
    }
    expect(readFileSync(join(cacheDir, 'project.json'), 'utf8')).toBe(stored);
    // Read back with its deltas: the unchanged tree needs no merge.
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'none', analysed: 0 });
    // No room for a ninth: the whole state is written again, the deltas go.
    writeFileSync(join(root, 'app/worker.py'), worker('    LOG.debug("again %s", creds.service_token())\n'));
    const both = ['app/worker.py:10:medium', 'app/worker.py:11:medium'];
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: both, merged: 'incremental' });
    expect(deltas()).toEqual([]);
    expect(readFileSync(join(cacheDir, 'project.json'), 'utf8')).not.toBe(stored);
    // A torn delta: the state before it is read, and the file changed since then is merged again from it.
    writeFileSync(join(root, 'app/worker.py'), worker());
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'incremental' });
    writeFileSync(join(cacheDir, 'project.delta.1.json'), '{"format": "pillar-project-delta/1", "pay');
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'incremental' });
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'none' });
  });

  it('writes the whole state, not a delta, when an incremental merge changed many of the files', async () => {
    const root = writeTree({ ...FILES, 'app/worker.py': worker() });
    const cacheDir = tempDir('cache');
    const found = ['app/worker.py:10:medium'];
    const deltas = (): string[] => readdirSync(cacheDir).filter((n) => n.startsWith('project.delta.')).sort();
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'full' });
    writeFileSync(join(root, 'app/other.py'), 'def ping(host):\n    return host.strip()\n');
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'incremental', analysed: 1 });
    expect(deltas()).toHaveLength(1);
    const stored = readFileSync(join(cacheDir, 'project.json'), 'utf8');
    // Three of seven files' bodies at once (as a new build changes every file's key): no global fact changed, the
    // merge is incremental, and the state is written whole.
    writeFileSync(join(root, 'app/other.py'), 'def ping(host):\n    return host.lower()\n');
    writeFileSync(join(root, 'app/helpers/plain.py'), 'def user_name(name):\n    return name.upper()\n');
    writeFileSync(join(root, 'app/worker.py'), worker('    LOG.debug("start")\n'));
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'incremental', analysed: 3 });
    expect(deltas()).toEqual([]);
    expect(readFileSync(join(cacheDir, 'project.json'), 'utf8')).not.toBe(stored);
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'none', analysed: 0 });
  });

  it('folds the deltas into one while they are small beside the stored state, and never serves a stale slice', async () => {
    // Enough imports that the stored index dwarfs a delta, as on a real tree (nova: 4 MB of state, 1 KB deltas).
    const many = Array.from({ length: 1500 }, (_, n) => `import os.path as unrelated_alias_number_${n}\n`).join('');
    const root = writeTree({ ...FILES, 'app/worker.py': worker(), 'app/many.py': many });
    const cacheDir = tempDir('cache');
    const found = ['app/worker.py:10:medium'];
    const both = ['app/worker.py:10:medium', 'app/worker.py:11:medium'];
    const deltas = (): string[] => readdirSync(cacheDir).filter((n) => n.startsWith('project.delta.')).sort();
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'full' });
    const stored = readFileSync(join(cacheDir, 'project.json'), 'utf8');
    const other = (n: number): string => `import subprocess\n\n\ndef ping(host):\n    return subprocess.call(["ping${n}", host])\n`;
    for (let n = 1; n <= 20; n++) {
      // Every third change is worker.py's own slice turning over; the others a file nobody imports from.
      if (n % 3 === 0) writeFileSync(join(root, 'app/worker.py'), worker(n % 2 ? `    LOG.debug("again %s", creds.service_token())\n# ${n}\n` : `# ${n}\n`));
      else writeFileSync(join(root, 'app/other.py'), other(n));
      const lines = n % 3 === 0 && n % 2 ? both : n % 3 === 0 ? found : undefined;
      const w = await warm(root, cacheDir, SECRETS);
      expect(w).toMatchObject({ merged: 'incremental', analysed: 1 });
      if (lines) expect(w.lines).toEqual(lines);
      expect(deltas().length).toBeGreaterThan(0);
      expect(deltas().length).toBeLessThanOrEqual(8);
    }
    // Twenty incremental merges, and the base never written again.
    expect(readFileSync(join(cacheDir, 'project.json'), 'utf8')).toBe(stored);
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ merged: 'none', analysed: 0 });
    // The folded delta torn: the base alone is read, and everything changed since is sliced again from it.
    writeFileSync(join(cacheDir, 'project.delta.1.json'), '{"format": "pillar-project-delta/1", "pay');
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ merged: 'incremental' });
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ merged: 'none' });
  });

  it('merges again from scratch when the stored state or the stored facts are damaged', async () => {
    const root = writeTree({ ...FILES, 'app/worker.py': worker() });
    const cacheDir = tempDir('cache');
    const found = ['app/worker.py:10:medium'];
    await warm(root, cacheDir, SECRETS);
    writeFileSync(join(cacheDir, 'project.json'), '{"format": "pillar-project-state/3", "payload": "{}", "index": "{}"}');
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'full', analysed: 0 });
    // Every stored fact unreadable, and a change that needs them all: the files' facts are extracted again.
    for (const name of readdirSync(cacheDir).filter((n) => n.startsWith('facts.pack'))) writeFileSync(join(cacheDir, name), 'torn');
    writeFileSync(join(root, 'app/helpers/creds.py'), creds('user'));
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: [], merged: 'full', analysed: 1 });
    writeFileSync(join(root, 'app/helpers/creds.py'), creds('token'));
    expect(await warm(root, cacheDir, SECRETS)).toMatchObject({ lines: found, merged: 'full' });
  });
});
