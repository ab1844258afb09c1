// Validates a rule's metadata once, at module load, so a malformed rule fails the build's tests, not a user's run.
import { cweExists, pillarOf } from '../taxonomy/index.js';
import { isProfile } from './profiles.js';
import type { CppRule, PythonRule, Rule } from './types.js';

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
// `{name}` is filled from report data; `{{` and `}}` stand for literal braces, as in Python's str.format, so a fix
// can show `format_html("...{}...", value)`.
const TEMPLATE_TOKEN = /\{\{|\}\}|\{(\w+)\}/g;

export function defineRule(rule: PythonRule): PythonRule {
  check(rule);
  return rule;
}

export function defineCppRule(rule: CppRule): CppRule {
  check(rule);
  return rule;
}

function check(rule: Rule): void {
  const { meta } = rule;
  const problems: string[] = [];
  if (!ID.test(meta.id)) problems.push('id must be kebab-case');
  if (!cweExists(meta.cwe)) problems.push(`CWE-${meta.cwe} is not in the CWE table`);
  else if (pillarOf(meta.cwe) === null) problems.push(`CWE-${meta.cwe} has no View-1000 pillar (a category?)`);
  if (Object.keys(meta.messages).length === 0) problems.push('needs at least one message');
  for (const [key, text] of Object.entries(meta.docs)) {
    if (typeof text === 'string' && text.trim() === '' && key !== 'banditDifferences') problems.push(`docs.${key} is empty`);
  }
  if (meta.docs.references.length === 0) problems.push('docs.references is empty');
  if (meta.bandit !== undefined && !/^B\d{3}$/.test(meta.bandit)) problems.push('bandit must look like B602');
  if (meta.banditName !== undefined && (meta.bandit === undefined || !/^[A-Za-z0-9_]+$/.test(meta.banditName))) {
    problems.push('banditName needs bandit and must be a Python identifier');
  }
  if (meta.profile !== undefined && !isProfile(meta.profile)) problems.push(`profile '${String(meta.profile)}' is not default or bandit`);
  if (problems.length > 0) throw new Error(`rule ${meta.id}: ${problems.join('; ')}`);
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(TEMPLATE_TOKEN)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]));
}

export function fillTemplate(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(TEMPLATE_TOKEN, (whole, key: string | undefined) => {
    if (key === undefined) return whole[0]!;
    return key in data ? String(data[key]) : whole;
  });
}
