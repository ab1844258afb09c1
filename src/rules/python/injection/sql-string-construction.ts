// B608: SQL text built from values by `+`, `%`, str.format, str.replace or an f-string. Works on tree-sitter's
// string nodes (f-strings included), so it sees what Bandit's ast.Str-based check misses on Python 3.8+.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { callee, calleeName, isConstant, positionalArgs, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';

// Bandit's heuristic for "this text is a SQL statement"; DOTALL so that multi-line queries match.
const SQL = /(select\s.*from\s|delete\s+from\s|insert\s+into\s.*values[\s(]|update\s.*set\s)/is;
/** Calls that run their first argument as SQL: DB-API cursors, sqlite3, Django's Manager.raw, SQLAlchemy's driver SQL. */
const SQL_RUNNERS = new Set(['execute', 'executemany', 'executescript', 'raw', 'exec_driver_sql']);
const SQLALCHEMY_TEXT = new Set(['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text']);
/** Message-building calls whose text is never run as SQL (a log line that says "update ... set ..."). */

function isString(n: SyntaxNode): boolean {
  return n.type === 'string' || n.type === 'concatenated_string';
}

function stringParts(n: SyntaxNode): SyntaxNode[] {
  return n.type === 'concatenated_string' ? n.namedChildren.filter((c): c is SyntaxNode => c?.type === 'string') : [n];
}

function isBytes(n: SyntaxNode): boolean {
  return stringParts(n).some((p) => /^[A-Za-z]*[bB]/.test(p.child(0)?.text ?? ''));
}

/** An f-string field in the literal or one of its parts (a nested field lies inside an outer one). */
function hasInterpolation(n: SyntaxNode): boolean {
  return n.hasDescendantOfType('interpolation');
}

/** The literal text of a string, f-string parts without their `{...}` fields; escapes read as whitespace. */
function literalText(n: SyntaxNode): string {
  let out = '';
  for (const part of stringParts(n)) {
    for (const c of part.namedChildren) {
      if (c?.type === 'string_content') out += c.text.replace(/\\[ntrfv]/g, ' ');
      else if (c?.type === 'escape_sequence') out += /^\\[ntrfv]$/.test(c.text) ? ' ' : c.text;
    }
  }
  return out;
}

function isChainOperator(n: SyntaxNode | null): boolean {
  if (!n || n.type !== 'binary_operator') return false;
  const op = n.childForFieldName('operator')?.text;
  return op === '+' || op === '%';
}

/** The nearest ancestor that is not a pair of parentheses. */
function outerParent(n: SyntaxNode): SyntaxNode | null {
  let p = n.parent;
  while (p && p.type === 'parenthesized_expression') p = p.parent;
  return p;
}

/** Operands of a `+` / `%` chain in source order, nested chains (and their parentheses) flattened. */
function chainOperands(root: SyntaxNode, covered: Set<number>): SyntaxNode[] {
  // Iterative: generated code can hold `+` chains thousands of operands deep.
  const out: SyntaxNode[] = [];
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isChainOperator(n)) {
      covered.add(n.id);
      for (const side of ['right', 'left']) {
        const child = n.childForFieldName(side);
        if (child) stack.push(unparenthesize(child));
      }
    } else {
      out.push(n);
    }
  }
  return out;
}

type Wrapper = 'runner' | 'message' | 'other';

/** What the built text is handed to: a SQL runner, a log/exception message, or something else. */
function wrapperOf(model: PythonModel, expr: SyntaxNode): Wrapper {
  let p = outerParent(expr);
  if (p?.type === 'keyword_argument') p = p.parent;
  if (p?.type === 'raise_statement') return 'message';
  if (p?.type !== 'argument_list') return 'other';
  const call = p.parent;
  if (!call || call.type !== 'call') return 'other';
  if (call.parent?.type === 'raise_statement') return 'message';
  const name = calleeName(call);
  if (name && SQL_RUNNERS.has(name)) return 'runner';
  if (SQLALCHEMY_TEXT.has(model.callName(call) ?? '')) return 'runner';
  if (model.loggingCall(call)) return 'message';
  return 'other';
}

