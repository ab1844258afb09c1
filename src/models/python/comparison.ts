// Knowledge for the comparison rules, as data: which values are secrets that need a constant-time compare, where
// request data comes from, and which identifiers are case-insensitive by nature (MACs, protocol names, host names,
// UUIDs, HTTP header names) together with the calls that normalise them.

/** Calls that produce a keyed MAC (the value an attacker must not learn byte by byte). */
export const MAC_CONSTRUCTORS: ReadonlySet<string> = new Set(['hmac.new', 'hmac.HMAC', 'hmac.digest']);
/**
 * Project helpers that return a keyed MAC's hex digest: Swift's get_hmac (tempurl, formpost, the proxy's signed
 * requests), now in swift.common.digest, formerly swift.common.utils.
 */
export const MAC_FUNCTIONS: ReadonlySet<string> = new Set(['swift.common.utils.get_hmac', 'swift.common.digest.get_hmac']);
/** Methods of a MAC object that give its value. */
export const DIGEST_METHODS: ReadonlySet<string> = new Set(['hexdigest', 'digest']);
/** Methods whose result is the same digest as text in another form (`mac.digest().decode()`, `sig.strip()`). */
export const DIGEST_TEXT_METHODS: ReadonlySet<string> = new Set(['decode', 'encode', 'strip', 'rstrip', 'lstrip', 'lower', 'upper']);
/** Re-encodings of a digest that keep it a secret (`base64.b64encode(mac.digest())`). */
export const DIGEST_WRAPPERS = /^(base64\.\w+|binascii\.(hexlify|b2a_hex|b2a_base64)|str|bytes|codecs\.encode)$/;
/** Constant-time comparisons: a comparison inside one of these is the fix. */
export const CONSTANT_TIME_COMPARE = /(^|\.)(compare_digest|constant_time_compare|constant_time_eq|safe_str_cmp|strings_equal)$/;

/**
 * Last words of a name that denote a secret compared against a client's claim: MACs, signatures, one-time codes and
 * credentials. Nonces are public by design. `mac` alone means a MAC address in network code and `digest`/`checksum` usually an integrity hash of
 * public data, so those count only with a keyed-MAC origin.
 */
export const SECRET_NAME_WORDS: ReadonlySet<string> = new Set([
  'signature', 'sig', 'hmac', 'csrf', 'xsrf', 'otp', 'totp', 'password', 'passwd', 'passphrase', 'token', 'secret',
]);
/** Words before the secret word that make the name describe something about the secret, not the secret. */
export const NOT_SECRET_QUALIFIERS: ReadonlySet<string> = new Set([
  'type', 'types', 'id', 'ids', 'name', 'names', 'len', 'length', 'count', 'loc', 'index', 'idx', 'url', 'uri', 'file', 'path',
  'field', 'header', 'key', 'version', 'format', 'algorithm', 'method', 'scheme', 'expiry', 'expires', 'expiration',
  'ttl', 'timeout', 'size', 'policy', 'required', 'enabled', 'exists', 'status', 'state', 'prefix', 'suffix', 'template',
]);

/** Names (root identifiers or attribute segments) through which request data is read. */
export const REQUEST_ROOTS: ReadonlySet<string> = new Set([
  'req', 'request', 'headers', 'environ', 'params', 'GET', 'POST', 'cookies', 'json_body', 'body', 'form', 'query_string',
]);

export type IdentifierKind = 'protocol' | 'mac' | 'hostname' | 'uuid' | 'header';

/** What a kind of identifier is called in messages, and why its case does not matter. */
export const KIND_DESCRIPTIONS: Readonly<Record<IdentifierKind, string>> = {
  protocol: 'an IP protocol name (clients may send "TCP" or "Tcp")',
  mac: 'a MAC address (tools and clients print it in either case)',
  hostname: 'a DNS host name (DNS names are case-insensitive)',
  uuid: 'a UUID (its hex digits may arrive in either case)',
  header: 'an HTTP header name (header names are case-insensitive)',
};

/**
 * Name evidence per kind, matched against the words of the compared value's name (`rule.protocol`,
 * `port['mac_address']`, `src_mac`). Nova's `host` names a compute service, which is case-sensitive: only
 * `hostname`/`fqdn`/`domain` count.
 */
export const KIND_NAMES: Readonly<Record<IdentifierKind, RegExp>> = {
  protocol: /^(ip_?)?proto(col)?$|_proto(col)?$/,
  mac: /^(src_|dst_|dest_|source_|target_|remote_|local_|port_|vif_|hw_?|base_)?(mac|mac_?address|mac_?addr|hwaddr|hw_?address|lladdr)$/,
  hostname: /^(\w+_)?(hostname|host_name|fqdn|domain_name|dns_name|dns_domain)$/,
  uuid: /^(\w+_)?uuid$/,
  header: /^(\w+_)?header_?name$|^(header|hdr)$/,
};

/** IANA protocol keywords a security-group or firewall rule names; the literal evidence for the protocol kind. */
export const PROTOCOL_NAMES: ReadonlySet<string> = new Set([
  'tcp', 'udp', 'icmp', 'icmpv6', 'ipv6-icmp', 'sctp', 'gre', 'esp', 'ah', 'vrrp', 'igmp', 'dccp', 'udplite', 'ospf',
  'pgm', 'rsvp', 'egp', 'encap', 'ipip', 'l2tp', 'ipv6-encap', 'ipv6-frag', 'ipv6-route', 'ipv6-opts', 'ipv6-nonxt',
]);

/** Literal evidence per kind: does this string look like a value of the kind? */
export const KIND_LITERALS: Readonly<Record<IdentifierKind, (value: string) => boolean>> = {
  protocol: (v) => PROTOCOL_NAMES.has(v.toLowerCase()),
  mac: (v) => /^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i.test(v),
  hostname: (v) => /^(?=.*[a-z])[a-z0-9-]+(\.[a-z0-9-]+)+\.?$/i.test(v) && !/^\d+(\.\d+)*$/.test(v),
  uuid: (v) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(v),
  header: (v) => /^(x-[\w-]+|content-(type|length|encoding|md5|disposition)|accept(-[\w]+)?|authorization|user-agent|host|cookie|set-cookie|location|etag|if-match|if-none-match)$/i.test(v),
};

/** Literal values that are the same in every case (no letters): their comparisons cannot go wrong on case. */
export function caseMatters(value: string): boolean {
  return /[a-z]/i.test(value);
}

/** Methods and calls whose result no longer depends on the case the value arrived in. */
export const NORMALISING_METHODS: ReadonlySet<string> = new Set(['lower', 'upper', 'casefold']);
export const NORMALISING_CALLS = /^(netaddr\.EUI|netaddr\.mac_\w+|uuid\.UUID|\w+\.(normalize|normalise|canonicalize)\w*|(\w+\.)*(convert_to_sanitized_mac_address|convert_to_protocol|normalize_mac|normalise_mac|canonicalize_mac))$/;
/** Names that say the value was canonicalised (`norm_proto`, `mac_lower`). */
export const NORMALISED_NAME = /(^|_)(norm|normalized|normalised|normalized|lower|lowered|upper|canonical|canon|sanitized|sanitised)(_|$)/i;
