// Semgrep-style inline expectations for rule fixtures: `# ruleid: <id>` / `# ok: <id>` (`// ruleid:` in C/C++) (and the honest-gap forms
// `# todoruleid:` / `# todook:`) on the line(s) before the code line they describe. A rule with several messages
// may name the one expected: `# ruleid: <id>[<messageId>]` (ruleid and todoruleid only: `ok` means no finding at all).

export type AnnotationKind = 'ruleid' | 'ok' | 'todoruleid' | 'todook';

export interface Expectation { kind: AnnotationKind; ruleId: string; messageId?: string; line: number; annotationLine: number }

/** A finding as the harness compares it: its start line and, when known, the message that produced it. */
export interface Reported { line: number; messageId?: string }

const ANNOTATION = /^\s*(?:#|\/\/)\s*(ruleid|ok|todoruleid|todook)\s*:\s*(.*)$/;
const LOOKS_LIKE = /^\s*(?:#|\/\/)\s*(rule\s*id|ruleid|ok|todo\s*ruleid|todoruleid|todo\s*ok|todook)\b/i;
const RULE_ID = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?:\[(\w+)\])?$/;

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
      const kind = m[1] as AnnotationKind;
      for (const entry of ids) {
        const [, id, messageId] = RULE_ID.exec(entry)!;
        if (!knownRules.has(id!)) errors.push(`line ${lineNo}: unknown rule id '${id}'`);
        if (messageId !== undefined && kind !== 'ruleid' && kind !== 'todoruleid') {
          errors.push(`line ${lineNo}: '${kind}' takes no [messageId]; only ruleid and todoruleid name a message`);
        }
        pending.push(messageId === undefined ? { kind, ruleId: id!, annotationLine: lineNo } : { kind, ruleId: id!, messageId, annotationLine: lineNo });
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
 * Compares what a rule reported with the expectations for that rule. `todoruleid` marks a known miss and `todook` a
 * known false positive: both fail once the rule's behaviour changes, so the annotation gets promoted. An expectation
 * naming a message (`rule[messageId]`) also needs that message on its line; `messageIds` are the rule's own, so a
 * misspelt one fails instead of never matching.
 */
export function judge(ruleId: string, expectations: Expectation[], reported: Array<number | Reported>, messageIds?: readonly string[]): FixtureVerdict {
  const mine = expectations.filter((e) => e.ruleId === ruleId);
  const findings = reported.map((r) => (typeof r === 'number' ? { line: r } : r));
  const reportedLines = new Set(findings.map((r) => r.line));
  const messagesAt = (line: number): string[] => findings.filter((r) => r.line === line).map((r) => r.messageId ?? '?');
  const linesOf = (kind: AnnotationKind): Set<number> => new Set(mine.filter((e) => e.kind === kind).map((e) => e.line));
  const [must, mustNot, knownMiss, knownNoise] = [linesOf('ruleid'), linesOf('ok'), linesOf('todoruleid'), linesOf('todook')];
  const errors: string[] = [];
  if (must.size === 0) errors.push(`fixture has no '# ruleid: ${ruleId}' case`);
  if (mustNot.size === 0) errors.push(`fixture has no '# ok: ${ruleId}' case`);
  for (const e of mine) {
    if (e.messageId === undefined) continue;
    if (messageIds && !messageIds.includes(e.messageId)) {
      errors.push(`line ${e.annotationLine}: ${ruleId} has no message '${e.messageId}' (it has ${messageIds.join(', ')})`);
    } else if (e.kind === 'ruleid' && reportedLines.has(e.line) && !messagesAt(e.line).includes(e.messageId)) {
      errors.push(`line ${e.line}: expected message '${e.messageId}', reported ${messagesAt(e.line).map((m) => `'${m}'`).join(', ')}`);
    }
  }
  for (const e of mine.filter((x) => x.kind === 'todoruleid')) {
    const nowReports = e.messageId === undefined ? reportedLines.has(e.line) : messagesAt(e.line).includes(e.messageId);
    if (nowReports) errors.push(`line ${e.line}: todoruleid now reports; promote it to ruleid`);
  }
  for (const l of knownNoise) if (!reportedLines.has(l)) errors.push(`line ${l}: todook is now silent; promote it to ok`);
  const missed = [...must].filter((l) => !reportedLines.has(l)).sort((a, b) => a - b);
  const unexpected = [...reportedLines].filter((l) => !must.has(l) && !knownNoise.has(l) && !knownMiss.has(l)).sort((a, b) => a - b);
  return { missed, unexpected, errors };
}
