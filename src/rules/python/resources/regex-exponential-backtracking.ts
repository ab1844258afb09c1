// A regular expression that Python's backtracking matcher can read in exponentially many ways (ReDoS, CWE-1333): one
// short input that fails to match keeps a worker busy for minutes or hours. Decided on the pattern's structure
// (analysis/regex/backtracking.ts), for the constant patterns this file hands to a matcher: `re`/`regex` calls,
// Django validators, fields and routes, JSON Schema `pattern`s, neutron-lib `type:regex` validators. The finding is
// put on the named constant that holds the ambiguous loop, which is where the fix goes.
import { exponentialBacktracking, type Backtracking } from '../../../analysis/regex/backtracking.js';
import type { PythonFlags } from '../../../analysis/regex/pythonPattern.js';
import type { FoldedString } from '../../../languages/python/constantStrings.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { argument, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import {
  REGEX_CALLS, REGEX_FLAGS, SCHEMA_PATTERN_KEY, SCHEMA_PATTERN_PROPERTIES_KEY, SCHEMA_TYPE_KEY, VALIDATOR_REGEX_KEYS,
} from '../../../models/python/regexApis.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

const NO_FLAGS: PythonFlags = { ignoreCase: false, dotAll: false, verbose: false };
/** Repetitions shown in the example input: enough to take Python seconds to minutes. */
const EXAMPLE_REPEATS = 30;

/** The flags an argument sets (`re.I | re.X`); flags it cannot read count as none. */
function flagsOf(model: PythonModel, node: SyntaxNode | null): PythonFlags {
  const flags = { ...NO_FLAGS };
  const visit = (n: SyntaxNode): void => {
    const e = unparenthesize(n);
    if (e.type === 'binary_operator' && (e.childForFieldName('operator')?.type === '|' || e.childForFieldName('operator')?.type === '+')) {
      visit(e.childForFieldName('left')!);
      visit(e.childForFieldName('right')!);
      return;
    }
    const flag = REGEX_FLAGS.get(model.qualifiedName(e) ?? '');
    if (flag) flags[flag] = true;
  };
  if (node) visit(node);
  return flags;
}

