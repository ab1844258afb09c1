// The Python files under some directories (rule fixtures, probes), for tests that check an analysis against its
// slow or whole form on every file the repo has.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function pythonFilesUnder(...dirs: string[]): string[] {
  const files: string[] = [];
  const scan = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) scan(full);
      else if (name.endsWith('.py')) files.push(full);
    }
  };
  for (const dir of dirs) scan(dir);
  return files;
}
