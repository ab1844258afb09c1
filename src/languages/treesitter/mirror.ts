// Copies a web-tree-sitter tree into a SyntaxTree (typed arrays in pre-order) with one cursor walk, then frees the
// wasm tree. The walk drives wasm directly: after each move the cursor's state stays in the library's transfer
// buffer, where every cursor function reads it, so nothing is marshalled per node (the library's own getters copy
// the state in and out on every read, and allocate a Node per answer). No object is made per node.
import type { Language, Parser, Tree } from 'web-tree-sitter';
import { HAS_ERROR, MISSING, NAMED, SyntaxTree, type TreeData, type Vocabulary } from '../syntaxTree.js';
import { treeSitter, type WasmModule } from './runtime.js';

/** Nodes between two calls of `shouldStop`. */
const STOP_CHECK_INTERVAL = 4096;

interface CursorHandles { handles: number[] }
interface TreeHandle { 0: number }

/** A grammar's vocabulary, with which of its symbols are named (a property of the symbol, aliases included). */
interface GrammarTables extends Vocabulary { named: Uint8Array }

const vocabularies = new WeakMap<Language, GrammarTables>();

/**
 * The grammar's type names with one more entry, `ERROR`, numbered just past them: tree-sitter gives error nodes a
 * symbol (65535) outside the grammar's table, which the mirror stores as that last entry.
 */
function vocabularyOf(language: Language): GrammarTables {
  let v = vocabularies.get(language);
  if (!v) {
    const typeNames = [...language.types].map((name) => name ?? 'ERROR');
    const named = new Uint8Array(typeNames.length + 1);
    typeNames.forEach((_, id) => { named[id] = language.nodeTypeIsNamed(id) ? 1 : 0; });
    // Error nodes are named.
    named[typeNames.length] = 1;
    typeNames.push('ERROR');
    v = { typeNames, fieldNames: [...language.fields], named };
    vocabularies.set(language, v);
  }
  return v;
}

/**
 * Parses `text` and returns its mirrored tree, or null when `shouldStop` asked to stop (while parsing or while
 * copying). The parser's tree is always freed before returning.
 */
export async function parseToSyntaxTree(parser: Parser, text: string, language: string, shouldStop?: () => boolean): Promise<SyntaxTree | null> {
  const wasm = await treeSitter();
  // web-tree-sitter cancels the parse when the progress callback returns true (its typings say void).
  const options = shouldStop ? { progressCallback: shouldStop as () => void } : undefined;
  const tree = parser.parse(text, null, options);
  if (!tree) {
    // A cancelled parse leaves the parser mid-document; the next file must start afresh.
    parser.reset();
    if (shouldStop) return null;
    throw new Error('tree-sitter returned no tree');
  }
  try {
    const vocabulary = vocabularyOf(tree.language);
    const data = copyTree(wasm, tree, vocabulary, shouldStop);
    return data ? new SyntaxTree(text, language, vocabulary, data) : null;
  } finally {
    tree.delete();
  }
}

function copyTree(wasm: WasmModule, tree: Tree, grammar: GrammarTables, shouldStop?: () => boolean): TreeData | null {
  const errorType = grammar.typeNames.length - 1;
  const named = grammar.named;
  const count = tree.rootNode.descendantCount;
  const data: TreeData = {
    count,
    type: new Uint16Array(count), field: new Uint16Array(count),
    startIndex: new Int32Array(count), endIndex: new Int32Array(count),
    parent: new Int32Array(count), firstChild: new Int32Array(count).fill(-1), nextSibling: new Int32Array(count).fill(-1),
    subtreeEnd: new Int32Array(count), flags: new Uint8Array(count),
  };
  const { type, field, startIndex, endIndex, parent, firstChild, nextSibling, subtreeEnd, flags } = data;
  const cursor = tree.walk();
  const handles = (cursor as unknown as CursorHandles).handles;
  const buffer = wasm._ts_init() >> 2;
  const t = (tree as unknown as TreeHandle)[0];
  for (let i = 0; i < 4; i++) wasm.HEAP32[buffer + i] = handles[i]!;
  let next = 0;

  const make = (parentId: number): number => {
    const id = next++;
    const symbol = wasm._ts_tree_cursor_current_node_type_id_wasm(t);
    const kind = type[id] = symbol < errorType ? symbol : errorType;
    if (parentId >= 0) field[id] = wasm._ts_tree_cursor_current_field_id_wasm(t);
    parent[id] = parentId;
    const start = startIndex[id] = wasm._ts_tree_cursor_start_index_wasm(t);
    const end = endIndex[id] = wasm._ts_tree_cursor_end_index_wasm(t);
    let bits = named[kind] ? NAMED : 0;
    // Only zero-width nodes can be MISSING: one wasm call saved on every other node.
    if (start === end && wasm._ts_tree_cursor_current_node_is_missing_wasm(t) === 1) bits |= MISSING;
    flags[id] = bits;
    if (bits & MISSING || kind === errorType) {
      for (let n = id; n >= 0 && !(flags[n]! & HAS_ERROR); n = parent[n]!) flags[n]! |= HAS_ERROR;
    }
    return id;
  };

  try {
    let current = make(-1);
    for (;;) {
      if (shouldStop && next % STOP_CHECK_INTERVAL === 0 && shouldStop()) return null;
      if (wasm._ts_tree_cursor_goto_first_child_wasm(t)) {
        const child = make(current);
        firstChild[current] = child;
        current = child;
        continue;
      }
      for (;;) {
        // Everything below `current` has been numbered.
        subtreeEnd[current] = next;
        const up = parent[current]!;
        if (up < 0) {
          if (next !== count) throw new Error(`syntax tree copy saw ${next} of ${count} nodes`);
          return data;
        }
        if (wasm._ts_tree_cursor_goto_next_sibling_wasm(t)) {
          const sibling = make(up);
          nextSibling[current] = sibling;
          current = sibling;
          break;
        }
        wasm._ts_tree_cursor_goto_parent_wasm(t);
        current = up;
      }
    }
  } finally {
    // The cursor's stack may have moved while walking: give the library its current state to free.
    for (let i = 0; i < 4; i++) handles[i] = wasm.HEAP32[buffer + i]!;
    cursor.delete();
  }
}
