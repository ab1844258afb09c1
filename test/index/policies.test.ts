// Policy facts across files: a default in one module built from another module's constant (`base.RULE_ANY`) or
// naming a rule another file registers (`rule:allow`) is judged with what that file says, and the judgement follows
// that file when it changes (warm cache, the policy file itself untouched); a literal '@' on the rule itself is low confidence.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { tempDir, writeTree } from '../engine/helpers.js';

const base = (any: string): string => [
  'from oslo_policy import policy',
  '',
  `RULE_ANY = '${any}'`,
  "MEMBER = 'role:member and project_id:%(project_id)s'",
  'MEMBER_OR_ANY = MEMBER + " or " + RULE_ANY',
  '',
  `rules = [policy.RuleDefault('allow', '${any}'), policy.RuleDefault('relay', 'rule:allow')]`,
  '',
].join('\n');

const FILES = {
  'svc/__init__.py': '',
  'svc/policies/__init__.py': '',
  'svc/policies/base.py': base('@'),
  'svc/policies/widget.py': [
    'from oslo_policy import policy',
    '',
    'from svc.policies import base',
    '',
    'rules = [',
    "    policy.RuleDefault('svc:widget:delete', base.RULE_ANY),",
    "    policy.RuleDefault('svc:widget:create', 'rule:relay'),",
    "    policy.RuleDefault('svc:widget:update', base.MEMBER_OR_ANY),",
    "    policy.RuleDefault('svc:widget:rename', base.MEMBER),",
    "    policy.RuleDefault('svc:widget:get_all', base.RULE_ANY),",
    "    policy.RuleDefault('svc:widget:ping', '@'),",
    ']',
    '',
  ].join('\n'),
};

async function lines(root: string, cacheDir: string, minConfidence?: 'low'): Promise<string[]> {
  const report = await review({ paths: [root], onlyRules: ['write-policy-default-admits-anyone'], jobs: 1, cacheDir, ...(minConfidence ? { minConfidence } : {}) });
  return report.findings.map((f) => `${f.file.replace(/^.*svc\//, 'svc/')}:${f.range.startLine}`);
}

describe('policy defaults across files', () => {
  it('resolves constants and rules of other modules, and follows their changes', async () => {
    const root = writeTree(FILES);
    const cacheDir = tempDir('cache');
    expect(await lines(root, cacheDir)).toEqual(['svc/policies/widget.py:6', 'svc/policies/widget.py:7', 'svc/policies/widget.py:8']);
    // A literal '@' on the rule itself is its author's visible choice: low confidence, out of the default report.
    expect(await lines(root, cacheDir, 'low')).toContain('svc/policies/widget.py:11');
    // Only base.py changes: the widget defaults are no longer open.
    writeFileSync(join(root, 'svc/policies/base.py'), base('role:admin'));
    expect(await lines(root, cacheDir)).toEqual([]);
    writeFileSync(join(root, 'svc/policies/base.py'), base('@'));
    expect(await lines(root, cacheDir)).toEqual(['svc/policies/widget.py:6', 'svc/policies/widget.py:7', 'svc/policies/widget.py:8']);
  });
});
