// hasLiteralKeysOnly: `for k, v in d.items()` binds k to a literal only when nothing can put another key into d.
import { describe, expect, it } from 'vitest';
import { hasLiteralKeysOnly } from '../../src/languages/python/dataflow/literalKeys.js';
import { modelOf } from './helpers.js';

async function literalKeys(body: string): Promise<boolean> {
  const model = await modelOf(`def f(a, b, k, other):\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n`);
  return hasLiteralKeysOnly('d', model.functions()[0]!);
}

describe('hasLiteralKeysOnly', () => {
  it('holds for dict displays with string keys, also with literal-key stores', async () => {
    expect(await literalKeys("d = {'a': a, 'b': b}")).toBe(true);
    expect(await literalKeys("d = {'a': a}\nd['b'] = b")).toBe(true);
  });

  it('fails when a key can come from a value', async () => {
    expect(await literalKeys('d = {k: a}')).toBe(false);
    expect(await literalKeys("d = {'a': a}\nd[k] = b")).toBe(false);
    expect(await literalKeys("d = {'a': a}\nd.update(other)")).toBe(false);
    expect(await literalKeys("d = {'a': a}\nd.setdefault(k, b)")).toBe(false);
    expect(await literalKeys("d = {'a': a}\nd |= other")).toBe(false);
    expect(await literalKeys("d = {**other}")).toBe(false);
    expect(await literalKeys('d = dict(other)')).toBe(false);
  });

  it('fails when the name is rebound by something other than a display', async () => {
    expect(await literalKeys("d = {'a': a}\nd, e = other")).toBe(false);
    expect(await literalKeys("d = {'a': a}\nfor d in other:\n    pass")).toBe(false);
    expect(await literalKeys("d = {'a': a}\nwith open(k) as d:\n    pass")).toBe(false);
    expect(await literalKeys("d = {'a': a}\nif (d := other):\n    pass")).toBe(false);
    expect(await literalKeys('return other')).toBe(false);
  });
});
