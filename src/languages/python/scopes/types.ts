// The vocabulary of the Python name binder: scopes, the bindings made in them, and the simple value facts a
// binding carries. Flow-insensitive on purpose: which binding reaches a use is the dataflow layer's question.
import type { SyntaxNode } from '../../syntaxTree.js';

export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

export type BindingKind =
  | 'assignment' | 'augmented' | 'parameter' | 'import' | 'function' | 'class' | 'for-target' | 'with-target'
  | 'except-target' | 'walrus' | 'match-capture' | 'delete' | 'type-alias';

/** What a binding's value is known to be, from the expression bound (never from running anything). */
export type ValueFact =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'container'; container: 'list' | 'dict' | 'set' | 'tuple'; node: SyntaxNode }
  | { kind: 'call'; callee: string | null; node: SyntaxNode }
  /** The name stands for another qualified name: `load = yaml.load`, `import yaml`. */
  | { kind: 'alias'; qualified: string }
  | { kind: 'parameter'; index: number; name: string; functionName: string }
  /** A function or class defined here, by its qualified name inside the module (`Cls.method`). */
  | { kind: 'definition'; qualified: string; node: SyntaxNode }
  | { kind: 'unknown' };

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The identifier (or attribute for `self.x`) that is bound. */
  node: SyntaxNode;
  /** The statement or clause that makes the binding (assignment, import, def, for, with item, except clause …). */
  statement: SyntaxNode;
  /** The expression assigned, when there is exactly one for this name (not for tuple unpacking). */
  value: SyntaxNode | null;
  fact: ValueFact;
  scope: Scope;
}

export interface Scope {
  kind: ScopeKind;
  /** module, class_definition, function_definition, lambda or the comprehension node. */
  node: SyntaxNode;
  parent: Scope | null;
  children: Scope[];
  /** `Cls.method`, `<lambda>`, `<listcomp>`, `<module>`. */
  name: string;
  bindings: Map<string, Binding[]>;
  /** Names declared `global` here. */
  globals: Set<string>;
  /** Names declared `nonlocal` here. */
  nonlocals: Set<string>;
  /** For class scopes: attributes assigned on `self` (the first parameter) in its methods. */
  selfAttributes: Map<string, Binding[]>;
}
