// `llm-review`: the rule id of findings that come from the opt-in LLM second opinion. It is not a syntax rule (no
// visitors, not in `pillar rules`), so it lives here with its own documentation for `pillar explain llm-review`.

export const LLM_RULE_ID = 'llm-review';

export function renderLlmReviewDoc(): string {
  return [
    `# ${LLM_RULE_ID}`,
    '',
    'A defect an LLM reported and pillar verified against the code (opt-in: `--llm` / `--llm-endpoint`).',
    '',
    '| | |',
    '|---|---|',
    '| CWE | the one the model named, per finding |',
    '| Pillar | derived from that CWE |',
    '| Severity | from pillar\'s rules for the same CWE, else from the pillar; never above high |',
    '| Confidence | the model\'s own, never above medium |',
    '| Status | preview |',
    '',
    '## What it is',
    '',
    'pillar asks an OpenAI-compatible model to review each file (or, in a change review, the changed lines with their',
    'functions) for security defects of the selected pillars and CWEs, and keeps a claim only when:',
    '',
    '- its lines exist in the file and were in the code sent;',
    '- its quote is the code on those lines (whitespace-normalised; a part of the lines is enough);',
    '- its CWE is a weakness in MITRE\'s View 1000 that lies under the selected pillars/CWEs;',
    '- its description names an identifier from the quoted code (generic advice is dropped).',
    '',
    'A claim on the same lines and pillar as a rule\'s finding marks that finding `corroboratedBy: "llm"` instead of',
    'adding one. `--llm-show-rejected` lists the dropped claims with the reason.',
    '',
    '## Why treat it with care',
    '',
    'The model can still be wrong about what the code does: verification proves the claim points at real code, not',
    'that the defect is real. Review each finding like a colleague\'s comment.',
    '',
    '## Fix',
    '',
    'Each finding carries the model\'s proposed fix. Suppress one with `# pillar: ignore[llm-review]` on its line.',
    '',
    '## References',
    '',
    '- docs/llm.md',
    '- https://cwe.mitre.org/data/definitions/1000.html',
    '',
  ].join('\n');
}
