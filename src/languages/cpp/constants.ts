// The names a C/C++ file declares as compile-time constants: `const`/`constexpr` variables and members whose every
// declaration in its scope is initialised with a constant expression (literals, arithmetic, casts, `sizeof`, other such
// constants and ALL_CAPS macros). A rule asks it before worrying about a value that could come from input: a divisor
// `max8bit` declared `constexpr float max8bit = static_cast<float>(255);` is not one. Names declared in headers the
// file includes are not seen (nothing here reads other files); a name a function declares is looked up there first,
// and a name with any non-constant declaration in the scope that holds it is not a constant.
import type { SyntaxNode } from '../syntaxTree.js';

/** A macro or enum-like constant by the C/C++ convention: all capitals (`M_PI`, `INT_MAX`). */
const MACRO_NAME = /^[A-Z][A-Z0-9_]+$/;
const CASTS = new Set(['static_cast', 'qreal', 'float', 'double', 'int', 'qint64', 'quint64', 'size_t', 'qsizetype']);

function isConstQualified(declaration: SyntaxNode): boolean {
  return declaration.children.some((c) => c.type === 'type_qualifier' && (c.text === 'const' || c.text === 'constexpr'));
}

/** The name a declarator declares (through `*`, `&`), or null for a function or an array. */
function declaredName(declarator: SyntaxNode | null): string | null {
  let target = declarator;
  while (target && target.type !== 'identifier' && target.type !== 'field_identifier') {
    if (target.type !== 'reference_declarator' && target.type !== 'pointer_declarator') return null;
    target = target.childForFieldName('declarator') ?? target.namedChild(0);
  }
  return target?.text ?? null;
}

/** True when `node` is built only of literals, operators, casts, `sizeof` and names `isConstant` accepts. */
function isConstantExpression(node: SyntaxNode, isConstant: (name: string) => boolean): boolean {
  switch (node.type) {
    case 'number_literal': case 'char_literal': case 'true': case 'false': case 'sizeof_expression': return true;
    case 'identifier': return MACRO_NAME.test(node.text) || isConstant(node.text);
    case 'qualified_identifier': return MACRO_NAME.test(node.childForFieldName('name')?.text ?? '') || isConstant(node.childForFieldName('name')?.text ?? '');
    case 'parenthesized_expression': case 'binary_expression': case 'unary_expression': case 'argument_list': case 'initializer_list':
      return node.namedChildren.every((c) => c.type === 'comment' || isConstantExpression(c, isConstant));
    case 'cast_expression': return isConstantExpression(node.childForFieldName('value')!, isConstant);
    case 'call_expression': {
      // `static_cast<float>(255)`, `qreal(0.5)`: a cast written as a call.
      const fn = node.childForFieldName('function');
      const name = fn?.type === 'template_function' ? fn.childForFieldName('name')?.text : fn?.text;
      return name !== undefined && CASTS.has(name) && isConstantExpression(node.childForFieldName('arguments')!, isConstant);
    }
    default: return false;
  }
}

interface Declaration { qualified: boolean; value: SyntaxNode | null }

/** The function definition a node is inside (lambdas belong to theirs), or null at file and class level. */
function owningFunction(node: SyntaxNode): SyntaxNode | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return null;
}

/** Answers "is `name`, as used inside `fn`, a constant?" for one file; build once per file (constantsOf). */
export class FileConstants {
  /** Declarations by scope (a function definition's id, or -1 for file and class level), then by name. */
  private readonly scopes = new Map<number, Map<string, Declaration[]>>();
  private readonly answers = new Map<string, boolean>();

  constructor(root: SyntaxNode) {
    // Declarations without a value (`int n;`) and parameters count too: such a name is not a constant.
    for (const owner of root.descendantsOfType(['declaration', 'field_declaration', 'parameter_declaration', 'optional_parameter_declaration'])) {
      const isParameter = owner.type.endsWith('parameter_declaration');
      // A parameter is whatever the caller passes, `const` or not.
      const qualified = !isParameter && isConstQualified(owner);
      const scope = owningFunction(owner)?.id ?? -1;
      for (const d of owner.childrenForFieldName('declarator')) {
        const init = d.type === 'init_declarator';
        const name = declaredName(init ? d.childForFieldName('declarator') : d);
        if (name === null) continue;
        const byName = this.scopes.get(scope) ?? new Map<string, Declaration[]>();
        this.scopes.set(scope, byName);
        byName.set(name, [...(byName.get(name) ?? []), { qualified, value: init ? d.childForFieldName('value') : owner.childForFieldName('default_value') }]);
      }
    }
  }

  /** True when every declaration `fn` sees of `name` (its own locals, else the file's) is a constant one. */
  isConstantIn(name: string, fn: SyntaxNode | null): boolean {
    const local = fn ? this.scopes.get(fn.id)?.get(name) : undefined;
    const scope = local ? fn : null;
    const key = `${scope?.id ?? -1}:${name}`;
    const known = this.answers.get(key);
    if (known !== undefined) return known;
    this.answers.set(key, false); // a definition that refers to itself is not a constant
    const decls = local ?? this.scopes.get(-1)?.get(name);
    const ok = decls !== undefined && decls.every((d) => d.qualified && d.value !== null && isConstantExpression(d.value, (n) => this.isConstantIn(n, scope)));
    this.answers.set(key, ok);
    return ok;
  }
}

const memo = new WeakMap<object, FileConstants>();

/** The constants of the file `root` belongs to (built once per tree). */
export function constantsOf(root: SyntaxNode): FileConstants {
  const key = root.tree as object;
  let constants = memo.get(key);
  if (!constants) memo.set(key, constants = new FileConstants(root));
  return constants;
}
