// What the engine tells the user about rules that could not finish on a file: a `rule-error` per rule and place
// where the code was too deep for it, and one `timeout` naming the rules the time limit stopped. Collects during the
// run, renders once at the end, in the order things happened (deterministic for a given file and budget).
import type { AnalysisGap } from '../analysis/budget.js';
import type { Diagnostic } from '../findings/types.js';

/** Opens the message of a `timeout` that comes with a result: the file was reviewed, not by every rule. */
export const PARTLY_REVIEWED = 'partly reviewed: ';

interface Stop { ruleId: string; gap: AnalysisGap }

export class GapLog {
  private readonly depth: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  private readonly stops: Stop[] = [];
  private readonly stopped = new Set<string>();
  private walkStoppedAt: number | null = null;

  constructor(private readonly path: string, private readonly limitMs: number) {}

  /** A gap an analysis reported while `ruleId` ran; the rule's other findings stand. */
  add(ruleId: string, gap: AnalysisGap): void {
    if (gap.why === 'deadline') {
      if (this.stopped.has(ruleId)) return;
      this.stopped.add(ruleId);
      this.stops.push({ ruleId, gap });
      return;
    }
    const key = `${ruleId}\u0000${gap.line}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const where = gap.where ? ` in ${gap.where === '<module>' ? 'module code' : `${gap.where}()`}` : '';
    const analysis = gap.analysis === 'rule' ? 'the rule' : `its ${gap.analysis} analysis`;
    this.depth.push({
      file: this.path, code: 'rule-error', line: gap.line,
      message: `rule ${ruleId} could not analyse line ${gap.line}${where}: the code there is nested too deeply for ${analysis} ` +
        '(stack exhausted); its findings elsewhere in the file are kept',
    });
  }

  /** The rules' walk itself was stopped at `line` (far past the limit): every rule may have missed what follows. */
  walkStopped(line: number): void {
    this.walkStoppedAt = line;
  }

  diagnostics(): Diagnostic[] {
    const out = [...this.depth];
    if (this.stops.length === 0 && this.walkStoppedAt === null) return out;
    const parts: string[] = [];
    if (this.walkStoppedAt !== null) parts.push(`the rules' traversal stopped at line ${this.walkStoppedAt}, so every rule may have missed what follows`);
    if (this.stops.length > 0) {
      const named = this.stops.map(({ ruleId, gap }) => {
        const where = gap.where ? `in ${gap.where === '<module>' ? 'module code' : `${gap.where}()`} ` : '';
        return `${ruleId} (${gap.analysis} stopped ${where}at line ${gap.line})`;
      });
      parts.push(`${this.stops.length} rule(s) did not finish: ${named.join(', ')}`);
    }
    const first = this.walkStoppedAt ?? this.stops[0]!.gap.line;
    out.push({
      file: this.path, code: 'timeout', line: first,
      message: `${PARTLY_REVIEWED}the ${this.limitMs} ms limit (--file-timeout) passed; ${parts.join('; ')}. ` +
        'The findings of the rules that finished are kept; raise --file-timeout to review the file fully',
    });
    return out;
  }
}
