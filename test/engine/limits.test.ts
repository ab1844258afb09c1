// Hostile input costs at most its own file: deep nesting, huge files, slow files, bytes that are not text.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { analyzePython } from '../../src/engine/analyzePython.js';
import { allRules } from '../../src/rulekit/registry.js';
import { writeTree } from './helpers.js';

const DEFECT = 'import subprocess\nsubprocess.call(cmd, shell=True)\n';
const N = 50_000;

function codes(report: { diagnostics: Array<{ file: string; code: string }> }, name: string): string[] {
  return [...new Set(report.diagnostics.filter((d) => d.file.endsWith(`/${name}`)).map((d) => d.code))].sort();
}

describe('deep nesting', () => {
  const deep: Record<string, string> = {
    'parens.py': `import os\nx = ${'('.repeat(N)}1${')'.repeat(N)}\nos.system(x)\n`,
    'sum.py': `import os\nx = ${Array.from({ length: N }, (_, i) => `a${i % 7}`).join(' + ')}\nos.system(x)\n`,
    'attrs.py': `import os\nx = a${'.b'.repeat(N)}\nos.system(x)\n`,
    'lists.py': `x = ${'['.repeat(N)}${']'.repeat(N)}\n`,
    // CPython stops at 100 levels of indentation; the parser must still survive 5,000.
    'blocks.py': `import os\n${Array.from({ length: 5_000 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('')}${' '.repeat(5_000)}os.system(x)\n`,
  };

  it('never crashes the run: every rule that cannot follow the nesting becomes a diagnostic', async () => {
    const root = writeTree({ ...deep, 'ok.py': DEFECT });
    const report = await review({ paths: [root], jobs: 1, maxFileSize: 20_000_000 });
    expect(report.stats.files).toBe(6);
    // The ordinary file keeps its finding whatever happened to its neighbours.
    expect(report.findings.some((f) => f.file.endsWith('ok.py') && f.ruleId === 'subprocess-shell-true')).toBe(true);
    const allowed = new Set(['rule-error', 'syntax-error', 'unsupported']);
    for (const name of Object.keys(deep)) {
      for (const code of codes(report, name)) expect(allowed.has(code), `${name}: ${code}`).toBe(true);
    }
    const overflow = report.diagnostics.find((d) => d.message.includes('nested too deeply'));
    if (overflow) expect(overflow.message).toMatch(/stack exhausted/);
  });

  it('reports a stack overflow in one rule as that rule failing, and runs the others', async () => {
    const recursive = {
      meta: { ...allRules()[0]!.meta, id: 'test-recursive' },
      create: () => ({ module: () => { const f = (n: number): number => f(n + 1) + 1; f(0); } }),
    };
    const result = await analyzePython('x.py', DEFECT, [recursive, allRules().find((r) => r.meta.id === 'subprocess-shell-true')!], { keepSuppressed: false });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'rule test-recursive could not analyse line 1: the code there is nested too deeply for the rule (stack exhausted); its findings elsewhere in the file are kept',
    ]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['subprocess-shell-true']);
  });
});

describe('size, time and bytes', () => {
  it('gives a 50 MB file a too-large diagnostic without reading it', async () => {
    const root = writeTree({ 'ok.py': DEFECT });
    writeFileSync(join(root, 'huge.py'), Buffer.alloc(50 * 1024 * 1024, 'x = 1\n'));
    const report = await review({ paths: [root], jobs: 1, onlyRules: ['subprocess-shell-true'] });
    expect(codes(report, 'huge.py')).toEqual(['too-large']);
    expect(report.findings).toHaveLength(1);
  });

  it('stops a file at --file-timeout in the main thread too, and reviews the rest', async () => {
    const root = writeTree({ 'slow.py': `import os\n${'x = [a for a in range(10) if a]\n'.repeat(40_000)}`, 'ok.py': DEFECT });
    const report = await review({ paths: [root], jobs: 1, fileTimeoutMs: 5, onlyRules: ['subprocess-shell-true'] });
    expect(codes(report, 'slow.py')).toEqual(['timeout']);
    expect(report.diagnostics.find((d) => d.code === 'timeout')!.message).toMatch(/5 ms limit/);
    expect(report.findings.map((f) => f.file.slice(root.length + 1))).toEqual(['ok.py']);
  });

  it('handles NUL bytes, invalid UTF-8, a NUL past the binary probe, and a directory symlink loop', async () => {
    const root = writeTree({
      'nul.py': Buffer.from('import os\x00\nos.system(x)\n', 'latin1'),
      'late-nul.py': Buffer.concat([Buffer.from(`${'# pad\n'.repeat(2_000)}`), Buffer.from('x = "\x00"\n', 'latin1'), Buffer.from(DEFECT)]),
      'bad-utf8.py': Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x22, 0xc3, 0x28, 0x22, 0x0a]),
      'ok.py': DEFECT,
    });
    mkdirSync(join(root, 'pkg'));
    symlinkSync(join(root, 'pkg'), join(root, 'pkg', 'loop'));
    const report = await review({ paths: [root], jobs: 1, onlyRules: ['subprocess-shell-true'] });
    expect(codes(report, 'nul.py')).toEqual(['binary']);
    expect(codes(report, 'bad-utf8.py')).toEqual(['encoding']);
    // A NUL the probe did not see is just an odd character to the parser: the file is still reviewed.
    expect(report.findings.map((f) => f.file.slice(root.length + 1))).toEqual(['late-nul.py', 'ok.py']);
  });
});
