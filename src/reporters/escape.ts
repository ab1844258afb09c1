// Escaping for text that comes from the reviewed code (file names, code, messages that quote code) before it
// reaches a terminal, a log or a rendered markdown comment. The HTML report has its own (html/escape.ts).

// C0 and C1 controls (ESC, CR, BEL, CSI…), DEL, Unicode line/paragraph separators and bidirectional controls
// (Trojan Source). Tab is left alone: it cannot move the cursor to forge or erase a line.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function hex(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of output: every control character (a newline too) written visibly, e.g. ESC as `\x1b`. */
export function visible(text: string): string {
  return text.replace(UNSAFE, hex);
}

/** Lines of code for a code frame: split on newlines, a CRLF's CR dropped, any other control written visibly. */
export function visibleLines(code: string): string[] {
  return code.split('\n').map((line) => visible(line.endsWith('\r') ? line.slice(0, -1) : line));
}

/**
 * Markdown inline text that renders exactly as given. Backslash-escaped (CommonMark allows it for any ASCII
 * punctuation): everything that can open inline markup anywhere — code spans, emphasis, links and images (`[`, `!`),
 * raw HTML and autolinks (`<`), entities (`&`), table cells (`|`), strikethrough (`~`) — and, at the start, whatever
 * could open a block (heading, list, quote, thematic break). Newlines become visible escapes, so no block can start
 * later in the text either. Other punctuation stays readable in the raw comment.
 */
export function markdownText(text: string): string {
  const inline = visible(text).replace(/[\\`*_[\]<>&|~!]/g, (c) => `\\${c}`);
  return inline.replace(/^(\s*)(?:([#+\-=>])|(\d+)([.)]))/, (_, space: string, mark?: string, digits?: string, dot?: string) =>
    mark !== undefined ? `${space}\\${mark}` : `${space}${digits}\\${dot}`);
}

/** A markdown code span that holds `text` verbatim: delimited by more backticks than any run inside it. */
export function markdownCode(text: string): string {
  const line = visible(text);
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  // A space on each side keeps a leading/trailing backtick from joining the delimiter; CommonMark strips one each.
  const pad = line.startsWith('`') || line.endsWith('`') || line.startsWith(' ') ? ' ' : '';
  return `${ticks}${pad}${line}${pad}${ticks}`;
}

/** A fenced code block longer than any backtick run in the code, so the code cannot close it. */
export function markdownFence(code: string, info = 'python'): string {
  const lines = visibleLines(code);
  const longest = Math.max(2, ...lines.flatMap((l) => [...l.matchAll(/`+/g)].map((m) => m[0].length)));
  const ticks = '`'.repeat(longest + 1);
  return [`${ticks}${info}`, ...lines, ticks].join('\n');
}
