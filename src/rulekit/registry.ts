// Looks up rules by id and selects them for a run (defect types, disabled rules, Bandit-compatible profile).
import type { Selection } from '../config/selection.js';
import { selects } from '../config/selection.js';
import { UsageError } from '../config/errors.js';
import { ALL_RULES } from '../rules/index.js';
import { profileOf, runsIn, type Profile } from './profiles.js';
import type { Rule } from './types.js';

export function allRules(): readonly Rule[] {
  return ALL_RULES;
}

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id);
}

export interface RuleFilter {
  selection: Selection;
  disabled: string[];
  banditCompat: boolean;
  /** Which profile runs (rulekit/profiles.ts); `--bandit-compat` includes the Bandit notices whatever it says. */
  profile?: Profile;
  /** When given, only these rules run (still within the selected defect types), whatever their profile. */
  only?: string[];
}

export function selectRules(filter: RuleFilter): Rule[] {
  for (const [ids, what] of [[filter.disabled, 'disabled rules'], [filter.only ?? [], '--only']] as const) {
    for (const id of ids) {
      if (!findRule(id)) throw new UsageError(`unknown rule '${id}' in ${what}; 'pillar rules' lists them`);
    }
  }
  const profile: Profile = filter.banditCompat ? 'bandit' : filter.profile ?? 'default';
  return ALL_RULES.filter((r) =>
    r.meta.status !== 'deprecated' &&
    !filter.disabled.includes(r.meta.id) &&
    // A rule named with --only runs whatever its profile: naming it is the opt-in.
    (filter.only === undefined ? runsIn(profileOf(r.meta), profile) : filter.only.includes(r.meta.id)) &&
    (!filter.banditCompat || r.meta.bandit !== undefined) &&
    selects(filter.selection, r.meta.cwe));
}

/** The rules that mirror a Bandit test (`B602`, any case), for `pillar explain B602`. */
export function rulesForBandit(testId: string): Rule[] {
  const id = testId.toUpperCase();
  return ALL_RULES.filter((r) => r.meta.bandit === id);
}

/** The rules filed under a CWE (`CWE-78` or `78`), for `pillar explain CWE-78`. */
export function rulesForCwe(cwe: number): Rule[] {
  return ALL_RULES.filter((r) => r.meta.cwe === cwe);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Rule ids a mistyped id probably meant: within a third of its length in edits, or sharing a word with it (a word
 * of four letters or more, so `sql` alone does not list every rule); closest first, at most five.
 */
export function similarRuleIds(id: string): string[] {
  const wanted = id.toLowerCase();
  const words = wanted.split(/[^a-z0-9]+/).filter((w) => w.length >= 4);
  const scored = ALL_RULES.map((r) => ({ id: r.meta.id, d: editDistance(wanted, r.meta.id) }))
    .filter(({ id: other, d }) => d <= Math.max(2, Math.floor(wanted.length / 3)) || words.some((w) => other.split('-').includes(w)));
  return scored.sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1)).slice(0, 5).map((s) => s.id);
}
