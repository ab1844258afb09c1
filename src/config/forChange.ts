// The configuration a review runs under, and the one line that says where it came from. A change review takes it
// from the base revision, not from the change: a change that adds `.pillar.yml` with `exclude: ["app.py"]` beside an
// injection in app.py must not review itself away (issue 18, item 4). Config files the change adds or edits are
// reported (`config-changed`) and named on stderr.
import { existsSync, realpathSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import type { ChangeSet } from '../changes/changeSet.js';
import { leavesRoot } from '../changes/changeSet.js';
import type { FileChange } from '../changes/diff.js';
import { lazyRequire } from '../lazyRequire.js';
import { UsageError } from './errors.js';
import { CONFIG_NAMES, loadConfig, MAX_CONFIG_BYTES, parseConfig, searchDirs, tooLarge, type LoadedConfig } from './load.js';

const toml = lazyRequire<typeof import('smol-toml')>('smol-toml');

export interface ReviewConfig extends LoadedConfig {
  /** Lines for stderr (without the `pillar: ` prefix): the config in use, and warnings about config edits. */
  notes: string[];
}

export async function loadReviewConfig(explicit: string | undefined, cwd: string, change?: ChangeSet): Promise<ReviewConfig> {
  if (!change) {
    const loaded = loadConfig(explicit, cwd);
    return { ...loaded, notes: loaded.path ? [`config ${loaded.path}`] : [] };
  }
  const explicitRel = explicit !== undefined ? insideRoot(change.root, resolve(cwd, explicit)) : undefined;
  const loaded = explicit !== undefined && explicitRel === undefined ? loadConfig(explicit, cwd) : await fromBase(change, explicit, explicitRel);
  const notes = loaded.path ? [`config ${loaded.path}${explicitRel !== undefined || explicit === undefined ? ` as of ${change.base.description}` : ''}`] : [];
  for (const file of change.files) {
    if (!(await isConfigEdit(change, file, explicitRel))) continue;
    const verb = file.kind === 'added' ? 'adds' : 'edits';
    const first = Math.min(...file.addedLines);
    change.diagnostics.push({
      file: file.path, code: 'config-changed', ...(Number.isFinite(first) ? { line: first } : {}),
      message: `the change ${verb} a pillar config file; this review ran under the config of ${change.base.description}`,
    });
    notes.push(`warning: the change ${verb} the pillar config ${file.path}; it is not applied to this review`);
  }
  return { ...loaded, notes };
}

async function fromBase(change: ChangeSet, explicit: string | undefined, explicitRel: string | undefined): Promise<LoadedConfig> {
  if (explicit !== undefined && explicitRel !== undefined) {
    const text = await baseText(change, explicitRel, explicit);
    if (text === null) throw new UsageError(`config ${explicit} is not in ${change.base.description}; a change review reads its config from there`);
    return { path: explicit, config: parseConfig(text, explicit, true)! };
  }
  for (const dir of searchDirs(change.cwd, change.root)) {
    for (const name of CONFIG_NAMES) {
      const absolute = join(dir, name);
      const text = await baseText(change, relative(change.root, absolute).split(sep).join('/'), absolute);
      if (text === null) continue;
      const config = parseConfig(text, absolute, false);
      if (config) return { path: absolute, config };
    }
  }
  return { path: null, config: {} };
}

async function baseText(change: ChangeSet, rel: string, shown: string): Promise<string | null> {
  const read = await change.base.read(rel, MAX_CONFIG_BYTES);
  if (read === 'missing') return null;
  if ('size' in read) throw tooLarge(`${shown} (${change.base.description})`, read.size);
  return read.text;
}

/** `absolute` relative to the repository root (`/`-separated), or undefined when it lies outside. */
function insideRoot(root: string, absolute: string): string | undefined {
  const real = existsSync(absolute) ? realpathSync(absolute) : absolute;
  const rel = relative(root, real).split(sep).join('/');
  return rel === '' || leavesRoot(rel) ? undefined : rel;
}

/** True when the change adds or edits a file pillar would read as its config. */
async function isConfigEdit(change: ChangeSet, file: FileChange, explicitRel: string | undefined): Promise<boolean> {
  if (file.addedLines.size === 0 && file.removedAfter.size === 0 && file.kind !== 'added') return false;
  const name = posix.basename(file.path);
  if (file.path === explicitRel || name === '.pillar.yml' || name === '.pillar.yaml') return true;
  if (name !== 'pyproject.toml') return false;
  // A pyproject.toml is pillar's only when its [tool.pillar] table changed.
  const before = await change.base.read(file.oldPath, MAX_CONFIG_BYTES);
  const after = await change.source.read(file.path, MAX_CONFIG_BYTES);
  const table = (text: string | undefined): string => {
    if (text === undefined) return 'null';
    try {
      return JSON.stringify((toml().parse(text) as { tool?: { pillar?: unknown } }).tool?.pillar ?? null);
    } catch {
      return /\[\s*tool\s*\.\s*pillar\b/.test(text) ? `unparsable ${text}` : 'null';
    }
  };
  const old = before !== 'missing' && 'text' in before ? before.text : undefined;
  const now = after.ok ? after.text : undefined;
  return table(old) !== table(now);
}
