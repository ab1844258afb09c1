// Syntax trees a thread keeps from phase 1 for phase 2 of the same run (engine/projectPhase.ts). The files phase 2
// analyses again are mostly the largest ones (on nova 69 files, 40 % of the source), and parsing them again cost as
// much as a third of parsing the whole tree. A kept tree is only its plain arrays and text: phase 2 gets a new SyntaxTree
// over them, so no node object, and nothing a rule or the model memoised on one, crosses from phase 1 to phase 2.
import { SyntaxTree, type TreeData, type Vocabulary } from '../languages/syntaxTree.js';

interface Kept { source: string; language: string; vocabulary: Vocabulary; data: TreeData }

/**
 * Source characters a thread keeps trees for: a tree's arrays and text take ~6 bytes per character of source, outside
 * the JS heap (nova's code outside its tests, 8.5 MB, kept ~50 MB over two threads). Past it, further files are parsed
 * again in phase 2.
 */
const KEEP_CHARS = 8 * 1024 * 1024;

const kept = new Map<string, Kept>();
let keptChars = 0;

/** Keeps `tree` under `token` when the thread's allowance has room. */
export function keepTree(token: string, tree: SyntaxTree): void {
  if (kept.has(token) || keptChars + tree.source.length > KEEP_CHARS) return;
  kept.set(token, { source: tree.source, language: tree.language, vocabulary: tree.vocabulary, data: tree.data });
  keptChars += tree.source.length;
}

/** The tree kept under `token` as a new SyntaxTree, when it was parsed from `source`; forgotten either way. */
export function takeTree(token: string, source: string): SyntaxTree | undefined {
  const k = kept.get(token);
  if (!k) return undefined;
  kept.delete(token);
  keptChars -= k.source.length;
  return k.source === source ? new SyntaxTree(k.source, k.language, k.vocabulary, k.data) : undefined;
}

/** Forgets every tree kept under a token that starts with `prefix` (a run's end). */
export function dropTrees(prefix: string): void {
  for (const [token, k] of kept) {
    if (!token.startsWith(prefix)) continue;
    kept.delete(token);
    keptChars -= k.source.length;
  }
}
