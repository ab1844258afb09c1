// Renders a rule's documentation from its metadata, in the Ruff-style template. Used by `pillar explain` and by
// scripts/generate-rule-docs.ts, so docs/rules/*.md can never drift from the code.
import { cweName, pillarOf } from '../taxonomy/index.js';
import { profileOf } from './profiles.js';
import type { RuleMeta } from './types.js';

/** Where a rule lives, relative to the repository root, for the generated page's Source section. */
export interface RuleFiles {
  readonly source: string;
  readonly fixture: string;
}

export function renderRuleDoc(meta: RuleMeta, files?: RuleFiles): string {
  const pillar = pillarOf(meta.cwe)!;
  const d = meta.docs;
  const fence = meta.languages.includes('cpp') ? 'cpp' : 'python';
  const lines = [
    `# ${meta.id}`,
    '',
    d.summary,
    '',
    '| | |',
    '|---|---|',
    `| CWE | [CWE-${meta.cwe}](https://cwe.mitre.org/data/definitions/${meta.cwe}.html) ${cweName(meta.cwe)} |`,
    `| Pillar | [CWE-${pillar}](https://cwe.mitre.org/data/definitions/${pillar}.html) ${cweName(pillar)} |`,
    `| Severity | ${meta.severity} |`,
    `| Confidence | ${meta.confidence} |`,
    ...(meta.bandit ? [`| Bandit | ${meta.bandit} |`] : []),
    `| Status | ${meta.status ?? 'stable'} |`,
    // Only the notices carry the row: the default profile is what every other rule is in (README, "Profiles").
    ...(profileOf(meta) === 'bandit' ? ['| Profile | bandit (a notice: runs with `--profile bandit` or `--bandit-compat`) |'] : []),
    '',
    '## Why is this a defect?',
    '',
    d.why,
    '',
    '## Example',
    '',
    '```' + fence,
    d.example.trimEnd(),
    '```',
    '',
    '## Use instead',
    '',
    '```' + fence,
    d.useInstead.trimEnd(),
    '```',
    '',
    '## Fix',
    '',
    d.fix,
    '',
  ];
  if (d.banditDifferences) lines.push('## Differences from Bandit', '', d.banditDifferences, '');
  lines.push('## References', '', ...d.references.map((r) => `- ${r}`), '');
  // docs/rules/<id>.md sits two levels below the root; `pillar explain` prints no links to files it does not ship.
  if (files) lines.push('## Source', '', `- Rule: [${files.source}](../../${files.source})`, `- Fixture: [${files.fixture}](../../${files.fixture})`, '');
  return lines.join('\n');
}
