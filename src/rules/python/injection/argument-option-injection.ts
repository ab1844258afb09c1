// CWE-88: a value formatted between quotes inside one element of an argument vector (`'EXEC:"%s",pty'`,
// `'target="%s"'`). No shell runs, so those quotes are for the program's own parser (socat addresses, ssh -o,
// ovs-vsctl values); a quote or separator in the value ends the field and adds options. Shell-quoted and numeric
// values are fine; values formatted without quotes are not judged (their syntax is unknown).
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { formatTemplate, fStringTemplate, percentTemplate, type Template } from '../../../languages/python/markupTemplates.js';
import { descendantsOfType, enclosingFunction, isFalsy, keywordArg, positionalArgs, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { COMMAND_SINKS } from '../../../models/python/taint/sinks.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { abbreviate } from '../../../rulekit/text.js';

/** Argument-vector sinks: subprocess without a shell (the list) and execute helpers (each positional argument). */
const ARGV_SINKS = COMMAND_SINKS.filter((s) => s.variant === 'program' || s.variant === 'argument');
/** The project's own escaping helpers, by what their name says they do. */
const OWN_ESCAPER = /escape|quote/i;
/** Conversions that leave nothing for a program's parser to split on. */
const NEUTRAL = new Set(['shlex.quote', 'pipes.quote', 'int', 'float', 'len', 'str.lower', 'uuid.UUID', 'netaddr.IPAddress', 'ipaddress.ip_address']);

/** The elements an argument vector expression holds: a literal list, or a local list and what is added to it. */
function elements(model: PythonModel, arg: SyntaxNode, fn: SyntaxNode | null, depth = 0): SyntaxNode[] {
  let a = unparenthesize(arg);
  if (a.type === 'list_splat') a = unparenthesize(a.namedChild(0)!);
  if (a.type === 'list' || a.type === 'tuple') return a.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  if (a.type !== 'identifier' || depth > 2) return [a];
  const scope = fn ?? model.root;
  const out: SyntaxNode[] = [];
  for (const s of descendantsOfType(scope, 'assignment')) {
    if (s.childForFieldName('left')?.text !== a.text) continue;
    const right = s.childForFieldName('right');
    if (right && (right.type === 'list' || right.type === 'tuple')) out.push(...elements(model, right, fn, depth + 1));
  }
  for (const s of descendantsOfType(scope, 'augmented_assignment')) {
    if (s.childForFieldName('left')?.text === a.text) out.push(...elements(model, s.childForFieldName('right')!, fn, depth + 1));
  }
  for (const c of descendantsOfType(scope, 'call')) {
    const f = c.childForFieldName('function');
    if (f?.type !== 'attribute' || f.childForFieldName('object')?.text !== a.text) continue;
    const m = f.childForFieldName('attribute')?.text;
    const args = positionalArgs(c);
    if (m === 'append' && args[0]) out.push(args[0]);
    else if (m === 'insert' && args[1]) out.push(args[1]);
    else if (m === 'extend' && args[0]) out.push(...elements(model, args[0], fn, depth + 1));
  }
  return out;
}

/**
 * Escaped for the program: shell quoting, a number or parsed address, or the project's own escaping helper — a call
 * (or a local assigned from one) whose name says it escapes or quotes (`_escape_socat_console_cmd(cmd)`).
 */
function escaped(model: PythonModel, value: SyntaxNode, fn: SyntaxNode | null, depth = 0): boolean {
  const v = unparenthesize(value);
  if (v.type === 'call') {
    const name = model.callName(v) ?? v.childForFieldName('function')?.text ?? '';
    return NEUTRAL.has(name) || OWN_ESCAPER.test(name.split('.').at(-1) ?? '');
  }
  if (v.type !== 'identifier' || depth > 2) return false;
  const bound = descendantsOfType(fn ?? model.root, 'assignment').filter((a) => a.childForFieldName('left')?.text === v.text);
  return bound.length > 0 && bound.every((a) => escaped(model, a.childForFieldName('right')!, fn, depth + 1));
}

function template(node: SyntaxNode): Template | null {
  const n = unparenthesize(node);
  return percentTemplate(n) ?? (n.type === 'call' ? formatTemplate(n) : null) ?? (n.type === 'string' ? fStringTemplate(n) : null);
}

/**
 * Placeholders inside a quoted span of the template's own text (`EXEC:"%s",pty`, `ProxyCommand="ssh -W {}"`): an
 * odd number of that quote character before it and the closing one after it.
 */
function quotedPlaceholders(t: Template): Array<{ index: number; quote: string }> {
  const out: Array<{ index: number; quote: string }> = [];
  const texts = t.parts.map((p) => ('text' in p ? p.text : ''));
  t.parts.forEach((p, k) => {
    if (!('placeholder' in p)) return;
    const before = texts.slice(0, k).join('');
    const after = texts.slice(k + 1).join('');
    for (const quote of ['"', "'"]) {
      if (before.split(quote).length % 2 === 0 && after.includes(quote)) { out.push({ index: p.placeholder, quote }); break; }
    }
  });
  return out;
}

function isTruthyKeyword(call: SyntaxNode, name: string): boolean {
  const v = keywordArg(call, name);
  return v !== null && !isFalsy(v);
}

export default defineRule({
  meta: {
    id: 'argument-option-injection',
    cwe: 88,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      quoted: {
        text: '`{value}` is put between {quote} quotes inside the argument `{template}` of `{sink}`; no shell removes them, so the program parses them itself, and a {quote} or separator in `{value}` ends the field and adds options of its own',
        fix: 'Escape `{value}` for the program\'s own syntax before formatting it in (`shlex.quote()` for socat EXEC/SYSTEM and ssh commands), or pass it as a separate argument the program does not parse further',
      },
    },
    docs: {
      summary: 'Value quoted for a program\'s own argument syntax without escaping',
      why: 'Many programs parse structured values out of a single argument: socat addresses (`EXEC:"cmd",pty`), ssh `-o ProxyCommand="…"`, ovs-vsctl column values, qemu `-o` option lists. Quotes written around a formatted value in such an argument are not shell quotes (no shell runs): the program interprets them, so a value holding the quote character or the field separator closes the field and appends options — for socat or ssh, options that run further commands (CWE-88).\n\nClass: argument injection into a program that parses its own arguments (CWE-88; OpenStack Security Guidelines, "Use subprocess securely" and "Avoid shell=True"). Seen in OpenStack as a bare-metal service\'s socat console, whose EXEC address quoted a command built from a node\'s driver_info (user name, password) without escaping socat\'s metacharacters. Reported for a value between quotes inside one element of an argument vector passed to subprocess or processutils/utils.execute.',
      example: 'import subprocess\n\n\ndef start_console(port, console_cmd):\n    args = ["socat", "TCP4-LISTEN:%d,reuseaddr,fork" % port]\n    args.append(\'EXEC:"%s",pty,stderr\' % console_cmd)\n    return subprocess.Popen(args)\n',
      useInstead: 'import shlex\nimport subprocess\n\n\ndef start_console(port, console_cmd):\n    args = ["socat", "TCP4-LISTEN:%d,reuseaddr,fork" % port]\n    args.append(\'EXEC:"%s",pty,stderr\' % shlex.quote(console_cmd))\n    return subprocess.Popen(args)\n',
      fix: 'Escape the value for the syntax of the program that parses it (`shlex.quote()` for commands socat or ssh hand to a shell), validate it against a strict pattern (a user name, a host name), or pass it as its own argument where the program allows.',
      references: [
        'https://cwe.mitre.org/data/definitions/88.html',
        'https://security.openstack.org/guidelines/dg_use-subprocess-securely.html',
        'http://www.dest-unreach.org/socat/doc/socat.html#ADDRESS_EXEC',
      ],
    },
  },
  create(ctx) {
    return {
      call(node) {
        const { sinks, args } = ctx.model.sinksAt(node, ARGV_SINKS);
        // A command line run by a shell is command-injection's business: its quotes are shell quotes.
        if (sinks.length === 0 || isTruthyKeyword(node, 'shell')) return;
        const fn = enclosingFunction(node);
        const seen = new Set<number>();
        // `execute(*cmd)`: the splatted vector is the argument vector too.
        const splats = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is SyntaxNode => a?.type === 'list_splat');
        for (const arg of [...args, ...splats]) {
          for (const el of elements(ctx.model, arg, fn)) {
            const t = template(el);
            if (!t || seen.has(t.node.startIndex)) continue;
            seen.add(t.node.startIndex);
            for (const { index, quote } of quotedPlaceholders(t)) {
              const value = t.values.get(index);
              if (!value || stringValue(value) !== null || value.type === 'integer') continue;
              if (escaped(ctx.model, value, fn)) continue;
              ctx.report({
                node: value, messageId: 'quoted',
                data: { value: abbreviate(value.text, 40), quote: quote === '"' ? 'double' : 'single', template: abbreviate(t.literal.text, 40), sink: abbreviate(node.childForFieldName('function')?.text ?? 'execute', 40) },
              });
            }
          }
        }
      },
    };
  },
});
