// How rules quote reviewed code in messages: one line, bounded length. The one home of these helpers, so every
// message shortens code the same way; it does not escape anything (reporters escape per format).

/** Single-line, bounded rendering of an expression: whitespace runs become one space, then `...` past maxLength. */
export function abbreviate(text: string, maxLength = 60): string {
  return truncate(text.replace(/\s+/g, ' '), maxLength);
}

/** `text` cut to maxLength characters, its last three `...` when cut; newlines kept (unlike abbreviate). */
export function truncate(text: string, maxLength: number): string {
  return text.length > maxLength ? `${text.slice(0, maxLength - 3)}...` : text;
}
