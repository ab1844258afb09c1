// Entry point of the CFG layer: `cfgOf(model, fn)` builds a function's (or the module body's) graph once per model.
import type { SyntaxNode } from '../../syntaxTree.js';
import type { PythonModel } from '../model.js';
import { buildCfg } from './builder.js';
import type { Cfg } from './graph.js';

export { Cfg, type PathOptions } from './graph.js';
export { isCatchAll } from './tryBuilder.js';
export { expressionMayRaise, statementMayRaise } from './raises.js';
export type { CfgEdge, CfgNode, CfgNodeKind, EdgeKind } from './types.js';

// Keyed by the model so graphs die with it; inside, by the function node's id (tree-sitter node objects are not
// identity-stable, their ids are).
const cache = new WeakMap<PythonModel, Map<number, Cfg>>();

/** The graph of `fn` (a function_definition), or of the module body when `fn` is null or the module node. */
export function cfgOf(model: PythonModel, fn: SyntaxNode | null): Cfg {
  const owner = fn ?? model.root;
  let perModel = cache.get(model);
  if (!perModel) { perModel = new Map(); cache.set(model, perModel); }
  let cfg = perModel.get(owner.id);
  if (!cfg) {
    if (owner.type !== 'function_definition' && owner.type !== 'module') throw new Error(`cfgOf: expected a function or module, got ${owner.type}`);
    cfg = buildCfg(owner);
    perModel.set(owner.id, cfg);
  }
  return cfg;
}
