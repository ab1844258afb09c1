// What a class body declares, as rules and the project facts need it: its data members (type, pointer or not, built-in
// scalar or not, with or without a default member initialiser), how many constructors it declares, whether one is
// `= default`, and the other methods it declares. Plain data (ClassShape) so that a header's classes can travel to the
// files that define their constructors (index/cpp/). Static members, arrays and references are left out: no
// constructor is expected to set them.
import { NARROW_INTEGER_TYPES, OTHER_SCALAR_TYPES, WIDE_ARITHMETIC_TYPES } from '../../models/cpp/types.js';
import type { SyntaxNode } from '../syntaxTree.js';
import { baseName } from './syntax.js';

export interface MemberShape {
  name: string;
  /** The declared type as written, spaces collapsed (`QWaylandXdgShellV5`, `unsigned int`). */
  type: string;
  pointer: boolean;
  /** A built-in arithmetic type or an enum this file declares: no value until something gives it one. */
  scalar: boolean;
  /** It has a default member initialiser (`= 0`, `{}`). */
  initialised: boolean;
  /** 1-based line of its declaration. */
  line: number;
}

export interface ClassShape {
  /** The class's name with the classes it is nested in (`xdg_shell::Resource`); namespaces are not part of it. */
  path: string;
  line: number;
  members: MemberShape[];
  /** Constructors the body declares (inline definitions included). */
  ctors: number;
  /** A constructor is `= default`. */
  defaulted: boolean;
  /** Names of the other methods it declares, sorted. */
  methods: string[];
  /** Those of them declared private or protected (only the class and its heirs call them); absent in older facts. */
  hidden?: string[];
}

/** A class declared in this file: its shape and the nodes rules point at. */
export interface DeclaredClass { shape: ClassShape; node: SyntaxNode; memberNodes: Map<string, SyntaxNode> }

/** The name a member declarator declares, and whether it is a pointer; null for arrays, references and functions. */
export function memberDeclarator(d: SyntaxNode): { name: string; pointer: boolean } | null {
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

/** A class's name with the classes it is nested in (`xdg_shell::Resource`). */
export function classPath(cls: SyntaxNode): string {
  const names: string[] = [];
  for (let n: SyntaxNode | null = cls; n; n = n.parent) {
    if (n.type === 'class_specifier' || n.type === 'struct_specifier') names.unshift(n.childForFieldName('name')?.text ?? '?');
  }
  return names.join('::');
}

/** The names of the enums a file declares (their values are scalars a constructor must set). */
export function declaredEnums(root: SyntaxNode): Set<string> {
  return new Set(root.descendantsOfType('enum_specifier').map((e) => e.childForFieldName('name')?.text).filter((n): n is string => !!n));
}

function classOf(cls: SyntaxNode, enums: ReadonlySet<string>): DeclaredClass | null {
  const name = cls.childForFieldName('name')?.text;
  const body = cls.childForFieldName('body');
  if (!name || !body) return null;
  const own = baseName(name);
  const shape: ClassShape = { path: classPath(cls), line: cls.startPosition.row + 1, members: [], ctors: 0, defaulted: false, methods: [] };
  const memberNodes = new Map<string, SyntaxNode>();
  const methods = new Set<string>();
  const hidden = new Set<string>();
  let access = cls.type === 'struct_specifier' ? 'public' : 'private';
  for (const item of body.namedChildren) {
    if (item.type === 'access_specifier') {
      access = item.text.trim();
      continue;
    }
    const fnDecl = item.descendantsOfType('function_declarator').find((f) => f.parent === item || f.parent?.parent === item);
    if (fnDecl) {
      const declared = fnDecl.childForFieldName('declarator')?.text ?? '';
      if (declared === own) {
        shape.ctors++;
        if (item.children.some((c) => c.type === 'default_method_clause')) shape.defaulted = true;
      } else {
        methods.add(declared);
        if (access !== 'public') hidden.add(declared);
      }
      continue;
    }
    if (item.type !== 'field_declaration') continue;
    if (item.children.some((c) => c.type === 'storage_class_specifier')) continue;
    const type = item.childForFieldName('type');
    if (!type) continue;
    const initialised = item.children.some((c) => c.type === 'initializer_list') || item.childForFieldName('default_value') !== null;
    for (const d of item.childrenForFieldName('declarator')) {
      const m = memberDeclarator(d);
      if (!m) continue;
      shape.members.push({ name: m.name, type: type.text.replace(/\s+/g, ' '), pointer: m.pointer, scalar: isScalarType(type, enums), initialised, line: item.startPosition.row + 1 });
      memberNodes.set(m.name, item);
    }
  }
  shape.methods = [...methods].sort();
  shape.hidden = [...hidden].sort();
  return { shape, node: cls, memberNodes };
}

/** Every class and struct with a body in the file, in source order. */
export function declaredClasses(root: SyntaxNode): DeclaredClass[] {
  const enums = declaredEnums(root);
  const out: DeclaredClass[] = [];
  for (const node of root.descendantsOfType(['class_specifier', 'struct_specifier'])) {
    const c = classOf(node, enums);
    if (c) out.push(c);
  }
  return out;
}

/** Whether a qualifier (`QtWaylandClient::Foo`, `Foo`) names the class at `path` (`Foo`), namespaces aside. */
export function qualifierNames(qualifier: string, path: string): boolean {
  return qualifier === path || qualifier.endsWith(`::${path}`);
}
