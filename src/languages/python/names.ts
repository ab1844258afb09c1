// Import bindings of a Python module: which local name stands for which qualified name
// (`from neutronclient.v2_0 import client as clientv20` → clientv20 = neutronclient.v2_0.client).
// File-wide and flow-insensitive, like Bandit's import tracking: rules read its records (what is imported where);
// names are resolved by the scope-aware model.callName, which falls back to this table only when binding fails.
// Also the name patterns (`a.b`, `a.*`) the blacklists and model.callMatching match qualified names against.
import type { SyntaxNode } from '../syntaxTree.js';
import { dottedName, unparenthesize } from './syntax.js';

export interface ImportRecord {
  /** Fully qualified module or object imported, e.g. `subprocess` or `os.system`. */
  qualified: string;
  /** Local name bound, e.g. `sp`; null for `from x import *`. */
  local: string | null;
  node: SyntaxNode;
  /** `from a import b` form. */
  fromImport: boolean;
}

export class ImportTable {
  readonly records: ImportRecord[] = [];
  private readonly bindings = new Map<string, string>();

  add(node: SyntaxNode): void {
    if (node.type === 'import_statement') {
      for (const item of node.childrenForFieldName('name')) {
        if (item.type === 'aliased_import') {
          const q = item.childForFieldName('name')?.text;
          const alias = item.childForFieldName('alias')?.text;
          if (q && alias) this.bind({ qualified: q, local: alias, node, fromImport: false });
        } else {
          // `import a.b.c` binds `a`, and the dotted path stays resolvable through it.
          const q = item.text;
          this.records.push({ qualified: q, local: q, node, fromImport: false });
          const head = q.split('.')[0]!;
          if (!this.bindings.has(head)) this.bindings.set(head, head);
        }
      }
    } else if (node.type === 'import_from_statement') {
      const module = node.childForFieldName('module_name')?.text ?? '';
      const wildcard = node.namedChildren.some((c) => c?.type === 'wildcard_import');
      if (wildcard) this.records.push({ qualified: `${module}.*`, local: null, node, fromImport: true });
      for (const item of node.childrenForFieldName('name')) {
        const nameNode = item.type === 'aliased_import' ? item.childForFieldName('name') : item;
        const aliasNode = item.type === 'aliased_import' ? item.childForFieldName('alias') : item;
        if (!nameNode || !aliasNode) continue;
        const sep = module.endsWith('.') ? '' : '.';
        this.bind({ qualified: `${module}${sep}${nameNode.text}`, local: aliasNode.text, node, fromImport: true });
      }
    }
  }

  private bind(record: ImportRecord): void {
    this.records.push(record);
    if (record.local) this.bindings.set(record.local, record.qualified);
  }

  /** The qualified name a local name was imported as, if it was imported. */
  lookup(local: string): string | undefined {
    return this.bindings.get(local);
  }

  /** Resolves a dotted expression (`sp.Popen`, `yaml.load`, `run`) through the imports. */
  resolve(dotted: string): string {
    // Asked for every call of every file: the head is cut off without splitting the whole name.
    const dot = dotted.indexOf('.');
    const bound = this.bindings.get(dot < 0 ? dotted : dotted.slice(0, dot));
    if (bound === undefined) return dotted;
    return dot < 0 ? bound : bound + dotted.slice(dot);
  }

  /** Qualified name of an identifier/attribute expression, or null when it is not a plain dotted name. */
  qualifiedName(node: SyntaxNode | null): string | null {
    if (!node) return null;
    const dotted = dottedName(unparenthesize(node));
    return dotted === null ? null : this.resolve(dotted);
  }

  /** True when any import brings in `module` or something below it. */
  importsModule(module: string): boolean {
    return this.records.some((r) => r.qualified === module || r.qualified.startsWith(`${module}.`));
  }
}

interface CompiledPatterns { exact: Set<string>; wildcards: Array<{ pattern: string; prefix: string }> }
const compiledPatterns = new WeakMap<readonly string[], CompiledPatterns>();

/** The pattern `name` matches: one of `patterns` exactly, or lying below a `module.*` pattern; null when none. */
export function matchesName(name: string, patterns: readonly string[]): string | null {
  // Every call of a file is checked against every blacklist rule's list: sets, built once per list.
  let compiled = compiledPatterns.get(patterns);
  if (!compiled) {
    compiled = { exact: new Set(), wildcards: [] };
    for (const p of patterns) {
      if (p.endsWith('.*')) compiled.wildcards.push({ pattern: p, prefix: p.slice(0, -1) });
      else compiled.exact.add(p);
    }
    compiledPatterns.set(patterns, compiled);
  }
  if (compiled.exact.has(name)) return name;
  for (const w of compiled.wildcards) if (name.startsWith(w.prefix)) return w.pattern;
  return null;
}

const DOT = 46;

/** True when dotted `path` is `prefix` or lies below it by whole components (`a.b` covers `a.b.c`, not `a.bc`). */
export function underPath(path: string, prefix: string): boolean {
  // Every import of a file is tested against every import rule's names: no `${prefix}.` string is built.
  return path === prefix || (path.length > prefix.length && path.charCodeAt(prefix.length) === DOT && path.startsWith(prefix));
}
