// Builds dist/ and dist/bundle/ once before the suite (what `npm run build` does), so end-to-end tests run the real
// `bin/pillar.js` against current sources.
// A failed build fails the end-to-end tests (they inject the error) without hiding the results of all others.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext { buildError: string }
}

export default function setup(project: TestProject): void {
  // The user cache (and its key) of every run in the suite, in-process or spawned, lives in a throw-away directory:
  // tests never read or write the cache of the user who runs them.
  process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'pillar-test-xdg-'));
  const root = join(import.meta.dirname, '..');
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { encoding: 'utf8', stdio: 'pipe' });
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'bundle.ts')], { encoding: 'utf8', stdio: 'pipe' });
    project.provide('buildError', '');
  } catch (error) {
    const e = error as { stdout?: string; message: string };
    project.provide('buildError', e.stdout || e.message);
  }
}
