// Makes repeated reads of web-tree-sitter node properties cheap: every read of `type`, `text`, `parent`, a field
// child or the children crosses into wasm and allocates a fresh Node, and rules ask the same questions of the same
// nodes many times. Answers are memoised per tree by node id (unique within a tree) and nodes are canonicalised, so
// the library's own per-object caches of `children`/`namedChildren` are shared. Results are unchanged: a tree is
// never edited after parsing, so every memoised answer stays true for the tree's life.
import { Node, TreeCursor, type Tree } from 'web-tree-sitter';

interface Memo {
  nodes: Map<number, Node>;
  types: Map<number, string>;
  texts: Map<number, string>;
  ends: Map<number, number>;
  parents: Map<number, Node | null>;
  /** Field children, indexed by field id. */
  fields: Array<Map<number, Node | null> | undefined>;
}

const memos = new WeakMap<Tree, Memo>();
let lastTree: Tree | undefined;
let lastMemo: Memo | undefined;

function memoOf(tree: Tree): Memo {
  if (tree === lastTree) return lastMemo!;
  let memo = memos.get(tree);
  if (!memo) {
    memo = { nodes: new Map(), types: new Map(), texts: new Map(), ends: new Map(), parents: new Map(), fields: [] };
    memos.set(tree, memo);
  }
  lastTree = tree;
  lastMemo = memo;
  return memo;
}

function canonical(node: Node | null): Node | null {
  if (!node) return null;
  const nodes = memoOf(node.tree).nodes;
  const known = nodes.get(node.id);
  if (known) return known;
  nodes.set(node.id, node);
  return node;
}

function canonicalList(list: Array<Node | null>): Array<Node | null> {
  for (let i = 0; i < list.length; i++) list[i] = canonical(list[i]!);
  return list;
}

type Getter<T> = (this: Node) => T;

function getterOf<T>(proto: object, name: string): Getter<T> {
  const descriptor = Object.getOwnPropertyDescriptor(proto, name);
  if (!descriptor?.get) throw new Error(`web-tree-sitter Node has no '${name}' getter; the node memo needs updating`);
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

  const memoGetter = <T>(name: string, table: (m: Memo) => Map<number, T>, compute: Getter<T>): void => {
    Object.defineProperty(proto, name, {
      configurable: true,
      get(this: Node): T {
        const map = table(memoOf(this.tree));
        let value = map.get(this.id);
        if (value === undefined && !map.has(this.id)) {
          value = compute.call(this);
          map.set(this.id, value);
        }
        return value as T;
      },
    });
  };
  memoGetter('type', (m) => m.types, type);
  memoGetter('endIndex', (m) => m.ends, endIndex);
  memoGetter('text', (m) => m.texts, text);
  memoGetter('parent', (m) => m.parents, function (this: Node) { return canonical(parent.call(this)); });

  // The library caches the arrays on the object; with canonical nodes that cache serves every later reader.
  const listGetter = (name: string, compute: Getter<Array<Node | null>>, slot: '_children' | '_namedChildren'): void => {
    Object.defineProperty(proto, name, {
      configurable: true,
      get(this: Node): Array<Node | null> {
        const self = (canonical(this) ?? this) as Node & Record<typeof slot, Array<Node | null> | undefined>;
        return self[slot] ?? canonicalList(compute.call(self));
      },
    });
  };
  listGetter('children', children, '_children');
  listGetter('namedChildren', namedChildren, '_namedChildren');

  proto.childForFieldId = function (this: Node, fieldId: number): Node | null {
    const memo = memoOf(this.tree);
    let map = memo.fields[fieldId];
    if (!map) memo.fields[fieldId] = map = new Map();
    let child = map.get(this.id);
    if (child === undefined) {
      child = canonical(childForFieldId.call(this, fieldId));
      map.set(this.id, child);
    }
    return child;
  };

  Object.defineProperty(TreeCursor.prototype, 'currentNode', {
    configurable: true,
    get(this: TreeCursor): Node {
      return canonical(currentNode.call(this))!;
    },
  });
}
