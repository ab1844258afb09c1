// Entry point of the CFG layer: the graph types, and `cfgOf`, a delegate to `model.cfg(fn)` (which builds a
// function's or the module body's graph once per model) kept for the rules not yet moved to the model API.
import type { SyntaxNode } from '../../syntaxTree.js';
import type { PythonModel } from '../model.js';
import type { Cfg } from './graph.js';

export { Cfg, type PathOptions } from './graph.js';
export { isCatchAll } from './tryBuilder.js';
export { expressionMayRaise, statementMayRaise } from './raises.js';
export type { CfgEdge, CfgNode, CfgNodeKind, EdgeKind } from './types.js';

/** The graph of `fn` (a function_definition), or of the module body when `fn` is null or the module node. */
export function cfgOf(model: PythonModel, fn: SyntaxNode | null): Cfg {
  return model.cfg(fn);
}
