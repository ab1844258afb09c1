// CWE-674: a function that calls itself — directly, or on another object of its kind (`link->resolve()`,
// `child->draw(p)`) — with nothing that bounds the recursion: no depth counter, visited set or re-entrancy flag in
// sight. On documents that reference themselves (an SVG <use> or gradient pointing at an ancestor), or nest deeply,
// such code recurses until the stack overflows. Overloads with another number of arguments are not recursion; among
// overloads of one arity a plain call is taken as recursion only when its argument types are known and pick this one.
// A call on a link to a method whose name ends in this one's (`node->transformedBounds(p)` inside `bounds(p)`) is a
// wrapper of the same operation on the other object (it applies a transform, then calls `bounds` again): recursion
// through a second method, as direct as the plain call.
// Confidence per finding: medium when the input steers the recursion (see steeredByInput), low when it is bounded by
// the program's own structure or nothing ties it to the input (issue 15: low findings are hidden by default).
import { callShape, baseName, className, functionName, functionNameNode } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { RECURSION_GUARD_WORDS, TREE_PARENT_LINK } from '../../../models/cpp/library.js';
import { testedNames } from '../../../rulekit/cppGuards.js';
import { functionsOnInputPath, inputNames, readsInput } from '../../../rulekit/cppInput.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

/** Member names that read as a link to another object of the same kind. */
const LINK_NAMES = /link|ref|target|child|parent|next|prev|node|use/i;

/** `transformedBounds` wraps `bounds`: a longer name ending in the capitalised method name (five letters or more, so
 * that `rect` is not taken for `boundingRect`). */
function wraps(called: string, base: string): boolean {
  return base.length >= 5 && called.length > base.length && called.endsWith(base[0]!.toUpperCase() + base.slice(1));
}

/** Parameter count range of a function definition: [required, total] (variadic: total is infinite). */
function arity(fn: SyntaxNode): [number, number] {
  let d = fn.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator') ?? d.namedChild(0);
  const params = d?.childForFieldName('parameters')?.namedChildren.filter((p): p is SyntaxNode => p !== null && p.type !== 'comment') ?? [];
  if (params.length === 1 && params[0]!.text === 'void') return [0, 0];
  if (params.some((p) => p.type === 'variadic_parameter' || p.text === '...')) return [0, Infinity];
  const required = params.filter((p) => p.type !== 'optional_parameter_declaration').length;
  return [required, params.length];
}

/** A declaration's type as overloads tell it apart: the type name without templates or qualifiers, `*` per pointer. */
function declaredType(decl: SyntaxNode): string | null {
  const type = decl.childForFieldName('type');
  if (!type || type.type === 'placeholder_type_specifier') return null;
  let stars = '';
  for (let d = decl.childForFieldName('declarator'); d; d = d.childForFieldName('declarator')) if (d.type === 'pointer_declarator') stars += '*';
  return type.text.replace(/<.*$/s, '').replace(/\s+/g, '') + stars;
}

/** Parameter types of a function definition, in order. */
function parameterTypes(fn: SyntaxNode): (string | null)[] {
  let d = fn.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator') ?? d.namedChild(0);
  return (d?.childForFieldName('parameters')?.namedChildren ?? []).filter((p): p is SyntaxNode => p?.type === 'parameter_declaration').map(declaredType);
}

/**
 * Whether a plain call to an overloaded name is this overload: every argument's type is known here (a local or
 * parameter, or a call of a function defined in this file whose return type is written) and equals this function's
 * parameter types, and no other overload in the file takes the same types. `load(inflate(&buffer))` inside
 * `load(const QByteArray &)`, with `QByteArray inflate(QIODevice *)` in the file, is a call to itself.
 */
function callsThisOverload(call: SyntaxNode, fn: SyntaxNode, overloads: SyntaxNode[], locals: ReadonlyMap<string, string>, returns: ReadonlyMap<string, string>): boolean {
  const own = parameterTypes(fn);
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is SyntaxNode => a !== null && a.type !== 'comment') ?? [];
  if (args.length !== own.length || own.some((t) => t === null)) return false;
  const argTypes = args.map((a) => {
    if (a.type === 'identifier') return locals.get(a.text);
    const callee = a.type === 'call_expression' ? a.childForFieldName('function') : null;
    return callee?.type === 'identifier' ? returns.get(callee.text) : undefined;
  });
  if (argTypes.some((t, i) => t !== own[i])) return false;
  const key = own.join(',');
  return overloads.every((o) => o.id === fn.id || parameterTypes(o).join(',') !== key);
}

