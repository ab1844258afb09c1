// Shared helpers for the semantic-model tests: parse a snippet into a PythonModel, find nodes by line, and print
// CFG edges in a compact, line-based form that assertions can name.
import type { SyntaxNode } from '../../src/languages/syntaxTree.js';
import { cfgOf, type Cfg, type CfgNode } from '../../src/languages/python/cfg/index.js';
import { PythonModel } from '../../src/languages/python/model.js';
import { parsePython } from '../../src/languages/python/parser.js';

export async function modelOf(source: string): Promise<PythonModel> {
  const text = source.replace(/^\n/, '');
  return new PythonModel('snippet.py', text, await parsePython(text));
}

export function allNodes(root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    for (let i = n.namedChildCount - 1; i >= 0; i--) { const c = n.namedChild(i); if (c) stack.push(c); }
  }
  return out;
}

export function functionNamed(model: PythonModel, name: string): SyntaxNode {
  const fn = allNodes(model.root).find((n) => n.type === 'function_definition' && n.childForFieldName('name')?.text === name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn;
}

/** The outermost statement (or clause) starting on 1-based `line`. */
export function statementAt(model: PythonModel, line: number): SyntaxNode {
  const hits = allNodes(model.root).filter((n) => n.startPosition.row === line - 1 && n.isNamed && n.type !== 'block' && n.type !== 'module');
  const stmt = hits.find((n) => /statement|clause|definition/.test(n.type)) ?? hits[0];
  if (!stmt) throw new Error(`no statement at line ${line}`);
  return stmt;
}

/** First node of `type` on `line` (1-based), optionally with this text. */
export function nodeAt(model: PythonModel, line: number, type: string, text?: string): SyntaxNode {
  const n = allNodes(model.root).find((x) => x.startPosition.row === line - 1 && x.type === type && (text === undefined || x.text === text));
  if (!n) throw new Error(`no ${type}${text ? ` '${text}'` : ''} at line ${line}`);
  return n;
}

export function label(n: CfgNode): string {
  if (n.kind === 'statement') return `L${n.ast!.startPosition.row + 1}`;
  const at = n.ast ? `@L${n.ast.startPosition.row + 1}` : '';
  return `${n.kind}${at}${n.copy ? `/${n.copy}` : ''}`;
}

/** Every edge as `FROM -kind-> TO`, e.g. `L3 -exception-> dispatch@L2`. */
export function edges(cfg: Cfg): Set<string> {
  return new Set(cfg.nodes.flatMap((n) => n.succ.map((e) => `${label(n)} -${e.kind}-> ${label(e.to)}`)));
}

export async function cfgFor(source: string, fn: string | null = 'f'): Promise<{ model: PythonModel; cfg: Cfg }> {
  const model = await modelOf(source);
  return { model, cfg: cfgOf(model, fn === null ? null : functionNamed(model, fn)) };
}
