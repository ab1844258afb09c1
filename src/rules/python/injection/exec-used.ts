// B102: `exec(...)` (and the Python 2 `exec` statement) runs a string as Python code. A literal is merely fragile
// (own message, Bandit's rating); anything computed lets whoever controls that value run code in the service.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { argument, isConstant } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { abbreviate } from '../../../rulekit/text.js';

const EXEC = new Set(['exec', 'builtins.exec', '__builtin__.exec', 'six.exec_']);
const EXEC_NAMES = [...EXEC];

export default defineRule({
  meta: {
    id: 'exec-used',
    cwe: 95,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B102',
    banditName: 'exec_used',
    messages: {
      computed: {
        text: '`exec` runs the Python code in `{code}`; whoever can influence that value can run arbitrary code in this process',
        fix: 'Do not execute `{code}`: parse data with json/ast.literal_eval, or dispatch to known functions from a dict of allowed names',
      },
      literal: {
        text: '`exec` runs a literal code string; safe today, but it hides code from review and tools and invites interpolation later',
        fix: 'Write the literal code as ordinary Python instead of passing it to exec',
      },
    },
    docs: {
      summary: 'exec() of a code string',
      why: 'exec compiles and runs any Python it is given with the full privileges of the service. If any part of the string comes from a request, a file or a database, an attacker can run arbitrary code (CWE-95); even literal strings hide code from linters and reviewers.',
      example: 'def apply(rule_text, instance):\n    exec(rule_text, {"instance": instance})\n',
      useInstead: 'import operator\n\nOPS = {"eq": operator.eq, "ne": operator.ne}\n\ndef apply(op, left, right):\n    return OPS[op](left, right)\n',
      fix: 'Replace exec with data (json, ast.literal_eval for literals) or with a table of allowed callables selected by name.',
      references: [
        'https://cwe.mitre.org/data/definitions/95.html',
        'https://docs.python.org/3/library/functions.html#exec',
      ],
      banditDifferences: 'CWE-95 (eval injection, i.e. dynamically evaluated code) instead of Bandit\'s CWE-78 (OS command injection), which is a different sink; both are in the neutralization pillar. The Python 2 `exec` statement and `six.exec_` are reported too. A literal code string keeps Bandit\'s medium severity but gets its own message, since the fix is to write the code out rather than to stop trusting an input.',
    },
  },
  create(ctx) {
    const report = (node: SyntaxNode, code: SyntaxNode | null): void => {
      if (code && isConstant(code)) ctx.report({ node, messageId: 'literal' });
      else ctx.report({ node, messageId: 'computed', data: { code: code ? abbreviate(code.text) : '...' } });
    };
    const visitors: Visitors = {
      exec_statement(node) {
        report(node, node.childForFieldName('code'));
      },
    };
    // A file that can call exec() gets the call visitor (it would be offered every call of the file).
    if (ctx.model.mayCall(EXEC_NAMES)) {
      visitors.call = (node) => {
        const name = ctx.model.callName(node);
        if (name !== null && EXEC.has(name)) report(node, argument(node, 0, 'source'));
      };
    }
    return visitors;
  },
});
