// npm's `prepare`: builds dist/ with `npm run build`, first installing the build's devDependencies when npm left them
// out, and skips a build that the same sources already made. Plain JavaScript because it may run before anything of
// node_modules/ is there (no tsx, no TypeScript).
//
// `npm install -g git+…` (also how pre-commit ≥ 4.6.1 installs a `language: node` hook) prepares the clone by running
// `npm install --include=dev` in it, but that nested npm inherits npm_config_global=true and the global prefix from
// the outer one through the environment, so it installs the clone as a global package instead of putting its
// devDependencies into it, and the build finds no `tsc` (npm/cli#8440; pacote fixed it later by passing
// --global=false). This does what that fix does: when the build tools are missing, install the locked dependency
// tree in place with --global=false, without install scripts (the build needs none, and this one must not recurse).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// npm sets npm_execpath to the npm-cli.js running this script: the same npm, whatever PATH holds.
const npm = process.env.npm_execpath;
if (!npm) throw new Error('scripts/prepare.mjs is npm\'s `prepare` script: run `npm install` or `npm run build`');
const runNpm = (args) => execFileSync(process.execPath, [npm, ...args], { cwd: root, stdio: 'inherit' });

// npm runs `prepare` twice on one directory when it installs from git (preparing the clone, then packing it), and
// pre-commit ≤ 4.6.0 runs `npm install` then `npm pack`: the second build would make the same files. The stamp sits
// in dist/bundle/, which every build through scripts/bundle.ts deletes first, so a build by other means clears it.
const STAMP = join(root, 'dist', 'bundle', '.prepared-from');
const INPUTS = ['src', 'scripts/bundle.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  // Dirent.parentPath is Node ≥ 20.12's name for Dirent.path.
  return readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

function inputsHash() {
  const hash = createHash('sha256');
  const files = INPUTS.flatMap((input) => filesUnder(join(root, input))).map((file) => relative(root, file)).sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}

const sources = inputsHash();
if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === sources) process.exit(0);
const buildTools = ['typescript/bin/tsc', 'tsx/package.json', 'esbuild/package.json'];
if (!buildTools.every((file) => existsSync(join(root, 'node_modules', file)))) {
  runNpm(['install', '--global=false', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund']);
}
runNpm(['run', 'build']);
writeFileSync(STAMP, sources);
