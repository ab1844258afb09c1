// CWE-457: a constructor that leaves a scalar or pointer member without a value — no default member initialiser, not
// in the mem-initialiser list, not assigned in the body nor by a method of the class the body calls — while code of
// the class reads that member. Built-in types are not initialised by default, so the read sees whatever the memory
// held. Only classes whose every constructor this file defines are judged (a constructor elsewhere may initialise
// everything); members of class type initialise themselves; `= default` constructors, delegating constructors, copy
// and move constructors, and constructors that memset the object or call a method this file does not define are left
// alone.
import { baseName, callShape, className, functionName, functionNameNode } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { NARROW_INTEGER_TYPES, OTHER_SCALAR_TYPES, WIDE_ARITHMETIC_TYPES } from '../../../models/cpp/types.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

/** Calls that write a whole object at once: a constructor calling one is taken to initialise every member. */
const WHOLE_OBJECT_WRITES = new Set(['memset', 'qMemSet', 'memcpy', 'bzero', 'fill', 'fill_n', 'ZeroMemory']);

interface Member { name: string; decl: SyntaxNode }
interface ClassInfo { name: string; node: SyntaxNode; members: Member[]; methods: Set<string>; ctorsDeclared: number; defaulted: boolean }

/** The class a qualified name names a member of, without its own qualifier (`A::B::f` → `B`). */
const owner = (name: string): string | null => { const c = className(name); return c === null ? null : baseName(c); };

/** The name a member declarator declares, and whether it is a pointer; null for arrays, references and functions. */
function memberDeclarator(d: SyntaxNode): { name: string; pointer: boolean } | null {
  if (d.type === 'field_identifier') return { name: d.text, pointer: false };
  if (d.type === 'pointer_declarator') {
    let inner: SyntaxNode | null = d;
    while (inner?.type === 'pointer_declarator') inner = inner.childForFieldName('declarator');
    return inner?.type === 'field_identifier' ? { name: inner.text, pointer: true } : null;
  }
  return null;
}

function isScalarType(type: SyntaxNode, enums: ReadonlySet<string>): boolean {
  if (type.type === 'primitive_type') return type.text !== 'void';
  if (type.type === 'sized_type_specifier') return true;
  const t = type.text.replace(/\s+/g, ' ');
  return NARROW_INTEGER_TYPES.has(t) || WIDE_ARITHMETIC_TYPES.has(t) || OTHER_SCALAR_TYPES.has(t) || enums.has(baseName(t));
}

function classInfo(cls: SyntaxNode, enums: ReadonlySet<string>): ClassInfo | null {
  const name = cls.childForFieldName('name')?.text;
  const body = cls.childForFieldName('body');
  if (!name || !body) return null;
  const info: ClassInfo = { name: baseName(name), node: cls, members: [], methods: new Set(), ctorsDeclared: 0, defaulted: false };
  for (const item of body.namedChildren) {
    const fnDecl = item.descendantsOfType('function_declarator').find((f) => f.parent === item || f.parent?.parent === item);
    if (fnDecl) {
      const declared = fnDecl.childForFieldName('declarator')?.text ?? '';
      if (declared === info.name) {
        info.ctorsDeclared++;
        if (item.children.some((c) => c.type === 'default_method_clause')) info.defaulted = true;
      } else info.methods.add(declared);
      continue;
    }
    if (item.type !== 'field_declaration') continue;
    if (item.children.some((c) => c.type === 'storage_class_specifier' || c.type === 'initializer_list') || item.childForFieldName('default_value')) continue;
    const type = item.childForFieldName('type');
    if (!type) continue;
    for (const d of item.childrenForFieldName('declarator')) {
      const m = memberDeclarator(d);
      if (m && (m.pointer || isScalarType(type, enums))) info.members.push({ name: m.name, decl: item });
    }
  }
  return info;
}

