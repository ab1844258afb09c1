// CWE-295 through CWE-704: a WSGI filter keeps its paste.deploy options as the raw ini strings, and an option the
// module declares boolean (`cfg.BoolOpt('insecure')`) decides TLS verification. 'false' is a non-empty string, so
// `insecure = false` in the paste file switches certificate checks off. Flow found by src/rulekit/stringConfig.ts.
import { defineRule } from '../../../rulekit/defineRule.js';
import { stringConfigHolders, tlsParameter } from '../../../rulekit/stringConfig.js';
import { tlsStringReads } from '../../../rulekit/stringSources.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { abbreviate } from '../../../rulekit/text.js';

export default defineRule({
  meta: {
    id: 'tls-flag-read-as-string',
    cwe: 295,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      source: {
        text: '`{read}` is the {source} text of `{key}`, and it decides `{parameter}` unconverted at line {line}: "false", "no" and "0" are truthy strings, so certificate checks follow the wrong value',
        fix: 'Convert `{key}` with strutils.bool_from_string (or ConfigParser.getboolean) before it decides `{parameter}`',
      },
      flag: {
        text: '`{holder}` keeps the paste.deploy options as strings, and the boolean option `{key}` read from it at line {line} decides `{parameter}` unconverted: `{key} = false` in the paste file is the truthy string "false", so TLS certificate checks follow the wrong value',
        fix: 'Convert the paste options to their declared types where `{holder}` receives them (oslo.config\'s option types, strutils.bool_from_string or paste.deploy.converters.asbool) before `{key}` is used',
      },
    },
    docs: {
      summary: 'TLS verification flag taken from a paste.deploy (string) configuration and used as a boolean',
      why: 'paste.deploy passes a filter\'s ini options as strings. A class that stores them as they come and then tests `insecure` (declared cfg.BoolOpt in the same module) for truth sees "false" as true: the deployer asked for certificate verification and gets none, so a machine in the network path can impersonate the identity service and read the tokens sent to it (CWE-295 via an incorrect type conversion, CWE-704).\n\n**Class.** A TLS verification switch read from configuration that arrives as text (paste.deploy filter options, environment variables, ConfigParser `get`) and used unconverted: as an `insecure=`/`verify=` argument, or as a truth test whose branch sets one, directly or through an attribute of the class later passed as one. Reported where the strings are kept for the class (`self._conf = conf`: the fix converts them there), else at the read that decides TLS. Real cases: the auth_token middleware of keystonemiddleware and python-keystoneclient (OSSA-2014-030, CVE-2014-7144) and their s3_token middleware (OSSA-2015-007, CVE-2015-1852: `insecure = conf.get(\'insecure\', False)` then `self._verify = False` in the branch). References: CWE-295, CWE-704, the OpenStack Security Guidelines on validating certificates.',
      example: 'from oslo_config import cfg\nimport requests\n\nOPTS = [cfg.BoolOpt("insecure", default=False)]\n\n\nclass TokenCheck(object):\n    def __init__(self, app, conf):\n        self.app = app\n        self.conf = conf\n\n    def fetch(self, url):\n        return requests.get(url, verify=not self.conf.get("insecure"), timeout=5)\n\n\ndef filter_factory(global_conf, **local_conf):\n    conf = global_conf.copy()\n    conf.update(local_conf)\n    return lambda app: TokenCheck(app, conf)\n',
      useInstead: 'from oslo_config import cfg\nfrom oslo_utils import strutils\nimport requests\n\nOPTS = [cfg.BoolOpt("insecure", default=False)]\n\n\nclass TokenCheck(object):\n    def __init__(self, app, conf):\n        self.app = app\n        self.insecure = strutils.bool_from_string(conf.get("insecure", "false"))\n\n    def fetch(self, url):\n        return requests.get(url, verify=not self.insecure, timeout=5)\n\n\ndef filter_factory(global_conf, **local_conf):\n    conf = global_conf.copy()\n    conf.update(local_conf)\n    return lambda app: TokenCheck(app, conf)\n',
      fix: 'Convert every paste option to the type its oslo.config declaration gives it where the middleware receives the dict (keystonemiddleware now does this for all its options), or read booleans through strutils.bool_from_string / asbool.',
      references: [
        'https://cwe.mitre.org/data/definitions/295.html',
        'https://cwe.mitre.org/data/definitions/704.html',
        'https://security.openstack.org/guidelines/dg_validate-certificates.html',
        'https://docs.pylonsproject.org/projects/pastedeploy/en/latest/#paste-filter-factory',
      ],
    },
  },
  create(ctx) {
    const stringRead = (node: SyntaxNode): void => {
      for (const u of tlsStringReads(ctx.model, [node])) {
        ctx.report({
          node,
          messageId: 'source',
          data: { read: abbreviate(node.text), source: u.source, key: u.key, parameter: tlsParameter(u)!, line: u.use.startPosition.row + 1 },
          evidence: [{ node: u.use, message: 'the string decides TLS verification here' }],
        });
        return;
      }
    };
    // A subscript is a string read only as `os.environ[...]`, which needs the name `environ` in the text (imported,
    // aliased or written out): files without it skip resolving every subscript's value.
    return {
      call: stringRead,
      ...(ctx.model.source.includes('environ') ? { subscript: stringRead } : {}),
      module() {
        for (const h of stringConfigHolders(ctx.model)) {
          const tls = h.uses.map((u) => ({ u, parameter: tlsParameter(u) })).filter((x) => x.parameter !== null);
          const first = tls[0];
          if (!first) continue;
          // Kept for the whole class (`self._conf = conf`), the strings are fixed where they are stored; read from the
          // constructor's parameter only, at the read that decides TLS.
          const at = h.storage ?? first.u.read;
          ctx.report({
            node: at,
            messageId: 'flag',
            data: { holder: abbreviate(h.storage ? h.storage.text.split('=')[0]!.trim() : h.parameter.text), key: first.u.key, line: first.u.read.startPosition.row + 1, parameter: first.parameter! },
            evidence: [
              { node: h.factoryCall, message: 'the paste.deploy factory passes its ini options (all strings) here' },
              ...(h.storage ? [] : [{ node: h.parameter, message: `\`${h.parameter.text}\` receives them` }]),
              { node: first.u.declaration, message: `\`${first.u.key}\` is meant to be a boolean` },
              ...tls.map(({ u, parameter }) => ({ node: u.use, message: `the string \`${u.key}\` decides \`${parameter}\` here` })),
            ],
          });
        }
      },
    };
  },
});
