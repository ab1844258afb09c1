// The fixture harness itself must fail loudly: malformed annotations, unknown ids, missing case kinds.
import { describe, expect, it } from 'vitest';
import { judge, parseAnnotations } from './annotations.js';

const known = new Set(['rule-a', 'rule-b']);

describe('fixture annotations', () => {
  it('attaches stacked annotations to the next code line', () => {
    const { expectations, errors } = parseAnnotations('# ruleid: rule-a\n# ok: rule-b\nx()\n# ok: rule-a\ny()\n', known);
    expect(errors).toEqual([]);
    expect(expectations.map((e) => [e.kind, e.ruleId, e.line])).toEqual([['ruleid', 'rule-a', 3], ['ok', 'rule-b', 3], ['ok', 'rule-a', 5]]);
  });

  it('rejects malformed and unknown annotations', () => {
    expect(parseAnnotations('# ruleid rule-a\nx()\n', known).errors[0]).toMatch(/malformed/);
    expect(parseAnnotations('# ruleid: Rule_A\nx()\n', known).errors[0]).toMatch(/malformed/);
    expect(parseAnnotations('# ruleid: rule-z\nx()\n', known).errors[0]).toMatch(/unknown rule id 'rule-z'/);
    expect(parseAnnotations('x()\n# ok: rule-a\n', known).errors[0]).toMatch(/describes no line/);
    expect(parseAnnotations('# ok: rule-a\n\nx()\n', known).errors[0]).toMatch(/blank line/);
  });

  it('reports missed and unexpected lines, and fixtures lacking a case kind', () => {
    const { expectations } = parseAnnotations('# ruleid: rule-a\nx()\n# ok: rule-a\ny()\nz()\n', known);
    expect(judge('rule-a', expectations, [2])).toEqual({ missed: [], unexpected: [], errors: [] });
    expect(judge('rule-a', expectations, [4, 5])).toEqual({ missed: [2], unexpected: [4, 5], errors: [] });
    const onlyOk = parseAnnotations('# ok: rule-a\nx()\n', known).expectations;
    expect(judge('rule-a', onlyOk, []).errors).toEqual(["fixture has no '# ruleid: rule-a' case"]);
  });

  it('fails todo annotations once behaviour changes', () => {
    const { expectations } = parseAnnotations('# ruleid: rule-a\na()\n# ok: rule-a\nb()\n# todoruleid: rule-a\nc()\n# todook: rule-a\nd()\n', known);
    expect(judge('rule-a', expectations, [2, 8]).errors).toEqual([]);
    expect(judge('rule-a', expectations, [2, 6]).errors).toEqual(['line 6: todoruleid now reports; promote it to ruleid', 'line 8: todook is now silent; promote it to ok']);
  });

  it('checks the message named in ruleid: id[messageId]', () => {
    const { expectations, errors } = parseAnnotations('# ruleid: rule-a[loud]\nx()\n# ok: rule-a\ny()\n', known);
    expect(errors).toEqual([]);
    expect(expectations[0]).toMatchObject({ kind: 'ruleid', ruleId: 'rule-a', messageId: 'loud', line: 2 });
    expect(judge('rule-a', expectations, [{ line: 2, messageId: 'loud' }], ['loud', 'quiet']).errors).toEqual([]);
    expect(judge('rule-a', expectations, [{ line: 2, messageId: 'quiet' }], ['loud', 'quiet']).errors)
      .toEqual(["line 2: expected message 'loud', reported 'quiet'"]);
    expect(judge('rule-a', expectations, [{ line: 2, messageId: 'loud' }], ['quiet']).errors[0]).toMatch(/has no message 'loud'/);
    expect(parseAnnotations('# ok: rule-a[loud]\nx()\n', known).errors[0]).toMatch(/takes no \[messageId\]/);
    expect(parseAnnotations('# ruleid: rule-a[]\nx()\n', known).errors[0]).toMatch(/malformed/);
  });
});
