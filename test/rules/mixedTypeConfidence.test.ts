// mixed-type-compare: an always-True/False comparison is a logic defect at low confidence, and medium only when it
// decides a branch that raises (a validation that never or always rejects).
import { describe, expect, it } from 'vitest';
import { analyzePython } from '../../src/engine/analyzePython.js';
import { allRules } from '../../src/rulekit/registry.js';

const SOURCE = `def copy_kind(field):
    if bin(int(field, 16) & 16) != 0:
        return 'snap'
    return 'clone'


def check_port(text):
    port = int(text)
    if port == "443":
        raise ValueError("reserved")
    return port
`;

describe('mixed-type-compare confidence', () => {
  it('plain branch low, raising check medium', async () => {
    const rule = allRules().find((r) => r.meta.id === 'mixed-type-compare')!;
    const { findings } = await analyzePython('cmp.py', SOURCE, [rule], { keepSuppressed: false });
    expect(findings.map((f) => [f.range.startLine, f.confidence])).toEqual([[2, 'low'], [9, 'medium']]);
  });
});
