// Parses C and C++ with web-tree-sitter and the grammar that tree-sitter-cpp ships (its wasm: no native build), into
// the plain syntax tree the analyses read. One parser per thread, created lazily. The text given is the output of
// preprocess.ts (same lines and columns as the file); nothing here evaluates, compiles or includes the code.
import { createRequire } from 'node:module';
import type { Parser } from 'web-tree-sitter';
import type { SyntaxTree } from '../syntaxTree.js';
import { parseToSyntaxTree } from '../treesitter/mirror.js';
import { lazyParser } from '../treesitter/runtime.js';
import { preprocess } from './preprocess.js';

/** One parser per thread, created on first use. */
export const cppParser: () => Promise<Parser> = lazyParser(() => createRequire(import.meta.url).resolve('tree-sitter-cpp/tree-sitter-cpp.wasm'));

/** Parses `text`; answers null only when `shouldStop` (polled while parsing and copying) asked to stop. */
export async function parseCppWithin(text: string, shouldStop: () => boolean): Promise<SyntaxTree | null> {
  return parseToSyntaxTree(await cppParser(), text, 'cpp', shouldStop);
}

/** Preprocesses and parses a whole file with no time limit (change attribution, LLM excerpts): same lines and columns. */
export async function parseCppSource(source: string): Promise<SyntaxTree> {
  const tree = await parseToSyntaxTree(await cppParser(), preprocess(source).text, 'cpp');
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
