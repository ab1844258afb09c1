// --llm-record / --llm-replay: every HTTP attempt stored under a hash of the exact request body, so a replayed run
// sends nothing and yields a byte-identical report. The API key and endpoint URL are never part of a recording.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../config/errors.js';
import type { Attempt, SendAttempt } from './transport.js';

interface RecordingFile {
  /** The request as sent, for people reading the directory; the file name is what matching uses. */
  request: unknown;
  /** Attempts in the order they happened: a 429 and then the answer that followed it, or one answer. */
  attempts: Attempt[];
}

export function requestKey(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

function fileOf(dir: string, key: string): string {
  return join(dir, `${key}.json`);
}

/** Sends live and appends each attempt to `<dir>/<sha256 of body>.json` as soon as it completes. */
export function recordingSender(send: SendAttempt, dir: string): SendAttempt {
  mkdirSync(dir, { recursive: true });
  const recorded = new Map<string, RecordingFile>();
  return async (body) => {
    const attempt = await send(body);
    const key = requestKey(body);
    let entry = recorded.get(key);
    if (!entry) {
      entry = { request: JSON.parse(body) as unknown, attempts: [] };
      recorded.set(key, entry);
    }
    entry.attempts.push(attempt);
    writeFileSync(fileOf(dir, key), `${JSON.stringify(entry, null, 2)}\n`);
    return attempt;
  };
}

/**
 * Answers from a recording directory. A request that was never recorded (the code, the findings, the selection,
 * the model or the prompt changed) is a usage error, not a silent gap in the review.
 */
export function replayingSender(dir: string): SendAttempt {
  if (!existsSync(dir)) throw new UsageError(`--llm-replay: directory ${dir} does not exist`);
  const cursors = new Map<string, { attempts: Attempt[]; next: number }>();
  return (body) => {
    const key = requestKey(body);
    let cursor = cursors.get(key);
    if (!cursor) {
      const file = fileOf(dir, key);
      if (!existsSync(file)) {
        return Promise.reject(new UsageError(
          `--llm-replay: no recording for a request in ${dir} (expected ${key}.json); the reviewed code, its findings, ` +
          'the selection, the model or the prompt differ from the recorded run — record again with --llm-record'));
      }
      let parsed: RecordingFile;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8')) as RecordingFile;
      } catch (error) {
        return Promise.reject(new UsageError(`--llm-replay: ${file} is not a readable recording: ${(error as Error).message}`));
      }
      if (!Array.isArray(parsed.attempts) || parsed.attempts.length === 0) {
        return Promise.reject(new UsageError(`--llm-replay: ${file} holds no attempts`));
      }
      cursor = { attempts: parsed.attempts, next: 0 };
      cursors.set(key, cursor);
    }
    if (cursor.next >= cursor.attempts.length) {
      return Promise.reject(new UsageError(
        `--llm-replay: ${key}.json holds ${cursor.attempts.length} attempt(s) and the replay asked for more; ` +
        'replay with the retry settings of the recorded run'));
    }
    return Promise.resolve(cursor.attempts[cursor.next++]!);
  };
}
