// Dominator trees by the Cooper–Harvey–Kennedy iterative algorithm ("A Simple, Fast Dominance Algorithm", 2001):
// simple, and fast on the small reducible graphs of single functions. Post-dominators reuse it on the reversed graph.

export interface DominatorTree {
  /** True when `a` dominates `b` (every node dominates itself); false when either is unreachable from the root. */
  dominates(a: object, b: object): boolean;
  idom<T extends object>(n: T): T | null;
}

export function dominatorTree<T extends object>(root: T, succ: (n: T) => T[], pred: (n: T) => T[]): DominatorTree {
  // Reverse postorder from the root, iteratively (deep graphs must not overflow the stack).
  const order: T[] = [];
  const seen = new Set<T>([root]);
  const stack: Array<{ node: T; next: number; out: T[] }> = [{ node: root, next: 0, out: succ(root) }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next < top.out.length) {
      const s = top.out[top.next++]!;
      if (!seen.has(s)) { seen.add(s); stack.push({ node: s, next: 0, out: succ(s) }); }
    } else {
      order.push(top.node);
      stack.pop();
    }
  }
  order.reverse();
  const index = new Map<T, number>(order.map((n, i) => [n, i]));
  const idom: Array<number | undefined> = new Array(order.length);
  idom[0] = 0;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (a > b) a = idom[a]!;
      while (b > a) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 1; i < order.length; i++) {
      let next: number | undefined;
      for (const p of pred(order[i]!)) {
        const pi = index.get(p);
        if (pi === undefined || idom[pi] === undefined) continue;
        next = next === undefined ? pi : intersect(pi, next);
      }
      if (next !== undefined && idom[i] !== next) { idom[i] = next; changed = true; }
    }
  }
  return {
    dominates(a, b) {
      const ai = index.get(a as T);
      let bi = index.get(b as T);
      if (ai === undefined || bi === undefined) return false;
      for (;;) {
        if (bi === ai) return true;
        if (bi === 0) return false;
        bi = idom[bi]!;
      }
    },
    idom<U extends object>(n: U): U | null {
      const i = index.get(n as unknown as T);
      if (i === undefined || i === 0) return null;
      return order[idom[i]!] as unknown as U;
    },
  };
}
