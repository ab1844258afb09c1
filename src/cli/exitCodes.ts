// Exit codes, as documented in the README ("Exit codes") and `pillar review --help`. The verdict they come from is
// decided in findings/coverage.ts, which the reporters read too, so the status and the closing sentence agree.
import type { Verdict } from '../findings/coverage.js';

export const EXIT = {
  /** Every selected file reviewed (or a change touching no reviewable file), no finding at or above the thresholds. */
  clean: 0,
  /** At least one finding at or above the thresholds; takes precedence over 5 and 6. */
  findings: 1,
  /** Usage or configuration error, detected before analysis where possible. */
  usage: 2,
  /** Internal error: a bug in pillar. */
  internal: 3,
  /** `pillar post-gerrit` only: Gerrit answered with an HTTP error or could not be reached. */
  postFailed: 4,
  /** Nothing was reviewed: files were selected but none could be, or a whole-tree review selected none. */
  nothingReviewed: 5,
  /** No findings, but the review is incomplete: an analysis did not finish (or, with --fail-on-diagnostics, a file was not fully reviewed). */
  incomplete: 6,
} as const;

const STATUS: Readonly<Record<Verdict, number>> = {
  findings: EXIT.findings,
  'nothing-reviewed': EXIT.nothingReviewed,
  incomplete: EXIT.incomplete,
  'no-reviewable-change': EXIT.clean,
  clean: EXIT.clean,
};

export function exitStatus(verdict: Verdict): number {
  return STATUS[verdict];
}

/** For `--help`: the table of the README in a few lines. */
export const EXIT_HELP = `
Exit status:
  0  every selected file reviewed, no finding at or above the thresholds
     (also: a change review whose change touches no reviewable file)
  1  at least one finding at or above the thresholds (takes precedence over 5 and 6)
  2  usage or configuration error (unknown option, bad config, missing path, -o into a missing directory …)
  3  internal error (a bug in pillar)
  5  nothing was reviewed: no file selected, or none of the selected files could be reviewed
  6  incomplete review without findings: a rule failed or a file timed out; with --fail-on-diagnostics,
     also any file not reviewed or only partly reviewed (diagnostics of the opt-in LLM review excepted)
`;
