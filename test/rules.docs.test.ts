// Executable docs: every rule's Example must trigger it, its Use-instead must not, and docs/rules/ must be current.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCpp } from '../src/engine/analyzeCpp.js';
import { analyzeAsProject } from '../src/engine/projectPhase.js';
import { renderRuleDoc } from '../src/rulekit/ruleDoc.js';
import { placeholders } from '../src/rulekit/defineRule.js';
import { allRules } from '../src/rulekit/registry.js';
import { renderIndex, ruleFilesById } from '../scripts/generate-rule-index.js';
import { ruleFile } from './harness/ruleFiles.js';

const DOCS_DIR = join(import.meta.dirname, '..', 'docs', 'rules');

describe('rule docs', () => {
  it('the generated rule index is current (npm run gen:rules)', () => {
    expect(readFileSync(join(import.meta.dirname, '..', 'src', 'rules', 'index.ts'), 'utf8')).toBe(renderIndex());
  });

  it('the rules index names each rule\'s language (no unfilled cell)', () => {
    const index = readFileSync(join(DOCS_DIR, 'README.md'), 'utf8');
    expect(index).not.toMatch(/\|\s*(?:undefined|null)\s*\|/);
    for (const rule of allRules()) expect(index).toContain(`| [${rule.meta.id}](${rule.meta.id}.md) | ${rule.language ?? 'python'} |`);
  });

  it('rule ids are unique and match their file names', () => {
    const ids = allRules().map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(ruleFile(id)).toMatch(new RegExp(`/${id}\\.ts$`));
  });

  for (const rule of allRules()) {
    describe(rule.meta.id, () => {
      it('Example triggers the rule and Use instead does not', async () => {
        // A project-aware rule's example is a project of its own (its options and functions are the project facts).
        const [analyze, ext] = rule.language === 'cpp' ? [analyzeCpp, 'cpp'] : [analyzeAsProject, 'py'];
        const bad = await analyze(`example.${ext}`, rule.meta.docs.example, [rule], { keepSuppressed: false });
        const good = await analyze(`use_instead.${ext}`, rule.meta.docs.useInstead, [rule], { keepSuppressed: false });
        expect(bad.findings.length, 'Example must trigger the rule').toBeGreaterThan(0);
        expect(good.findings.map((f) => f.message), 'Use instead must not trigger the rule').toEqual([]);
      });

      it('messages and fixes use only placeholders the rule fills', () => {
        for (const [id, spec] of Object.entries(rule.meta.messages)) {
          expect(spec.text.trim(), `message ${id}`).not.toBe('');
          expect(spec.fix.trim(), `fix of ${id}`).not.toBe('');
          expect(placeholders(spec.fix).every((p) => placeholders(spec.text).includes(p) || /\{\w+\}/.test(spec.text)), `fix of ${id}`).toBe(true);
        }
      });

      it('docs/rules page is generated and current (npm run gen:docs)', () => {
        const page = join(DOCS_DIR, `${rule.meta.id}.md`);
        expect(existsSync(page), `missing ${page}`).toBe(true);
        expect(readFileSync(page, 'utf8')).toBe(renderRuleDoc(rule.meta, ruleFilesById().get(rule.meta.id)));
      });
    });
  }
});
