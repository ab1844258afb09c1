// What neutralises tainted data, and for which sink families: quoting, numeric/UUID conversion, file-name
// stripping, masking, address parsing; plus guard predicates that vouch for a value on their true branch. Data only.
import type { Guard, Sanitizer } from '../../../analysis/taint/spec.js';

export const SANITIZERS: readonly Sanitizer[] = [
  { call: { name: 'shlex.quote' }, clears: ['command'], description: 'shell-quoted' },
  { call: { name: 'pipes.quote' }, clears: ['command'], description: 'shell-quoted' },
  { call: { name: 'shlex.split' }, clears: ['command'], description: 'split into words' },
  // Conversions to numbers, booleans and UUIDs leave nothing to inject.
  ...['int', 'float', 'bool', 'len', 'abs', 'round', 'uuid.UUID'].map((name): Sanitizer => ({ call: { name }, clears: 'all', description: 'converted' })),
  ...['oslo_utils.strutils.bool_from_string', 'oslo_utils.strutils.int_from_bool_as_string', 'oslo_utils.uuidutils.generate_uuid']
    .map((name): Sanitizer => ({ call: { name }, clears: 'all', description: 'converted' })),
  { call: { suffix: 'utils.validate_integer' }, clears: 'all', description: 'validated as an integer' },
  // Parsed network addresses print in canonical form: no shell syntax, no newlines, no path separators.
  ...['netaddr.IPAddress', 'netaddr.IPNetwork', 'netaddr.EUI', 'ipaddress.ip_address', 'ipaddress.ip_network', 'ipaddress.ip_interface']
    .map((name): Sanitizer => ({ call: { name }, clears: 'all', description: 'parsed as an address' })),
  { call: { name: 'os.path.basename' }, clears: ['path'], description: 'reduced to a file name' },
  { call: { name: 'werkzeug.utils.secure_filename' }, clears: ['path'], description: 'reduced to a safe file name' },
  { call: { name: 'werkzeug.secure_filename' }, clears: ['path'], description: 'reduced to a safe file name' },
  { call: { name: 'oslo_utils.strutils.mask_password' }, clears: ['log'], description: 'masked for logging' },
  { call: { name: 'oslo_utils.strutils.mask_dict_password' }, clears: ['log'], description: 'masked for logging' },
  { call: { name: 'repr' }, clears: ['log', 'newline'], description: 'repr() escapes newlines' },
  { call: { name: 'json.dumps' }, clears: ['log', 'newline'], description: 'JSON-encoded (newlines escaped)' },
  { call: { name: 'jsonutils.dumps' }, clears: ['log', 'newline'], description: 'JSON-encoded (newlines escaped)' },
  { call: { name: 'oslo_serialization.jsonutils.dumps' }, clears: ['log', 'newline'], description: 'JSON-encoded (newlines escaped)' },
  // Python 2's spellings too (urllib.quote, urllib2's re-export; six.moves): header quoting in older services.
  ...['urllib.parse.quote', 'urllib.parse.quote_plus', 'urllib.quote', 'urllib.quote_plus', 'urllib2.quote', 'six.moves.urllib.parse.quote', 'six.moves.urllib.parse.quote_plus']
    .map((name): Sanitizer => ({ call: { name }, clears: ['log', 'newline', 'command', 'sql'], description: 'URL-quoted' })),
  { call: { name: 'html.escape' }, clears: ['code'], description: 'HTML-escaped' },
  { call: { name: 'markupsafe.escape' }, clears: ['code'], description: 'HTML-escaped' },
];

/** Django's same-origin test for redirect targets (`url_has_allowed_host_and_scheme` since 3.0, `is_safe_url` before). */
const DJANGO_REDIRECT_CHECKS = ['django.utils.http.url_has_allowed_host_and_scheme', 'django.utils.http.is_safe_url'];

export const GUARDS: readonly Guard[] = [
  ...DJANGO_REDIRECT_CHECKS.map((name): Guard => ({ call: { name }, clears: ['redirect'], argument: { index: 0, keyword: 'url' } })),
  { call: { name: 'oslo_utils.uuidutils.is_uuid_like' }, clears: 'all' },
  { call: { suffix: 'uuidutils.is_uuid_like' }, clears: 'all' },
  { call: { name: 'oslo_utils.strutils.is_int_like' }, clears: 'all' },
  { call: { suffix: 'netutils.is_valid_ipv4' }, clears: 'all' },
  { call: { suffix: 'netutils.is_valid_ipv6' }, clears: 'all' },
  { call: { suffix: 'netutils.is_valid_ip' }, clears: 'all' },
  { call: { suffix: 'netutils.is_valid_cidr' }, clears: 'all' },
  { call: { suffix: 'netutils.is_valid_mac' }, clears: 'all' },
  { call: { name: 'netaddr.valid_ipv4' }, clears: 'all' },
  { call: { name: 'netaddr.valid_ipv6' }, clears: 'all' },
  { call: { name: 'netaddr.valid_mac' }, clears: 'all' },
];
