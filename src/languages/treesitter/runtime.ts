// Loads web-tree-sitter once per thread and keeps a handle on its wasm module, so that mirror.ts can copy a parsed
// tree out of wasm with direct calls. The library reads and writes 32-bit values in wasm memory through a generic
// `setValue(ptr, value, type)` that dispatches on the type string and goes through a DataView; on little-endian
// machines (every platform Node supports today) an Int32Array view is the same memory and several times faster, so
// those two helpers are replaced. Everything else in the library is used as published.
import { setFlagsFromString } from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';

/** The parts of web-tree-sitter's Emscripten module this package calls. */
export interface WasmModule {
  HEAP32: Int32Array;
  setValue(ptr: number, value: number, type?: string): void;
  getValue(ptr: number, type?: string): number;
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
}

const REQUIRED = [
  '_ts_init', '_ts_tree_cursor_goto_first_child_wasm', '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm', '_ts_tree_cursor_current_node_type_id_wasm', '_ts_tree_cursor_current_field_id_wasm',
'_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_start_index_wasm', '_ts_tree_cursor_end_index_wasm',
] as const;

let ready: Promise<WasmModule> | undefined;

/**
 * V8 runs wasm in a baseline tier first and recompiles a function with its optimising compiler once the function has
 * spent a budget of work (the flag --wasm-tiering-budget, read when a module is instantiated). The parser's hot
 * functions exhaust the default budget within the first file, and those recompilations then run in the background
 * for ~60 ms, which the process waits for at exit: a fifth of re-reviewing one changed file. A thread that will parse
 * only a few files therefore instantiates with a budget its files never spend, and restores the flag at once (the
 * flag is process-wide); its parses run in the baseline tier. Over all of nova, a thread started this way parsed
 * ~5% slower: the budget is only for runs known to be short.
 */
const QUICK_START_BUDGET = 1_000_000_000;
/** V8's own default (V8 11.3, Node 20), unless the user set one: restored after a quick start. */
const DEFAULT_BUDGET = /--wasm-tiering-budget[= ](\d+)/.exec([...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' '))?.[1] ?? '1800000';
let quickStart = false;

/**
 * Asks for wasm tuned for few parses in this thread (see QUICK_START_BUDGET); only has an effect before the first
 * parse of the thread.
 */
export function preferQuickStart(): void {
  quickStart = true;
}

async function instantiate<T>(load: () => Promise<T>): Promise<T> {
  if (!quickStart) return load();
  setFlagsFromString(`--wasm-tiering-budget=${QUICK_START_BUDGET}`);
  try {
    return await load();
  } finally {
    setFlagsFromString(`--wasm-tiering-budget=${DEFAULT_BUDGET}`);
  }
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Initialises web-tree-sitter in this thread (once) and answers its wasm module. */
export function treeSitter(): Promise<WasmModule> {
  ready ??= (async () => {
    // Emscripten makes the object passed to init the module itself, which is how we get hold of it.
    const module = {} as WasmModule;
    await instantiate(() => Parser.init(module));
    for (const name of REQUIRED) {
      if (typeof module[name] !== 'function') throw new Error(`web-tree-sitter has no ${name}; pillar's tree mirror needs updating`);
    }
    if (littleEndian) {
      const generalSet = module.setValue;
      const generalGet = module.getValue;
      // HEAP32 is read on every call: the module replaces the view when wasm memory grows.
      module.setValue = (ptr, value, type) => {
        if (type === 'i32') module.HEAP32[ptr >> 2] = value;
        else generalSet(ptr, value, type);
      };
      module.getValue = (ptr, type) => (type === 'i32' ? module.HEAP32[ptr >> 2]! : generalGet(ptr, type));
    }
    return module;
  })();
  return ready;
}

const languages = new Map<string, Promise<Language>>();

/** Loads a grammar `.wasm` once per thread. */
export function loadLanguage(wasmPath: string): Promise<Language> {
  let language = languages.get(wasmPath);
  if (!language) {
    language = treeSitter().then(() => instantiate(() => Language.load(wasmPath)));
    languages.set(wasmPath, language);
  }
  return language;
}

/**
 * A thread's parser for one grammar, created on first use: `wasmPath` resolves the `.wasm` that the grammar's npm
 * package ships (e.g. `tree-sitter-python/tree-sitter-python.wasm`).
 */
export function lazyParser(wasmPath: () => string): () => Promise<Parser> {
  let ready: Promise<Parser> | undefined;
  return () => {
    ready ??= (async () => {
      // The language first: loading it initialises web-tree-sitter, which a Parser needs before it is made.
      const language = await loadLanguage(wasmPath());
      const parser = new Parser();
      parser.setLanguage(language);
      return parser;
    })();
    return ready;
  };
}
