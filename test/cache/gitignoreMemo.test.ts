// The memo of .gitignore answers (cache/gitignoreMemo.ts): a re-review asks the patterns nothing about files it has
// answered for, and a changed .gitignore, a new file, or a forged memo still gets the answers matching would give.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitignoreMemo } from '../../src/cache/gitignoreMemo.js';
import { discover, type IgnoredMemo } from '../../src/sources/discover.js';
import { tempDir } from '../engine/helpers.js';

function tree(): string {
  const root = tempDir('gitignore-tree');
  mkdirSync(join(root, 'pkg', 'build'), { recursive: true });
  writeFileSync(join(root, '.gitignore'), 'build/\ngenerated_*.py\n');
  writeFileSync(join(root, 'pkg', 'a.py'), 'x = 1\n');
  writeFileSync(join(root, 'pkg', 'generated_b.py'), 'x = 2\n');
  writeFileSync(join(root, 'pkg', 'build', 'c.py'), 'x = 3\n');
  return root;
}

/** A memo that counts how many paths it had to match. */
function counting(memo: IgnoredMemo): { memo: IgnoredMemo; matched: () => number } {
  let n = 0;
  return {
    memo: { decider: (root, texts, matches) => memo.decider(root, texts, (rel) => { n++; return matches(rel); }), save: () => memo.save() },
    matched: () => n,
  };
}

async function reviewed(root: string, cache: string): Promise<{ files: string[]; matched: number }> {
  const c = counting(GitignoreMemo.load(cache)!);
  const { files } = await discover([root], { include: ['**/*.py'], exclude: [], respectGitignore: true, ignoredMemo: c.memo });
  return { files: files.map((f) => f.absolute.slice(root.length + 1)), matched: c.matched() };
}

describe('the memo of .gitignore answers', () => {
  it('answers an unchanged tree without matching, and matches what is new or what a changed .gitignore decides', async () => {
    const root = tree();
    const cache = tempDir('gitignore-cache');
    expect(await reviewed(root, cache)).toEqual({ files: ['pkg/a.py'], matched: 3 });
    expect(await reviewed(root, cache)).toEqual({ files: ['pkg/a.py'], matched: 0 });
    // A new file is matched (and ignored when a pattern says so); the others are still answered from the memo.
    writeFileSync(join(root, 'pkg', 'generated_d.py'), 'x = 4\n');
    writeFileSync(join(root, 'pkg', 'e.py'), 'x = 5\n');
    expect(await reviewed(root, cache)).toEqual({ files: ['pkg/a.py', 'pkg/e.py'], matched: 2 });
    // The .gitignore changed: every answer is matched again.
    writeFileSync(join(root, '.gitignore'), 'build/\n');
    expect(await reviewed(root, cache)).toEqual({ files: ['pkg/a.py', 'pkg/e.py', 'pkg/generated_b.py', 'pkg/generated_d.py'], matched: 5 });
    // A .gitignore added below the root changes the key too.
    writeFileSync(join(root, 'pkg', '.gitignore'), 'e.py\n');
    expect((await reviewed(root, cache)).files).toEqual(['pkg/a.py', 'pkg/generated_b.py', 'pkg/generated_d.py']);
  });

  it('ignores a memo whose seal does not check out', async () => {
    const root = tree();
    const cache = tempDir('gitignore-cache');
    await reviewed(root, cache);
    const file = join(cache, 'gitignore.json');
    const memo = JSON.parse(readFileSync(file, 'utf8')) as { payload: string };
    // Forged: pkg/a.py moved to the ignored answers under the old seal.
    const payload = JSON.parse(memo.payload) as Record<string, { ignored: string[]; kept: string[] }>;
    for (const entry of Object.values(payload)) {
      entry.ignored.push('pkg/a.py');
      entry.kept = entry.kept.filter((r) => r !== 'pkg/a.py');
    }
    writeFileSync(file, JSON.stringify({ ...memo, payload: JSON.stringify(payload) }));
    expect(await reviewed(root, cache)).toEqual({ files: ['pkg/a.py'], matched: 3 });
  });
});
