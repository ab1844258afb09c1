import { describe, expect, it } from 'vitest';
import type { PythonModel } from '../../src/languages/python/model.js';
import { modelOf } from './helpers.js';

/** The texts of the first argument of every call to `sink` in the file, in order. */
function sinkArguments(model: PythonModel): string[][] {
  return model.root.descendantsOfType('call')
    .filter((c) => c.childForFieldName('function')?.text === 'sink')
    .map((c) => model.stringValues(c.childForFieldName('arguments')!.namedChildren[0]!).map((f) => f.value));
}

describe('model.stringValues', () => {
  it('decodes escapes of plain strings and keeps raw strings as written', async () => {
    const m = await modelOf(String.raw`
sink("a\\d\x41\n")
sink(r"a\\d\x41")
sink(b"\x41\d")
sink("ab" 'cd')
`);
    expect(sinkArguments(m)).toEqual([['a\\dA\n'], ['a\\\\d\\x41'], ['A\\d'], ['abcd']]);
  });

  it('folds +, join and names, in class bodies too, and keeps the named parts', async () => {
    const m = await modelOf(`
HEAD = "^"
class C:
    word = r"\\w+"
    line = HEAD + word + "$"
    sink(line)
sink("-".join([HEAD, "x"]))
`);
    expect(sinkArguments(m)).toEqual([['^\\w+$'], ['^-x']]);
    const call = m.root.descendantsOfType('call')[0]!;
    const [folded] = m.stringValues(call.childForFieldName('arguments')!.namedChildren[0]!);
    const line = folded!.parts[0]!;
    expect(line.node.text).toBe('HEAD + word + "$"');
    expect(line.parts.map((p) => p.node.text)).toEqual(['HEAD', 'word']);
  });

  it("follows a parameter to the constants this file's calls pass, one text per call", async () => {
    const m = await modelOf(`
import re
PATTERN = "a+"
def check(value, pattern="z"):
    sink(pattern)
def one(v):
    return check(v, PATTERN)
def two(v):
    return check(v, pattern="b+")
def three(v):
    return check(v)
def unknown(v, p):
    return check(v, p)
`);
    expect(sinkArguments(m)).toEqual([['a+', 'b+', 'z']]);
  });

  it('gives nothing for f-strings and computed values, and reads a rebinding in order', async () => {
    const m = await modelOf(`
def f(x):
    sink(f"{x}+")
    sink(x.upper())
A = "x"
A = A + A
sink(A)
`);
    expect(sinkArguments(m)).toEqual([[], [], ['xx']]);
  });
});
