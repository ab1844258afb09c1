// The last merge of the project facts, remembered: which phase-1 results it was made from (their cache keys, which
// cover each file's path, text and pillar's code) and each file's slice hash. When a run's phase-1 keys are the same,
// the merge would give the same slices (it is a pure function of the facts, and the facts of the texts), so the
// engine reuses the slice hashes and never loads the facts (engine/projectPhase.ts). Sealed like the result pack
// (userKey.ts): a forged state could otherwise pair a file with the phase-2 result of another slice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from './atomicWrite.js';
import { seal, sealedBy } from './userKey.js';

const FORMAT = 'pillar-project-state/1';
const FILE = 'project.json';

export interface ProjectState {
  /** stateKeyOf the phase-1 keys the merge was made from. */
  key: string;
  /** Per reviewed path, its slice hash ('' for an empty slice: the phase-1 findings are the answer). */
  slices: Record<string, string>;
}

/** The stored state, or undefined when there is none, or it is damaged, foreign or not sealed with `key`. */
export function loadProjectState(dir: string, key: Buffer | undefined): ProjectState | undefined {
  if (!key) return undefined;
  try {
    const data = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as { format?: unknown; mac?: unknown; payload?: unknown };
    if (data.format !== FORMAT || typeof data.payload !== 'string' || !sealedBy(key, data.payload, data.mac)) return undefined;
    const state = JSON.parse(data.payload) as Partial<ProjectState>;
    if (typeof state.key !== 'string' || typeof state.slices !== 'object' || state.slices === null) return undefined;
    if (!Object.values(state.slices).every((s) => typeof s === 'string' && /^([0-9a-f]{64})?$/.test(s))) return undefined;
    return { key: state.key, slices: state.slices };
  } catch {
    return undefined;
  }
}

/** Writes the state atomically; a failure only costs the next run its shortcut. */
export function saveProjectState(dir: string, key: Buffer | undefined, state: ProjectState): boolean {
  if (!key) return false;
  const payload = JSON.stringify(state);
  return writeFileAtomically(dir, FILE, JSON.stringify({ format: FORMAT, mac: seal(key, payload), payload }));
}
