// Turns verified claims into findings (rule id `llm-review`, source `llm`, the pillar the model chose) or into
// corroboration of a rule's finding on the same lines and pillar. Severity comes from pillar's own rules for that CWE, else from the pillar.
import { fingerprint } from '../findings/fingerprint.js';
import { parseSuppression, suppresses } from '../findings/suppression.js';
import type { Confidence, Finding, Range, Severity } from '../findings/types.js';
import { CONFIDENCES, SEVERITIES } from '../findings/types.js';
import { allRules } from '../rulekit/registry.js';
import { pillarOf } from '../taxonomy/index.js';
import { scopeAt, type FileOutline } from './outline.js';
import { SNIPPET_MAX_LINES } from '../engine/toFinding.js';
import { LLM_RULE_ID } from './pseudoRule.js';
import type { Claim } from './types.js';
import { normaliseQuote, type Placement } from './verify.js';

// An unverified opinion never outranks what a rule proves: capped at medium confidence and at high severity.
const MAX_CONFIDENCE: Confidence = 'medium';
const MAX_SEVERITY: Severity = 'high';

// Where no rule covers the CWE: injection and access control usually expose data or hosts (high); error handling
// and coding standards are usually stepping stones (low); the rest medium.
const PILLAR_SEVERITY: Readonly<Record<number, Severity>> = {
  284: 'high', 435: 'medium', 664: 'medium', 682: 'medium', 691: 'medium',
  693: 'medium', 697: 'medium', 703: 'low', 707: 'high', 710: 'low',
};

function lower<T extends string>(order: readonly T[], a: T, b: T): T {
  return order.indexOf(a) <= order.indexOf(b) ? a : b;
}

export function severityFor(cwe: number, pillar: number | null = pillarOf(cwe)): Severity {
  const fromRules = allRules().filter((r) => r.meta.cwe === cwe).map((r) => r.meta.severity);
  const highest = fromRules.sort((a, b) => SEVERITIES.indexOf(b) - SEVERITIES.indexOf(a))[0];
  return lower(SEVERITIES, highest ?? PILLAR_SEVERITY[pillar ?? 0] ?? 'medium', MAX_SEVERITY);
}

export function confidenceFor(stated: Confidence): Confidence {
  return lower(CONFIDENCES, stated, MAX_CONFIDENCE);
}

function overlaps(a: Range, b: Range): boolean {
  return a.startLine <= b.endLine && b.startLine <= a.endLine;
}

/**
 * Marks every rule finding of the claim's pillar on overlapping lines as corroborated; true when there was one, and
 * the claim then adds no finding of its own (the rule's finding already says it, with the rule's evidence).
 */
export function corroborate(pillar: number, range: Range, ruleFindings: readonly Finding[]): boolean {
  let any = false;
  for (const f of ruleFindings) {
    if (f.source === undefined && f.pillar === pillar && overlaps(f.range, range)) {
      f.corroboratedBy = 'llm';
      any = true;
    }
  }
  return any;
}

export function isSuppressed(outline: FileOutline, range: Range): boolean {
  for (let line = range.startLine; line <= range.endLine; line++) {
    for (const comment of outline.comments.get(line) ?? []) {
      const s = parseSuppression(comment);
      if (s && suppresses(s, LLM_RULE_ID, undefined)) return true;
    }
  }
  return false;
}

/** The finding's message: the model's description, then why it says the defect can be reached. */
export function claimMessage(claim: Claim): string {
  const said = claim.description.trim();
  return `${said}${/[.!?]$/.test(said) ? '' : '.'} Reachable: ${claim.reachability.trim()}`;
}

export function claimFinding(file: string, claim: Claim, placement: Placement, lines: readonly string[], outline: FileOutline): Finding {
  const { cwe } = claim;
  const { range, pillar } = placement;
  return {
    ruleId: LLM_RULE_ID,
    cwe,
    pillar,
    severity: severityFor(cwe, pillar),
    confidence: confidenceFor(claim.confidence),
    file,
    range,
    message: claimMessage(claim),
    remediation: claim.solution || 'The model proposed no fix; see the description.',
    fingerprint: fingerprint(LLM_RULE_ID, scopeAt(outline, range.startLine), `CWE-${cwe} ${normaliseQuote(claim.quote)}`),
    snippet: lines.slice(range.startLine - 1, Math.min(range.endLine, range.startLine + SNIPPET_MAX_LINES - 1)).join('\n'),
    source: 'llm',
  };
}
