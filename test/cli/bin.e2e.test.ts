// The installed command, as a user runs it: `bin/pillar.js` in a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'pillar.js');

function pillar(args: string[], input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
}

describe('bin/pillar.js', () => {
  beforeAll(() => {
    expect(inject('buildError'), 'npm run build failed').toBe('');
  });

  const root = mkdtempSync(join(tmpdir(), 'pillar-bin-'));
  writeFileSync(join(root, 'bad.py'), 'import subprocess as sp\nsp.Popen(cmd, shell=True)\n');
  writeFileSync(join(root, 'clean.py'), 'x = 1\n');

  it('prints SARIF with cwe and pillar and exits 1 on a defect', () => {
    const r = pillar(['review', join(root, 'bad.py'), '--format', 'sarif']);
    expect(r.status).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.runs[0].results[0].properties).toMatchObject({ cwe: 'CWE-78', pillar: 'CWE-707' });
  });

  it('prints the no-defects sentence and exits 0 on clean code', () => {
    const r = pillar(['review', join(root, 'clean.py')]);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('No security defects are detected in the code.\n')).toBe(true);
  });

  it('gives the same bytes twice', () => {
    expect(pillar(['review', root, '--format', 'json']).stdout).toBe(pillar(['review', root, '--format', 'json']).stdout);
  });

  it('prints its version and exits 2 on a usage error', () => {
    expect(pillar(['--version']).status).toBe(0);
    const r = pillar(['review', root, '--pillars', 'abc']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/'abc' is not a pillar id/);
  });
});
