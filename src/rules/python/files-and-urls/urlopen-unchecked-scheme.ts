// B310: urllib's urlopen/urlretrieve/URLopener accept file:, ftp: and data: URLs as readily as https:. Calls whose
// URL visibly starts with http:// or https:// are fine; the rest are reported, literal odd schemes with high confidence.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { argument, descendantsOfType, enclosingFunction, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { blacklistCallRule } from '../../../rulekit/blacklist.js';

const REQUEST_CLASSES = ['urllib.request.Request', 'six.moves.urllib.request.Request', 'urllib2.Request'];
const HTTP = /^https?:\/\//i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * The constant text a URL expression is known to start with ('' when nothing is known). A local name counts when
 * every assignment of it in the function agrees on the prefix (`req = Request("http://%s/" % node); urlopen(req)`).
 */
function constantPrefix(model: PythonModel, expr: SyntaxNode | null, depth = 0): string {
  if (!expr) return '';
  const n = unparenthesize(expr);
  const whole = stringValue(n);
  if (whole !== null) return whole;
  switch (n.type) {
    case 'identifier': {
      const fn = enclosingFunction(n);
      if (!fn || depth > 2) return '';
      const bound = descendantsOfType(fn, 'assignment').filter((a) => a.childForFieldName('left')?.text === n.text);
      const prefixes = new Set(bound.map((a) => constantPrefix(model, a.childForFieldName('right'), depth + 1)));
      return bound.length > 0 && prefixes.size === 1 ? [...prefixes][0]! : '';
    }
    case 'string': {
      // An f-string: the text before its first interpolation is fixed.
      let out = '';
      for (const part of n.namedChildren) {
        if (!part || part.type === 'interpolation') break;
        if (part.type === 'string_content' || part.type === 'escape_sequence') out += part.text;
      }
      return out;
    }
    case 'concatenated_string': return constantPrefix(model, n.namedChild(0), depth);
    case 'binary_operator': {
      const left = n.childForFieldName('left');
      const prefix = constantPrefix(model, left, depth);
      // `"%s://host" % scheme`: only the text before the first conversion is fixed.
      return n.childForFieldName('operator')?.text === '%' ? prefix.split('%')[0]! : prefix;
    }
    case 'call': {
      if (model.callMatching(n, REQUEST_CLASSES)) return constantPrefix(model, argument(n, 0, 'url'), depth);
      const fn = n.childForFieldName('function');
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
        return constantPrefix(model, fn.childForFieldName('object'), depth).split('{')[0]!;
      }
      return '';
    }
    default: return '';
  }
}

const EXITS: ReadonlySet<string> = new Set(['raise_statement', 'return_statement']);
const URL_PARSERS = /(?:^|\.)(?:urlparse|urlsplit)$/;

/**
 * The URL's scheme was checked before the call: an `if` ahead of it in the function compares the `.scheme` of
 * `urlparse(url)` (directly or through a name bound to it) and leaves (raise/return) in its body, or the call runs
 * under an `if` that compares that scheme with a constant. What the documented fix asks: parse, reject other schemes.
 */
