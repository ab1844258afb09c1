// Wraps a rule so a test sees what the engine hides: the visitor keys `create` returned and every report descriptor
// (messageId and data), so meta tests can tie a rendered finding back to its message template.
import { analyzePython } from '../../src/engine/analyzePython.js';
import { fillTemplate } from '../../src/rulekit/defineRule.js';
import type { Finding } from '../../src/findings/types.js';
import type { ReportDescriptor, Rule, RuleContext } from '../../src/rulekit/types.js';

export interface RecordedReport { line: number; messageId: string; data: Record<string, string | number>; message: string }

export interface Recording {
  /** Findings the engine kept (suppressed ones dropped), each with the messageId that produced it. */
  findings: Array<Finding & { messageId: string }>;
  /** Every `ctx.report`, suppressed or not. */
  reports: RecordedReport[];
  visitorKeys: string[];
  ruleErrors: string[];
}

export async function record(rule: Rule, path: string, source: string): Promise<Recording> {
  const reports: RecordedReport[] = [];
  const visitorKeys = new Set<string>();
  const wrapped: Rule = {
    meta: rule.meta,
    create(ctx: RuleContext) {
      const report = (d: ReportDescriptor): void => {
        const data = d.data ?? {};
        const spec = rule.meta.messages[d.messageId];
        reports.push({ line: d.node.startPosition.row + 1, messageId: d.messageId, data, message: spec ? fillTemplate(spec.text, data) : '' });
        ctx.report(d);
      };
      const visitors = rule.create({ model: ctx.model, report });
      for (const key of Object.keys(visitors)) visitorKeys.add(key);
      return visitors;
    },
  };
  const result = await analyzePython(path, source, [wrapped], { keepSuppressed: false });
  const findings = result.findings.map((f) => {
    const r = reports.find((x) => x.line === f.range.startLine && x.message === f.message);
    return { ...f, messageId: r?.messageId ?? '?' };
  });
  const ruleErrors = result.diagnostics.filter((d) => d.code === 'rule-error').map((d) => d.message);
  return { findings, reports, visitorKeys: [...visitorKeys].sort(), ruleErrors };
}
