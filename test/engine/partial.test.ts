// A file the analyses cannot fully follow is still reviewed by every rule everywhere else: a statement nested too
// deep for one analysis costs that statement, and a time limit that passes stops only the expensive analyses,
// keeping the other rules' findings and naming what did not finish.
import { describe, expect, it } from 'vitest';
import { analyzePython } from '../../src/engine/analyzePython.js';
import { allRules } from '../../src/rulekit/registry.js';

const HEAD = "import os\nfrom flask import request\n\ndef read_file():\n    name = request.args['f']\n    return open('/srv/' + name).read()\n\n";
const TAIL = "\n\ndef run():\n    host = request.args['h']\n    os.system('ping ' + host)\n";
/** Line of PAD, of the path traversal and of the command injection in HEAD + PAD + TAIL. */
const PAD_LINE = 8;
const PATH_LINE = 6;
const COMMAND_LINE = 12;

const TAINT_RULES = ['code-injection', 'command-injection', 'config-newline-injection', 'log-injection', 'open-redirect', 'path-traversal', 'sql-injection'];

async function analyse(source: string, analysisSteps?: number) {
  return analyzePython('app.py', source, allRules(), { keepSuppressed: false, ...(analysisSteps !== undefined ? { analysisSteps } : {}) });
}

const found = (r: { findings: Array<{ ruleId: string; range: { startLine: number } }> }): string[] =>
  r.findings.map((f) => `${f.range.startLine}:${f.ruleId}`).sort();

/** `if c == i: v_i = v_{i-1} + "a" else: v_i = v_{i-1}` × n, then `os.system(v_n)` (issue 18, item 3). */
export function slowDataflow(blocks: number): string {
  const lines = ['import os', 'import sys', 'c = int(sys.argv[1])', 'v_0 = sys.argv[2]'];
  for (let i = 1; i <= blocks; i++) lines.push(`if c == ${i}:\n    v_${i} = v_${i - 1} + "a"\nelse:\n    v_${i} = v_${i - 1}`);
  lines.push(`os.system(v_${blocks})`);
  return `${lines.join('\n')}\n`;
}

describe('code nested deeper than an analysis can recurse', () => {
  it('keeps every taint finding of the file when one line chains 5,000 operators (issue 18, item 2)', async () => {
    for (const pad of [Array(5_000).fill('a').join(' or '), Array(3_000).fill('1').join(' + '), `${Array(4_000).fill('x').join(' % ')}`]) {
      const result = await analyse(`${HEAD}PAD = ${pad}${TAIL}`);
      expect(found(result)).toEqual(expect.arrayContaining([`${PATH_LINE}:path-traversal`, `${COMMAND_LINE}:command-injection`]));
      expect(result.diagnostics).toEqual([]);
    }
  });

  it('costs each taint rule only the statement it cannot follow, and says so with the rule and the line', async () => {
    const pad = `${'f('.repeat(5_000)}a${')'.repeat(5_000)}`;
    const result = await analyse(`${HEAD}PAD = ${pad}${TAIL}`);
    expect(found(result)).toEqual(expect.arrayContaining([`${PATH_LINE}:path-traversal`, `${COMMAND_LINE}:command-injection`]));
    const errors = result.diagnostics.filter((d) => d.code === 'rule-error');
    expect(errors.every((d) => d.line === PAD_LINE && /could not analyse line 8 in module code: .*stack exhausted/.test(d.message))).toBe(true);
    expect(errors.map((d) => d.message.split(' ')[1]).sort()).toEqual(TAINT_RULES);
    expect(result.diagnostics.filter((d) => d.code !== 'rule-error')).toEqual([]);
  });
});

describe('a time limit that passes during the expensive analyses (issue 18, item 3)', () => {
  const source = slowDataflow(300);
  const sinkLine = 4 + 300 * 4 + 1;

  it('finds the injection when the analysis may finish', async () => {
    const result = await analyse(source);
    expect(found(result)).toEqual([`${sinkLine}:command-injection`, `${sinkLine}:process-with-shell`]);
    expect(result.diagnostics).toEqual([]);
  });

  it('keeps the pattern rules\' findings and names the rules that did not finish when the budget is spent', async () => {
    const result = await analyse(source, 0);
    expect(found(result)).toEqual([`${sinkLine}:process-with-shell`]);
    expect(result.diagnostics).toHaveLength(1);
    const [timeout] = result.diagnostics;
    expect(timeout!.code).toBe('timeout');
    expect(timeout!.message).toMatch(/^partly reviewed: /);
    for (const rule of TAINT_RULES) expect(timeout!.message).toContain(`${rule} (taint stopped in module code, line 1)`);
  });
});
