// Taint facts and their lattice, language-neutral: where a value came from (a source, or a parameter of the
// function under analysis for summaries), which sink kinds it has been neutralised for, its rough shape, and the
// evidence steps that brought it here. Generic in N, the syntax node type of the language front-end.

/** Sink families; a sanitizer clears some of them, `all` clears every family. */
/** `exposure`: a secret reaching a reader who must not have it (logs, error messages, notifications, responses). */
export type SinkKind = 'command' | 'sql' | 'path' | 'code' | 'log' | 'newline' | 'redirect' | 'xml' | 'exposure';
export const ALL_KINDS: readonly SinkKind[] = ['command', 'sql', 'path', 'code', 'log', 'newline', 'redirect', 'xml', 'exposure'];

/** Who controls the source: a remote client (HTTP request) or the local user running the program (argv, env). */
export type Trust = 'remote' | 'local';

/**
 * What the value roughly is. `container` values are rendered with repr() when formatted, which escapes newlines;
 * `request`/`environ` are request objects whose attributes decide what is attacker-controlled; `same` marks a
 * parameter's own value in a summary (the caller's shape applies).
 */
export type Shape = 'str' | 'container' | 'request' | 'environ' | 'unknown' | 'same';

export interface Step<N> { node: N; message: string }

export type Origin<N> =
  | { kind: 'source'; node: N; description: string; trust: Trust; confidence: 'high' | 'medium' | 'low' }
  | { kind: 'param'; index: number; name: string };

export interface TaintFact<N> {
  origin: Origin<N>;
  /** Sink kinds this value has been neutralised for. */
  cleared: ReadonlySet<SinkKind>;
  shape: Shape;
  steps: readonly Step<N>[];
  /**
   * In a summary: the fact exists only when the caller leaves parameter `unlessGiven` falsy. The callee computes a
   * fallback from another parameter under `if not p:` (`if not log_cmd: log_cmd = ' '.join(cmd)`), and a caller
   * that passes `p` (a masked copy) never takes that path.
   */
  unlessGiven?: number;
  /**
   * The parts of the origin's value this one is, for analyses that judge them (see selectors.ts): items, fields of a
   * split, tuple positions, dict views, in the order they were taken. Absent: the value itself.
   */
  path?: readonly string[];
}

/** Evidence paths are capped: the first steps say where the value came from, the last ones how it arrived. */
const MAX_STEPS = 10;

export function originKey<N>(o: Origin<N>, nodeKey: (n: N) => string): string {
  return o.kind === 'param' ? `p${o.index}` : `s${nodeKey(o.node)}:${o.description}`;
}

export function factKey<N>(f: TaintFact<N>, nodeKey: (n: N) => string): string {
  return `${originKey(f.origin, nodeKey)}|${[...f.cleared].sort().join(',')}|${f.shape}${f.unlessGiven === undefined ? '' : `|u${f.unlessGiven}`}${f.path?.length ? `|${f.path.join('\u0001')}` : ''}`;
}

/** A set of facts, deduplicated by origin + cleared kinds + shape (the first evidence path wins). */
export class FactSet<N> {
  private constructor(readonly facts: readonly TaintFact<N>[], private readonly keyOf: (n: N) => string) {}

  static empty<N>(keyOf: (n: N) => string): FactSet<N> {
    return new FactSet<N>([], keyOf);
  }

  static of<N>(facts: Iterable<TaintFact<N>>, keyOf: (n: N) => string): FactSet<N> {
    const seen = new Map<string, TaintFact<N>>();
    for (const f of facts) {
      const k = factKey(f, keyOf);
      if (!seen.has(k)) seen.set(k, f);
    }
    return new FactSet([...seen.values()], keyOf);
  }

  get isEmpty(): boolean {
    return this.facts.length === 0;
  }

  join(other: FactSet<N>): FactSet<N> {
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    return FactSet.of([...this.facts, ...other.facts], this.keyOf);
  }

  equals(other: FactSet<N>): boolean {
    if (this.facts.length !== other.facts.length) return false;
    const keys = new Set(this.facts.map((f) => factKey(f, this.keyOf)));
    return other.facts.every((f) => keys.has(factKey(f, this.keyOf)));
  }

  map(fn: (f: TaintFact<N>) => TaintFact<N> | null): FactSet<N> {
    if (this.isEmpty) return this;
    return FactSet.of(this.facts.map(fn).filter((f): f is TaintFact<N> => f !== null), this.keyOf);
  }

  /** Facts that still endanger a sink of `kind`. */
  liveFor(kind: SinkKind): TaintFact<N>[] {
    return this.facts.filter((f) => !f.cleared.has(kind));
  }

  withStep(step: Step<N>): FactSet<N> {
    return this.map((f) => addStep(f, step));
  }

  clear(kinds: readonly SinkKind[]): FactSet<N> {
    return this.map((f) => clearFact(f, kinds));
  }

  withShape(shape: Shape): FactSet<N> {
    return this.map((f) => (f.shape === shape ? f : { ...f, shape }));
  }

  /** Facts that describe this function's parameters (for summaries). */
  get fromParams(): TaintFact<N>[] {
    return this.facts.filter((f) => f.origin.kind === 'param');
  }
}

export function addStep<N>(f: TaintFact<N>, step: Step<N>): TaintFact<N> {
  const steps = f.steps.length >= MAX_STEPS ? [...f.steps.slice(0, 3), ...f.steps.slice(-(MAX_STEPS - 4)), step] : [...f.steps, step];
  return { ...f, steps };
}

export function clearFact<N>(f: TaintFact<N>, kinds: readonly SinkKind[]): TaintFact<N> {
  if (kinds.every((k) => f.cleared.has(k))) return f;
  return { ...f, cleared: new Set([...f.cleared, ...kinds]) };
}

/** Trust first (remote beats local), then confidence, then the shorter path: the fact a finding should quote. */
export function bestFact<N>(facts: readonly TaintFact<N>[]): TaintFact<N> | undefined {
  const rank = (f: TaintFact<N>): number => {
    if (f.origin.kind !== 'source') return 1000;
    const trust = f.origin.trust === 'remote' ? 0 : 100;
    const conf = f.origin.confidence === 'high' ? 0 : f.origin.confidence === 'medium' ? 10 : 20;
    return trust + conf + Math.min(f.steps.length, 9);
  };
  return [...facts].sort((a, b) => rank(a) - rank(b))[0];
}
