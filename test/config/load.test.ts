import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pillar-config-'));
}

describe('config loading', () => {
  it('finds .pillar.yml in an ancestor directory', () => {
    const root = tempDir();
    writeFileSync(join(root, '.pillar.yml'), 'pillars: [284, 664]\ndisable-rules: [subprocess-shell-true]\nmin-severity: medium\n');
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    const { path, config } = loadConfig(undefined, join(root, 'a', 'b'));
    expect(path).toBe(join(root, '.pillar.yml'));
    expect(config).toEqual({ pillars: [284, 664], 'disable-rules': ['subprocess-shell-true'], 'min-severity': 'medium' });
  });

  it('reads [tool.pillar] from pyproject.toml and ignores one without it', () => {
    const root = tempDir();
    writeFileSync(join(root, 'pyproject.toml'), '[tool.pillar]\nexclude = ["tests"]\ncwe = [78]\n');
    expect(loadConfig(undefined, root).config).toEqual({ exclude: ['tests'], cwe: [78] });
    const other = tempDir();
    writeFileSync(join(other, 'pyproject.toml'), '[tool.black]\nline-length = 100\n');
    expect(loadConfig(undefined, other).config).toEqual({});
  });

  it('names the file and the key when the config is invalid', () => {
    const root = tempDir();
    writeFileSync(join(root, '.pillar.yml'), 'min-severity: extreme\nunknown-key: 1\n');
    expect(() => loadConfig(undefined, root)).toThrow(/invalid config .*\.pillar\.yml/);
    expect(() => loadConfig(undefined, root)).toThrow(/min-severity: must be one of low, medium, high, critical/);
    expect(() => loadConfig(undefined, root)).toThrow(/unknown key 'unknown-key'/);
  });

  it('reports unparsable YAML and a missing explicit file', () => {
    const root = tempDir();
    writeFileSync(join(root, 'bad.yml'), 'pillars: [284\n');
    expect(() => loadConfig(join(root, 'bad.yml'), root)).toThrow(/cannot read config/);
    expect(() => loadConfig(join(root, 'missing.yml'), root)).toThrow(/does not exist/);
  });
});
