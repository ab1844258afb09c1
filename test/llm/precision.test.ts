// Precision of the LLM second opinion once claims are verified: ranked by the model's confidence, cut at
// --llm-min-confidence and at --llm-max-per-file, claims on the same lines and pillar merged into one, and into the
// rule finding they corroborate; the outcome does not depend on the order the answers arrived in.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Confidence, Finding } from '../../src/findings/types.js';
import { outlineOf, type FileOutline } from '../../src/llm/outline.js';
import { settle, type Candidate, type SettlePolicy } from '../../src/llm/settle.js';
import { runCli } from '../harness/cli.js';
import { sendCompletion, startServer, type TestServer } from './server.js';

const CODE = [
  'import os', //                                         1
  'import subprocess', //                                 2
  '', //                                                  3
  'def act(name, cmd, mode):', //                         4
  "    path = os.path.join('/srv', name)", //             5
  '    subprocess.call(cmd, shell=True)', //              6
  '    os.chmod(path, mode)', //                          7
  '    return open(path).read()', //                      8
];

let outline: FileOutline;
beforeAll(async () => { outline = await outlineOf(`${CODE.join('\n')}\n`); });

function candidate(line: number, cwe: number, pillar: number, confidence: Confidence, description = `claim on line ${line}`): Candidate {
  const text = CODE[line - 1]!;
  const indent = text.length - text.trimStart().length;
  return {
    claim: { defectType: pillar, line, endLine: line, cwe, quote: text.trim(), description, reachability: 'act() is an API handler', solution: 'fix it', confidence },
    placement: { range: { startLine: line, startColumn: indent + 1, endLine: line, endColumn: text.length + 1 }, pillar },
  };
}

function ruleFinding(line: number, cwe: number, pillar: number): Finding {
  return {
    ruleId: 'some-rule', cwe, pillar, severity: 'high', confidence: 'high', file: 'm.py',
    range: { startLine: line, startColumn: 5, endLine: line, endColumn: 30 }, message: 'm', remediation: 'r', fingerprint: 'f', snippet: '',
  };
}

const POLICY: SettlePolicy = { minConfidence: 'low', maxPerFile: 3, keepSuppressed: false };

function run(candidates: Candidate[], policy: Partial<SettlePolicy> = {}, ruleFindings: Finding[] = []) {
  const settled = settle({ file: 'm.py', lines: CODE, outline, ruleFindings, candidates }, { ...POLICY, ...policy });
  return {
    kept: settled.findings.map((f) => [f.range.startLine, f.cwe, f.confidence]),
    dropped: settled.dropped.map((d) => [d.candidate.claim.line, d.reason]),
    corroborated: settled.corroborated,
  };
}

describe('settling one file of verified claims', () => {
  it('keeps the most confident claims up to the per-file cap, and counts the rest as over-file-cap', () => {
    const claims = [candidate(5, 22, 664, 'low'), candidate(6, 78, 707, 'medium'), candidate(7, 732, 284, 'high'), candidate(8, 22, 664, 'medium')];
    const result = run(claims, { maxPerFile: 2 });
    expect(result.kept).toEqual([[7, 732, 'medium'], [6, 78, 'medium']]);
    expect(result.dropped).toEqual([[8, 'over-file-cap'], [5, 'over-file-cap']]);
  });

  it('drops claims the model rated below --llm-min-confidence', () => {
    const result = run([candidate(5, 22, 664, 'low'), candidate(6, 78, 707, 'medium')], { minConfidence: 'medium' });
    expect(result.kept).toEqual([[6, 78, 'medium']]);
    expect(result.dropped).toEqual([[5, 'below-confidence']]);
  });

  it('merges claims on overlapping lines of the same pillar into the most confident one, whatever their CWE', () => {
    const result = run([candidate(6, 77, 707, 'low', 'first, weaker'), candidate(6, 78, 707, 'high', 'second, stronger'), candidate(6, 269, 284, 'low')]);
    expect(result.kept).toEqual([[6, 78, 'medium'], [6, 269, 'low']]);
    expect(result.dropped).toEqual([[6, 'duplicate']]);
  });

  it('merges a claim into the rule finding it corroborates, and a second such claim into the first', () => {
    const rule = ruleFinding(6, 78, 707);
    const result = run([candidate(6, 78, 707, 'high'), candidate(6, 88, 707, 'medium'), candidate(5, 22, 664, 'medium')], {}, [rule]);
    expect(rule.corroboratedBy).toBe('llm');
    expect(result.corroborated).toBe(1);
    expect(result.kept).toEqual([[5, 22, 'medium']]);
    expect(result.dropped).toEqual([[6, 'duplicate']]);
  });

  it('gives the same outcome whatever order the answers came in', () => {
    const claims = [
      candidate(5, 22, 664, 'medium', 'a'), candidate(5, 22, 664, 'medium', 'b'), candidate(6, 78, 707, 'low'),
      candidate(7, 732, 284, 'high'), candidate(8, 22, 664, 'low'), candidate(6, 77, 707, 'high'),
    ];
    const first = run(claims, { maxPerFile: 2 });
    for (const order of [[...claims].reverse(), [claims[3]!, claims[0]!, claims[5]!, claims[1]!, claims[4]!, claims[2]!]]) {
      expect(run(order, { maxPerFile: 2 })).toEqual(first);
    }
  });
});

describe('pillar review --llm-max-per-file --llm-min-confidence', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startServer();
    dir = mkdtempSync(join(tmpdir(), 'pillar-llm-precision-'));
    writeFileSync(join(dir, 'm.py'), `${CODE.join('\n')}\n`);
  });
  afterAll(async () => { await server.close(); });

  it('applies both and counts what they dropped', async () => {
    const claim = (line: number, cwe: number, pillar: number, confidence: string) => ({
      defect_type: pillar, cwe, line, end_line: line, quote: CODE[line - 1]!.trim(), description: `\`${['name', 'cmd', 'mode', 'path'][line - 5]}\` is unchecked`,
      reachability: 'act() is called with request data', solution: 'check it', confidence,
    });
    server.handle((_r, res) => sendCompletion(res, { defects: [claim(5, 22, 664, 'low'), claim(7, 732, 284, 'high'), claim(8, 22, 664, 'medium')] }));
    const r = await runCli(['review', join(dir, 'm.py'), '--no-progress', '--format', 'json', '--llm-endpoint', server.url, '--llm-model', 'm',
      '--llm-max-per-file', '1', '--llm-min-confidence', 'medium']);
    const report = JSON.parse(r.out) as { findings: Array<{ ruleId: string; range: { startLine: number } }>; stats: { llm: { kept: number; rejected: object } } };
    expect(report.findings.filter((f) => f.ruleId === 'llm-review').map((f) => f.range.startLine)).toEqual([7]);
    expect(report.stats.llm).toMatchObject({ kept: 1, rejected: { 'below-confidence': 1, 'over-file-cap': 1 } });
    expect((await runCli(['review', dir, '--llm-endpoint', server.url, '--llm-model', 'm', '--llm-min-confidence', 'sure'])).err)
      .toContain('--llm-min-confidence must be one of low, medium, high');
  });
});
