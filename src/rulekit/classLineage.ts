// A class's ancestry as one file shows it: the bases defined in the file are followed, the others are named by their
// qualified names (what library models match). Shared by the rules that judge a class by the framework it extends.
import type { PythonModel } from '../languages/python/model.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';

export interface Lineage {
  /** The class and its ancestors defined in this file, nearest first (a left-to-right depth-first walk of the bases). */
  classes: SyntaxNode[];
  /** Qualified names of the bases defined elsewhere, of the class or of any of those ancestors. */
  external: string[];
}

/** The class's in-file ancestry: a base named like a class of this file is followed; any other is external. */
export function ancestry(model: PythonModel, cls: SyntaxNode, classes: ReadonlyMap<string, SyntaxNode>): Lineage {
  const out: Lineage = { classes: [], external: [] };
  const seen = new Set<number>();
  const walk = (c: SyntaxNode): void => {
    if (seen.has(c.id)) return;
    seen.add(c.id);
    out.classes.push(c);
    for (const base of model.classBases(c)) {
      const local = base.type === 'identifier' ? classes.get(base.text) : undefined;
      if (local) { walk(local); continue; }
      const q = model.qualifiedName(base);
      if (q) out.external.push(q);
    }
  };
  walk(cls);
  return out;
}

/** The classes the file defines, by name (the first definition of a name wins). */
export function classesByName(model: PythonModel): Map<string, SyntaxNode> {
  const classes = new Map<string, SyntaxNode>();
  for (const cls of model.root.descendantsOfType('class_definition')) {
    const name = cls.childForFieldName('name')?.text;
    if (name && !classes.has(name)) classes.set(name, cls);
  }
  return classes;
}