/** The member a write targets: `m_x = …`, `this->m_x = …`, `m_x[i] = …`. */
function writtenMember(lhs: SyntaxNode): string | null {
  let n: SyntaxNode | null = lhs;
  while (n?.type === 'subscript_expression' || n?.type === 'parenthesized_expression') n = n.type === 'subscript_expression' ? n.childForFieldName('argument') : n.namedChild(0);
  if (n?.type === 'identifier') return n.text;
  if (n?.type === 'field_expression' && n.childForFieldName('argument')?.type === 'this') return n.childForFieldName('field')?.text ?? null;
  return null;
}

/**
 * What a constructor (or a method it calls) sets: assigned members, members whose address is taken or that are
 * passed to a call (a reference out-parameter), and, through calls to methods this file defines, what those set.
 * Null when it writes the whole object or calls a method of the class this file does not define.
 */
function setBy(fn: SyntaxNode, cls: ClassInfo, methods: ReadonlyMap<string, SyntaxNode>, seen: Set<number>): Set<string> | null {
  const out = new Set<string>();
  if (seen.has(fn.id)) return out;
  seen.add(fn.id);
  for (const a of fn.descendantsOfType(['assignment_expression', 'update_expression'])) {
    const target = a.type === 'assignment_expression' ? a.childForFieldName('left') : a.childForFieldName('argument');
    const m = target && writtenMember(target);
    if (m) out.add(m);
    if (target?.type === 'pointer_expression' && target.namedChild(0)?.type === 'this') return null;
  }
  for (const call of fn.descendantsOfType('call_expression')) {
    const shape = callShape(call);
    if (!shape) continue;
    for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
      for (const id of [arg, ...arg.descendantsOfType(['identifier', 'field_identifier'])]) out.add(id.text);
      if (arg.type === 'this') return null;
    }
    if (WHOLE_OBJECT_WRITES.has(shape.name)) return null;
    const onThis = !shape.receiver || shape.receiver.type === 'this';
    if (!onThis) continue;
    const def = methods.get(shape.name);
    if (def) {
      const inner = setBy(def, cls, methods, seen);
      if (!inner) return null;
      for (const m of inner) out.add(m);
    } else if (cls.methods.has(shape.name)) return null;
  }
  return out;
}

/** Whether `id` is the target of a plain `=` (`m = …`, `this->m = …`, `d->m = …`). */
function isPlainWrite(id: SyntaxNode): boolean {
  const target = id.parent?.type === 'field_expression' ? id.parent : id;
  const p = target.parent;
  return p?.type === 'assignment_expression' && p.childForFieldName('left')?.id === target.id && p.child(1)?.text === '=';
}

/**
 * The reads of a member outside the constructors: in a method of the class, or through `this->`/`d->` (`d` in a
 * method of the public class of `<Class>Private`, Qt's Q_D convention). A read that follows a plain write to the
 * member in the same function (gtest's SetUp, an init method) sees that value and is skipped.
 */
function readsOf(root: SyntaxNode, cls: ClassInfo, member: string, ctors: ReadonlySet<number>): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const writtenFrom = new Map<number, number>();
  for (const id of root.descendantsOfType(['identifier', 'field_identifier'])) {
    if (id.text !== member) continue;
    const fn = enclosingDefinition(id);
    if (!fn || ctors.has(fn.id)) continue;
    const ofClass = belongsTo(fn, cls);
    let mine = false;
    if (id.type === 'identifier') mine = ofClass;
    else if (id.parent?.type === 'field_expression') {
      const object = id.parent.childForFieldName('argument');
      mine = (object?.type === 'this' && ofClass) || (object?.text === 'd' && `${methodClass(fn) ?? ''}Private` === cls.name);
    }
    if (!mine) continue;
    if (isPlainWrite(id)) {
      if (!writtenFrom.has(fn.id)) writtenFrom.set(fn.id, id.startIndex);
      continue;
    }
    const written = writtenFrom.get(fn.id);
    if (written !== undefined && written < id.startIndex) continue;
    out.push(id);
  }
  return out;
}

