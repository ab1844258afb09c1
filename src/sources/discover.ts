// Finds the files to review under the paths the user gave: .gitignore-aware, with include/exclude globs.
// Symbolic links to directories are not followed (so link loops cannot trap the walk); links to files are kept and
// resolved when read, where a loop becomes a diagnostic — unless they lead outside the directory under review
// (`passwd.py -> /etc/passwd`): those are never read (`outside-root`). A directory that cannot be listed is a
// diagnostic (`unreadable`), not a silent gap.
import { fdir } from 'fdir';
import ignore, { type Ignore } from 'ignore';
import * as nodeFs from 'node:fs';
import { promises as fs, readFileSync } from 'node:fs';
import { join, posix, resolve, sep } from 'node:path';
import { CPP_EXTENSIONS } from './language.js';
import picomatch from 'picomatch';
import type { Diagnostic } from '../findings/types.js';
import { realRoot, resolvesOutside } from './confine.js';

export interface DiscoverOptions {
  include: string[];
  exclude: string[];
  respectGitignore: boolean;
  /** Answers of earlier runs to which files .gitignore leaves out (cache/gitignoreMemo.ts). */
  ignoredMemo?: IgnoredMemo;
}

/** The .gitignore files of one directory under review as the matching reads them: each one's path and text. */
export interface GitignoreText { rel: string; text: string }

/** Remembered answers to "does .gitignore leave this file out", valid while the .gitignore files are the same. */
export interface IgnoredMemo {
  /** The test for files under `root`: remembered answers when `gitignores` are those they were made with, else `matches`. */
  decider(root: string, gitignores: readonly GitignoreText[], matches: (rel: string) => boolean): (rel: string) => boolean;
  save(): void;
}

export interface SourceRef {
  /** As shown in reports: the user's path argument joined with the path below it. */
  display: string;
  absolute: string;
}

// C and C++ files are selected by default too; sources/language.ts routes each file to its front-end by extension.
export const DEFAULT_INCLUDE = ['**/*.py', '**/*.pyw', ...CPP_EXTENSIONS.map((e) => `**/*${e}`)];
// Folders no reviewer wants scanned: VCS metadata, tool caches, virtualenvs, build output.
export const ALWAYS_EXCLUDED_DIRS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', '.bzr', 'CVS', '__pycache__', '.tox',
  '.nox', '.eggs', '.venv', 'node_modules', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.pillar-cache']);

