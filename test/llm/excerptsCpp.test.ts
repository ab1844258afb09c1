// What each LLM request holds for C/C++: the file read with the C++ grammar (never the Python one), so a change's
// lines travel with their whole function (its `template` line included), the `#include` lines and the class header;
// a long file is cut between functions, inside namespaces too, never inside one; the code is fenced as C++.
import { describe, expect, it } from 'vitest';
import type { FileChange } from '../../src/changes/diff.js';
import { makeSelection } from '../../src/config/selection.js';
import { changeUnits, MAX_UNIT_LINES, wholeFileUnits } from '../../src/llm/excerpts.js';
import { outlineOf, scopeAt } from '../../src/llm/outline.js';
import { userMessage } from '../../src/llm/prompt.js';

function change(added: number[]): FileChange {
  return { path: 'n.cpp', oldPath: 'n.cpp', kind: 'modified', addedLines: new Set(added), removedAfter: new Set(), hunks: [] };
}

const NODE = `${[
  '#include <QtCore/qlist.h>', //              1
  '#include "node_p.h"', //                    2
  '', //                                       3
  'QT_BEGIN_NAMESPACE', //                     4
  '', //                                       5
  'class Node : public QObject', //            6
  '{', //                                      7
  '    Q_OBJECT', //                           8
  'public:', //                                9
  '    int depth = 0;', //                     10
  '    template <typename F>', //              11
  '    void visit(F f)', //                    12
  '    {', //                                  13
  '        f(this);', //                       14
  '    }', //                                  15
  '};', //                                     16
  '', //                                       17
  'int Node::count() const', //                18
  '{', //                                      19
  '    return m_children.size();', //          20
  '}', //                                      21
  '', //                                       22
  'static const int Limit = 3;', //            23
  '', //                                       24
  'QT_END_NAMESPACE', //                       25
].join('\n')}\n`;

const isShown = (unit: { spans: Array<{ start: number; end: number }> }, line: number): boolean => unit.spans.some((s) => s.start <= line && line <= s.end);

describe('C/C++ units of code', () => {
  it('sends a changed line with its whole function, the includes and the class header', async () => {
    const outline = await outlineOf(NODE, 'cpp');
    expect(outline.imports).toEqual([{ start: 1, end: 1 }, { start: 2, end: 2 }]);
    // The inline template method: from its `template` line, with the class signature and its member declarations.
    expect(changeUnits('n.cpp', outline, change([14])).map((u) => u.spans)).toEqual([[{ start: 1, end: 2 }, { start: 6, end: 15 }]]);
    expect(changeUnits('n.cpp', outline, change([20])).map((u) => u.spans)).toEqual([[{ start: 1, end: 2 }, { start: 18, end: 21 }]]);
    expect(scopeAt(outline, 14)).toBe('Node::visit');
    expect(scopeAt(outline, 20)).toBe('Node::count');
    expect(scopeAt(outline, 23)).toBe('<file>');
  });

  it('cuts a long file between functions, inside a namespace too, never inside one', async () => {
    const functions = Array.from({ length: 60 }, (_, i) => `int f${i}(int x)\n{\n    int a = x + ${i};\n    int b = a * 2;\n    return b;\n}\n\n`).join('');
    const text = `#include <cstdint>\n\nnamespace detail {\n\n${functions}} // namespace detail\n`;
    const outline = await outlineOf(text, 'cpp');
    const units = wholeFileUnits('l.cpp', outline);
    expect(units.length).toBeGreaterThan(1);
    for (const unit of units) {
      expect(isShown(unit, 1)).toBe(true);
      expect(unit.spans.reduce((n, s) => n + s.end - s.start + 1, 0)).toBeLessThanOrEqual(MAX_UNIT_LINES);
      for (const d of outline.definitions.filter((def) => def.isFunction)) {
        const seen = Array.from({ length: d.end - d.start + 1 }, (_, k) => isShown(unit, d.start + k));
        expect(seen.every((v) => v) || seen.every((v) => !v), `${d.scope} cut in ${JSON.stringify(unit.spans)}`).toBe(true);
      }
    }
    for (let line = 1; line <= outline.lineCount; line++) expect(units.some((u) => isShown(u, line)), `line ${line}`).toBe(true);
  });

  it('fences the code as C++ for a C++ file, and keeps Python fenced as Python', async () => {
    const selection = makeSelection(undefined, undefined);
    const unit = { file: 'n.cpp', spans: [{ start: 18, end: 21 }], added: null };
    expect(userMessage({ unit, lines: NODE.split('\n'), selection, findings: [] })).toContain('```cpp\n');
    expect(userMessage({ unit: { ...unit, file: 'm.py' }, lines: NODE.split('\n'), selection, findings: [] })).toContain('```python\n');
  });
});
