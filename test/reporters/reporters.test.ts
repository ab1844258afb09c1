// Reporters: SARIF validates against the official 2.1.0 schema and carries CWE + pillar; text/markdown/json shapes.
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import type { Report } from '../../src/findings/types.js';
import { render } from '../../src/reporters/index.js';

const require = createRequire(import.meta.url);
// The SARIF schema is draft-04; ajv-draft-04 is Ajv's CommonJS build for it (module.exports is the class).
const AjvDraft04 = require('ajv-draft-04') as typeof Ajv;
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));

let defects: Report;
let clean: Report;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'pillar-rep-'));
  writeFileSync(join(root, 'bad.py'), 'import subprocess\n\n\ndef run(cmd):\n    subprocess.call("echo " + cmd, shell=True)\n');
  writeFileSync(join(root, 'clean.py'), 'def add(a, b):\n    return a + b\n');
  writeFileSync(join(root, 'bin.py'), Buffer.from([0, 1, 2]));
  // Only the shell rule, so the expectations below name exactly one finding.
  defects = await review({ paths: [join(root, 'bad.py'), join(root, 'bin.py')], cwes: [78], onlyRules: ['subprocess-shell-true'] });
  clean = await review({ paths: [join(root, 'clean.py')] });
});

describe('sarif', () => {
  it('validates against the SARIF 2.1.0 schema and carries cwe, pillar and bandit', () => {
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(SARIF_SCHEMA);
    const sarif = JSON.parse(render('sarif', defects));
    expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const result = sarif.runs[0].results[0];
    expect(result.properties).toMatchObject({ cwe: 'CWE-78', pillar: 'CWE-707', bandit: 'B602' });
    expect(result.partialFingerprints['pillar/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 5, startColumn: 5 });
    const rule = sarif.runs[0].tool.driver.rules[result.ruleIndex];
    expect(rule.properties.tags).toContain('external/cwe/cwe-78');
    expect(rule.properties).toMatchObject({ cwe: 'CWE-78', pillar: 'CWE-707', bandit: 'B602' });
    expect(rule.help.markdown).toContain('Use instead');
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toMatch(/^binary:/);
    // The validator really checks: a wrong level is rejected.
    sarif.runs[0].results[0].level = 'fatal';
    expect(validate(sarif)).toBe(false);
  });

  it('validates with no results too', () => {
    const ajv = new AjvDraft04({ strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    expect(ajv.compile(SARIF_SCHEMA)(JSON.parse(render('sarif', clean)))).toBe(true);
  });
});

describe('text', () => {
  it('shows location, CWE and pillar names, severity, message, code frame, fix and summary', () => {
    const text = render('text', defects);
    expect(text).toMatch(/bad\.py:5:5: subprocess-shell-true/);
    expect(text).toContain("CWE-78 Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection') — pillar CWE-707 Improper Neutralization");
    expect(text).toContain('severity high, confidence high, Bandit B602');
    expect(text).toContain('5 |     subprocess.call("echo " + cmd, shell=True)');
    expect(text).toMatch(/fix: Pass the command as a list/);
    expect(text).toMatch(/bin\.py: binary: /);
    expect(text).toMatch(/1 finding in 1 file\(s\):\n  CWE-707 Improper Neutralization: 1 \(1 high\)/);
  });

  it('says exactly that no defects are detected when there are none', () => {
    expect(render('text', clean).split('\n')[0]).toBe('No security defects are detected in the code.');
    expect(render('markdown', clean)).toContain('\nNo security defects are detected in the code.\n');
  });
});

describe('json and markdown', () => {
  it('json carries a schema version and the whole report', () => {
    const json = JSON.parse(render('json', defects));
    expect(json.schemaVersion).toBe('1.0');
    expect(json.findings[0]).toMatchObject({ ruleId: 'subprocess-shell-true', cwe: 78, pillar: 707, severity: 'high' });
    expect(json.selection).toEqual({ pillars: [], cwes: [78] });
  });

  it('json validates against the documented schema', () => {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'report.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    for (const report of [defects, clean]) {
      expect(validate(JSON.parse(render('json', report))), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('markdown has a pillar table and a fenced code frame', () => {
    const md = render('markdown', defects);
    expect(md).toContain('| CWE-707 Improper Neutralization | 1 | 0 | 1 | 0 | 0 |');
    expect(md).toContain('```python\n    subprocess.call("echo " + cmd, shell=True)\n```');
  });

  it('is byte-identical across runs', async () => {
    for (const format of ['text', 'json', 'sarif', 'markdown'] as const) {
      expect(render(format, defects)).toBe(render(format, defects));
    }
  });
});
