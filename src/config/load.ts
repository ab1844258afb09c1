// Finds and validates the config file: an explicit --config, else .pillar.yml/.pillar.yaml or a pyproject.toml with
// [tool.pillar] in the current directory or its ancestors up to the repository root (the directory holding `.git`),
// never above it: a `/tmp/.pillar.yml` must not configure every checkout under /tmp. Outside a repository only the
// current directory is searched. Errors name the file and the offending key. Change reviews read the config from the
// base revision instead (forChange.ts).
import type { ValidateFunction } from 'ajv';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { lazyRequire } from '../lazyRequire.js';
import { realRoot, resolvesOutside } from '../sources/confine.js';
import { UsageError } from './errors.js';
import { CONFIG_SCHEMA, type ConfigFile } from './schema.js';

export interface LoadedConfig { path: string | null; config: ConfigFile }

/** The names searched in each directory, in order of preference. */
export const CONFIG_NAMES = ['.pillar.yml', '.pillar.yaml', 'pyproject.toml'] as const;
/**
 * Bounds on a config file, checked before it is validated or used: far above any real config (pillar's own keys
 * hold a few dozen entries), low enough that a hostile file (200,000 globs took V8 out of memory) is one line, exit 2.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;
export const MAX_CONFIG_ENTRIES = 10_000;

const ajv = lazyRequire<typeof import('ajv')>('ajv');
const toml = lazyRequire<typeof import('smol-toml')>('smol-toml');
const yaml = lazyRequire<typeof import('yaml')>('yaml');

// Compiled on first use: Ajv's code generation costs ~50 ms, paid only by runs that have a file to check.
let compiled: ValidateFunction<ConfigFile> | undefined;
const validator = (): ValidateFunction<ConfigFile> =>
  compiled ??= new (ajv().Ajv)({ allErrors: true, allowUnionTypes: true }).compile<ConfigFile>(CONFIG_SCHEMA);

export function loadConfig(explicit: string | undefined, cwd: string): LoadedConfig {
  if (explicit) {
    if (!existsSync(explicit)) throw new UsageError(`config file ${explicit} does not exist`);
    return { path: explicit, config: readConfig(explicit, true)! };
  }
  const root = repositoryRoot(cwd);
  const dirs = searchDirs(cwd, root);
  const top = realRoot(root ?? dirs[0]!);
  for (const dir of dirs) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (!existsSync(candidate)) continue;
      // A config found by the search is the reviewed tree's file: a link out of it (to /etc/shadow) is not read,
      // as a parse error would quote the file's lines.
      if (resolvesOutside(candidate, top)) throw new UsageError(`config ${candidate} is a symbolic link out of the repository; not read`);
      const config = readConfig(candidate, false);
      if (config) return { path: candidate, config };
    }
  }
  return { path: null, config: {} };
}

/** The nearest directory at or above `dir` that holds `.git` (a directory, or a file in linked work trees). */
export function repositoryRoot(dir: string): string | null {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at;
    if (dirname(at) === at) return null;
  }
}

/** Where the config is searched, nearest first: `cwd` up to its repository's root, or `cwd` alone outside one. */
export function searchDirs(cwd: string, root: string | null = repositoryRoot(cwd)): string[] {
  const start = resolve(cwd);
  const inside = root !== null && (start === root || start.startsWith(root.endsWith(sep) ? root : `${root}${sep}`));
  if (!inside) return [start];
  const dirs: string[] = [];
  for (let at = start; ; at = dirname(at)) {
    dirs.push(at);
    if (at === root || dirname(at) === at) return dirs; // the second is unreachable: root is an ancestor
  }
}

function readConfig(path: string, required: boolean): ConfigFile | null {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_CONFIG_BYTES) throw tooLarge(path, size);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read config ${path}: ${(error as Error).message}`);
  }
  return parseConfig(text, path, required);
}

export function tooLarge(path: string, size: number): UsageError {
  return new UsageError(`config ${path} is ${size} bytes, over the ${MAX_CONFIG_BYTES}-byte bound for a config file`);
}

/** Parses and validates a config file's text; null for a pyproject.toml without [tool.pillar] unless `required`. */
export function parseConfig(text: string, path: string, required: boolean): ConfigFile | null {
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) throw tooLarge(path, Buffer.byteLength(text));
  let raw: unknown;
  try {
    if (path.endsWith('.toml')) {
      const tool = (toml().parse(text) as { tool?: { pillar?: unknown } }).tool;
      if (tool?.pillar === undefined) {
        if (required) throw new UsageError(`${path} has no [tool.pillar] table`);
        return null;
      }
      raw = tool.pillar;
    } else {
      raw = yaml().parse(text) ?? {};
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read config ${path}: ${(error as Error).message}`);
  }
  // Before validation: Ajv with allErrors would list every one of a million bad entries.
  const entries = countEntries(raw);
  if (entries > MAX_CONFIG_ENTRIES) {
    throw new UsageError(`config ${path} has more than ${MAX_CONFIG_ENTRIES} entries (keys and list items), the bound for a config file`);
  }
  const validate = validator();
  if (!validate(raw)) {
    const details = (validate.errors ?? []).map((e) => {
      const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
      if (e.keyword === 'additionalProperties') {
        return `${where}: unknown key '${(e.params as { additionalProperty: string }).additionalProperty}'`;
      }
      if (e.keyword === 'enum') {
        return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
      }
      return `${where}: ${e.message}`;
    });
    throw new UsageError(`invalid config ${path}:\n  ${details.join('\n  ')}`);
  }
  return raw;
}

/** Keys and list items, at every depth (the schema is flat, so this is keys plus the items of each list). */
function countEntries(value: unknown): number {
  let count = 0; // stops counting past the bound
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= MAX_CONFIG_ENTRIES) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      count += v.length;
      stack.push(...v.slice(0, MAX_CONFIG_ENTRIES + 1));
    } else if (typeof v === 'object' && v !== null) {
      const values = Object.values(v);
      count += values.length;
      stack.push(...values.slice(0, MAX_CONFIG_ENTRIES + 1));
    }
  }
  return count;
}
