// The HTML reporter without a browser: escaping of everything that comes from reviewed code, the JSON data block,
// the Content-Security-Policy hashes, the no-defects sentence and byte-for-byte determinism.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Finding, Report } from '../../src/findings/types.js';
import { NO_DEFECTS } from '../../src/reporters/common.js';
import { renderHtml } from '../../src/reporters/html.js';
import { CLIENT_SCRIPT } from '../../src/reporters/html/client.js';
import { escapeHtml, html, jsonForScript, rawHtml } from '../../src/reporters/html/escape.js';
import { STYLES } from '../../src/reporters/html/styles.js';
import { render } from '../../src/reporters/index.js';

const HOSTILE = '</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)> & "q" \'a\' \u2028\u2029 end';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'subprocess-shell-true', cwe: 78, pillar: 707, severity: 'high', confidence: 'high', file: 'pkg/a.py',
    range: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 40 },
    message: 'shell command', remediation: 'use a list', fingerprint: 'fp1', snippet: '    subprocess.call(cmd, shell=True)',
    ...over,
  };
}

function report(findings: Finding[], over: Partial<Report> = {}): Report {
  return {
    tool: { name: 'pillar', version: '0.1.0', cweVersion: '4.15' },
    selection: { pillars: [284, 707], cwes: [] },
    rules: [],
    findings,
    diagnostics: [],
    stats: { files: 1, lines: 10, suppressed: 0, belowThreshold: 0, selected: 1, fullyReviewed: 1, partlyReviewed: 0, notReviewed: 0 },
    ...over,
  };
}

function hostileReport(): Report {
  return report([
    finding({
      file: `evil/${HOSTILE}.py`, message: `runs \`${HOSTILE}\``, remediation: `quote ${HOSTILE}`, snippet: `x = "${HOSTILE}"`,
      evidence: [{ file: `evil/${HOSTILE}.py`, range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }, message: HOSTILE }],
    }),
    finding({ severity: 'low', confidence: 'medium', file: 'pkg/b.py', ruleId: 'other-rule', cwe: 284, pillar: 284 }),
  ], { diagnostics: [{ file: `evil/${HOSTILE}.py`, code: 'syntax-error', message: HOSTILE, line: 2 }] });
}