/**
 * A function template with a type parameter its parameters never mention (`template <typename T> T *get(const char *)`)
 * cannot be what a plain `get(name)` inside it calls: `T` cannot be deduced, so the call picks a non-template overload.
 */
function hasUndeducibleTemplateParameter(fn: SyntaxNode): boolean {
  const template = fn.parent?.type === 'template_declaration' ? fn.parent : null;
  const names = template?.childForFieldName('parameters')?.namedChildren
    .filter((p) => p.type === 'type_parameter_declaration' || p.type === 'variadic_type_parameter_declaration')
    .map((p) => p.namedChildren.find((c) => c.type === 'type_identifier')?.text)
    .filter((n): n is string => n !== undefined) ?? [];
  if (names.length === 0) return false;
  let d = fn.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator') ?? d.namedChild(0);
  const mentioned = new Set(d?.childForFieldName('parameters')?.descendantsOfType('type_identifier').map((t) => t.text) ?? []);
  return names.some((n) => !mentioned.has(n));
}

/** Function declarations (not definitions) of `base` in the file: `QSize rotated(QSize, int);` beside an inline overload. */
function declaredOverloads(root: SyntaxNode, base: string): SyntaxNode[] {
  return root.descendantsOfType('function_declarator').filter((d) => {
    const owner = d.parent;
    if (!owner || (owner.type !== 'declaration' && owner.type !== 'field_declaration')) return false;
    const name = d.childForFieldName('declarator')?.text.replace(/\s+/g, '');
    return name !== undefined && baseName(name) === base;
  }).map((d) => d.parent!);
}

/** The type a declaration gives its name, also through `auto *x = new T(…)`: the class name, without templates. */
function typeOfDeclaration(d: SyntaxNode): string | null {
  const type = d.childForFieldName('type');
  if (!type) return null;
  if (type.type === 'placeholder_type_specifier') {
    const value = d.descendantsOfType('init_declarator')[0]?.childForFieldName('value');
    const created = value?.type === 'new_expression' ? value.childForFieldName('type') : null;
    return created ? baseName(created.text.replace(/<.*$/s, '').replace(/\s+/g, '')) : null;
  }
  return baseName(type.text.replace(/<.*$/s, '').replace(/\s+/g, ''));
}

/** Declarations at file or namespace level (anonymous namespaces included), not in classes or functions. */
function namespaceDeclarations(root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (scope: SyntaxNode): void => {
    for (const n of scope.namedChildren) {
      if (n.type === 'declaration') out.push(n);
      const body = n.type === 'namespace_definition' || n.type === 'linkage_specification' ? n.childForFieldName('body') : null;
      if (body) visit(body);
    }
  };
  visit(root);
  return out;
}

/** The identifiers a declaration names (through `*`, `&` and initialisers), not those in its initial value. */
function declaredIdentifiers(d: SyntaxNode): string[] {
  const out: string[] = [];
  for (const declarator of d.childrenForFieldName('declarator')) {
    let n: SyntaxNode | null = declarator;
    while (n && n.type !== 'identifier' && n.type !== 'field_identifier') n = n.childForFieldName('declarator') ?? (n.type === 'init_declarator' ? null : n.namedChild(0));
    if (n) out.push(n.text);
  }
  return out;
}

/**
 * Some identifier in the function names a depth, a visited set or a guard, or a flag is both tested and set to
 * true in it (`if (m_drawing) return; m_drawing = true;`).
 */
function hasGuard(fn: SyntaxNode): boolean {
  if (fn.descendantsOfType(['identifier', 'field_identifier']).some((n) => RECURSION_GUARD_WORDS.test(n.text))) return true;
  const tested = testedNames(fn);
  return fn.descendantsOfType('assignment_expression').some((a) =>
    a.childForFieldName('right')?.text === 'true' && tested.has(a.childForFieldName('left')?.text.replace(/^.*(?:->|\.)/, '') ?? ''));
}

/** The loop variables of range-for and iterator loops around a node: `node` in `for (QSvgNode *node : m_children)`. */
function loopElements(call: SyntaxNode, body: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (let n = call.parent; n && n.id !== body.id; n = n.parent) {
    if (n.type === 'for_range_loop') { const d = n.childForFieldName('declarator'); if (d) for (const i of [d, ...d.descendantsOfType('identifier')]) if (i.type === 'identifier') out.add(i.text); }
    if (n.type === 'for_statement') for (const i of n.childForFieldName('initializer')?.descendantsOfType('identifier') ?? []) out.add(i.text);
  }
  return out;
}

