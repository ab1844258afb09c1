// Wraps a rule so a test sees what the engine hides: the visitor keys `create` returned and every report descriptor
// (messageId and data), so meta tests can tie a rendered finding back to its message template.
import { analyzeCpp } from '../../src/engine/analyzeCpp.js';
import { analyzeAsProject } from '../../src/engine/projectPhase.js';
import { fillTemplate } from '../../src/rulekit/defineRule.js';
import type { Finding } from '../../src/findings/types.js';
import type { CppRuleContext, ReportDescriptor, Rule, RuleContext } from '../../src/rulekit/types.js';

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
  // The wrapper keeps the rule's language tag, so the engine of that language runs it.
  const wrapped = {
    ...rule,
    create(ctx: RuleContext | CppRuleContext) {
      const report = (d: ReportDescriptor): void => {
        const data = d.data ?? {};
        const spec = rule.meta.messages[d.messageId];
        reports.push({ line: d.node.startPosition.row + 1, messageId: d.messageId, data, message: spec ? fillTemplate(spec.text, data) : '' });
        ctx.report(d);
      };
      const visitors = (rule.create as (c: RuleContext | CppRuleContext) => ReturnType<Rule['create']>)({ ...ctx, report } as RuleContext | CppRuleContext);
      for (const key of Object.keys(visitors)) visitorKeys.add(key);
      return visitors;
    },
  };
  // A project-aware rule sees the file as a project of its own: its facts merged, its slice as ctx.project.
  const analyze = rule.language === 'cpp' ? analyzeCpp : analyzeAsProject;
  const result = await analyze(path, source, [wrapped as Rule], { keepSuppressed: false });
  const findings = result.findings.map((f) => {
    const r = reports.find((x) => x.line === f.range.startLine && x.message === f.message);
    return { ...f, messageId: r?.messageId ?? '?' };
  });
  const ruleErrors = result.diagnostics.filter((d) => d.code === 'rule-error').map((d) => d.message);
  return { findings, reports, visitorKeys: [...visitorKeys].sort(), ruleErrors };
}