export async function discover(paths: string[], options: DiscoverOptions): Promise<{ files: SourceRef[]; diagnostics: Diagnostic[] }> {
  const files = new Map<string, SourceRef>();
  const diagnostics: Diagnostic[] = [];
  const isIncluded = includeMatcher(options.include);
  const excluders = options.exclude.map((p) => picomatch(p, { dot: true, basename: true }));
  const isExcluded = (rel: string): boolean => excluders.some((m) => m(rel));

  for (const input of paths) {
    let stat;
    try {
      stat = await fs.stat(input);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      diagnostics.push({
        file: input, code: code === 'ELOOP' ? 'symlink-loop' : 'not-found',
        message: code === 'ELOOP' ? 'symbolic link loop' : `cannot access: ${(error as Error).message}`,
      });
      continue;
    }
    if (!stat.isDirectory()) {
      // A file named explicitly is reviewed whatever its extension, as linters do.
      files.set(resolve(input), { display: input, absolute: resolve(input) });
      continue;
    }
    const root = resolve(input);
    const base = root.endsWith(sep) ? root : `${root}${sep}`;
    const relOf = sep === '/' ? (path: string): string => path.slice(base.length) : (path: string): string => path.slice(base.length).split(sep).join('/');
    const displayOf = displayer(input);
    // fdir lists directories through this fs: it notes the symbolic links it meets (fdir reports them as files) and
    // the directories it cannot list (fdir would skip them silently).
    const links = new Set<string>();
    const unlisted: Array<{ dir: string; error: NodeJS.ErrnoException }> = [];
    const readdirSync = ((dir: string, options: { withFileTypes: true }) => {
      try {
        const entries = nodeFs.readdirSync(dir, options);
        for (const e of entries) if (e.isSymbolicLink()) links.add(join(dir, e.name));
        return entries;
      } catch (error) {
        unlisted.push({ dir, error: error as NodeJS.ErrnoException });
        return [];
      }
    }) as typeof nodeFs.readdirSync;
    // A directory the excludes match is not entered, so every file below it is excluded: the same as matching each
    // prefix of each file's path, for one test per directory. Links to directories are listed as files, not entered.
    const found = new fdir({ fs: { ...nodeFs, readdirSync } } as ConstructorParameters<typeof fdir>[0])
      .withFullPaths()
      .exclude((name, dirPath) => ALWAYS_EXCLUDED_DIRS.has(name) || (excluders.length > 0 && isExcluded(relOf(dirPath.slice(0, -1)))))
      .crawl(root)
      .sync()
      .map((absolute) => ({ absolute, rel: relOf(absolute) }))
      .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
    let real: string | undefined;
    const texts = options.respectGitignore ? readGitignores(base, found.map((f) => f.rel)) : [];
    const gitignores = texts.map(scopeOf);
    const matches = (rel: string): boolean => gitignores.some((g) => g.applies(rel));
    const ignored = texts.length === 0 ? () => false : options.ignoredMemo?.decider(root, texts, matches) ?? matches;
    for (const { dir, error } of unlisted) {
      const rel = relOf(dir.endsWith(sep) ? dir.slice(0, -1) : dir);
      // A directory .gitignore leaves out would not have been reviewed anyway.
      if (rel !== '' && matches(`${rel}/`)) continue;
      diagnostics.push({
        file: displayOf(rel), code: 'unreadable',
        message: `cannot list the directory (${error.code ?? error.message}); the files in it were not reviewed`,
      });
    }
    for (const { absolute, rel } of found) {
      if (!isIncluded(rel) || (excluders.length > 0 && isExcluded(rel))) continue;
      if (ignored(rel)) continue;
      if (links.has(absolute) && resolvesOutside(absolute, real ??= realRoot(root))) {
        diagnostics.push({
          file: displayOf(rel), code: 'outside-root',
          message: 'a symbolic link to a file outside the reviewed directory; not followed, not reviewed',
        });
        continue;
      }
      files.set(absolute, { display: displayOf(rel), absolute });
    }
  }
  options.ignoredMemo?.save();
  const ordered = [...files.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { files: ordered, diagnostics };
}

// A double star, a slash, a star and a plain extension: the shape of every default include pattern.
const SUFFIX_PATTERN = /^\*\*\/\*(\.[A-Za-z0-9]+)$/;

// The include test. Patterns of SUFFIX_PATTERN's shape are answered by the path's suffix: picomatch (dot: true,
// basename: true) answers the same for every path that does not end with '/', which a file's never does; testing
// the nine default patterns through picomatch on each of nova's ~5,000 files was a tenth of a re-review's CPU. Any
// other pattern goes to picomatch as before.
export function includeMatcher(patterns: readonly string[]): (rel: string) => boolean {
  const suffixes: string[] = [];
  const others: string[] = [];
  for (const p of patterns) {
    const m = SUFFIX_PATTERN.exec(p);
    if (m) suffixes.push(m[1]!);
    else others.push(p);
  }
  const rest = others.length > 0 ? picomatch(others, { dot: true, basename: true }) : undefined;
  let all: ((rel: string) => boolean) | undefined;
  return (rel) => {
    if (rel.endsWith('/')) return patterns.length > 0 && (all ??= picomatch([...patterns], { dot: true, basename: true }))(rel);
    for (const s of suffixes) if (rel.endsWith(s)) return true;
    return rest?.(rel) ?? false;
  };
}

/** Report paths under one input: the user's spelling of the directory, normalised once, joined with the walk's. */
function displayer(input: string): (rel: string) => string {
  const dir = posix.normalize(input.split(sep).join('/'));
  const prefix = dir === '.' || dir === './' ? '' : dir.endsWith('/') ? dir : `${dir}/`;
  return (rel) => (rel === '' ? (prefix === '' ? '.' : dir) : `${prefix}${rel}`);
}

interface GitignoreScope { applies(rel: string): boolean }

function readGitignores(root: string, rels: string[]): GitignoreText[] {
  const texts: GitignoreText[] = [];
  for (const rel of rels.filter((r) => r === '.gitignore' || r.endsWith('/.gitignore')).sort()) {
    try {
      texts.push({ rel, text: readFileSync(join(root, rel), 'utf8') });
    } catch {
      continue;
    }
  }
  return texts;
}

/** A .gitignore's test, its patterns compiled on first use (a run the memo answers never compiles them). */
function scopeOf({ rel, text }: GitignoreText): GitignoreScope {
  const dir = posix.dirname(rel);
  const prefix = dir === '.' ? '' : `${dir}/`;
  let matcher: Ignore | undefined;
  return { applies: (path) => path.startsWith(prefix) && (matcher ??= ignore().add(text)).ignores(path.slice(prefix.length)) };
}
