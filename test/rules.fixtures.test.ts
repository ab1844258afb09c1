// Every rule against its fixture: the exact set of reported lines must equal the `# ruleid:` lines, a line annotated
// `# ruleid: id[messageId]` must carry that message, and every message of the rule must be produced somewhere.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules } from '../src/rulekit/registry.js';
import { judge, parseAnnotations } from './harness/annotations.js';
import { record } from './harness/recordingRule.js';
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
      const result = await record(rule, fixture, source);
      expect(result.ruleErrors).toEqual([]);
      const messageIds = Object.keys(rule.meta.messages);
      const verdict = judge(rule.meta.id, expectations, result.findings.map((f) => ({ line: f.range.startLine, messageId: f.messageId })), messageIds);
      expect({ annotationErrors: errors, ...verdict }).toEqual({ annotationErrors: [], missed: [], unexpected: [], errors: [] });
      const produced = new Set(result.findings.map((f) => f.messageId));
      const neverProduced = messageIds.filter((id) => !produced.has(id));
      expect(neverProduced, `messages the fixture never produces: add a '# ruleid: ${rule.meta.id}[<messageId>]' case`).toEqual([]);
    });
  }
});
