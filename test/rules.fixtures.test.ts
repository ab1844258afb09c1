// Every rule against its fixture: the exact set of reported lines must equal the `# ruleid:` lines.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeCpp } from '../src/engine/analyzeCpp.js';
import { analyzePython } from '../src/engine/analyzePython.js';
import { allRules } from '../src/rulekit/registry.js';
import { judge, parseAnnotations } from './harness/annotations.js';
import { ruleFile } from './harness/ruleFiles.js';

const known = new Set(allRules().map((r) => r.meta.id));

describe('rule fixtures', () => {
  for (const rule of allRules()) {
    it(rule.meta.id, async () => {
      const cpp = rule.language === 'cpp';
      const fixture = ruleFile(rule.meta.id).replace(/\.ts$/, cpp ? '.fixture.cpp' : '.fixture.py');
      expect(existsSync(fixture), `missing fixture ${fixture}`).toBe(true);
      const source = readFileSync(fixture, 'utf8');
      const { expectations, errors } = parseAnnotations(source, known);
      const result = await (cpp ? analyzeCpp : analyzePython)(fixture, source, [rule], { keepSuppressed: false });
      expect(result.diagnostics.filter((d) => d.code === 'rule-error')).toEqual([]);
      const verdict = judge(rule.meta.id, expectations, result.findings.map((f) => f.range.startLine));
      expect({ annotationErrors: errors, ...verdict }).toEqual({ annotationErrors: [], missed: [], unexpected: [], errors: [] });
    });
  }
});

