// B107: a function or lambda parameter whose name denotes a password, token or secret and whose default is a
// string literal, so every caller that omits it uses the same built-in credential.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { kindOf, redact, secretLiteral } from '../../../rulekit/secrets.js';

export default defineRule({
  meta: {
    id: 'hardcoded-password-default',
    cwe: 259,
    severity: 'low',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B107',
    banditName: 'hardcoded_password_default',
    // A notice: it knows a credential by the name it is assigned to (4 of 5 findings on five OpenStack trees were
    // not credentials, docs/precision.md); a reviewer would look, not raise it.
    profile: 'bandit',
    messages: {
      default: {
        text: 'parameter `{parameter}` defaults to the hard-coded {kind} {value}; every caller that omits it shares that credential',
        fix: 'Give `{parameter}` no default (or None) and make callers pass a credential read from configuration or a secret store',
      },
    },
    docs: {
      summary: 'Password, token or secret parameter with a string literal default',
      why: 'A default credential is a built-in credential: whoever forgets to pass one silently uses a value that is public in the source, and it cannot be rotated without a release (CWE-259).',
      example: 'def connect(driver, user="admin", password="admin123"):\n    return driver.connect(user=user, password=password)\n',
      useInstead: 'def connect(driver, user, password):\n    return driver.connect(user=user, password=password)\n',
      fix: 'Drop the default or use None and fail (or load the configured secret) when no credential is given.',
      references: [
        'https://cwe.mitre.org/data/definitions/259.html',
        'https://cwe.mitre.org/data/definitions/1392.html',
      ],
      banditDifferences: [
        'Keyword-only and positional-only parameters, `async def` and lambdas are checked too (Bandit looks only at positional parameters of plain `def`).',
        '`None` and empty-string defaults, and names that only describe a secret (`password_field`, `token_type`) are not reported; in test code only live-looking credentials are.',
      ].join('\n\n'),
    },
  },
  create(ctx) {
    const visit = (node: SyntaxNode): void => {
      const name = node.childForFieldName('name');
      const value = node.childForFieldName('value');
      if (!name || !value || name.type !== 'identifier') return;
      const found = secretLiteral(ctx.model, name.text, value);
      if (!found) return;
      ctx.report({ node: value, messageId: 'default', data: { parameter: name.text, kind: kindOf(found.secretWord), value: redact(found.value) }, redact: [value] });
    };
    return { default_parameter: visit, typed_default_parameter: visit };
  },
});
