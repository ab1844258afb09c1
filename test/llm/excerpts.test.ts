// What each LLM request holds: whole files cut at top-level statements, a change's lines with their functions (and
// only those), marked added lines; and a change review that reports only LLM claims on what the change wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { changeFromGitRange } from '../../src/changes/changeSet.js';
import type { FileChange } from '../../src/changes/diff.js';
import { changeUnits, MAX_UNIT_LINES, outlineOf, scopeAt, wholeFileUnits } from '../../src/llm/excerpts.js';
import { numberedCode } from '../../src/llm/prompt.js';
import { makeRepo } from '../changes/helpers.js';
import { sendCompletion, startServer, userText, type TestServer } from './server.js';

function change(added: number[], removedAfter: number[] = []): FileChange {
  return { path: 'm.py', oldPath: 'm.py', kind: 'modified', addedLines: new Set(added), removedAfter: new Set(removedAfter), hunks: [] };
}

const SMALL = `${[
  'import os', //                       1
  '', //                                2
  'def first(a):', //                   3
  '    return a', //                    4
  '', //                                5
  'class Box:', //                      6
  '    @staticmethod', //               7
  '    def open(path):', //             8
  '        x = 1', //                   9
  '        return os.open(path, x)', // 10
  '', //                               11
  'LIMIT = 3', //                      12
].join('\n')}\n`;

describe('units of code', () => {
  it('sends a short file whole', async () => {
    expect(wholeFileUnits('m.py', await outlineOf(SMALL))).toEqual([{ file: 'm.py', spans: [{ start: 1, end: 12 }], added: null }]);
  });

  it('cuts a long file where a top-level statement starts, never inside one', async () => {
    // 90 functions of 7 lines: 57 fit in 400 lines (399), so the cut falls on line 400, a `def`.
    const long = Array.from({ length: 90 }, (_, i) => `def f${i}(x):\n    a = x\n    b = a\n    c = b\n    d = c\n    return d + ${i}\n\n`).join('');
    const units = wholeFileUnits('l.py', await outlineOf(long));
    expect(units.map((u) => u.spans)).toEqual([[{ start: 1, end: 399 }], [{ start: 400, end: 630 }]]);
    expect(long.split('\n')[399]).toBe('def f57(x):');
    expect(MAX_UNIT_LINES).toBe(400);
  });

  it('sends a changed line with its innermost function (decorators included), and module code with context', async () => {
    const outline = await outlineOf(SMALL);
    expect(changeUnits('m.py', outline, change([9])).map((u) => u.spans)).toEqual([[{ start: 7, end: 10 }]]);
    expect(changeUnits('m.py', outline, change([12])).map((u) => u.spans)).toEqual([[{ start: 2, end: 12 }]]);
    // A removal between lines 3 and 4 touches both; they share one function.
    expect(changeUnits('m.py', outline, change([], [3])).map((u) => u.spans)).toEqual([[{ start: 3, end: 4 }]]);
    expect(scopeAt(outline, 9)).toBe('Box.open');
    expect(scopeAt(outline, 12)).toBe('<module>');
  });

  it('numbers the code, marks added lines and elides what is not sent', () => {
    const lines = SMALL.split('\n');
    const text = numberedCode({ file: 'm.py', spans: [{ start: 3, end: 4 }, { start: 8, end: 10 }], added: new Set([9]) }, lines);
    expect(text).toBe([
      '     …', ' 3 | def first(a):', ' 4 |     return a', '     …',
      ' 8 |     def open(path):', ' 9 +         x = 1', '10 |         return os.open(path, x)', '     …',
    ].join('\n'));
  });
});

describe('change review with the LLM', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startServer(); });
  afterAll(async () => { await server.close(); });

  it('sends only the changed function and reports only claims on changed lines', async () => {
    const repo = makeRepo('llm-change');
    const before = `import os\n\n\ndef untouched(name):\n    return open(os.path.join('/a', name)).read()\n\n\ndef changed(name):\n    return name\n`;
    repo.write('m.py', before);
    const base = repo.commit('v1');
    repo.write('m.py', before.replace('    return name\n', "    path = os.path.join('/b', name)\n    return open(path).read()\n"));
    const head = repo.commit('v2');
    server.handle((_r, res) => sendCompletion(res, {
      defects: [
        { defect_type: 664, line: 9, end_line: 9, cwe: 22, quote: "os.path.join('/b', name)", description: 'name can climb out of /b', reachability: 'the name parameter comes from the API request', solution: 'check it', confidence: 'medium' },
        { defect_type: 664, line: 5, end_line: 5, cwe: 22, quote: "os.path.join('/a', name)", description: 'name can climb out of /a', reachability: 'the name parameter comes from the API request', solution: 'check it', confidence: 'medium' },
      ],
    }));
    const report = await review({ paths: [], change: await changeFromGitRange(`${base}..${head}`, repo.dir), llm: { endpoint: server.url, model: 'm' } });
    const text = userText(server.seen[0]!.body);
    expect(text).toContain(" 9 +     path = os.path.join('/b', name)");
    expect(text).toContain(' 8 | def changed(name):');
    expect(text).not.toContain('def untouched');
    expect(report.stats.llm?.rejected).toEqual({ 'outside-excerpt': 1 });
    expect(report.findings.map((f) => [f.ruleId, f.range.startLine])).toEqual([['llm-review', 9]]);
  });
});
