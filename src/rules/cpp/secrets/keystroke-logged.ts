// CWE-532: what the user types reaching a log. Keystroke content is the key code and text a function puts into a
// QKeyEvent, the pre-edit text of a QInputMethodEvent, the commit string of `setCommitString`, and the parameters of
// a function that takes a `Qt::Key` (the key and its text). Writing one of those to a log stream (`qDebug() <<`,
// `qCWarning(cat) <<`, a project macro such as `MODULE_DEBUG() <<`) puts passwords typed into a field into log files
// and the system journal. A stream written under an `#if`/`#ifdef` inside the function (a build switch for sensitive
// debugging) is left alone: someone decided.
import { callShape, enclosingFunction } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { KEY_CODE_TYPES, KEYSTROKE_ARGUMENTS, LOG_MACRO_NAME, LOG_STREAM_CALLS } from '../../../models/cpp/library.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

const compact = (n: SyntaxNode | null | undefined): string => n?.text.replace(/\s+/g, '') ?? '';

/** The parameters of a function definition, as declared names with their types. */
function parameters(fn: SyntaxNode): { name: string; type: string }[] {
  let d = fn.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator') ?? d.namedChild(0);
  const out: { name: string; type: string }[] = [];
  for (const p of d?.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p?.type !== 'parameter_declaration') continue;
    const name = p.descendantsOfType('identifier').at(-1)?.text;
    if (name) out.push({ name, type: compact(p.childForFieldName('type')) });
  }
  return out;
}

/** Plain names passed at the keystroke positions of the events this function builds or fills. */
function keystrokeNames(fn: SyntaxNode): Set<string> {
  const names = new Set<string>();
  const take = (args: readonly (SyntaxNode | null)[], positions: readonly number[] | undefined): void => {
    for (const i of positions ?? []) {
      const a = args[i];
      if (a && /^[A-Za-z_]\w*$/.test(a.text)) names.add(a.text);
    }
  };
  const listed = (list: SyntaxNode | null | undefined): (SyntaxNode | null)[] => list?.namedChildren.filter((c) => c?.type !== 'comment') ?? [];
  for (const decl of fn.descendantsOfType('declaration')) {
    const positions = KEYSTROKE_ARGUMENTS.get(compact(decl.childForFieldName('type')));
    if (!positions) continue;
    for (const init of decl.descendantsOfType('init_declarator')) take(listed(init.childForFieldName('value')), positions);
    // `QKeyEvent e(QEvent::KeyPress, key, Qt::KeyboardModifiers(m), text);` can parse as a function declaration.
    const vexing = decl.childForFieldName('declarator');
    if (vexing?.type === 'function_declarator') take(listed(vexing.childForFieldName('parameters')), positions);
  }
  for (const call of fn.descendantsOfType('call_expression')) {
    const shape = callShape(call);
    if (shape) take(listed(call.childForFieldName('arguments')), KEYSTROKE_ARGUMENTS.get(shape.name));
  }
  for (const n of fn.descendantsOfType('new_expression')) take(listed(n.childForFieldName('arguments')), KEYSTROKE_ARGUMENTS.get(compact(n.childForFieldName('type'))));
  const params = parameters(fn);
  if (params.some((p) => KEY_CODE_TYPES.has(p.type))) {
    for (const p of params) if (KEY_CODE_TYPES.has(p.type) || /^(?:const)?(?:QString|QStringView|std::string)$/.test(p.type)) names.add(p.name);
  }
  return names;
}

/** The call a `<<` chain starts with when it is a log stream (`qDebug()`, `qCDebug(c).nospace()`, `X_DEBUG()`). */
function logHead(chain: SyntaxNode): SyntaxNode | null {
  let left: SyntaxNode | null = chain;
  while (left?.type === 'binary_expression' && left.childForFieldName('operator')?.text === '<<') left = left.childForFieldName('left');
  // `.nospace()`, `.noquote()` on the stream.
  let head = left;
  while (head?.type === 'call_expression' && head.childForFieldName('function')?.type === 'field_expression') head = head.childForFieldName('function')!.childForFieldName('argument');
  if (head?.type !== 'call_expression') return null;
  const name = head.childForFieldName('function');
  if (name?.type !== 'identifier') return null;
  return LOG_STREAM_CALLS.has(name.text) || LOG_MACRO_NAME.test(name.text) ? left : null;
}

