// The C/C++ front-end end to end: preprocessing keeps lines and columns and reports blanked branches, C++ files are
// routed by extension (never to the Python parser), suppression comments, and the CLI's exit status on a finding.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCpp } from '../../src/engine/analyzeCpp.js';
import { runTask } from '../../src/engine/task.js';
import { preprocess } from '../../src/languages/cpp/preprocess.js';
import { findRule } from '../../src/rulekit/registry.js';

const QT = `#include <QObject>
QT_BEGIN_NAMESPACE
class Q_SVG_EXPORT Node : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int depth READ depth)
public:
    Q_INVOKABLE void draw();
signals:
    void changed();
public slots:
    void update();
};
#if defined(Q_OS_WIN)
static int platform() { return 1; }
#else
static int platform() { return 2; }
#endif
void Node::update()
{
    foreach (Node *n, m_children)
        emit changed();
}
QT_END_NAMESPACE
`;

const RECURSIVE = 'void Gradient::resolve()\n{\n    Gradient *link = m_doc->find(m_href);\n    if (link)\n        link->resolve();\n}\n';

describe('C/C++ preprocessing', () => {
  it('keeps every line and column and parses Qt code without errors', async () => {
    const { text, skipped } = preprocess(QT);
    expect(text.length).toBe(QT.length);
    expect(text.split('\n').map((l) => l.length)).toEqual(QT.split('\n').map((l) => l.length));
    expect(skipped).toEqual([{ directive: '#else', startLine: 17, endLine: 17 }]);
    const result = await analyzeCpp('node.cpp', QT, [], { keepSuppressed: false });
    expect(result.diagnostics.filter((d) => d.code === 'syntax-error')).toEqual([]);
    expect(result.diagnostics.filter((d) => d.code === 'preprocessor-skipped').map((d) => d.line)).toEqual([17]);
  });
});

describe('C/C++ routing and suppression', () => {
  const rule = findRule('unbounded-recursion')!;

  it('routes by extension: a .cpp file reaches the C++ rules, a .py file with the same text does not', async () => {
    const task = { text: RECURSIVE, ruleIds: [rule.meta.id], keepSuppressed: false, timeoutMs: 10_000 };
    expect((await runTask({ ...task, path: 'a.cpp' })).findings.map((f) => f.range.startLine)).toEqual([5]);
    expect((await runTask({ ...task, path: 'a.h' })).findings.map((f) => f.range.startLine)).toEqual([5]);
    expect((await runTask({ ...task, path: 'a.py' })).findings).toEqual([]);
  });

  it.each([
    ['// pillar: ignore[unbounded-recursion]'], ['// NOLINT'], ['// NOLINT(unbounded-recursion)'], ['// flawfinder: ignore'],
  ])('%s on the line suppresses', async (comment) => {
    const source = RECURSIVE.replace('link->resolve();', `link->resolve(); ${comment}`);
    const result = await analyzeCpp('a.cpp', source, [rule], { keepSuppressed: false });
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toBe(1);
  });

  it('NOLINT naming another check does not suppress', async () => {
    const source = RECURSIVE.replace('link->resolve();', 'link->resolve(); // NOLINT(bugprone-foo)');
    expect((await analyzeCpp('a.cpp', source, [rule], { keepSuppressed: false })).findings).toHaveLength(1);
  });
});

describe('C/C++ through the CLI', () => {
  it('a C++ file with a finding exits 1, and SARIF carries the CWE and pillar', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pillar-cpp-'));
    writeFileSync(join(dir, 'gradient.cpp'), RECURSIVE);
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'pillar.js');
    // unbounded-recursion reports at low confidence, which the default (medium) hides.
    const run = spawnSync(process.execPath, [bin, 'review', dir, '--no-cache', '-f', 'sarif', '--min-confidence', 'low'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout).runs[0].results[0];
    expect(result.ruleId).toBe('unbounded-recursion');
    expect(result.properties).toMatchObject({ cwe: 'CWE-674', pillar: 'CWE-691' });
  });
});
