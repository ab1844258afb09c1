// Message templates: `{name}` is filled from report data, `{{`/`}}` are literal braces (as in str.format).
import { describe, expect, it } from 'vitest';
import { fillTemplate, placeholders } from '../../src/rulekit/defineRule.js';

describe('message templates', () => {
  it('fills placeholders and keeps an unknown one visible', () => {
    expect(fillTemplate('`{call}` runs {what}', { call: 'os.system', what: 'a shell' })).toBe('`os.system` runs a shell');
    expect(fillTemplate('{missing}', {})).toBe('{missing}');
  });

  it('writes doubled braces as literal ones, never as placeholders', () => {
    expect(fillTemplate('format_html("...{{}}...", {arg})', { arg: 'name' })).toBe('format_html("...{}...", name)');
    expect(fillTemplate('renders `${{...}}` as-is', {})).toBe('renders `${...}` as-is');
    expect(fillTemplate('{{arg}} is literal, {arg} is not', { arg: 'x' })).toBe('{arg} is literal, x is not');
    expect(placeholders('{{arg}} and {other} and ${{...}}')).toEqual(['other']);
  });
});