function dataBlock(page: string): string {
  const m = /<script type="application\/json" id="pillar-data">([\s\S]*?)<\/script>/.exec(page);
  if (!m) throw new Error('no data block');
  return m[1]!;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('html escaping helpers', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml('a\u2028b\u2029c')).toBe('a&#x2028;b&#x2029;c');
  });

  it('escapes interpolations in the html tag but keeps SafeHtml and flattens arrays', () => {
    const out = html`<p title="${'"x"'}">${'<b>'}${rawHtml('<i>ok</i>')}${['<', html`<br>`]}${undefined}${false}${0}</p>`;
    expect(out.value).toBe('<p title="&quot;x&quot;">&lt;b&gt;<i>ok</i>&lt;<br>0</p>');
  });

  it('writes JSON that cannot end a script element and parses back to the same data', () => {
    const value = { s: HOSTILE, nested: [HOSTILE] };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(json).toContain('\\u2028\\u2029');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('renderHtml', () => {
  it('keeps hostile code, paths and messages out of the markup', () => {
    const page = renderHtml(hostileReport());
    // Exactly our two script elements: the data block and the page script.
    expect(page.match(/<script/gi)).toHaveLength(2);
    expect(page.match(/<\/script/gi)).toHaveLength(2);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('alert(1)</script>');
    expect(page).not.toMatch(/[\u2028\u2029]/);
    // The only comment opener allowed would be ours, and there are none.
    expect(page).not.toContain('<!--');
    // Server-rendered tables show the hostile path and message as escaped text.
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('onerror=alert(2)&gt;');
  });

  it('carries every finding intact in the JSON data block', () => {
    const source = hostileReport();
    const data = JSON.parse(dataBlock(renderHtml(source))) as { findings: Array<Record<string, unknown>>; names: Record<string, string> };
    expect(data.findings).toHaveLength(2);
    expect(data.findings[0]).toMatchObject({
      file: source.findings[0]!.file, message: source.findings[0]!.message, snippet: source.findings[0]!.snippet,
      remediation: source.findings[0]!.remediation, cwe: 78, pillar: 707, severity: 'high', confidence: 'high',
    });
    expect((data.findings[0]!.evidence as Array<{ message: string }>)[0]!.message).toBe(HOSTILE);
    expect(data.names['78']).toMatch(/OS Command/);
    expect(data.names['707']).toBe('Improper Neutralization');
  });

  it('allows only its own script and stylesheet through the Content-Security-Policy', () => {
    const page = renderHtml(hostileReport());
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replace(/&#39;/g, "'");
    const hash = (text: string): string => createHash('sha256').update(text).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash(CLIENT_SCRIPT)}'`);
    expect(csp).toContain(`style-src 'sha256-${hash(STYLES)}'`);
    expect(csp).toContain("default-src 'none'");
    expect(page).toContain(`<script>${CLIENT_SCRIPT}</script>`);
    expect(page).toContain(`<style>${STYLES}</style>`);
  });

  it('ships a page script that builds the DOM without innerHTML and cannot close its own element', () => {
    expect(CLIENT_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(CLIENT_SCRIPT).not.toMatch(/<\/script|<!--/i);
    expect(() => new Function(CLIENT_SCRIPT)).not.toThrow();
  });

  it('loads nothing from the network', () => {
    const page = renderHtml(hostileReport());
    expect(page).not.toMatch(/<(?:link|img|iframe|object|embed)\b/i);
    // Every `<` and `"` from data is escaped, so once quoted attribute values are blanked out a src attribute could
    // only be ours; there is none.
    expect(page.replace(/"[^"]*"/g, '""')).not.toMatch(/<[a-z][^>]*\ssrc=/i);
    // The only URLs are plain links to MITRE's CWE definitions (and the SVG namespace, which is never fetched).
    const urls = [...page.matchAll(/https?:\/\/[^"'\s<)]+/g)].map((m) => m[0]);
    for (const url of urls) expect(url).toMatch(/^https:\/\/cwe\.mitre\.org\/data\/definitions\/(\d+\.html|'?$)|^http:\/\/www\.w3\.org\/2000\/svg$/);
  });

  it('counts active findings per pillar and severity in the overview table', () => {
    const page = renderHtml(hostileReport());
    const row = (pillar: number): string => new RegExp(`<tr data-pillar="${pillar}">([\\s\\S]*?)</tr>`).exec(page)![1]!;
    expect(row(707)).toMatch(/class="num total">1<\/td>/);
    expect(row(707)).toMatch(/data-severity="high">1</);
    expect(row(284)).toMatch(/data-severity="low">1</);
    expect(page).toContain('<strong>2</strong> findings in <strong>2</strong> files');
  });

  it('says exactly that no defects are detected when nothing is active, and lists diagnostics', () => {
    const clean = renderHtml(report([], { diagnostics: [{ file: 'x.py', code: 'encoding', message: 'not UTF-8' }] }));
    expect(clean).toContain(`<p class="verdict clean" id="verdict">${NO_DEFECTS}</p>`);
    expect(clean).toContain('not UTF-8');
    const onlySuppressed = renderHtml(report([finding({ suppressed: true })], { stats: { files: 1, lines: 3, suppressed: 1, belowThreshold: 0, selected: 1, fullyReviewed: 1, partlyReviewed: 0, notReviewed: 0 } }));
    expect(onlySuppressed).toContain(NO_DEFECTS);
    expect(onlySuppressed).toContain('include 1 suppressed');
    expect(renderHtml(hostileReport())).not.toContain(NO_DEFECTS);
  });

  it('lists the defect types considered with their MITRE names', () => {
    const page = renderHtml(report([], { selection: { pillars: [664], cwes: [78] } }));
    const section = /<section id="selection"[\s\S]*?<\/section>/.exec(page)![0];
    expect(section).toContain('Improper Control of a Resource Through its Lifetime');
    expect(section).toContain('https://cwe.mitre.org/data/definitions/78.html');
    expect(section).toMatch(/OS Command/);
  });

  it('is registered as the html format', () => {
    const r = hostileReport();
    expect(render('html', r)).toBe(renderHtml(r));
  });
});

describe('determinism', () => {
  it('renders the same report to the same bytes at different times', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
    const first = renderHtml(hostileReport());
    vi.setSystemTime(new Date('2031-06-15T12:34:56Z'));
    vi.spyOn(Math, 'random').mockReturnValue(0.123);
    expect(renderHtml(hostileReport())).toBe(first);
  });

  it('does not depend on the key order of the report objects', () => {
    const r = hostileReport();
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reversed);
      if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
      }
      return value;
    };
    expect(renderHtml(reversed(r) as Report)).toBe(renderHtml(r));
  });
});
