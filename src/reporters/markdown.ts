// Markdown for a pull-request or review comment: a summary table per pillar and one section per finding.
// Posted where it renders, so nothing from the reviewed code may become markup: file names and code go in code
// spans/fences longer than any backtick run in them, messages (which quote code) are escaped character by character.
import type { Report } from '../findings/types.js';
import type { RenderOptions } from './index.js';
import { activeFindings, closingSentence, countByPillar, cweLabel, reviewedPhrase } from './common.js';
import { markdownCode, markdownFence, markdownText } from './escape.js';

export function renderMarkdown(report: Report, options: RenderOptions = {}): string {
  const active = activeFindings(report);
  const out: string[] = ['## pillar security review', ''];
  if (active.length === 0) {
    // Our own wording, nothing from the reviewed code.
    out.push(closingSentence(report, options).text, '');
  } else {
    out.push('| Pillar | Findings | Critical | High | Medium | Low |', '|---|---:|---:|---:|---:|---:|');
    for (const c of countByPillar(active)) {
      const s = c.bySeverity;
      out.push(`| ${markdownText(cweLabel(c.pillar))} | ${c.total} | ${s.critical} | ${s.high} | ${s.medium} | ${s.low} |`);
    }
    out.push('');
    for (const f of active) {
      out.push(`### ${markdownCode(`${f.file}:${f.range.startLine}`)} — ${markdownText(f.ruleId)}`, '');
      out.push(`**${f.severity}** severity, ${f.confidence} confidence · [CWE-${f.cwe}](https://cwe.mitre.org/data/definitions/${f.cwe}.html) ${markdownText(cweLabel(f.cwe).replace(/^CWE-\d+ /, ''))} · pillar CWE-${f.pillar}`, '');
      // The snippet as the engine made it (secrets already masked there): never re-read from the source.
      out.push(markdownText(f.message), '', markdownFence(f.snippet), '', `**Fix:** ${markdownText(f.remediation)}`, '');
    }
  }
  if (report.diagnostics.length > 0) {
    out.push(`<details><summary>${report.diagnostics.length} file problem(s)</summary>`, '');
    for (const d of report.diagnostics) out.push(`- ${markdownCode(`${d.file}${d.line !== undefined ? `:${d.line}` : ''}`)} ${d.code}: ${markdownText(d.message)}`);
    out.push('', '</details>', '');
  }
  const files = reviewedPhrase(report).replace(/^Reviewed /, '');
  out.push(`<sub>pillar ${markdownText(report.tool.version)} · ${files} reviewed · ${report.rules.length} rules · CWE ${report.tool.cweVersion}</sub>`);
  return `${out.join('\n')}\n`;
}
