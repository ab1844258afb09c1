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

/**
 * Django filters that build markup from their input (`needs_autoescape`): they escape the input only when their
 * `autoescape` argument is true, and mark the result safe either way. Called from Python (or handed to a filter
 * chain that calls them with one argument) they take the default: None, so no escaping, before Django 1.8; True
 * since. Keyword `autoescape`, position in the function's signature.
 */
export const DJANGO_AUTOESCAPE_FILTERS: ReadonlyMap<string, number> = new Map([
  ['django.template.defaultfilters.urlize', 1], ['django.template.defaultfilters.urlizetrunc', 2],
  ['django.template.defaultfilters.linebreaks_filter', 1], ['django.template.defaultfilters.linebreaksbr', 1],
  ['django.template.defaultfilters.linenumbers', 1], ['django.template.defaultfilters.unordered_list', 1],
]);
