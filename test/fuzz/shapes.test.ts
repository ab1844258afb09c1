// The shapes of issue 18 that once switched rules off, fuzzed over their sizes: one line chaining thousands of
// operators must cost no rule its findings in the rest of the file, and a budget that runs out anywhere in a slow
// dataflow must keep the pattern rules' findings, never invent one, and name the rules that did not finish.
// Asserts on what is found, never on time: the deadline is a step budget, so every run takes the same path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzePython, type FileAnalysis } from '../../src/engine/analyzePython.js';
import { allRules } from '../../src/rulekit/registry.js';
import { chain, COMMAND_LINE, PAD_LINE, PATH_LINE, sinkLine, slowDataflow, TAINT_RULES, withPad } from './shapes.js';

const RUNS = Math.max(4, Math.round(Number(process.env.PILLAR_FUZZ_RUNS ?? 1000) / 100));
const SEED = process.env.PILLAR_FUZZ_SEED !== undefined ? Number(process.env.PILLAR_FUZZ_SEED) : undefined;
const params = (numRuns: number) => ({ numRuns, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: true });

async function analyse(source: string, analysisSteps?: number): Promise<FileAnalysis> {
  return analyzePython('app.py', source, allRules(), { keepSuppressed: false, ...(analysisSteps !== undefined ? { analysisSteps } : {}) });
}

const found = (r: FileAnalysis): string[] => r.findings.map((f) => `${f.range.startLine}:${f.ruleId}`).sort();

/**
 * Deep shapes, as [shape, size] so a counterexample prints short: left-nested chains (CPython compiles ~2,800-3,000
 * terms), and shapes nested on the right (`**`) or inside (calls, `not`).
 */
type Shape = [kind: string, terms: number];
const SHAPES: Record<string, (n: number) => string> = {
  'a or': (n) => chain('a', 'or', n), 'a and': (n) => chain('a', 'and', n), '1 +': (n) => chain('1', '+', n),
  '1 -': (n) => chain('1', '-', n), 'x *': (n) => chain('x', '*', n), 'x |': (n) => chain('x', '|', n),
  "'s' %": (n) => chain("'s'", '%', n), 'x //': (n) => chain('x', '//', n), 'x <<': (n) => chain('x', '<<', n),
  '2 **': (n) => chain('2', '**', n), 'f(': (n) => `${'f('.repeat(n)}a${')'.repeat(n)}`, 'not': (n) => `${'not '.repeat(n)}a`,
};
const pad: fc.Arbitrary<Shape> = fc.tuple(fc.constantFrom(...Object.keys(SHAPES)), fc.integer({ min: 2_800, max: 6_000 }));

describe('fuzzing the shapes of issue 18', () => {
  it(`keeps the findings around a line nested thousands deep (${RUNS} shapes)`, async () => {
    await fc.assert(fc.asyncProperty(pad, async ([kind, terms]) => {
      const result = await analyse(withPad(SHAPES[kind]!(terms)));
      expect(found(result)).toEqual(expect.arrayContaining([`${PATH_LINE}:path-traversal`, `${COMMAND_LINE}:command-injection`]));
      // Whatever could not follow the deep line says so, on that line, by rule; nothing else is lost.
      for (const d of result.diagnostics) {
        expect(d.code).toBe('rule-error');
        expect(d.line).toBe(PAD_LINE);
        expect(d.message).toMatch(/^rule [a-z0-9-]+ could not analyse line \d+.*stack exhausted/);
      }
    }), params(RUNS));
  }, 300_000);

  it(`keeps what finished when the budget runs out anywhere in a slow dataflow (${RUNS * 4} budgets)`, async () => {
    const complete = new Map<number, string[]>();
    await fc.assert(fc.asyncProperty(fc.integer({ min: 20, max: 400 }), fc.oneof(fc.constant(0), fc.nat({ max: 4_000 }), fc.constant(undefined)), async (blocks, steps) => {
      const source = slowDataflow(blocks);
      if (!complete.has(blocks)) complete.set(blocks, found(await analyse(source)));
      const full = complete.get(blocks)!;
      expect(full).toEqual([`${sinkLine(blocks)}:command-injection`, `${sinkLine(blocks)}:process-with-shell`]);
      const result = await analyse(source, steps);
      const partial = found(result);
      // The pattern rule always finishes; a stopped analysis never invents a finding.
      expect(partial).toContain(`${sinkLine(blocks)}:process-with-shell`);
      expect(full).toEqual(expect.arrayContaining(partial));
      const timeouts = result.diagnostics.filter((d) => d.code === 'timeout');
      expect(result.diagnostics.length).toBe(timeouts.length);
      // A budget spent before the first statement stops the taint analysis for sure.
      if (steps === 0) expect(partial).not.toContain(`${sinkLine(blocks)}:command-injection`);
      if (partial.length === full.length) expect(timeouts).toEqual([]);
      else {
        expect(timeouts).toHaveLength(1);
        expect(timeouts[0]!.message).toMatch(/^partly reviewed: /);
        for (const rule of TAINT_RULES) expect(timeouts[0]!.message).toContain(`${rule} (taint stopped in`);
      }
    }), params(RUNS * 4));
  }, 300_000);
});
