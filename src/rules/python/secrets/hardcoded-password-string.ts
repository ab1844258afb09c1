// B105: a string literal stored under, or compared with, a name that denotes a password, token or secret:
// assignments (plain, annotated, chained, tuple, attribute, subscript) and dict-literal entries, and `==`/`!=` checks.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { comparisonOperators, dottedName, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { kindOf, redact, secretLiteral } from '../../../rulekit/secrets.js';

/** The name a target or key gives its value: `password`, `self.db_password` → `db_password`, `d["token"]` → `token`. */
function targetName(target: SyntaxNode): string | null {
  const t = unparenthesize(target);
  if (t.type === 'identifier') return t.text;
  if (t.type === 'attribute') return t.childForFieldName('attribute')?.text ?? null;
  if (t.type === 'subscript') return stringValue(t.childForFieldName('subscript'));
  return null;
}

const UNPACKING_TARGETS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list']);
const UNPACKED_VALUES = new Set(['expression_list', 'tuple', 'list']);

/** Pairs each assignment target with the expression it receives, through chains and parallel tuples. */
function assignedPairs(assignment: SyntaxNode): Array<[SyntaxNode, SyntaxNode]> {
  const left = assignment.childForFieldName('left');
  let right = assignment.childForFieldName('right');
  if (!left || !right) return [];
  const pairs: Array<[SyntaxNode, SyntaxNode]> = [];
  const targets = [left];
  // `a = b = "x"`: the inner assignment holds the next target and, at the end of the chain, the value.
  while (right.type === 'assignment') {
    const next = right.childForFieldName('left');
    if (next) targets.push(next);
    const r = right.childForFieldName('right');
    if (!r) return [];
    right = r;
  }
  for (const target of targets) {
    const t = unparenthesize(target);
    const r = unparenthesize(right);
    if (UNPACKING_TARGETS.has(t.type) && UNPACKED_VALUES.has(r.type)) {
      const ts = t.namedChildren.filter((c): c is SyntaxNode => c !== null);
      const vs = r.namedChildren.filter((c): c is SyntaxNode => c !== null);
      if (ts.length === vs.length) ts.forEach((tt, i) => pairs.push([tt, vs[i]!]));
    } else {
      pairs.push([t, r]);
    }
  }
  return pairs;
}

export default defineRule({
  meta: {
    id: 'hardcoded-password-string',
    cwe: 259,
    severity: 'low',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B105',
    banditName: 'hardcoded_password_string',
    // A notice: it knows a credential by the name it is assigned to (4 of 5 findings on five OpenStack trees were
    // not credentials, docs/precision.md); a reviewer would look, not raise it.
    profile: 'bandit',
    messages: {
      assigned: {
        text: '`{target}` is set to the hard-coded {kind} {value}; anyone with the source or the package has it',
        fix: 'Read `{target}` from configuration or a secret store at run time (e.g. an oslo.config option with secret=True, or an environment variable) instead of the literal',
      },
      compared: {
        text: '`{target}` is checked against the hard-coded {kind} {value}; that literal is a built-in credential',
        fix: 'Compare `{target}` with a value loaded from configuration or a secret store, using hmac.compare_digest(), never with a literal in the code',
      },
    },
    docs: {
      summary: 'Password, token or secret assigned or compared as a string literal',
      why: 'A credential written into the code ships with every copy of it: it cannot be rotated without a release, it is the same on every deployment, and anyone who can read the repository, a wheel or a container image can log in with it (CWE-259).',
      example: 'DB_PASSWORD = "Tr0ub4dor&3"\n\ndef connect(driver):\n    return driver.connect(user="nova", password=DB_PASSWORD)\n',
      useInstead: 'import os\n\nDB_PASSWORD = os.environ["NOVA_DB_PASSWORD"]\n\ndef connect(driver):\n    return driver.connect(user="nova", password=DB_PASSWORD)\n',
      fix: 'Load the secret at run time from configuration (an oslo.config option declared with secret=True), an environment variable or a secret manager such as Barbican, and keep only the name of the setting in the code.',
      references: [
        'https://cwe.mitre.org/data/definitions/259.html',
        'https://cwe.mitre.org/data/definitions/798.html',
        'https://docs.openstack.org/oslo.config/latest/reference/opts.html',
      ],
      banditDifferences: [
        'The secret word must be the head of the name: `password_field`, `token_type`, `TOKEN_URL`, `token_fail_reason` describe a secret and are not reported (Bandit #200, #498, #842, #843), nor are pagination and lexer tokens (`NextToken`, `next_token`, `input_token`, Bandit #1350).',
        'Values that cannot be credentials are skipped: empty strings, `None`-like words, masks (`***`), placeholders (`<password>`), format templates, URLs and paths, prose and form labels, and identifiers that name the secret (`"NextToken"`, `"OS_PASSWORD"`, `"X-Auth-Token"`) (Bandit #245, #1227).',
        'Dict literals (`{"password": "s3cret"}`), subscript assignments (`conf["password"] = "s3cret"`), annotated, chained and tuple assignments are all checked (Bandit #605, #1267, #1383); `in` tests are not (Bandit #498).',
        'In test code (judged from its imports and test classes) only values that look like live credentials (known token formats, long high-entropy strings) are reported, since fixtures are full of fake passwords.',
        'The message and the snippet (so every report format) show only the first characters of the value. Known gap: a passphrase containing spaces reads as prose and is not reported.',
      ].join('\n\n'),
    },
  },
  create(ctx) {
    const check = (name: string | null, targetText: string, literal: SyntaxNode, messageId: 'assigned' | 'compared'): void => {
      if (name === null) return;
      const found = secretLiteral(ctx.model, name, literal);
      if (!found) return;
      ctx.report({ node: literal, messageId, data: { target: targetText, kind: kindOf(found.secretWord), value: redact(found.value) }, redact: [literal] });
    };
    const assignment = (node: SyntaxNode): void => {
      for (const [target, value] of assignedPairs(node)) check(targetName(target), target.text, value, 'assigned');
    };
    return {
      assignment(node) {
        // Only the outermost assignment of a chain, which pairs every target with the final value.
        if (node.parent?.type !== 'assignment') assignment(node);
      },
      pair(node) {
        const key = node.childForFieldName('key');
        const value = node.childForFieldName('value');
        if (key && value) check(stringValue(key), key.text, value, 'assigned');
      },
      comparison_operator(node) {
        const ops = comparisonOperators(node);
        const operands = node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
        ops.forEach((op, i) => {
          if (op !== '==' && op !== '!=') return;
          const [a, b] = [operands[i], operands[i + 1]];
          if (!a || !b) return;
          const nameOf = (n: SyntaxNode): string | null => (dottedName(n) ?? '').split('.').pop() || null;
          if (stringValue(b) !== null) check(nameOf(a), a.text, b, 'compared');
          else if (stringValue(a) !== null) check(nameOf(b), b.text, a, 'compared');
        });
      },
    };
  },
});
