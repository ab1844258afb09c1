// Generates src/taxonomy/cwe-table.json from MITRE's CWE 4.15 XML as shipped in the npm package cwe-sdk.
// The pillar of each weakness is derived by walking View-1000 ChildOf relations (Primary ordinal first); no hand table.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

interface RawRelation { Nature: string; CWE_ID: string; View_ID: string; Ordinal?: string }
interface TableEntry { name: string; kind: 'weakness' | 'category' | 'view'; abstraction?: string; parents: number[]; pillar: number | null }

const VIEW_RESEARCH = '1000';

export function buildTable(xml: string): { version: string; entries: Record<string, TableEntry> } {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['Weakness', 'Category', 'View', 'Related_Weakness'].includes(name),
  });
  const doc = parser.parse(xml);
  const catalog = doc.Weakness_Catalog;
  const entries: Record<string, TableEntry> = {};
  for (const w of catalog.Weaknesses.Weakness as Array<Record<string, any>>) {
    const rels: RawRelation[] = w.Related_Weaknesses?.Related_Weakness ?? [];
    const parents = rels
      .filter((r) => r.Nature === 'ChildOf' && r.View_ID === VIEW_RESEARCH)
      // Primary first keeps the walk on MITRE's preferred branch; the rest keep document order.
      .sort((a, b) => Number(b.Ordinal === 'Primary') - Number(a.Ordinal === 'Primary'))
      .map((r) => Number(r.CWE_ID));
    entries[w.ID] = { name: w.Name, kind: 'weakness', abstraction: w.Abstraction, parents, pillar: null };
  }
  for (const c of catalog.Categories?.Category ?? []) {
    entries[c.ID] = { name: c.Name, kind: 'category', parents: [], pillar: null };
  }
  for (const v of catalog.Views?.View ?? []) {
    entries[v.ID] = { name: v.Name, kind: 'view', parents: [], pillar: null };
  }
  const pillarOf = (id: number, seen: Set<number>): number | null => {
    const e = entries[String(id)];
    if (!e || e.kind !== 'weakness' || seen.has(id)) return null;
    if (e.abstraction === 'Pillar') return id;
    seen.add(id);
    for (const p of e.parents) {
      const found = pillarOf(p, seen);
      if (found !== null) return found;
    }
    return null;
  };
  for (const [id, e] of Object.entries(entries)) e.pillar = pillarOf(Number(id), new Set());
  const sorted: Record<string, TableEntry> = {};
  for (const id of Object.keys(entries).sort((a, b) => Number(a) - Number(b))) sorted[id] = entries[id]!;
  return { version: String(catalog.Version), entries: sorted };
}

export function cweXmlPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('cwe-sdk/package.json')), 'raw', 'cwe-archive.xml');
}

export const TABLE_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'taxonomy', 'cwe-table.json');

export function renderTable(): string {
  return JSON.stringify(buildTable(readFileSync(cweXmlPath(), 'utf8'))) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(TABLE_PATH, renderTable());
  console.log(`wrote ${TABLE_PATH}`);
}
