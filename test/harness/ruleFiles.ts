// Locates a rule's module on disk from its id (file name = rule id), for fixture and docs tests.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', 'src', 'rules');

function scan(dir: string, out: Map<string, string>): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) scan(full, out);
    else if (name.endsWith('.ts') && !name.includes('.test.')) out.set(name.replace(/\.ts$/, ''), full);
  }
}

let cache: Map<string, string> | undefined;

export function ruleFile(id: string): string {
  if (!cache) { cache = new Map(); scan(join(ROOT, 'python'), cache); scan(join(ROOT, 'cpp'), cache); }
  const file = cache.get(id);
  if (!file) throw new Error(`no module file named ${id}.ts under src/rules/python or src/rules/cpp`);
  return file;
}
