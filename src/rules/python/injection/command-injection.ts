// CWE-78: request (or command-line) data that reaches a process launch — through a shell, as the program, or as
// an argument of processutils/utils.execute — without shlex.quote() or a validating guard. Uses the taint engine.
import { positionalArgs, stringValue } from '../../../languages/python/syntax.js';
import { PYTHON_TAINT_SPEC } from '../../../models/python/taint/index.js';
import { defineRule } from '../../../rulekit/defineRule.js';

const SHELLS = /^(\/(usr\/)?bin\/)?(sh|bash|dash|zsh|ksh)$/;

export default defineRule({
  meta: {
    id: 'command-injection',
    cwe: 78,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    messages: {
      shell: {
        text: '`{value}` from `{source}` (line {sourceLine}) reaches `{sink}` at line {line}, which runs it through a shell unquoted',
        fix: 'Pass `{sink}` an argument list without a shell, or quote the value with shlex.quote() before it is built into the command',
      },
      program: {
        text: '`{value}` from `{source}` (line {sourceLine}) chooses the program `{sink}` runs at line {line}',
        fix: 'Select the program from a fixed table of allowed commands instead of taking it from `{source}`',
      },
      argument: {
        text: '`{value}` from `{source}` (line {sourceLine}) reaches `{sink}` at line {line} as an unvalidated argument; a value starting with `-` becomes an option',
        fix: 'Validate the value from `{source}` (UUID, integer, address or a fixed set) before passing it to `{sink}`, and put `--` before positional arguments',
      },
    },
    docs: {
      summary: 'Request data reaches an OS command without neutralisation',
      why: 'A value from the HTTP request (or the command line) flows into a process launch. Through a shell, quotes, `;`, `$()` and backticks in it run extra commands with the service\'s privileges, often root via rootwrap/privsep; as the program it picks what runs; as an argument a leading `-` turns it into an option of the tool (CWE-78, CWE-88).',
      example: 'import subprocess\nfrom nova.api.openstack import wsgi\n\n\nclass ConsoleController(wsgi.Controller):\n    def show(self, req, id):\n        host = req.GET["host"]\n        subprocess.call("ping -c1 " + host, shell=True)\n',
      useInstead: 'import subprocess\nfrom oslo_utils import netutils\nfrom nova.api.openstack import wsgi\n\n\nclass ConsoleController(wsgi.Controller):\n    def show(self, req, id):\n        host = req.GET["host"]\n        if not netutils.is_valid_ipv4(host):\n            raise ValueError(host)\n        subprocess.call(["ping", "-c1", host])\n',
      fix: 'Run programs with an argument list and no shell; validate request values against what they must be (UUID, integer, IP address, a fixed set) before use; where a shell is unavoidable quote every value with shlex.quote().',
      references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://cwe.mitre.org/data/definitions/88.html', 'https://docs.python.org/3/library/shlex.html#shlex.quote'],
    },
  },
  create(ctx) {
    return {
      module() {
        for (const f of ctx.model.taintFindings(PYTHON_TAINT_SPEC, { kind: 'command', trust: ['remote', 'local'] })) {
          const args = positionalArgs(f.node);
          // `execute('sh', '-c', cmd)`: the argument is a shell script after all.
          const viaShell = f.variant === 'argument' && SHELLS.test(stringValue(args[0] ?? null) ?? '') && args.some((a) => stringValue(a) === '-c');
          const messageId = viaShell ? 'shell' : f.variant;
          // Whoever types the command line already has a shell; only a shell that re-parses it is worth a note.
          if (f.trust === 'local' && messageId !== 'shell') continue;
          ctx.report({
            node: f.node, messageId,
            data: { value: f.value, source: f.source, sourceLine: f.sourceLine, sink: f.sinkName, line: f.sinkLine },
            severity: messageId === 'argument' ? 'medium' : 'high',
            confidence: f.trust === 'local' ? 'low' : messageId === 'argument' ? 'medium' : f.confidence,
            evidence: f.evidence,
          });
        }
      },
    };
  },
});
