// B609: a shell command that runs chown/chmod/tar/rsync on a `*` glob. The shell expands `*` to file names, and a
// file named like an option (`--checkpoint-action=exec=sh x.sh`, `--reference=evil`) becomes an option.
import { processKind, SHELL_FUNCTIONS, SUBPROCESS_FUNCTIONS } from '../../../models/python/processes.js';
import { keywordArg, positionalArg, stringValue } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';
import { shellEnabled, shellText } from '../../../rulekit/shell.js';

/** Programs whose options can be smuggled in through file names (the classic wildcard-injection targets). */
const OPTION_SENSITIVE = new Set(['chown', 'chmod', 'tar', 'rsync']);

/** The option-sensitive program a shell command runs on a glob, or null. */
function wildcardTarget(command: string): string | null {
  const words = command.split(/[\s;&|()]+/).filter(Boolean);
  // Only a glob at the start of a word can expand to a name beginning with "-"; `./*` or `dir/*` cannot.
  if (!words.some((w) => /^[*?[]/.test(w) && w.includes('*'))) return null;
  for (const w of words) {
    const base = w.slice(w.lastIndexOf('/') + 1);
    if (OPTION_SENSITIVE.has(base)) return base;
  }
  return null;
}

/** The functions whose command a shell may parse (processKind `subprocess` or `shell`). */
const SHELL_CAPABLE = [...SUBPROCESS_FUNCTIONS, ...SHELL_FUNCTIONS];

export default defineRule({
  meta: {
    id: 'wildcard-injection',
    cwe: 155,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B609',
    banditName: 'linux_commands_wildcard_injection',
    messages: {
      wildcard: {
        text: '`{call}` runs `{program}` on a shell `*` glob; a file named like an option (e.g. `--checkpoint-action=exec=...`) becomes an option of `{program}`',
        fix: 'List the files in Python (os.listdir/glob.glob), put "--" before them, and pass them to `{program}` as separate arguments without a shell; or use a `./*` glob so names cannot start with "-"',
      },
    },
    docs: {
      summary: 'wildcard injection: chown/chmod/tar/rsync on a shell glob',
      why: 'The shell replaces `*` with every file name in the directory before the program starts. Anyone who can create a file there can name it `--checkpoint=1 --checkpoint-action=exec=sh evil.sh` (tar), `--reference=owned` (chown/chmod) or `-e sh evil.sh` (rsync) and turn the command into theirs (CWE-155).',
      example: 'import os\n\ndef backup(directory):\n    os.chdir(directory)\n    os.system("tar czf /backup/site.tgz *")\n',
      useInstead: 'import glob\nimport subprocess\n\ndef backup(directory):\n    files = glob.glob("*", root_dir=directory)\n    subprocess.run(["/bin/tar", "czf", "/backup/site.tgz", "--", *files], cwd=directory, check=True)\n',
      fix: 'Expand file lists in Python and pass them after "--" as separate arguments without a shell, or prefix the glob with a path (`./*`) so expanded names cannot look like options.',
      references: ['https://cwe.mitre.org/data/definitions/155.html', 'https://www.exploit-db.com/papers/33930'],
      banditDifferences: 'Bandit matches the program names as substrings of the whole command (so `start *` or `target/*` count as tar) and needs a literal shell=True; pillar matches whole command words (`/bin/tar`, `tar`), accepts any true shell= value, and ignores globs behind a path (`./*`, `/srv/*`) or in quotes, whose expansions cannot start with "-". For list commands only the first element is shell text, so `Popen(["ls", "*"], shell=True)` globs nothing.',
    },
  },
  create(ctx): Visitors {
    // A file that can call none of them gets no visitor (it would be offered every call of the file).
    if (!ctx.model.mayCall(SHELL_CAPABLE)) return {};
    return {
      call(node) {
        const name = ctx.model.callName(node);
        const kind = processKind(name);
        if (kind !== 'shell' && !(kind === 'subprocess' && shellEnabled(keywordArg(node, 'shell')))) return;
        const command = positionalArg(node, 0);
        const text = command ? shellText(command) : null;
        const value = text ? stringValue(text) : null;
        const program = value === null ? null : wildcardTarget(value);
        if (!program) return;
        ctx.report({ node, messageId: 'wildcard', data: { call: name!, program } });
      },
    };
  },
});
