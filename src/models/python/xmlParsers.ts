// XML parsing APIs and how each is hardened against entity attacks (CWE-611 external entities, CWE-776 entity
// expansion): the functions that parse a document, the parser constructors, and the options that switch entity
// resolution off. Data only; the taint sinks and the XML rules read it.

/** Module → functions that parse a document given as text, a file name or a stream. */
export const XML_PARSE_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  'xml.etree.ElementTree': ['parse', 'iterparse', 'fromstring', 'XML'],
  'xml.etree.cElementTree': ['parse', 'iterparse', 'fromstring', 'XML'],
  'xml.dom.minidom': ['parse', 'parseString'],
  'xml.dom.pulldom': ['parse', 'parseString'],
  'xml.dom.expatbuilder': ['parse', 'parseString'],
  'xml.sax': ['parse', 'parseString'],
  'lxml.etree': ['parse', 'iterparse', 'fromstring', 'XML', 'XMLID', 'fromstringlist'],
  'lxml.objectify': ['parse', 'fromstring', 'XML'],
};

/**
 * lxml parses with a default parser that resolves entities (lxml < 5: all of them, external files and URLs included;
 * lxml >= 5: internal ones, still open to expansion) unless a parser built with `resolve_entities=False` is passed.
 */
export const LXML = {
  /** Parse functions that take a parser as their second positional argument or `parser=`. */
  parseFunctions: ['lxml.etree.parse', 'lxml.etree.iterparse', 'lxml.etree.fromstring', 'lxml.etree.XML', 'lxml.etree.XMLID',
    'lxml.etree.fromstringlist', 'lxml.objectify.parse', 'lxml.objectify.fromstring', 'lxml.objectify.XML'],
  /** `iterparse` takes no parser: its own keywords decide. */
  selfConfigured: ['lxml.etree.iterparse'],
  parserConstructors: ['lxml.etree.XMLParser', 'lxml.etree.XMLPullParser', 'lxml.objectify.makeparser'],
  /** The keyword that must be a false literal for the parser to leave entities alone. */
  hardeningKeyword: 'resolve_entities',
} as const;
