// Delegates to the value-kind queries of the model (`model.kindOf(expr)` …, src/languages/python/valueKinds.ts),
// kept for the rules not yet moved to the model API; a follow-up removes this module (test/model/modelApi.test.ts).
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { PythonModel } from '../languages/python/model.js';
import type { Reaching, ValueKind } from '../languages/python/valueKinds.js';

export { definedValue, type Reaching, type ValueKind } from '../languages/python/valueKinds.js';

export const mayProduceSets = (model: PythonModel): boolean => model.mayProduceSets();
export const mayBeSet = (model: PythonModel, expr: SyntaxNode): boolean => model.mayBeSet(expr);
export const mayBeAssigned = (model: PythonModel, use: SyntaxNode): boolean => model.mayBeAssigned(use);
export const dataflowOwner = (model: PythonModel, node: SyntaxNode): SyntaxNode => model.dataflowOwner(node);
export const reachingValues = (model: PythonModel, use: SyntaxNode): Reaching | null => model.reachingValues(use);
export const kindOf = (model: PythonModel, expr: SyntaxNode | null): ValueKind | null => model.kindOf(expr);
