// The HTML report in headless Chromium: a real review() of temp files rendered to a page, its overview numbers,
// filters, escaping of hostile code (no dialog fires), no network requests, and a 10,000-finding report staying usable.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import type { Finding, Report, Severity } from '../../src/findings/types.js';
import { renderHtml } from '../../src/reporters/html.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const SUITE = HAS_CHROMIUM ? 'html report in Chromium'
  : `html report in Chromium — SKIPPED: ${CHROMIUM} is absent (install it with: apt-get install -y chromium)`;
const ALERT_LINE = '    subprocess.call("<script>alert(1)</script>" + x, shell=True)';

let work: string;
let context: BrowserContext;
const dialogs: string[] = [];
const pageErrors: string[] = [];
const requests: string[] = [];

async function open(report: Report, name: string): Promise<{ page: Page; millis: number }> {
  const file = join(work, `${name}.html`);
  writeFileSync(file, renderHtml(report));
  const page = await context.newPage();
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const started = Date.now();
  // The page script runs synchronously at the end of <body>, so by `load` the first cards are built.
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, millis: Date.now() - started };
}

async function shown(page: Page): Promise<{ shown: number; matching: number; cards: number }> {
  return page.evaluate(() => {
    const counter = document.getElementById('visible-count')!;
    return {
      shown: Number(counter.getAttribute('data-shown')), matching: Number(counter.getAttribute('data-matching')),
      cards: document.querySelectorAll('#finding-list article.finding').length,
    };
  });
}

