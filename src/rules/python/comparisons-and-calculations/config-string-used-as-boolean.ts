// CWE-704: a WSGI filter tests a paste.deploy option for truth while it is still the ini text. The module itself says
// the option is boolean (cfg.BoolOpt, or `conf.get('x', False)`), but 'false', 'no' and '0' are non-empty strings,
// so the switch cannot be turned off from the paste file. TLS switches are tls-flag-read-as-string's (CWE-295).
import { defineRule } from '../../../rulekit/defineRule.js';
import { stringConfigHolders, tlsParameter } from '../../../rulekit/stringConfig.js';
import { abbreviate } from '../../../rulekit/text.js';

export default defineRule({
  meta: {
    id: 'config-string-used-as-boolean',
    cwe: 704,
    severity: 'medium',
    // Whether the option guards anything is unknown (keystonemiddleware's include_service_catalog does not;
    // a check or bypass switch would): low until the option's purpose can be read from the project.
    confidence: 'low',
    languages: ['python'],
    messages: {
      truthy: {
        text: '`{key}` comes from the paste.deploy options as a string and is {how} at line {line}: "false", "no" and "0" are truthy strings, so setting `{key} = false` in the paste file does not turn it off',
        fix: 'Convert `{key}` where the options arrive (strutils.bool_from_string, paste.deploy.converters.asbool, or the oslo.config option\'s type) before it is used as a boolean',
      },
    },
    docs: {
      summary: 'Boolean paste.deploy option used as a boolean while still a string',
      why: 'paste.deploy passes a filter\'s ini options as strings. A middleware that declares an option boolean (cfg.BoolOpt, or a True/False default) but tests the raw value for truth treats "false" as true: a deployer who switches off a check, a bypass or a feature in the paste file is silently ignored (CWE-704, incorrect type conversion). When the option enables an authentication bypass or disables a check, the deployment is less safe than configured.',
      example: 'class Audit(object):\n    def __init__(self, app, conf):\n        self.app = app\n        self.allow_anonymous = conf.get("allow_anonymous", False)\n\n    def __call__(self, env, start_response):\n        if self.allow_anonymous:\n            env["audit.skip"] = True\n        return self.app(env, start_response)\n\n\ndef filter_factory(global_conf, **local_conf):\n    conf = global_conf.copy()\n    conf.update(local_conf)\n\n    def _filter(app):\n        return Audit(app, conf)\n    return _filter\n',
      useInstead: 'from oslo_utils import strutils\n\n\nclass Audit(object):\n    def __init__(self, app, conf):\n        self.app = app\n        self.allow_anonymous = strutils.bool_from_string(conf.get("allow_anonymous", False))\n\n    def __call__(self, env, start_response):\n        if self.allow_anonymous:\n            env["audit.skip"] = True\n        return self.app(env, start_response)\n\n\ndef filter_factory(global_conf, **local_conf):\n    conf = global_conf.copy()\n    conf.update(local_conf)\n\n    def _filter(app):\n        return Audit(app, conf)\n    return _filter\n',
      fix: 'Convert each boolean option once, where the middleware receives the paste dict (Swift: config_true_value; oslo: strutils.bool_from_string; paste: asbool), or convert the whole dict with the option types the module declares.',
      references: [
        'https://cwe.mitre.org/data/definitions/704.html',
        'https://docs.pylonsproject.org/projects/pastedeploy/en/latest/#paste-filter-factory',
        'https://docs.openstack.org/oslo.utils/latest/reference/strutils.html',
      ],
    },
  },
  create(ctx) {
    return {
      module() {
        for (const h of stringConfigHolders(ctx.model)) {
          const seen = new Set<string>();
          for (const u of h.uses) {
            // One finding per option; TLS switches are the CWE-295 rule's.
            // Passed on as an argument, the value's fate is the callee's: only truth tests and bool() are certain.
            if (u.kind === 'argument' || tlsParameter(u) !== null || seen.has(u.key)) continue;
            seen.add(u.key);
            const how = u.kind === 'bool' ? 'passed to bool()' : 'tested for truth';
            ctx.report({
              node: u.read,
              messageId: 'truthy',
              data: { key: u.key, how, line: u.use.startPosition.row + 1 },
              evidence: [
                { node: h.factoryCall, message: 'the paste.deploy factory passes its ini options (all strings) here' },
                { node: u.declaration, message: `\`${u.key}\` is meant to be a boolean` },
                { node: u.use, message: abbreviate(`used as a boolean: ${u.use.text}`) },
              ],
            });
          }
        }
      },
    };
  },
});
