// CWE names and the CWE-1000 pillar of every CWE, read from the table that scripts/generate-taxonomy.ts derives
// from MITRE's XML. Pure look-ups: nothing here parses XML or guesses a pillar.
import cweTable from './cwe-table.json' with { type: 'json' };

interface TableEntry { name: string; kind: 'weakness' | 'category' | 'view'; abstraction?: string; parents: number[]; pillar: number | null }
interface Table { version: string; entries: Record<string, TableEntry> }

const table = cweTable as unknown as Table;

/** The ten CWE-1000 pillars, in numeric order. */
export const PILLARS: readonly number[] = Object.entries(table.entries)
  .filter(([, e]) => e.abstraction === 'Pillar')
  .map(([id]) => Number(id))
  .sort((a, b) => a - b);

/** Short folder-style names of the pillars, used in summaries and for rule folders. */
export const PILLAR_SLUGS: Readonly<Record<number, string>> = {
  284: 'access-control', 435: 'interaction', 664: 'resource-lifetime', 682: 'calculation', 691: 'control-flow',
  693: 'protection', 697: 'comparison', 703: 'exceptional-conditions', 707: 'neutralization', 710: 'coding-standards',
};

export const CWE_VERSION = table.version;

export function cweExists(id: number): boolean {
  return table.entries[String(id)] !== undefined;
}

export function cweName(id: number): string {
  return table.entries[String(id)]?.name ?? `CWE-${id}`;
}

export function isPillar(id: number): boolean {
  return PILLARS.includes(id);
}

/** The pillar reached from `id` by View-1000 ChildOf (Primary first), or null for categories and views. */
export function pillarOf(id: number): number | null {
  return table.entries[String(id)]?.pillar ?? null;
}

/** All View-1000 ancestors of `id` (including itself), nearest first. */
export function ancestorsOf(id: number): number[] {
  const out: number[] = [];
  const queue = [id];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (out.includes(next)) continue;
    out.push(next);
    queue.push(...(table.entries[String(next)]?.parents ?? []));
  }
  return out;
}

/** True when `id` is `ancestor` or lies below it in View 1000. */
export function isWithin(id: number, ancestor: number): boolean {
  return ancestorsOf(id).includes(ancestor);
}

export function cweUrl(id: number): string {
  return `https://cwe.mitre.org/data/definitions/${id}.html`;
}
