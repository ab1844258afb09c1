import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, MAX_CONFIG_BYTES, MAX_CONFIG_ENTRIES } from '../../src/config/load.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pillar-config-'));
}

describe('config loading', () => {
  it('finds .pillar.yml in an ancestor directory inside the repository', () => {
    const root = tempDir();
    mkdirSync(join(root, '.git'));
    writeFileSync(join(root, '.pillar.yml'), 'pillars: [284, 664]\ndisable-rules: [subprocess-shell-true]\nmin-severity: medium\n');
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    const { path, config } = loadConfig(undefined, join(root, 'a', 'b'));
    expect(path).toBe(join(root, '.pillar.yml'));
    expect(config).toEqual({ pillars: [284, 664], 'disable-rules': ['subprocess-shell-true'], 'min-severity': 'medium' });
  });

  it('never looks above the repository root, and outside a repository only in the current directory', () => {
    const above = tempDir();
    writeFileSync(join(above, '.pillar.yml'), 'exclude: ["app.py"]\n');
    const repo = join(above, 'repo');
    mkdirSync(join(repo, 'sub'), { recursive: true });
    // A linked work tree's .git is a file: it marks the root too.
    writeFileSync(join(repo, '.git'), 'gitdir: /elsewhere\n');
    expect(loadConfig(undefined, join(repo, 'sub'))).toEqual({ path: null, config: {} });
    const plain = join(above, 'plain', 'sub');
    mkdirSync(plain, { recursive: true });
    expect(loadConfig(undefined, plain)).toEqual({ path: null, config: {} });
    expect(loadConfig(undefined, above).path).toBe(join(above, '.pillar.yml'));
  });

  it('does not read a config that is a symbolic link out of the repository', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.txt'), 'root:$6$not-yaml: [\n');
    const root = tempDir();
    mkdirSync(join(root, '.git'));
    symlinkSync(join(outside, 'secret.txt'), join(root, '.pillar.yml'));
    expect(() => loadConfig(undefined, root)).toThrow(/^config .*\.pillar\.yml is a symbolic link out of the repository; not read$/);
    // Inside the repository a link is fine.
    const other = tempDir();
    mkdirSync(join(other, '.git'));
    writeFileSync(join(other, 'shared.yml'), 'exclude: [tests]\n');
    symlinkSync(join(other, 'shared.yml'), join(other, '.pillar.yml'));
    expect(loadConfig(undefined, other).config).toEqual({ exclude: ['tests'] });
  });

  it('refuses a config over the size or entry bound in one line', () => {
    const root = tempDir();
    writeFileSync(join(root, 'big.yml'), `# ${'x'.repeat(MAX_CONFIG_BYTES)}\nexclude: [a]\n`);
    expect(() => loadConfig(join(root, 'big.yml'), root)).toThrow(/^config .*big\.yml is \d+ bytes, over the 1048576-byte bound for a config file$/);
    writeFileSync(join(root, 'many.yml'), `include: [${Array.from({ length: MAX_CONFIG_ENTRIES + 1 }, (_, i) => `"g${i}"`).join(', ')}]\n`);
    expect(() => loadConfig(join(root, 'many.yml'), root)).toThrow(/^config .*many\.yml has more than 10000 entries/);
    writeFileSync(join(root, 'many.toml'), `[tool.pillar]\nexclude = [${Array.from({ length: MAX_CONFIG_ENTRIES }, (_, i) => `"g${i}"`).join(', ')}]\ncwe = [78]\n`);
    expect(() => loadConfig(join(root, 'many.toml'), root)).toThrow(/has more than 10000 entries/);
    writeFileSync(join(root, 'ok.yml'), `exclude: [${Array.from({ length: MAX_CONFIG_ENTRIES - 1 }, (_, i) => `"g${i}"`).join(', ')}]\n`);
    expect(loadConfig(join(root, 'ok.yml'), root).config.exclude).toHaveLength(MAX_CONFIG_ENTRIES - 1);
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
