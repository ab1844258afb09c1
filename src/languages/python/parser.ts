// Parses Python with web-tree-sitter and the grammar that tree-sitter-python ships, into the plain syntax tree the
// analyses read. One parser per thread, created lazily. It only parses: nothing here evaluates or imports the code.
import { createRequire } from 'node:module';
import type { Parser } from 'web-tree-sitter';
import type { SyntaxTree } from '../syntaxTree.js';
import { parseToSyntaxTree } from '../treesitter/mirror.js';
import { lazyParser } from '../treesitter/runtime.js';

/** One parser per thread, created on first use. */
export const pythonParser: () => Promise<Parser> = lazyParser(() => createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm'));

/**
 * Parses `text`; answers null only when `shouldStop` (polled while parsing and copying the tree) asked to stop.
 * The tree holds no wasm memory: nothing to free.
 */
export async function parsePythonWithin(text: string, shouldStop: () => boolean): Promise<SyntaxTree | null> {
  return parseToSyntaxTree(await pythonParser(), text, 'python', shouldStop);
}

export async function parsePython(text: string): Promise<SyntaxTree> {
  const tree = await parseToSyntaxTree(await pythonParser(), text, 'python');
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
