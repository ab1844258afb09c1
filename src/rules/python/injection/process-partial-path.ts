// B607: a process started with a program name instead of a path, so the program is found through $PATH and
// whoever controls $PATH (or a writable directory early in it) chooses what runs.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { processKind } from '../../../models/python/processes.js';
import { positionalArg, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';

// Absolute or explicitly relative: `/bin/ls`, `./ls`, `../ls`, `\\share\ls`, `C:\ls`, `C:/ls`.
const QUALIFIED_PATH = /^(?:[A-Za-z](?=:)|[\\/.])/;

/**
 * The literal start of a command string: the whole literal, or the constant text before the first value of an
 * f-string, a `+` chain or a `%`/format template (`"ping -c1 " + host` starts with the program `ping`).
 * `complete` says whether the program word is known to end there.
 */
function literalStart(expr: SyntaxNode): { value: string; complete: boolean } | null {
  // Walk down the left spine of a `+`/`%` chain iteratively (chains can be thousands of operands long).
  let n = expr;
  let innermost: string | null = null;
  for (;;) {
    const op = n.type === 'binary_operator' ? n.childForFieldName('operator')?.text : undefined;
    const left = op === '+' || op === '%' ? n.childForFieldName('left') : null;
    if (!left) break;
    innermost = op!;
    n = unparenthesize(left);
  }
  const head = leafStart(n);
  if (!head || innermost === null) return head;
  // With `%` the template's placeholders, not the right operand, mark where values go in.
  return innermost === '%' && head.complete ? templatePrefix(head.value) : { value: head.value, complete: false };
}

/** The literal start of one operand: a string literal, an f-string's text before its first field, a format template. */
function leafStart(n: SyntaxNode): { value: string; complete: boolean } | null {
  const whole = stringValue(n);
  if (whole !== null) return { value: whole, complete: true };
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    const object = fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' ? fn.childForFieldName('object') : null;
    const template = object ? stringValue(object) : null;
    return template === null ? null : templatePrefix(template, '{');
  }
  if (n.type === 'string') {
    let value = '';
    for (const c of n.namedChildren) {
      if (c?.type === 'interpolation') return { value, complete: false };
      if (c?.type === 'string_content' || c?.type === 'escape_sequence') value += c.text;
    }
  }
  return null;
}

function templatePrefix(template: string, marker = '%'): { value: string; complete: boolean } {
  const at = template.indexOf(marker);
  return at < 0 ? { value: template, complete: true } : { value: template.slice(0, at), complete: false };
}

/** The program a command starts with when it is written literally (the first list/tuple element for argv). */
function programWord(command: SyntaxNode): string | null {
  let n = unparenthesize(command);
  if (n.type === 'list' || n.type === 'tuple') {
    const first = n.namedChildren.find((c) => c !== null && c.type !== 'comment');
    if (!first) return null;
    n = unparenthesize(first);
    const value = stringValue(n);
    return value === null || value === '' ? null : value;
  }
  const start = literalStart(n);
  if (!start || start.value === '') return null;
  if (start.complete) return start.value;
  // Only a program name followed by whitespace is known in full; `"pin" + x` could be anything.
  const m = /^\s*(\S+)\s/.exec(start.value);
  return m ? m[1]! : null;
}

export default defineRule({
  meta: {
    id: 'process-partial-path',
    cwe: 78,
    severity: 'low',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B607',
    banditName: 'start_process_with_partial_path',
    profile: 'bandit',
    messages: {
      partial: {
        text: '`{call}` starts `{program}` by name, so the first `{program}` found on $PATH runs',
        fix: 'Give `{call}` the absolute path of the program (e.g. shutil.which() resolved once at start-up from a trusted PATH, or a configured path)',
      },
    },
    docs: {
      summary: 'process started with a partial executable path',
      why: 'A bare program name is looked up through $PATH at run time. If an attacker can set PATH or write to a directory searched before the real one, their program runs instead, with the service\'s privileges (CWE-78; CWE-426 untrusted search path).',
      example: 'import subprocess\n\ndef list_dir(path):\n    subprocess.run(["ls", "-l", path])\n',
      useInstead: 'import subprocess\n\ndef list_dir(path):\n    subprocess.run(["/bin/ls", "-l", path])\n',
      fix: 'Use absolute program paths, or resolve them once from a trusted PATH and a configuration setting.',
      references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://cwe.mitre.org/data/definitions/426.html'],
      banditDifferences: 'Bandit judges only a command that is entirely a string literal (or a list starting with one); pillar also reads the first element of a tuple and the literal start of a built command (`"ping -c1 " + host`, `f"ping {host}"`, `"ping %s" % host`). An empty string is not a program name and is not reported.',
    },
  },
  create(ctx) {
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (processKind(name) === null) return;
        const command = positionalArg(node, 0);
        const program = command ? programWord(command) : null;
        if (program === null || QUALIFIED_PATH.test(program)) return;
        const word = program.trim().split(/\s+/)[0] ?? program;
        ctx.report({ node, messageId: 'partial', data: { call: name!, program: word } });
      },
    };
  },
});
