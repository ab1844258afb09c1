// B106: a string literal passed as a keyword argument whose name denotes a password, token or secret
// (`connect(password="…")`, `dict(token="…")`).
import { defineRule } from '../../../rulekit/defineRule.js';
import { kindOf, redact, secretLiteral } from '../../../rulekit/secrets.js';

export default defineRule({
  meta: {
    id: 'hardcoded-password-funcarg',
    cwe: 259,
    severity: 'low',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B106',
    banditName: 'hardcoded_password_funcarg',
    // A notice: it knows a credential by the name it is assigned to (4 of 5 findings on five OpenStack trees were
    // not credentials, docs/precision.md); a reviewer would look, not raise it.
    profile: 'bandit',
    messages: {
      argument: {
        text: '`{call}` receives the hard-coded {kind} {value} as `{keyword}`; anyone with the source or the package has it',
        fix: 'Pass `{keyword}` from configuration or a secret store read at run time (e.g. an oslo.config option with secret=True) instead of the literal',
      },
    },
    docs: {
      summary: 'Password, token or secret passed to a call as a string literal keyword argument',
      why: 'A credential written into a call ships with every copy of the code: it is the same on every deployment, cannot be rotated without a release, and anyone who can read the source or the package can use it (CWE-259).',
      example: 'import pymysql\n\ndef connect():\n    return pymysql.connect(host="db", user="nova", password="Tr0ub4dor&3")\n',
      useInstead: 'import pymysql\n\ndef connect(conf):\n    return pymysql.connect(host="db", user="nova", password=conf.database.password)\n',
      fix: 'Read the credential at run time (configuration option declared secret, environment variable, secret manager) and pass that value; keep no literal credential in the code.',
      references: [
        'https://cwe.mitre.org/data/definitions/259.html',
        'https://cwe.mitre.org/data/definitions/798.html',
      ],
      banditDifferences: [
        'The keyword must name the secret itself: `token_type="Bearer"`, `password_prompt=...`, `next_token=...` are not reported (Bandit #842, #1350).',
        'Values that cannot be credentials are skipped: empty strings, `None`-like words, masks, placeholders, format templates, URLs and paths, prose and labels, and identifiers naming the secret (`"OS_PASSWORD"`, `"NextToken"`).',
        'Every matching keyword of a call is reported, not only the first; in test code only live-looking credentials are reported.',
      ].join('\n\n'),
    },
  },
  create(ctx) {
    return {
      keyword_argument(node) {
        if (node.parent?.type !== 'argument_list' || node.parent.parent?.type !== 'call') return;
        const keyword = node.childForFieldName('name')?.text;
        const value = node.childForFieldName('value');
        if (!keyword || !value) return;
        const found = secretLiteral(ctx.model, keyword, value);
        if (!found) return;
        const call = node.parent.parent;
        const callee = call.childForFieldName('function');
        ctx.report({
          node: value, messageId: 'argument',
          data: { call: ctx.model.callName(call) ?? callee?.text ?? '?', keyword, kind: kindOf(found.secretWord), value: redact(found.value) },
          redact: [value],
        });
      },
    };
  },
});
