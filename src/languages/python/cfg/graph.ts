// The control-flow graph of one function or module body, with the queries rules ask of it: successors, paths that
// avoid statements, where an exception can go, dominators, loops and unreachable code. Plain graph searches only.
import type { SyntaxNode } from '../../syntaxTree.js';
import { shortestPath } from '../../../analysis/resources/typestate.js';
import { dominatorTree, type DominatorTree } from './dominators.js';
import type { CfgEdge, CfgNode, CfgNodeKind, EdgeKind } from './types.js';

export interface PathOptions {
  /** Nodes the path may not pass through (the start nodes themselves are exempt). */
  avoiding?: ReadonlySet<CfgNode>;
  /** Only follow edges of these kinds. */
  edges?: ReadonlySet<EdgeKind>;
  /** Only follow edges this accepts (e.g. not the exception edges of cleanup calls). */
  follow?: (edge: CfgEdge) => boolean;
}

const LOOPS = new Set(['for_statement', 'while_statement']);
const BOUNDARIES = new Set(['function_definition', 'lambda', 'class_definition', 'module']);

export class Cfg {
  readonly nodes: CfgNode[] = [];
  readonly entry: CfgNode;
  /** Normal completion and `return`. */
  readonly exit: CfgNode;
  /** An exception propagates out of the function. */
  readonly raiseExit: CfgNode;
  private readonly byAst = new Map<number, CfgNode[]>();
  private dom: DominatorTree | undefined;
  private postDom: DominatorTree | undefined;
  private fromEntry: Set<CfgNode> | undefined;

  constructor(readonly owner: SyntaxNode) {
    this.entry = this.addNode('entry', null);
    this.exit = this.addNode('exit', null);
    this.raiseExit = this.addNode('raise-exit', null);
  }

  addNode(kind: CfgNodeKind, ast: SyntaxNode | null, copy?: string): CfgNode {
    const node: CfgNode = { id: this.nodes.length, kind, ast, succ: [], pred: [] };
    if (copy !== undefined) node.copy = copy;
    this.nodes.push(node);
    if (ast) {
      const list = this.byAst.get(ast.id) ?? [];
      list.push(node);
      this.byAst.set(ast.id, list);
    }
    return node;
  }

  addEdge(from: CfgNode, to: CfgNode, kind: EdgeKind, closesLoop = false): void {
    if (from.succ.some((e) => e.to === to && e.kind === kind)) return;
    const edge: CfgEdge = closesLoop ? { from, to, kind, closesLoop } : { from, to, kind };
    from.succ.push(edge);
    to.pred.push(edge);
  }

  /** Every node made for this AST node (several for statements inside `finally`, enter and exit for with items). */
  nodesOf(ast: SyntaxNode): CfgNode[] {
    return this.byAst.get(ast.id) ?? [];
  }

  /** The statement nodes of the innermost statement (or clause header) that contains `ast`. */
  nodesAt(ast: SyntaxNode): CfgNode[] {
    for (let n: SyntaxNode | null = ast; n; n = n.parent) {
      const nodes = this.nodesOf(n).filter((c) => c.kind === 'statement');
      if (nodes.length > 0) return nodes;
      if (n.id === this.owner.id) break;
    }
    return [];
  }

  /** All nodes whose AST lies inside `ast` (including it): "executing statement Y" for a compound Y. */
  nodesWithin(ast: SyntaxNode): Set<CfgNode> {
    const out = new Set<CfgNode>();
    for (const n of this.nodes) {
      if (n.ast && n.ast.startIndex >= ast.startIndex && n.ast.endIndex <= ast.endIndex) out.add(n);
    }
    return out;
  }

  successors(node: CfgNode, kinds?: ReadonlySet<EdgeKind>): CfgNode[] {
    return node.succ.filter((e) => !kinds || kinds.has(e.kind)).map((e) => e.to);
  }

  predecessors(node: CfgNode, kinds?: ReadonlySet<EdgeKind>): CfgNode[] {
    return node.pred.filter((e) => !kinds || kinds.has(e.kind)).map((e) => e.from);
  }

