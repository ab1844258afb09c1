// Inline suppressions: `# pillar: ignore[rule-id, CWE-n, …]`, a bare `# pillar: ignore`, Bandit's `# nosec` /
// `# nosec B602, B607`, and Ruff's `# noqa: S602` for its flake8-bandit rules (S + the Bandit test's number), so a
// line a project already triaged with Ruff is not reported again. A bare `# noqa` or other codes (E501, F401) say
// nothing about security and suppress nothing. `CWE-n` suppresses the findings filed under that CWE or under that pillar. An id that is
// neither a rule nor a CWE suppresses nothing and becomes an `unknown-suppression` diagnostic, so a typo is seen. The engine applies them to every physical line of the logical statement that holds the
// finding, so a comment on any line of a multi-line call counts (Bandit only looks at one line: its #136, #623, #880).

import type { Diagnostic } from './types.js';

export interface Suppression {
  /** Every rule on that line. */
  all: boolean;
  /** pillar rule ids named in `pillar: ignore[...]`, lower case; CWEs as `cwe-502`. */
  rules: Set<string>;
  /** Bandit test ids (or plugin names) named after `nosec`. */
  bandit: Set<string>;
}

const PILLAR_IGNORE = /pillar:\s*ignore(?:\[([^\]]*)\])?/i;
// Bandit reads ids after `nosec`, optionally after a colon, separated by commas or spaces, until another `#`.
const NOSEC = /(?:^|[^\w])nosec\b:?([^#]*)/i;
// flake8/Ruff: `# noqa: S603, S607` (codes after a colon, separated by commas or spaces).
const NOQA = /(?:^|[^\w])noqa\s*:\s*([A-Z]+\d+(?:[\s,]+[A-Z]+\d+)*)/i;

export function parseSuppression(comment: string): Suppression | null {
  const result: Suppression = { all: false, rules: new Set(), bandit: new Set() };
  let found = false;
  const pillar = PILLAR_IGNORE.exec(comment);
  if (pillar) {
    found = true;
    const ids = (pillar[1] ?? '').split(/[\s,]+/).filter(Boolean);
    if (ids.length === 0) result.all = true;
    for (const id of ids) result.rules.add(normalId(id));
  }
  const nosec = NOSEC.exec(comment);
  if (nosec) {
    found = true;
    const ids = (nosec[1] ?? '').split(/[\s,]+/).filter((t) => /^B\d{3}$/i.test(t) || /^[a-z_]+$/.test(t));
    // Words after a bare `# nosec` are usually a justification, not ids; only B-ids or snake_case names count.
    const testIds = ids.filter((t) => /^B\d{3}$/i.test(t) || t.includes('_'));
    if (testIds.length === 0) result.all = true;
    for (const id of testIds) result.bandit.add(id.toUpperCase());
  }
  const noqa = NOQA.exec(comment);
  if (noqa) {
    for (const code of (noqa[1] ?? '').split(/[\s,]+/)) {
      const bandit = /^S(\d{3})$/i.exec(code);
      if (!bandit) continue;
      found = true;
      result.bandit.add(`B${bandit[1]}`);
    }
  }
  return found ? result : null;
}

const CWE_ID = /^cwe-?(\d+)$/i;

/** Rule ids compare in lower case; `CWE-502`, `cwe502` and `CWE502` all become `cwe-502`. */
function normalId(id: string): string {
  const cwe = CWE_ID.exec(id);
  return cwe ? `cwe-${Number(cwe[1])}` : id.toLowerCase();
}

/** `cwe`: the finding's CWE and pillar, so that `ignore[CWE-78]` or `ignore[CWE-707]` suppresses it. */
export function suppresses(s: Suppression, ruleId: string, bandit: string | undefined, banditName?: string, cwe?: { cwe: number; pillar: number }): boolean {
  if (s.all || s.rules.has(ruleId)) return true;
  if (cwe && s.rules.size > 0 && (s.rules.has(`cwe-${cwe.cwe}`) || s.rules.has(`cwe-${cwe.pillar}`))) return true;
  if (bandit && s.bandit.has(bandit)) return true;
  return banditName !== undefined && s.bandit.has(banditName.toUpperCase());
}

/** Ids that are not rules in the registry but may be named: the opt-in LLM review's findings. */
const PSEUDO_RULE_IDS: ReadonlySet<string> = new Set(['llm-review']);

/**
 * One diagnostic per id in a `# pillar: ignore[...]` comment that names no known rule and no existing CWE: such a
 * comment suppresses nothing, and the author should know. `comments` are a file's comments by 0-based row.
 */
export function unknownSuppressionIds(
  file: string, comments: ReadonlyMap<number, readonly string[]>, known: { isRule(id: string): boolean; isCwe(id: number): boolean },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [row, texts] of comments) {
    for (const text of texts) {
      // Cheap test first: nearly every comment is not a suppression.
      if (!/pillar/i.test(text)) continue;
      const parsed = parseSuppression(text);
      if (!parsed) continue;
      for (const id of parsed.rules) {
        const cwe = /^cwe-(\d+)$/.exec(id);
        const ok = cwe ? known.isCwe(Number(cwe[1])) : known.isRule(id) || PSEUDO_RULE_IDS.has(id);
        if (ok) continue;
        out.push({
          file, code: 'unknown-suppression', line: row + 1,
          message: cwe ? `'# pillar: ignore' names CWE-${cwe[1]}, which does not exist in the CWE catalogue; it suppresses nothing`
            : `'# pillar: ignore' names '${id}', which is neither a rule id nor a CWE (e.g. CWE-502); it suppresses nothing ('pillar rules' lists the ids)`,
        });
      }
    }
  }
  return out;
}
