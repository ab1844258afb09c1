// Raise sets across files: a checker module whose function reports over-quota only by raising the type the caller's
// handler lists, and one whose function also raises another type. The typed rollback in the caller is low
// confidence (weak evidence) for the first and a default finding for the second; without the project facts both
// would be default findings.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { extractFacts } from '../../src/index/extract.js';
import { ProjectFacts } from '../../src/index/project.js';
import { PythonModel } from '../../src/languages/python/model.js';
import { parsePython } from '../../src/languages/python/parser.js';

const FILES: Record<string, string> = {
  'depot/__init__.py': '',
  'depot/errors.py': 'class QuotaFull(Exception):\n    pass\n\nclass Gone(Exception):\n    pass\n',
  'depot/quota.py': [
    'from depot import errors',
    '',
    'def check(db, owner, size):',
    '    used = db.usage_of(owner)',
    '    if used + size > db.limit_of(owner):',
    '        raise errors.QuotaFull(owner)',
    '',
    'def check_or_gone(db, owner, size):',
    '    if db.usage_of(owner) is None:',
    '        raise errors.Gone(owner)',
    '    if db.usage_of(owner) + size > db.limit_of(owner):',
    '        raise errors.QuotaFull(owner)',
    '',
    'def check_through_local(db, owner, size):',
    '    if db.usage_of(owner) + size > db.limit_of(owner):',
    '        full = errors.QuotaFull',
    '        raise full(owner)',
    '',
    'def check_rethrowing(db, owner, size):',
    '    try:',
    '        db.usage_of(owner)',
    '    except KeyError as exc:',
    '        raise exc',
  ].join('\n'),
  'depot/upload.py': [
    'from oslo_utils import excutils',
    '',
    'from depot import errors',
    'from depot import quota',
    'from depot import store_api',
    '',
    'def finish(db, owner, location, size):',
    '    try:',
    '        quota.check(db, owner, size)',
    '    except errors.QuotaFull:',
    '        with excutils.save_and_reraise_exception():',
    '            store_api.delete_from_backend(location)',
    '',
    'def finish_strictly(db, owner, location, size):',
    '    try:',
    '        quota.check_or_gone(db, owner, size)',
    '    except errors.QuotaFull:',
    '        with excutils.save_and_reraise_exception():',
    '            store_api.delete_from_backend(location)',
    '',
    'def finish_rethrowing(db, owner, location, size):',
    '    try:',
    '        quota.check_rethrowing(db, owner, size)',
    '    except KeyError:',
    '        with excutils.save_and_reraise_exception():',
    '            store_api.delete_from_backend(location)',
    '',
    'def _recheck(db, owner, size):',
    '    quota.check(db, owner, size)',
    '',
    'def finish_rechecked(db, owner, location, size):',
    '    try:',
    '        _recheck(db, owner, size)',
    '    except errors.QuotaFull:',
    '        with excutils.save_and_reraise_exception():',
    '            store_api.delete_from_backend(location)',
  ].join('\n'),
};

async function factsOf(path: string, source: string) {
  return extractFacts(new PythonModel(path, source, await parsePython(source)));
}

describe('raise sets across files', () => {
  it('records the classes a function raises itself, none when one raise names no class', async () => {
    const facts = await factsOf('depot/quota.py', FILES['depot/quota.py']!);
    expect(facts.raises).toEqual([
      { name: 'check', raises: ['QuotaFull'] }, { name: 'check_or_gone', raises: ['Gone', 'QuotaFull'] }, { name: 'check_through_local', raises: ['QuotaFull'] },
    ]);
    const project = new ProjectFacts(await Promise.all(Object.entries(FILES).map(([p, s]) => factsOf(p, s))));
    expect(project.sliceFor('depot/upload.py').raises).toEqual({ 'depot.quota.check': ['QuotaFull'], 'depot.quota.check_or_gone': ['Gone', 'QuotaFull'] });
    // (check_through_local is not called from upload.py: not in its slice.)
    expect(facts.catchesTyped).toBe(false);
    expect((await factsOf('depot/upload.py', FILES['depot/upload.py']!)).catchesTyped).toBe(true);
    // A typed handler that only logs and re-raises (or converts the error) rolls nothing back: no raise set is asked.
    const converting = 'import logging\nLOG = logging.getLogger(__name__)\n\ndef f(q):\n    try:\n        q.check()\n    except KeyError:\n        LOG.warning("no")\n        raise ValueError("gone")\n';
    expect((await factsOf('depot/convert.py', converting)).catchesTyped).toBe(false);
    // A file with no typed handler that fails the operation asks nothing: its slice stays empty.
    expect(project.sliceFor('depot/quota.py').raises).toBeUndefined();
  });

  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'pillar-raises-'));
    for (const [path, source] of Object.entries(FILES)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), source);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lowers the confidence of a typed rollback around a checker of another file that raises only the listed type', async () => {
    const report = await review({ paths: [root], jobs: 1, minConfidence: 'low', onlyRules: ['rollback-only-for-listed-exceptions'] });
    const found = report.findings.map((f) => `${f.file.slice(root.length + 1)}:${f.range.startLine}:${f.confidence}`);
    // finish_rechecked: a wrapper of this file that raises nothing itself, around the checker of another file.
    expect(found).toEqual(['depot/upload.py:10:low', 'depot/upload.py:17:medium', 'depot/upload.py:24:medium', 'depot/upload.py:34:low']);
  });
});
