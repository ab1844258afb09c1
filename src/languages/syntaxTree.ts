// The syntax tree every analysis reads, copied once out of the parser (see treesitter/mirror.ts). Reading a
// web-tree-sitter node crosses into wasm and allocates on every property access, and rules ask millions of such
// questions per tree; here the whole tree sits in a few typed arrays indexed by the node's pre-order number, and a
// SyntaxNode object is made only for the nodes an analysis actually touches (then reused, so `===` and per-node
// memos keep working). Pre-order numbering makes every subtree a contiguous range of numbers, which turns
// "descendants of type T" and the rules' traversal into linear scans.
//
// The API follows the subset of web-tree-sitter's Node that analyses use, with the same meanings (types, fields,
// UTF-16 indices and columns), so a language front-end only has to produce this shape. Nothing here knows Python.

export interface Point { row: number; column: number }

/** The arrays of one tree; node `i` is the i-th node in pre-order (the root is 0), and -1 means "none". */
export interface TreeData {
  count: number;
  /** Grammar symbol of each node (names in `typeNames`). */
  type: Uint16Array;
  /** Field each node fills in its parent (names in `fieldNames`; 0 = none). */
  field: Uint16Array;
  startIndex: Int32Array;
  endIndex: Int32Array;
  parent: Int32Array;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  /** One past the last node of each node's subtree. */
  subtreeEnd: Int32Array;
  /** NAMED | MISSING | HAS_ERROR bits. */
  flags: Uint8Array;
}

export const NAMED = 1;
export const MISSING = 2;
export const HAS_ERROR = 4;

/** A grammar's names for its symbols and fields; shared by every tree of that grammar. */
export interface Vocabulary {
  /** By symbol id, as the front-end numbers them (error nodes included, named `ERROR`). */
  typeNames: readonly string[];
  /** By field id; 0 is "no field". */
  fieldNames: ReadonlyArray<string | null | undefined>;
}

const fieldIdsByVocabulary = new WeakMap<Vocabulary, Map<string, number>>();
const masksByVocabulary = new WeakMap<Vocabulary, Map<string, Uint8Array>>();
const masksByObject = new WeakMap<Vocabulary, WeakMap<object, Uint8Array>>();
const singleMasks = new WeakMap<Vocabulary, Map<string, Uint8Array>>();

export class SyntaxTree {
  /**
   * Node objects by number, and field ids by name: read directly by SyntaxNode's hottest accessors (a field of a
   * node is asked tens of millions of times per tree, and bin/pillar.js turns V8's inlining off). Not for analyses.
   */
  readonly nodes: Array<SyntaxNode | undefined>;
  private lineStarts: Int32Array | undefined;
  readonly fieldIds: Map<string, number>;

  constructor(
    readonly source: string,
    readonly language: string,
    readonly vocabulary: Vocabulary,
    readonly data: TreeData,
  ) {
    this.nodes = new Array<SyntaxNode | undefined>(data.count);
    let ids = fieldIdsByVocabulary.get(vocabulary);
    if (!ids) {
      ids = new Map();
      vocabulary.fieldNames.forEach((name, id) => { if (name && !ids!.has(name)) ids!.set(name, id); });
      fieldIdsByVocabulary.set(vocabulary, ids);
    }
    this.fieldIds = ids;
  }

  get rootNode(): SyntaxNode {
    return this.node(0);
  }

  /** The node numbered `id` (its pre-order position); one object per node for the tree's life. */
  node(id: number): SyntaxNode {
    return this.nodes[id] ??= new SyntaxNode(this, id);
  }

  typeName(id: number): string {
    return this.vocabulary.typeNames[this.data.type[id]!]!;
  }

  /** Field id of a field name, or -1 when the grammar has no such field. */
  fieldId(name: string): number {
    return this.fieldIds.get(name) ?? -1;
  }