  /** The first path (breadth-first, so a shortest one) from any of `from` to any node satisfying `to`, or null. */
  path(from: Iterable<CfgNode>, to: (n: CfgNode) => boolean, options: PathOptions = {}): CfgNode[] | null {
    return shortestPath(from, to, options);
  }

  reachable(from: CfgNode | Iterable<CfgNode>, to: CfgNode | Iterable<CfgNode>, options: PathOptions = {}): boolean {
    const targets = new Set(isNode(to) ? [to] : to);
    return this.path(isNode(from) ? [from] : from, (n) => targets.has(n), options) !== null;
  }

  /** Where an exception raised by the statement holding `ast` goes first (handlers, finally/with-exit copies, raise exit). */
  exceptionTargets(ast: SyntaxNode): CfgNode[] {
    return this.nodesAt(ast).flatMap((n) => this.successors(n, EXCEPTION));
  }

  /**
   * A path along which the exception raised at `ast` leaves the function — by propagating or, after a handler, by
   * returning — without executing any of `avoiding` (statements, compound ones included). Null when there is none.
   * Once a handler has caught it, only deliberate raises (`raise`, a re-raising with-exit) carry it on: a call in
   * the handler that might fail raises a new exception, which is not this one (pass `newExceptions` to follow them).
   */
  exceptionEscapePath(ast: SyntaxNode, options: { avoiding?: SyntaxNode[]; to?: 'raise' | 'any'; newExceptions?: boolean } = {}): CfgNode[] | null {
    const avoid = new Set<CfgNode>();
    for (const a of options.avoiding ?? []) for (const n of this.nodesWithin(a)) avoid.add(n);
    const exits = options.to === 'raise' ? [this.raiseExit] : [this.exit, this.raiseExit];
    // States are (node, caught): the same node may be visited before and after a handler took the exception.
    const parent = new Map<string, { node: CfgNode; key: string } | null>();
    const queue: Array<{ node: CfgNode; caught: boolean }> = [];
    const key = (n: CfgNode, caught: boolean): string => `${n.id}:${caught ? 1 : 0}`;
    for (const n of this.exceptionTargets(ast)) {
      if (avoid.has(n) || parent.has(key(n, false))) continue;
      parent.set(key(n, false), null);
      queue.push({ node: n, caught: false });
    }
    for (let i = 0; i < queue.length; i++) {
      const { node, caught } = queue[i]!;
      if (exits.includes(node)) {
        const path: CfgNode[] = [];
        for (let k: string | undefined = key(node, caught), n: CfgNode | undefined = node; k && n;) {
          path.unshift(n);
          const p = parent.get(k);
          k = p?.key; n = p?.node;
        }
        return path;
      }
      for (const e of node.succ) {
        if (avoid.has(e.to)) continue;
        if (caught && e.kind === 'exception' && !options.newExceptions && !isDeliberateRaise(node)) continue;
        // Entering a handler body: the clause test matched, the exception is caught.
        const next = caught || (e.kind === 'true' && (node.ast?.type === 'except_clause' || node.ast?.type === 'except_group_clause'));
        const k = key(e.to, next);
        if (parent.has(k)) continue;
        parent.set(k, { node, key: key(node, caught) });
        queue.push({ node: e.to, caught: next });
      }
    }
    return null;
  }

  /** Nodes reachable from the entry. */
  reachableFromEntry(): Set<CfgNode> {
    if (!this.fromEntry) {
      const seen = new Set<CfgNode>([this.entry]);
      const stack = [this.entry];
      while (stack.length > 0) for (const e of stack.pop()!.succ) if (!seen.has(e.to)) { seen.add(e.to); stack.push(e.to); }
      this.fromEntry = seen;
    }
    return this.fromEntry;
  }

  /** True when every path from the entry to `b` passes through `a`. */
  dominates(a: CfgNode, b: CfgNode): boolean {
    this.dom ??= dominatorTree(this.entry, (n) => n.succ.map((e) => e.to), (n) => n.pred.map((e) => e.from));
    return this.dom.dominates(a, b);
  }

  immediateDominator(n: CfgNode): CfgNode | null {
    this.dom ??= dominatorTree(this.entry, (x) => x.succ.map((e) => e.to), (x) => x.pred.map((e) => e.from));
    return this.dom.idom(n);
  }

