// Semgrep-style inline expectations for rule fixtures: `# ruleid: <id>` / `# ok: <id>` (`// ruleid:` in C/C++) (and the honest-gap forms
// `# todoruleid:` / `# todook:`) on the line(s) before the code line they describe.

export type AnnotationKind = 'ruleid' | 'ok' | 'todoruleid' | 'todook';

export interface Expectation { kind: AnnotationKind; ruleId: string; line: number; annotationLine: number }

const ANNOTATION = /^\s*(?:#|\/\/)\s*(ruleid|ok|todoruleid|todook)\s*:\s*(.*)$/;
const LOOKS_LIKE = /^\s*(?:#|\/\/)\s*(rule\s*id|ruleid|ok|todo\s*ruleid|todoruleid|todo\s*ok|todook)\b/i;
const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function parseAnnotations(source: string, knownRules: ReadonlySet<string>): { expectations: Expectation[]; errors: string[] } {
  const lines = source.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const expectations: Expectation[] = [];
  const errors: string[] = [];
  let pending: Array<Omit<Expectation, 'line'>> = [];
  lines.forEach((text, i) => {
    const lineNo = i + 1;
    const m = ANNOTATION.exec(text);
    if (m) {
      const ids = m[2]!.split(',').map((s) => s.trim());
      if (ids.length === 0 || ids.some((id) => !RULE_ID.test(id))) {
        errors.push(`line ${lineNo}: malformed annotation '${text.trim()}'`);
        return;
      }
      for (const id of ids) {
        if (!knownRules.has(id)) errors.push(`line ${lineNo}: unknown rule id '${id}'`);
        pending.push({ kind: m[1] as AnnotationKind, ruleId: id, annotationLine: lineNo });
      }
      return;
    }
    if (LOOKS_LIKE.test(text)) {
      errors.push(`line ${lineNo}: malformed annotation '${text.trim()}' (expected '# ruleid: <id>' or '# ok: <id>')`);
      return;
    }
    if (pending.length > 0) {
      if (text.trim() === '') {
        errors.push(`line ${lineNo}: blank line after an annotation; put the annotation right above the code`);
        pending = [];
        return;
      }
      for (const p of pending) expectations.push({ ...p, line: lineNo });
      pending = [];
    }
  });
  for (const p of pending) errors.push(`line ${p.annotationLine}: annotation at the end of the file describes no line`);
  return { expectations, errors };
}

export interface FixtureVerdict { missed: number[]; unexpected: number[]; errors: string[] }

/**
 * Compares the lines a rule reported with the expectations for that rule. `todoruleid` marks a known miss and
 * `todook` a known false positive: both fail once the rule's behaviour changes, so the annotation gets promoted.
 */
export function judge(ruleId: string, expectations: Expectation[], reportedLines: number[]): FixtureVerdict {
  const mine = expectations.filter((e) => e.ruleId === ruleId);
  const reported = new Set(reportedLines);
  const linesOf = (kind: AnnotationKind): Set<number> => new Set(mine.filter((e) => e.kind === kind).map((e) => e.line));
  const [must, mustNot, knownMiss, knownNoise] = [linesOf('ruleid'), linesOf('ok'), linesOf('todoruleid'), linesOf('todook')];
  const errors: string[] = [];
  if (must.size === 0) errors.push(`fixture has no '# ruleid: ${ruleId}' case`);
  if (mustNot.size === 0) errors.push(`fixture has no '# ok: ${ruleId}' case`);
  for (const l of knownMiss) if (reported.has(l)) errors.push(`line ${l}: todoruleid now reports; promote it to ruleid`);
  for (const l of knownNoise) if (!reported.has(l)) errors.push(`line ${l}: todook is now silent; promote it to ok`);
  const missed = [...must].filter((l) => !reported.has(l)).sort((a, b) => a - b);
  const unexpected = [...reported].filter((l) => !must.has(l) && !knownNoise.has(l) && !knownMiss.has(l)).sort((a, b) => a - b);
  return { missed, unexpected, errors };
}
