// Bandit's blacklist tests (B3xx calls, B4xx imports) as data: which qualified names each rule matches, its CWE,
// severity and wording. Matching lives in src/rulekit/blacklist.ts; per-rule judgement in the rule modules.
import type { Confidence, Severity } from '../../findings/types.js';

export type BlacklistKind = 'call' | 'import';

export interface BlacklistEntry {
  bandit: string;
  /** Bandit's test name, as `# nosec <name>` spells it. */
  banditName: string;
  ruleId: string;
  kind: BlacklistKind;
  /**
   * Qualified names. Calls: the resolved callee equals the name, or lies below `mod.*`. Imports: the imported path
   * equals the name or lies below it, by whole dotted components (`pickle` matches `pickle.loads`, not `pickletools`).
   */
  names: readonly string[];
  /** Imports only: paths below a listed name whose import cannot reach the risky behaviour (`xml.sax.saxutils`). */
  harmless?: readonly string[];
  /** The most specific CWE; `banditCwe` is what Bandit reports when it differs. */
  cwe: number;
  banditCwe: number;
  severity: Severity;
  confidence: Confidence;
  /** `{name}` is the matched qualified name, `{code}` the callee or import as written. */
  message: string;
  fix: string;
}

const members = (module: string, names: readonly string[]): string[] => names.map((n) => `${module}.${n}`);

const PICKLE_MODULES = ['pickle', 'cPickle', '_pickle', 'six.moves.cPickle'];
const UNPICKLE = ['loads', 'load', 'Unpickler'];
const XML_CALL_FIX = 'Parse untrusted XML with defusedxml (`defusedxml.{module}`), or call defusedxml.defuse_stdlib() once at start-up';
const XML_IMPORT_FIX = 'Import the parser from defusedxml instead (e.g. `import defusedxml.ElementTree as ET`), or call defusedxml.defuse_stdlib() at start-up';

function xmlCall(bandit: string, banditName: string, ruleId: string, module: string, fns: readonly string[]): BlacklistEntry {
  return {
    bandit, banditName, ruleId, kind: 'call', names: members(module, fns), cwe: 611, banditCwe: 20,
    severity: 'medium', confidence: 'high',
    message: '`{code}` ({name}) parses XML with the standard library, which does not defend against entity-expansion and external-entity attacks in untrusted documents',
    fix: XML_CALL_FIX.replace('{module}', module.split('.').pop()!),
  };
}

function xmlImport(bandit: string, banditName: string, ruleId: string, names: readonly string[], harmless: readonly string[]): BlacklistEntry {
  return {
    bandit, banditName, ruleId, kind: 'import', names, harmless, cwe: 611, banditCwe: 20, severity: 'low', confidence: 'high',
    message: '`{code}` imports the standard-library XML parser {name}; parsing untrusted XML with it is open to entity-expansion and external-entity attacks',
    fix: XML_IMPORT_FIX,
  };
}

