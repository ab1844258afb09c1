// The include test answers `**/*.ext` patterns by suffix: it must agree with picomatch (the matcher it stands in
// for) on every path, odd ones included, for the default patterns and for lists mixing them with other globs.
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INCLUDE, includeMatcher } from '../../src/sources/discover.js';

const PATHS = [
  'a.py', '.py', 'x/.py', 'x/a.py', '.x/a.py', 'x/.a.py', 'a.pyc', 'a.PY', 'x/y/z.py', 'a\nb.py', 'py', 'x.py/', 'x/a.py/b',
  'a.h', 'a.hpp', 'a.hh', 'a.c', 'b.cc', 'c.cpp', 'd.cxx', 'e.c++', 'a..py', '/a.py', 'x//a.py', './a.py', 'x/./a.py',
  '../a.py', 'a.pyw', 'a.py.bak', 'src/x.txt', 'x.txt', 'src/deep/x.txt', 'tool.py~', 'x/y.h/', 'a b.py', 'ü.py', '',
];

describe('includeMatcher', () => {
  const cases: Array<[string, string[]]> = [
    ['the default patterns', DEFAULT_INCLUDE],
    ['suffix patterns mixed with other globs', ['**/*.py', 'src/**/*.txt', '*.c++', '**/*.[ch]', '**/*.py~']],
    ['no suffix pattern', ['src/**', '*.pyw']],
    ['no pattern', []],
  ];
  for (const [name, patterns] of cases) {
    it(`answers like picomatch for ${name}`, () => {
      const mine = includeMatcher(patterns);
      const theirs = picomatch(patterns, { dot: true, basename: true });
      for (const p of PATHS) expect(mine(p), JSON.stringify(p)).toBe(theirs(p));
    });
  }
});
