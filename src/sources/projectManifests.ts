// Which project each reviewed file belongs to, judged by its manifests, and what that project declares about the
// distributions rules ask (index/declaredDependencies.ts). A file's project is the nearest directory at or above it
// holding a requirements.txt, setup.cfg or pyproject.toml; the walk stops at the repository root (a `.git` entry)
// or, outside a repository, at the reviewed directory, so nothing above what the user named is read.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { declaredMinimums, MANIFESTS, type DeclaredVersions, type Requirement } from '../index/declaredDependencies.js';
import { realRoot, resolvesOutside } from './confine.js';
import { readSource } from './read.js';

/** Manifests are small; a larger file is not a manifest anyone maintains by hand, and is not read. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

/** Reads one manifest by its directory key and file name; null when absent or unreadable. */
export type ManifestReader = (dir: string, file: string) => Promise<string | null>;

/**
 * Per file, the declared minimums of `names` in its project (an empty object: the file has no project, or it
 * declares none of them). `dirs[i]` is file i's directory and `ceilings[i]` the last directory the walk may read,
 * both as keys `parentOf` understands ('/'-separated, '' the top).
 */
export async function declaredVersionsOf(
  dirs: readonly string[], ceilings: readonly string[], names: readonly string[],
  read: ManifestReader, parentOf: (dir: string) => string | null,
): Promise<DeclaredVersions[]> {
  const byDir = new Map<string, Promise<Requirement[] | null>>();
  /** The requirements the manifests of `dir` state, or null when it holds none. */
  const requirementsIn = (dir: string): Promise<Requirement[] | null> => {
    let found = byDir.get(dir);
    if (!found) {
      found = (async () => {
        let any = false;
        const out: Requirement[] = [];
        for (const m of MANIFESTS) {
          const text = await read(dir, m.file);
          if (text === null) continue;
          any = true;
          out.push(...m.parse(text));
        }
        return any ? out : null;
      })();
      byDir.set(dir, found);
    }
    return found;
  };
  const out: DeclaredVersions[] = [];
  const empty: DeclaredVersions = Object.freeze({});
  if (names.length === 0) return dirs.map(() => empty);
  for (const [i, start] of dirs.entries()) {
    let result = empty;
    for (let dir: string | null = start; dir !== null; dir = dir === ceilings[i] ? null : parentOf(dir)) {
      const requirements = await requirementsIn(dir);
      if (requirements !== null) { result = declaredMinimums(requirements, names); break; }
    }
    out.push(result);
  }
  return out;
}

/**
 * A reader of manifests on disk (absolute directory keys). A manifest that is a link to a file outside every
 * ceiling is not read: reads stay in the tree under review, as for sources (confine.ts).
 */
export function diskManifests(ceilings: readonly string[]): ManifestReader {
  const roots = [...new Set(ceilings)].map(realRoot);
  return async (dir, file) => {
    const path = join(dir, file);
    if (!existsSync(path) || roots.every((root) => resolvesOutside(path, root))) return null;
    const read = await readSource(path, file, MAX_MANIFEST_BYTES);
    return read.ok ? read.text : null;
  };
}

/** The parent of an absolute directory, null at the filesystem root. */
export function diskParent(dir: string): string | null {
  const up = dirname(dir);
  return up === dir ? null : up;
}

/**
 * For files found on disk from the user's path arguments: the ceiling of the walk for a file, the repository root
 * above the argument it was found under, or that argument itself outside a repository.
 */
export function diskCeilings(files: readonly string[], paths: readonly string[]): string[] {
  const roots = paths.map((p) => {
    const absolute = resolve(p);
    let dir = absolute;
    try { if (!statSync(absolute).isDirectory()) dir = dirname(absolute); } catch { dir = dirname(absolute); }
    return { dir, ceiling: repositoryRoot(dir) ?? dir };
  });
  return files.map((file) => {
    // The longest argument the file lies under (an argument may sit inside another).
    let best: { dir: string; ceiling: string } | undefined;
    for (const r of roots) {
      if ((file.startsWith(r.dir.endsWith(sep) ? r.dir : r.dir + sep)) && (!best || r.dir.length > best.dir.length)) best = r;
    }
    return best?.ceiling ?? dirname(file);
  });
}

function repositoryRoot(dir: string): string | null {
  for (let d: string | null = dir; d !== null; d = diskParent(d)) if (existsSync(join(d, '.git'))) return d;
  return null;
}
