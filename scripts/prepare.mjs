// npm's `prepare`: builds dist/ with `npm run build`, first installing the build's devDependencies when npm left them
// out. Plain JavaScript because it may run before anything of node_modules/ is there (no tsx, no TypeScript).
//
// `npm install -g git+…` (also how pre-commit ≥ 4.6.1 installs a `language: node` hook) prepares the clone by running
// `npm install --include=dev` in it, but that nested npm inherits npm_config_global=true and the global prefix from
// the outer one through the environment, so it installs the clone as a global package instead of putting its
// devDependencies into it, and the build finds no `tsc` (npm/cli#8440; pacote fixed it later by passing
// --global=false). This does what that fix does: when the build tools are missing, install the locked dependency
// tree in place, --global=false, scripts off (this script is the root's only one that matters), then build.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// npm sets npm_execpath to the npm-cli.js running this script: the same npm, whatever PATH holds.
const npm = process.env.npm_execpath;
if (!npm) throw new Error('scripts/prepare.mjs is npm\'s `prepare` script: run `npm install` or `npm run build`');
const runNpm = (args) => execFileSync(process.execPath, [npm, ...args], { cwd: root, stdio: 'inherit' });

const buildTools = ['typescript/bin/tsc', 'tsx/package.json', 'esbuild/package.json'];
if (!buildTools.every((file) => existsSync(join(root, 'node_modules', file)))) {
  runNpm(['install', '--global=false', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund']);
}
runNpm(['run', 'build']);
