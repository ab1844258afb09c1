// Cached phase-1 facts are data from disk: the optional fields the merge reads (encoders, non-raising functions, C++
// class facts) are checked like the others, so an entry of the wrong shape is re-extracted, never iterated.
import { describe, expect, it } from 'vitest';
import { isFileFacts } from '../../src/cache/shape.js';
import { extractFacts } from '../../src/index/extract.js';
import { PythonModel } from '../../src/languages/python/model.js';
import { parsePython } from '../../src/languages/python/parser.js';

const SOURCE = `
import urllib.parse


def quote(value, safe='/'):
    return urllib.parse.quote(value, safe)


def to_model(port):
    return {'id': port}
`;

async function facts(): Promise<Record<string, unknown>> {
  return extractFacts(new PythonModel('pkg/utils.py', SOURCE, await parsePython(SOURCE))) as unknown as Record<string, unknown>;
}

describe('cached facts shape', () => {
  it('accepts facts as extracted, with their encoder and non-raising entries', async () => {
    const f = await facts();
    expect(f.encoders).toBeDefined();
    expect(f.nonRaising).toBeDefined();
    expect(isFileFacts(f)).toBe(true);
  });

  it.each([
    ['encoders not a list', { encoders: 'quote' }],
    ['an encoder without its call', { encoders: [{ name: 'quote' }] }],
    ['an encoder option of neither form', { encoders: [{ name: 'quote', call: 'urllib.parse.quote', option: { index: 1 } }] }],
    ['non-raising names not strings', { nonRaising: [1] }],
    ['buildsMarkup not true', { buildsMarkup: 'yes' }],
    ['createsResources false', { createsResources: false }],
    ['C++ facts without includes', { cpp: { classes: [], defines: [], constructs: [] } }],
  ])('rejects %s', async (_what, patch) => {
    expect(isFileFacts({ ...(await facts()), ...patch })).toBe(false);
  });
});
