// Cross-file facts and the cache: a file's project-aware findings follow its dependencies' facts with a warm cache
// — an option turned secret (or back) in one file changes the findings of the unchanged file that logs it, and a
// summary two calls away does too — while unchanged files are not analysed again in phase 1.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import type { RunStats } from '../../src/engine/runFiles.js';
import { tempDir, writeTree } from '../engine/helpers.js';

const ONLY = ['secret-in-log', 'secret-in-error-message', 'secret-in-response'];

const py = (b: boolean): string => (b ? 'True' : 'False');
const conf = (secret: boolean, userSecret = false): string =>
  `from oslo_config import cfg\n\ncfg.CONF.register_opts([cfg.StrOpt('token', secret=${py(secret)}), cfg.StrOpt('user', secret=${py(userSecret)})], group='svc')\n`;

const FILES = {
  'app/__init__.py': '',
  'app/conf.py': conf(false),
  'app/creds.py': 'from oslo_config import cfg\n\nCONF = cfg.CONF\n\n\ndef service_token():\n    return CONF.svc.token\n',
  'app/worker.py': [
    'import logging',
    '',
    'from oslo_config import cfg',
    '',
    'from app import creds',
    '',
    'CONF = cfg.CONF',
    'LOG = logging.getLogger(__name__)',
    '',
    '',
    'def start():',
    '    LOG.info("token %s", CONF.svc.token)',
    '    LOG.info("token again %s", creds.service_token())',
    '    LOG.info("user %s", CONF.svc.user)',
    '',
  ].join('\n'),
};

async function run(root: string, cacheDir: string, jobs = 1): Promise<{ lines: string[]; stats: RunStats }> {
  let stats: RunStats | undefined;
  const report = await review({ paths: [root], onlyRules: ONLY, jobs, cacheDir, onEngineStats: (s) => { stats = s; } });
  const lines = report.findings.map((f) => `${f.file.replace(/^.*app\//, 'app/')}:${f.range.startLine}:${f.ruleId}`);
  return { lines, stats: stats! };
}

describe('cross-file facts with a warm cache', () => {
  it('never serves a stale cross-file fact', async () => {
    const root = writeTree(FILES);
    const cacheDir = tempDir('cache');
    const cold = await run(root, cacheDir);
    expect(cold.lines).toEqual([]);
    const warm = await run(root, cacheDir);
    expect(warm.lines).toEqual([]);
    expect(warm.stats.analysed).toBe(0);

    // Only conf.py changes; worker.py (and creds.py, whose summary now returns a secret) are not edited.
    writeFileSync(join(root, 'app/conf.py'), conf(true));
    const secret = await run(root, cacheDir);
    expect(secret.lines).toEqual(['app/worker.py:12:secret-in-log', 'app/worker.py:13:secret-in-log']);
    // Phase 1 re-analysed the changed file only; worker.py's phase-1 result came from the cache.
    expect(secret.stats.analysed).toBe(1);

    // And back: the phase-2 entry made under the secret fact must not answer for the non-secret one.
    writeFileSync(join(root, 'app/conf.py'), conf(false));
    const back = await run(root, cacheDir);
    expect(back.lines).toEqual([]);
    expect(back.stats.analysed).toBe(0);

    // A second option turns secret: worker.py's slice changes again, and so must its phase-2 result.
    writeFileSync(join(root, 'app/conf.py'), conf(true, true));
    const both = await run(root, cacheDir);
    expect(both.lines).toEqual([...secret.lines, 'app/worker.py:14:secret-in-log']);

    // The same answers cold, and with worker threads.
    writeFileSync(join(root, 'app/conf.py'), conf(true));
    const again = await run(root, cacheDir);
    expect(again.lines).toEqual(secret.lines);
    const fresh = await run(root, tempDir('cache'), 2);
    expect(fresh.lines).toEqual(secret.lines);
  });
});
