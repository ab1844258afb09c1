// Writes docs/rules/<rule-id>.md and docs/rules/README.md (the index) from rule metadata.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAMILIES } from '../src/rulekit/families.js';
import { renderRuleDoc } from '../src/rulekit/ruleDoc.js';
import { ruleLanguage } from '../src/rulekit/types.js';
import { allRules } from '../src/rulekit/registry.js';
import { cweName, pillarOf } from '../src/taxonomy/index.js';
import { ruleFilesById } from './generate-rule-index.js';

const DOCS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules');

mkdirSync(DOCS_DIR, { recursive: true });
for (const name of readdirSync(DOCS_DIR)) if (name.endsWith('.md')) rmSync(join(DOCS_DIR, name));
const rules = [...allRules()].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
const files = ruleFilesById();
for (const rule of rules) writeFileSync(join(DOCS_DIR, `${rule.meta.id}.md`), renderRuleDoc(rule.meta, files.get(rule.meta.id)));
const familyOf = (id: string): string => files.get(id)!.source.split('/')[3]!;
const index = ['# pillar rules', '', 'Generated from rule metadata by `npm run gen:docs`. Rules are filed by family; the pillar is derived from the CWE.', ''];
for (const [family, { title }] of Object.entries(FAMILIES)) {
  const members = rules.filter((r) => familyOf(r.meta.id) === family);
  if (members.length === 0) continue;
  index.push(`## ${title}`, '', '| Rule | Language | CWE | Pillar | Severity | Confidence | Bandit |', '|---|---|---|---|---|---|---|');
  for (const r of members) {
    index.push(`| [${r.meta.id}](${r.meta.id}.md) | ${ruleLanguage(r)} | CWE-${r.meta.cwe} ${cweName(r.meta.cwe)} | CWE-${pillarOf(r.meta.cwe)} | ${r.meta.severity} | ${r.meta.confidence} | ${r.meta.bandit ?? ''} |`);
  }
  index.push('');
}
writeFileSync(join(DOCS_DIR, 'README.md'), index.join('\n'));
console.log(`wrote ${rules.length} rule pages to ${DOCS_DIR}`);