function enclosingDefinition(node: SyntaxNode): SyntaxNode | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return null;
}

/** The class a function definition is a method of (`Foo::bar` → Foo, or the class an inline method sits in). */
function methodClass(fn: SyntaxNode): string | null {
  const name = functionName(fn);
  if (name && owner(name)) return owner(name);
  return inlineClass(fn)?.childForFieldName('name')?.text ?? null;
}

/** The class an inline method is defined in, or null for a definition outside any class body. */
function inlineClass(fn: SyntaxNode): SyntaxNode | null {
  for (let n = fn.parent; n; n = n.parent) if (n.type === 'class_specifier' || n.type === 'struct_specifier') return n;
  return null;
}

/** A class's name with the classes it is nested in (`xdg_shell::Resource`). */
function classPath(cls: SyntaxNode): string {
  const names: string[] = [];
  for (let n: SyntaxNode | null = cls; n; n = n.parent) {
    if (n.type === 'class_specifier' || n.type === 'struct_specifier') names.unshift(n.childForFieldName('name')?.text ?? '?');
  }
  return names.join('::');
}

/**
 * Whether a function definition is a method of this class: an inline one by the class body it sits in, an
 * out-of-line one by its qualifier ending in the class's nesting path — so generated code with a `Resource` class
 * nested in every interface class keeps each apart.
 */
function belongsTo(fn: SyntaxNode, cls: ClassInfo): boolean {
  const inline = inlineClass(fn);
  if (inline) return inline.id === cls.node.id;
  const name = functionName(fn);
  const i = name?.lastIndexOf('::') ?? -1;
  if (!name || i === -1) return false;
  const qualifier = name.slice(0, i);
  const path = classPath(cls.node);
  return qualifier === path || qualifier.endsWith(`::${path}`);
}