  /**
   * Which symbol ids carry one of `names` (several symbols may share a name), indexed by a node's symbol id: scans
   * test node types with it without building strings or objects. Memoised per grammar.
   */
  typeMask(names: string | ReadonlySet<string> | readonly string[]): Uint8Array {
    if (typeof names === 'string') {
      // One type name is its own key: no array or joined key is built per call.
      let single = singleMasks.get(this.vocabulary);
      if (!single) singleMasks.set(this.vocabulary, single = new Map());
      let mask = single.get(names);
      if (!mask) single.set(names, mask = this.typeMask([names]));
      return mask;
    }
    // Callers mostly pass the same constant set every time: found by identity before building the content key.
    let byIdentity = masksByObject.get(this.vocabulary);
    if (!byIdentity) masksByObject.set(this.vocabulary, byIdentity = new WeakMap());
    const known = byIdentity.get(names);
    if (known) return known;
    const key = [...names].sort().join('|');
    let masks = masksByVocabulary.get(this.vocabulary);
    if (!masks) masksByVocabulary.set(this.vocabulary, masks = new Map());
    let mask = masks.get(key);
    if (!mask) {
      const wanted = new Set(names);
      const { typeNames } = this.vocabulary;
      mask = new Uint8Array(typeNames.length);
      for (let id = 0; id < typeNames.length; id++) if (wanted.has(typeNames[id]!)) mask[id] = 1;
      masks.set(key, mask);
    }
    byIdentity.set(names, mask);
    return mask;
  }

  /** Row and UTF-16 column of a code-unit index; rows break at `\n` only, as tree-sitter counts them. */
  pointAt(index: number): Point {
    const starts = this.lineStarts ??= lineStartsOf(this.source);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - starts[lo]! };
  }

  /** Code-unit index of a row and UTF-16 column (clamped to the source). */
  indexAt(point: Point): number {
    const starts = this.lineStarts ??= lineStartsOf(this.source);
    const start = starts[Math.min(Math.max(point.row, 0), starts.length - 1)]!;
    return Math.min(start + point.column, this.source.length);
  }
}

function lineStartsOf(source: string): Int32Array {
  let lines = 1;
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lines++;
  const starts = new Int32Array(lines);
  let row = 1;
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts[row++] = i + 1;
  return starts;
}

export class SyntaxNode {
  private cachedChildren: SyntaxNode[] | undefined;
  private cachedNamed: SyntaxNode[] | undefined;
  private cachedText: string | undefined;

  constructor(
    readonly tree: SyntaxTree,
    /** Pre-order number, unique within the tree: a cheap key for per-node memos. */
    readonly id: number,
  ) {}

  get type(): string {
    const { tree } = this;
    return tree.vocabulary.typeNames[tree.data.type[this.id]!]!;
  }

  /** The field this node fills in its parent (`function` of a call), or null. */
  get fieldName(): string | null {
    return this.tree.vocabulary.fieldNames[this.tree.data.field[this.id]!] ?? null;
  }

  get startIndex(): number {
    return this.tree.data.startIndex[this.id]!;
  }

  get endIndex(): number {
    return this.tree.data.endIndex[this.id]!;
  }

  get isNamed(): boolean {
    return (this.tree.data.flags[this.id]! & NAMED) !== 0;
  }

  /** A zero-width node the parser inserted to recover from an error. */
  get isMissing(): boolean {
    return (this.tree.data.flags[this.id]! & MISSING) !== 0;
  }

  /** True when this node is, or contains, a parse error or a node the parser made up. */
  get hasError(): boolean {
    return (this.tree.data.flags[this.id]! & HAS_ERROR) !== 0;
  }

  get isError(): boolean {
    return this.type === 'ERROR';
  }

  get parent(): SyntaxNode | null {
    const { tree } = this;
    const p = tree.data.parent[this.id]!;
    return p < 0 ? null : tree.nodes[p] ??= new SyntaxNode(tree, p);
  }

  get text(): string {
    return this.cachedText ??= this.tree.source.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return this.tree.pointAt(this.startIndex);
  }

  get endPosition(): Point {
    return this.tree.pointAt(this.endIndex);
  }

  /** Child nodes in source order, tokens and comments included. */
  get children(): SyntaxNode[] {
    if (this.cachedChildren === undefined) {
      const { tree } = this;
      const { firstChild, nextSibling } = tree.data;
      const out: SyntaxNode[] = [];
      for (let c = firstChild[this.id]!; c >= 0; c = nextSibling[c]!) out.push(tree.node(c));
      this.cachedChildren = out;
    }
    return this.cachedChildren;
  }