function schemeChecked(model: PythonModel, call: SyntaxNode, url: SyntaxNode | null): boolean {
  const u = url ? unparenthesize(url) : null;
  const fn = enclosingFunction(call);
  if (!u || u.type !== 'identifier' || !fn) return false;
  const parsesUrl = (e: SyntaxNode | null | undefined): boolean => {
    const n = e ? unparenthesize(e) : null;
    if (!n) return false;
    if (n.type === 'call') return URL_PARSERS.test(model.callName(n) ?? '') && argument(n, 0, 'url')?.text === u.text;
    if (n.type !== 'identifier') return false;
    const bound = descendantsOfType(fn, 'assignment').filter((a) => a.childForFieldName('left')?.text === n.text);
    return bound.length > 0 && bound.every((a) => parsesUrl(a.childForFieldName('right')));
  };
  /** The comparison of the parsed scheme in the condition: 'accept' (`==`, `in`), 'reject' (`!=`, `not in`), or null. */
  const schemeTest = (cond: SyntaxNode): 'accept' | 'reject' | null => {
    for (const c of [cond, ...descendantsOfType(cond, 'comparison_operator')]) {
      if (c.type !== 'comparison_operator' || c.namedChildCount !== 2) continue;
      const onScheme = c.namedChildren.some((side) => side?.type === 'attribute' && side.childForFieldName('attribute')?.text === 'scheme' && parsesUrl(side.childForFieldName('object')));
      if (!onScheme) continue;
      const op = c.children.filter((x) => x && !x.isNamed).map((x) => x!.text).join(' ');
      return op === '!=' || op === 'not in' ? 'reject' : op === '==' || op === 'in' ? 'accept' : null;
    }
    return null;
  };
  for (const stmt of descendantsOfType(fn, 'if_statement')) {
    const cond = stmt.childForFieldName('condition');
    const test = cond ? schemeTest(cond) : null;
    if (!test) continue;
    const body = stmt.childForFieldName('consequence');
    const encloses = test === 'accept' && stmt.startIndex < call.startIndex && call.endIndex <= (body?.endIndex ?? 0);
    const rejects = test === 'reject' && stmt.endIndex <= call.startIndex && !!body && descendantsOfType(body, EXITS).length > 0;
    if (encloses || rejects) return true;
  }
  return false;
}

export default blacklistCallRule(blacklistEntry('B310'), {
  messages: {
    opener: {
      text: '`{code}` ({name}) creates a legacy URL opener that serves file:, ftp: and data: URLs as readily as https:',
      fix: 'Open URLs with urllib.request.urlopen() after checking the scheme, or with requests, instead of {name}',
    },
    literalScheme: {
      text: '`{code}` ({name}) opens a fixed `{scheme}:` URL; if reading local or non-HTTP resources is not intended, this is a mistake',
      fix: 'Use an https:// URL, or open local files with open() instead of `{code}`',
    },
  },
  refine({ call, name }, ctx) {
    if (name.endsWith('URLopener')) return { messageId: 'opener', confidence: 'high' };
    const prefix = constantPrefix(ctx.model, argument(call, 0, 'url'));
    if (HTTP.test(prefix)) return null;
    if (schemeChecked(ctx.model, call, argument(call, 0, 'url'))) return null;
    const scheme = SCHEME.exec(prefix)?.[1];
    if (scheme) return { messageId: 'literalScheme', data: { scheme }, confidence: 'high' };
    return {};
  },
  docs: {
    summary: 'URL opened with urllib without a fixed http(s) scheme',
    why: 'urllib.request.urlopen() and urlretrieve() dispatch on the URL\'s scheme: besides http and https they read local files (file:), talk to FTP servers (ftp:) and decode inline data (data:). When any part of the URL comes from a request, a config value or another service, a caller can make the service read /etc/shadow or reach hosts it should not (CWE-918).',
    example: 'from urllib.request import urlopen\n\ndef fetch(url):\n    return urlopen(url).read()\n',
    useInstead: 'from urllib.request import urlopen\n\ndef fetch(path):\n    return urlopen("https://api.example.com/" + path).read()\n',
    fix: 'Start every URL with a constant https:// (or http://) prefix, or parse the URL and reject schemes other than http/https before opening it. A client that only speaks HTTP, such as requests, removes the problem.',
    references: [
      'https://cwe.mitre.org/data/definitions/918.html',
      'https://docs.python.org/3/library/urllib.request.html#urllib.request.urlopen',
    ],
    banditDifferences: 'Bandit (B310, CWE-22) reports every call. pillar stays silent when the URL visibly starts with http:// or https:// (a literal, an f-string, `"https://" + path`, a `.format()` template or a `Request("https://...")`), reports a fixed non-HTTP scheme such as `file:` with Bandit\'s medium severity and high confidence (that is the case Bandit\'s check is written for), and reports computed URLs at medium severity and medium confidence, since most carry an http(s) URL from configuration. It also still knows the Python 2 names `urllib.urlopen` and `urllib2.urlopen`, which Bandit dropped in 1.7.6.',
  },
});
