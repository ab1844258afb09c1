// URL parsing in the standard library and its Python 2 / six spellings: which calls split a URL and which attributes
// of their result hold the host as the client wrote it (no IP canonicalisation, no DNS). Data only.

/** Functions returning a parse result with `.hostname` / `.netloc` (resolved call names). */
export const URL_PARSE_FUNCTIONS: readonly string[] = [
  'urllib.parse.urlparse', 'urllib.parse.urlsplit', 'urlparse.urlparse', 'urlparse.urlsplit',
  'six.moves.urllib.parse.urlparse', 'six.moves.urllib.parse.urlsplit', 'six.moves.urllib_parse.urlparse',
  'six.moves.urllib_parse.urlsplit', 'urllib3.util.parse_url', 'urllib3.util.url.parse_url',
];

/** Attributes of a parse result that carry the host text verbatim (`netloc` with user info and port). */
export const URL_HOST_ATTRIBUTES: ReadonlySet<string> = new Set(['hostname', 'netloc', 'host']);

/** str methods that change case or trim: the result is still the host as spelled, not a canonical address. */
export const HOST_TEXT_METHODS: ReadonlySet<string> = new Set(['lower', 'casefold', 'strip', 'rstrip', 'lstrip']);

/**
 * Parsers whose result has the userinfo password as `.password`: the URL parsers above, and SQLAlchemy's
 * `make_url` (database URLs, oslo.db's `connection`).
 */
export const URL_PASSWORD_PARSERS: readonly string[] = [
  ...URL_PARSE_FUNCTIONS, 'sqlalchemy.engine.url.make_url', 'sqlalchemy.engine.make_url', 'sqlalchemy.make_url',
];

/** The attribute of a parse result that is the password written in the URL's userinfo (RFC 3986 §3.2.1). */
export const URL_CREDENTIAL_ATTRIBUTES: ReadonlySet<string> = new Set(['password']);
