// CWE-457: a constructor that leaves a scalar or pointer member without a value — no default member initialiser, not
// in the mem-initialiser list, not assigned in the body nor by a method of the class the body calls — while code of
// the class reads that member. Built-in types are not initialised by default, so the read sees whatever the memory
// held. The class may be declared here or in another reviewed file (a header: the project facts, index/cpp/); only
// classes whose every constructor this file defines are judged (a constructor elsewhere may initialise everything); members of class type initialise themselves; `= default` constructors, delegating constructors, copy
// and move constructors, and constructors that memset the object or call a method this file does not define are left
// alone.
import type { CppClassFact } from '../../../index/cpp/classFacts.js';
import type { CppProjectView } from '../../../index/cpp/view.js';
import { declaredClasses, qualifierNames, type DeclaredClass, type MemberShape } from '../../../languages/cpp/classes.js';
import { baseName, callShape, className, functionName, functionNameNode } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

/** Calls that write a whole object at once: a constructor calling one is taken to initialise every member. */
const WHOLE_OBJECT_WRITES = new Set(['memset', 'qMemSet', 'memcpy', 'bzero', 'fill', 'fill_n', 'ZeroMemory']);

/**
 * A class as the rule judges it: declared in this file (`node` its specifier, `memberNodes` the declarations), or in
 * another file of the project (`declaredIn`, from the project facts; its methods can only be out of line here).
 */
interface ClassInfo {
  name: string; path: string; node: SyntaxNode | null; members: MemberShape[]; allMembers: readonly string[]; methods: ReadonlySet<string>; hidden: ReadonlySet<string>; ctorsDeclared: number; defaulted: boolean;
  memberNodes: ReadonlyMap<string, SyntaxNode>; declaredIn?: string;
}

/** The class a qualified name names a member of, without its own qualifier (`A::B::f` → `B`). */
const owner = (name: string): string | null => { const c = className(name); return c === null ? null : baseName(c); };

/** The members a constructor must give a value: scalars and pointers without a default member initialiser. */
const mustSet = (members: readonly MemberShape[]): MemberShape[] => members.filter((m) => !m.initialised && (m.scalar || m.pointer));

function localClass(c: DeclaredClass): ClassInfo {
  const { shape } = c;
  return {
    name: baseName(shape.path), path: shape.path, node: c.node, members: mustSet(shape.members), allMembers: shape.members.map((m) => m.name), methods: new Set(shape.methods), hidden: new Set(shape.hidden ?? []),
    ctorsDeclared: shape.ctors, defaulted: shape.defaulted, memberNodes: c.memberNodes,
  };
}

function remoteClass(c: CppClassFact): ClassInfo {
  return {
    name: baseName(c.path), path: c.path, node: null, members: mustSet(c.members), allMembers: c.members.map((m) => m.name), methods: new Set(c.methods), hidden: new Set(c.hidden ?? []),
    ctorsDeclared: c.ctors, defaulted: c.defaulted, memberNodes: new Map(), declaredIn: c.file,
  };
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
 * Whether `id` is handed to a call by address (`glCreateObjects(1, &m_id)`, `read(fd, &this->m_header, n)`): an
 * out-parameter the callee fills, not a read of the old value.
 */
function isAddressArgument(id: SyntaxNode): boolean {
  const target = id.parent?.type === 'field_expression' ? id.parent : id;
  const p = target.parent;
  return p?.type === 'pointer_expression' && p.child(0)?.text === '&' && p.parent?.type === 'argument_list';
}

/** Whether an expression mentions one of `names` as a member (`m_x`, `this->m_x`, `d->m_x`). */
function mentions(expr: SyntaxNode, names: ReadonlySet<string>): boolean {
  for (const id of [expr, ...expr.descendantsOfType(['identifier', 'field_identifier'])]) {
    if (id.type !== 'identifier' && id.type !== 'field_identifier') continue;
    if (!names.has(id.text)) continue;
    if (id.type === 'identifier' || id.parent?.type !== 'field_expression') return true;
    const object = id.parent.childForFieldName('argument');
    if (object?.type === 'this' || object?.text === 'd') return true;
  }
  return false;
}

/**
 * Whether a read only runs when a test of another member passes (`if (m_area) munmap(m_area, m_size)`, `m_ready &&
 * m_value`): the members in `guards` hold a defined value from the constructor, so the test tells whether the code
 * that sets this one ran (the lazy-setup pattern), and the read does not meet the missing value.
 */
function guarded(read: SyntaxNode, fn: SyntaxNode, guards: ReadonlySet<string>): boolean {
  for (let n: SyntaxNode = read, p = read.parent; p && n.id !== fn.id; n = p, p = p.parent) {
    const condition = p.type === 'if_statement' || p.type === 'while_statement' || p.type === 'conditional_expression' ? p.childForFieldName('condition')
      : p.type === 'binary_expression' && p.child(1)?.text === '&&' && p.childForFieldName('right')?.id === n.id ? p.childForFieldName('left') : null;
    if (condition && condition.id !== n.id && mentions(condition, guards)) return true;
  }
  return false;
}

/**
 * The reads of a member outside the constructors: in a method of the class, or through `this->`/`d->` (`d` in a
 * method of the public class of `<Class>Private`, Qt's Q_D convention). A read that follows a plain write to the
 * member in the same function (gtest's SetUp, an init method), or its address handed to a call that fills it, sees
 * that value and is skipped, and so is a read guarded by a test of a member in `guards` (see guarded).
 */
function readsOf(root: SyntaxNode, cls: ClassInfo, member: string, ctors: ReadonlySet<number>, guards: ReadonlySet<string>): SyntaxNode[] {
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
    if (isPlainWrite(id) || isAddressArgument(id)) {
      if (!writtenFrom.has(fn.id)) writtenFrom.set(fn.id, id.startIndex);
      continue;
    }
    const written = writtenFrom.get(fn.id);
    if (written !== undefined && written < id.startIndex) continue;
    if (guarded(id, fn, guards)) continue;
    out.push(id);
  }
  return out.filter((id) => !onlyCalledAfterWrite(root, cls, enclosingDefinition(id)!, writtenFrom));
}

