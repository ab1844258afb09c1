// A progress bar on stderr, only for interactive terminals and runs big enough to be worth watching.
import type cliProgress from 'cli-progress';
import { lazyRequire } from '../lazyRequire.js';

const progressBars = lazyRequire<typeof cliProgress>('cli-progress');

const MIN_FILES_FOR_BAR = 50;

export function progressReporter(enabled: boolean): { onProgress?: (done: number, total: number) => void; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  return {
    onProgress(done, total) {
      if (total < MIN_FILES_FOR_BAR) return;
      if (!bar) {
        const bars = progressBars();
        bar = new bars.SingleBar({ stream: process.stderr, format: 'reviewing [{bar}] {value}/{total} files', hideCursor: true, clearOnComplete: true }, bars.Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() { bar?.stop(); },
  };
}
