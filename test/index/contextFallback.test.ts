// "Falls back to an admin context" across files: the helper in one module, the call that drops the request context
// in another (called directly or through a local alias); the finding follows the helper when it stops falling back (warm cache, the caller untouched).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { tempDir, writeTree } from '../engine/helpers.js';

const helper = (fallback: boolean): string => [
  'from svc import context',
  '',
  '',
  'def get_type(type_id, ctxt=None):',
  ...(fallback ? ['    if ctxt is None:', '        ctxt = context.get_admin_context()'] : []),
  '    return ctxt.session.get(type_id)',
  '',
].join('\n');

const FILES = {
  'svc/__init__.py': '',
  'svc/context.py': 'def get_admin_context():\n    return object()\n',
  'svc/types.py': helper(true),
  'svc/api.py': [
    'from svc import types',
    '',
    '',
    'def create(req, type_id):',
    "    context = req.environ['svc.context']",
    '    return types.get_type(type_id)',
    '',
    '',
    'def show(req, type_id):',
    "    context = req.environ['svc.context']",
    '    return types.get_type(type_id, ctxt=context)',
    '',
    '',
    'def show_aliased(req, type_id):',
    "    context = req.environ['svc.context']",
    '    get = types.get_type',
    '    return get(type_id)',
    '',
  ].join('\n'),
};

async function lines(root: string, cacheDir: string): Promise<string[]> {
  const report = await review({ paths: [root], onlyRules: ['request-context-not-passed-on'], jobs: 1, cacheDir });
  return report.findings.map((f) => `${f.file.replace(/^.*svc\//, 'svc/')}:${f.range.startLine}`);
}

describe('admin-context fallbacks across files', () => {
  it('reports the call that drops the context, and follows the helper', async () => {
    const root = writeTree(FILES);
    const cacheDir = tempDir('cache');
    expect(await lines(root, cacheDir)).toEqual(['svc/api.py:6', 'svc/api.py:17']);
    writeFileSync(join(root, 'svc/types.py'), helper(false));
    expect(await lines(root, cacheDir)).toEqual([]);
    writeFileSync(join(root, 'svc/types.py'), helper(true));
    expect(await lines(root, cacheDir)).toEqual(['svc/api.py:6', 'svc/api.py:17']);
  });
});