describe.skipIf(!HAS_CHROMIUM)(SUITE, () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'pillar-html-e2e-'));
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-quic'],
    });
    // The report must be self-contained: record anything that is not the file itself.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (!url.startsWith('file://')) {
        requests.push(url);
        await route.abort();
      } else {
        await route.continue();
      }
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('shows a real review: overview numbers, filters, and hostile code as text', async () => {
    const src = join(work, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'runner.py'), `import subprocess\n\n\ndef run(x):\n${ALERT_LINE}\n    subprocess.call(["ls", x])\n`);
    writeFileSync(join(src, 'tidy.py'), 'import subprocess\n\n\ndef listing():\n    subprocess.check_call("ls -l", shell=True)\n');
    writeFileSync(join(src, 'clean.py'), 'def add(a, b):\n    return a + b\n');
    writeFileSync(join(src, 'broken.py'), 'def oops(:\n    pass\n');
    const report = await review({ paths: [src] });
    const alertFinding = report.findings.find((f) => f.ruleId === 'subprocess-shell-true' && f.range.startLine === 5);
    expect(alertFinding, 'the shell=True call with the script tag is found').toBeDefined();
    expect(report.diagnostics.some((d) => d.file.endsWith('broken.py'))).toBe(true);

    const { page } = await open(report, 'review');
    // Overview: every pillar row and severity cell equals the report.
    const pillars = [...new Set(report.findings.map((f) => f.pillar))];
    for (const pillar of pillars) {
      const mine = report.findings.filter((f) => f.pillar === pillar);
      const row = page.locator(`#pillar-table tbody tr[data-pillar="${pillar}"]`);
      expect(await row.locator('td.total').textContent()).toBe(String(mine.length));
      for (const sev of ['critical', 'high', 'medium', 'low'] as Severity[]) {
        expect(await row.locator(`td[data-severity="${sev}"]`).textContent()).toBe(String(mine.filter((f) => f.severity === sev).length));
      }
    }
    expect(await page.locator('#verdict').textContent()).toContain(`${report.findings.length} finding`);
    expect(await shown(page)).toEqual({ shown: report.findings.length, matching: report.findings.length, cards: report.findings.length });
    expect(await page.locator('#diagnostics').textContent()).toContain('broken.py');
    // Most severe first by default; "by file and line" restores the report's order.
    const badges = async (): Promise<string[]> => page.locator('#finding-list article header .badge:first-child').allTextContents();
    const rank = ['critical', 'high', 'medium', 'low'];
    expect(await badges()).toEqual(report.findings.map((f) => f.severity).sort((a, b) => rank.indexOf(a) - rank.indexOf(b)));
    await page.selectOption('#f-sort', 'file');
    expect(await badges()).toEqual(report.findings.map((f) => f.severity));

    // The hostile string is code-frame text; no element was injected and no dialog opened.
    const frames = await page.locator('#finding-list pre.frame').allTextContents();
    expect(frames.some((t) => t.includes('"<script>alert(1)</script>" + x'))).toBe(true);
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.locator('#finding-list script').count()).toBe(0);

    // Filters operate on the data: severity, then file.
    const low = report.findings.filter((f) => f.severity === 'low').length;
    await page.selectOption('#f-severity', 'low');
    expect(await shown(page)).toEqual({ shown: low, matching: low, cards: low });
    await page.selectOption('#f-severity', '');
    await page.fill('#f-file', 'tidy');
    const tidy = report.findings.filter((f) => f.file.includes('tidy')).length;
    expect(tidy).toBeGreaterThan(0);
    expect(await shown(page)).toMatchObject({ matching: tidy, cards: tidy });
    // A file in the per-file table filters to exactly that file.
    const runner = report.findings.filter((f) => f.file.endsWith('runner.py')).length;
    await page.locator('#by-file button[data-filter-file$="runner.py"]').click();
    expect(await shown(page)).toMatchObject({ matching: runner, cards: runner });
    // A chart segment filters by pillar and severity.
    await page.locator(`#overview g.seg[data-filter-pillar="707"][data-filter-severity="high"]`).click();
    const high707 = report.findings.filter((f) => f.pillar === 707 && f.severity === 'high').length;
    expect(await shown(page)).toMatchObject({ matching: high707 });

    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('renders the no-defects sentence for a clean review', async () => {
    const src = join(work, 'clean-src');
    mkdirSync(src);
    writeFileSync(join(src, 'ok.py'), 'print("hello")\n');
    const { page } = await open(await review({ paths: [src] }), 'clean');
    expect(await page.locator('#verdict').textContent()).toBe('No security defects are detected in the code.');
    await page.close();
  });

  it('stays usable with 10,000 findings', async () => {
    const severities: Severity[] = ['critical', 'high', 'medium', 'low'];
    const findings: Finding[] = Array.from({ length: 10_000 }, (_, i) => ({
      ruleId: i % 3 === 0 ? 'subprocess-shell-true' : 'synthetic-rule', cwe: i % 2 === 0 ? 78 : 459, pillar: i % 2 === 0 ? 707 : 664,
      severity: severities[i % 4]!, confidence: i % 5 === 0 ? 'low' : 'high', file: `pkg/mod${String(i % 400).padStart(3, '0')}.py`,
      range: { startLine: i + 1, startColumn: 5, endLine: i + 1, endColumn: 30 },
      message: `finding ${i} <b>not bold</b>`, remediation: 'fix it', fingerprint: `fp${i}`,
      snippet: `    subprocess.call("</script><script>alert(${i})</script>", shell=True)`,
    }));
    const report: Report = {
      tool: { name: 'pillar', version: '0.0.0', cweVersion: '4.15' }, selection: { pillars: [664, 707], cwes: [] },
      rules: [], findings, diagnostics: [], stats: { files: 400, lines: 100_000, suppressed: 0, belowThreshold: 0, selected: 400, fullyReviewed: 400, partlyReviewed: 0, notReviewed: 0 },
    };
    const { page, millis } = await open(report, 'large');
    // Generous for a shared 2-core machine; a laptop opens it in well under a second.
    expect(millis).toBeLessThan(10_000);
    expect(await shown(page)).toEqual({ shown: 200, matching: 10_000, cards: 200 });
    await page.click('#show-more');
    expect(await shown(page)).toEqual({ shown: 400, matching: 10_000, cards: 400 });
    const started = Date.now();
    await page.selectOption('#f-severity', 'critical');
    expect(await shown(page)).toEqual({ shown: 200, matching: 2_500, cards: 200 });
    expect(Date.now() - started).toBeLessThan(2_000);
    await page.selectOption('#f-pillar', '664');
    // critical is every 4th (even i) and pillar 664 is odd i: nothing left, and the page says so.
    expect(await shown(page)).toEqual({ shown: 0, matching: 0, cards: 0 });
    expect(await page.locator('#visible-count').textContent()).toBe('No finding matches these filters.');
    expect(await page.locator('#overview tr[data-pillar="707"] td.total').textContent()).toBe('5,000');
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);
});
