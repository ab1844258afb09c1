// oslo.config option declarations as data: which Opt classes hold text (and so can hold a credential), which option
// names and help texts declare a credential, and which help texts say the value only points at one (a key file,
// a plugin entry point). Read by the credential-option-not-secret rule.
import { NOT_A_SECRET, SECRET_NAME } from './logging.js';

/**
 * Opt classes whose value is text a credential can be: oslo.config's `StrOpt`, `MultiStrOpt`, `ListOpt`,
 * `DictOpt`, `URIOpt` and the untyped `Opt`. Booleans, numbers, ports and host addresses are never credentials.
 */
export const TEXT_OPTION_CLASSES: ReadonlySet<string> = new Set(['Opt', 'StrOpt', 'MultiStrOpt', 'ListOpt', 'DictOpt', 'URIOpt']);

/**
 * Option names that declare a credential: the secret names OpenStack code uses (SECRET_NAME: `admin_password`,
 * `metadata_proxy_shared_secret`, `agent_token`, `memcache_secret_key`…) and the key options projects have had to
 * mark secret after the fact (nova/cinder `fixed_key`, heat `auth_encryption_key`, cinder `backup_swift_key`).
 */
const CREDENTIAL_KEY_OPTION = /^(?:.*_)?(?:fixed|encryption|swift|hmac|signing|master)_key$|^(?:.*_)?passphrase$/i;

export function isCredentialOptionName(name: string): boolean {
  const n = name.replace(/-/g, '_');
  return (SECRET_NAME.test(n) || CREDENTIAL_KEY_OPTION.test(n)) && !NOT_A_SECRET.test(n);
}

/**
 * A help text that opens by naming a credential as the value (`Password for the SAN controller.`, `REST API
 * authorization token.`, `Shared secret to sign …`): the credential word ends the opening noun phrase, so a
 * property of one (`Password length …`, `Describe your password regular expression …`) does not count.
 */
export const CREDENTIAL_HELP = /^\s*(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?(?:password|passphrase|shared secret|secret key|api key|(?:api |auth |authentication |authorization |access )token)(?=\s*(?:$|[.,;:(]|(?:for|of|to|used|that|which|when|with|in|on|from|sent|passed|given|issued)\b))/i;

/**
 * A help text that opens by saying the value refers to where something is (`Filename of private key to use for SSH
 * authentication`, `The PEM file with private key …`, `Absolute path to the Private Key …`, `Entry point for the
 * token auth plugin …`): the option holds a reference, which logs may show.
 */
export const REFERENCE_HELP = /^\s*(?:the\s+|an?\s+)?(?:absolute\s+|full\s+|local\s+)?(?:path|paths|file\s*name|filename|file|location|directory|dir|entry\s*point|pem\s+file|name|names|id|uuid|url|uri|class|module|driver|plugin)\b/i;

/**
 * A default that names code (`keystone.auth.plugins.password.Password`, `module.path:Class`): the option picks a
 * plugin, whatever its name says.
 */
export const CODE_REFERENCE_DEFAULT = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?::[A-Za-z_]\w*)?$/;
