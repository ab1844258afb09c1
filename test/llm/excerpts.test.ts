// What each LLM request holds: whole files cut at top-level statements, a change's lines with their functions (and
// only those, with the imports and class headers; never cut inside a function), marked added lines; and a change review that reports only LLM claims on what the change wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { changeFromGitRange } from '../../src/changes/changeSet.js';
import type { FileChange } from '../../src/changes/diff.js';
import { changeUnits, MAX_UNIT_LINES, wholeFileUnits } from '../../src/llm/excerpts.js';
import { outlineOf, scopeAt } from '../../src/llm/outline.js';
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

  it('sends a changed line with its function (decorators included), the imports and the class header', async () => {
    const outline = await outlineOf(SMALL);
    expect(changeUnits('m.py', outline, change([9])).map((u) => u.spans)).toEqual([[{ start: 1, end: 1 }, { start: 6, end: 10 }]]);
    expect(changeUnits('m.py', outline, change([12])).map((u) => u.spans)).toEqual([[{ start: 1, end: 12 }]]);
    // A removal between lines 3 and 4 touches both; they share one function (and the import is near enough to fuse).
    expect(changeUnits('m.py', outline, change([], [3])).map((u) => u.spans)).toEqual([[{ start: 1, end: 4 }]]);
    expect(scopeAt(outline, 9)).toBe('Box.open');
    expect(scopeAt(outline, 12)).toBe('<module>');
  });

  it('cuts a class too long to send whole between its methods, each piece with the imports and the class header', async () => {
    const methods = Array.from({ length: 60 }, (_, i) => `    def m${i}(self, x):\n        a = x + ${i}\n        b = a * 2\n        c = b - 1\n        d = c // 3\n        return self.limit + d\n\n`).join('');
    const text = `import os\nfrom oslo_log import log\n\nLOG = log.getLogger(__name__)\n\n\nclass Manager(\n        object):\n    limit = 3\n\n${methods}`;
    const outline = await outlineOf(text);
    const units = wholeFileUnits('c.py', outline);
    expect(units.length).toBeGreaterThan(1);
    const isShown = (unit: { spans: Array<{ start: number; end: number }> }, line: number) => unit.spans.some((s) => s.start <= line && line <= s.end);
    for (const unit of units) {
      // The imports (1-2), the two-line signature (7-8) and the class-level assignment (9) are in every piece.
      for (const line of [1, 2, 7, 8, 9]) expect(isShown(unit, line), `line ${line} in ${JSON.stringify(unit.spans)}`).toBe(true);
      const lines = unit.spans.reduce((n, s) => n + s.end - s.start + 1, 0);
      expect(lines).toBeLessThanOrEqual(MAX_UNIT_LINES);
      // No method is cut: each one is shown whole or not at all.
      for (const d of outline.definitions.filter((def) => def.isFunction)) {
        const seen = Array.from({ length: d.end - d.start + 1 }, (_, k) => isShown(unit, d.start + k));
        expect(seen.every((v) => v) || seen.every((v) => !v), `${d.scope} cut in ${JSON.stringify(unit.spans)}`).toBe(true);
      }
    }
    // Every line of the file is reviewed somewhere.
    for (let line = 1; line <= outline.lineCount; line++) expect(units.some((u) => isShown(u, line)), `line ${line}`).toBe(true);
  });

  it('sends a function longer than the limit whole, in a file review and in a change review', async () => {
    const body = Array.from({ length: 450 }, (_, i) => `    v${i} = ${i}\n`).join('');
    const text = `import os\n\n\ndef big(x):\n${body}    return x\n\n\ndef small():\n    return os.sep\n`;
    const outline = await outlineOf(text);
    const big = outline.definitions.find((d) => d.scope === 'big')!;
    expect(big.end - big.start + 1).toBeGreaterThan(MAX_UNIT_LINES);
    const small = outline.definitions.find((d) => d.scope === 'small')!;
    expect(wholeFileUnits('f.py', outline).map((u) => u.spans)).toEqual([
      [{ start: 1, end: small.start - 1 }], [{ start: 1, end: 1 }, { start: small.start, end: outline.lineCount }],
    ]);
    expect(changeUnits('f.py', outline, change([300])).map((u) => u.spans)).toEqual([[{ start: 1, end: big.end }]]);
  });

  it('keeps the context of a module-level change short of the functions around it', async () => {
    const text = `import os\n\n\ndef before(a):\n    x = a\n    return x\n\nLIMIT = 3\n\ndef after(b):\n    y = b\n    return y\n`;
    const outline = await outlineOf(text);
    expect(changeUnits('g.py', outline, change([8])).map((u) => u.spans)).toEqual([[{ start: 1, end: 12 }]]);
    const long = `import os\n\n\ndef before(a):\n${'    a += 1\n'.repeat(20)}    return a\n\nLIMIT = 3\n\ndef after(b):\n${'    b += 1\n'.repeat(20)}    return b\n`;
    const outlineLong = await outlineOf(long);
    // LIMIT is on line 27: the window stops after `before` (ends on line 25) and before `after` (starts on line 29).
    expect(long.split('\n')[26]).toBe('LIMIT = 3');
    expect(changeUnits('g.py', outlineLong, change([27])).map((u) => u.spans)).toEqual([[{ start: 1, end: 1 }, { start: 26, end: 28 }]]);
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
