// Shared wording for reporters: the no-findings sentence, pillar labels and per-pillar counts.
import type { Finding, Report } from '../findings/types.js';
import { cweName, PILLARS } from '../taxonomy/index.js';

export const NO_DEFECTS = 'No security defects are detected in the code.';

export function cweLabel(id: number): string {
  return `CWE-${id} ${cweName(id)}`;
}

export interface PillarCount { pillar: number; total: number; bySeverity: Record<string, number> }

export function countByPillar(findings: readonly Finding[]): PillarCount[] {
  return PILLARS.map((pillar) => {
    const mine = findings.filter((f) => f.pillar === pillar);
    const bySeverity: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const f of mine) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    return { pillar, total: mine.length, bySeverity };
  }).filter((c) => c.total > 0);
}

/** Findings that count: not suppressed inline, and not pre-existing context in a change review. */
export function activeFindings(report: Report): Finding[] {
  return report.findings.filter((f) => !f.suppressed && !f.context);
}
