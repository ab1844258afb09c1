// GitHub Actions workflow commands, one per finding: `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::…`.
// The runner turns them into annotations on the pull request's diff. Suppressed findings are left out.
import type { Finding, Report } from '../findings/types.js';
import { visible, visibleLines } from './escape.js';
import { reviewFindings } from './gerrit.js';

const COMMAND: Record<Finding['severity'], 'error' | 'warning' | 'notice'> = {
  critical: 'error', high: 'error', medium: 'warning', low: 'notice',
};

/**
 * Escaping of a command's message, as the runner decodes it (actions/toolkit's escapeData). The parts that come
 * from the reviewed code are passed through `visible` first, so ESC sequences cannot colour or rewrite the log.
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value: also `:` and `,`, which would end the value (actions/toolkit's escapeProperty). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(f: Finding): string {
  const r = f.range;
  const props: Array<[string, string | number]> = [['file', visible(f.file)], ['line', r.startLine], ['endLine', r.endLine], ['col', r.startColumn]];
  // GitHub ignores endColumn on multi-line annotations, so give it only where it is meaningful.
  if (r.endLine === r.startLine) props.push(['endColumn', r.endColumn]);
  props.push(['title', `${f.context ? 'pre-existing: ' : ''}pillar ${f.ruleId} (CWE-${f.cwe}, ${f.severity})`]);
  // A newline in a message is kept (escapeData encodes it; the annotation shows it); other controls are made visible.
  const text = (s: string): string => visibleLines(s).join('\n');
  const body = [text(f.message), '', `Fix: ${text(f.remediation)}`];
  for (const step of f.evidence ?? []) body.push(`Path: ${visible(step.file)}:${step.range.startLine}: ${text(step.message)}`);
  const command = f.context ? 'notice' : COMMAND[f.severity];
  return `::${command} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(body.join('\n'))}`;
}

export function renderGithub(report: Report): string {
  const lines = reviewFindings(report).map(annotation);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
