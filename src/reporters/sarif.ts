// SARIF 2.1.0 for code-scanning tools: rule descriptors with help, CWE and pillar properties and tags,
// partialFingerprints, codeFlows for evidence. Validated against the official schema in the tests.
import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import type { Finding, Location, Report, RuleSummary } from '../findings/types.js';
import { cweName, cweUrl } from '../taxonomy/index.js';

const LEVEL: Record<Finding['severity'], 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
// GitHub code scanning orders by this numeric score (0–10).
const SECURITY_SEVERITY: Record<Finding['severity'], string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const PRECISION: Record<Finding['confidence'], string> = { high: 'high', medium: 'medium', low: 'low' };

function artifact(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('\\').join('/').split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function physical(loc: { file: string; range: Finding['range'] }, snippet?: string): object {
  const region: Record<string, unknown> = {
    startLine: loc.range.startLine, startColumn: loc.range.startColumn, endLine: loc.range.endLine, endColumn: loc.range.endColumn,
  };
  if (snippet !== undefined) region.snippet = { text: snippet };
  return { physicalLocation: { artifactLocation: artifact(loc.file), region } };
}

function descriptor(rule: RuleSummary): object {
  const help = [
    rule.summary, '', `Why: ${rule.docs.why}`, '', `Fix: ${rule.docs.fix}`, '', 'Example:', rule.docs.example, '',
    'Use instead:', rule.docs.useInstead, '', ...rule.docs.references,
  ].join('\n');
  const markdown = [
    `**${rule.summary}**`, '', rule.docs.why, '', '### Example', '```python', rule.docs.example.trimEnd(), '```', '',
    '### Use instead', '```python', rule.docs.useInstead.trimEnd(), '```', '', `**Fix:** ${rule.docs.fix}`, '',
    ...rule.docs.references.map((r) => `- ${r}`),
  ].join('\n');
  const properties: Record<string, unknown> = {
    cwe: `CWE-${rule.cwe}`, pillar: `CWE-${rule.pillar}`,
    tags: ['security', `external/cwe/cwe-${rule.cwe}`, `pillar/cwe-${rule.pillar}`],
    precision: PRECISION[rule.confidence], 'security-severity': SECURITY_SEVERITY[rule.severity],
  };
  if (rule.bandit) properties.bandit = rule.bandit;
  return {
    id: rule.id, name: rule.id,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.docs.why },
    help: { text: help, markdown },
    helpUri: cweUrl(rule.cwe),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties,
    relationships: [{ target: { id: String(rule.cwe), toolComponent: { name: 'CWE' } }, kinds: ['superset'] }],
  };
}

function codeFlow(steps: Location[], finding: Finding): object {
  const all = [...steps, { file: finding.file, range: finding.range, message: finding.message }];
  return { threadFlows: [{ locations: all.map((s) => ({ location: { ...physical(s), message: { text: s.message } } })) }] };
}

// Findings that no syntax rule produced (the verified LLM claims, `llm-review`) still get a descriptor, so that
// code-scanning tools can group them; their CWE varies per result and is carried on each result.
function pseudoDescriptor(id: string): object {
  return {
    id, name: id,
    shortDescription: { text: id === 'llm-review' ? 'Security defect reported by an LLM and verified against the code' : id },
    fullDescription: { text: 'Not a syntax rule: each result names its own CWE and pillar in properties.' },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['security'], precision: 'medium' },
  };
}

/**
 * SARIF's executionSuccessful: false unless every selected file was fully reviewed (a change touching no reviewable
 * file counts as complete), so a consumer never mistakes an empty result list for a clean review.
 */
function reviewComplete(report: Report): boolean {
  const s = report.stats;
  if (s.notReviewed > 0 || s.partlyReviewed > 0) return false;
  return s.fullyReviewed > 0 || (s.changeReview === true && s.selected === 0);
}

export function renderSarif(report: Report): string {
  const extraIds = [...new Set(report.findings.map((f) => f.ruleId))].filter((id) => !report.rules.some((r) => r.id === id)).sort();
  const ruleIndex = new Map([...report.rules.map((r) => r.id), ...extraIds].map((id, i) => [id, i]));
  const cwes = [...new Set([...report.rules.map((r) => r.cwe), ...report.findings.map((f) => f.cwe)])].sort((a, b) => a - b);
  const results = report.findings.map((f) => {
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [physical(f, f.snippet)],
      partialFingerprints: { 'pillar/v1': f.fingerprint },
      properties: {
        cwe: `CWE-${f.cwe}`, pillar: `CWE-${f.pillar}`, severity: f.severity, confidence: f.confidence,
        remediation: f.remediation, ...(f.bandit ? { bandit: f.bandit } : {}),
      },
    };
    const index = ruleIndex.get(f.ruleId);
    if (index !== undefined) result.ruleIndex = index;
    if (f.evidence && f.evidence.length > 0) result.codeFlows = [codeFlow(f.evidence, f)];
    if (f.suppressed) result.suppressions = [{ kind: 'inSource' }];
    // In a change review, pre-existing findings shown for context are marked so code scanning does not alert on them.
    if (f.context) result.baselineState = 'unchanged';
    return result;
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'pillar', version: report.tool.version, informationUri: 'https://cwe.mitre.org/data/definitions/1000.html',
          rules: [...report.rules.map(descriptor), ...extraIds.map(pseudoDescriptor)],
          supportedTaxonomies: [{ name: 'CWE', index: 0 }],
        },
      },
      taxonomies: [{
        name: 'CWE', version: report.tool.cweVersion, organization: 'MITRE',
        shortDescription: { text: 'The MITRE Common Weakness Enumeration' },
        taxa: cwes.map((id) => ({ id: String(id), name: cweName(id), helpUri: cweUrl(id) })),
      }],
      results,
      invocations: [{
        executionSuccessful: reviewComplete(report),
        properties: {
          selectedFiles: report.stats.selected, fullyReviewedFiles: report.stats.fullyReviewed,
          partlyReviewedFiles: report.stats.partlyReviewed, notReviewedFiles: report.stats.notReviewed,
        },
        toolExecutionNotifications: report.diagnostics.map((d) => ({
          level: d.code === 'rule-error' ? 'error' : 'warning',
          message: { text: `${d.code}: ${d.message}` },
          locations: [{ physicalLocation: { artifactLocation: artifact(d.file), ...(d.line !== undefined ? { region: { startLine: d.line } } : {}) } }],
        })),
      }],
      // web-tree-sitter reads JS strings, so its columns count UTF-16 code units.
      columnKind: 'utf16CodeUnits',
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
