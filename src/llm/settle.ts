// What becomes of one file's verified claims, decided once all its units have answered (so the outcome does not
// depend on which request finished first): most confident first, claims below --llm-min-confidence dropped, a claim
// on the lines and pillar of one already taken merged into it, a claim on a rule finding's lines and pillar merged
// into that finding (corroboration), and at most --llm-max-per-file new findings, the most confident.
import type { Confidence, Finding, LlmRejectReason, Range } from '../findings/types.js';
import { CONFIDENCES } from '../findings/types.js';
import { claimFinding, corroborate, isSuppressed } from './findings.js';
import type { FileOutline } from './outline.js';
import type { Claim } from './types.js';
import type { Placement } from './verify.js';

export interface Candidate { claim: Claim; placement: Placement }

export interface SettleInput {
  file: string;
  lines: readonly string[];
  outline: FileOutline;
  ruleFindings: readonly Finding[];
  candidates: readonly Candidate[];
}

export interface SettlePolicy { minConfidence: Confidence; maxPerFile: number; keepSuppressed: boolean }

export interface Settled {
  findings: Finding[];
  corroborated: number;
  suppressed: number;
  dropped: Array<{ candidate: Candidate; reason: LlmRejectReason; detail: string }>;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Most confident first (as the model stated it), then by place, then by content: a total order. */
export function rank(a: Candidate, b: Candidate): number {
  const ra = a.placement.range;
  const rb = b.placement.range;
  return CONFIDENCES.indexOf(b.claim.confidence) - CONFIDENCES.indexOf(a.claim.confidence)
    || ra.startLine - rb.startLine || ra.startColumn - rb.startColumn || ra.endLine - rb.endLine || ra.endColumn - rb.endColumn
    || a.claim.cwe - b.claim.cwe || a.placement.pillar - b.placement.pillar
    || compareText(a.claim.description, b.claim.description) || compareText(a.claim.reachability, b.claim.reachability)
    || compareText(a.claim.solution, b.claim.solution);
}

function overlaps(a: Range, b: Range): boolean {
  return a.startLine <= b.endLine && b.startLine <= a.endLine;
}

export function settle(input: SettleInput, policy: SettlePolicy): Settled {
  const out: Settled = { findings: [], corroborated: 0, suppressed: 0, dropped: [] };
  const taken: Candidate[] = [];
  let reported = 0;
  const floor = CONFIDENCES.indexOf(policy.minConfidence);
  for (const candidate of [...input.candidates].sort(rank)) {
    const { claim, placement } = candidate;
    const drop = (reason: LlmRejectReason, detail: string): void => { out.dropped.push({ candidate, reason, detail }); };
    if (CONFIDENCES.indexOf(claim.confidence) < floor) {
      drop('below-confidence', `the model's confidence ${claim.confidence} is below ${policy.minConfidence} (--llm-min-confidence)`);
      continue;
    }
    const same = taken.find((t) => t.placement.pillar === placement.pillar && overlaps(t.placement.range, placement.range));
    if (same) {
      drop('duplicate', `merged into the CWE-${same.claim.cwe} claim at line ${same.placement.range.startLine} (same pillar, overlapping lines)`);
      continue;
    }
    taken.push(candidate);
    if (corroborate(placement.pillar, placement.range, input.ruleFindings)) {
      out.corroborated++;
      continue;
    }
    const finding = claimFinding(input.file, claim, placement, input.lines, input.outline);
    if (isSuppressed(input.outline, placement.range)) {
      out.suppressed++;
      if (policy.keepSuppressed) out.findings.push({ ...finding, suppressed: true });
      continue;
    }
    if (reported >= policy.maxPerFile) {
      drop('over-file-cap', `this file already has ${policy.maxPerFile} LLM finding${policy.maxPerFile === 1 ? '' : 's'} of higher rank (--llm-max-per-file)`);
      continue;
    }
    reported++;
    out.findings.push(finding);
  }
  return out;
}
