// A fingerprint of the code that produces results: pillar's version, the parser and grammar versions, and the content
// of every module of this build (src/ under tsx or vitest, dist/ for the library, dist/bundle/ for the command). An
// edited rule or a rebuilt checkout then misses the cache instead of serving stale findings, at the cost of hashing
// 1-2 MB once per run — for the bundle, its files' digests remembered by stat signature (fileDigest.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE } from '../bundle.js';
import { rememberedDigests } from './fileDigest.js';
import { VERSION } from '../version.js';

const CODE_FILE = /\.(?:js|cjs|mjs|ts|cts|mts|json)$/;
let memo: string | undefined;
/** src/ or dist/ (one folder above this module); a bundle is its own folder instead. */
const BUILD_ROOT = fileURLToPath(new URL('..', import.meta.url));

function codeFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // The per-module build never runs the bundle built beside it.
    if (entry.isDirectory() && !(dir === BUILD_ROOT && entry.name === 'bundle')) codeFiles(path, out);
    else if (entry.isFile() && CODE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function packageVersion(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function codeFingerprint(): string {
  if (memo !== undefined) return memo;
  const root = BUNDLE ? fileURLToPath(new URL('.', import.meta.url)) : BUILD_ROOT;
  const hash = createHash('sha256');
  hash.update(`pillar ${VERSION}\0web-tree-sitter ${packageVersion('web-tree-sitter')}\0tree-sitter-python ${packageVersion('tree-sitter-python')}\0`);
  const files = codeFiles(root).sort();
  // The bundle is one folder of a few files: their digests stand for their content.
  const digests = BUNDLE ? rememberedDigests(files) : undefined;
  for (const file of files) {
    hash.update(file.slice(root.length));
    hash.update('\0');
    hash.update(digests?.get(file) ?? readFileSync(file));
    hash.update('\0');
  }
  memo = hash.digest('hex');
  return memo;
}
