// Checks over every rule that the fixture and docs tests cannot make: rendered messages keep no `{placeholder}`,
// visitor keys name node types the grammar has, a rule's folder is a family holding its CWE, and no rule imports another rule.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cppParser } from '../src/languages/cpp/parser.js';
import { pythonParser } from '../src/languages/python/parser.js';
import { placeholders } from '../src/rulekit/defineRule.js';
import { allRules } from '../src/rulekit/registry.js';
import { FAMILIES } from '../src/rulekit/families.js';
import { isWithin } from '../src/taxonomy/index.js';
import { record, type Recording } from './harness/recordingRule.js';
import { staticReports } from './harness/reportCalls.js';
import { ruleFile } from './harness/ruleFiles.js';

const ROOT = join(import.meta.dirname, '..');
const RULES_DIR = join(ROOT, 'src', 'rules');

/** Each rule run over everything the other tests run it over: its fixture, its docs Example and Use instead. */
async function runs(ruleId: string): Promise<Recording[]> {
  const rule = allRules().find((r) => r.meta.id === ruleId)!;
  const ext = rule.language === 'cpp' ? 'cpp' : 'py';
  const fixture = ruleFile(ruleId).replace(/\.ts$/, `.fixture.${ext}`);
  return Promise.all([
    record(rule, fixture, readFileSync(fixture, 'utf8')),
    record(rule, `example.${ext}`, rule.meta.docs.example),
    record(rule, `use_instead.${ext}`, rule.meta.docs.useInstead),
  ]);
}

/** Node types a visitor can be called with: the visible types of the grammar the engine parses with. */
async function grammarNodeTypes(grammar: 'python' | 'cpp' = 'python'): Promise<Set<string>> {
  const language = (await (grammar === 'cpp' ? cppParser() : pythonParser())).language!;
  // Supertypes (`expression`) name no node of a parsed tree: a visitor keyed by one would never run.
  const supertypes = new Set(language.supertypes.map((id) => language.nodeTypeForId(id)));
  const types = new Set<string>(['ERROR']);
  for (let id = 0; id < language.nodeTypeCount; id++) {
    const type = language.nodeTypeForId(id);
    if (type && language.nodeTypeIsVisible(id) && !supertypes.has(type)) types.add(type);
  }
  return types;
}

/** `{name}` left in rendered text once the report's own values (code that may hold braces) are taken out. */
function leftoverPlaceholders(rendered: string, data: Record<string, string | number>): string[] {
  let rest = rendered;
  for (const value of Object.values(data)) if (String(value) !== '') rest = rest.split(String(value)).join('');
  return [...rest.matchAll(/\{\w+\}/g)].map((m) => m[0]);
}

