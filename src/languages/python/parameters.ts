// The parameters of a function or lambda as Python binds them: every syntactic form (plain, annotated, defaulted,
// annotated with a default, `*args`/`**kwargs` with or without annotation, keyword-only after `*` or `*args`,
// positional-only before `/`), with the receiver (`self`/`cls`) of a method marked. Syntax only: no types inferred.
import type { SyntaxNode } from '../syntaxTree.js';

export type ParameterKind = 'positional-only' | 'positional' | 'keyword-only' | 'var-positional' | 'var-keyword';

export interface Parameter {
  name: string;
  /** The identifier bound. */
  node: SyntaxNode;
  /** The whole parameter as written (`body: dict`, `limit=10`, `**kwargs`). */
  declaration: SyntaxNode;
  /** Position among the named parameters, `*args`/`**kwargs` included (the binder's and the dataflow's order). */
  index: number;
  kind: ParameterKind;
  /** The annotation expression (`dict` of `body: dict`), or null. */
  annotation: SyntaxNode | null;
  /** The default value expression, or null. */
  defaultValue: SyntaxNode | null;
  /** The first parameter of a method that receives the instance or class (`self`, `cls`): not a caller's value. */
  receiver: boolean;
}

/** Parameters of a function_definition or lambda in order; none for anything else (the module included). */
export function parametersOf(fn: SyntaxNode): Parameter[] {
  if (fn.type !== 'function_definition' && fn.type !== 'lambda') return [];
  const list = fn.childForFieldName('parameters');
  if (!list) return [];
  const out: Parameter[] = [];
  const named = list.namedChildren.filter((p): p is SyntaxNode => p !== null);
  // Everything before a `/` is positional-only (PEP 570); after a bare `*` or `*args`, keyword-only (PEP 3102).
  const slash = named.findIndex((p) => p.type === 'positional_separator');
  let keywordOnly = false;
  named.forEach((p, position) => {
    if (p.type === 'keyword_separator') { keywordOnly = true; return; }
    if (p.type === 'positional_separator') return;
    const parsed = parse(p);
    if (!parsed) return;
    const kind: ParameterKind = parsed.splat ?? (position < slash ? 'positional-only' : keywordOnly ? 'keyword-only' : 'positional');
    if (parsed.splat === 'var-positional') keywordOnly = true;
    out.push({ name: parsed.id.text, node: parsed.id, declaration: p, index: out.length, kind, annotation: parsed.annotation, defaultValue: parsed.defaultValue, receiver: false });
  });
  const first = out[0];
  if (first && first.kind !== 'var-positional' && first.kind !== 'var-keyword' && fn.type === 'function_definition' && isMethodWithReceiver(fn)) first.receiver = true;
  return out;
}

interface Parsed { id: SyntaxNode; annotation: SyntaxNode | null; defaultValue: SyntaxNode | null; splat: 'var-positional' | 'var-keyword' | null }

function parse(p: SyntaxNode): Parsed | null {
  switch (p.type) {
    case 'identifier': return { id: p, annotation: null, defaultValue: null, splat: null };
    case 'default_parameter': case 'typed_default_parameter': {
      const id = p.childForFieldName('name');
      return id?.type === 'identifier' ? { id, annotation: p.childForFieldName('type'), defaultValue: p.childForFieldName('value'), splat: null } : null;
    }
    case 'typed_parameter': {
      // `b: int` holds the identifier directly; `*args: int` and `**kw: T` hold a splat pattern.
      const inner = p.namedChildren.find((c) => c?.type === 'identifier' || c?.type === 'list_splat_pattern' || c?.type === 'dictionary_splat_pattern');
      if (!inner) return null;
      const base = parse(inner);
      return base ? { ...base, annotation: p.childForFieldName('type') } : null;
    }
    case 'list_splat_pattern': case 'dictionary_splat_pattern': {
      const id = p.namedChildren.find((c) => c?.type === 'identifier');
      return id ? { id, annotation: null, defaultValue: null, splat: p.type === 'list_splat_pattern' ? 'var-positional' : 'var-keyword' } : null;
    }
    default: return null;
  }
}

/** A method defined directly in a class body that is not a @staticmethod: its first parameter is self or cls. */
function isMethodWithReceiver(fn: SyntaxNode): boolean {
  let p = fn.parent;
  const decorated = p?.type === 'decorated_definition' ? p : null;
  if (decorated) p = decorated.parent;
  if (p?.type !== 'block' || p.parent?.type !== 'class_definition') return false;
  return !decorated?.namedChildren.some((c) => c?.type === 'decorator' && /^@\s*(?:\w+\.)*staticmethod\s*$/.test(c.text));
}
