// Entry point of the scope layer: `scopesOf(model)` binds a module once and shares the result with every rule.
import type { PythonModel } from '../model.js';
import { ScopeModel } from './scopeModel.js';

export { ScopeModel, type Resolution } from './scopeModel.js';
export type { Binding, BindingKind, Scope, ScopeKind, ValueFact } from './types.js';

// Keyed by the model so that the scopes die with it; rules never rebuild them.
const cache = new WeakMap<PythonModel, ScopeModel>();

export function scopesOf(model: PythonModel): ScopeModel {
  let scopes = cache.get(model);
  if (!scopes) {
    scopes = new ScopeModel(model.root);
    cache.set(model, scopes);
  }
  return scopes;
}
