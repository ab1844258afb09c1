// Per-rule timing, the way ESLint's TIMING=1 works: with PILLAR_TIMING set (the CLI's --timing sets it before any
// worker starts, and workers inherit the environment), each thread adds up where its analysis time goes — parsing,
// the model, every rule, fact extraction, phase 2 — and hands its totals back with each file's result. The engine
// takes them off the result before it is cached or reported, so timing never changes a report.

/** Milliseconds and calls of one cost. */
export interface Cost { ms: number; calls: number }
export type Timings = Record<string, Cost>;

export const TIMING_ENV = 'PILLAR_TIMING';

/** Read once per thread: the flag does not change during a run, and the hot paths ask per visit. */
let enabled: boolean | undefined;
export function timingOn(): boolean {
  if (enabled === undefined) {
    const v = process.env[TIMING_ENV];
    enabled = v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
  }
  return enabled;
}

/** Tests switch it on and off within one thread. */
export function resetTimingSwitch(): void {
  enabled = undefined;
}

let pending: Timings = {};

export function addTime(key: string, ms: number): void {
  const c = pending[key];
  if (c) { c.ms += ms; c.calls++; } else pending[key] = { ms, calls: 1 };
}

/** This thread's totals since the last call (attached to the next result by runTask). */
export function takeTimes(): Timings {
  const t = pending;
  pending = {};
  return t;
}

export function mergeTimes(into: Timings, from: Timings): void {
  for (const [key, c] of Object.entries(from)) {
    const d = into[key];
    if (d) { d.ms += c.ms; d.calls += c.calls; } else into[key] = { ...c };
  }
}

/** The table printed on stderr: rules by total time, largest first, then the stages (parse, model, facts, ...). */
export function formatTimings(t: Timings, top = 20): string {
  const stage = (k: string): boolean => k.startsWith('stage:');
  const rows = Object.entries(t).filter(([k]) => !stage(k)).sort((a, b) => b[1].ms - a[1].ms || (a[0] < b[0] ? -1 : 1));
  const stages = Object.entries(t).filter(([k]) => stage(k)).sort((a, b) => b[1].ms - a[1].ms || (a[0] < b[0] ? -1 : 1));
  const ruleTotal = rows.reduce((s, [, c]) => s + c.ms, 0);
  const width = Math.max(10, ...rows.slice(0, top).map(([k]) => k.length), ...stages.map(([k]) => k.length - 6));
  const line = (name: string, ms: number, extra: string): string => `${name.padEnd(width)} | ${ms.toFixed(1).padStart(10)} | ${extra}\n`;
  let out = `${'Rule'.padEnd(width)} | ${'Time (ms)'.padStart(10)} | Relative\n${'-'.repeat(width)}-|-${'-'.repeat(10)}-|---------\n`;
  for (const [k, c] of rows.slice(0, top)) out += line(k, c.ms, `${ruleTotal > 0 ? ((100 * c.ms) / ruleTotal).toFixed(1) : '0.0'}%`.padStart(7));
  out += `${'-'.repeat(width)}-|-${'-'.repeat(10)}-|---------\n`;
  out += line('all rules', ruleTotal, `${rows.length} rules`);
  for (const [k, c] of stages) out += line(k.slice(6), c.ms, `${c.calls} calls`);
  return out;
}