  /** True when every path from `b` to leaving the function (normally or by exception) passes through `a`. */
  postDominates(a: CfgNode, b: CfgNode): boolean {
    this.postDom ??= this.buildPostDominators();
    return this.postDom.dominates(a, b);
  }

  /** The innermost `for`/`while` whose body (not its else) contains `ast`, within this graph's function. */
  innermostLoop(ast: SyntaxNode): SyntaxNode | null {
    let prev: SyntaxNode = ast;
    for (let n: SyntaxNode | null = ast.parent; n && !BOUNDARIES.has(n.type); prev = n, n = n.parent) {
      if (LOOPS.has(n.type) && n.childForFieldName('body')?.id === prev.id) return n;
    }
    return null;
  }

  /** Nodes that run as part of an iteration of `loop`: inside its body, or on a path from its body back to it. */
  loopNodes(loop: SyntaxNode): Set<CfgNode> {
    const headers = this.nodesOf(loop).filter((n) => n.kind === 'statement');
    const body = new Set<CfgNode>();
    // Backwards from the header over edges that come from inside: the natural loop of its back edges.
    const stack: CfgNode[] = [];
    for (const h of headers) for (const e of h.pred) if (e.kind !== 'normal' || this.inside(e.from, loop)) stack.push(e.from);
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (body.has(n) || headers.includes(n) || !this.inside(n, loop)) continue;
      body.add(n);
      for (const e of n.pred) stack.push(e.from);
    }
    for (const h of headers) body.add(h);
    return body;
  }

  /** Statements of this graph's body that no path from the entry executes (nested functions not included). */
  unreachableStatements(): SyntaxNode[] {
    const live = this.reachableFromEntry();
    const out: SyntaxNode[] = [];
    const visit = (block: SyntaxNode): void => {
      for (const stmt of block.namedChildren) {
        if (!stmt || stmt.type === 'comment') continue;
        const nodes = this.nodesOf(stmt);
        const dead = nodes.length === 0 ? !this.anyLiveWithin(stmt, live) : !nodes.some((n) => live.has(n));
        if (dead) { out.push(stmt); continue; }
        for (const child of stmt.namedChildren) if (child) visitNested(child);
      }
    };
    const visitNested = (n: SyntaxNode): void => {
      if (n.type === 'block') return visit(n);
      if (BOUNDARIES.has(n.type) && n.type !== 'class_definition') return;
      for (const c of n.namedChildren) if (c) visitNested(c);
    };
    const body = this.owner.type === 'module' ? this.owner : this.owner.childForFieldName('body');
    if (body) visit(body);
    return out;
  }

  private anyLiveWithin(ast: SyntaxNode, live: Set<CfgNode>): boolean {
    for (const n of this.nodesWithin(ast)) if (live.has(n)) return true;
    return false;
  }

  private inside(n: CfgNode, loop: SyntaxNode): boolean {
    return !!n.ast && n.ast.startIndex >= loop.startIndex && n.ast.endIndex <= loop.endIndex;
  }

  private buildPostDominators(): DominatorTree {
    // A virtual sink joins both exits so that exceptional and normal completion count alike.
    const sink: CfgNode = { id: this.nodes.length, kind: 'exit', ast: null, succ: [], pred: [] };
    const succOf = (n: CfgNode): CfgNode[] => (n === sink ? [] : n === this.exit || n === this.raiseExit ? [sink] : n.succ.map((e) => e.to));
    const predOf = (n: CfgNode): CfgNode[] => (n === sink ? [this.exit, this.raiseExit] : n.pred.map((e) => e.from));
    return dominatorTree(sink, predOf, succOf);
  }
}

const EXCEPTION: ReadonlySet<EdgeKind> = new Set(['exception']);

/** A node whose exception edge re-raises on purpose: `raise`, or the end of a re-raising context manager. */
export function isDeliberateRaise(n: CfgNode): boolean {
  if (n.kind === 'with-exit') return n.copy === 'normal';
  return n.ast?.type === 'raise_statement';
}

function isNode(x: CfgNode | Iterable<CfgNode>): x is CfgNode {
  return (x as CfgNode).succ !== undefined;
}
