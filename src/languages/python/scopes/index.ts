// Entry point of the scope layer: its types, and `scopesOf`, a delegate to `model.scopes` (bound once per file)
// kept for the code not yet moved to the model API (a follow-up removes it).
import type { PythonModel } from '../model.js';
import type { ScopeModel } from './scopeModel.js';

export { ScopeModel, type NameResolution, type Resolution } from './scopeModel.js';
export type { Binding, BindingKind, Scope, ScopeKind, ValueFact } from './types.js';

export function scopesOf(model: PythonModel): ScopeModel {
  return model.scopes;
}
