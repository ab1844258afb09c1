// Calls and methods that pass taint from their inputs to their result, and methods that add their arguments to a
// container. A call absent from these tables and not defined in the same file yields an untainted value. Data only.
import type { Propagator } from '../../../analysis/taint/spec.js';

const STRINGS = ['str', 'unicode', 'bytes', 'os.fsencode', 'os.fsdecode', 'oslo_utils.encodeutils.safe_decode',
  'oslo_utils.encodeutils.safe_encode', 'six.text_type', 'six.binary_type', 'urllib.parse.unquote', 'urllib.parse.unquote_plus',
  'base64.b64decode', 'base64.urlsafe_b64decode', 'os.path.join', 'os.path.normpath', 'os.path.abspath', 'os.path.realpath',
  'os.path.expanduser', 'os.path.dirname', 'posixpath.join', 'string.Template', 'textwrap.dedent'];
const CONTAINERS = ['list', 'tuple', 'set', 'frozenset', 'sorted', 'reversed', 'dict', 'copy.copy', 'copy.deepcopy',
  'json.loads', 'jsonutils.loads', 'oslo_serialization.jsonutils.loads', 'urllib.parse.parse_qs', 'urllib.parse.parse_qsl'];

export const PROPAGATORS: readonly Propagator[] = [
  ...STRINGS.map((name): Propagator => ({ call: { name }, from: 'args', shape: 'str' })),
  ...CONTAINERS.map((name): Propagator => ({ call: { name }, from: 'args', shape: 'unknown' })),
  { call: { name: 'pathlib.Path' }, from: 'args', shape: 'str' },
];

/** str, bytes, dict and list methods whose result carries the receiver's content. */
export const CARRYING_METHODS: ReadonlySet<string> = new Set([
  'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'casefold', 'title', 'capitalize', 'swapcase', 'split', 'rsplit',
  'splitlines', 'partition', 'rpartition', 'encode', 'decode', 'center', 'ljust', 'rjust', 'zfill', 'expandtabs',
  'replace', 'translate', 'removeprefix', 'removesuffix', 'values', 'items', 'keys', 'copy', 'mixed', 'dict_of_lists',
  'getall', 'read', 'readline', 'readlines', 'group', 'groups', 'groupdict',
]);

export const MUTATING_METHODS: ReadonlySet<string> = new Set(['append', 'extend', 'insert', 'update', 'add', 'setdefault', 'appendleft']);

/** Functions that are a mapping's view method in another spelling: six's `iteritems(d)` is `d.items()`, and so on. */
export const MAPPING_VIEW_FUNCTIONS: ReadonlyMap<string, string> = new Map(
  ['iter', 'view'].flatMap((p) => ['keys', 'values', 'items'].map((v): [string, string] => [`six.${p}${v}`, v])),
);
