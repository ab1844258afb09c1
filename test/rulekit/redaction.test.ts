// A literal credential is masked in the message and in the snippet, so in every format: SARIF (region.snippet),
// text, markdown, JSON. The rules mark the literal with `redact`; the engine masks every snippet of the file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskLiteral, redactSnippet } from '../../src/rulekit/redaction.js';
import { runCli } from '../harness/cli.js';

const SECRETS = ['Tr0ub4dor&3xyz', 'ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z', 'Sup3r-S3cret-Default'];
const SOURCE = `import pymysql

DB_PASSWORD = "${SECRETS[0]}"


def connect(host, password="${SECRETS[2]}"):
    return pymysql.connect(host=host, user="nova", password="${SECRETS[0]}", token="${SECRETS[1]}")


def check(given):
    return given.password == '${SECRETS[0]}'
`;

describe('secrets in snippets', () => {
  it('masks a literal credential in SARIF, text, markdown and JSON, whichever finding shows its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pillar-secret-'));
    writeFileSync(join(dir, 'settings.py'), SOURCE);
    const sarif = await runCli(['review', 'settings.py', '-f', 'sarif', '--no-cache', '--pillars', '284', '--profile', 'bandit'], { cwd: dir });
    const results = (JSON.parse(sarif.out) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number; snippet: { text: string } } } }> }> }> }).runs[0]!.results;
    const snippets = results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.region.startLine, r.locations[0]!.physicalLocation.region.snippet.text]);
    expect(snippets).toEqual(expect.arrayContaining([
      ['hardcoded-password-string', 3, 'DB_PASSWORD = "Tr********"'],
      ['hardcoded-password-default', 6, 'def connect(host, password="Su********"):'],
      ['hardcoded-password-funcarg', 7, '    return pymysql.connect(host=host, user="nova", password="Tr********", token="gh********")'],
      ['hardcoded-password-string', 11, "    return given.password == 'Tr********'"],
    ]));
    for (const format of ['sarif', 'text', 'markdown', 'json', 'html']) {
      const r = format === 'sarif' ? sarif : await runCli(['review', 'settings.py', '-f', format, '--no-cache', '--pillars', '284', '--profile', 'bandit'], { cwd: dir });
      expect(r.code, format).toBe(1);
      for (const secret of SECRETS) expect(r.out, `${format}: ${secret}`).not.toContain(secret);
    }
  });

  it('keeps quotes and prefix, and masks a secret the snippet cut in lines', () => {
    expect(maskLiteral('"Tr0ub4dor&3"')).toBe('"Tr********"');
    expect(maskLiteral("r'abcd'")).toBe("r'a***'");
    expect(maskLiteral('"""long\nsecret"""')).toBe('"""lo********"""');
    expect(maskLiteral('f"{x}"')).toBe('f"{***"');
    expect(maskLiteral('name')).toBe('***');
    expect(redactSnippet('x = 1\npw = """first-line\nsecond', ['"""first-line\nsecond\nthird"""'])).toBe('x = 1\npw = ***\n***');
    expect(redactSnippet('a("s3cr3t!", "s3cr3t!")', ['"s3cr3t!"'])).toBe('a("s3*****", "s3*****")');
  });
});
