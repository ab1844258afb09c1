// CWE-532: a secret reaches a log record. One of the three reports of the sensitive-data-exposure analysis
// (rulekit/secretExposure.ts): secrets by dataflow from what the project declares or treats as secret, never by a
// variable's name; masking by oslo's helpers or a project function summarised as masking clears them.
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { calleeText, line } from '../../../rulekit/openstack.js';
import { secretExposures } from '../../../rulekit/secretExposure.js';

export default defineRule({
  meta: {
    id: 'secret-in-log',
    cwe: 532,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    usesProject: true,
    messages: {
      log: {
        text: '{secret} reaches the log record written by `{sink}` at line {line} unmasked: whoever reads the service logs (operators, log shippers, support bundles) gets the credential',
        fix: 'Leave the value out of the log call, or pass it (or the structure that holds it) through `oslo_utils.strutils.mask_password(...)` / `mask_dict_password(...)` first',
      },
    },
    docs: {
      summary: 'A secret option, credential header, API credential field or a value the code itself masks elsewhere is written to a log unmasked',
      why: 'OpenStack logs are shipped, indexed and attached to bug reports; debug logging is routinely enabled in production. A logged service password, Keystone token or credential URL lets anyone with log access act as that user or service (CWE-532; OpenStack Security Guidelines: "Avoid logging sensitive data").\n\n**Class.** Sensitive data exposure through logs: a value the project declares secret (an oslo.config option registered with `secret=True`, in this project or by a library such as oslo.db\'s `connection`), an HTTP credential header (`X-Auth-Token`, `X-Subject-Token`…), a credential field of an OpenStack API request body, or a value the module itself treats as secret (it masks it or passes it as a credential elsewhere) flows, by dataflow through locals, string building and calls (across files through the project facts), into a logging call without passing a masking function. A URL that carries a password counts too: one the code builds with a value in the password slot of its userinfo (`\'%s://%s:%s@%s\'`, f-strings, `str.format`, `+`; RFC 3986 §3.2.1 says the text after the userinfo\'s colon is a password and must not be rendered), the `.password` of a parsed URL, also once stored in a field (`self.password = urlparse(url).password`), and a URL parameter the function itself parses for its credentials (it reads the parse result\'s `.password`, or splits its `netloc` at `@`). A mapping that the code reads a password or secret item from (`connection_data[\'auth_password\']`, `props.get(\'chap_password\')`, `kwargs.get(\'password\')`) carries that credential: logged whole, or the credential item, or another mapping it was stored in, it is written out (nova and os-brick mask iSCSI connection properties before logging for this reason, OSSA-2016-002); its other items (`[\'target_portal\']`) are not the credential. So does a mapping the code builds with a non-constant value under a password or secret key (`{\'user\': u, \'password\': p}`, `dict(secret=s)`; cinder\'s IBM XIV driver logged the CHAP secret it generated this way) or into which it stores one (`properties[\'auth_password\'] = chap_secret`, cinder\'s XtremIO driver before it masked its connection properties), unless the value is a constant or a loop over literal defaults; and a same-named parameter of another method of the class that reads the credential (os-brick\'s connectors read `connection_properties[\'auth_password\']` in one method and logged `connection_properties` in `extend_volume`). A `%`-format whose conversions all name keys (`\'%(volume_id)s\'`) writes only those items of its mapping argument. A sink a function reaches only under `if not flag:` is not reached from callers that pass `flag` a true value (storage drivers log request bodies except for the login call). Real cases: cinder `processutils.execute` logged its command masked once and raw on retry (the module masked `cmd` itself); oslo.middleware logged the whole request, headers included; faktory_worker_python logged `self.password`, taken from `urlparse(FAKTORY_URL).password`, on connect; glance\'s Swift store (OSSA-2013-002) logged the store URI that `parse_uri` splits into user and key. Out of reach, because nothing in the file marks the value secret: keystone\'s config logged an option holding backend passwords that was not declared secret; glance (OSSA-2014-004) logged an image location entry whose URL held the store credentials (the entry comes from `add_to_backend`, and the URL is built by the store driver, in other modules). References: CWE-532, OpenStack Security Guidelines (openstack/ossa `guidelines/dg_avoid-logging-sensitive-data`), OWASP Logging Cheat Sheet.',
      example: 'from oslo_config import cfg\nfrom oslo_log import log as logging\n\nLOG = logging.getLogger(__name__)\nCONF = cfg.CONF\nCONF.register_opts([cfg.StrOpt(\'admin_password\', secret=True)], group=\'backend\')\n\n\ndef connect(host):\n    LOG.debug("connecting to %s with %s", host, CONF.backend.admin_password)\n',
      useInstead: 'from oslo_config import cfg\nfrom oslo_log import log as logging\n\nLOG = logging.getLogger(__name__)\nCONF = cfg.CONF\nCONF.register_opts([cfg.StrOpt(\'admin_password\', secret=True)], group=\'backend\')\n\n\ndef connect(host):\n    LOG.debug("connecting to %s (password set: %s)", host, CONF.backend.admin_password is not None)\n',
      fix: 'Never interpolate secrets into log records. Log whether a secret is set, or mask whole payloads and command lines with `strutils.mask_password` / `mask_dict_password` before logging them; declare options that can hold credentials with `secret=True`.',
      references: ['https://cwe.mitre.org/data/definitions/532.html', 'https://security.openstack.org/guidelines/dg_avoid-logging-sensitive-data.html', 'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1', 'https://docs.openstack.org/oslo.utils/latest/reference/strutils.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged.
    if (ctx.model.isTestCode()) return {};
    return {
      module() {
        for (const e of secretExposures(ctx.model, ctx.project)) {
          if (e.variant !== 'log') continue;
          ctx.report({
            node: e.argument, messageId: 'log', data: { secret: e.secret, sink: calleeText(e.node), line: line(e.node) },
            evidence: [...e.evidence, { node: e.node, message: `logged by \`${calleeText(e.node)}\` (line ${line(e.node)})` }],
          });
        }
      },
    };
  },
});
