// B613: Unicode bidirectional control characters in source text (CVE-2021-42574, "Trojan Source"). They reorder
// how code is displayed, so a reviewer reads different logic from what the interpreter runs. Scans the raw text.
import { defineRule } from '../../../rulekit/defineRule.js';

/** Embeddings, overrides, isolates and their terminators: they can reorder any text that follows them. */
const REORDERING: ReadonlyMap<string, string> = new Map([
  ['\u202A', 'LEFT-TO-RIGHT EMBEDDING'], ['\u202B', 'RIGHT-TO-LEFT EMBEDDING'], ['\u202C', 'POP DIRECTIONAL FORMATTING'],
  ['\u202D', 'LEFT-TO-RIGHT OVERRIDE'], ['\u202E', 'RIGHT-TO-LEFT OVERRIDE'], ['\u2066', 'LEFT-TO-RIGHT ISOLATE'],
  ['\u2067', 'RIGHT-TO-LEFT ISOLATE'], ['\u2068', 'FIRST STRONG ISOLATE'], ['\u2069', 'POP DIRECTIONAL ISOLATE'],
]);
const RLM = '\u200F';
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200F]/;

export default defineRule({
  meta: {
    id: 'trojan-source',
    cwe: 838,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    bandit: 'B613',
    banditName: 'trojansource',
    messages: {
      bidi: {
        text: 'line {line} contains the bidirectional control character U+{code} ({name}); the code shown to a reviewer can differ from the code Python runs',
        fix: 'Remove the control character from line {line}; if right-to-left text is really needed in a string, write it as an escape (e.g. "\\u{lower}") so it is visible',
      },
    },
    docs: {
      summary: 'bidirectional control characters in source code (Trojan Source)',
      why: 'Characters such as RIGHT-TO-LEFT OVERRIDE make editors and review tools display the following text reordered. An attacker can make a comment appear to end early or a string appear to close, so the visible code differs from the executed code (CVE-2021-42574, CWE-838).',
      example: 'access_level = "user"\nif access_level != "none\u202E": # check admin\n    grant()\n',
      useInstead: 'access_level = "user"\nif access_level != "none":  # check admin\n    grant()\n',
      fix: 'Delete the invisible control characters. Where a string must contain them, spell them as \\u escapes so every reader sees them.',
      references: ['https://cwe.mitre.org/data/definitions/838.html', 'https://trojansource.codes/', 'https://nvd.nist.gov/vuln/detail/CVE-2021-42574'],
      banditDifferences: 'Bandit reports only the first line of a file; pillar reports every line that holds such a character. The RIGHT-TO-LEFT MARK (U+200F) cannot reorder text by itself and is common in translated strings, so pillar reports it only in comments; Bandit reports it anywhere.',
    },
  },
  create(ctx) {
    return {
      module() {
        const { model } = ctx;
        // Nearly every file has none: the whole text is tested before it is split into lines.
        if (!BIDI.test(model.source)) return;
        model.lines.forEach((text, row) => {
          if (!BIDI.test(text)) return;
          for (let column = 0; column < text.length; column++) {
            const ch = text[column]!;
            if (!REORDERING.has(ch) && ch !== RLM) continue;
            // tree-sitter columns count UTF-16 units here, like JavaScript string indices.
            const node = model.root.descendantForPosition({ row, column }) ?? model.root;
            if (ch === RLM && node.type !== 'comment') continue;
            const code = ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
            ctx.report({ node, messageId: 'bidi', data: { line: row + 1, code, lower: code.toLowerCase(), name: REORDERING.get(ch) ?? 'RIGHT-TO-LEFT MARK' } });
            return;
          }
        });
      },
    };
  },
});
