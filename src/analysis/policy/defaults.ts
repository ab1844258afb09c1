// Which of a file's oslo.policy defaults guard a state change yet admit any authenticated caller, once the aliases
// (`rule:NAME`) and constants their check strings are built from are resolved — in the file itself first, then
// through the project facts (other files' defaults and constants), else unknown (never reported).
import { fillRefs } from '../../index/policies.js';
import type { PolicyDefaultFact } from '../../index/types.js';
import { admits, type Verdict } from './checkString.js';

export interface OpenWriteDefault {
  /** Index into the `policies` given. */
  index: number;
  fact: PolicyDefaultFact;
  /** The check string with other modules' constants filled in. */
  check: string;
  verdict: Verdict;
}

/**
 * `ruleOf(name)`: the check string of a policy rule another file defines; `refOf(ref)`: the value of another
 * module's constant as the file names it. Both already resolved by the merge (project.ts).
 */
export function openWriteDefaults(
  policies: readonly PolicyDefaultFact[],
  ruleOf: (name: string) => string | undefined,
  refOf: (ref: string) => string | undefined,
): OpenWriteDefault[] {
  const local = new Map<string, string>();
  for (const p of policies) if (p.check !== null && !local.has(p.name)) local.set(p.name, fillRefs(p.check, refOf));
  const lookup = (name: string): string | undefined => local.get(name) ?? ruleOf(name);
  const out: OpenWriteDefault[] = [];
  for (const [index, p] of policies.entries()) {
    if (p.write !== true || p.check === null) continue;
    const check = fillRefs(p.check, refOf);
    const verdict = admits(check, lookup);
    if (verdict.admits === 'any') out.push({ index, fact: p, check, verdict });
  }
  return out;
}
