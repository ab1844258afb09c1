// Per-finding confidence of the C/C++ rules whose findings are medium only when the input steers them (or, for
// failure-result-ignored and member-left-uninitialised, when the evidence is strongest): a fixture
// line `// confidence: medium|low` above a `// ruleid:` annotation names the confidence the finding below must carry.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/rulekit/registry.js';
import { record } from '../harness/recordingRule.js';
import { ruleFile } from '../harness/ruleFiles.js';

const RULES = ['unbounded-recursion', 'division-by-unchecked-value', 'failure-result-ignored', 'member-left-uninitialised'];

/** Expected confidence by the code line it describes: the first non-comment line after the annotation. */
function expectedConfidences(source: string): Map<number, string> {
  const lines = source.split('\n');
  const out = new Map<number, string>();
  lines.forEach((line, i) => {
    const m = /^\s*\/\/\s*confidence:\s*(\w+)/.exec(line);
    if (!m) return;
    let j = i + 1;
    while (j < lines.length && /^\s*\/\//.test(lines[j]!)) j++;
    out.set(j + 1, m[1]!);
  });
  return out;
}

describe('C/C++ confidence per finding', () => {
  for (const id of RULES) {
    it(id, async () => {
      const rule = allRules().find((r) => r.meta.id === id)!;
      const fixture = ruleFile(id).replace(/\.ts$/, '.fixture.cpp');
      const source = readFileSync(fixture, 'utf8');
      const expected = expectedConfidences(source);
      expect([...expected.values()]).toContain('medium');
      expect([...expected.values()]).toContain('low');
      const result = await record(rule, fixture, source);
      const actual = new Map(result.findings.filter((f) => expected.has(f.range.startLine)).map((f) => [f.range.startLine, f.confidence as string]));
      expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    });
  }
});
