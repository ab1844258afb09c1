// The acquire → release typestate of one resource over a control-flow graph with exception edges, language-neutral.
// A resource acquired at some nodes is *held* until a release node runs or a transfer node hands it over (returned,
// stored where a cleanup walks, passed to a callee that releases it); it *leaks* when control reaches an exit while
// it is still held. The front-end says which nodes acquire, release and transfer; this module only searches graphs.
// It does not decide what may raise or what a release is: that is the model's and the front-end's business.
//
//      acquire ──normal──► step ──normal──► release ──► exit        held on [step], released before exit: fine
//                           │
//                           └─exception──► handler? ──► raise-exit   held at an exit: the leak this module finds
//
// Generic in N, the front-end's graph node; edges carry the same kinds as the Python CFG (a C/C++ front-end would
// produce the same vocabulary).

export type FlowEdgeKind = 'normal' | 'true' | 'false' | 'exception' | 'back' | 'break' | 'continue' | 'return';

/** `closesLoop`: back to the loop's header for the next iteration, whatever the kind (an `if` ending the body keeps its `false`). */
export interface FlowEdge<N> { from: N; to: N; kind: FlowEdgeKind; closesLoop?: true }

export interface FlowNode<N> { succ: ReadonlyArray<FlowEdge<N>> }

/** Where a resource stops being this function's responsibility on a path. */
export interface Lifetime<N> {
  /** Nodes that release the resource (a path through one is safe from there on). */
  releases: ReadonlySet<N>;
  /** Nodes after which the resource belongs to someone else (the path is not followed past them). */
  transfers?: (node: N) => boolean;
}

/** Edges that keep the function running normally: everything but an exception or a `return` to the exit. */
export const NORMAL_FLOW: ReadonlySet<FlowEdgeKind> = new Set(['normal', 'true', 'false', 'back', 'break', 'continue']);

/** A node reached while the resource is held; `later` when only a following loop iteration reaches it. */
export interface HeldVisit<N> { node: N; later: boolean }

/**
 * The nodes that run while the resource is held, breadth-first from the acquisition (the start nodes themselves are
 * not reported): over non-exception edges (or `edges`), never entering a release, not going on past a transfer.
 * A node is reported again when a first-iteration path reaches it after a later-iteration one did.
 */
export function heldSpan<N extends FlowNode<N>>(starts: readonly N[], life: Lifetime<N>, options: { edges?: ReadonlySet<FlowEdgeKind> } = {}): Array<HeldVisit<N>> {
  const state = new Map<N, boolean>();
  for (const s of starts) state.set(s, false);
  const queue = [...starts];
  const out: Array<HeldVisit<N>> = [];
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i]!;
    if (life.transfers?.(from)) continue;
    for (const e of from.succ) {
      if (e.kind === 'exception' || (options.edges && !options.edges.has(e.kind)) || life.releases.has(e.to)) continue;
      const later = state.get(from)! || e.kind === 'back' || e.kind === 'continue' || e.closesLoop === true;
      const old = state.get(e.to);
      if (old !== undefined && (old === false || later)) continue;
      state.set(e.to, later);
      queue.push(e.to);
      out.push({ node: e.to, later });
    }
  }
  return out;
}

/** A shortest path over `edges` from the acquisition to a release other than the first start node, or null. */
export function firstRelease<N extends FlowNode<N>>(starts: readonly N[], life: Lifetime<N>, edges: ReadonlySet<FlowEdgeKind> = NORMAL_FLOW): N[] | null {
  return shortestPath(starts, (n) => life.releases.has(n) && n !== starts[0], { edges });
}

/** How an exception is followed once raised: which edge means a handler caught it, which node raises it again. */
export interface Catching<N> {
  /** The edge enters a handler body (the handler's test matched). */
  catches(edge: FlowEdge<N>): boolean;
  /** The node raises the caught exception on purpose (`raise`, a re-raising context manager). */
  rethrows(node: N): boolean;
  /** Follow a failure of a call inside a handler as well (a new exception, not the one being followed). */
  newExceptions?: boolean;
}

export interface EscapeOptions<N> {
  /** Nodes the exception may pass through before it counts: the releases, typically. */
  avoiding?: ReadonlySet<N>;
  /** Only follow edges this accepts (e.g. not the exception edges of other cleanup calls). */
  follow?: (edge: FlowEdge<N>) => boolean;
  /** With catching semantics, a caught exception is only carried on by deliberate re-raises. */
  catching?: Catching<N>;
}

/**
 * A path along which an exception, arriving first at `targets`, reaches one of `exits` while the resource is still
 * held (without passing a node of `avoiding`), or null. Breadth-first, so a shortest one.
 */
