// B103: chmod-family calls whose mode lets group or others write (or execute) the file. The mode is evaluated from
// integer literals (0o777, Python 2 0777), stat.S_* constants and their `|`/`+` combinations; the chmod program run
// as a command (`execute('chmod', '777', path, run_as_root=True)`) from its octal or symbolic mode word.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { argument, calleeName, integerValue, positionalArgs, unparenthesize } from '../../../languages/python/syntax.js';
import { processCommand } from '../../../rulekit/commandWords.js';
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

/** The mode bits an octal (`777`, `0666`) or symbolic (`a+w`, `o+rwx,g-w`) chmod mode word grants; null if unknown. */
function commandMode(word: string): number | null {
  if (/^[0-7]{3,4}$/.test(word)) return parseInt(word, 8);
  let bits = 0;
  for (const clause of word.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!m) return null;
    const [, who, op, perms] = m as unknown as [string, string, string, string];
    if (op === '-') continue;
    // No `ugo` letter means all three (less the umask, which the code does not show).
    const targets = who === '' || who.includes('a') ? 'ugo' : who;
    const shift: Record<string, number> = { u: 6, g: 3, o: 0 };
    for (const t of targets) {
      for (const p of perms) {
        const bit = p === 'r' ? 4 : p === 'w' ? 2 : p === 'x' || p === 'X' ? 1 : 0;
        bits |= bit << shift[t]!;
      }
    }
  }
  return bits;
}

/** `chmod [-R] MODE path…` run as a command: the mode word and the first path, when the words are literal. */
function chmodCommand(model: PythonModel, call: SyntaxNode): { runner: string; mode: number; word: string; target: string } | null {
  const command = processCommand(model, call);
  if (!command) return null;
  const words = command.words;
  const at = words.findIndex((w) => w === 'chmod' || (w?.endsWith('/chmod') ?? false));
  // `chmod` first, or after a privilege wrapper (`sudo chmod …`); elsewhere it is an argument of another program.
  if (at < 0 || (at > 0 && !words.slice(0, at).every((w) => w !== null && /^(sudo|env|nice|ionice)$|\/(sudo|env)$/.test(w)))) return null;
  let i = at + 1;
  while (i < words.length && words[i]?.startsWith('-')) i++;
  const word = words[i];
  if (!word) return null;
  const mode = commandMode(word);
  if (mode === null) return null;
  const args = positionalArgs(call);
  const pathIndex = args.length === words.length ? i + 1 : -1;
  const target = pathIndex >= 0 && args[pathIndex] ? args[pathIndex]!.text : 'the file';
  return { runner: command.name, mode, word, target };
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
      why: 'A file or directory that group members or all local users can write can be replaced or altered by them: a configuration, a key, a script or a socket that a privileged process later trusts (CWE-732).\n\n**Class.** Incorrect permission assignment for a critical resource (CWE-732): a mode that grants write to group or others, set through `os.chmod`/`fchmod`/`lchmod`/`Path.chmod`, or by running the chmod program (`processutils.execute(\'chmod\', \'777\', path, run_as_root=True)`, `subprocess.call([\'chmod\', \'o+w\', path])`, octal or symbolic modes). Real cases: nova made the temporary directory of a live snapshot world-writable with `utils.execute(\'chmod\', \'777\', …, run_as_root=True)` (OSSA-2014-001); cinder\'s FusionStorage driver runs `chmod 666` as root on its configuration file, which holds the storage password. References: CWE-732; the OpenStack Security Guidelines, "Apply restrictive file permissions"; Bandit B103.',
      example: 'import os\n\ndef save_key(path, data):\n    with open(path, "w") as f:\n        f.write(data)\n    os.chmod(path, 0o666)\n',
      useInstead: 'import os\n\ndef save_key(path, data):\n    with open(path, "w") as f:\n        f.write(data)\n    os.chmod(path, 0o600)\n',
      fix: 'Choose the least permissive mode that works: 0o600/0o700 for private files, 0o644/0o755 for shared read-only ones; never grant other-write.',
      references: [
        'https://cwe.mitre.org/data/definitions/732.html',
        'https://docs.python.org/3/library/os.html#os.chmod',
      ],
      banditDifferences: 'Modes written as stat constants (`stat.S_IRWXU | stat.S_IWOTH`), sums and `mode=` keywords are evaluated, `pathlib.Path.chmod(mode)` (one argument) is checked, and so is the chmod program run as a command with a literal octal or symbolic mode; Bandit reads only a plain integer in the second positional argument. A mode that only adds execute bits for group/others (0o755) is reported with low severity and low confidence instead of medium, since that is the normal mode of programs and directories: the default report (medium confidence and up) leaves it out.',
    },
  },
  create(ctx) {
    // The chmod program run as a command needs its name in a literal: most files never write it.
    const mayRunChmod = ctx.model.source.includes('chmod');
    const judge = (node: SyntaxNode, mode: number, data: Record<string, string>): void => {
      if (mode & WORLD_WRITE) ctx.report({ node, messageId: 'worldWritable', data, severity: 'high' });
      else if (mode & GROUP_WRITE) ctx.report({ node, messageId: 'groupWritable', data, severity: 'medium' });
      // Execute alone is the normal mode of programs and of directories others traverse (0o755, 0o711): Bandit
      // reports it, a reviewer would not, so it shows only with --min-confidence low (or --bandit-compat).
      else if (mode & OTHER_EXEC) ctx.report({ node, messageId: 'executable', data, severity: 'low', confidence: 'low' });
    };
    return {
      call(node) {
        const qualified = ctx.model.callName(node);
        // Every call passes here: the last name is cut off without splitting.
        const name = qualified !== null ? qualified.slice(qualified.lastIndexOf('.') + 1) : calleeName(node);
        if (mayRunChmod && (!name || !/^[fl]?chmod$/.test(name))) {
          const command = chmodCommand(ctx.model, node);
          if (!command) return;
          const data = { call: `${command.runner}('chmod', '${command.word}', …)`, mode: `0o${command.mode.toString(8)}`, target: `\`${command.target}\`` };
          judge(node, command.mode, data);
          return;
        }
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
        judge(node, mode, data);
      },
    };
  },
});
