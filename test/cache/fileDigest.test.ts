// The bundle's digests remembered by stat signature (cache/fileDigest.ts): served from the memo while the file's
// signature is the recorded one, hashed again once the file changes.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rememberedDigests } from '../../src/cache/fileDigest.js';
import { tempDir } from '../engine/helpers.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('remembered digests', () => {
  it('serves a digest from the memo while the file is unchanged, and hashes it again after an edit', () => {
    const dir = tempDir('digests');
    const file = join(dir, 'cli.cjs');
    writeFileSync(file, 'one');
    expect(rememberedDigests([file]).get(file)).toBe(sha('one'));
    // The memo is what answers: a digest planted under the file's current signature is served as it is.
    const memoFile = join(dir, 'digests.memo');
    const memo = JSON.parse(readFileSync(memoFile, 'utf8')) as Record<string, [string, string]>;
    writeFileSync(memoFile, JSON.stringify({ 'cli.cjs': [memo['cli.cjs']![0], 'f'.repeat(64)] }));
    expect(rememberedDigests([file]).get(file)).toBe('f'.repeat(64));
    // Edited (same size): the signature's times change, so the file is hashed again.
    writeFileSync(file, 'two');
    expect(rememberedDigests([file]).get(file)).toBe(sha('two'));
    // A damaged memo is no memo.
    writeFileSync(memoFile, '{"cli.cjs": [');
    expect(rememberedDigests([file]).get(file)).toBe(sha('two'));
  });
});
