// The cheap tests that let rules skip dataflow (mayBeAssigned, mayBeSet) must never disagree with the full answer:
// checked on every expression of every rule fixture and of the snippets below.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyntaxNode } from '../../src/languages/syntaxTree.js';
import { allNodes, modelOf } from '../model/helpers.js';

const RULES_DIR = join(import.meta.dirname, '..', '..', 'src', 'rules', 'python');

function fixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? fixtures(join(dir, e.name)) : e.name.endsWith('.fixture.py') ? [join(dir, e.name)] : []);
}

const SNIPPETS = [
  'def f(a):\n    x = set(a)\n    y = x\n    return y[0], y == "a"\n',
  'class C:\n    def a(this, v):\n        this.items_left = v - set()\n    def b(self):\n        return self.items_left[0]\n',
  'def g(rows):\n    for r in rows:\n        r = r\n    import os as r2\n    n = 0\n    n += 1\n    return r[0], n == "1", r2.sep == 1\n',
  'def h(m):\n    k = m.keys() - {1}\n    (p) = "s" if m else "t"\n    if (q := 3):\n        return k[0], p == 1, q == "3"\n',
];

async function check(source: string, where: string): Promise<number> {
  const model = await modelOf(source);
  let checked = 0;
  for (const node of allNodes(model.root)) {
    if (!node.isNamed || node.type === 'module' || node.type.endsWith('statement') || node.type === 'block') continue;
    if ((node.type === 'identifier' || node.type === 'attribute') && !model.mayBeAssigned(node)) {
      const values = model.reachingValues(node)?.values ?? [];
      expect(values.filter((v): v is SyntaxNode => v !== null).map((v) => v.text), `${where}:${node.startPosition.row + 1} ${node.text}`).toEqual([]);
      expect(model.kindOf(node), `${where}:${node.startPosition.row + 1} ${node.text}`).toBeNull();
    }
    if (!model.mayBeSet(node)) expect(model.kindOf(node), `${where}:${node.startPosition.row + 1} ${node.text}`).not.toBe('set');
    checked++;
  }
  return checked;
}

describe('value kind shortcuts', () => {
  it('agree with reachingValues and kindOf on every expression of the rule fixtures', async () => {
    let checked = 0;
    for (const file of fixtures(RULES_DIR)) checked += await check(readFileSync(file, 'utf8'), file);
    expect(checked).toBeGreaterThan(10_000);
  });

  it('agree on aliases, self attributes under another receiver name, walrus and parenthesized targets', async () => {
    for (const [i, s] of SNIPPETS.entries()) await check(s, `snippet ${i}`);
  });

  it('let a name through only when a plain assignment targets it', async () => {
    const model = await modelOf('import os\ndef f(a, b):\n    c = a\n    b += 1\n    for d in a:\n        pass\n    return a, b, c, d, os.sep, self.c\n');
    const names = allNodes(model.root).filter((n) => n.type === 'expression_list').flatMap((n) => n.namedChildren.filter((c): c is SyntaxNode => c !== null));
    expect(names.map((n) => [n.text, model.mayBeAssigned(n)])).toEqual([
      ['a', false], ['b', false], ['c', true], ['d', false], ['os.sep', false], ['self.c', true],
    ]);
  });

  it('finds sets only where a set source is mentioned', async () => {
    const model = await modelOf('def f(a, m):\n    s = set(a)\n    t = s\n    u = [a]\n    v = m.keys() - a\n    return s, t, u, v, a\n');
    const ret = allNodes(model.root).find((n) => n.type === 'expression_list')!;
    expect(ret.namedChildren.map((n) => [n!.text, model.mayBeSet(n!)])).toEqual([
      ['s', true], ['t', true], ['u', false], ['v', true], ['a', false],
    ]);
  });
});