/** Text as it can be shown inside backticks: control characters escaped, long text cut. */
function shown(text: string, max = 60): string {
  const printable = text.replace(/[\x00-\x1f\x7f`]/g, (c) => (c === '`' ? "'" : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return printable.length > max ? `${printable.slice(0, max - 1)}…` : printable;
}

export default defineRule({
  meta: {
    id: 'regex-exponential-backtracking',
    cwe: 1333,
    severity: 'medium',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      exponential: {
        text: 'The regular expression `{pattern}` ({use}) backtracks exponentially: its repetition `{loop}` can read a run of `{pump}` in more than one way per repeat, so an input such as `{example}` followed by a character the pattern rejects makes Python\'s matcher try every combination, keeping the worker busy for minutes',
        fix: 'Make each part of the input match one way only: make the alternatives inside the repeated group exclusive (exclude the escape character or separator from the plain-text class), or drop the quantifier nested in another; and bound the input\'s length before matching',
      },
    },
    docs: {
      summary: 'Regular expression with exponential backtracking (ReDoS)',
      why: 'Class: inefficient regular expression complexity (CWE-1333), a denial of service. Python\'s `re` tries the ways a pattern can match one after another. When a repeated group can read the same text along two different paths — a quantifier nested in another (`(\\w+\\s?)*`), or alternatives that overlap (`(?:[^"]|\\\\.)*`, where a backslash is both plain text and the start of an escape) — n repetitions can be read in 2^n ways, and an input that then fails to match makes the matcher try them all. A request of a few dozen characters then holds a worker for minutes, and disconnecting does not stop it. Neutron\'s hostname validator (OSSA-2014-039, CVE-2014-7821) and Swift\'s Accept-header parser (bug 2158771) were both fixed for this. The rule finds the ambiguity in the pattern\'s automaton (an exponential degree of ambiguity), so it reports patterns that blow up, not every nested quantifier, and not a loop the matcher can leave to end the match (an unanchored `(\\w+\\s?)*`: the first backing up succeeds). Look-arounds are read as empty, so a pattern whose look-ahead already excludes one of the two paths may be reported; how a helper of another file applies a pattern (`re.fullmatch`) is not known, so a pattern whose loop can end the match is taken as searched.',
      example: 'import re\n\nQUOTED = r\'"(?:[^"]|\\\\.)*"\'\n\n\ndef parse(header):\n    return re.match(QUOTED, header)\n',
      useInstead: 'import re\n\nQUOTED = r\'"(?:[^"\\\\]|\\\\.)*"\'\n\n\ndef parse(header):\n    return re.match(QUOTED, header)\n',
      fix: 'Rewrite the repeated part so that any text can be matched one way only: exclusive alternatives (`[^"\\\\]|\\\\.`), no quantifier directly inside another over the same characters (`\\w+(?:\\s\\w+)*` for `(\\w+\\s?)*`). Limit the length of the input before matching as well.',
      references: [
        'https://cwe.mitre.org/data/definitions/1333.html',
        'https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS',
        'https://security.openstack.org/ossa/OSSA-2014-039.html',
        'https://codeql.github.com/codeql-query-help/python/py-redos/',
      ],
    },
  },
  create(ctx): Visitors {
    // Tests and style-checker plugins match the project's own text, which no attacker writes.
    if (ctx.model.isTestCode() || ctx.model.isLintPlugin()) return {};
    const reported = new Set<number>();
    const verdicts = new Map<string, Backtracking | null>();
    const backtracking = (pattern: string, flags: PythonFlags, whole: boolean): Backtracking | null => {
      const key = `${+flags.ignoreCase}${+flags.dotAll}${+flags.verbose}${+whole}${pattern}`;
      if (!verdicts.has(key)) verdicts.set(key, exponentialBacktracking(pattern, flags, { whole }));
      return verdicts.get(key)!;
    };

    /** The named constant the ambiguity is in: the innermost part whose own text already backtracks exponentially. */
    const holder = (f: FoldedString, flags: PythonFlags): FoldedString => {
      const own = (g: FoldedString): FoldedString => {
        const e = unparenthesize(g.node);
        return (e.type === 'identifier' || e.type === 'attribute') && g.parts.length === 1 ? g.parts[0]! : g;
      };
      const at = own(f);
      for (const part of at.parts) {
        const inner = own(part);
        if (backtracking(inner.value, flags, false)) return holder(inner, flags);
      }
      return at;
    };

    const check = (pattern: SyntaxNode | null, flags: PythonFlags, whole: boolean, use: string): void => {
      if (!pattern) return;
      for (const folded of ctx.model.stringValues(pattern)) {
        const found = backtracking(folded.value, flags, whole);
        if (!found) continue;
        const at = holder(folded, flags);
        const node = at.node;
        if (reported.has(node.id)) continue;
        // The part that holds the loop is described on its own when it is one (its own example input).
        const own = at === folded ? found : backtracking(at.value, flags, false) ?? found;
        reported.add(node.id);
        const line = pattern.startPosition.row + 1;
        ctx.report({
          node,
          messageId: 'exponential',
          data: {
            pattern: shown(at.value),
            use: node.startPosition.row + 1 === line ? use : `${use}, line ${line}`,
            loop: shown(own.loop ?? at.value, 50),
            pump: shown(own.pump, 20),
            example: shown(own.prefix + own.pump.repeat(EXAMPLE_REPEATS), 40),
          },
          evidence: node.id === pattern.id ? undefined : [{ node: pattern, message: `matched here by ${use}` }],
        });
      }
    };

    return {
      call(node) {
        const name = ctx.model.callName(node);
        const use = name === null ? undefined : REGEX_CALLS.get(name);
        if (!use) return;
        const flags = use.flags ? flagsOf(ctx.model, argument(node, use.flags[0], use.flags[1])) : NO_FLAGS;
        check(argument(node, use.pattern[0], use.pattern[1]), flags, use.whole === true, `\`${name}\``);
      },
      pair(node) {
        const key = stringValue(node.childForFieldName('key'));
        const value = node.childForFieldName('value');
        if (key === null || !value) return;
        const dict = node.parent;
        if (VALIDATOR_REGEX_KEYS.has(key)) {
          check(value, NO_FLAGS, false, `the \`${key}\` validator`);
        } else if (key === SCHEMA_PATTERN_KEY && dict?.namedChildren.some((c) => c?.type === 'pair' && stringValue(c.childForFieldName('key')) === SCHEMA_TYPE_KEY)) {
          check(value, NO_FLAGS, false, 'a schema `pattern`');
        } else if (key === SCHEMA_PATTERN_PROPERTIES_KEY && unparenthesize(value).type === 'dictionary') {
          for (const p of unparenthesize(value).namedChildren) {
            if (p?.type === 'pair') check(p.childForFieldName('key'), NO_FLAGS, false, 'a JSON Schema `patternProperties` key');
          }
        }
      },
    };
  },
});