/**
 * The class a local is explicitly declared with (`QSvgGradientStyle *st = …`, `for (Node *child : m_children)`),
 * or cast to (`static_cast<Gradient *>(prop)`); null for `auto` without a cast, or when the function does not declare
 * it (a member).
 */
function explicitClass(name: string, body: SyntaxNode): string | null {
  for (const d of body.descendantsOfType(['declaration', 'for_range_loop'])) {
    const declarator = d.childForFieldName('declarator');
    const names = declarator ? [declarator, ...declarator.descendantsOfType('identifier')].filter((n) => n.type === 'identifier').map((n) => n.text) : [];
    if (!names.includes(name)) continue;
    const cast = d.descendantsOfType('template_function').find((t) => /^(?:static|dynamic|reinterpret)_cast$|^qobject_cast$/.test(t.childForFieldName('name')?.text ?? ''));
    const castType = cast?.childForFieldName('arguments')?.namedChild(0)?.text;
    if (castType) return baseName(castType.replace(/[*&\s]|const/g, '').replace(/<.*$/s, ''));
    const type = d.childForFieldName('type');
    if (!type || type.type === 'placeholder_type_specifier') return null;
    return baseName(type.text.replace(/<.*$/s, '').replace(/\s+/g, ''));
  }
  return null;
}

/**
 * Why a recursive call is the input's to steer, or null when nothing ties it to the input: a call through a member
 * link (`m_link->draw(p)`: a reference the document set), through a local explicitly of this class or of the kind
 * a child list holds (`Gradient *target = lookup(id)`, `for (Node *child : m_children)`) — not the parent chain of
 * a tree the program built, nor an object the function made, nor an `auto` value of unknown class (delegation to
 * another class's same-named method); a direct call on what a free function decoded or parsed (`load(inflate(&b))`)
 * or on a value read from input; or any of these in a function on the file's input path (a parser re-entering
 * itself as data arrives, or walking the tree it built from what it read). A direct call on the function's own
 * data made smaller (`pads.subspan(1)`, `node->firstChild()`), a literal or nothing, away from input: low.
 */
