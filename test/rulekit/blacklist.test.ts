// The file-level check that lets a blacklist rule skip a file must never skip one where the rule would report.
import { describe, expect, it } from 'vitest';
import { underPath } from '../../src/rulekit/blacklist.js';
import { modelOf } from '../model/helpers.js';

const NAMES = ['pickle.loads', 'xml.etree.*'];

describe('model.mayCall', () => {
  const cases: Array<[string, string, boolean]> = [
    ['a direct call', 'import pickle\npickle.loads(data)\n', true],
    ['an alias', 'import pickle as p\np.loads(data)\n', true],
    ['a from-import', 'from pickle import loads\nloads(data)\n', true],
    ['a star import', 'from pickle import *\nloads(data)\n', true],
    ['a module pattern', 'import xml.etree.ElementTree as ET\nET.parse(f)\n', true],
    ['other calls only', 'import json\njson.loads(data)\n', false],
    ['no calls', 'import pickle\nx = pickle\n', false],
  ];
  for (const [what, source, expected] of cases) {
    it(`${expected ? 'keeps' : 'skips'} a file with ${what}`, async () => {
      const model = await modelOf(source);
      expect(model.mayCall(NAMES)).toBe(expected);
      // Never skip a file where some call resolves to a listed name.
      const resolved = model.root.descendantsOfType('call').some((c) => model.callMatching(c, NAMES) !== null);
      if (resolved) expect(model.mayCall(NAMES)).toBe(true);
    });
  }
});

describe('underPath', () => {
  it('covers the path itself and whole components below it only', () => {
    expect(underPath('xml.etree', 'xml.etree')).toBe(true);
    expect(underPath('xml.etree.ElementTree', 'xml.etree')).toBe(true);
    expect(underPath('xml.etreeX', 'xml.etree')).toBe(false);
    expect(underPath('xml', 'xml.etree')).toBe(false);
    expect(underPath('lxml.etree', 'xml.etree')).toBe(false);
    expect(underPath('xml.etree.', 'xml.etree')).toBe(true);
  });
});
