// Writes docs/rules/<rule-id>.md and docs/rules/README.md (the index) from rule metadata.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRuleDoc } from '../src/rulekit/ruleDoc.js';
import { allRules } from '../src/rulekit/registry.js';
import { cweName, pillarOf } from '../src/taxonomy/index.js';

const DOCS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules');

mkdirSync(DOCS_DIR, { recursive: true });
for (const name of readdirSync(DOCS_DIR)) if (name.endsWith('.md')) rmSync(join(DOCS_DIR, name));
const rules = [...allRules()].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
for (const rule of rules) writeFileSync(join(DOCS_DIR, `${rule.meta.id}.md`), renderRuleDoc(rule.meta));
const index = [
  '# pillar rules', '', 'Generated from rule metadata by `npm run gen:docs`.', '',
  '| Rule | CWE | Pillar | Severity | Confidence | Bandit |', '|---|---|---|---|---|---|',
  ...rules.map((r) => `| [${r.meta.id}](${r.meta.id}.md) | CWE-${r.meta.cwe} ${cweName(r.meta.cwe)} | CWE-${pillarOf(r.meta.cwe)} | ${r.meta.severity} | ${r.meta.confidence} | ${r.meta.bandit ?? ''} |`),
  '',
];
writeFileSync(join(DOCS_DIR, 'README.md'), index.join('\n'));
console.log(`wrote ${rules.length} rule pages to ${DOCS_DIR}`);
