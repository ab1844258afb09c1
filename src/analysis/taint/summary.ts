// Per-function taint summaries and their use at call sites: which parameters flow to the return value (and what
// was cleared on the way), which sources the function returns itself, and which parameters reach which sinks.
// A call instantiates a summary by substituting the caller's argument facts for the parameter facts.
import { addStep, FactSet, factKey, type Step, type SinkKind, type TaintFact } from './facts.js';
import { selectAll } from './selectors.js';

export interface SinkHit<N> {
  /** The sink call. */
  sink: N;
  /** The argument that carries the facts. */
  argument: N;
  kind: SinkKind;
  /** The sink as the finding names it (`processutils.execute`). */
  sinkName: string;
  /** A sink variant for the rule's message choice (`shell`, `argument`, `program`…). */
  variant: string;
  facts: TaintFact<N>[];
  /** The sink only cares about values that may hold a newline (see Sink.stringsOnly). */
  stringsOnly?: boolean;
}

/** Facts that still endanger this sink: not neutralised for its kind, and of a shape it cares about. */
export function liveAt<N>(hit: Pick<SinkHit<N>, 'kind' | 'stringsOnly'>, facts: readonly TaintFact<N>[]): TaintFact<N>[] {
  return facts.filter((f) => !f.cleared.has(hit.kind) && f.shape !== 'request' && f.shape !== 'environ' &&
    (!hit.stringsOnly || f.shape === 'str' || f.shape === 'unknown' || f.shape === 'same'));
}

export interface FunctionSummary<N> {
  returns: FactSet<N>;
  /** Hits whose facts come from this function's parameters: they become real when a caller passes taint. */
  sinks: SinkHit<N>[];
}

/**
 * Whether the part `path` of a source's value (see selectors.ts) still carries the source: an analysis that judges
 * parts (one item of a masked dict is not the secret) says so; without one every part does.
 */
export type KeepsPart<N> = (origin: N, path: readonly string[]) => boolean;

/**
 * Replaces parameter facts by the caller's argument facts (their path continues with `callStep` and the callee's
 * steps); source facts of the callee pass through, their path ending with `exitStep` when given. The part of the
 * parameter the callee used (its fact's selector path) applies to the caller's value, and `keeps` judges the result.
 */
export function instantiate<N>(
  calleeFacts: readonly TaintFact<N>[], args: ReadonlyArray<FactSet<N> | undefined>, callStep: Step<N>, exitStep: Step<N> = callStep,
  keeps?: KeepsPart<N>,
): TaintFact<N>[] {
  const out: TaintFact<N>[] = [];
  for (const f of calleeFacts) {
    if (f.origin.kind === 'source') { out.push(addStep(f, exitStep)); continue; }
    const arg = args[f.origin.index];
    if (!arg) continue;
    for (const af of arg.facts) {
      const path = f.path?.length ? selectAll(af.path, f.path) : af.path;
      if (path === null) continue;
      if (f.path?.length && path && keeps && af.origin.kind === 'source' && !keeps(af.origin.node, path)) continue;
      let g: TaintFact<N> = {
        origin: af.origin,
        cleared: new Set([...af.cleared, ...f.cleared]),
        shape: f.shape === 'same' ? af.shape : f.shape,
        steps: af.steps,
        // The caller's own condition carries on; the callee's was settled by the caller (see dropGiven).
        ...(af.unlessGiven !== undefined ? { unlessGiven: af.unlessGiven } : {}),
        ...(path?.length ? { path } : {}),
      };
      g = addStep(g, callStep);
      for (const s of f.steps) g = addStep(g, s);
      out.push(g);
    }
  }
  return out;
}

/** The callee facts that hold for a caller passing a value for each parameter index in `given`. */
export function dropGiven<N>(facts: readonly TaintFact<N>[], given: ReadonlySet<number>): TaintFact<N>[] {
  return given.size === 0 ? facts.slice() : facts.filter((f) => f.unlessGiven === undefined || !given.has(f.unlessGiven));
}

/** A key that changes whenever the summary could change a caller's result (evidence paths excluded). */
export function summaryKey<N>(s: FunctionSummary<N>, keyOf: (n: N) => string): string {
  const ret = s.returns.facts.map((f) => factKey(f, keyOf)).sort().join(';');
  const sinks = s.sinks.map((h) => `${keyOf(h.sink)}/${h.kind}/${h.facts.map((f) => factKey(f, keyOf)).sort().join(',')}`).sort().join(';');
  return `${ret}#${sinks}`;
}

/** Merges hits on the same sink, argument and kind, so a finding lists every origin once. */
export function mergeHits<N>(hits: readonly SinkHit<N>[], keyOf: (n: N) => string): SinkHit<N>[] {
  const byKey = new Map<string, SinkHit<N>>();
  for (const h of hits) {
    const k = `${keyOf(h.sink)}/${keyOf(h.argument)}/${h.kind}/${h.variant}`;
    const old = byKey.get(k);
    if (!old) { byKey.set(k, { ...h, facts: FactSet.of(h.facts, keyOf).facts.slice() }); continue; }
    old.facts = FactSet.of([...old.facts, ...h.facts], keyOf).facts.slice();
  }
  return [...byKey.values()];
}
