// A rule's report turned into a Finding, the same for every language: message and fix filled from the report's data,
// the pillar derived from the CWE, a fingerprint stable under line shifts, and a capped snippet of the source.
import { fingerprint } from '../findings/fingerprint.js';
import type { Finding, Range } from '../findings/types.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import { fillTemplate } from '../rulekit/defineRule.js';
import type { ReportDescriptor, RuleMeta } from '../rulekit/types.js';
import { pillarOf } from '../taxonomy/index.js';

/** Lines of source kept with a finding for code frames; a longer range is cut. */
export const SNIPPET_MAX_LINES = 6;

export function rangeOf(node: SyntaxNode): Range {
  return {
    startLine: node.startPosition.row + 1, startColumn: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1, endColumn: node.endPosition.column + 1,
  };
}

/** Where the finding is: its file, the file's lines (for the snippet) and the name of its enclosing scope. */
export interface FindingSite { path: string; lines: readonly string[]; scopeName: string }

export function toFinding(meta: RuleMeta, d: ReportDescriptor, site: FindingSite): Finding {
  const spec = meta.messages[d.messageId];
  if (!spec) throw new Error(`rule ${meta.id} reported unknown message id '${d.messageId}'`);
  const range = rangeOf(d.node);
  const snippetEnd = Math.min(range.endLine, range.startLine + SNIPPET_MAX_LINES - 1);
  const finding: Finding = {
    ruleId: meta.id,
    cwe: meta.cwe,
    pillar: pillarOf(meta.cwe)!,
    severity: d.severity ?? meta.severity,
    confidence: d.confidence ?? meta.confidence,
    file: site.path,
    range,
    message: fillTemplate(spec.text, d.data),
    remediation: fillTemplate(spec.fix, d.data),
    fingerprint: fingerprint(meta.id, site.scopeName, d.node.text),
    snippet: site.lines.slice(range.startLine - 1, snippetEnd).join('\n'),
  };
  if (meta.bandit) finding.bandit = meta.bandit;
  if (d.evidence && d.evidence.length > 0) {
    finding.evidence = d.evidence.map((e) => ({ file: site.path, range: rangeOf(e.node), message: e.message }));
  }
  return finding;
}
