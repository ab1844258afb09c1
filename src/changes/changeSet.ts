// Turns what the user names — a git range (`A..B`, `A...B`, `REV` for the working tree) or a patch — into a
// ChangeSet: the changed files with their new lines, and where to read those files at the reviewed revision.
import { readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from '../config/errors.js';
import type { Diagnostic } from '../findings/types.js';
import { commitBase, patchBase, type BaseSource } from './baseSource.js';
import { parseUnifiedDiff, type FileChange } from './diff.js';
import { EMPTY_TREE, gitText, resolveCommit, workTreeRoot } from './git.js';
import { commitSource, workingTreeSource, type SourceProvider } from './sourceProvider.js';

export interface ChangeSet {
  /** What was reviewed, for reports: `origin/master..HEAD`, `HEAD (working tree)`, `patch from stdin`. */
  label: string;
  /** The directory the diff's paths are relative to (the repository root when there is one). */
  root: string;
  /** Where the user ran from: path arguments that narrow the review are relative to it. */
  cwd: string;
  files: FileChange[];
  source: SourceProvider;
  /** The files as they were before the change: where the review's configuration is read from. */
  base: BaseSource;
  /** What the change itself calls for reporting: paths outside the root (`outside-root`), config edits (`config-changed`). */
  diagnostics: Diagnostic[];
}

/**
 * `A..B` compares commit A with commit B and reviews the files as they are in B (read from git, so B need not be
 * checked out); `A...B` compares B with the merge base of A and B, as pull-request views do; a single revision
 * compares it with the working tree (tracked files only, staged or not), which is what `--diff HEAD` means.
 */
export async function changeFromGitRange(spec: string, cwd: string): Promise<ChangeSet> {
  const root = await workTreeRoot(cwd);
  if (root === null) throw new UsageError(`--diff needs a git work tree, and ${cwd} is not inside one`);
  if (spec.trim() === '') throw new UsageError('--diff needs a revision or a range such as origin/master..HEAD');
  const range = /^(.*?)(\.\.\.?)(.*)$/.exec(spec);
  let base: string;
  let head: string | null = null;
  if (range) {
    const [, from = '', dots, to = ''] = range;
    head = await commitOf(root, to || 'HEAD');
    base = await commitOf(root, from || 'HEAD');
    if (dots === '...') base = (await gitText(root, ['merge-base', base, head], `finding the merge base of ${spec}`)).trim();
  } else {
    const commit = await resolveCommit(root, spec);
    // Before the first commit HEAD names nothing; everything staged is then new.
    if (commit === null && spec === 'HEAD') base = EMPTY_TREE;
    else base = await commitOf(root, spec);
  }
  const args = [
    '-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--no-relative',
    '--find-renames', '--unified=0', '--src-prefix=a/', '--dst-prefix=b/', '--ignore-submodules', base,
    ...(head ? [head] : []), '--',
  ];
  const text = await gitText(root, args, `git diff for ${spec}`);
  return {
    label: head ? spec : `${spec} (working tree)`,
    root,
    // git answers with the real path of the root; compare path arguments against the real cwd too.
    cwd: realpathSync(cwd),
    files: parseUnifiedDiff(text),
    source: head ? commitSource(root, head) : workingTreeSource(root),
    base: commitBase(root, base),
    diagnostics: [],
  };
}

async function commitOf(root: string, rev: string): Promise<string> {
  const commit = await resolveCommit(root, rev);
  if (commit === null) throw new UsageError(`'${rev}' does not name a commit in ${root}`);
  return commit;
}

/**
 * A patch's paths are taken relative to the repository that holds `cwd` (git diffs are written from the root),
 * or to `cwd` outside git; the files are read from that working tree, which must already contain the change.
 */
export async function changeFromPatch(text: string, label: string, cwd: string): Promise<ChangeSet> {
  const files = parseUnifiedDiff(text);
  if (files.length === 0 && !/^(?:diff --git |--- |\+\+\+ )/m.test(text) && text.trim() !== '') {
    throw new UsageError(`${label} is not a unified diff (no '---'/'+++' file headers found)`);
  }
  const root = (await workTreeRoot(cwd)) ?? resolve(cwd);
  // A patch is anyone's text: `../outside/x.py` or `/etc/passwd` would have pillar read, and print, files outside
  // the tree it reviews. They are skipped, never read, and said so.
  const inside = files.filter((f) => !leavesRoot(f.path));
  const diagnostics: Diagnostic[] = files.filter((f) => leavesRoot(f.path)).map((f) => ({
    file: f.path, code: 'outside-root', message: `the patch names a file outside ${root}; not read, not reviewed`,
  }));
  return { label, root, cwd: realpathSync(cwd), files: inside, source: workingTreeSource(root), base: patchBase(root, inside), diagnostics };
}

/** True for a diff path that is absolute or climbs out of the directory it is relative to. */
export function leavesRoot(path: string): boolean {
  if (path === '' || isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path) || path.includes('\0')) return true;
  const normal = posix.normalize(path.replace(/\\/g, '/'));
  return normal === '..' || normal.startsWith('../') || normal.startsWith('/');
}

export interface FileFilter {
  /** Restrict to changed files at or under these paths (relative to the change's `cwd`); empty means all. */
  paths: string[];
  include: string[];
  exclude: string[];
}

/** The changed files that a review should analyse: the same include/exclude rules as a directory review. */
export function selectChangedFiles(change: ChangeSet, filter: FileFilter): FileChange[] {
  const isIncluded = picomatch(filter.include, { dot: true, basename: true });
  const excluders = filter.exclude.map((p) => picomatch(p, { dot: true, basename: true }));
  const scopes = filter.paths.map((p) => {
    const rel = relative(change.root, resolve(change.cwd, p)).split(sep).join('/');
    return rel === '' ? '' : rel;
  });
  const outside = scopes.find((s) => s.startsWith('../') || s === '..' || isAbsolute(s));
  if (outside !== undefined) throw new UsageError(`path ${outside} lies outside the repository ${change.root}`);
  return change.files.filter((file) => {
    if (file.addedLines.size === 0 && file.removedAfter.size === 0) return false;
    if (scopes.length > 0 && !scopes.some((s) => s === '' || file.path === s || file.path.startsWith(`${s}/`))) return false;
    // A file named explicitly is reviewed whatever its extension (pre-commit passes extension-less scripts).
    if (!scopes.includes(file.path) && !isIncluded(file.path)) return false;
    const parts = file.path.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (excluders.some((m) => m(prefix))) return false;
    }
    return true;
  });
}

/** The changed files as the file list a review walks: display path = repository-relative path. */
export function changedSourceRefs(change: ChangeSet, filter: FileFilter): Array<{ display: string; absolute: string }> {
  return selectChangedFiles(change, filter).map((f) => ({ display: f.path, absolute: join(change.root, ...f.path.split('/')) }));
}

/** The text of a file argument, or of standard input for `-` (`--patch -`, `post-gerrit -`). */
export async function readTextInput(arg: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if (arg !== '-') {
    try {
      return readFileSync(arg, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read patch ${arg}: ${(error as Error).message}`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