export function unreleasedEscape<N extends FlowNode<N>>(targets: readonly N[], exits: readonly N[], options: EscapeOptions<N> = {}): N[] | null {
  const { avoiding, catching } = options;
  if (!catching) return shortestPath(targets, (n) => exits.includes(n), { avoiding, follow: options.follow });
  // States are (node, caught): the same node may be visited before and after a handler took the exception.
  type State = { node: N; caught: boolean };
  const parent = new Map<N, Map<boolean, State | null>>();
  const seen = (s: State): boolean => parent.get(s.node)?.has(s.caught) ?? false;
  const mark = (s: State, p: State | null): void => {
    let m = parent.get(s.node);
    if (!m) { m = new Map(); parent.set(s.node, m); }
    m.set(s.caught, p);
  };
  const queue: State[] = [];
  for (const n of targets) {
    const s = { node: n, caught: false };
    if (avoiding?.has(n) || seen(s)) continue;
    mark(s, null);
    queue.push(s);
  }
  for (let i = 0; i < queue.length; i++) {
    const cur = queue[i]!;
    if (exits.includes(cur.node)) {
      const path: N[] = [];
      for (let s: State | null = cur; s; s = parent.get(s.node)!.get(s.caught)!) path.unshift(s.node);
      return path;
    }
    for (const e of cur.node.succ) {
      if (avoiding?.has(e.to)) continue;
      if (options.follow && !options.follow(e)) continue;
      if (cur.caught && e.kind === 'exception' && !catching.newExceptions && !catching.rethrows(cur.node)) continue;
      const next = { node: e.to, caught: cur.caught || catching.catches(e) };
      if (seen(next)) continue;
      mark(next, cur);
      queue.push(next);
    }
  }
  return null;
}

/**
 * Within one loop iteration: does an exception raised by a release (arriving first at `targets`) leave the loop,
 * rather than being handled and the loop continuing? Returns the handler that lets it out (null when none caught it)
 * or undefined when every such exception stays inside. Only deliberate re-raises carry a caught exception on.
 */
export function escapesIteration<N extends FlowNode<N>, H>(targets: readonly N[], loop: {
  /** The node belongs to the loop's code (body and header). */
  inside(node: N): boolean;
  /** The loop's header nodes: getting back there means the next item is attempted. */
  headers: ReadonlySet<N>;
  /** The handler clause this node is the test of, if any. */
  handlerAt(node: N): H | null;
  /** Same handler? (handlers are front-end objects that need not be identity-stable). */
  sameHandler(node: N, handler: H): boolean;
  rethrows(node: N): boolean;
  /** The exception leaves through a re-raise the caller asked for (`if not ignore_errors: raise`). */
  callersChoice(node: N, handler: H): boolean;
}): { handler: H | null } | undefined {
  const edges: ReadonlySet<FlowEdgeKind> = new Set(['normal', 'true', 'false', 'exception']);
  const seen = new Set<N>();
  const stack: Array<{ node: N; handler: H | null }> = targets.map((node) => ({ node, handler: null }));
  for (const s of stack) if (!loop.inside(s.node)) return { handler: null };
  while (stack.length > 0) {
    const { node, handler } = stack.pop()!;
    if (seen.has(node) || loop.headers.has(node)) continue;
    seen.add(node);
    const h = loop.handlerAt(node) ?? handler;
    for (const e of node.succ) {
      if (!edges.has(e.kind)) continue;
      // Inside a handler, only a deliberate raise carries the failure on; a call there that might itself raise is
      // a different, incidental exception.
      if (h !== null && e.kind === 'exception' && !loop.sameHandler(node, h) && !loop.rethrows(node)) continue;
      if (!loop.inside(e.to)) {
        if (e.kind !== 'exception') continue;
        // Leaving from a handler's own test: no clause matched. The loop handles the failures its author expected
        // from this call, so what escapes is a programming error.
        if (h !== null && loop.sameHandler(node, h)) continue;
        if (h !== null && loop.callersChoice(node, h)) continue;
        return { handler: h };
      }
      stack.push({ node: e.to, handler: h });
    }
  }
  return undefined;
}

/** Breadth-first search from `from` to a node satisfying `to`. The start nodes are exempt from `avoiding` (with
 * catching semantics `unreleasedEscape` drops avoided targets instead: both as the rules were measured with). */
export function shortestPath<N extends FlowNode<N>>(from: Iterable<N>, to: (n: N) => boolean, options: { avoiding?: ReadonlySet<N> | undefined; edges?: ReadonlySet<FlowEdgeKind>; follow?: ((e: FlowEdge<N>) => boolean) | undefined } = {}): N[] | null {
  const parent = new Map<N, N | null>();
  const queue: N[] = [];
  for (const f of from) if (!parent.has(f)) { parent.set(f, null); queue.push(f); }
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    if (to(n)) {
      const path: N[] = [];
      for (let c: N | null = n; c; c = parent.get(c) ?? null) path.unshift(c);
      return path;
    }
    for (const e of n.succ) {
      if (options.edges && !options.edges.has(e.kind)) continue;
      if (options.follow && !options.follow(e)) continue;
      if (parent.has(e.to) || options.avoiding?.has(e.to)) continue;
      parent.set(e.to, n);
      queue.push(e.to);
    }
  }
  return null;
}
