// Issue 18, item 6: the reviewed code and its file names must not inject markup into a posted markdown comment, nor
// control characters or forged `path:line: rule` lines into text output and CI logs. Through the installed command
// on a git repository made here, and on a hand-made hostile report for every format.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Finding, Report } from '../../src/findings/types.js';
import { markdownCode, markdownFence, markdownText, visible } from '../../src/reporters/escape.js';
import { render } from '../../src/reporters/index.js';
import { makeRepo } from '../changes/helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'pillar.js');
// Link, tracking image, raw HTML, a code span breaker, an OSC title sequence, a bell, a carriage return and a
// newline that starts a forged finding line.
const HOSTILE = '`](https://evil.example/x) ![t](https://evil.example/t.png) <img src=x onerror=alert(1)> ``` \u001b]0;pwned\u0007\u001b[2K\rX\n/etc/passwd:1:1: forged-rule';
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Markdown outside fenced blocks and code spans: the text a renderer would interpret as markup. */
function markupText(md: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of md.split('\n')) {
    if (fence !== undefined) {
      if (line === fence) fence = undefined;
      continue;
    }
    const open = /^(`{3,})python$/.exec(line);
    if (open) { fence = open[1]; continue; }
    // Code spans: a run of n backticks (not backslash-escaped) up to the next run of exactly n.
    out.push(line.replace(/(?<![\\`])(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, ''));
  }
  expect(fence, 'a fence was left open').toBeUndefined();
  return out;
}

