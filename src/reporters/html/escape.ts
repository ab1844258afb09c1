// Escaping for the HTML report: an auto-escaping `html` template tag for server-rendered markup, and JSON that is
// safe inside <script type="application/json">. Nothing from the reviewed code reaches the page any other way.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\u2028': '&#x2028;', '\u2029': '&#x2029;',
};

/**
 * Escapes text for element content and for quoted attribute values alike. U+2028/2029 are harmless in HTML but
 * become references too, so no raw line separator reaches the file and trips up editors or line-based tools.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\u2028\u2029]/g, (c) => HTML_ESCAPES[c]!);
}

/** Markup that is already safe; only `html` and `rawHtml` create it. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Trusted, constant markup written in this code base (never data from a report). */
export function rawHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function interpolate(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v: Interpolation) => interpolate(v)).join('');
  // false/null/undefined render nothing, so `${cond && html`…`}` reads naturally.
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Template tag: every interpolated value is escaped unless it is SafeHtml (or an array of it). */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += interpolate(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/**
 * JSON for a `<script type="application/json">` block. Escaping `<` alone already keeps `</script>` and `<!--` from
 * changing the HTML parser's state; `>` and `&` are escaped too so the text reads the same to any HTML tooling, and
 * U+2028/2029 because older JavaScript parsers treat them as line ends. All five are only ever inside JSON strings,
 * where `\uXXXX` means the same character, so JSON.parse returns the original data.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