/**
 * Whether a method only runs after the member was set: every call to it in this file is in a method of the class
 * that writes the member first (`Init()` assigns the count, then calls the private `InitializeAmbisonics()` that
 * reads it). Only a private or protected method: a public one, one called from nowhere here, or from a constructor,
 * may run first and is not excused.
 */
function onlyCalledAfterWrite(root: SyntaxNode, cls: ClassInfo, fn: SyntaxNode, writtenFrom: ReadonlyMap<number, number>): boolean {
  const name = functionName(fn);
  if (!name || /(?:^|::)~/.test(name)) return false;
  const short = baseName(name);
  // A public method may be called from outside the file before any set-up.
  if (!cls.hidden.has(short)) return false;
  // Unqualified or `this->` calls from the class's own methods (another class may have a method of that name).
  const calls = root.descendantsOfType('call_expression').filter((c) => {
    const shape = callShape(c);
    const caller = enclosingDefinition(c);
    return shape?.name === short && (!shape.receiver || shape.receiver.type === 'this') && caller !== null && belongsTo(caller, cls);
  });
  if (calls.length === 0) return false;
  return calls.every((c) => {
    const caller = enclosingDefinition(c)!;
    const written = writtenFrom.get(caller.id);
    return caller.id !== fn.id && written !== undefined && written < c.startIndex;
  });
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

/**
 * Whether a function definition is a method of this class: an inline one by the class body it sits in, an
 * out-of-line one by its qualifier ending in the class's nesting path — so generated code with a `Resource` class
 * nested in every interface class keeps each apart.
 */
function belongsTo(fn: SyntaxNode, cls: ClassInfo): boolean {
  const inline = inlineClass(fn);
  if (inline) return inline.id === cls.node?.id;
  const name = functionName(fn);
  const qualifier = name ? className(name) : null;
  return qualifier !== null && qualifierNames(qualifier, cls.path);
}

/** The classes to judge: those this file declares, then those another file declares whose methods this file defines. */
function classesToJudge(root: SyntaxNode, definitions: readonly SyntaxNode[], project: CppProjectView): ClassInfo[] {
  const out = declaredClasses(root).map(localClass);
  const seen = new Set<string>();
  for (const fn of definitions) {
    const name = functionName(fn);
    const q = name ? className(name) : null;
    if (!q || seen.has(q) || inlineClass(fn)) continue;
    seen.add(q);
    const remote = project.classDeclaredElsewhere(q);
    if (remote) out.push(remoteClass(remote));
  }
  return out;
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
    usesProject: true,
    messages: {
      uninitialised: {
        text: 'the constructor `{ctor}` leaves `{member}` ({kind}, declared without a default initialiser at {where}) without a value, and `{reader}` reads it (line {line}): the read sees whatever the memory held',
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
        const definitions = root.descendantsOfType('function_definition');
        for (const cls of classesToJudge(root, definitions, ctx.project)) {
          if (cls.members.length === 0 || cls.ctorsDeclared === 0 || cls.defaulted) continue;
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
            const unset = new Set(cls.members.filter((m) => !initialised.has(m.name) && !set.has(m.name)).map((m) => m.name));
            for (const member of cls.members) {
              if (!unset.has(member.name)) continue;
              const guards = new Set(cls.allMembers.filter((m) => !unset.has(m)));
              const reads = readsOf(root, cls, member.name, ctorIds, guards);
              // A destructor runs for every object a constructor made, so its read meets the missing value whatever
              // else the program calls; a read in another method may always follow an init method's write (the
              // Qt trees showed begin()/init() doing so), which this file-local view cannot order: low confidence.
              const inDestructor = reads.find((r) => /(?:^|::)~/.test(functionName(enclosingDefinition(r)!) ?? ''));
              const read = inDestructor ?? reads[0];
              if (!read) continue;
              const readerFn = enclosingDefinition(read);
              const decl = cls.memberNodes.get(member.name);
              const where = cls.declaredIn ? `${cls.declaredIn}:${member.line}` : `line ${member.line}`;
              ctx.report({
                node: functionNameNode(ctor) ?? ctor,
                messageId: 'uninitialised',
                confidence: inDestructor ? 'medium' : 'low',
                data: {
                  ctor: functionName(ctor) ?? cls.name, member: member.name, kind: member.pointer ? 'a pointer' : member.type, where,
                  reader: (readerFn && functionName(readerFn)) ?? 'a method', line: read.startPosition.row + 1, zero: member.pointer ? 'nullptr' : '0',
                },
                evidence: [
                  ...(decl ? [{ node: decl, message: `${member.name} is declared without an initialiser` }] : []),
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
