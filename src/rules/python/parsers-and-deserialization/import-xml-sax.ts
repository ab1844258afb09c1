// B406: imports of SAX from the standard library, an audit marker for XML parsing of untrusted
// documents. Silent when the module calls defusedxml.defuse_stdlib(); the parsing calls have their own rules.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistImportRule, refineStdlibXmlImport } from '../../../rulekit/blacklist.js';

export default blacklistImportRule(blacklistEntry('B406'), {
  refine: refineStdlibXmlImport,
  docs: {
    summary: 'Standard-library XML parser imported: SAX (xml.sax)',
    why: 'The standard-library XML parsers expand nested entities and, on older Pythons or with some options, resolve external entities. If the module parses documents from clients or other services, a crafted document can exhaust memory and CPU or read local files (CWE-611, CWE-776). The import marks the module for that review.',
    example: 'import xml.sax\n\ndef read(stream, handler):\n    xml.sax.parse(stream, handler)\n',
    useInstead: 'from xml.sax.saxutils import escape\n\ndef cell(text):\n    return "<td>%s</td>" % escape(text)\n',
    fix: 'Import the same functions from defusedxml, or call defusedxml.defuse_stdlib() once at start-up before any XML is parsed.',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://pypi.org/project/defusedxml/',
    ],
    banditDifferences: 'Bandit (CWE-20) reports the import even in a module that calls defusedxml.defuse_stdlib(), which its own message recommends; pillar does not. Bandit reports `from xml.sax.saxutils import escape` and other imports of the escaping helpers (`saxutils`), the handler interfaces (`handler`, `xmlreader`, `ContentHandler`) and the exception classes, none of which parse; pillar does not. Relative imports are skipped, and every applicable rule reports on a statement where Bandit stops at its first blacklist match.',
  },
});
