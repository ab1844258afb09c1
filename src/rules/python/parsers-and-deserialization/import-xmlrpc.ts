// B411: XML-RPC modules (xmlrpc.client/server, Python 2's xmlrpclib, six.moves.xmlrpc_client). Silent when the
// module applies defusedxml.xmlrpc.monkey_patch(), the fix Bandit itself recommends.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistImportRule } from '../../../rulekit/blacklist.js';

export default blacklistImportRule(blacklistEntry('B411'), {
  refine(_match, ctx) {
    return ctx.model.calledNames().has('defusedxml.xmlrpc.monkey_patch') ? null : {};
  },
  docs: {
    summary: 'XML-RPC module imported without defusedxml\'s patch',
    why: 'XML-RPC clients and servers parse every response or request with the standard-library expat parser. A malicious peer (or anyone who can reach an XML-RPC server) can send nested entities that exhaust memory and CPU, and on old Pythons external entities (CWE-611, CWE-776).',
    example: 'import xmlrpc.client\n\ndef status(url):\n    return xmlrpc.client.ServerProxy(url).status()\n',
    useInstead: 'import xmlrpc.client\nfrom defusedxml import xmlrpc as defused_xmlrpc\n\ndefused_xmlrpc.monkey_patch()\n\ndef status(url):\n    return xmlrpc.client.ServerProxy(url).status()\n',
    fix: 'Call defusedxml.xmlrpc.monkey_patch() before the first XML-RPC request, or replace the interface with JSON over HTTPS.',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://docs.python.org/3/library/xmlrpc.html',
      'https://pypi.org/project/defusedxml/',
    ],
    banditDifferences: 'Bandit (CWE-20) reports the import even when the module calls defusedxml.xmlrpc.monkey_patch(); pillar does not. Bandit matches by string prefix (anything starting with "xmlrpc"); pillar matches the modules themselves (`xmlrpc`, `xmlrpclib`) and `six.moves.xmlrpc_client`, which Bandit misses, but not unrelated names that merely start with "xmlrpc". Python 2\'s `SimpleXMLRPCServer`/`DocXMLRPCServer` are not reported, as in Bandit: they do not exist on Python 3.',
  },
});
