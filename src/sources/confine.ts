// Keeps reads inside the tree under review: a path whose real location (after every symbolic link) is outside the
// root is not read. Links that cannot be resolved (dangling, looping) are left to the reader, which reports them.
import { realpathSync } from 'node:fs';
import { sep } from 'node:path';

/** The real path of `root`, or `root` itself when it cannot be resolved. */
export function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}

/** True when `absolute` resolves to a place outside `root` (a real path, see realRoot). */
export function resolvesOutside(absolute: string, root: string): boolean {
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    return false;
  }
  return real !== root && !real.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}
