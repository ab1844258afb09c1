// "Scopes by project" across files: a DB-layer function that filters by the context's project, reached through an
// object-layer function of a third file that returns its result, keeps an admin lookup by a caller-chosen id quiet;
// when the DB layer stops filtering (the controller and the object layer untouched, warm cache), the lookup is reported,
// and back. Also the phase-1 fact itself: which functions scope, and how.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { extractFacts } from '../../src/index/extract.js';
import { fromIndex, indexedFacts, ProjectFacts } from '../../src/index/project.js';
import { PythonModel } from '../../src/languages/python/model.js';
import { parsePython } from '../../src/languages/python/parser.js';
import { tempDir, writeTree } from '../engine/helpers.js';

const dbLayer = (scoped: boolean): string => [
  'from svc import session',
  '',
  '',
  'def volume_get(context, volume_id):',
  `    return session.query(context, volume_id${scoped ? ', project_id=context.project_id' : ''})`,
  '',
].join('\n');

const FILES = {
  'svc/__init__.py': '',
  'svc/session.py': 'def query(context, key, **filters):\n    return None\n',
  'svc/db.py': dbLayer(true),
  'svc/objects.py': 'from svc import db\n\n\ndef get_volume(context, volume_id):\n    return db.volume_get(context, volume_id)\n',
  'svc/api.py': [
    'from svc import objects',
    'from svc import wsgi',
    '',
    '',
    'class VolumeController(wsgi.Controller):',
    '    def attach(self, req, body):',
    "        elevated = req.environ['svc.context'].elevated()",
    "        volume = objects.get_volume(elevated, body['volume_id'])",
    '        return volume',
    '',
  ].join('\n'),
};

async function lines(root: string, cacheDir: string): Promise<string[]> {
  const report = await review({ paths: [root], onlyRules: ['resource-fetched-without-ownership-check'], jobs: 1, cacheDir });
  return report.findings.map((f) => `${f.file.replace(/^.*svc\//, 'svc/')}:${f.range.startLine}`);
}

describe('scopes-by-project facts across files', () => {
  it('follows the DB layer two files away, never serving a stale fact', async () => {
    const root = writeTree(FILES);
    const cacheDir = tempDir('cache');
    expect(await lines(root, cacheDir)).toEqual([]);
    writeFileSync(join(root, 'svc/db.py'), dbLayer(false));
    expect(await lines(root, cacheDir)).toEqual(['svc/api.py:8']);
    writeFileSync(join(root, 'svc/db.py'), dbLayer(true));
    expect(await lines(root, cacheDir)).toEqual([]);
  });

  it('keeps a scoper found through another file\'s return when a merge is rebuilt from the index', async () => {
    // An incremental merge (engine/projectPhase.ts) sees other files through their indexed facts, without the return
    // facts resolveScopers follows: the scopers found that way must come with the stored summaries.
    const facts = await Promise.all(Object.entries(FILES).map(async ([path, source]) => extractFacts(new PythonModel(path, source, await parsePython(source)))));
    const full = new ProjectFacts(facts);
    const rebuilt = new ProjectFacts(facts.map((f) => (f.path === 'svc/api.py' ? f : fromIndex(indexedFacts(f)))), full.exportSummaries(), full.exportScopers());
    expect(full.sliceFor('svc/api.py').scoping).toEqual({ 'svc.objects.get_volume': expect.stringMatching(/^returns `svc\.db\.volume_get\(\)`/) });
    expect(rebuilt.sliceFor('svc/api.py')).toEqual(full.sliceFor('svc/api.py'));
    // What the object layer returns is part of its effective plan, so a change there is never merged incrementally.
    expect(full.effectivePlan('svc.objects.get_volume')).toContain('svc.db.volume_get');
  });

  it('asks scoping facts only for a file with a lookup given an id its caller chose', async () => {
    const asks = async (source: string): Promise<boolean> => extractFacts(new PythonModel('svc/c.py', source, await parsePython(source))).asksScoping;
    const controller = (id: string): string => [
      'from svc import objects',
      'from svc import wsgi',
      '',
      '',
      'class C(wsgi.Controller):',
      '    def show(self, req, body):',
      "        admin = req.environ['svc.context'].elevated()",
      `        return objects.get_volume(admin, ${id})`,
      '',
    ].join('\n');
    // An admin context alone (the service's own record, a constant) is no lookup for a caller.
    expect(await asks(controller("'maintenance'"))).toBe(false);
    expect(await asks(controller("body['volume_id']"))).toBe(true);
  });

  it('records which functions scope a lookup, and how', async () => {
    const source = [
      'def compares(port, context):',
      "    if port['tenant_id'] != context.project_id:",
      '        raise ValueError()',
      '',
      '',
      'def filters(context, ident):',
      "    return context.session.query(filters={'project_id': context.project_id, 'id': ident})",
      '',
      '',
      'class Api(object):',
      '    def scoped(self, context, ident):',
      '        return self.db.get(context, ident, project_only=True)',
      '',
      '    def unscoped(self, context, ident):',
      '        return self.db.get(context, ident, project_only=False)',
      '',
    ].join('\n');
    const model = new PythonModel('svc/x.py', source, await parsePython(source));
    const facts = extractFacts(model);
    expect(facts.scoping.map((s) => s.name)).toEqual(['Api.scoped', 'compares', 'filters']);
    expect(facts.scoping.find((s) => s.name === 'compares')!.how).toMatch(/compares `port\['tenant_id'\]`/);
    expect(facts.asksScoping).toBe(false);
  });
});
