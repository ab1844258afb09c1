// A file the analyses cannot fully follow is still reviewed by every rule everywhere else: a statement nested too
// deep for one analysis costs that statement, and a time limit that passes stops only the expensive analyses,
// keeping the other rules' findings and naming what did not finish.
import { describe, expect, it } from 'vitest';
import { analyzePython } from '../../src/engine/analyzePython.js';
import { allRules } from '../../src/rulekit/registry.js';
import type { RuleContext, Visitors } from '../../src/rulekit/types.js';
import { chain, COMMAND_LINE, PAD_LINE, PATH_LINE, sinkLine, slowDataflow, TAINT_RULES, withPad } from '../fuzz/shapes.js';

async function analyse(source: string, analysisSteps?: number) {
  return analyzePython('app.py', source, allRules(), { keepSuppressed: false, ...(analysisSteps !== undefined ? { analysisSteps } : {}) });
}

const found = (r: { findings: Array<{ ruleId: string; range: { startLine: number } }> }): string[] =>
  r.findings.map((f) => `${f.range.startLine}:${f.ruleId}`).sort();

describe('code nested deeper than an analysis can recurse', () => {
  it('keeps every taint finding of the file when one line chains 5,000 operators (issue 18, item 2)', async () => {
    for (const pad of [chain('a', 'or', 5_000), chain('1', '+', 3_000), chain('x', '%', 4_000)]) {
      const result = await analyse(withPad(pad));
      expect(found(result)).toEqual(expect.arrayContaining([`${PATH_LINE}:path-traversal`, `${COMMAND_LINE}:command-injection`]));
      expect(result.diagnostics).toEqual([]);
    }
  });

  it('costs each taint rule only the statement it cannot follow, and says so with the rule and the line', async () => {
    const pad = `${'f('.repeat(5_000)}a${')'.repeat(5_000)}`;
    const result = await analyse(withPad(pad));
    expect(found(result)).toEqual(expect.arrayContaining([`${PATH_LINE}:path-traversal`, `${COMMAND_LINE}:command-injection`]));
    const errors = result.diagnostics.filter((d) => d.code === 'rule-error');
    expect(errors.every((d) => d.line === PAD_LINE && new RegExp(`could not analyse line ${PAD_LINE} in module code: .*stack exhausted`).test(d.message))).toBe(true);
    expect(errors.map((d) => d.message.split(' ')[1]).sort()).toEqual(TAINT_RULES);
    expect(result.diagnostics.filter((d) => d.code !== 'rule-error')).toEqual([]);
  });
});

describe('a rule whose own visitor cannot follow the code', () => {
  it('loses that node and what is under it, and still visits the rest of the file, enclosing exits included', async () => {
    const base = allRules()[0]!.meta;
    const messageId = Object.keys(base.messages)[0]!;
    const recursive = {
      meta: { ...base, id: 'test-recursive' },
      create: (ctx: RuleContext): Visitors => ({
        call: (node) => { if (node.text.startsWith('deep')) { const f = (n: number): number => f(n + 1) + 1; f(0); } },
        'function_definition:exit': (node) => ctx.report({ node, messageId }),
      }),
    };
    const source = 'def a():\n    deep(deep(1))\n\ndef b():\n    deep(2)\n    ok(3)\n';
    const result = await analyzePython('x.py', source, [recursive], { keepSuppressed: false });
    expect(result.findings.map((f) => f.range.startLine)).toEqual([1, 4]);
    expect(result.diagnostics.map((d) => `${d.line}:${d.code}`)).toEqual(['2:rule-error', '5:rule-error']);
    expect(result.diagnostics[0]!.message).toBe('rule test-recursive could not analyse line 2: the code there is nested too deeply for the rule (stack exhausted); its findings elsewhere in the file are kept');
  });
});

describe('a time limit that passes during the expensive analyses (issue 18, item 3)', () => {
  const source = slowDataflow(300);
  const sink = sinkLine(300);

  it('finds the injection when the analysis may finish', async () => {
    const result = await analyse(source);
    expect(found(result)).toEqual([`${sink}:command-injection`, `${sink}:process-with-shell`]);
    expect(result.diagnostics).toEqual([]);
  });

  it('keeps the pattern rules\' findings and names the rules that did not finish when the budget is spent', async () => {
    const result = await analyse(source, 0);
    expect(found(result)).toEqual([`${sink}:process-with-shell`]);
    expect(result.diagnostics).toHaveLength(1);
    const [timeout] = result.diagnostics;
    expect(timeout!.code).toBe('timeout');
    expect(timeout!.message).toMatch(/^partly reviewed: /);
    for (const rule of TAINT_RULES) expect(timeout!.message).toContain(`${rule} (taint stopped in module code at line 1)`);
  });
});
