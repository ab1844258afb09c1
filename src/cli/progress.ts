// A progress bar on stderr, only for interactive terminals and runs big enough to be worth watching: files done,
// time elapsed and the estimated time left.
import type cliProgress from 'cli-progress';
import { lazyRequire } from '../lazyRequire.js';

const progressBars = lazyRequire<typeof cliProgress>('cli-progress');

const MIN_FILES_FOR_BAR = 50;

/** `stream` is standard error; a test passes its own terminal-like stream to see what the bar shows. */
export function progressReporter(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): { onProgress?: (done: number, total: number) => void; stop(): void } {
  if (!enabled || !stream.isTTY) return { stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  return {
    onProgress(done, total) {
      if (total < MIN_FILES_FOR_BAR) return;
      if (!bar) {
        const bars = progressBars();
        bar = new bars.SingleBar({ stream, format: 'reviewing [{bar}] {value}/{total} files | {duration_formatted} elapsed | ETA {eta_formatted}',
          // ETA from the last 200 updates (one per file): long enough to smooth batches of small files handed out at once.
          etaBuffer: 200, hideCursor: true, clearOnComplete: true }, bars.Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() { bar?.stop(); },
  };
}
