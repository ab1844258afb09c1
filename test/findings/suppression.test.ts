import { describe, expect, it } from 'vitest';
import { analyzePython } from '../../src/engine/analyzePython.js';
import { parseSuppression, suppresses } from '../../src/findings/suppression.js';
import { findRule } from '../../src/rulekit/registry.js';

describe('suppression comments', () => {
  it('parses pillar and Bandit forms', () => {
    expect(parseSuppression('# pillar: ignore[subprocess-shell-true, yaml-unsafe-load]')).toMatchObject({ all: false, rules: new Set(['subprocess-shell-true', 'yaml-unsafe-load']) });
    expect(parseSuppression('# pillar: ignore')?.all).toBe(true);
    expect(parseSuppression('# nosec')?.all).toBe(true);
    expect(parseSuppression('# nosec: reviewed by security team')?.all).toBe(true);
    expect(parseSuppression('# nosec B602, B607')).toMatchObject({ all: false, bandit: new Set(['B602', 'B607']) });
    expect(parseSuppression('# nosec B602,B607')).toMatchObject({ all: false, bandit: new Set(['B602', 'B607']) });
    expect(parseSuppression('# a plain comment')).toBeNull();
    expect(parseSuppression('# nosecurity review needed')).toBeNull();
  });

  it("reads Ruff's flake8-bandit codes as the Bandit tests they mirror, and nothing else after noqa", () => {
    expect(parseSuppression('# noqa: S603, S607')).toMatchObject({ all: false, bandit: new Set(['B603', 'B607']) });
    expect(parseSuppression('# noqa:S310')).toMatchObject({ all: false, bandit: new Set(['B310']) });
    expect(parseSuppression('# noqa: E501,S311')).toMatchObject({ all: false, bandit: new Set(['B311']) });
    expect(parseSuppression('# noqa')).toBeNull();
    expect(parseSuppression('# noqa: E402')).toBeNull();
    expect(parseSuppression('# noqa: F401  # see above')).toBeNull();
  });

  it('matches by rule id or Bandit id', () => {
    const s = parseSuppression('# nosec B602')!;
    expect(suppresses(s, 'subprocess-shell-true', 'B602')).toBe(true);
    expect(suppresses(s, 'other-rule', 'B603')).toBe(false);
  });

  const rule = findRule('subprocess-shell-true')!;
  const run = async (code: string, keepSuppressed = false) => analyzePython('t.py', code, [rule], { keepSuppressed });

  it('a Ruff noqa for the mirrored Bandit test suppresses the finding; one for another test does not', async () => {
    const shell = 'import subprocess\nsubprocess.call(cmd, shell=True)  # noqa: S602\n';
    expect((await run(shell)).findings).toHaveLength(0);
    const other = 'import subprocess\nsubprocess.call(cmd, shell=True)  # noqa: S603, E501\n';
    expect((await run(other)).findings.map((f) => f.ruleId)).toEqual(['subprocess-shell-true']);
  });

  it('applies a comment on any line of a multi-line statement', async () => {
    const code = [
      'import subprocess',
      'subprocess.call(',
      '    cmd,',
      '    shell=True,  # nosec B602',
      ')',
      'subprocess.call(cmd,',
      '                shell=True)',
    ].join('\n');
    const result = await run(code);
    expect(result.findings.map((f) => f.range.startLine)).toEqual([6]);
    expect(result.suppressed).toBe(1);
  });

  it('does not let a comment in a compound statement body suppress its header', async () => {
    const code = 'import subprocess\nif subprocess.call(cmd, shell=True):\n    pass  # nosec\n';
    expect((await run(code)).findings).toHaveLength(1);
  });

  it('ignores a suppression for another rule, and keeps suppressed findings when asked', async () => {
    const code = 'import subprocess\nsubprocess.call(cmd, shell=True)  # pillar: ignore[yaml-unsafe-load]\nsubprocess.call(cmd, shell=True)  # pillar: ignore[subprocess-shell-true]\n';
    expect((await run(code)).findings.map((f) => f.range.startLine)).toEqual([2]);
    const kept = await run(code, true);
    expect(kept.findings.map((f) => [f.range.startLine, f.suppressed ?? false])).toEqual([[2, false], [3, true]]);
  });

  it('suppresses by CWE or pillar in an ignore list (issue 18: ignore[CWE-502] did nothing)', async () => {
    const code = [
      'import subprocess',
      'subprocess.call(cmd, shell=True)  # pillar: ignore[CWE-78]',
      'subprocess.call(cmd, shell=True)  # pillar: ignore[cwe-707]',
      'subprocess.call(cmd, shell=True)  # pillar: ignore[CWE-502]',
      'subprocess.call(cmd, shell=True)  # pillar: ignore[CWE78, yaml-unsafe-load]',
    ].join('\n');
    const result = await run(code);
    expect(result.findings.map((f) => f.range.startLine)).toEqual([4]);
    expect(result.suppressed).toBe(3);
    expect(suppresses(parseSuppression('# pillar: ignore[CWE-502]')!, 'yaml-unsafe-load', 'B506', undefined, { cwe: 502, pillar: 664 })).toBe(true);
  });

  it('reports an ignore comment naming an unknown rule or CWE as a diagnostic, once per id', async () => {
    const code = [
      'import subprocess',
      'subprocess.call(cmd, shell=True)  # pillar: ignore[subprocess-shell-ture]',
      'x = 1  # pillar: ignore[CWE-999999, yaml-unsafe-load, llm-review]',
      '# a comment that mentions pillar but suppresses nothing',
    ].join('\n');
    const result = await run(code);
    expect(result.findings.map((f) => f.range.startLine)).toEqual([2]);
    expect(result.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ['unknown-suppression', 2, expect.stringContaining("'subprocess-shell-ture', which is neither a rule id nor a CWE")],
      ['unknown-suppression', 3, expect.stringContaining('CWE-999999, which does not exist')],
    ]);
  });
});
