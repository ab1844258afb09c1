// Documentation and behaviour agree on severity (issue 18: a rule documented "high" reported "critical"). A rule's
// `meta.severity` is what `pillar rules`, `pillar explain`, docs/rules and SARIF rule descriptors show, so it must be
// the highest severity the rule reports; a report may lower it (a literal command, a weaker key), never raise it.
// Checked on every rule's fixture and docs example, Bandit's weak spot ("docstrings that promise severities the
// code no longer produces", STYLE.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeCpp } from '../src/engine/analyzeCpp.js';
import { analyzePython } from '../src/engine/analyzePython.js';
import { SEVERITIES } from '../src/findings/types.js';
import { allRules } from '../src/rulekit/registry.js';
import { ruleFile } from './harness/ruleFiles.js';

describe('documented severity is the highest reported', () => {
  for (const rule of allRules()) {
    it(rule.meta.id, async () => {
      const [analyze, ext] = rule.language === 'cpp' ? [analyzeCpp, 'cpp'] : [analyzePython, 'py'];
      const fixture = ruleFile(rule.meta.id).replace(/\.ts$/, `.fixture.${ext}`);
      const reported = new Set<string>();
      for (const [path, source] of [[fixture, readFileSync(fixture, 'utf8')], [`example.${ext}`, rule.meta.docs.example]] as const) {
        const result = await analyze(path, source, [rule], { keepSuppressed: true });
        for (const f of result.findings) reported.add(f.severity);
      }
      const documented = SEVERITIES.indexOf(rule.meta.severity);
      const above = [...reported].filter((s) => SEVERITIES.indexOf(s as never) > documented);
      expect(above, `documented ${rule.meta.severity}, reported ${[...reported].join(', ')}`).toEqual([]);
    });
  }
});
