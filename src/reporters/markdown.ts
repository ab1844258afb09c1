// Markdown for a pull-request or review comment: a summary table per pillar and one section per finding.
import type { Report } from '../findings/types.js';
import { activeFindings, countByPillar, cweLabel, NO_DEFECTS } from './common.js';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function fence(code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}python\n${code}\n${ticks}`;
}

export function renderMarkdown(report: Report): string {
  const active = activeFindings(report);
  const out: string[] = ['## pillar security review', ''];
  if (active.length === 0) {
    out.push(NO_DEFECTS, '');
  } else {
    out.push('| Pillar | Findings | Critical | High | Medium | Low |', '|---|---:|---:|---:|---:|---:|');
    for (const c of countByPillar(active)) {
      const s = c.bySeverity;
      out.push(`| ${escapeCell(cweLabel(c.pillar))} | ${c.total} | ${s.critical} | ${s.high} | ${s.medium} | ${s.low} |`);
    }
    out.push('');
    for (const f of active) {
      out.push(`### \`${f.file}:${f.range.startLine}\` — ${f.ruleId}`, '');
      out.push(`**${f.severity}** severity, ${f.confidence} confidence · [CWE-${f.cwe}](https://cwe.mitre.org/data/definitions/${f.cwe}.html) ${escapeCell(cweLabel(f.cwe).replace(/^CWE-\d+ /, ''))} · pillar CWE-${f.pillar}`, '');
      out.push(f.message, '', fence(f.snippet), '', `**Fix:** ${f.remediation}`, '');
    }
  }
  if (report.diagnostics.length > 0) {
    out.push(`<details><summary>${report.diagnostics.length} file problem(s)</summary>`, '');
    for (const d of report.diagnostics) out.push(`- \`${d.file}${d.line !== undefined ? `:${d.line}` : ''}\` ${d.code}: ${escapeCell(d.message)}`);
    out.push('', '</details>', '');
  }
  out.push(`<sub>pillar ${report.tool.version} · ${report.stats.files} files · ${report.rules.length} rules · CWE ${report.tool.cweVersion}</sub>`);
  return `${out.join('\n')}\n`;
}
