// CWE-416 (a dangling view or reference): storing a non-owning view (`QStringView`, `QLatin1String`,
// `std::string_view`…) of a temporary string — `m_name = value.toString();`, `QStringView v = s.toUtf8();` — or
// keeping, in a class, a `const T &` member bound to a `const T &` constructor parameter. The temporary string is
// destroyed at the end of the statement; a const reference parameter binds to whatever temporary the caller passes,
// and the member outlives it. Later reads go through freed memory. Classes that keep const references by design
// (expression templates, comparators built from named objects) are many, so a member is reported only when this file
// constructs the class with a temporary (a call, a literal, `QStringLiteral(…)`) in that parameter's place.
import { callShape } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { OWNING_STRING_RESULTS, VIEW_TYPES } from '../../../models/cpp/library.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

function typeName(decl: SyntaxNode): string {
  return decl.childForFieldName('type')?.text.replace(/<.*$/s, '').replace(/\s+/g, '') ?? '';
}

/** The declared name of a declarator (through `&`, `*`, init), or null. */
function declaredName(d: SyntaxNode | null): string | null {
  for (let n = d; n; n = n.childForFieldName('declarator') ?? (n.type.endsWith('_declarator') ? n.namedChild(0) : null)) {
    if (n.type === 'identifier' || n.type === 'field_identifier') return n.text;
  }
  return null;
}

/** Names declared in the file with a view type, minus names also declared with another type (ambiguous). */
function viewNames(root: SyntaxNode): Set<string> {
  const views = new Set<string>();
  const others = new Set<string>();
  for (const decl of root.descendantsOfType(['field_declaration', 'declaration', 'parameter_declaration'])) {
    const isView = VIEW_TYPES.has(typeName(decl));
    for (const d of decl.childrenForFieldName('declarator')) {
      // A reference or pointer to a view is not a view made from the value.
      if (d.type === 'reference_declarator' || d.type === 'pointer_declarator' || d.type === 'function_declarator') continue;
      const name = declaredName(d);
      if (name) (isView ? views : others).add(name);
    }
  }
  for (const name of others) views.delete(name);
  return views;
}

/** The call producing a new owning string, when `value` is one (`x.toString()`, `QString::number(n)`). */
function owningTemporary(value: SyntaxNode | null): SyntaxNode | null {
  if (value?.type !== 'call_expression') return null;
  const shape = callShape(value);
  return shape && OWNING_STRING_RESULTS.has(shape.name) ? value : null;
}

/** Argument kinds that are temporaries: a const reference parameter binds to them and they die with the statement. */
const TEMPORARIES = new Set(['call_expression', 'string_literal', 'raw_string_literal', 'concatenated_string', 'number_literal', 'initializer_list', 'compound_literal_expression', 'binary_expression', 'user_defined_literal']);

/** Argument lists with which this file constructs `cls`: `Cls x(a, b)`, `Cls x{a, b}`, `Cls(a, b)`, `new Cls(a, b)`. */
function constructions(root: SyntaxNode, cls: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const d of root.descendantsOfType('declaration')) {
    if (typeName(d) !== cls) continue;
    for (const init of d.descendantsOfType('init_declarator')) {
      const v = init.childForFieldName('value');
      if (v?.type === 'argument_list' || v?.type === 'initializer_list') out.push(v);
    }
    // `Cls x(a, QDir::current());` in a body parses as a function declaration (the most vexing parse): its
    // "parameters" are the arguments.
    const vexing = d.childForFieldName('declarator');
    if (vexing?.type === 'function_declarator' && d.parent?.type === 'compound_statement') out.push(vexing.childForFieldName('parameters')!);
  }
  for (const c of root.descendantsOfType('call_expression')) if (c.childForFieldName('function')?.text === cls) out.push(c.childForFieldName('arguments')!);
  for (const n of root.descendantsOfType('new_expression')) if (n.childForFieldName('type')?.text === cls && n.childForFieldName('arguments')) out.push(n.childForFieldName('arguments')!);
  return out;
}

/** A temporary argument, also when the most vexing parse made it a parameter (`QString()` → abstract function). */
function isTemporary(arg: SyntaxNode | null | undefined): arg is SyntaxNode {
  if (!arg) return false;
  if (arg.type === 'parameter_declaration') return arg.childForFieldName('declarator')?.type === 'abstract_function_declarator';
  return TEMPORARIES.has(arg.type);
}

