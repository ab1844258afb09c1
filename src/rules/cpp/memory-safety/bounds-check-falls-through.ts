// CWE-755: a bounds check that notices the problem and carries on. `if (available < size) { log; close(); }` with no
// `return` (or throw, break, continue, goto, abort) in its body, followed directly by `memcpy(…, size)`: the check
// reports the protocol violation or the short buffer, then the copy it was meant to prevent runs anyway and reads or
// writes past the end. A body that changes a compared value (`n = available;`, clamping) or has an `else` is a
// handled condition and is left alone.
import { callShape } from '../../../languages/cpp/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { LOG_MACRO_NAME, LOG_STREAM_CALLS, NO_RETURN_CALLS, RAW_MEMORY_CALLS } from '../../../models/cpp/library.js';
import { namesIn } from '../../../rulekit/cppGuards.js';
import { defineCppRule } from '../../../rulekit/defineRule.js';

const ORDERINGS = new Set(['<', '>', '<=', '>=']);
const JUMPS = ['return_statement', 'throw_statement', 'break_statement', 'continue_statement', 'goto_statement', 'co_return_statement'];
/** Calls that say "this went wrong": logging, or a name about errors, closing or aborting. */
const REPORTING_NAME = /error|fail|abort|close|disconnect|violation|invalid/i;

/** A call in the check's body that reports the failure, when the body makes one. */
function reports(body: SyntaxNode): boolean {
  return body.descendantsOfType('call_expression').some((c) => {
    const name = callShape(c)?.name;
    return name !== undefined && (LOG_STREAM_CALLS.has(name) || LOG_MACRO_NAME.test(name) || REPORTING_NAME.test(name));
  });
}

/** Whether the body stops the function: a jump statement or a call that does not return. */
function leaves(body: SyntaxNode): boolean {
  if (JUMPS.includes(body.type) || body.descendantsOfType(JUMPS).length > 0) return true;
  return body.descendantsOfType('call_expression').some((c) => NO_RETURN_CALLS.has(callShape(c)?.name ?? ''));
}

/** Names the body assigns (`n = avail`, `++pos`): a clamp or an adjustment that handles the condition. */
function assigned(body: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const a of body.descendantsOfType(['assignment_expression', 'update_expression'])) {
    const target = a.childForFieldName('left') ?? a.childForFieldName('argument');
    if (target) for (const n of namesIn(target)) out.add(n);
  }
  return out;
}

export default defineCppRule({
  language: 'cpp',
  meta: {
    id: 'bounds-check-falls-through',
    cwe: 755,
    severity: 'high',
    confidence: 'medium',
    languages: ['cpp'],
    messages: {
      through: {
        text: 'the check `{check}` reports that `{name}` is out of bounds but does not leave, and `{copy}` runs next with `{name}`: the copy it should have prevented reads or writes past the buffer',
        fix: 'End the failure branch with `return` (or throw/break) so that the copy only runs when the check passes',
      },
    },
    docs: {
      summary: 'A bounds check whose failure branch logs or closes but falls through into the copy it guards',
      why: 'Network and file parsers check that enough bytes are buffered before copying them out. When the failure branch only logs, emits an error or closes the connection and then falls through, the `memcpy` after it runs with the length the check rejected: a heap over-read or overflow driven by the peer (CWE-755 leading to CWE-125/CWE-787). Closing a connection often clears the buffer, which makes the copy worse, not safer.',
      example: 'void Reader::take(char *out, quint64 size)\n{\n    if (quint64(m_buffer.size() - m_pos) < size) {\n        qWarning("short packet");\n        closeConnection();\n    }\n    memcpy(out, m_buffer.constData() + m_pos, size);\n    m_pos += size;\n}\n',
      useInstead: 'void Reader::take(char *out, quint64 size)\n{\n    if (quint64(m_buffer.size() - m_pos) < size) {\n        qWarning("short packet");\n        closeConnection();\n        return;\n    }\n    memcpy(out, m_buffer.constData() + m_pos, size);\n    m_pos += size;\n}\n',
      fix: 'Make the failure branch leave (`return`, `throw`, `break`), or clamp the length inside it; and let the caller learn that the read failed.',
      references: ['https://cwe.mitre.org/data/definitions/755.html', 'https://cwe.mitre.org/data/definitions/125.html', 'https://wiki.sei.cmu.edu/confluence/display/c/ERR33-C.+Detect+and+handle+standard+library+errors'],
    },
  },
  create(ctx) {
    return {
      if_statement(stmt) {
        if (stmt.childForFieldName('alternative')) return;
        const condition = stmt.childForFieldName('condition');
        const body = stmt.childForFieldName('consequence');
        if (!condition || !body) return;
        const comparisons = condition.descendantsOfType('binary_expression').filter((b) => ORDERINGS.has(b.childForFieldName('operator')?.text ?? ''));
        if (comparisons.length === 0 || leaves(body) || !reports(body)) return;
        const compared = new Set<string>();
        for (const c of comparisons) for (const n of namesIn(c)) compared.add(n);
        // A body that moves a compared value (clamps the length, refills the buffer) handles the condition.
        for (const n of assigned(body)) if (compared.has(n)) return;
        // The statement right after the check (comments aside).
        let next = stmt.nextNamedSibling;
        while (next?.type === 'comment') next = next.nextNamedSibling;
        if (next?.type !== 'expression_statement') return;
        const copy = next.descendantsOfType('call_expression').find((c) => RAW_MEMORY_CALLS.has(callShape(c)?.name ?? ''));
        const args = copy?.childForFieldName('arguments');
        if (!copy || !args) return;
        const used = [...namesIn(args)].find((n) => compared.has(n) && n !== 'this');
        if (!used) return;
        ctx.report({
          node: copy, messageId: 'through',
          data: { name: used, check: condition.text.replace(/\s+/g, ' ').slice(0, 60), copy: callShape(copy)!.name },
          evidence: [{ node: condition, message: 'the check that does not stop the copy' }],
        });
      },
    };
  },
});