/** A copy or move constructor: one parameter whose type is the class itself. */
function isCopyOrMove(ctor: SyntaxNode, cls: string): boolean {
  const params = functionNameNode(ctor)?.parent?.childForFieldName('parameters')?.namedChildren ?? [];
  return params.length === 1 && params[0]!.childForFieldName('type')?.text === cls;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'member-left-uninitialised',
    cwe: 457,
    severity: 'medium',
    confidence: 'low',
    languages: ['cpp'],
    messages: {
      uninitialised: {
        text: 'the constructor `{ctor}` leaves `{member}` ({kind}, no default initialiser) without a value, and `{reader}` reads it (line {line}): the read sees whatever the memory held',
        fix: 'Give `{member}` a default member initialiser in the class (`{member} = {zero};`) or initialise it in every constructor',
      },
    },
    docs: {
      summary: 'Constructor leaves a scalar or pointer member uninitialised and the class reads it',
      why: 'Class: use of an uninitialised variable (CWE-457; CWE-824 for pointers; CERT EXP53-CPP "Do not read uninitialized memory"; cppcheck uninitMemberVar). Members of built-in type — integers, floating values, enums, pointers — get no value unless the class gives them one; a constructor that forgets one leaves the bytes the allocator returned. A later read makes decisions on garbage: an uninitialised pointer is dereferenced or freed, an uninitialised size or scale factor divides or indexes. Which value appears depends on heap history an attacker can shape. Real fixes: a Wayland compositor surface whose constructor listed its other pointers but not the shell pointer it unregisters from (qtwayland), an SVG font whose units-per-em was only set when a font-face element was present (qtsvg).',
      example: 'class Glyphs\n{\npublic:\n    Glyphs(qreal advance) : m_advance(advance) {}\n    qreal scale(qreal size) const { return size / m_unitsPerEm; }\nprivate:\n    qreal m_advance;\n    qreal m_unitsPerEm;\n};\n',
      useInstead: 'class Glyphs\n{\npublic:\n    Glyphs(qreal advance) : m_advance(advance) {}\n    qreal scale(qreal size) const { return size / m_unitsPerEm; }\nprivate:\n    qreal m_advance;\n    qreal m_unitsPerEm = 1000;\n};\n',
      fix: 'Give every scalar and pointer member a default member initialiser where it is declared (`Shell *m_shell = nullptr;`), so no constructor, present or future, can forget it.',
      references: [
        'https://cwe.mitre.org/data/definitions/457.html',
        'https://wiki.sei.cmu.edu/confluence/display/cplusplus/EXP53-CPP.+Do+not+read+uninitialized+memory',
        'https://cppcheck.sourceforge.io/',
      ],
    },
  },
  create(ctx) {
    return {
      translation_unit(root) {
        const enums = new Set(root.descendantsOfType('enum_specifier').map((e) => e.childForFieldName('name')?.text).filter((n): n is string => !!n));
        const definitions = root.descendantsOfType('function_definition');
        for (const node of root.descendantsOfType(['class_specifier', 'struct_specifier'])) {
          const cls = classInfo(node, enums);
          if (!cls || cls.members.length === 0 || cls.ctorsDeclared === 0 || cls.defaulted) continue;
          const ctors: SyntaxNode[] = [];
          const methods = new Map<string, SyntaxNode>();
          for (const fn of definitions) {
            if (!belongsTo(fn, cls)) continue;
            const name = functionName(fn);
            if (!name) continue;
            if (baseName(name) === cls.name) ctors.push(fn);
            else methods.set(baseName(name), fn);
          }
          // Every declared constructor must be visible here: one defined elsewhere may set what these do not.
          if (ctors.length < cls.ctorsDeclared) continue;
          const ctorIds = new Set(ctors.map((c) => c.id));
          for (const ctor of ctors) {
            if (ctor.children.some((c) => c.type === 'default_method_clause' || c.type === 'delete_method_clause') || isCopyOrMove(ctor, cls.name)) continue;
            const inits = ctor.children.find((c) => c.type === 'field_initializer_list')?.namedChildren ?? [];
            const initialised = new Set(inits.map((i) => i.namedChild(0)?.text ?? ''));
            if (initialised.has(cls.name)) continue; // delegating constructor
            const set = setBy(ctor, cls, methods, new Set());
            if (!set) continue;
            for (const member of cls.members) {
              if (initialised.has(member.name) || set.has(member.name)) continue;
              const reads = readsOf(root, cls, member.name, ctorIds);
              // A destructor runs for every object a constructor made, so its read meets the missing value whatever
              // else the program calls; a read in another method may always follow an init method's write (the
              // Qt trees showed begin()/init() doing so), which this file-local view cannot order: low confidence.
              const inDestructor = reads.find((r) => /(?:^|::)~/.test(functionName(enclosingDefinition(r)!) ?? ''));
              const read = inDestructor ?? reads[0];
              if (!read) continue;
              const readerFn = enclosingDefinition(read);
              const pointer = member.decl.childrenForFieldName('declarator').some((d) => d.type === 'pointer_declarator' && memberDeclarator(d)?.name === member.name);
              ctx.report({
                node: functionNameNode(ctor) ?? ctor,
                messageId: 'uninitialised',
                confidence: inDestructor ? 'medium' : 'low',
                data: {
                  ctor: functionName(ctor) ?? cls.name, member: member.name, kind: pointer ? 'a pointer' : member.decl.childForFieldName('type')?.text ?? 'scalar',
                  reader: (readerFn && functionName(readerFn)) ?? 'a method', line: read.startPosition.row + 1, zero: pointer ? 'nullptr' : '0',
                },
                evidence: [
                  { node: member.decl, message: `${member.name} is declared without an initialiser` },
                  { node: read, message: `${member.name} is read here` },
                ],
              });
            }
          }
        }
      },
    };
  },
});