describe('rule meta checks', () => {
  const nodeTypes = new Map<string, Set<string>>();
  beforeAll(async () => {
    nodeTypes.set('python', await grammarNodeTypes('python'));
    nodeTypes.set('cpp', await grammarNodeTypes('cpp'));
  });

  for (const rule of allRules()) {
    it(`${rule.meta.id}: every report fills its placeholders and every visitor key is a node type`, async () => {
      const problems: string[] = [];
      const keys = new Set<string>();
      for (const run of await runs(rule.meta.id)) {
        problems.push(...run.ruleErrors);
        run.visitorKeys.forEach((k) => keys.add(k));
        for (const r of run.reports) {
          const spec = rule.meta.messages[r.messageId];
          if (!spec) { problems.push(`line ${r.line}: unknown messageId '${r.messageId}'`); continue; }
          const missing = [...new Set([...placeholders(spec.text), ...placeholders(spec.fix)])].filter((p) => !(p in r.data));
          if (missing.length > 0) problems.push(`line ${r.line} [${r.messageId}]: report gives no ${missing.map((p) => `{${p}}`).join(', ')}`);
        }
        for (const f of run.findings) {
          const data = run.reports.find((r) => r.line === f.range.startLine && r.messageId === f.messageId)?.data ?? {};
          const left = [...leftoverPlaceholders(f.message, data), ...leftoverPlaceholders(f.remediation, data)];
          if (left.length > 0) problems.push(`line ${f.range.startLine}: rendered text keeps ${left.join(', ')}`);
        }
      }
      for (const key of keys) {
        const [type, phase, ...more] = key.split(':');
        const grammar = rule.language ?? 'python';
        if (!nodeTypes.get(grammar)!.has(type!)) problems.push(`visitor '${key}': '${type}' is not a node type of tree-sitter-${grammar}`);
        if ((phase !== undefined && phase !== 'exit') || more.length > 0) problems.push(`visitor '${key}': only 'type' or 'type:exit'`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('the grammar check knows the node types rules use, and not the supertypes', async () => {
    const types = await grammarNodeTypes();
    expect(['call', 'module', 'comparison_operator', 'try_statement'].every((t) => types.has(t))).toBe(true);
    expect(['expression', 'primary_expression', 'call_expression'].some((t) => types.has(t))).toBe(false);
  });
});

describe('report descriptors in rule sources', () => {
  // The run-time check above sees only the reports the fixture and docs reach; this one reads every literal
  // descriptor in the source, branches no fixture takes included.
  let checked = 0;
  for (const rule of allRules()) {
    it(`${rule.meta.id}: each literal report gives every placeholder of its message and fix`, () => {
      const { reports } = staticReports(ruleFile(rule.meta.id), readFileSync(ruleFile(rule.meta.id), 'utf8'));
      const problems: string[] = [];
      for (const r of reports) {
        for (const id of r.messageIds) {
          const spec = rule.meta.messages[id];
          if (!spec) { problems.push(`line ${r.line}: unknown messageId '${id}'`); continue; }
          const missing = [...new Set([...placeholders(spec.text), ...placeholders(spec.fix)])].filter((p) => !r.dataKeys.includes(p));
          if (missing.length > 0) problems.push(`line ${r.line} [${id}]: data gives no ${missing.map((p) => `{${p}}`).join(', ')}`);
        }
        checked++;
      }
      expect(problems).toEqual([]);
    });
  }

  it('reads most descriptors (the scan has not gone blind)', () => {
    expect(checked).toBeGreaterThan(60);
  });
});

describe('rule folders', () => {
  it('are the families CONTRIBUTING.md documents', () => {
    const line = /Families: ([^.]+)\./.exec(readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8').replace(/\s+/g, ' '));
    expect(line?.[1]?.split(',').map((s) => s.trim()).sort()).toEqual(Object.keys(FAMILIES).sort());
  });

  it('hold each rule in a family whose CWE subtrees contain its CWE', () => {
    const misplaced = allRules()
      .map((r) => ({ id: r.meta.id, cwe: r.meta.cwe, folder: ruleFile(r.meta.id).split('/').at(-2)! }))
      .filter((r) => !FAMILIES[r.folder]?.cweRoots.some((root) => isWithin(r.cwe, root)))
      .map((r) => `${r.id} (CWE-${r.cwe}) is in ${r.folder}/, ${FAMILIES[r.folder] ? 'which holds CWE ' + FAMILIES[r.folder]!.cweRoots.join(', ') : 'which is no family'}`);
    expect(misplaced).toEqual([]);
  });

  it('leave no family empty', () => {
    const used = new Set(allRules().map((r) => ruleFile(r.meta.id).split('/').at(-2)!));
    expect(Object.keys(FAMILIES).filter((f) => !used.has(f))).toEqual([]);
  });
});

/** Relative module specifiers a TypeScript file imports or re-exports, resolved to source paths. */
function importedFiles(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm)].map((m) => m[1]!);
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

/** Every rule module, src/rules/<language>/<family>/<id>.ts, of both languages. */
function ruleModules(): string[] {
  const dirsOf = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(dir, d.name));
  return dirsOf(RULES_DIR).flatMap(dirsOf)
    .flatMap((dir) => readdirSync(dir).filter((n) => n.endsWith('.ts')).map((n) => join(dir, n)));
}

describe('rule modules', () => {
  it('import no other rule module (shared helpers live in src/rulekit/)', () => {
    const modules = new Set(ruleModules());
    const offenders = [...modules].flatMap((file) => importedFiles(file).filter((target) => modules.has(target))
      .map((target) => `${relative(RULES_DIR, file)} imports ${relative(RULES_DIR, target)}`));
    expect(offenders).toEqual([]);
  });

  it('export nothing but their rule, so there is nothing to import from them', () => {
    const exporting = ruleModules().filter((file) => /^export (?!default\b)/m.test(readFileSync(file, 'utf8')))
      .map((file) => relative(RULES_DIR, file));
    expect(exporting).toEqual([]);
  });

  it('the import scan sees imports of every form', () => {
    const scanned = importedFiles(join(RULES_DIR, '..', 'rulekit', 'registry.ts'));
    expect(scanned).toContain(join(RULES_DIR, 'index.ts'));
  });
});
