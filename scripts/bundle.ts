// Builds the command into one file per thread from the per-module build tsc wrote to dist/: dist/bundle/cli.cjs for
// the main thread and dist/bundle/worker.cjs for each pool worker (started by dist/bundle/worker.js). Node 20 took
// ~170 ms to load pillar's ~250 ES modules and their dependencies, most of it per-module work in the ES module
// loader; one file loads in ~50 ms, and both files are CommonJS so that they can be compiled with a V8 code cache
// (src/cli/codeCache.ts), which Node 20 offers for scripts but not for ES modules. Run by `npm run build` after tsc.
// The per-module build stays the library entry point (dist/api.js).
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'bundle');

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // web-tree-sitter finds its .wasm beside its own module, and piscina starts threads from its own files: both are
  // loaded from node_modules as published. Packages loaded on demand (src/lazyRequire.ts) are required at run time.
  external: ['web-tree-sitter', 'piscina'],
  define: { __PILLAR_BUNDLE__: JSON.stringify({ version }) },
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * `node:child_process` loaded on first call: loading it cost 10-25 ms of every run's start-up, for commander (which
 * spawns only executable subcommands, pillar has none) and `--diff`'s git calls. The functions the bundle calls are
 * listed; a module that imports another fails the build (esbuild: no matching export), and commander's CommonJS code
 * reaches these through the same module.
 */
const lazyChildProcess: Plugin = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (args.namespace === 'pillar'
      ? { path: 'node:child_process', external: true }
      : { path: 'lazy-child-process', namespace: 'pillar' }));
    b.onLoad({ filter: /.*/, namespace: 'pillar' }, () => ({
      loader: 'js',
      contents: [
        'let loaded;',
        "const load = () => (loaded ??= require('node:child_process'));",
        'export function execFile(...args) { return load().execFile(...args); }',
        'export function spawn(...args) { return load().spawn(...args); }',
      ].join('\n'),
    }));
  },
};

rmSync(OUT, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: [join(ROOT, 'dist', 'cli', 'main.js')],
  outfile: join(OUT, 'cli.cjs'),
  format: 'cjs',
  plugins: [lazyChildProcess],
  // The modules locate files relative to import.meta.url, which CommonJS does not have.
  define: { ...common.define, 'import.meta.url': '__pillarModuleUrl' },
  banner: { js: "var __pillarModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The worker's code is CommonJS too, for the same code cache (src/engine/workerLoader.ts); piscina starts each thread
// from the small ES module that loads it.
await build({
  ...common,
  entryPoints: [join(ROOT, 'dist', 'engine', 'worker.js')],
  outfile: join(OUT, 'worker.cjs'),
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__pillarModuleUrl' },
  banner: { js: "var __pillarModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...common,
  entryPoints: [join(ROOT, 'dist', 'engine', 'workerLoader.js')],
  outfile: join(OUT, 'worker.js'),
  format: 'esm',
  // CommonJS dependencies bundled into an ES module call require() for Node's built-in modules.
  banner: { js: "import { createRequire as __pillarCreateRequire } from 'node:module';\nconst require = __pillarCreateRequire(import.meta.url);" },
});
