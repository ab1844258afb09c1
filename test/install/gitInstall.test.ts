// A new user's install, from a clean clone of this checkout's HEAD (committed work only): `npm install -g
// --install-links git+file://…` into a temporary prefix, which is also what pre-commit ≥ 4.6.2 runs for a
// `language: node` hook, and `pre-commit try-repo` with the `pillar` hook where a `pre-commit` is on PATH (Debian's
// 3.0.4 installs by `npm install` in the hook's clone, then `npm pack` and a global install of the tarball). Both build
// dist/ from nothing, with the npm cache as it is (`--prefer-offline`); neither path may need anything but the npm
// registry. Each takes 40-100 s, most of it two TypeScript builds (npm prepares a git package, then packs it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const INSTALL_TIMEOUT = 600_000;
const SAMPLE = 'import os\n\n\ndef ping(host):\n    os.system("ping -c1 " + host)\n';

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}
const HAS_PRE_COMMIT = onPath('pre-commit');

// What a user's shell has: none of the npm_config_* variables `npm test` exports, no GIT_* of a hook running this.
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1', ...extra };
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|git_)/i.test(key) && !(key in env)) env[key] = value;
  }
  return env;
}

function run(command: string, args: string[], cwd: string, env = userEnv()) {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
}

let work: string;
let clone: string;
let project: string;
let head: string;

describe('installing pillar from git', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'pillar-install-'));
    clone = join(work, 'clone');
    head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    execFileSync('git', ['clone', '--quiet', '--no-checkout', ROOT, clone], { env: userEnv() });
    execFileSync('git', ['checkout', '--quiet', '--detach', head], { cwd: clone, env: userEnv() });
    // A project with one staged file that runs a shell command built from a parameter.
    project = join(work, 'project');
    mkdirSync(project);
    execFileSync('git', ['init', '--quiet'], { cwd: project, env: userEnv() });
    writeFileSync(join(project, 'app.py'), SAMPLE);
    execFileSync('git', ['add', 'app.py'], { cwd: project, env: userEnv() });
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('npm install -g --install-links git+file://<clone> installs a working, lean `pillar`', () => {
    const prefix = join(work, 'prefix');
    const install = run('npm', ['install', '--global', '--install-links', '--prefix', prefix, '--prefer-offline',
      '--no-audit', '--no-fund', `git+file://${clone}`], work);
    expect(install.status, install.stderr).toBe(0);

    const review = run(join(prefix, 'bin', 'pillar'), ['review', 'app.py', '--no-progress', '--no-cache'], project);
    expect(review.stderr).toBe('');
    expect(review.status).toBe(1);
    expect(review.stdout).toContain('app.py:5:5: process-with-shell');

    // The build's tools stay out of the installed package, and so does what only the checkout needs.
    const installed = join(prefix, 'lib', 'node_modules', 'pillar-review');
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'bin', 'dist', 'docs', 'node_modules', 'package.json']);
    for (const devOnly of ['typescript', 'tsx', 'esbuild', 'vitest']) {
      expect(existsSync(join(installed, 'node_modules', devOnly)), devOnly).toBe(false);
    }
    expect(existsSync(join(installed, 'dist', 'api.js.map'))).toBe(false);
  }, INSTALL_TIMEOUT);

  it.skipIf(!HAS_PRE_COMMIT)(
    HAS_PRE_COMMIT ? 'pre-commit try-repo installs the `pillar` hook, which fails the commit on a new defect'
      : 'pre-commit hook — SKIPPED: no `pre-commit` on PATH (install it with: apt-get install -y pre-commit)',
    () => {
      const home = join(work, 'pre-commit-home');
      const tried = run('pre-commit', ['try-repo', clone, 'pillar', '--ref', head, '--files', 'app.py'], project,
        userEnv({ PRE_COMMIT_HOME: home }));
      const output = tried.stdout + tried.stderr;
      expect(output).toMatch(/^pillar \(security defects the staged change introduces\)\.+Failed$/m);
      expect(output).toContain('app.py:5:5: process-with-shell');
      expect(tried.status).toBe(1);
    },
    INSTALL_TIMEOUT,
  );
});
