// The defect types to consider: pillars and CWEs, validated against MITRE's table; default the ten pillars.
import { ancestorsOf, CWE_VERSION, cweExists, isPillar, PILLARS, pillarOf } from '../taxonomy/index.js';
import { UsageError } from './errors.js';

export interface Selection { pillars: number[]; cwes: number[] }

export function parseCweList(values: Array<string | number>, what: 'pillar' | 'CWE'): number[] {
  const out: number[] = [];
  for (const raw of values) {
    const text = String(raw).trim();
    if (text === '') continue;
    const m = /^(?:CWE-)?(\d+)$/i.exec(text);
    if (!m) throw new UsageError(`'${text}' is not a ${what} id (expected a number such as 284 or CWE-284)`);
    const id = Number(m[1]);
    if (what === 'pillar' && !isPillar(id)) {
      throw new UsageError(`${id} is not a CWE-1000 pillar; the pillars are ${PILLARS.join(', ')}`);
    }
    if (what === 'CWE' && !cweExists(id)) throw new UsageError(`CWE-${id} does not exist in MITRE's CWE ${CWE_VERSION}`);
    if (what === 'CWE' && pillarOf(id) === null) {
      throw new UsageError(`CWE-${id} is a category or view, not a weakness in View 1000; name a weakness or a pillar`);
    }
    if (!out.includes(id)) out.push(id);
  }
  return out.sort((a, b) => a - b);
}

export function makeSelection(pillars: number[] | undefined, cwes: number[] | undefined): Selection {
  const p = pillars ?? [];
  const c = cwes ?? [];
  return p.length === 0 && c.length === 0 ? { pillars: [...PILLARS], cwes: [] } : { pillars: p, cwes: c };
}

/** A rule's CWE is considered when it lies under a selected pillar or under (or at) a selected CWE. */
export function selects(selection: Selection, cwe: number): boolean {
  const ancestors = ancestorsOf(cwe);
  return selection.pillars.some((p) => ancestors.includes(p)) || selection.cwes.some((c) => ancestors.includes(c));
}
