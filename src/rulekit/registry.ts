// Looks up rules by id and selects them for a run (defect types, disabled rules, Bandit-compatible profile).
import type { Selection } from '../config/selection.js';
import { selects } from '../config/selection.js';
import { UsageError } from '../config/errors.js';
import { ALL_RULES } from '../rules/index.js';
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
  /** When given, only these rules run (still within the selected defect types). */
  only?: string[];
}

export function selectRules(filter: RuleFilter): Rule[] {
  for (const [ids, what] of [[filter.disabled, 'disabled rules'], [filter.only ?? [], '--only']] as const) {
    for (const id of ids) {
      if (!findRule(id)) throw new UsageError(`unknown rule '${id}' in ${what}; 'pillar rules' lists them`);
    }
  }
  return ALL_RULES.filter((r) =>
    r.meta.status !== 'deprecated' &&
    !filter.disabled.includes(r.meta.id) &&
    (filter.only === undefined || filter.only.includes(r.meta.id)) &&
    (!filter.banditCompat || r.meta.bandit !== undefined) &&
    selects(filter.selection, r.meta.cwe));
}
