// Reaching definitions and def-use chains for the names of one function (or the module body), computed by the
// structured forward walker. `dataflowOf(model, fn)` caches per model, so rules share one computation.
import type { SyntaxNode } from '../../syntaxTree.js';
import type { PythonModel } from '../model.js';
import { copyMap, Env, type Lattice } from './env.js';
import { ForwardWalker, type Transfer } from './forward.js';
import { locationKey } from './locations.js';
import { functionBody, parameterNames } from './functions.js';

/** Definition sites by node id: assignment statements, `for`/`with`/`except` clauses, parameters. */
type Defs = ReadonlyMap<number, SyntaxNode>;

const lattice: Lattice<Defs> = {
  bottom: () => new Map(),
  join(a, b) {
    if (a.size === 0) return b;
    if (b.size === 0 || a === b) return a;
    // Loops and branches mostly join a state with one it already covers: `a` is then the answer, order included.
    if (includesKeys(a, b)) return a;
    const out = copyMap(a);
    b.forEach((v, k) => out.set(k, v));
    return out;
  },
  equals(a, b) {
    return a.size === b.size && includesKeys(b, a);
  },
};

/** Whether every key of `part` is in `whole` (forEach: no iterator objects on this hot path). */
function includesKeys(whole: Defs, part: Defs): boolean {
  let all = true;
  part.forEach((_, k) => { if (all && !whole.has(k)) all = false; });
  return all;
}

export interface FunctionDataflow {
  /** Definitions that may reach this use of a name or attribute path (empty: global, builtin or undefined). */
  definitionsOf(use: SyntaxNode): SyntaxNode[];
  /** Uses that a definition site may reach. */
  usesOf(def: SyntaxNode): SyntaxNode[];
}

class ReachingTransfer implements Transfer<Defs> {
  readonly uses = new Map<number, { node: SyntaxNode; defs: Defs }>();

  evaluate(expr: SyntaxNode, env: Env<Defs>): Defs {
    this.visit(expr, env);
    return lattice.bottom();
  }

  bind(_value: Defs, _target: SyntaxNode, stmt: SyntaxNode): Defs {
    return new Map([[stmt.id, stmt]]);
  }

  element(value: Defs): Defs {
    return value;
  }

  private record(node: SyntaxNode, env: Env<Defs>): void {
    const key = locationKey(node);
    const defs = key ? env.get(key) : undefined;
    if (!defs) return;
    const old = this.uses.get(node.id);
    this.uses.set(node.id, { node, defs: old ? lattice.join(old.defs, defs) : defs });
  }

  private visit(n: SyntaxNode, env: Env<Defs>): void {
    switch (n.type) {
      case 'identifier': this.record(n, env); return;
      case 'attribute':
        this.record(n, env);
        this.visit(n.childForFieldName('object')!, env);
        return;
      case 'keyword_argument': {
        const v = n.childForFieldName('value');
        if (v) this.visit(v, env);
        return;
      }
      case 'named_expression': {
        const v = n.childForFieldName('value');
        const name = n.childForFieldName('name');
        if (v) this.visit(v, env);
        if (name) env.set(name.text, new Map([[n.id, n]]));
        return;
      }
      case 'lambda': case 'function_definition': case 'class_definition': return;
      case 'list_comprehension': case 'set_comprehension': case 'dictionary_comprehension': case 'generator_expression': {
        // Comprehension variables live in their own scope: bind them in a copy.
        const inner = env.copy();
        for (const c of n.namedChildren) {
          if (c?.type !== 'for_in_clause') continue;
          const right = c.childForFieldName('right');
          if (right) this.visit(right, inner);
          const left = c.childForFieldName('left');
          if (left) for (const id of identifiersIn(left)) inner.set(id.text, new Map([[c.id, c]]));
        }
        for (const c of n.namedChildren) if (c && c.type !== 'for_in_clause') this.visit(c, inner);
        return;
      }
      default:
        for (const c of n.namedChildren) if (c) this.visit(c, env);
    }
  }
}

function identifiersIn(target: SyntaxNode): SyntaxNode[] {
  if (target.type === 'identifier') return [target];
  return target.namedChildren.flatMap((c) => (c ? identifiersIn(c) : []));
}

/** Computes reaching definitions for `fn` (a function_definition, or the module node for module-level code). */
export function computeDataflow(fn: SyntaxNode): FunctionDataflow {
  const transfer = new ReachingTransfer();
  const env = new Env(lattice);
  for (const p of parameterNames(fn)) env.set(p.name, new Map([[p.node.id, p.node]]));
  const body = functionBody(fn);
  if (body) new ForwardWalker(transfer).block(body, env);
  // Def-use chains are inverted only when a rule asks for them, and in one pass (a parameter such as `self` may
  // have hundreds of uses).
  let users: Map<number, SyntaxNode[]> | undefined;
  const usersByDef = (): Map<number, SyntaxNode[]> => {
    if (!users) {
      users = new Map();
      for (const { node, defs } of transfer.uses.values()) {
        for (const id of defs.keys()) {
          const list = users.get(id);
          if (list) list.push(node);
          else users.set(id, [node]);
        }
      }
    }
    return users;
  };
  return {
    definitionsOf: (use) => [...(transfer.uses.get(use.id)?.defs.values() ?? [])],
    usesOf: (def) => usersByDef().get(def.id) ?? [],
  };
}

const cache = new WeakMap<PythonModel, Map<number, FunctionDataflow>>();

/** Reaching definitions of `fn` in `model`, computed once per model and function. */
export function dataflowOf(model: PythonModel, fn: SyntaxNode): FunctionDataflow {
  let perModel = cache.get(model);
  if (!perModel) { perModel = new Map(); cache.set(model, perModel); }
  let df = perModel.get(fn.id);
  if (!df) { df = computeDataflow(fn); perModel.set(fn.id, df); }
  return df;
}
