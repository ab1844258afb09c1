// Property-based robustness of the whole pipeline: mutated rule fixtures and random bytes, reviewed from disk, must
// give a report (never an exception), only per-file diagnostics, no hang, and the same bytes every time.
// PILLAR_FUZZ_RUNS=5000 (and PILLAR_FUZZ_SEED to replay a failure) for longer runs than `npm test` affords.
import fc from 'fast-check';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { fixtureFiles, tempDir } from '../engine/helpers.js';

const RUNS = Number(process.env.PILLAR_FUZZ_RUNS ?? 1000);
const POOLED_RUNS = Math.max(3, Math.round(RUNS / 100));
const SEED = process.env.PILLAR_FUZZ_SEED !== undefined ? Number(process.env.PILLAR_FUZZ_SEED) : undefined;
const FILE_TIMEOUT_MS = 5_000;
const ALLOWED = new Set(['binary', 'encoding', 'syntax-error', 'rule-error', 'unsupported', 'timeout', 'too-large']);

const seeds = fixtureFiles().map((f) => readFileSync(f));

/** Fragments that stress the grammar and the rules more than random bytes do. */
const FRAGMENTS = ['(', ')', '[', ']', '{', '}', ':', ',', '\n', '\n    ', '\t', '\\', '"""', "'", 'f"{', '}"', 'def f(', 'class C(',
  'lambda x: ', 'if x:\n', 'try:\n', 'except:\n', 'with open(p) as f:\n', 'import os\n', 'from subprocess import *\n',
  'subprocess.call(x, shell=True)', 'eval(', '# nosec', '# pillar: ignore', '\u0000', '\r', '\u202e', '\ufeff', '\ud83d\ude00', 'é', '@', '*', '**', ' if ', ' else '];

type Mutation =
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'flip'; at: number; bit: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.constantFrom(...FRAGMENTS).map((s) => new Uint8Array(Buffer.from(s))) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
);

function mutate(seed: Buffer, mutations: Mutation[]): Buffer {
  let data = Buffer.from(seed);
  for (const m of mutations) {
    const at = data.length === 0 ? 0 : m.at % (data.length + 1);
    if (m.kind === 'insert') data = Buffer.concat([data.subarray(0, at), m.bytes, data.subarray(at)]);
    else if (m.kind === 'delete') data = Buffer.concat([data.subarray(0, at), data.subarray(at + m.length)]);
    else if (at < data.length) data[at] = data[at]! ^ (1 << m.bit);
  }
  return data;
}

const input: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 12 })).map(([i, ms]) => mutate(seeds[i]!, ms)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)) },
);

interface Checked { json: string; ms: number }

async function reviewChecked(dir: string, jobs: number): Promise<Checked> {
  const start = performance.now();
  const report = await review({ paths: [dir], jobs, fileTimeoutMs: FILE_TIMEOUT_MS, keepSuppressed: true });
  const ms = performance.now() - start;
  for (const d of report.diagnostics) expect(ALLOWED.has(d.code), `${d.code}: ${d.message}`).toBe(true);
  return { json: JSON.stringify(report), ms };
}

const params = (numRuns: number) => ({ numRuns, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: true });

describe('fuzzing the pipeline', () => {
  it(`survives ${RUNS} mutated fixtures and random files, deterministically and within the time limit`, async () => {
    const dir = tempDir('fuzz');
    const file = join(dir, 'case.py');
    await fc.assert(fc.asyncProperty(input, async (bytes) => {
      writeFileSync(file, bytes);
      const first = await reviewChecked(dir, 1);
      const second = await reviewChecked(dir, 1);
      expect(second.json).toBe(first.json);
      // One file: never longer than its limit plus start-up slack.
      expect(first.ms).toBeLessThan(FILE_TIMEOUT_MS + 2_000);
    }), params(RUNS));
    rmSync(dir, { recursive: true, force: true });
  }, 600_000);

  it(`gives the same bytes in worker threads as in one thread on ${POOLED_RUNS} trees of 10 mutated files`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(input, { minLength: 10, maxLength: 10 }), async (files) => {
      const dir = tempDir('fuzz-tree');
      files.forEach((bytes, i) => writeFileSync(join(dir, `case${i}.py`), bytes));
      const single = await reviewChecked(dir, 1);
      const pooled = await reviewChecked(dir, 2);
      expect(pooled.json).toBe(single.json);
      rmSync(dir, { recursive: true, force: true });
    }), params(POOLED_RUNS));
  }, 600_000);
});