  get namedChildren(): SyntaxNode[] {
    if (this.cachedNamed === undefined) {
      const { tree } = this;
      const { firstChild, nextSibling, flags } = tree.data;
      const out: SyntaxNode[] = [];
      for (let c = firstChild[this.id]!; c >= 0; c = nextSibling[c]!) if (flags[c]! & NAMED) out.push(tree.node(c));
      this.cachedNamed = out;
    }
    return this.cachedNamed;
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): SyntaxNode | null {
    return this.namedChildren[index] ?? null;
  }

  get firstChild(): SyntaxNode | null {
    const c = this.tree.data.firstChild[this.id]!;
    return c < 0 ? null : this.tree.node(c);
  }

  get lastChild(): SyntaxNode | null {
    const { children } = this;
    return children[children.length - 1] ?? null;
  }

  get nextSibling(): SyntaxNode | null {
    const s = this.tree.data.nextSibling[this.id]!;
    return s < 0 ? null : this.tree.node(s);
  }

  get previousSibling(): SyntaxNode | null {
    const siblings = this.parent?.children;
    if (!siblings) return null;
    return siblings[siblings.indexOf(this) - 1] ?? null;
  }

  get nextNamedSibling(): SyntaxNode | null {
    const { nextSibling, flags } = this.tree.data;
    for (let s = nextSibling[this.id]!; s >= 0; s = nextSibling[s]!) if (flags[s]! & NAMED) return this.tree.node(s);
    return null;
  }

  get previousNamedSibling(): SyntaxNode | null {
    const siblings = this.parent?.children;
    if (!siblings) return null;
    for (let i = siblings.indexOf(this) - 1; i >= 0; i--) if (siblings[i]!.isNamed) return siblings[i]!;
    return null;
  }

  /** The first child filling field `name`, or null. */
  childForFieldName(name: string): SyntaxNode | null {
    const { tree } = this;
    const fid = tree.fieldIds.get(name);
    if (fid === undefined) return null;
    const { firstChild, nextSibling, field } = tree.data;
    for (let c = firstChild[this.id]!; c >= 0; c = nextSibling[c]!) if (field[c] === fid) return tree.nodes[c] ??= new SyntaxNode(tree, c);
    return null;
  }

  /** Every child filling field `name`, in order. */
  childrenForFieldName(name: string): SyntaxNode[] {
    const { tree } = this;
    const fid = tree.fieldId(name);
    const out: SyntaxNode[] = [];
    if (fid < 0) return out;
    const { firstChild, nextSibling, field } = tree.data;
    for (let c = firstChild[this.id]!; c >= 0; c = nextSibling[c]!) if (field[c] === fid) out.push(tree.node(c));
    return out;
  }

  /** Whether this node or a descendant has one of the given types: a scan that builds nothing. */
  hasDescendantOfType(types: string | readonly string[]): boolean {
    const { tree } = this;
    const mask = tree.typeMask(types);
    const { type, subtreeEnd } = tree.data;
    for (let i = this.id, end = subtreeEnd[this.id]!; i < end; i++) if (mask[type[i]!]) return true;
    return false;
  }

  /** This node and its descendants of the given types, in pre-order (as web-tree-sitter answers it). */
  descendantsOfType(types: string | readonly string[]): SyntaxNode[] {
    const { tree } = this;
    const mask = tree.typeMask(types);
    const { type, subtreeEnd } = tree.data;
    const out: SyntaxNode[] = [];
    for (let i = this.id, end = subtreeEnd[this.id]!; i < end; i++) if (mask[type[i]!]) out.push(tree.node(i));
    return out;
  }

  /** The smallest node, tokens included, that holds the character at `point` (this node when no child does). */
  descendantForPosition(point: Point): SyntaxNode {
    const index = this.tree.indexAt(point);
    let node: SyntaxNode = this;
    for (;;) {
      const next = node.children.find((c) => c.startIndex <= index && index < c.endIndex);
      if (!next) return node;
      node = next;
    }
  }

  equals(other: SyntaxNode | null | undefined): boolean {
    return this === other;
  }
}
