// B103: chmod-family calls whose mode lets group or others write (or execute) the file. The mode is evaluated from
// integer literals (0o777, Python 2 0777), stat.S_* constants and their `|`/`+` combinations.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { argument, calleeName, integerValue, positionalArgs, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { lookupTable } from '../../../lookupTable.js';

const STAT_BITS: Record<string, number> = lookupTable({
  S_ISUID: 0o4000, S_ISGID: 0o2000, S_ISVTX: 0o1000,
  S_IRWXU: 0o700, S_IRUSR: 0o400, S_IWUSR: 0o200, S_IXUSR: 0o100, S_IREAD: 0o400, S_IWRITE: 0o200, S_IEXEC: 0o100,
  S_IRWXG: 0o070, S_IRGRP: 0o040, S_IWGRP: 0o020, S_IXGRP: 0o010,
  S_IRWXO: 0o007, S_IROTH: 0o004, S_IWOTH: 0o002, S_IXOTH: 0o001,
});

const WORLD_WRITE = 0o002;
const GROUP_WRITE = 0o020;
const OTHER_EXEC = 0o011;

/** The numeric mode an expression denotes, or null when it is computed at run time. */
function modeValue(model: PythonModel, node: SyntaxNode): number | null {
  const n = unparenthesize(node);
  const literal = integerValue(n);
  if (literal !== null) return literal;
  if (n.type === 'binary_operator') {
    const op = n.childForFieldName('operator')?.text;
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    const [a, b] = [l ? modeValue(model, l) : null, r ? modeValue(model, r) : null];
    if (a === null || b === null) return null;
    if (op === '|') return a | b;
    if (op === '+') return a + b;
    if (op === '&') return a & b;
    return null;
  }
  const q = model.qualifiedName(n);
  if (q?.startsWith('stat.')) return STAT_BITS[q.slice(5)] ?? null;
  return null;
}

export default defineRule({
  meta: {
    id: 'permissive-file-permissions',
    cwe: 732,
    // The highest it reports (world-writable, as Bandit's B103); group-writable is medium, execute-only low.
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B103',
    banditName: 'set_bad_file_permissions',
    messages: {
      worldWritable: {
        text: '`{call}` sets mode {mode} on {target}: any local user can modify it',
        fix: 'Use a mode without the other-write bit, e.g. 0o644 for files or 0o755 for directories and programs (0o600/0o700 for anything holding secrets)',
      },
      groupWritable: {
        text: '`{call}` sets mode {mode} on {target}: every member of its group can modify it',
        fix: 'Drop the group-write bit (e.g. 0o644 / 0o755) unless a dedicated, trusted group must write it',
      },
      executable: {
        text: '`{call}` sets mode {mode} on {target}, letting group and other users execute it',
        fix: 'Grant execute only to the owner (e.g. 0o700 / 0o744) unless others must run it',
      },
    },
    docs: {
      summary: 'chmod with a mode that lets other users write or execute the file',
      why: 'A file or directory that group members or all local users can write can be replaced or altered by them: a configuration, a key, a script or a socket that a privileged process later trusts (CWE-732).',
      example: 'import os\n\ndef save_key(path, data):\n    with open(path, "w") as f:\n        f.write(data)\n    os.chmod(path, 0o666)\n',
      useInstead: 'import os\n\ndef save_key(path, data):\n    with open(path, "w") as f:\n        f.write(data)\n    os.chmod(path, 0o600)\n',
      fix: 'Choose the least permissive mode that works: 0o600/0o700 for private files, 0o644/0o755 for shared read-only ones; never grant other-write.',
      references: [
        'https://cwe.mitre.org/data/definitions/732.html',
        'https://docs.python.org/3/library/os.html#os.chmod',
      ],
      banditDifferences: 'Modes written as stat constants (`stat.S_IRWXU | stat.S_IWOTH`), sums and `mode=` keywords are evaluated, and `pathlib.Path.chmod(mode)` (one argument) is checked; Bandit reads only a plain integer in the second positional argument. A mode that only adds execute bits for group/others (0o755) is reported with low severity and low confidence instead of medium, since that is the normal mode of programs and directories: the default report (medium confidence and up) leaves it out.',
    },
  },
  create(ctx) {
    return {
      call(node) {
        const qualified = ctx.model.callName(node);
        // Every call passes here: the last name is cut off without splitting.
        const name = qualified !== null ? qualified.slice(qualified.lastIndexOf('.') + 1) : calleeName(node);
        if (!name || !/^[fl]?chmod$/.test(name)) return;
        const args = positionalArgs(node);
        // os.chmod(path, mode) and imported functions, vs. a method such as pathlib's path.chmod(mode).
        const isFunction = node.childForFieldName('function')?.type === 'identifier' || (qualified?.startsWith('os.') ?? false);
        const modeNode = isFunction ? argument(node, 1, 'mode') : argument(node, args.length === 1 ? 0 : 1, 'mode');
        if (!modeNode) return;
        const mode = modeValue(ctx.model, modeNode);
        if (mode === null) return;
        const target = isFunction ? (args[0]?.text ?? 'the file') : (node.childForFieldName('function')?.childForFieldName('object')?.text ?? 'the file');
        const data = { call: qualified ?? name, mode: `0o${mode.toString(8)}`, target: `\`${target}\`` };
        if (mode & WORLD_WRITE) ctx.report({ node, messageId: 'worldWritable', data, severity: 'high' });
        else if (mode & GROUP_WRITE) ctx.report({ node, messageId: 'groupWritable', data, severity: 'medium' });
        // Execute alone is the normal mode of programs and of directories others traverse (0o755, 0o711): Bandit
        // reports it, a reviewer would not, so it shows only with --min-confidence low (or --bandit-compat).
        else if (mode & OTHER_EXEC) ctx.report({ node, messageId: 'executable', data, severity: 'low', confidence: 'low' });
      },
    };
  },
});
