// Where configuration values arrive as strings, and what turns them into booleans: paste.deploy hands a WSGI
// filter its ini options as a dict of strings, while oslo.config declares the same names typed (cfg.BoolOpt). Data
// only; the flow from one to a truth test is src/rulekit/stringConfig.ts.

/**
 * Option declarations whose values are booleans once oslo.config parses them. A name declared here but read from a
 * paste.deploy dict is still the raw ini text ('false', '0', 'no'), all of which are truthy strings.
 */
export const BOOLEAN_OPTION_DECLARATION = /(^|\.)cfg\.BoolOpt$/;

/**
 * paste.deploy's entry-point protocol (`paste.filter_factory = pkg.mod:filter_factory`, `paste.app_factory`): a
 * factory receives the [DEFAULT] options positionally and the section's options as keyword arguments, every value
 * a string. Matched on the factory's name together with a `**local_conf` parameter.
 * https://docs.pylonsproject.org/projects/pastedeploy/en/latest/#paste-filter-factory
 */
export const PASTE_FACTORY_NAME = /(^|_)factory$/;

/**
 * Calls that turn an ini string into a boolean the way the option means it: oslo.utils' strutils, Swift's
 * config_true_value, paste.deploy's asbool, ConfigParser's getboolean, and oslo.config type objects applied to the
 * value. `bool()` is not one of them: bool('false') is True.
 */
export const STRING_TO_BOOL_CONVERTERS = /(^|\.)(bool_from_string|config_true_value|asbool|getboolean|strtobool|Boolean|BoolOpt|is_true|str2bool|to_bool)$/;

/**
 * Parameters of TLS client APIs that switch certificate verification (keystoneauth and keystoneclient sessions,
 * the OpenStack python-*clients' `insecure`, requests' `verify`): a truthy string given to `insecure` turns checks
 * off, and `verify` takes a CA path or a real boolean, never the ini text 'false'.
 */
export const TLS_VERIFICATION_PARAMETERS: ReadonlySet<string> = new Set(['insecure', 'verify', 'ssl_insecure', 'api_insecure', 'check_hostname']);

/** Reads that always give a string (or None): environment variables. */
export const STRING_READ_CALLS: ReadonlySet<string> = new Set(['os.environ.get', 'os.getenv', 'os.environ.__getitem__']);
/** ConfigParser classes: their `get` returns the ini text; `getboolean` is the typed read. */
export const CONFIG_PARSERS = /^(six\.moves\.)?(configparser|ConfigParser)\.(ConfigParser|RawConfigParser|SafeConfigParser)$/;