function steeredByInput(call: SyntaxNode, body: SyntaxNode, owner: string | null, declared: ReadonlySet<string>, onInputPath: boolean, root: SyntaxNode): string | null {
  const shape = callShape(call)!;
  const path = onInputPath ? 'it runs on the path that parses input' : null;
  if (shape.receiver && shape.receiver.text !== 'this') {
    const receiver = shape.receiver.text;
    if (TREE_PARENT_LINK.test(receiver)) return null;
    // `auto *child = new Tree(this); child->expand();`: an object the function made itself, not one the input named.
    const made = body.descendantsOfType('init_declarator').some((d) => d.childForFieldName('value')?.type === 'new_expression' &&
      d.childForFieldName('declarator')?.descendantsOfType('identifier').some((i) => i.text === receiver));
    if (made) return null;
    if (!declared.has(receiver)) return 'it follows a link the document sets';
    const cls = explicitClass(receiver, body);
    const inLoop = loopElements(call, body).has(receiver);
    if (cls !== null && (inLoop || (owner !== null && cls === baseName(owner)))) return inLoop ? 'it walks a child list the document built' : 'it follows a link the document names';
    return path;
  }
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
  const inputs = inputNames(root);
  for (const a of args) {
    if (a.type === 'call_expression' && a.childForFieldName('function')?.type !== 'field_expression') return 'its argument is data a call decoded';
    if (readsInput(a) || [a, ...a.descendantsOfType('identifier')].some((n) => n.type === 'identifier' && inputs.has(n))) return 'its argument is read from input';
  }
  return path;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'unbounded-recursion',
    cwe: 674,
    severity: 'medium',
    confidence: 'low',
    languages: ['cpp'],
    messages: {
      direct: {
        text: '`{fn}` calls itself (`{call}`) with no depth limit or re-entrancy guard: input that makes it recurse without end (or very deep) overflows the stack',
        fix: 'Turn the recursion into a loop, or bound it: pass a depth and stop at a limit, or keep a flag/visited set that stops re-entry into `{fn}`',
      },
      link: {
        text: '`{fn}` calls `{call}` on another object of its kind, following a link or child with no depth limit or visited set: a reference cycle or very deep nesting in the input recurses until the stack overflows',
        fix: 'Track the objects being visited (a QSet of visited nodes, or a flag set while inside `{fn}`) and stop on a cycle; bound the depth for deep nesting',
      },
      wrapper: {
        text: '`{fn}` calls `{call}` on another object of its kind, a wrapper that reaches `{fn}` again on it, following a link or child with no depth limit or visited set: a reference cycle or very deep nesting in the input recurses until the stack overflows',
        fix: 'Track the objects being visited (a QSet of visited nodes, or a flag set while inside `{fn}`) and stop on a cycle; bound the depth for deep nesting',
      },
    },
    docs: {
      summary: 'Recursion into the same function (directly or through a linked object) with no depth limit or cycle check',
      why: 'Parsers and renderers of documents often recurse along references that the document controls (an SVG <use> or gradient href, a child list, a nested packet). Without a visited set or a depth limit, a document that references itself, or nests a few hundred thousand levels deep, recurses until the stack overflows and the process crashes (CWE-674, a denial of service). A finding is medium confidence when the input steers the recursion — a member link or a same-class object the document names, a typed child list, what a call decoded (`load(inflate(&buffer))`), a value read from input, or a function on the file\'s input path (a parser re-entering itself as data arrives); low (shown with `--min-confidence low`) when nothing ties it to the input, such as a parent chain, an object the function made, or its own data made smaller.',
      example: 'void Gradient::resolveStops()\n{\n    Gradient *link = document()->gradient(m_link);\n    if (link)\n        link->resolveStops();\n    m_stops = link ? link->m_stops : m_stops;\n}\n',
      useInstead: 'void Gradient::resolveStops(QSet<Gradient *> &visited)\n{\n    Gradient *link = document()->gradient(m_link);\n    if (link && !visited.contains(link)) {\n        visited.insert(link);\n        link->resolveStops(visited);\n    }\n}\n',
      fix: 'Keep the set of objects on the current path (or a re-entrancy flag) and stop when one comes round again; limit the nesting depth for input that is merely deep; or replace the recursion by a loop with an explicit stack.',
      references: ['https://cwe.mitre.org/data/definitions/674.html', 'https://wiki.sei.cmu.edu/confluence/display/c/MEM05-C.+Avoid+large+stack+allocations'],
    },
  },
  create(ctx) {
    let returns: Map<string, string> | undefined;
    let inputPath: Set<string> | undefined;
    // Return types of the functions defined in this file, by plain name (a name defined twice is left out).
    const returnTypes = (): Map<string, string> => {
      if (returns) return returns;
      returns = new Map();
      const twice = new Set<string>();
      for (const f of ctx.model.root.descendantsOfType('function_definition')) {
        const name = functionName(f);
        const type = declaredType(f);
        if (!name || !type) continue;
        if (returns.has(name)) twice.add(name);
        returns.set(name, type);
      }
      for (const name of twice) returns.delete(name);
      return returns;
    };
    return {
      function_definition(fn) {
        const name = functionName(fn);
        if (!name) return;
        const base = baseName(name);
        // Destructors and operators recurse by design through members of their type; nothing reads a link there.
        if (base.startsWith('~') || base.startsWith('operator')) return;
        const body = fn.childForFieldName('body');
        if (!body) return;
        const [min, max] = arity(fn);
        const owner = className(name);
        // Overloads of the same name in this file: a call may be to another of them, which arity cannot tell.
        const defined = ctx.model.root.descendantsOfType('function_definition').filter((f) => { const other = functionName(f); return other !== null && baseName(other) === base; });
        // A declaration with this function's own parameter types is this function declared; one with others is an
        // overload defined elsewhere (`QSize rotated(QSize, int);` beside `inline QSize rotated(QSize, Rotation)`).
        const ownTypes = parameterTypes(fn).join(',');
        const overloads = [...defined, ...declaredOverloads(ctx.model.root, base).filter((d) => parameterTypes(d).join(',') !== ownTypes)];
        if (hasUndeducibleTemplateParameter(fn)) return;
        const declared = new Set(body.descendantsOfType(['declaration', 'for_range_loop']).flatMap((d) => [...d.descendantsOfType('identifier')].map((i) => i.text)));
        for (const p of fn.descendantsOfType('parameter_declaration')) for (const i of p.descendantsOfType('identifier')) declared.add(i.text);
        const declaredTypes = new Map<string, string>();
        for (const d of fn.descendantsOfType(['declaration', 'parameter_declaration'])) {
          const typeName = typeOfDeclaration(d);
          if (!typeName) continue;
          for (const i of d.descendantsOfType('identifier')) declaredTypes.set(i.text, typeName);
        }
        // Variables of the file (`GstBaseSinkClass *parent_class;`) where the function declares none of that name.
        for (const d of namespaceDeclarations(ctx.model.root)) {
          const typeName = typeOfDeclaration(d);
          if (!typeName) continue;
          for (const i of declaredIdentifiers(d)) if (!declaredTypes.has(i)) declaredTypes.set(i, typeName);
        }
        const localTypes = new Map<string, string>();
        for (const d of fn.descendantsOfType(['declaration', 'parameter_declaration'])) {
          let n = d.childForFieldName('declarator');
          while (n && n.type !== 'identifier') n = n.childForFieldName('declarator');
          const name = n?.text;
          const type = declaredType(d);
          if (name && type) localTypes.set(name, type);
        }
        const calls = body.descendantsOfType('call_expression').filter((call) => {
          // A call in a lambda runs when the lambda is called (a slot, a stored callback), not within this call.
          for (let n = call.parent; n && n.id !== body.id; n = n.parent) if (n.type === 'lambda_expression') return false;
          // `SLOT(handleData())`, `SIGNAL(done())`: Qt's macros turn the signature into a string; nothing is called.
          for (let n = call.parent; n && n.id !== body.id; n = n.parent) if (n.type === 'call_expression' && /^(?:SLOT|SIGNAL|Q_SLOT|Q_SIGNAL)$/.test(n.childForFieldName('function')?.text ?? '')) return false;
          const shape = callShape(call);
          if (!shape) return false;
          const wrapper = shape.receiver !== null && shape.receiver.text !== 'this' && wraps(shape.name, base);
          if (shape.name !== base && !wrapper) return false;
          const callee = call.childForFieldName('function')!;
          // `QIODevice::open(mode)` inside `Device::open`: the base class's method, not this one.
          if (callee.type === 'qualified_identifier' && className(callee.text.replace(/\s+/g, '')) !== owner) return false;
          if (shape.receiver && shape.receiver.text === 'this') return true;
          if (shape.receiver) {
            // A free function is never called through an object.
            if (!owner) return false;
            // Links are plain names: a local, a parameter, or a member named as one (`m_link`, `child`); chains
            // (`xml->device()->open`) and the pimpl (`d->render()`) are delegation to another class.
            if (shape.receiver.type !== 'identifier' || /^[dq]$|^[dq]_ptr$/.test(shape.receiver.text)) return false;
            // Links are pointers (`link->resolve()`); `icon.availableSizes()` is a value of some other class.
            if (callee.child(1)?.text !== '->') return false;
            if (!declared.has(shape.receiver.text) && !LINK_NAMES.test(shape.receiver.text)) return false;
            // A receiver declared with another class (`QSvgFeMergeNode *filter` in QSvgFeMerge::apply) calls that
            // class's method of the same name, not this one.
            const type = declaredTypes.get(shape.receiver.text);
            if (type && owner && type !== baseName(owner)) return false;
          } else if (overloads.length > 1 && !callsThisOverload(call, fn, overloads, localTypes, returnTypes())) return false;
          const count = call.childForFieldName('arguments')?.namedChildren.filter((a) => a?.type !== 'comment').length ?? 0;
          return count >= min && count <= max;
        });
        if (calls.length === 0 || hasGuard(fn)) return;
        const onInputPath = (inputPath ??= functionsOnInputPath(ctx.model.root, (f) => { const n = functionName(f); return n ? baseName(n) : null; })).has(base);
        for (const call of calls) {
          const shape = callShape(call)!;
          // Medium when the input steers the recursion; low when it is bounded by the program's own structure.
          const steered = steeredByInput(call, body, owner, declared, onInputPath, ctx.model.root);
          const viaLink = shape.receiver !== null && shape.receiver.text !== 'this';
          ctx.report({
            node: call,
            messageId: !viaLink ? 'direct' : shape.name === base ? 'link' : 'wrapper',
            data: { fn: name, call: call.text.split('\n')[0]!.slice(0, 80) },
            confidence: steered ? 'medium' : 'low',
            evidence: [{ node: functionNameNode(fn) ?? fn, message: steered ? `${name} is defined here; ${steered}` : `${name} is defined here` }],
          });
        }
      },
    };
  },
});
