// B317: xml.sax parsing functions applied to a document that may come from outside. Shares its judgement
// (defusedxml.defuse_stdlib() in the module, literal documents) with the other stdlib XML rules.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistCallRule, refineStdlibXmlCall } from '../../../rulekit/blacklist.js';

export default blacklistCallRule(blacklistEntry('B317'), {
  refine: refineStdlibXmlCall,
  docs: {
    summary: 'XML parsed with SAX (xml.sax) instead of defusedxml',
    why: 'The standard-library parsers expand internal entities and, depending on the Python and expat versions, may fetch external entities or DTDs. A document from a client or another service can then exhaust memory and CPU with nested entities ("billion laughs", quadratic blowup) or, where external entities are resolved, read local files and reach internal hosts (CWE-611, CWE-776). defusedxml wraps the same parsers with these features refused.',
    example: 'import xml.sax\n\ndef read(stream, handler):\n    xml.sax.parse(stream, handler)\n',
    useInstead: 'import defusedxml.sax\n\ndef read(stream, handler):\n    defusedxml.sax.parse(stream, handler)\n',
    fix: 'Import the parser from defusedxml (same function names), or call defusedxml.defuse_stdlib() once before any XML is parsed. Python >= 3.7.1 no longer resolves external entities by default and expat >= 2.4.1 limits entity amplification, but the code cannot tell which runtime it will meet.',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
    ],
    banditDifferences: 'Bandit reports these calls (as CWE-20) even in a module that calls defusedxml.defuse_stdlib(), the remedy its own message recommends, and when the document is a string literal written in the code; pillar reports neither.',
  },
});
