// What the model is asked: the defect type (a selected pillar or CWE) before the CWE under it, with CWEs that really
// lie under each pillar to choose from, a reachability per claim, and pillar's exact clean sentence when nothing is
// found.
import { describe, expect, it } from 'vitest';
import { makeSelection } from '../../src/config/selection.js';
import { parseAnswer } from '../../src/llm/answer.js';
import { PILLAR_EXAMPLES } from '../../src/llm/pillarExamples.js';
import { ANSWER_SCHEMA, defectTypes, requestBody } from '../../src/llm/prompt.js';
import { NO_DEFECTS } from '../../src/reporters/common.js';
import { isWithin, PILLARS } from '../../src/taxonomy/index.js';

const input = {
  unit: { file: 'm.py', spans: [{ start: 1, end: 1 }], added: null },
  lines: ['import os'],
  selection: makeSelection(undefined, undefined),
  findings: [],
};

describe('the request', () => {
  it('asks for the defect type first, then the CWE under it, and a reachability, all required', () => {
    const item = ANSWER_SCHEMA.properties.defects.items;
    expect(Object.keys(item.properties).slice(0, 2)).toEqual(['defect_type', 'cwe']);
    expect([...item.required].sort()).toEqual(Object.keys(item.properties).sort());
    expect(item.required).toContain('reachability');
    const body = JSON.parse(requestBody(input, { model: 'm', maxAnswerTokens: 10, mode: 'json_schema' })) as { messages: Array<{ content: string }> };
    const system = body.messages[0]!.content;
    expect(system).toContain('first decide which listed defect type it is, then name the most specific CWE that lies under that defect type');
    expect(system).toContain(`answer exactly: ${NO_DEFECTS}`);
  });

  it('lists each selected pillar with CWEs that lie under it in View 1000, and selected CWEs by name', () => {
    expect([...PILLAR_EXAMPLES.keys()].sort((a, b) => a - b)).toEqual([...PILLARS]);
    for (const [pillar, cwes] of PILLAR_EXAMPLES) {
      for (const cwe of cwes) expect(isWithin(cwe, pillar), `CWE-${cwe} under CWE-${pillar}`).toBe(true);
    }
    const lines = defectTypes(makeSelection([284], [78]));
    expect(lines[0]).toMatch(/^- CWE-284 Improper Access Control; under it, e\.g\. CWE-862 Missing Authorization; CWE-863 /);
    expect(lines[1]).toBe("- CWE-78 Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')");
  });
});

describe('the answer', () => {
  it("takes pillar's clean sentence, exactly, as no defects", () => {
    expect(parseAnswer(`<think>nothing here</think>\n${NO_DEFECTS}\n`)).toEqual({ ok: true, items: [] });
    expect(parseAnswer('No security defects were found.')).toMatchObject({ ok: false });
  });
});
