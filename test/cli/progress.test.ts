// The progress bar (issue 18, first hour): it shows files done, elapsed time and the estimated time left.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../src/cli/progress.js';

/** A terminal-like stream that records what the bar draws. */
function terminal(): { stream: NodeJS.WriteStream; text(): string } {
  let out = '';
  const stream = new Writable({ write(chunk, _encoding, done) { out += String(chunk); done(); } }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns: 200 });
  return { stream, text: () => out };
}

describe('progress bar', () => {
  it('shows files done, elapsed time and ETA on a terminal', () => {
    const t = terminal();
    const progress = progressReporter(true, t.stream);
    for (let done = 1; done <= 60; done += 10) progress.onProgress?.(done, 100);
    const drawn = t.text();
    progress.stop();
    expect(drawn).toMatch(/reviewing \[.*\] \d+\/100 files \| \d+s elapsed \| ETA \S+/);
  });

  it('stays silent when not a terminal, when disabled, and for small runs', () => {
    const t = terminal();
    Object.assign(t.stream, { isTTY: false });
    expect(progressReporter(true, t.stream).onProgress).toBeUndefined();
    const tty = terminal();
    expect(progressReporter(false, tty.stream).onProgress).toBeUndefined();
    const small = progressReporter(true, tty.stream);
    small.onProgress?.(1, 10);
    small.stop();
    expect(tty.text()).toBe('');
  });
});