export const BLACKLIST: readonly BlacklistEntry[] = [
  {
    bandit: 'B301', banditName: 'pickle', ruleId: 'pickle-deserialization', kind: 'call',
    names: [...PICKLE_MODULES.flatMap((m) => members(m, UNPICKLE)), ...members('dill', UNPICKLE), 'shelve.open',
      'shelve.DbfilenameShelf', 'jsonpickle.decode', 'jsonpickle.unpickler.decode', 'jsonpickle.unpickler.Unpickler',
      'pandas.read_pickle'],
    cwe: 502, banditCwe: 502, severity: 'medium', confidence: 'high',
    message: '`{code}` ({name}) unpickles data; a crafted pickle runs arbitrary code while it is loaded',
    fix: 'Exchange data as JSON (json.loads) or another format without code execution; if pickle must stay, only load bytes this service wrote itself and authenticated (HMAC) before loading',
  },
  {
    bandit: 'B302', banditName: 'marshal', ruleId: 'marshal-deserialization', kind: 'call',
    names: ['marshal.load', 'marshal.loads'], cwe: 502, banditCwe: 502, severity: 'medium', confidence: 'high',
    message: '`{code}` ({name}) deserialises marshal data, a format that is not hardened against malformed or malicious input',
    fix: 'Use json for data exchange; keep marshal for trusted, locally produced bytecode only',
  },
  {
    bandit: 'B303', banditName: 'md5', ruleId: 'weak-hash-crypto-library', kind: 'call',
    names: [...['Crypto', 'Cryptodome'].flatMap((p) => ['MD2', 'MD4', 'MD5', 'SHA', 'SHA1'].map((h) => `${p}.Hash.${h}.new`)),
      'cryptography.hazmat.primitives.hashes.MD5', 'cryptography.hazmat.primitives.hashes.SHA1'],
    cwe: 328, banditCwe: 327, severity: 'medium', confidence: 'high',
    message: '`{code}` ({name}) uses a broken hash (MD2/MD4/MD5/SHA-1): collisions are practical, so it cannot protect integrity or passwords',
    fix: 'Use SHA-256 or stronger (e.g. `hashes.SHA256()` / `SHA256.new()`); for passwords use a key-derivation function such as scrypt, PBKDF2 or Argon2',
  },
  {
    bandit: 'B304', banditName: 'ciphers', ruleId: 'insecure-cipher', kind: 'call',
    names: [...['Crypto', 'Cryptodome'].flatMap((p) => ['ARC2', 'ARC4', 'Blowfish', 'DES', 'XOR'].map((c) => `${p}.Cipher.${c}.new`)),
      ...members('cryptography.hazmat.primitives.ciphers.algorithms', ['ARC4', 'Blowfish', 'CAST5', 'IDEA', 'SEED', 'TripleDES'])],
    cwe: 327, banditCwe: 327, severity: 'high', confidence: 'high',
    message: '`{code}` ({name}) selects a broken or obsolete cipher; data it protects can be recovered or forged',
    fix: 'Use AES (AES-GCM, or ChaCha20-Poly1305) through cryptography\'s AEAD interface or Fernet',
  },
  {
    bandit: 'B305', banditName: 'cipher_modes', ruleId: 'insecure-cipher-mode-ecb', kind: 'call',
    names: ['cryptography.hazmat.primitives.ciphers.modes.ECB'], cwe: 327, banditCwe: 327, severity: 'medium', confidence: 'high',
    message: '`{code}` ({name}) encrypts in ECB mode: equal plaintext blocks give equal ciphertext blocks, leaking the data\'s structure',
    fix: 'Use an authenticated mode such as `modes.GCM(nonce)` (or the AESGCM / Fernet recipes) with a fresh random nonce per message',
  },
  {
    bandit: 'B306', banditName: 'mktemp_q', ruleId: 'insecure-mktemp', kind: 'call',
    names: ['tempfile.mktemp'], cwe: 377, banditCwe: 377, severity: 'medium', confidence: 'high',
    message: '`{code}` ({name}) returns a temporary name without creating the file; another process can create or link it first',
    fix: 'Use tempfile.mkstemp(), tempfile.NamedTemporaryFile() or tempfile.mkdtemp(), which create the file or directory atomically',
  },
  {
    bandit: 'B307', banditName: 'eval', ruleId: 'eval-used', kind: 'call',
    names: ['eval'], cwe: 95, banditCwe: 78, severity: 'medium', confidence: 'high',
    message: '`{code}` evaluates a computed string as Python; anyone who controls the string runs code in this process',
    fix: 'Parse literals with ast.literal_eval(), data with json.loads(), and map names to functions with a dict instead of eval()',
  },
  {
    bandit: 'B308', banditName: 'mark_safe', ruleId: 'django-mark-safe-call', kind: 'call',
    names: ['django.utils.safestring.mark_safe', 'django.utils.safestring.SafeString', 'django.utils.safestring.SafeText'],
    cwe: 79, banditCwe: 79, severity: 'medium', confidence: 'high',
    message: '`{code}` ({name}) marks a computed string as safe HTML, switching off template escaping for whatever it contains',
    fix: 'Build the HTML with django.utils.html.format_html() (or escape() every variable part) so that only the constant markup is trusted',
  },
  {
    bandit: 'B310', banditName: 'urllib_urlopen', ruleId: 'urlopen-unchecked-scheme', kind: 'call',
    names: [...['urllib.request', 'six.moves.urllib.request', 'urllib'].flatMap((m) =>
      members(m, ['urlopen', 'urlretrieve', 'URLopener', 'FancyURLopener'])), 'urllib2.urlopen'],
    cwe: 918, banditCwe: 22, severity: 'medium', confidence: 'medium',
    message: '`{code}` ({name}) opens a URL whose scheme is not fixed: file:, ftp: or data: URLs read local files or reach unexpected hosts',
    fix: 'Check that the URL starts with https:// (or http://) before opening it, or use a client that only speaks HTTP such as requests',
  },
  {
    bandit: 'B311', banditName: 'random', ruleId: 'insecure-random', kind: 'call',
    names: members('random', ['Random', 'random', 'randrange', 'randint', 'choice', 'choices', 'uniform', 'triangular',
      'randbytes', 'sample', 'getrandbits']),
    cwe: 338, banditCwe: 330, severity: 'low', confidence: 'high',
    message: '`{code}` ({name}) draws from the predictable Mersenne Twister; its output must not become a token, password, key or nonce',
    fix: 'Use the secrets module (secrets.token_urlsafe(), secrets.choice()) or random.SystemRandom() for anything an attacker must not guess',
  },
  {
    bandit: 'B312', banditName: 'telnetlib', ruleId: 'telnet-client', kind: 'call',
    names: ['telnetlib.Telnet'], cwe: 319, banditCwe: 319, severity: 'high', confidence: 'high',
    message: '`{code}` ({name}) opens a Telnet session: credentials and commands cross the network in clear text',
    fix: 'Use SSH (e.g. paramiko with host-key checking) or another encrypted protocol',
  },
  xmlCall('B313', 'xml_bad_cElementTree', 'xml-untrusted-parse-celementtree', 'xml.etree.cElementTree', ['parse', 'iterparse', 'fromstring', 'XML', 'XMLParser', 'XMLPullParser']),
  xmlCall('B314', 'xml_bad_ElementTree', 'xml-untrusted-parse-etree', 'xml.etree.ElementTree', ['parse', 'iterparse', 'fromstring', 'XML', 'XMLParser', 'XMLPullParser']),
  xmlCall('B315', 'xml_bad_expatreader', 'xml-untrusted-parse-expatreader', 'xml.sax.expatreader', ['create_parser']),
  xmlCall('B316', 'xml_bad_expatbuilder', 'xml-untrusted-parse-expatbuilder', 'xml.dom.expatbuilder', ['parse', 'parseString']),
  xmlCall('B317', 'xml_bad_sax', 'xml-untrusted-parse-sax', 'xml.sax', ['parse', 'parseString', 'make_parser']),
  xmlCall('B318', 'xml_bad_minidom', 'xml-untrusted-parse-minidom', 'xml.dom.minidom', ['parse', 'parseString']),
  xmlCall('B319', 'xml_bad_pulldom', 'xml-untrusted-parse-pulldom', 'xml.dom.pulldom', ['parse', 'parseString']),
  {
    bandit: 'B321', banditName: 'ftplib', ruleId: 'ftp-client', kind: 'call',
    names: ['ftplib.FTP'], cwe: 319, banditCwe: 319, severity: 'high', confidence: 'high',
    message: '`{code}` ({name}) opens a plain FTP session: the login and the files cross the network in clear text',
    fix: 'Use SFTP/SCP over SSH, or ftplib.FTP_TLS with prot_p() so that both the login and the data channel are encrypted',
  },
  {
    bandit: 'B322', banditName: 'input', ruleId: 'python2-input', kind: 'call',
    names: ['input'], cwe: 95, banditCwe: 20, severity: 'high', confidence: 'high',
    message: '`{code}` evaluates what the user types as a Python expression: this file is Python 2 code ({evidence})',
    fix: 'Use raw_input() on Python 2 (or `from six.moves import input`), and convert the text explicitly',
  },
  {
    bandit: 'B323', banditName: 'unverified_context', ruleId: 'ssl-unverified-context', kind: 'call',
    names: ['ssl._create_unverified_context'], cwe: 295, banditCwe: 295, severity: 'medium', confidence: 'high',
    message: '`{code}` ({name}) builds a TLS context that checks neither the certificate nor the host name, so anyone on the path can impersonate the server',
    fix: 'Use ssl.create_default_context() (add the private CA with cafile= if needed) instead of ssl._create_unverified_context',
  },
  {
    bandit: 'B401', banditName: 'import_telnetlib', ruleId: 'import-telnetlib', kind: 'import',
    names: ['telnetlib', 'telnetlib3'], cwe: 319, banditCwe: 319, severity: 'high', confidence: 'high',
    message: '`{code}` imports the Telnet client {name}; Telnet sends credentials and commands in clear text',
    fix: 'Talk to the device over SSH (paramiko, netmiko) or another encrypted protocol and drop the Telnet import',
  },
  {
    bandit: 'B402', banditName: 'import_ftplib', ruleId: 'import-ftplib', kind: 'import',
    names: ['ftplib'], harmless: members('ftplib', ['FTP_TLS', 'all_errors', 'error_reply', 'error_temp', 'error_perm', 'error_proto', 'Error']),
    cwe: 319, banditCwe: 319, severity: 'high', confidence: 'high',
    message: '`{code}` imports the plain FTP client {name}; FTP sends the login and the files in clear text',
    fix: 'Use SFTP (paramiko) or ftplib.FTP_TLS with prot_p() and import only what you use',
  },
  {
    bandit: 'B403', banditName: 'import_pickle', ruleId: 'import-pickle', kind: 'import',
    names: [...PICKLE_MODULES, 'dill', 'shelve'],
    harmless: [...PICKLE_MODULES, 'dill'].flatMap((m) => members(m, ['dumps', 'dump', 'Pickler', 'HIGHEST_PROTOCOL',
      'DEFAULT_PROTOCOL', 'PickleError', 'PicklingError', 'UnpicklingError', 'PickleBuffer'])),
    cwe: 502, banditCwe: 502, severity: 'low', confidence: 'high',
    message: '`{code}` imports {name}, which can deserialise data into arbitrary code execution; check where every loaded byte comes from',
    fix: 'Prefer json for data exchange; if pickle is needed, only load data this service wrote and authenticated',
  },
  {
    bandit: 'B404', banditName: 'import_subprocess', ruleId: 'import-subprocess', kind: 'import',
    names: ['subprocess', 'subprocess32'],
    harmless: ['subprocess', 'subprocess32'].flatMap((m) => members(m, ['PIPE', 'STDOUT', 'DEVNULL', 'CalledProcessError',
      'TimeoutExpired', 'SubprocessError', 'CompletedProcess'])),
    cwe: 78, banditCwe: 78, severity: 'low', confidence: 'high',
    message: '`{code}` imports {name}; every command this module starts must be built from trusted parts',
    fix: 'Pass commands as argument lists without shell=True, with absolute program paths, and keep untrusted values out of the program position',
  },
  xmlImport('B405', 'import_xml_etree', 'import-xml-etree', ['xml.etree.cElementTree', 'xml.etree.ElementTree'],
    ['xml.etree.cElementTree', 'xml.etree.ElementTree'].flatMap((m) => members(m, ['Element', 'SubElement', 'ElementTree',
      'tostring', 'tostringlist', 'Comment', 'ProcessingInstruction', 'PI', 'QName', 'dump', 'indent',
      'register_namespace', 'iselement', 'TreeBuilder', 'ParseError']))),
  xmlImport('B406', 'import_xml_sax', 'import-xml-sax', ['xml.sax'], ['xml.sax.saxutils', 'xml.sax.handler', 'xml.sax.xmlreader',
    ...members('xml.sax', ['SAXException', 'SAXParseException', 'SAXNotRecognizedException', 'SAXNotSupportedException',
      'ContentHandler', 'ErrorHandler'])]),
  xmlImport('B407', 'import_xml_expat', 'import-xml-expat', ['xml.dom.expatbuilder'], []),
  xmlImport('B408', 'import_xml_minidom', 'import-xml-minidom', ['xml.dom.minidom'],
    members('xml.dom.minidom', ['Document', 'Element', 'Text', 'Node', 'getDOMImplementation', 'DOMImplementation'])),
  xmlImport('B409', 'import_xml_pulldom', 'import-xml-pulldom', ['xml.dom.pulldom'], []),
  {
    bandit: 'B411', banditName: 'import_xmlrpclib', ruleId: 'import-xmlrpc', kind: 'import',
    names: ['xmlrpc', 'xmlrpclib', 'six.moves.xmlrpc_client'],
    cwe: 611, banditCwe: 20, severity: 'high', confidence: 'high',
    message: '`{code}` imports the XML-RPC module {name}, whose XML parser is not hardened against entity-expansion attacks from the peer',
    fix: 'Call defusedxml.xmlrpc.monkey_patch() before any XML-RPC traffic, or move the interface to JSON over HTTPS',
  },
  {
    bandit: 'B412', banditName: 'import_httpoxy', ruleId: 'import-httpoxy', kind: 'import',
    names: ['wsgiref.handlers.CGIHandler', 'twisted.web.twcgi.CGIScript', 'twisted.web.twcgi.CGIDirectory'],
    cwe: 454, banditCwe: 284, severity: 'high', confidence: 'high',
    message: '`{code}` imports the CGI handler {name}: under CGI a client\'s `Proxy:` header becomes HTTP_PROXY and redirects the service\'s outgoing HTTP (httpoxy)',
    fix: 'Serve the application through a WSGI server instead of CGI, or drop HTTP_PROXY from the environment before any outgoing request',
  },
  {
    bandit: 'B413', banditName: 'import_pycrypto', ruleId: 'import-pycrypto', kind: 'import',
    names: members('Crypto', ['Cipher', 'Hash', 'IO', 'Protocol', 'PublicKey', 'Random', 'Signature', 'Util']),
    cwe: 1104, banditCwe: 327, severity: 'high', confidence: 'high',
    message: '`{code}` imports {name} from the `Crypto` package; if that is PyCrypto, it is unmaintained and has unfixed vulnerabilities',
    fix: 'Move to pyca/cryptography, or make sure the `Crypto` package comes from pycryptodome (or import it as `Cryptodome` from pycryptodomex)',
  },
  {
    bandit: 'B415', banditName: 'import_pyghmi', ruleId: 'import-pyghmi', kind: 'import',
    names: ['pyghmi'], cwe: 319, banditCwe: 319, severity: 'high', confidence: 'high',
    message: '`{code}` imports the IPMI client {name}; IPMI exposes weak authentication and clear-text traffic on the management network',
    fix: 'Manage the BMC through Redfish over HTTPS where possible, and keep IPMI on an isolated management network',
  },
];