/** Characters that open markup, not preceded by a backslash (our own <details>/<sub> tags excepted). */
function liveMarkup(md: string): string[] {
  return markupText(md).flatMap((line) => {
    // Our own markup: the report's tags and the CWE link, whose number is ours, not the code's.
    const stripped = line.replace(/<\/?(details|summary|sub)>/g, '').replace(/\[CWE-\d+\]\(https:\/\/cwe\.mitre\.org\/data\/definitions\/\d+\.html\)/g, '');
    return [...stripped.matchAll(/(?<!\\)(?:\\\\)*([[\]<`!&])/g)].map((m) => `${m[1]} in: ${line}`);
  });
}

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'subprocess-shell-true', cwe: 78, pillar: 707, severity: 'high', confidence: 'high', file: 'a.py',
    range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 5 }, message: 'm', remediation: 'r', fingerprint: 'f', snippet: 'x', ...over,
  };
}

function hostileReport(): Report {
  const file = `evil/${HOSTILE}.py`;
  return {
    tool: { name: 'pillar', version: '0.0.0', cweVersion: '4.15' }, selection: { pillars: [707], cwes: [] }, rules: [],
    findings: [finding({
      file, message: `runs \`${HOSTILE}\``, remediation: `quote ${HOSTILE}`, snippet: `x = "${HOSTILE}"`,
      evidence: [{ file, range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }, message: HOSTILE }],
    })],
    diagnostics: [{ file, code: 'syntax-error', message: HOSTILE, line: 2 }],
    stats: { files: 1, lines: 1, suppressed: 0, belowThreshold: 0, selected: 1, fullyReviewed: 0, partlyReviewed: 1, notReviewed: 0 },
  };
}

describe('escaping helpers', () => {
  it('writes control characters visibly', () => {
    expect(visible('a\u001b[2Kb\rc\nd\u0007\u202ee\tf')).toBe('a\\x1b[2Kb\\rc\\nd\\x07\\u202ee\tf');
  });

  it('makes markdown text inert and code spans/fences unbreakable', () => {
    expect(markdownText('![t](u) <b> `c` & | ~x~')).toBe('\\!\\[t\\](u) \\<b\\> \\`c\\` \\& \\| \\~x\\~');
    expect(markdownText('# not a heading')).toBe('\\# not a heading');
    expect(markdownText('1. not a list')).toBe('1\\. not a list');
    expect(markdownCode('a``b')).toBe('```a``b```');
    expect(markdownCode('`x')).toBe('`` `x ``');
    expect(markdownFence('a = "```"\nb')).toBe('````python\na = "```"\nb\n````');
  });
});

describe('a hostile report in every format', () => {
  const report = hostileReport();

  it('markdown: no live link, image, HTML or code span from the code, one heading per finding', () => {
    const md = render('markdown', report);
    expect(liveMarkup(md)).toEqual([]);
    expect(md).not.toMatch(CONTROL);
    expect(md.split('\n').filter((l) => l.startsWith('#'))).toHaveLength(2);
  });

  it('text: no control character and no forged finding line', () => {
    const text = render('text', report);
    expect(text).not.toMatch(CONTROL);
    expect(text.split('\n').filter((l) => l.startsWith('/etc/passwd'))).toEqual([]);
    expect(text).toContain('\\x1b]0;pwned\\x07');
  });

  it('github: one workflow command per finding, properties and data escaped, no control character', () => {
    const out = render('github', report);
    expect(out).not.toMatch(CONTROL);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const [, props] = /^::error (.*?)::/.exec(lines[0]!)!;
    // Inside properties a `,` separates and a `:` could end them: both must be escaped within values.
    expect(props!.split(',').every((p) => /^[a-zA-Z]+=/.test(p))).toBe(true);
  });

  it('gerrit and zuul: comment texts (rendered as markdown by Gerrit and GitHub) carry no live markup and no control character', () => {
    for (const format of ['gerrit', 'zuul'] as const) {
      const json = JSON.parse(render(format, report)) as unknown;
      const texts: string[] = [];
      JSON.stringify(json, (key, value: unknown) => { if (key === 'message' && typeof value === 'string') texts.push(value); return value; });
      expect(texts.length).toBeGreaterThan(0);
      for (const t of texts) {
        expect(t).not.toMatch(CONTROL);
        expect(liveMarkup(t)).toEqual([]);
      }
    }
  });

  it('sarif stays valid JSON with the text as data', () => {
    const sarif = JSON.parse(render('sarif', report));
    expect(sarif.runs[0].results[0].message.text).toBe(report.findings[0]!.message);
  });
});

describe('through bin/pillar.js on a hostile repository', () => {
  const repo = makeRepo('inject');
  // A file name with a newline that would start a forged finding line, an escape sequence and backticks.
  const name = 'svc`x`\u001b[2K\nforged.py:1:1: subprocess-shell-true\n.py';
  beforeAll(() => {
    expect(inject('buildError'), 'npm run build failed').toBe('');
    repo.write('base.py', 'x = 1\n');
    repo.commit('base');
    repo.write(name, 'import subprocess\n\n\ndef run(x):\n    subprocess.call("`](https://evil.example/a) ![i](https://evil.example/t.png) <img src=x>\\x1b" + x, shell=True)\n');
    repo.commit('hostile');
  });

  const run = (format: string) => spawnSync(process.execPath, [BIN, 'review', '--diff', 'HEAD~1..HEAD', '--no-cache', '--only', 'subprocess-shell-true', '-f', format], { cwd: repo.dir, encoding: 'utf8' });

  it('markdown has no live markup from the code or the file name', () => {
    const r = run('markdown');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('subprocess');
    expect(liveMarkup(r.stdout)).toEqual([]);
    expect(r.stdout).not.toMatch(CONTROL);
  });

  it('text output has no control characters and no forged finding line', () => {
    const r = run('text');
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('forged.py'))).toEqual([]);
    expect(r.stdout).toContain('\\x1b[2K\\nforged.py');
  });

  it('github annotations keep to one line each', () => {
    const r = run('github');
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout.trimEnd().split('\n').every((l) => l.startsWith('::'))).toBe(true);
  });
});

describe('snippets', () => {
  it('every format prints the snippet it is given (masked secrets stay masked), never the source file', () => {
    // The file does not exist: a reporter that re-read the source would fail or print something else.
    const masked = 'password = "********"';
    const r = hostileReport();
    r.findings = [finding({ file: '/nonexistent/settings.py', snippet: masked, message: 'hard-coded password `password`' })];
    r.diagnostics = [];
    for (const format of ['text', 'markdown', 'html', 'sarif'] as const) {
      const out = render(format, r);
      expect(out, format).toContain(format === 'html' ? 'password = \\"********\\"' : format === 'sarif' ? 'password = \\"********\\"' : masked);
    }
  });
});