/** Whether the rows [first, last] sit under a conditional directive opened inside the function, or contain one. */
function conditionallyCompiled(lines: readonly string[], bodyRow: number, first: number, last: number): boolean {
  let depth = 0;
  for (let row = bodyRow; row <= last && row < lines.length; row++) {
    const directive = /^\s*#\s*(if|ifdef|ifndef|endif|else|elif)\b/.exec(lines[row]!)?.[1];
    if (!directive) continue;
    if (row >= first) return true;
    if (directive.startsWith('if')) depth++;
    else if (directive === 'endif') depth = Math.max(0, depth - 1);
  }
  return depth > 0;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'keystroke-logged',
    cwe: 532,
    severity: 'medium',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      logged: {
        text: '`{name}` carries what the user typed (a key code or text of a key or input-method event) and `{head}` writes it to the log: text typed into password fields ends up in log files',
        fix: 'Log that a key or text arrived, not which: drop `{name}` from the message, or write it only under an explicit build switch for sensitive debugging',
      },
    },
    docs: {
      summary: 'Key codes, typed text or pre-edit text written to a log stream',
      why: 'Input methods and virtual keyboards see every character the user types, passwords included. `qDebug() << text`, or a warning that repeats the key that could not be delivered, copies those characters into log files, the system journal or a crash report, where anyone who can read logs recovers them (CWE-532). Warnings are printed in release builds, and debug categories are often switched on in the field.',
      example: 'void Keyboard::sendKey(int key, const QString &text)\n{\n    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, text);\n    if (!m_focus) {\n        qWarning() << "no focus for key" << key << text;\n        return;\n    }\n    QCoreApplication::sendEvent(m_focus, &press);\n}\n',
      useInstead: 'void Keyboard::sendKey(int key, const QString &text)\n{\n    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, text);\n    if (!m_focus) {\n        qWarning() << "no focus for a key press";\n        return;\n    }\n    QCoreApplication::sendEvent(m_focus, &press);\n}\n',
      fix: 'Keep keystroke content out of log messages; when it is needed for debugging, write it only under a build switch that is off by default (`#ifdef SENSITIVE_DEBUG`).',
      references: ['https://cwe.mitre.org/data/definitions/532.html', 'https://owasp.org/www-project-mobile-top-10/2016-risks/m2-insecure-data-storage', 'https://doc.qt.io/qt-6/qloggingcategory.html'],
    },
  },
  create(ctx) {
    const byFunction = new Map<number, Set<string>>();
    return {
      expression_statement(stmt) {
        const chain = stmt.namedChild(0);
        if (chain?.type !== 'binary_expression' || chain.childForFieldName('operator')?.text !== '<<') return;
        const head = logHead(chain);
        const fn = head && enclosingFunction(stmt);
        if (!head || !fn) return;
        let names = byFunction.get(fn.id);
        if (!names) byFunction.set(fn.id, names = keystrokeNames(fn));
        if (names.size === 0) return;
        // The streamed operands: the right side of every `<<` in the chain.
        const operands: SyntaxNode[] = [];
        for (let n: SyntaxNode | null = chain; n && n.id !== head.id; n = n.childForFieldName('left')) {
          const right = n.childForFieldName('right');
          if (right) operands.unshift(right);
        }
        const hit = operands.find((o) => o.type === 'identifier' && names.has(o.text));
        if (!hit) return;
        const body = fn.childForFieldName('body');
        if (body && conditionallyCompiled(ctx.model.lines, body.startPosition.row, stmt.startPosition.row, stmt.endPosition.row)) return;
        ctx.report({ node: head, messageId: 'logged', data: { name: hit.text, head: compact(head).slice(0, 40) } });
      },
    };
  },
});
