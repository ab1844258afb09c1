// Runs the `pillar` command in-process, capturing what it writes; the tests of the CLI, change review and LLM
// options share it.
import { Readable } from 'node:stream';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface Run { code: number; out: string; err: string }

/** Runs `pillar argv…` (in `cwd` when given), capturing stdout/stderr; `stdin` feeds `--patch -`. */
export async function runCli(argv: string[], options: { cwd?: string; stdin?: string } = {}): Promise<Run> {
  let out = '';
  let err = '';
  const previous = process.cwd();
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { err += String(chunk); return true; });
  if (options.stdin !== undefined) {
    vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([Buffer.from(options.stdin)]) as unknown as typeof process.stdin);
  }
  if (options.cwd !== undefined) process.chdir(options.cwd);
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    process.chdir(previous);
    vi.restoreAllMocks();
  }
}
