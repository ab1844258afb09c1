// The one way rules quote code in messages: flattened whitespace, cut with '...' at the limit, never past it.
import { describe, expect, it } from 'vitest';
import { abbreviate, truncate } from '../../src/rulekit/text.js';

describe('rule text helpers', () => {
  it('abbreviate flattens whitespace and cuts at 60 characters by default', () => {
    expect(abbreviate('f(a,\n      b)')).toBe('f(a, b)');
    expect(abbreviate('x'.repeat(60))).toBe('x'.repeat(60));
    expect(abbreviate('x'.repeat(61))).toBe(`${'x'.repeat(57)}...`);
    expect(abbreviate('x'.repeat(51), 50)).toBe(`${'x'.repeat(47)}...`);
  });

  it('truncate keeps newlines and cuts only past the limit', () => {
    expect(truncate('a\nb', 3)).toBe('a\nb');
    expect(truncate('abcdef', 5)).toBe('ab...');
  });
});
