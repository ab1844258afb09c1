// B108: a path literal inside a shared, world-writable temporary directory (/tmp, /var/tmp, /dev/shm). Fixed names
// there can be pre-created or symlinked by any local user. Checks of a path against these prefixes are skipped.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { isBareStringStatement, isBytesString } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { truncate } from '../../../rulekit/text.js';
import type { Visitors } from '../../../rulekit/types.js';

/** Calls that create, open or move a file system entry at the path they are given. */
const FILE_CREATORS = new Set([
  'open', 'io.open', 'codecs.open', 'os.open', 'os.mkdir', 'os.makedirs', 'os.mkfifo', 'os.mknod', 'os.symlink',
  'os.link', 'os.rename', 'os.replace', 'shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copytree',
  'shutil.move', 'tempfile.mkstemp', 'tempfile.mkdtemp', 'tempfile.NamedTemporaryFile', 'tempfile.TemporaryFile',
  'tempfile.TemporaryDirectory', 'tempfile.SpooledTemporaryFile', 'sqlite3.connect', 'logging.FileHandler',
  'pathlib.Path', 'os.path.join',
]);

/**
 * True when the literal is handed straight to a call that touches the file system (through os.path.join too).
 * Test code passes fake /tmp paths to mocks by the hundred; only these direct uses create real files there.
 */
function usedAsRealPath(model: PythonModel, node: SyntaxNode): boolean {
  let n: SyntaxNode = node;
  for (;;) {
    const args = n.parent?.type === 'keyword_argument' ? n.parent.parent : n.parent;
    const call = args?.type === 'argument_list' ? args.parent : null;
    if (!call || call.type !== 'call') return false;
    const name = model.callName(call);
    if (name === null || !FILE_CREATORS.has(name)) return false;
    if (name !== 'os.path.join' && name !== 'pathlib.Path') return true;
    n = call;
    // A joined or Path-wrapped path counts only when that, in turn, is opened or created.
  }
}

const SHARED_TMP = ['/tmp', '/var/tmp', '/dev/shm'];

/** The literal text a string starts with, up to its first interpolation (f"/tmp/{x}" → "/tmp/"). */
function leadingText(node: SyntaxNode): string {
  let out = '';
  for (const part of node.namedChildren) {
    if (!part || part.type === 'string_start') continue;
    if (part.type === 'string_content' || part.type === 'escape_sequence') out += part.text;
    else break;
  }
  return out;
}

/** Strings that are compared with, or tested as a prefix of, a path are checks, not uses. */
function isCheck(node: SyntaxNode): boolean {
  let n: SyntaxNode = node;
  while (n.parent && ['parenthesized_expression', 'tuple', 'list', 'set'].includes(n.parent.type)) n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'comparison_operator') return true;
  if (p.type === 'argument_list') {
    const fn = p.parent?.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : null;
    return method === 'startswith' || method === 'endswith' || method === 'relpath' || method === 'commonpath';
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'hardcoded-tmp-directory',
    cwe: 377,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B108',
    banditName: 'hardcoded_tmp_directory',
    profile: 'bandit',
    messages: {
      sharedTmp: {
        text: '`{path}` is a fixed path in the shared directory {dir}: another local user can create or symlink it first',
        fix: 'Create the file or directory with tempfile.mkstemp() / tempfile.mkdtemp() / tempfile.TemporaryDirectory() instead of `{path}`, or use a private directory owned by the service',
      },
    },
    docs: {
      summary: 'Hard-coded path in a shared temporary directory',
      why: '/tmp, /var/tmp and /dev/shm are writable by every local user. A predictable name there can be created first by an attacker, as a symlink to a file the service will then overwrite or as a file whose contents the service will trust (CWE-377).',
      example: 'def dump(data):\n    with open("/tmp/nova-dump.json", "w") as f:\n        f.write(data)\n',
      useInstead: 'import os\nimport tempfile\n\ndef dump(data):\n    fd, path = tempfile.mkstemp(suffix=".json")\n    with os.fdopen(fd, "w") as f:\n        f.write(data)\n    return path\n',
      fix: 'Use the tempfile module (mkstemp, mkdtemp, TemporaryDirectory, NamedTemporaryFile), which creates unpredictable names atomically with private permissions, or a directory that only the service can write.',
      references: [
        'https://cwe.mitre.org/data/definitions/377.html',
        'https://docs.python.org/3/library/tempfile.html',
      ],
      banditDifferences: 'The directory must be a whole path component: "/tmpfiles" or "/tmp_data" are not inside /tmp (Bandit matches any string prefix). Comparisons and `startswith`/`endswith` checks against these prefixes are not reported. The literal head of an f-string is checked, as in Bandit. In test code (judged from its imports) only paths handed directly to a call that creates or opens a file (open, os.makedirs, the dir= of tempfile calls, shutil…, possibly through os.path.join) are reported, since most /tmp strings in tests are fake paths given to mocks.',
    },
  },
  create(ctx): Visitors {
    // The literal's raw text starts with the directory, so the file's text contains it.
    if (!SHARED_TMP.some((d) => ctx.model.source.includes(d))) return {};
    let testCode: boolean | undefined;
    return {
      string(node) {
        if (isBytesString(node) || isBareStringStatement(node)) return;
        const text = leadingText(node);
        const dir = SHARED_TMP.find((d) => text === d || text.startsWith(`${d}/`));
        if (!dir || isCheck(node)) return;
        testCode ??= ctx.model.isTestSupport();
        if (testCode && !usedAsRealPath(ctx.model, node)) return;
        ctx.report({ node, messageId: 'sharedTmp', data: { path: truncate(node.text, 60), dir } });
      },
    };
  },
});
