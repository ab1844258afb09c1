// Rule profiles: which rules a run selects when no rule is named. Like ESLint's `recommended` or Ruff's default
// selection, the default profile holds what a security reviewer would raise unprompted; Bandit-style notices (an
// import of subprocess, an `assert`, `random` with no security use shown) are opt-in with `--profile bandit`.
import type { RuleMeta } from './types.js';

/**
 * - `default`: a dangerous operation or a defect shown in this code; runs unless switched off.
 * - `bandit`: a notice that marks code for a look (Bandit's audit markers); runs with `--profile bandit` or
 *   `--bandit-compat`, or when `--only` names the rule.
 */
export const PROFILES = ['default', 'bandit'] as const;
export type Profile = (typeof PROFILES)[number];

export function isProfile(value: unknown): value is Profile {
  return typeof value === 'string' && (PROFILES as readonly string[]).includes(value);
}

/** A rule's profile; rules that do not name one are in the default profile. */
export function profileOf(meta: Pick<RuleMeta, 'profile'>): Profile {
  return meta.profile ?? 'default';
}

/** The profiles a run with `selected` includes: `bandit` adds the notices to the default rules. */
export function runsIn(rule: Profile, selected: Profile): boolean {
  return rule === 'default' || selected === 'bandit';
}
