// Property: whatever the text, preprocessing keeps its length and every newline where it was, so every line and
// column the parser reports is the file's own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preprocess } from '../../src/languages/cpp/preprocess.js';

const PIECES = ['#if X\n', '#else\n', '#elif Y\n', '#endif\n', '#define A(x) \\\n  x\n', 'Q_OBJECT', 'signals:', 'slots',
  'foreach (int i, list)', 'Q_PROPERTY(int a READ a)', 'emit ', '"str(ing"', "'('", '/* c\n */', '// c\n', '(', ')', ',', '\n', ' ',
  'x', 'Q_SVG_EXPORT', 'Q_DECL_DEPRECATED_X("y")', 'R"(raw)"', '\r\n'];

describe('preprocess keeps lines and columns', () => {
  it('for any mix of directives, macros, strings and comments', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (parts) => {
      const source = parts.join('');
      const { text } = preprocess(source);
      expect(text.length).toBe(source.length);
      for (let i = 0; i < source.length; i++) if (source[i] === '\n' || text[i] === '\n') expect(text[i]).toBe(source[i]);
    }), { numRuns: 300, seed: 17 });
  });
});
