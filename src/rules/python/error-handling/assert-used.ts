// B101: `assert` in production code, where `python -O` strips it and any check it makes silently disappears.
// Test code (judged from its imports and test classes, never from the file name) is left alone.
import { defineRule } from '../../../rulekit/defineRule.js';
import { truncate } from '../../../rulekit/text.js';

export default defineRule({
  meta: {
    id: 'assert-used',
    cwe: 703,
    severity: 'low',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B101',
    banditName: 'assert_used',
    profile: 'bandit',
    messages: {
      assert: {
        text: '`assert {condition}` is removed under `python -O`, so this check does not run in optimised deployments',
        fix: 'Replace it with `if not ({condition}): raise <a specific exception>(...)` so the check survives optimisation',
      },
    },
    docs: {
      summary: 'assert used outside test code',
      why: 'Python drops every assert statement when run with -O or PYTHONOPTIMIZE. Code that relies on an assert to validate input, enforce a permission or keep an invariant loses that check in optimised deployments, and an unexpected state flows on instead of failing (CWE-703).',
      example: 'def delete_volume(context, volume):\n    assert context.is_admin\n    volume.destroy()\n',
      useInstead: 'from nova import exception\n\ndef delete_volume(context, volume):\n    if not context.is_admin:\n        raise exception.Forbidden()\n    volume.destroy()\n',
      fix: 'Use an explicit `if` that raises a meaningful exception. Keep assert for test code and for internal invariants whose removal is harmless.',
      references: [
        'https://cwe.mitre.org/data/definitions/703.html',
        'https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement',
      ],
      banditDifferences: 'Test code is recognised from what the module imports and defines (test frameworks, test-case classes, fixtures and fakes that import the project\'s test package) instead of by a file-name glob in a config file, so asserts in tests are not reported out of the box.',
    },
  },
  create(ctx) {
    let skip: boolean | undefined;
    return {
      assert_statement(node) {
        skip ??= ctx.model.isTestSupport();
        if (skip) return;
        const condition = node.namedChildren.find((c) => c !== null && c.type !== 'comment');
        const text = (condition?.text ?? '').replace(/\s+/g, ' ');
        ctx.report({ node, messageId: 'assert', data: { condition: truncate(text, 60) } });
      },
    };
  },
});
