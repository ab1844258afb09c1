// Inline suppressions: `# pillar: ignore[rule-id, …]`, a bare `# pillar: ignore`, and Bandit's `# nosec` /
// `# nosec B602, B607`. The engine applies them to every physical line of the logical statement that holds the
// finding, so a comment on any line of a multi-line call counts (Bandit only looks at one line: its #136, #623, #880).

export interface Suppression {
  /** Every rule on that line. */
  all: boolean;
  /** pillar rule ids named in `pillar: ignore[...]`. */
  rules: Set<string>;
  /** Bandit test ids (or plugin names) named after `nosec`. */
  bandit: Set<string>;
}

const PILLAR_IGNORE = /pillar:\s*ignore(?:\[([^\]]*)\])?/i;
// Bandit reads ids after `nosec`, optionally after a colon, separated by commas or spaces, until another `#`.
const NOSEC = /(?:^|[^\w])nosec\b:?([^#]*)/i;

export function parseSuppression(comment: string): Suppression | null {
  const result: Suppression = { all: false, rules: new Set(), bandit: new Set() };
  let found = false;
  const pillar = PILLAR_IGNORE.exec(comment);
  if (pillar) {
    found = true;
    const ids = (pillar[1] ?? '').split(/[\s,]+/).filter(Boolean);
    if (ids.length === 0) result.all = true;
    for (const id of ids) result.rules.add(id.toLowerCase());
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
  return found ? result : null;
}

export function suppresses(s: Suppression, ruleId: string, bandit: string | undefined, banditName?: string): boolean {
  if (s.all || s.rules.has(ruleId)) return true;
  if (bandit && s.bandit.has(bandit)) return true;
  return banditName !== undefined && s.bandit.has(banditName.toUpperCase());
}
