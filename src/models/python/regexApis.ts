// Where Python code hands a regular expression to a backtracking matcher: the `re` module and its drop-in `regex`,
// Django's validators, form fields and URL routes, JSON Schema's `pattern` keywords (jsonschema runs them with
// `re.search`), and neutron-lib's `type:regex` attribute validators. Argument positions are the documented signatures.

export interface RegexUse {
  /** Position and keyword of the pattern. */
  pattern: [number, string];
  /** Position and keyword of the flags, if the API takes them. */
  flags?: [number, string];
  /** The matcher must consume the whole input (`fullmatch`). */
  whole?: boolean;
}

const RE_FUNCTIONS: Record<string, RegexUse> = {
  compile: { pattern: [0, 'pattern'], flags: [1, 'flags'] },
  match: { pattern: [0, 'pattern'], flags: [2, 'flags'] },
  search: { pattern: [0, 'pattern'], flags: [2, 'flags'] },
  fullmatch: { pattern: [0, 'pattern'], flags: [2, 'flags'], whole: true },
  findall: { pattern: [0, 'pattern'], flags: [2, 'flags'] },
  finditer: { pattern: [0, 'pattern'], flags: [2, 'flags'] },
  split: { pattern: [0, 'pattern'], flags: [3, 'flags'] },
  sub: { pattern: [0, 'pattern'], flags: [4, 'flags'] },
  subn: { pattern: [0, 'pattern'], flags: [4, 'flags'] },
};

export const REGEX_CALLS: ReadonlyMap<string, RegexUse> = new Map<string, RegexUse>([
  ...Object.entries(RE_FUNCTIONS).flatMap(([f, use]) => [[`re.${f}`, use], [`regex.${f}`, use]] as Array<[string, RegexUse]>),
  ['django.core.validators.RegexValidator', { pattern: [0, 'regex'], flags: [4, 'flags'] }],
  ['django.forms.RegexField', { pattern: [0, 'regex'] }],
  ['django.forms.fields.RegexField', { pattern: [0, 'regex'] }],
  ['django.urls.re_path', { pattern: [0, 'route'] }],
  ['django.conf.urls.url', { pattern: [0, 'regex'] }],
]);

/** Flag constants that change what the analysis reads, by qualified name. */
export const REGEX_FLAGS: ReadonlyMap<string, 'ignoreCase' | 'dotAll' | 'verbose'> = new Map([
  ...['re', 'regex'].flatMap((m) => [
    [`${m}.I`, 'ignoreCase'], [`${m}.IGNORECASE`, 'ignoreCase'],
    [`${m}.S`, 'dotAll'], [`${m}.DOTALL`, 'dotAll'],
    [`${m}.X`, 'verbose'], [`${m}.VERBOSE`, 'verbose'],
  ] as Array<[string, 'ignoreCase' | 'dotAll' | 'verbose']>),
]);

/** JSON Schema: a `pattern` beside a `type` in one schema dict, and every key of a `patternProperties` dict. */
export const SCHEMA_PATTERN_KEY = 'pattern';
export const SCHEMA_TYPE_KEY = 'type';
export const SCHEMA_PATTERN_PROPERTIES_KEY = 'patternProperties';

/** neutron-lib attribute maps: `'validate': {'type:regex': PATTERN}` is matched with `re.match` against API input. */
export const VALIDATOR_REGEX_KEYS: ReadonlySet<string> = new Set(['type:regex', 'type:regex_or_none']);
