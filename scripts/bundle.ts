// Builds the command into one ES module per thread: dist/bundle/cli.js (the main thread) and dist/bundle/worker.js
// (each pool worker), from the per-module build tsc wrote to dist/. Node 20 loads ~250 modules of pillar and its
// dependencies in ~170 ms, most of it per-module work in the ES module loader; re-reviewing one changed file takes
// well under that once loaded, so start-up is the larger part of it. One file each loads in ~60 ms.
// Run by `npm run build` after tsc; bin/pillar.js runs dist/bundle/cli.js. The per-module build stays the library
// entry point (dist/api.js).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'bundle');

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: { cli: join(ROOT, 'dist', 'cli', 'main.js'), worker: join(ROOT, 'dist', 'engine', 'worker.js') },
  outdir: OUT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // web-tree-sitter finds its .wasm beside its own module, and piscina starts threads from its own files: both are
  // loaded from node_modules as published. Packages loaded on demand (src/lazyRequire.ts) are required at run time.
  external: ['web-tree-sitter', 'piscina'],
  // CommonJS dependencies bundled into an ES module call require() for Node's built-in modules.
  banner: { js: "import { createRequire as __pillarCreateRequire } from 'node:module';\nconst require = __pillarCreateRequire(import.meta.url);" },
  define: { __PILLAR_BUNDLE__: JSON.stringify({ version }) },
  legalComments: 'none',
  logLevel: 'warning',
});
