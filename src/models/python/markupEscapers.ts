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
export const MARKUP_INERT_CALLS: ReadonlySet<string> = new Set(['int', 'float', 'len', 'bool', 'abs', 'round', 'uuid.UUID']);

/**
 * Percent-encoders: their output holds letters, digits, `_.-~`, `%` escapes, the characters in `leaves`, and those of
 * the `safe` argument (keyword, position, default). Whether that fits an attribute depends on its quote character
 * (a `'` left by `reverse()` closes a single-quoted attribute); none of them stops a `javascript:` URL at the start
 * of an href when `:` is left (nor does an HTML escaper): that is another class (URL scheme validation).
 */
export interface UrlEncoder {
  name: string;
  leaves: string;
  safe?: { keyword: string; index: number; default: string };
}

export const URL_ENCODERS: readonly UrlEncoder[] = [
  ...['urllib.parse.quote', 'six.moves.urllib.parse.quote', 'urllib.quote', 'django.utils.http.urlquote']
    .map((name): UrlEncoder => ({ name, leaves: '', safe: { keyword: 'safe', index: 1, default: '/' } })),
  // quote_plus writes a space as `+`.
  ...['urllib.parse.quote_plus', 'six.moves.urllib.parse.quote_plus', 'urllib.quote_plus', 'django.utils.http.urlquote_plus']
    .map((name): UrlEncoder => ({ name, leaves: '+', safe: { keyword: 'safe', index: 1, default: '' } })),
  // Keys and values through quote_plus, joined with `=` and `&`.
  ...['urllib.parse.urlencode', 'six.moves.urllib.parse.urlencode', 'urllib.urlencode', 'django.utils.http.urlencode']
    .map((name): UrlEncoder => ({ name, leaves: '+=&' })),
  // A named route's path with its arguments quoted with RFC 3986 sub-delimiters and `/~:@` left as they are
  // (django/urls/resolvers.py `_reverse_with_prefix`): `"`, `<`, `>` are encoded, `'` is not.
  ...['django.urls.reverse', 'django.core.urlresolvers.reverse']
    .map((name): UrlEncoder => ({ name, leaves: "!$&'()*+,;=/~:@" })),
];

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

/**
 * Every escaper and percent-encoder by name, with the argument that tunes what it leaves (`quote=`, `entities=`,
 * `safe=`), null when none does: what a project's wrapper may pass on (index/encoders.ts).
 */
export const ENCODER_OPTIONS: ReadonlyMap<string, { keyword: string; index: number } | null> = new Map([
  ...MARKUP_ESCAPERS.map((e): [string, { keyword: string; index: number } | null] => {
    const q = e.quotes;
    if (typeof q === 'string') return [e.name, null];
    return [e.name, 'keyword' in q ? { keyword: q.keyword, index: q.index } : { keyword: q.entities, index: q.index }];
  }),
  ...URL_ENCODERS.map((e): [string, { keyword: string; index: number } | null] => [e.name, e.safe ? { keyword: e.safe.keyword, index: e.safe.index } : null]),
]);
