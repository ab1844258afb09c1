// Makes repeated reads of web-tree-sitter node properties cheap: every read of `type`, `text`, `parent`, a field
// child or the children crosses into wasm and allocates a fresh Node, and rules ask the same questions of the same
// nodes many times. Answers are memoised per tree by node id (unique within a tree) and nodes are canonicalised, so
// the library's own per-object caches of `children`/`namedChildren` are shared. Results are unchanged: a tree is
// never edited after parsing, so every memoised answer stays true for the tree's life. Installed by worker.ts.
import { Node, TreeCursor, type Tree } from 'web-tree-sitter';

/**
 * Memo slots added to canonical nodes, all at once and in one order so that V8 keeps a single object shape.
 * `undefined` means not yet read; `null` is a remembered "none".
 */
interface Slots {
  __memo: true;
  __type: string | undefined;
  __text: string | undefined;
  __end: number | undefined;
  __parent: Node | null | undefined;
  /** Field children by field id. */
  __fields: Array<Node | null | undefined> | undefined;
}
type MemoNode = Node & Slots;

/**
 * Canonical nodes remembered per tree. Each costs ~250 bytes with its memo slots and cached child arrays; most
 * repeated reads are of nearby nodes, so 50,000 (~12 MB per thread) keeps nearly all the gain on large modules,
 * where older nodes are forgotten and re-read on demand.
 */
const MAX_CANONICAL_NODES = 50_000;
const canonicalById = new WeakMap<Tree, Map<number, MemoNode>>();
let lastTree: Tree | undefined;
let lastNodes: Map<number, MemoNode> | undefined;

function canonical(node: Node): MemoNode {
  if ((node as Partial<Slots>).__memo) return node as MemoNode;
  const tree = node.tree;
  let nodes = tree === lastTree ? lastNodes! : canonicalById.get(tree);
  if (!nodes) {
    nodes = new Map();
    canonicalById.set(tree, nodes);
  }
  lastTree = tree;
  lastNodes = nodes;
  const known = nodes.get(node.id);
  if (known) return known;
  // Forgetting bounds memory on huge files; nodes already canonical keep their (still true) answers.
  if (nodes.size >= MAX_CANONICAL_NODES) nodes.clear();
  const fresh = node as MemoNode;
  fresh.__memo = true;
  fresh.__type = undefined;
  fresh.__text = undefined;
  fresh.__end = undefined;
  fresh.__parent = undefined;
  fresh.__fields = undefined;
  nodes.set(node.id, fresh);
  return fresh;
}

/** Drops the memo of a tree whose analysis is over, so its nodes are freed without waiting for a full GC. */
export function releaseTree(tree: Tree): void {
  canonicalById.delete(tree);
  if (lastTree === tree) {
    lastTree = undefined;
    lastNodes = undefined;
  }
}

function canonicalOrNull(node: Node | null): Node | null {
  return node ? canonical(node) : null;
}

function canonicalList(list: Array<Node | null>): Array<Node | null> {
  for (let i = 0; i < list.length; i++) {
    const n = list[i];
    if (n) list[i] = canonical(n);
  }
  return list;
}

type Getter<T> = (this: Node) => T;

function getterOf<T>(proto: object, name: string): Getter<T> {
  const descriptor = Object.getOwnPropertyDescriptor(proto, name);
  if (!descriptor?.get) throw new Error(`web-tree-sitter has no '${name}' getter; the node memo needs updating`);
  return descriptor.get as Getter<T>;
}

let installed = false;

/** Patches web-tree-sitter's Node and TreeCursor once per thread; idempotent. */
export function installNodeMemo(): void {
  if (installed) return;
  installed = true;
  const proto = Node.prototype as unknown as Record<string, unknown>;
  const type = getterOf<string>(proto, 'type');
  const endIndex = getterOf<number>(proto, 'endIndex');
  const text = getterOf<string>(proto, 'text');
  const parent = getterOf<Node | null>(proto, 'parent');
  const children = getterOf<Array<Node | null>>(proto, 'children');
  const namedChildren = getterOf<Array<Node | null>>(proto, 'namedChildren');
  const childForFieldId = proto.childForFieldId as (this: Node, id: number) => Node | null;
  const currentNode = getterOf<Node>(TreeCursor.prototype, 'currentNode') as unknown as (this: TreeCursor) => Node;
  const define = (name: string, get: (this: Node) => unknown): void => {
    Object.defineProperty(proto, name, { configurable: true, get });
  };

  define('type', function () {
    const self = canonical(this);
    return self.__type ??= type.call(self);
  });
  define('endIndex', function () {
    const self = canonical(this);
    return self.__end ??= endIndex.call(self);
  });
  define('text', function () {
    const self = canonical(this);
    return self.__text ??= text.call(self);
  });
  define('parent', function () {
    const self = canonical(this);
    if (self.__parent === undefined) self.__parent = canonicalOrNull(parent.call(self));
    return self.__parent;
  });
  // The library caches these arrays on the object; with canonical nodes that cache serves every later reader.
  define('children', function () {
    const self = canonical(this) as MemoNode & { _children?: Array<Node | null> };
    return self._children ?? canonicalList(children.call(self));
  });
  define('namedChildren', function () {
    const self = canonical(this) as MemoNode & { _namedChildren?: Array<Node | null> };
    return self._namedChildren ?? canonicalList(namedChildren.call(self));
  });
  proto.childForFieldId = function (this: Node, fieldId: number): Node | null {
    const self = canonical(this);
    const fields = self.__fields ??= [];
    let child = fields[fieldId];
    if (child === undefined) fields[fieldId] = child = canonicalOrNull(childForFieldId.call(self, fieldId));
    return child;
  };
  Object.defineProperty(TreeCursor.prototype, 'currentNode', {
    configurable: true,
    get(this: TreeCursor): Node {
      return canonical(currentNode.call(this));
    },
  });
}
