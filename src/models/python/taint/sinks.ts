// Calls where attacker-controlled data does damage, by sink family: OS commands, SQL, file paths, dynamically
// evaluated code and templates, log records, generated config files, HTTP redirects and XML parsers. Data only.
import type { ObjectOrigin, Sink, StoreSink } from '../../../analysis/taint/spec.js';
import { LOG_LEVELS } from '../logging.js';
import { XML_PARSE_FUNCTIONS } from '../xmlParsers.js';

const FIRST = [{ index: 0 }];
const SUBPROCESS = ['subprocess.Popen', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.run'];
/** Helpers that run a program from an argument vector given as separate positional arguments. */
const EXECUTE_HELPERS = ['processutils.execute', 'processutils.trycmd', 'utils.execute', 'utils.trycmd', 'privsep_utils.execute'];

export const COMMAND_SINKS: readonly Sink[] = [
  ...SUBPROCESS.map((name): Sink => ({ call: { name }, kind: 'command', args: [{ index: 0, keyword: 'args' }], variant: 'shell', whenKeyword: 'shell' })),
  ...SUBPROCESS.map((name): Sink => ({ call: { name }, kind: 'command', args: [{ index: 0, keyword: 'args' }], variant: 'program', unlessKeyword: 'shell', argv: true })),
  ...['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'commands.getoutput', 'commands.getstatusoutput']
    .map((name): Sink => ({ call: { name }, kind: 'command', args: FIRST, variant: 'shell' })),
  ...EXECUTE_HELPERS.map((suffix): Sink => ({ call: { suffix }, kind: 'command', args: FIRST, variant: 'program' })),
  ...EXECUTE_HELPERS.map((suffix): Sink => ({ call: { suffix }, kind: 'command', args: [{ index: 1, rest: true }], variant: 'argument' })),
];

/** Receivers that are DB-API cursors, SQLAlchemy sessions/engines/connections. */
const DB_RECEIVER = /(^|[._])(cursor|cur|session|engine|conn|connection|db|database|bind)\b/i;

export const SQL_SINKS: readonly Sink[] = [
  { call: { method: 'execute', receiver: DB_RECEIVER }, kind: 'sql', args: [{ index: 0, keyword: 'statement' }], variant: 'query' },
  { call: { method: 'executemany', receiver: DB_RECEIVER }, kind: 'sql', args: FIRST, variant: 'query' },
  { call: { method: 'executescript', receiver: DB_RECEIVER }, kind: 'sql', args: FIRST, variant: 'query' },
  { call: { name: 'sqlalchemy.text' }, kind: 'sql', args: [{ index: 0, keyword: 'text' }], variant: 'query' },
  { call: { name: 'sqlalchemy.sql.text' }, kind: 'sql', args: [{ index: 0, keyword: 'text' }], variant: 'query' },
  { call: { name: 'sqlalchemy.sql.expression.text' }, kind: 'sql', args: FIRST, variant: 'query' },
  { call: { method: 'from_statement' }, kind: 'sql', args: FIRST, variant: 'query' },
];

const PATH_FUNCTIONS = [
  'open', 'io.open', 'codecs.open', 'os.open', 'os.remove', 'os.unlink', 'os.rmdir', 'os.removedirs', 'os.mkdir', 'os.makedirs',
  'os.listdir', 'os.scandir', 'os.chmod', 'os.chown', 'os.truncate', 'os.symlink', 'os.link', 'os.rename', 'os.replace',
  'shutil.rmtree', 'shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copytree', 'shutil.move', 'shutil.chown',
  'tarfile.open', 'zipfile.ZipFile', 'flask.send_file', 'flask.send_from_directory',
];

export const PATH_SINKS: readonly Sink[] = [
  ...PATH_FUNCTIONS.map((name): Sink => ({ call: { name }, kind: 'path', args: [{ index: 0, keyword: 'file' }], variant: 'file' })),
  ...['os.rename', 'os.replace', 'shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.move', 'os.symlink', 'os.link']
    .map((name): Sink => ({ call: { name }, kind: 'path', args: [{ index: 1 }], variant: 'file' })),
];

export const CODE_SINKS: readonly Sink[] = [
  { call: { name: 'eval' }, kind: 'code', args: FIRST, variant: 'eval' },
  { call: { name: 'exec' }, kind: 'code', args: FIRST, variant: 'eval' },
  { call: { name: 'compile' }, kind: 'code', args: FIRST, variant: 'eval' },
  { call: { name: 'yaml.load' }, kind: 'code', args: [{ index: 0, keyword: 'stream' }], variant: 'yaml', unlessKeywordMatches: { keyword: 'Loader', pattern: /Safe|Base/ } },
  { call: { name: 'yaml.unsafe_load' }, kind: 'code', args: FIRST, variant: 'yaml' },
  { call: { name: 'jinja2.Template' }, kind: 'code', args: [{ index: 0, keyword: 'source' }], variant: 'template' },
  { call: { method: 'from_string' }, kind: 'code', args: [{ index: 0, keyword: 'source' }], variant: 'template' },
  { call: { name: 'pickle.loads' }, kind: 'code', args: FIRST, variant: 'pickle' },
];

/**
 * Every level method of a logger (the logging model, src/models/python/logging.ts): the message and its arguments.
 * Developer levels (debug, trace) are off in production by default, so no operator reads them as an audit trail.
 */
export const LOG_SINKS: readonly Sink[] = [...LOG_LEVELS].map(([method, level]): Sink => ({
  call: { method, logger: true }, kind: 'log',
  args: [level.messageIndex === 0 ? { index: 0, keyword: 'msg', rest: true } : { index: level.messageIndex, rest: true }],
  variant: level.debug ? 'debug' : 'log', stringsOnly: true, percentFormat: level.messageIndex, messageFormat: level.messageIndex,
}));

/** Files whose lines are parsed by another program: one injected newline adds a directive or a host entry. */
const CONFIG_FILE = /conf|\.cfg|\.ini|hosts?\b|dhcp|dnsmasq|haproxy|radvd|keepalived|opts|leases|\.rules|sudoers/i;

export const NEWLINE_SINKS: readonly Sink[] = [
  { call: { method: 'write' }, kind: 'newline', args: FIRST, variant: 'file', fileReceiver: CONFIG_FILE, stringsOnly: true },
  { call: { method: 'writelines' }, kind: 'newline', args: FIRST, variant: 'file', fileReceiver: CONFIG_FILE, stringsOnly: true },
  { call: { suffix: 'replace_file' }, kind: 'newline', args: [{ index: 1 }], variant: 'file', pathArgument: { index: 0, pattern: CONFIG_FILE }, stringsOnly: true },
  { call: { suffix: 'write_to_file' }, kind: 'newline', args: [{ index: 1 }], variant: 'file', pathArgument: { index: 0, pattern: CONFIG_FILE }, stringsOnly: true },
];

const REDIRECTS = ['HTTPFound', 'HTTPSeeOther', 'HTTPMovedPermanently', 'HTTPTemporaryRedirect', 'HTTPPermanentRedirect', 'HTTPMultipleChoices'];

export const REDIRECT_SINKS: readonly Sink[] = [
  ...REDIRECTS.map((r): Sink => ({ call: { name: `webob.exc.${r}` }, kind: 'redirect', args: [{ index: -1, keyword: 'location' }], variant: 'location' })),
  { call: { name: 'flask.redirect' }, kind: 'redirect', args: [{ index: 0, keyword: 'location' }], variant: 'location' },
  { call: { name: 'pecan.redirect' }, kind: 'redirect', args: [{ index: 0, keyword: 'location' }], variant: 'location' },
  { call: { name: 'werkzeug.utils.redirect' }, kind: 'redirect', args: [{ index: 0, keyword: 'location' }], variant: 'location' },
  { call: { name: 'django.shortcuts.redirect' }, kind: 'redirect', args: [{ index: 0, keyword: 'to' }], variant: 'location' },
  { call: { name: 'django.http.HttpResponseRedirect' }, kind: 'redirect', args: [{ index: 0, keyword: 'redirect_to' }], variant: 'location' },
  { call: { name: 'django.http.HttpResponsePermanentRedirect' }, kind: 'redirect', args: [{ index: 0, keyword: 'redirect_to' }], variant: 'location' },
];

/**
 * Response headers (CWE-113): a value holding `\r\n` ends its header line and starts another header or the body.
 * Modelled where nothing below rejects it: webob's Response (and swob-like ones) store header values as given, the
 * WSGI `start_response` passes them on (eventlet's and wsgiref's servers write them out), and http.server's
 * `send_header` writes them verbatim. Not modelled, because the library refuses CR/LF itself: Django's
 * HttpResponse (BadHeaderError), Werkzeug/Flask `Headers` (ValueError), and on the client side http.client's
 * `putheader` (Python 3) and requests' header check. A Location built from the request is open-redirect's
 * business. A response is known by how it was made (RESPONSE_OBJECTS), not by what the variable is called.
 */
const HEADER_ARGS = [{ index: 0, rest: true }];

/**
 * Response objects whose headers go out as written: webob's Response and its HTTP exceptions, swift's swob (a webob
 * work-alike) likewise, a `Request.get_response(app)` result (webob and swob), and pecan's per-request response.
 */
export const RESPONSE_OBJECTS: ObjectOrigin = {
  calls: ['webob.Response', 'webob.response.Response', 'webob.exc.HTTP*', 'swift.common.swob.Response', 'swift.common.swob.HTTP*'],
  methods: ['get_response'],
  globals: ['pecan.response'],
};

export const HEADER_SINKS: readonly Sink[] = [
  ...['update', 'add', 'setdefault', 'append', 'extend', 'insert'].map((method): Sink => (
    { call: { method, receiver: /\.(headers|headerlist)$/, receiverOf: RESPONSE_OBJECTS }, kind: 'newline', args: HEADER_ARGS, variant: 'header', stringsOnly: true })),
  { call: { name: 'start_response' }, kind: 'newline', args: [{ index: 1, keyword: 'response_headers' }], variant: 'header' },
  { call: { method: 'send_header', receiver: /^self$/ }, kind: 'newline', args: [{ index: 0 }, { index: 1 }], variant: 'header', stringsOnly: true },
  ...['webob.Response', 'webob.response.Response'].flatMap((name): Sink[] => [
    { call: { name }, kind: 'newline', args: [{ index: -1, keyword: 'headers' }], variant: 'header' },
    { call: { name }, kind: 'newline', args: [{ index: -1, keyword: 'headerlist' }], variant: 'header' },
  ]),
];

export const HEADER_STORES: readonly StoreSink[] = [
  { container: /\.headers$/, containerOf: RESPONSE_OBJECTS, kind: 'newline', variant: 'header', sinkName: 'response header' },
];

/**
 * XML parsers given a document (text, file or stream): what the document may declare (external entities, nested
 * entity definitions) is what the parser resolves. Whether the parser refuses that is the rules' judgement.
 */
export const XML_SINKS: readonly Sink[] = [
  ...Object.entries(XML_PARSE_FUNCTIONS).flatMap(([module, fns]) => fns.map((fn): Sink => (
    { call: { name: `${module}.${fn}` }, kind: 'xml', args: [{ index: 0, keyword: fn === 'fromstring' || fn === 'XML' ? 'text' : 'source' }], variant: module }))),
];

export const SINKS: readonly Sink[] = [
  ...COMMAND_SINKS, ...SQL_SINKS, ...PATH_SINKS, ...CODE_SINKS, ...LOG_SINKS, ...NEWLINE_SINKS, ...REDIRECT_SINKS, ...XML_SINKS, ...HEADER_SINKS,
];
