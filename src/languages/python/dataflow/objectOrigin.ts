// Whether an object is of a kind a model names by how it is made (`ObjectOrigin`): a sink on a response's headers
// must see a response, which the dataflow knows from the assignment that made it, not from what the variable is called.
import type { SyntaxNode } from '../../syntaxTree.js';
import type { ObjectOrigin } from '../../../analysis/taint/spec.js';
import type { PythonModel } from '../model.js';
import { unparenthesize } from '../syntax.js';

/** `expr` (`resp`, `self.resp`, `pecan.response`) is, on some path, an object `origin` makes. */
export function madeBy(model: PythonModel, expr: SyntaxNode, origin: ObjectOrigin): boolean {
  const e = unparenthesize(expr);
  const q = model.qualifiedName(e);
  if (q !== null && origin.globals?.includes(q)) return true;
  return model.valuesOf(e).some((v) => v !== null && madeByCall(model, unparenthesize(v), origin));
}

/** The object an attribute belongs to: `resp` for `resp.headers`; null for anything else. */
export function attributeOwner(expr: SyntaxNode): SyntaxNode | null {
  const e = unparenthesize(expr);
  return e.type === 'attribute' ? e.childForFieldName('object') : null;
}

function madeByCall(model: PythonModel, v: SyntaxNode, origin: ObjectOrigin): boolean {
  if (v.type !== 'call') return false;
  const name = model.callName(v);
  if (name !== null && origin.calls?.some((c) => (c.endsWith('*') ? name.startsWith(c.slice(0, -1)) : name === c))) return true;
  const fn = v.childForFieldName('function');
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  return method !== undefined && origin.methods?.includes(method) === true;
}
