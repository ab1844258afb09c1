// Whether a statement that weakens a protection runs only when a runtime setting asks for it: it sits in a branch of
// an `if` (or a conditional expression) whose test reads a parameter, a `self.` attribute or an oslo.config option.
// The OpenStack guideline on certificates asks exactly for such switches ("options ... should be exposed to the
// deployer"), so a rule reports them apart from hard-coded ones. Syntax and scopes only; the setting's default is
// not looked up.
import type { SyntaxNode } from '../languages/syntaxTree.js';
import type { PythonModel } from '../languages/python/model.js';
import { scopesOf } from '../languages/python/scopes/index.js';
import { unparenthesize } from '../languages/python/syntax.js';

const BRANCHES = new Set(['if_statement', 'elif_clause', 'conditional_expression']);

/** The leftmost identifier of an attribute chain (`self` in `self.conf.insecure`). */
function chainRoot(node: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode | null = unparenthesize(node);
  while (n && (n.type === 'attribute' || n.type === 'subscript')) n = n.childForFieldName(n.type === 'attribute' ? 'object' : 'value');
  return n?.type === 'identifier' ? n : null;
}

/** A name in the test that is a setting: a parameter, `self.x`, or an attribute of an oslo.config CONF object. */
function readsSetting(model: PythonModel, test: SyntaxNode): boolean {
  const stack = [test];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'call') {
      // `self.flag()` or `CONF.get(...)` reads a setting too; any other call's result is computed, not configured.
      const fn = n.childForFieldName('function');
      if (fn) stack.push(fn);
      continue;
    }
    if (n.type === 'attribute' || n.type === 'identifier') {
      const root = chainRoot(n);
      if (root) {
        if (root.text === 'self' || root.text === 'cls') return n.type === 'attribute';
        const q = model.qualifiedName(n) ?? '';
        if (q.startsWith('oslo_config.cfg.CONF') || q.startsWith('oslo.config.cfg.CONF')) return true;
        if (scopesOf(model).lookup(root).some((b) => b.kind === 'parameter')) return true;
        if (/(^|\.)CONF$/.test(model.qualifiedName(root) ?? '')) return true;
      }
      if (n.type === 'attribute') continue;
    }
    for (let i = 0; i < n.namedChildCount; i++) { const c = n.namedChild(i); if (c) stack.push(c); }
  }
  return false;
}

/** The test of the innermost branch that decides whether `node` runs, when it reads a setting; else null. */
export function settingGuard(model: PythonModel, node: SyntaxNode): SyntaxNode | null {
  let child = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') return null;
    if (!BRANCHES.has(n.type)) {
      if (n.type === 'else_clause' && n.parent?.type === 'if_statement') {
        const test = n.parent.childForFieldName('condition');
        if (test && readsSetting(model, test)) return test;
      }
      continue;
    }
    const test = n.type === 'conditional_expression' ? n.namedChild(1) : n.childForFieldName('condition');
    // The test itself is not guarded by itself.
    if (!test || test.id === child.id) continue;
    if (readsSetting(model, test)) return test;
  }
  return null;
}
