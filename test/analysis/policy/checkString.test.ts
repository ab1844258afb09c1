// What an oslo.policy check string admits: `@`/empty for any caller, `!` for no one, aliases followed (cycles and
// unresolved ones unknown), and/or/not with parentheses, and atoms holding `%(name)s` substitutions.
import { describe, expect, it } from 'vitest';
import { admits } from '../../../src/analysis/policy/checkString.js';

const RULES: Record<string, string> = {
  allow: '@', deny: '!', owner: 'project_id:%(project_id)s', chain: 'rule:allow', loop: 'rule:loop', empty: '',
};
const lookup = (n: string): string | undefined => RULES[n];
const of = (check: string): string => admits(check, lookup).admits;

describe('admits', () => {
  it('reads the always and never checks, and the empty string', () => {
    expect(of('@')).toBe('any');
    expect(of('')).toBe('any');
    expect(of('!')).toBe('none');
    expect(of('role:admin')).toBe('some');
  });

  it('follows aliases and reports the chain', () => {
    expect(admits('rule:chain', lookup)).toEqual({ admits: 'any', via: ['rule:chain', 'rule:allow', '@'] });
    expect(of('rule:empty')).toBe('any');
    expect(of('rule:nowhere')).toBe('unknown');
    expect(of('rule:loop')).toBe('unknown');
  });

  it('combines with or, and, not and parentheses', () => {
    expect(of('role:admin or rule:allow')).toBe('any');
    expect(of('rule:allow and role:member')).toBe('some');
    expect(of('rule:allow and rule:chain')).toBe('any');
    expect(of('not rule:allow')).toBe('none');
    expect(of('not rule:deny')).toBe('any');
    expect(of('(role:member and project_id:%(project_id)s) or (@)')).toBe('any');
    expect(of('(role:member and project_id:%(project_id)s) or rule:owner')).toBe('some');
    expect(of('rule:nowhere or role:admin')).toBe('unknown');
    expect(of('rule:nowhere or @')).toBe('any');
  });

  it('does not guess on what it cannot parse or resolve', () => {
    expect(of('(@')).toBe('any');
    expect(of('@ )')).toBe('unknown');
    expect(of('⟨nova.policies.base.RULE_ANY⟩')).toBe('unknown');
  });
});
