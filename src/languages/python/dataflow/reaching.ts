// Reaching definitions and def-use chains for the names of one function (or the module body), computed by the
// structured forward walker. `model.dataflow(fn)` caches per model, so rules share one computation.
import { Budget, type AnalysisGap } from '../../../analysis/budget.js';
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
  /** Statements the walk could not follow (too deep): their uses have no definitions here. */
  gaps: readonly AnalysisGap[];
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

  /**
   * Records the uses under `root` in evaluation order. An explicit work stack, not recursion: generated code nests
   * operators thousands deep (`a or a or …`). A bound name (walrus) is a deferred action after its value.
   */
  private visit(root: SyntaxNode, env: Env<Defs>): void {
    // Most expressions evaluated are a bare name: no work stack for those.
    if (root.type === 'identifier') { this.record(root, env); return; }
    const work: Array<SyntaxNode | (() => void)> = [root];
    while (work.length > 0) {
      const item = work.pop()!;
      if (typeof item === 'function') { item(); continue; }
      const n = item;
      switch (n.type) {
        case 'identifier': this.record(n, env); break;
        case 'attribute':
          this.record(n, env);
          work.push(n.childForFieldName('object')!);
          break;
        case 'keyword_argument': {
          const v = n.childForFieldName('value');
          if (v) work.push(v);
          break;
        }
        case 'named_expression': {
          const v = n.childForFieldName('value');
          const name = n.childForFieldName('name');
          if (name) work.push(() => env.set(name.text, new Map([[n.id, n]])));
          if (v) work.push(v);
          break;
        }
        case 'lambda': case 'function_definition': case 'class_definition': break;
        case 'list_comprehension': case 'set_comprehension': case 'dictionary_comprehension': case 'generator_expression':
          this.comprehension(n, env);
          break;
        default: {
          const children = n.namedChildren;
          for (let i = children.length - 1; i >= 0; i--) if (children[i]) work.push(children[i]!);
        }
      }
    }
  }

  /** Comprehension variables live in their own scope: they are bound in a copy. */
  private comprehension(n: SyntaxNode, env: Env<Defs>): void {
    const inner = env.copy();
    for (const c of n.namedChildren) {
      if (c?.type !== 'for_in_clause') continue;
      const right = c.childForFieldName('right');
      if (right) this.visit(right, inner);
      const left = c.childForFieldName('left');
      if (left) for (const id of identifiersIn(left)) inner.set(id.text, new Map([[c.id, c]]));
    }
    for (const c of n.namedChildren) if (c && c.type !== 'for_in_clause') this.visit(c, inner);
  }
}

function identifiersIn(target: SyntaxNode): SyntaxNode[] {
  if (target.type === 'identifier') return [target];
  return target.namedChildren.flatMap((c) => (c ? identifiersIn(c) : []));
}

/** Computes reaching definitions for `fn` (a function_definition, or the module node for module-level code). */
export function computeDataflow(fn: SyntaxNode, budget = Budget.unlimited): FunctionDataflow {
  const transfer = new ReachingTransfer();
  const env = new Env(lattice);
  for (const p of parameterNames(fn)) env.set(p.name, new Map([[p.node.id, p.node]]));
  const body = functionBody(fn);
  const walker = new ForwardWalker(transfer, { budget, analysis: 'reaching definitions' });
  if (body) walker.block(body, env);
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
    gaps: walker.gaps,
  };
}

/** Delegate kept for the rules not yet moved to `model.dataflow(fn)` (a follow-up removes it). */
export function dataflowOf(model: PythonModel, fn: SyntaxNode): FunctionDataflow {
  return model.dataflow(fn);
}