const isConstRef = (decl: SyntaxNode, d: SyntaxNode): boolean => d.type === 'reference_declarator' && !d.text.startsWith('&&') &&
  decl.children.some((c) => c?.type === 'type_qualifier' && c.text === 'const');

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'dangling-reference',
    cwe: 416,
    severity: 'high',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      view: {
        text: '`{name}` is a `{type}` (a view, not a copy) made from `{call}`, a temporary string destroyed at the end of this statement: every later use of `{name}` reads freed memory',
        fix: 'Keep the string itself (make `{name}` a QString/QByteArray), or keep the temporary alive in a named variable that outlives `{name}`',
      },
      member: {
        text: 'the member `{name}` is a const reference bound to the constructor parameter `{param}`; this file passes a temporary there (`{type}`), which is destroyed at the end of that statement and leaves `{name}` dangling',
        fix: 'Store a copy (drop the `&` from `{name}`), or take a pointer/non-const reference so that temporaries cannot bind',
      },
    },
    docs: {
      summary: 'A string view made from a temporary string, or a const-reference member bound to a constructor parameter (dangling reference)',
      why: 'QStringView, QLatin1String and std::string_view do not own characters; a view of `value.toString()` points into a QString that is destroyed at the end of the statement, and the next read of the view is a use after free. A class member of type `const T &` initialised from a `const T &` constructor parameter dangles as soon as a caller passes a temporary, which a const reference accepts silently (CWE-416).',
      example: 'struct Attributes {\n    QStringView mask;\n    void read(const QXmlStreamAttribute &a) { mask = a.value().toString(); }\n};\n\nclass Resolver {\npublic:\n    Resolver(const QDir &dir) : m_dir(dir) {}\nprivate:\n    const QDir &m_dir;\n};\n',
      useInstead: 'struct Attributes {\n    QString mask;\n    void read(const QXmlStreamAttribute &a) { mask = a.value().toString(); }\n};\n\nclass Resolver {\npublic:\n    Resolver(const QDir &dir) : m_dir(dir) {}\nprivate:\n    QDir m_dir;\n};\n',
      fix: 'Own the data where it is kept: a QString/QByteArray member instead of a view, a value member instead of a const reference; or keep the owner alive in a named variable for as long as the view is used.',
      references: ['https://cwe.mitre.org/data/definitions/416.html', 'https://clang.llvm.org/extra/clang-tidy/checks/bugprone/dangling-handle.html', 'https://isocpp.github.io/CppCoreGuidelines/CppCoreGuidelines#Rc-constref'],
    },
  },
  create(ctx) {
    let views: Set<string> | undefined;
    const isView = (name: string): boolean => (views ??= viewNames(ctx.model.root)).has(name);
    return {
      assignment_expression(a) {
        if (a.childForFieldName('operator')?.text !== '=') return;
        const left = a.childForFieldName('left');
        const name = left?.type === 'field_expression' ? left.childForFieldName('field')?.text : left?.type === 'identifier' ? left.text : undefined;
        const call = owningTemporary(a.childForFieldName('right'));
        if (!name || !call || !isView(name)) return;
        ctx.report({ node: a, messageId: 'view', data: { name, type: 'view', call: call.text.slice(0, 60) } });
      },
      init_declarator(init) {
        const decl = init.parent;
        if (decl?.type !== 'declaration' || !VIEW_TYPES.has(typeName(decl))) return;
        const d = init.childForFieldName('declarator');
        if (d?.type !== 'identifier') return;
        let value = init.childForFieldName('value');
        if (value?.type === 'argument_list' || value?.type === 'initializer_list') value = value.namedChildren.length === 1 ? value.namedChild(0) : null;
        const call = owningTemporary(value);
        if (call) ctx.report({ node: init, messageId: 'view', data: { name: d.text, type: typeName(decl), call: call.text.slice(0, 60) } });
      },
      field_initializer_list(list) {
        const ctor = list.parent;
        if (ctor?.type !== 'function_definition') return;
        const constRefParams = new Map<string, { type: string; index: number }>();
        const params = ctor.descendantsOfType('parameter_declaration').filter((p) => p.parent?.type === 'parameter_list' && p.parent.parent?.parent?.id === ctor.id);
        params.forEach((p, index) => {
          const d = p.childForFieldName('declarator');
          const name = declaredName(d);
          if (d && name && isConstRef(p, d)) constRefParams.set(name, { type: typeName(p), index });
        });
        if (constRefParams.size === 0) return;
        // The members, from the class this constructor is defined in (inline definitions only: the class is here).
        const cls = ctor.parent?.parent;
        if (cls?.type !== 'class_specifier' && cls?.type !== 'struct_specifier') return;
        const clsName = cls.childForFieldName('name')?.text;
        if (!clsName) return;
        const built = constructions(ctx.model.root, clsName);
        const constRefMembers = new Map<string, SyntaxNode>();
        for (const f of cls.descendantsOfType('field_declaration')) {
          const d = f.childForFieldName('declarator');
          const name = declaredName(d);
          if (d && name && isConstRef(f, d)) constRefMembers.set(name, f);
        }
        for (const init of list.namedChildren) {
          if (init?.type !== 'field_initializer') continue;
          const member = init.namedChild(0)?.text ?? '';
          const args = init.namedChildren.find((c) => c?.type === 'argument_list' || c?.type === 'initializer_list');
          const param = args?.namedChildren.length === 1 ? args.namedChild(0)?.text ?? '' : '';
          const field = constRefMembers.get(member);
          const target = constRefParams.get(param);
          if (!field || !target) continue;
          const temporary = built.map((args) => args.namedChildren.filter((a) => a !== null && a.type !== 'comment')[target.index]).find(isTemporary);
          if (!temporary) continue;
          ctx.report({
            node: field, messageId: 'member', data: { name: member, param, type: temporary.text.slice(0, 60) },
            evidence: [{ node: init, message: `${member} is bound to ${param} here` }, { node: temporary, message: `a temporary is passed as ${param} here` }],
          });
        }
      },
    };
  },
});
