// CWE-209: a secret is built into the message of an exception the code raises (or of an instance fault users read).
// One of the three reports of the sensitive-data-exposure analysis (rulekit/secretExposure.ts).
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { line } from '../../../rulekit/openstack.js';
import { secretExposures } from '../../../rulekit/secretExposure.js';

export default defineRule({
  meta: {
    id: 'secret-in-error-message',
    cwe: 209,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    usesProject: true,
    messages: {
      exception: {
        text: '{secret} is put into the error built by `{sink}` at line {line}: the message is logged with the traceback and, for API errors and faults, returned to the caller',
        fix: 'Leave the value out of the exception (name the failing item instead), or mask it with `strutils.mask_password(...)` before it goes in',
      },
    },
    docs: {
      summary: 'A secret (secret option, credential header or field, a value the module masks elsewhere) is put into an exception or fault message',
      why: 'Exception messages travel further than the code that raises them: they are logged with the traceback, turned into API error responses (webob HTTP errors, Nova faults, `Invalid(...)`), and stored as instance faults that users read. A credential in one reaches the logs and, often, the API user (CWE-209, CWE-532).\n\n**Class.** Sensitive data exposure through error messages: a value the project declares or treats as secret flows by dataflow into the arguments of the exception a `raise` builds, or of a recorded fault, unmasked. A URL the code builds with a value in the password slot of its userinfo (`\'%s:%s@\' % (user, key)`, `f\'{scheme}://{user}:{pw}@{host}\'`) is such a value by URL syntax (RFC 3986 §3.2.1), and so is what a method of the file returns from it (`location.get_uri()`, the one `get_uri` the file defines). Real cases: cinder `processutils.execute`/`ssh_execute` built `ProcessExecutionError` from the raw command line while the module masked the same command for its log; glance\'s Swift store (OSSA-2013-002) put `location.get_uri()`, whose userinfo `_get_credstring()` fills with the operator\'s Swift user and key, into `NotFound` and `Duplicate`; nova\'s XenAPI volume code (OSSA-2016-002) put the iSCSI connection data, whose `auth_password` the same function read for the CHAP login, into a `StorageError` (a mapping the code reads a password or secret item from carries that credential, and `str()` of a mapping renders every item; a value it stores under one key of a mapping is not the mapping\'s other items). References: CWE-209, RFC 3986 §3.2.1, OpenStack Security Guidelines (openstack/ossa `guidelines/dg_avoid-logging-sensitive-data`), OWASP Error Handling Cheat Sheet.',
      example: 'from oslo_concurrency import processutils\nfrom oslo_utils import strutils\n\n\ndef run(cmd, LOG):\n    LOG.debug("running %s", strutils.mask_password(cmd))\n    if len(cmd) > 8:\n        raise processutils.ProcessExecutionError(cmd=cmd)\n',
      useInstead: 'from oslo_concurrency import processutils\nfrom oslo_utils import strutils\n\n\ndef run(cmd, LOG):\n    LOG.debug("running %s", strutils.mask_password(cmd))\n    if len(cmd) > 8:\n        raise processutils.ProcessExecutionError(cmd=strutils.mask_password(cmd))\n',
      fix: 'Build exception and fault messages from identifiers (the option name, the resource id), never from credential values; mask command lines and payloads with `strutils.mask_password` before they go into an exception.',
      references: ['https://cwe.mitre.org/data/definitions/209.html', 'https://security.openstack.org/guidelines/dg_avoid-logging-sensitive-data.html', 'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1', 'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html'],
    },
  },
  create(ctx): Visitors {
    // Test code is not judged.
    if (ctx.model.isTestCode()) return {};
    return {
      module() {
        for (const e of secretExposures(ctx.model, ctx.project)) {
          if (e.variant !== 'exception') continue;
          ctx.report({
            node: e.argument, messageId: 'exception', data: { secret: e.secret, sink: e.sinkName, line: line(e.node) },
            evidence: [...e.evidence, { node: e.node, message: `put into \`${e.sinkName}\` (line ${line(e.node)})` }],
          });
        }
      },
    };
  },
});
