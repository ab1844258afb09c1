// Shared wording for reporters: the closing sentence (the no-findings verdicts), pillar labels and per-pillar counts.
import { countingFindings, verdictOf, type Verdict, type VerdictOptions } from '../findings/coverage.js';
import type { Finding, Report } from '../findings/types.js';
import { cweName, PILLARS } from '../taxonomy/index.js';

/** Printed only when every selected file was reviewed and nothing was found or hidden (exit 0). */
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
  return countingFindings(report.findings);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The sentence that closes a report without counting findings, by verdict. The clean sentence is said only when it
 * is true as written: something was reviewed, nothing was left out, nothing was found or hidden.
 */
export function closingSentence(report: Report, options: VerdictOptions = {}): { verdict: Verdict; text: string } {
  const verdict = verdictOf(report, options);
  const s = report.stats;
  switch (verdict) {
    case 'findings':
      return { verdict, text: '' };
    case 'no-reviewable-change':
      return { verdict, text: 'The change touches no reviewable file: nothing was reviewed.' };
    case 'nothing-reviewed':
      return {
        verdict,
        text: s.selected === 0 ? 'No file was selected for review: nothing was reviewed.'
          : s.selected === 1 ? 'Nothing was reviewed: the selected file could not be reviewed (see the problems listed).'
            : `Nothing was reviewed: none of the ${s.selected} selected files could be reviewed (see the problems listed).`,
      };
    case 'incomplete': {
      const parts = [s.notReviewed > 0 ? `${plural(s.notReviewed, 'file')} not reviewed` : '', s.partlyReviewed > 0 ? `${s.partlyReviewed} only partly` : '']
        .filter(Boolean).join(', ');
      return { verdict, text: `The review is incomplete (${parts || 'an analysis did not finish'}; see the problems listed): no security defects were found in what could be reviewed.` };
    }
    case 'clean': {
      const context = report.findings.filter((f) => f.context && !f.suppressed).length;
      const notes: string[] = [];
      if (s.baselined) notes.push(`${plural(s.baselined, 'finding')} hidden by the baseline`);
      if (context > 0) notes.push(`${plural(context, 'pre-existing finding')} shown as context`);
      if (s.changeReview && (context > 0 || (s.preExisting ?? 0) > 0)) {
        return { verdict, text: `The change introduces no new security defects${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.` };
      }
      if (s.baselined) return { verdict, text: `${notes.join('; ')}; no other security defects are detected in the code.` };
      // Exit 0 without --fail-on-diagnostics, but the sentence would speak for files nobody read.
      if (s.notReviewed > 0) {
        return { verdict, text: `No security defects were found in the ${plural(s.files, 'file')} reviewed; ${plural(s.notReviewed, 'selected file')} could not be reviewed (see the problems listed).` };
      }
      return { verdict, text: NO_DEFECTS };
    }
  }
}

/**
 * What the thresholds kept out of the report, for its closing line: low-confidence findings with the option that
 * shows them, then any other finding below --min-severity.
 */
export function hiddenNotes(report: Report): string[] {
  const s = report.stats;
  const unsure = s.lowConfidenceHidden ?? 0;
  const other = s.belowThreshold - unsure;
  return [
    unsure > 0 ? `${plural(unsure, 'low-confidence finding')} hidden; --min-confidence low shows them` : '',
    other > 0 ? `${other} below the severity/confidence threshold` : '',
  ].filter(Boolean);
}

/** "Reviewed 3 file(s)", or "Reviewed 2 of 3 selected file(s) (1 only partly)" when coverage was not complete. */
export function reviewedPhrase(report: Report): string {
  const s = report.stats;
  const partly = s.partlyReviewed > 0 ? ` (${s.partlyReviewed} only partly)` : '';
  return s.selected === s.files ? `Reviewed ${s.files} file(s)${partly}` : `Reviewed ${s.files} of ${s.selected} selected file(s)${partly}`;
}
