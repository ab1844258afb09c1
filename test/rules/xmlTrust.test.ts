// The standard-library XML rules keep their confidence only for a document seen coming from a request; the same
// call on a backend's own XML (and any import of the modules) is a low-confidence notice, hidden with
// --min-confidence medium. Guards src/rulekit/xmlTrust.ts and refineStdlibXml* in src/rulekit/blacklist.ts.
import { describe, expect, it } from 'vitest';
import { analyzePython } from '../../src/engine/analyzePython.js';
import { allRules } from '../../src/rulekit/registry.js';

const SOURCE = `from xml.dom import minidom

import webob.dec

from nova.api.openstack import wsgi


@webob.dec.wsgify
def upload(req):
    return minidom.parseString(req.body)


def array_status(client):
    return minidom.parseString(client.get('/status'))


class RulesDeserializer(wsgi.MetadataXMLDeserializer):
    def default(self, string):
        return self._parse(string)

    def _parse(self, text):
        return minidom.parseString(text)
`;

describe('stdlib XML parse confidence follows the document', () => {
  it('request body (handler or deserializer): high; backend reply and import: low', async () => {
    const rules = allRules().filter((r) => r.meta.id === 'xml-untrusted-parse-minidom' || r.meta.id === 'import-xml-minidom');
    const { findings } = await analyzePython('xml.py', SOURCE, rules, { keepSuppressed: false });
    expect(findings.map((f) => [f.ruleId, f.range.startLine, f.confidence])).toEqual([
      ['import-xml-minidom', 1, 'low'],
      ['xml-untrusted-parse-minidom', 10, 'high'],
      ['xml-untrusted-parse-minidom', 14, 'low'],
      // The wsgi framework hands a deserializer's methods the request body; the helper gets it through the summary.
      ['xml-untrusted-parse-minidom', 22, 'high'],
    ]);
  });
});
