// A parameter the module passes to another file's masking helper is a secret of that module (secretExposure.ts
// conventions): the helper's "masks" summary comes from the project facts, so this only holds when the secret
// analysis resolves call targets for files whose slice carries a masking summary (perf gate in conventions).
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { maskingProject, tempDir, writeTree } from '../engine/helpers.js';

const FILES = maskingProject();

describe('masking summaries across files', () => {
  it('treats what a module masks through another file as secret elsewhere in the module', async () => {
    const root = writeTree(FILES);
    const report = await review({ paths: [root], onlyRules: ['secret-in-log'], jobs: 1, cacheDir: tempDir('cache') });
    const lines = report.findings.map((f) => `${f.file.replace(/^.*app\//, 'app/')}:${f.range.startLine}:${f.ruleId}`);
    // The masked log line stays silent; the same parameter logged bare in another function is reported.
    expect(lines).toEqual(['app/worker.py:13:secret-in-log']);
  });
});
