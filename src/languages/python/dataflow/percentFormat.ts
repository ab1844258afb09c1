// The conversions of a printf-style (`%`) format string, in order, so that `%r` arguments (repr(), newlines
// escaped) and `%d` arguments (numbers) can be told from `%s` ones. Mapping keys (`%(name)s`) are reported too.

export interface Conversion { key: string | null; type: string }

const SPEC = /%(?:\(([^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;

export function conversions(format: string): Conversion[] {
  const out: Conversion[] = [];
  for (const m of format.matchAll(SPEC)) if (m[2] !== '%') out.push({ key: m[1] ?? null, type: m[2]! });
  return out;
}

/** True when a value formatted by this conversion cannot carry a raw newline into the text. */
export function escapesNewlines(c: Conversion | undefined): boolean {
  return c !== undefined && c.type !== 's';
}

/** The format split into literal text and its conversions in order (`%%` stays text), for context analyses. */
export function splitPercent(format: string): Array<{ text: string } | { conversion: Conversion }> {
  const out: Array<{ text: string } | { conversion: Conversion }> = [];
  let last = 0;
  for (const m of format.matchAll(SPEC)) {
    if (m[2] === '%') continue;
    out.push({ text: format.slice(last, m.index) });
    out.push({ conversion: { key: m[1] ?? null, type: m[2]! } });
    last = m.index! + m[0].length;
  }
  out.push({ text: format.slice(last) });
  return out;
}
