// The copied syntax tree must answer exactly as web-tree-sitter's own Node API does, node by node: every analysis
// reads the copy, and the copy is made by driving wasm directly. Checked on every rule fixture and on snippets
// chosen for the parser's corner cases (errors, made-up nodes, non-ASCII text, CRLF, deep nesting).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { parsePython, parsePythonWithin, pythonParser } from '../../src/languages/python/parser.js';
import type { SyntaxNode } from '../../src/languages/syntaxTree.js';
import { walkTree } from '../../src/languages/python/walk.js';

const FIELDS = ['name', 'body', 'function', 'arguments', 'left', 'right', 'value', 'object', 'attribute', 'condition',
  'alternative', 'parameters', 'superclasses', 'operators', 'key', 'subscript', 'module_name', 'alias', 'type'];

/** Differences between the copy and the library's answer, as readable lines (empty when they agree). */
async function differences(text: string): Promise<string[]> {
  const parser = await pythonParser();
  const theirs = parser.parse(text)!;
  const ours = await parsePython(text);
  const out: string[] = [];
  const stack: Array<[SyntaxNode, Node, string]> = [[ours.rootNode, theirs.rootNode, 'root']];
  try {
    while (stack.length > 0 && out.length < 10) {
      const [a, b, path] = stack.pop()!;
      const pairs: Array<[string, unknown, unknown]> = [
        ['type', a.type, b.type], ['startIndex', a.startIndex, b.startIndex], ['endIndex', a.endIndex, b.endIndex],
        ['startPosition', JSON.stringify(a.startPosition), JSON.stringify(b.startPosition)],
        ['endPosition', JSON.stringify(a.endPosition), JSON.stringify(b.endPosition)],
        ['isNamed', a.isNamed, b.isNamed], ['isMissing', a.isMissing, b.isMissing], ['hasError', a.hasError, b.hasError],
        ['childCount', a.childCount, b.childCount], ['namedChildCount', a.namedChildCount, b.namedChildCount], ['text', a.text, b.text],
        ['parent', a.parent?.startIndex ?? -1, b.parent?.startIndex ?? -1],
        ['nextNamedSibling', a.nextNamedSibling?.type ?? '', b.nextNamedSibling?.type ?? ''],
      ];
      for (const field of FIELDS) {
        pairs.push([`field ${field}`, a.childForFieldName(field)?.startIndex ?? -1, b.childForFieldName(field)?.startIndex ?? -1]);
        pairs.push([`fields ${field}`, a.childrenForFieldName(field).length, b.childrenForFieldName(field).length]);
      }
      for (const [what, mine, library] of pairs) if (mine !== library) out.push(`${path} (${b.type}): ${what} ${String(mine)} != ${String(library)}`);
      for (let i = 0; i < b.childCount; i++) {
        const child = a.children[i];
        if (!child) continue;
        if (child.fieldName !== b.fieldNameForChild(i)) out.push(`${path}/${i}: fieldName ${child.fieldName} != ${b.fieldNameForChild(i)}`);
        stack.push([child, b.child(i)!, `${path}/${i}`]);
      }
    }
  } finally {
    theirs.delete();
  }
  return out;
}

function fixtureFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) fixtureFiles(full, out);
    else if (name.endsWith('.py')) out.push(full);
  }
  return out;
}

const SNIPPETS: Record<string, string> = {
  empty: '',
  'syntax error': 'def f(:\n    return 1\nx = [1, 2\nprint(x)\n',
  'missing node': 'if x\n    pass\n',
  'python 2': 'print "hello"\nexcept Exception, e:\n    pass\n',
  'non-ASCII and astral text': 's = "héllo 🐍 wörld"  # ünïcode 😀\nt = f"{s!r:>10}"\n',
  'CRLF line ends': 'import os\r\nx = 1\r\nif x:\r\n    os.system("ls")\r\n',
  'bidi controls': 'x = "\u202eabc\u202c"  # \u2067 comment\n',
  'deep nesting': `x = ${'('.repeat(300)}1${')'.repeat(300)}\n`,
  'decorators and classes': '@a.b(c)\nclass C(B, metaclass=M):\n    @property\n    async def f(self, *a, k=1, **kw) -> int:\n        return [i async for i in g() if i]\n',
};

describe('copied syntax tree', () => {
  for (const [name, text] of Object.entries(SNIPPETS)) {
    it(`matches web-tree-sitter on ${name}`, async () => expect(await differences(text)).toEqual([]));
  }

  it('matches web-tree-sitter on every rule fixture', async () => {
    const files = fixtureFiles(join(import.meta.dirname, '..', '..', 'src', 'rules'));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expect({ file, diff: await differences(readFileSync(file, 'utf8')) }).toEqual({ file, diff: [] });
  });

  it('numbers nodes in pre-order, each subtree a contiguous range', async () => {
    const tree = await parsePython('def f(a):\n    return g(a, [1, 2])\n');
    const seen: number[] = [];
    const stack: SyntaxNode[] = [tree.rootNode];
    while (stack.length > 0) {
      const n = stack.pop()!;
      seen.push(n.id);
      expect(tree.data.subtreeEnd[n.id]).toBe(n.id + 1 + n.children.reduce((sum, c) => sum + (tree.data.subtreeEnd[c.id]! - c.id), 0));
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
    expect(seen).toEqual(seen.map((_, i) => i));
    expect(tree.node(3)).toBe(tree.node(3));
  });

  it('walks enter and exit handlers in nesting order', async () => {
    const tree = await parsePython('f(g(1), h())\n');
    const events: string[] = [];
    walkTree(tree, new Map([['call', 'enter']]), new Map([['call', 'exit']]), (node, phase) => events.push(`${phase} ${node.text}`));
    expect(events).toEqual(['enter f(g(1), h())', 'enter g(1)', 'exit g(1)', 'enter h()', 'exit h()', 'exit f(g(1), h())']);
  });

  it('stops when asked, while parsing or copying', async () => {
    expect(await parsePythonWithin('x = 1\n'.repeat(20_000), () => true)).toBeNull();
    expect((await parsePythonWithin('x = 1\n', () => false))?.rootNode.type).toBe('module');
  });
});
