// Temporary trees for engine tests: the rule fixtures (a realistic mix of defects, suppressions and odd syntax)
// copied out of the repository, so that runs and their caches never write into the checkout.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export const RULES_DIR = join(import.meta.dirname, '..', '..', 'src', 'rules', 'python');

export function fixtureFiles(dir = RULES_DIR, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) fixtureFiles(full, out);
    else if (name.endsWith('.fixture.py')) out.push(full);
  }
  return out;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `pillar-${prefix}-`));
}

/** A temp copy of every rule fixture, keeping the family folders; returns its root. */
export function fixtureTree(): string {
  const root = tempDir('fixtures');
  for (const file of fixtureFiles()) {
    const target = join(root, relative(RULES_DIR, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
  return root;
}

export function writeTree(files: Record<string, string | Buffer>): string {
  const root = tempDir('src');
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

/**
 * Two modules: `worker.connect` hands its parameter to another file's masking helper before logging it (so the
 * parameter is a secret of that module, known only from the project facts), `worker.retry` logs it unmasked.
 * `workerTail` is appended to worker.py.
 */
export function maskingProject(workerTail = ''): Record<string, string> {
  return {
    'app/__init__.py': '',
    'app/scrub.py': 'from oslo_utils import strutils\n\n\ndef scrub(text):\n    return strutils.mask_password(text)\n',
    'app/worker.py': [
      'import logging',
      '',
      'from app import scrub',
      '',
      'LOG = logging.getLogger(__name__)',
      '',
      '',
      'def connect(conn_str):',
      '    LOG.debug("connecting with %s", scrub.scrub(conn_str))',
      '',
      '',
      'def retry(conn_str):',
      '    LOG.warning("retrying %s", conn_str)',
      '',
    ].join('\n') + workerTail,
  };
}
