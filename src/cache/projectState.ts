// The last merge of the project facts, remembered (engine/projectPhase.ts): per file, the cache key of the phase-1
// result it was made from (covering the file's path, text and pillar's code), the hash of the file's global facts and
// its slice hash; the resolved function summaries and what each function's facts contribute to them; the import
// bindings and function names name resolution looked up; and an index of every file's global facts. A run whose phase-1 keys are all the same reuses the slice hashes without loading any
// facts; one where only some files changed, and not in their global facts, merges from the index and slices those
// files alone. Sealed like the result pack (userKey.ts): a forged state could otherwise pair a file with the
// phase-2 result of another slice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionSummaryFacts } from '../index/types.js';
import { writeFileAtomically } from './atomicWrite.js';
import { seal, sealedBy } from './userKey.js';

const FORMAT = 'pillar-project-state/7';
const FILE = 'project.json';

/** A file's phase-1 key, the hash of its global facts (index/project.ts globalHash), its slice hash ('' when empty). */
export type StateRow = [phase1Key: string, globalHash: string, sliceHash: string];

export interface ProjectState {
  files: Record<string, StateRow>;
  summaries: Array<[string, FunctionSummaryFacts]>;
  /** The functions found to scope by project, with how (index/project.ts exportScopers). */
  scopers: Array<[string, string]>;
  /** Each function's effective plan (index/project.ts effectivePlan), for those that have one. */
  plans: Record<string, string>;
  importsConsulted: string[];
  /** Every function name a resolution asked about (ProjectFacts.askedNames). */
  askedNames: string[];
  /** JSON of `Record<path, IndexedFacts>` (index/project.ts); parsed only by a merge that needs it. */
  index: string;
}

const HEX = /^[0-9a-f]{64}$/;
const isRow = (r: unknown): r is StateRow => Array.isArray(r) && r.length === 3 && HEX.test(String(r[0])) &&
  HEX.test(String(r[1])) && (r[2] === '' || HEX.test(String(r[2])));

/** The stored state, or undefined when there is none, or it is damaged, foreign or not sealed with `key`. */
export function loadProjectState(dir: string, key: Buffer | undefined): ProjectState | undefined {
  if (!key) return undefined;
  try {
    const data = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as { format?: unknown; mac?: unknown; payload?: unknown; index?: unknown };
    if (data.format !== FORMAT || typeof data.payload !== 'string' || typeof data.index !== 'string' ||
      !sealedBy(key, `${data.payload}\0${data.index}`, data.mac)) return undefined;
    const state = JSON.parse(data.payload) as Partial<ProjectState>;
    if (typeof state.files !== 'object' || state.files === null || !Object.values(state.files).every(isRow)) return undefined;
    if (!Array.isArray(state.summaries) || !Array.isArray(state.scopers) || !Array.isArray(state.importsConsulted) || !Array.isArray(state.askedNames) || typeof state.plans !== 'object' || state.plans === null) return undefined;
    return { files: state.files, summaries: state.summaries, scopers: state.scopers, plans: state.plans, importsConsulted: state.importsConsulted, askedNames: state.askedNames, index: data.index };
  } catch {
    return undefined;
  }
}

/** Writes the state atomically; a failure only costs the next run its shortcut. */
export function saveProjectState(dir: string, key: Buffer | undefined, state: ProjectState): boolean {
  if (!key) return false;
  const { index, ...rest } = state;
  const payload = JSON.stringify(rest);
  return writeFileAtomically(dir, FILE, JSON.stringify({ format: FORMAT, mac: seal(key, `${payload}\0${index}`), payload, index }));
}
