// CWE-532: an oslo.config option that holds a credential, declared without `secret=True`. oslo.config prints every
// option's value when a service logs its configuration (`CONF.log_opt_values`, which OpenStack services call at
// start-up) and masks only the options declared secret, so the credential is written to the log in clear.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { keywordArg, positionalArgs, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { CODE_REFERENCE_DEFAULT, CREDENTIAL_HELP, REFERENCE_HELP, TEXT_OPTION_CLASSES, isCredentialOptionName } from '../../../models/python/openstack/configOptions.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { optionDeclared } from '../../../rulekit/fileFacts.js';
import type { Visitors } from '../../../rulekit/types.js';

/** The text of an option's `help=`: a literal, or a literal handed to a formatting or translation helper (`_()`, `utils.fmt()`). */
function helpText(call: SyntaxNode): string | null {
  const help = keywordArg(call, 'help');
  if (!help) return null;
  const h = unparenthesize(help);
  const literal = stringValue(h);
  if (literal !== null) return literal;
  if (h.type === 'call') {
    const first = positionalArgs(h)[0];
    return first ? stringValue(first) : null;
  }
  return null;
}

export default defineRule({
  meta: {
    id: 'credential-option-not-secret',
    cwe: 532,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      notSecret: {
        text: 'Option `{option}` ({cls}) holds a credential ({what}) but is declared without `secret=True`: oslo.config writes every option\'s value to the log when a service logs its configuration (`CONF.log_opt_values`, done at start-up) and masks only options declared secret',
        fix: 'Add `secret=True` to the `{cls}(\'{option}\', …)` declaration so oslo.config prints `****` instead of the value',
      },
    },
    docs: {
      summary: 'oslo.config option holding a credential declared without secret=True',
      why: '**Class.** Sensitive configuration written to logs (CWE-532). oslo.config\'s `log_opt_values` prints the value of every registered option and replaces it with `****` only for options declared with `secret=True`; OpenStack services call it at start-up (usually at DEBUG level). An option that holds a password, token, shared secret or key but is declared without the flag therefore puts the credential into every service log that has debug logging on, and into whatever ships those logs. The option is judged by what it declares about itself: its name is one of the secret names OpenStack code uses (`admin_password`, `metadata_proxy_shared_secret`, `agent_token`, `memcache_secret_key`, the key options `fixed_key`, `auth_encryption_key`, `backup_swift_key`), or its help text opens by naming a credential as the value (`REST API authorization token.`); only text options count (`StrOpt`, `MultiStrOpt`, `ListOpt`, `DictOpt`, `URIOpt`, `Opt`), and an option whose help says it names a file, a path or a plugin entry point (`Filename of private key to use for SSH authentication`) holds a reference, not the credential, as does one whose default names code (`keystone.auth.plugins.password.Password`: the option picks a plugin). The fixes that added the flag recur across OpenStack: nova "Mark password config options with secret" (2013) and `neutron_metadata_proxy_shared_secret` (2014), glance LP #1044462 (2012), keystone LDAP password and `admin_token` (2013) and `backend_argument` (2015), neutron "Password config options should be marked secret" (2015), heat `stack_domain_admin_password` (2014) and `auth_encryption_key` (2015), cinder `backup_swift_key` (2016) and the Huawei driver password (2016), nova and cinder `fixed_key` (2018), ironic xclarity password (2018). Bandit once had the same check for OpenStack (B109, password_config_option_not_marked_secret). Out of reach: an option whose name and help do not say it holds a credential (keystone\'s `backend_argument`, whose dogpile.cache arguments may carry a password), options declared through a project\'s own wrapper (keystone\'s early `register_str`), and database connection URLs (oslo.db declares its own `connection` secret).',
      example: 'from oslo_config import cfg\n\nopts = [\n    cfg.StrOpt("san_login", help="Username for the SAN controller."),\n    cfg.StrOpt("san_password", help="Password for the SAN controller."),\n]\n\ncfg.CONF.register_opts(opts)\n',
      useInstead: 'from oslo_config import cfg\n\nopts = [\n    cfg.StrOpt("san_login", help="Username for the SAN controller."),\n    cfg.StrOpt("san_password", secret=True, help="Password for the SAN controller."),\n    cfg.StrOpt("san_private_key", help="Filename of private key to use for SSH authentication."),\n]\n\ncfg.CONF.register_opts(opts)\n',
      fix: 'Declare the option with `secret=True`. If the value must be shown somewhere, show that it is set, never the value.',
      references: [
        'https://cwe.mitre.org/data/definitions/532.html',
        'https://docs.openstack.org/oslo.config/latest/reference/defining.html',
        'https://docs.openstack.org/security-guide/identity/checklist.html',
      ],
    },
  },
  create(ctx): Visitors {
    // Tests declare options to exercise config handling; nothing in them is deployed.
    if (ctx.model.isTestCode() || !ctx.model.source.includes('Opt(')) return {};
    return {
      call(node) {
        const decl = optionDeclared(ctx.model, node);
        if (!decl || !TEXT_OPTION_CLASSES.has(decl.type)) return;
        // `secret=True`, or `secret=flag`: decided, at write time or at run time, not forgotten.
        const secretArg = keywordArg(node, 'secret');
        if (secretArg && secretArg.type !== 'false') return;
        const help = helpText(node);
        if (help !== null && REFERENCE_HELP.test(help)) return;
        const fallback = stringValue(keywordArg(node, 'default'));
        if (fallback !== null && CODE_REFERENCE_DEFAULT.test(fallback)) return;
        const byName = isCredentialOptionName(decl.name);
        if (!byName && !(help !== null && CREDENTIAL_HELP.test(help))) return;
        const what = byName ? 'its name says so' : `its help text opens with "${help!.trim().slice(0, 60)}"`;
        ctx.report({ node, messageId: 'notSecret', data: { option: decl.name, cls: decl.type, what } });
      },
    };
  },
});
