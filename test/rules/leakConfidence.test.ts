// resource-leak-on-exception: a file or socket object leaked on the error path is closed by its finalizer when the
// failed frame is released, so it is reported at low confidence; a raw descriptor (no finalizer) keeps medium.
import { describe, expect, it } from 'vitest';
import { analyzePython } from '../../src/engine/analyzePython.js';
import { allRules } from '../../src/rulekit/registry.js';

const SOURCE = `import os


def read_banner(path):
    handle = open(path)
    banner = handle.read(64)
    handle.close()
    return banner


def read_raw(path):
    fd = os.open(path, os.O_RDONLY)
    data = os.read(fd, 64)
    os.close(fd)
    return data
`;

describe('resource-leak-on-exception confidence by resource', () => {
  it('file object is low, descriptor keeps medium', async () => {
    const rule = allRules().find((r) => r.meta.id === 'resource-leak-on-exception')!;
    const { findings } = await analyzePython('leaks.py', SOURCE, [rule], { keepSuppressed: false });
    expect(findings.map((f) => [f.range.startLine, f.confidence])).toEqual([[6, 'low'], [13, 'medium']]);
  });
});