/** The entry for a Bandit id (throws for an id this table does not hold, so a typo fails at load time). */
export function blacklistEntry(bandit: string): BlacklistEntry {
  const entry = BLACKLIST.find((e) => e.bandit === bandit);
  if (!entry) throw new Error(`no blacklist entry for ${bandit}`);
  return entry;
}

/** Bandit ids that current Bandit no longer emits, with why there is no pillar rule for them. */
export const REMOVED_BANDIT_BLACKLIST: Readonly<Record<string, string>> = {
  B309: 'httpsconnection: Python >= 2.7.9 / 3.4.3 verify certificates in HTTPSConnection by default (removed in Bandit 1.7.5)',
  B320: 'xml_bad_etree (lxml): removed in Bandit 1.8.1 together with defusedxml.lxml',
  B325: 'tempnam: os.tempnam/os.tmpnam exist only on Python 2 (removed in Bandit 1.7.5)',
  B410: 'import_lxml: removed in Bandit 1.8.1',
  B414: 'import_pycryptodome: pycryptodome is maintained (removed in Bandit 1.6.0)',
};

/** hashlib constructors and `hashlib.new()` names that B324 reports when used for security. */
export const WEAK_HASHLIB_FUNCTIONS: readonly string[] = ['md4', 'md5', 'sha', 'sha1'];
/** crypt module methods that B324 reports (`crypt.crypt(word, crypt.METHOD_MD5)`, `crypt.mksalt(...)`). */
export const WEAK_CRYPT_METHODS: readonly string[] = ['METHOD_CRYPT', 'METHOD_MD5', 'METHOD_BLOWFISH'];