export default defineRule({
  meta: {
    id: 'sql-string-construction',
    cwe: 89,
    severity: 'medium',
    confidence: 'low',
    languages: ['python'],
    bandit: 'B608',
    banditName: 'hardcoded_sql_expressions',
    // A notice: it sees SQL text built from any value, table names from class attributes included; attacker-
    // controlled values reaching SQL are the default profile's sql-injection (taint) finding.
    profile: 'bandit',
    messages: {
      executed: {
        text: 'SQL built with {how} is passed straight to `{runner}`; a value in it can change the statement',
        fix: 'Keep the SQL text constant and pass the values as parameters: `{runner}("... WHERE id = %s", (value,))`',
      },
      built: {
        text: 'SQL text is built with {how}; if it reaches a database, a value in it can change the statement',
        fix: 'Use a constant statement with placeholders and pass the values as query parameters (or SQLAlchemy bindparams); for identifiers, check them against an allow-list',
      },
    },
    docs: {
      summary: 'SQL statement built by string formatting, concatenation or an f-string',
      why: 'When a value is pasted into SQL text, quotes or keywords inside it become part of the statement: `\' OR 1=1 --` reads every row, `\'; DROP TABLE ...` destroys data (CWE-89). Parameters are sent separately from the statement and can never change its structure.',
      example: 'def find(cursor, name):\n    cursor.execute("SELECT id FROM users WHERE name = \'%s\'" % name)\n',
      useInstead: 'def find(cursor, name):\n    cursor.execute("SELECT id FROM users WHERE name = %s", (name,))\n',
      fix: 'Use placeholders and pass values as parameters. Table or column names cannot be parameters: validate them against a fixed allow-list before formatting them in.',
      references: ['https://cwe.mitre.org/data/definitions/89.html', 'https://peps.python.org/pep-0249/#paramstyle', 'https://docs.sqlalchemy.org/en/20/core/tutorial.html#using-textual-sql'],
      banditDifferences: 'Bandit 1.6.2 on Python 3.8+ sees no strings at all (ast.Str); current Bandit and pillar read f-strings and implicit concatenation. Pillar reports one finding per built statement (Bandit one per string piece) and stays silent where nothing variable goes in (all-literal `+`/`%`/format, an f-string without fields) and where the text is a log or exception message. Passing the text to execute/executemany/executescript/raw/exec_driver_sql or sqlalchemy.text, by position or keyword, raises confidence to MEDIUM (Bandit: execute/executemany by position only); str.replace stays LOW as in Bandit. Bytes are never checked, as in Bandit.',
    },
  },
  create(ctx) {
    const check = (expr: SyntaxNode, text: string, how: string, replace: boolean): void => {
      if (!SQL.test(text)) return;
      const wrapper = wrapperOf(ctx.model, expr);
      if (wrapper === 'message') return;
      if (wrapper === 'runner' && !replace) {
        const p = outerParent(expr);
        const call = (p?.type === 'keyword_argument' ? p.parent : p)?.parent;
        const runner = call ? callee(call)?.text ?? 'execute' : 'execute';
        ctx.report({ node: expr, messageId: 'executed', data: { how, runner }, confidence: 'medium' });
      } else {
        ctx.report({ node: expr, messageId: 'built', data: { how } });
      }
    };
    // Nodes already judged as part of a larger construction. The walk enters parents first, so marking children
    // here replaces `node.parent` look-ups, which cost O(depth) each in tree-sitter (quadratic on long chains).
    const covered = new Set<number>();
    return {
      binary_operator(node) {
        if (!isChainOperator(node) || covered.has(node.id)) return;
        const operands = chainOperands(node, covered);
        for (const o of operands) covered.add(o.id);
        const strings = operands.filter((o) => isString(o) && !isBytes(o));
        if (strings.length === 0) return;
        if (operands.every((o) => isConstant(o))) return;
        const op = node.childForFieldName('operator')?.text === '%' ? '`%` formatting' : 'string concatenation';
        check(node, strings.map(literalText).join(' '), op, false);
      },
      call(node) {
        const fn = callee(node);
        if (fn?.type !== 'attribute') return;
        const method = fn.childForFieldName('attribute')?.text;
        if (method !== 'format' && method !== 'replace') return;
        const object = fn.childForFieldName('object');
        if (!object || !isString(object)) return;
        covered.add(object.id);
        if (isBytes(object) || hasInterpolation(object)) return;
        const args = node.childForFieldName('arguments');
        const inputs = method === 'replace' ? positionalArgs(node).slice(1, 2) : (args?.namedChildren ?? []);
        if (inputs.length === 0 || inputs.every((a) => a === null || a.type === 'comment' || isConstant(a.type === 'keyword_argument' ? a.childForFieldName('value') : a))) return;
        check(node, literalText(object), `str.${method}()`, method === 'replace');
      },
      concatenated_string(node) {
        // Judged as one f-string when any part has fields; its parts are not judged again.
        for (const part of node.namedChildren) if (part) covered.add(part.id);
        if (covered.has(node.id) || !hasInterpolation(node) || isBytes(node)) return;
        check(node, literalText(node), 'an f-string', false);
      },
      string(node) {
        if (covered.has(node.id) || !hasInterpolation(node) || isBytes(node)) return;
        check(node, literalText(node), 'an f-string', false);
      },
    };
  },
});
