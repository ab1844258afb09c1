// Functions that escape text for HTML/XML, and whether their result may sit inside a quoted attribute value: an
// escaper that leaves `"` alone (xml.sax.saxutils.escape, cgi.escape by default) lets a value close the attribute.
// Data only.

export interface MarkupEscaper {
  name: string;
  /**
   * Whether `"` and `'` are encoded: always, never, or as a keyword argument says (`quote`), with its position and
   * default. `entities`: an extra mapping argument (saxutils) that may add the quote characters.
   */
  quotes: 'always' | 'never' | { keyword: string; index: number; default: boolean } | { entities: string; index: number };
}

export const MARKUP_ESCAPERS: readonly MarkupEscaper[] = [
  { name: 'html.escape', quotes: { keyword: 'quote', index: 1, default: true } },
  { name: 'cgi.escape', quotes: { keyword: 'quote', index: 1, default: false } },
  { name: 'xml.sax.saxutils.escape', quotes: { entities: 'entities', index: 1 } },
  // quoteattr adds the surrounding quotes itself.
  { name: 'xml.sax.saxutils.quoteattr', quotes: 'always' },
  ...['django.utils.html.escape', 'django.utils.html.conditional_escape', 'django.utils.html.format_html',
    'django.template.defaultfilters.escape', 'django.template.defaultfilters.force_escape', 'django.utils.html.escapejs',
    'markupsafe.escape', 'markupsafe.Markup.escape', 'jinja2.escape', 'flask.escape', 'werkzeug.utils.escape']
    .map((name): MarkupEscaper => ({ name, quotes: 'always' })),
];

/** Conversions whose result cannot hold markup characters (numbers, parsed identifiers). */
export const MARKUP_INERT_CALLS: ReadonlySet<string> = new Set(['int', 'float', 'len', 'bool', 'abs', 'round', 'uuid.UUID',
  'urllib.parse.quote', 'urllib.parse.quote_plus', 'urllib.parse.urlencode', 'six.moves.urllib.parse.quote', 'urllib.quote',
  'django.utils.http.urlencode', 'django.utils.http.urlquote']);
