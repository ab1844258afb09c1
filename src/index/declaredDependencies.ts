// The minimum version a project declares for a distribution, read from the text of its manifests (requirements.txt,
// setup.cfg `[options] install_requires`, pyproject.toml `[project] dependencies`). Pure: sources/projectManifests.ts
// finds and reads the files. Understands the PEP 508 / PEP 440 forms requirement files use (`>=`, `==`, `~=`, `>`,
// `===`, extras, markers, comments); anything else about a distribution (a URL, a bare name) makes its minimum unknown.
import { lazyRequire } from '../lazyRequire.js';

const toml = lazyRequire<typeof import('smol-toml')>('smol-toml');

/** Per distribution (PEP 503 normalised name), the lowest version the project lets be installed; absent: unknown. */
export type DeclaredVersions = Readonly<Record<string, string>>;

/** One requirement: its normalised name and its lower bound (null: none stated). */
export interface Requirement { name: string; minimum: string | null }

/** PEP 503: case-insensitive, runs of `-`, `_`, `.` are one `-`. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*/;
const CLAUSE = /^\s*(===|==|~=|>=|<=|!=|>|<)\s*([^\s,;]+)\s*$/;

/** One PEP 508 requirement string (`Django[argon2]>=4.2,<5 ; python_version>="3.8"`), or null when it is not one. */
export function parseRequirement(text: string): Requirement | null {
  const spec = text.replace(/(^|\s)#.*$/, '').split(';')[0]!.trim();
  const head = NAME.exec(spec);
  if (!head) return null;
  const name = normaliseName(head[1]!);
  let rest = spec.slice(head[0].length).trim();
  // `name @ https://…`: whatever that archive holds.
  if (rest.startsWith('@')) return { name, minimum: null };
  if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1);
  if (rest === '') return { name, minimum: null };
  let minimum: string | null = null;
  for (const clause of rest.split(',')) {
    const m = CLAUSE.exec(clause);
    if (!m) return null;
    const [, op, raw] = m as unknown as [string, string, string];
    // Only these bound the versions from below; `==4.2.*` admits 4.2 and up within 4.2.
    if (op !== '>=' && op !== '==' && op !== '~=' && op !== '>' && op !== '===') continue;
    const version = raw.replace(/\.\*$/, '');
    if (parseVersion(version) === null) return { name, minimum: null };
    // `>V` admits only versions above V: V is a bound from below all the same (`>1.8` meets "at least 1.8").
    if (minimum === null || compareVersions(version, minimum) > 0) minimum = version;
  }
  return { name, minimum };
}

/** Lines of a requirements file; options (`-r`, `-c`, `-e`, `--hash`) and URLs are not followed. */
export function requirementsTxt(text: string): Requirement[] {
  const out: Requirement[] = [];
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const body = line.replace(/(^|\s)#.*$/, '').trim();
    if (body === '' || body.startsWith('-')) continue;
    const r = parseRequirement(body.replace(/\s--\S+.*$/, ''));
    if (r) out.push(r);
  }
  return out;
}

/** `[options] install_requires` of a setup.cfg (setuptools' declarative config), one requirement a line or `;`-less list. */
export function setupCfg(text: string): Requirement[] {
  const out: Requirement[] = [];
  let section = '';
  let inKey = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+[#;].*$/, '');
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) { section = header[1]!.trim(); inKey = false; continue; }
    if (/^\s*[#;]/.test(raw) || line.trim() === '') continue;
    const indented = /^\s/.test(line);
    if (!indented) {
      const kv = /^([^=:]+)[=:](.*)$/.exec(line);
      inKey = section === 'options' && kv !== null && kv[1]!.trim() === 'install_requires';
      if (inKey && kv![2]!.trim() !== '') for (const part of kv![2]!.split(',')) push(out, part);
      continue;
    }
    if (inKey) push(out, line);
  }
  return out;
}

function push(out: Requirement[], text: string): void {
  const r = text.trim() === '' ? null : parseRequirement(text.trim());
  if (r) out.push(r);
}

/** `[project] dependencies` of a pyproject.toml (PEP 621); a file that does not parse declares nothing. */
export function pyprojectToml(text: string): Requirement[] {
  let doc: unknown;
  try {
    doc = toml().parse(text);
  } catch {
    return [];
  }
  const project = (doc as { project?: { dependencies?: unknown } }).project;
  const deps = project?.dependencies;
  if (!Array.isArray(deps)) return [];
  return deps.filter((d): d is string => typeof d === 'string').map(parseRequirement).filter((r): r is Requirement => r !== null);
}

/** The manifests read, by file name, with their parser. lower-constraints.txt and test requirements are not declarations of what runs. */
export const MANIFESTS: ReadonlyArray<{ file: string; parse: (text: string) => Requirement[] }> = [
  { file: 'requirements.txt', parse: requirementsTxt },
  { file: 'setup.cfg', parse: setupCfg },
  { file: 'pyproject.toml', parse: pyprojectToml },
];

/**
 * The declared minimum of each of `names` over every requirement of one project's manifests: the lowest, since any
 * of them may be what installs it; unknown when some declaration states no lower bound.
 */
export function declaredMinimums(requirements: readonly Requirement[], names: readonly string[]): DeclaredVersions {
  const out: Record<string, string> = {};
  for (const wanted of names.map(normaliseName)) {
    const found = requirements.filter((r) => r.name === wanted);
    if (found.length === 0 || found.some((r) => r.minimum === null)) continue;
    out[wanted] = found.map((r) => r.minimum!).reduce((a, b) => (compareVersions(a, b) <= 0 ? a : b));
  }
  return out;
}

interface Version { release: number[]; /** Pre-release rank: a < b < rc < final (3); dev releases come first (−1). */ pre: number; preNumber: number }

/** PEP 440's public version, without epoch and local parts, enough to order minimums; null when it is not one. */
export function parseVersion(text: string): Version | null {
  const m = /^v?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:[-_.]?post[-_.]?\d*)?(?:[-_.]?dev[-_.]?(\d*))?$/i.exec(text.trim());
  if (!m) return null;
  const tag = m[2]?.toLowerCase();
  const pre = m[4] !== undefined && tag === undefined ? -1 : tag === undefined ? 3 : tag.startsWith('a') ? 0 : tag.startsWith('b') ? 1 : 2;
  return { release: m[1]!.split('.').map(Number), pre, preNumber: Number(m[3] || 0) };
}

/** Orders two versions (negative: a is older); unparseable versions order as 0. */
export function compareVersions(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) return 0;
  const n = Math.max(va.release.length, vb.release.length);
  for (let i = 0; i < n; i++) {
    const d = (va.release[i] ?? 0) - (vb.release[i] ?? 0);
    if (d !== 0) return d;
  }
  return va.pre - vb.pre || va.preNumber - vb.preNumber;
}
