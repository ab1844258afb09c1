// Annotated probes (STYLE.md §7): sample files under test/model/probes/ carry comments that state what the semantic
// model must answer about the next code line; this test compares every probe with the engine.
//   # cfg: unreachable | reachable      — no path from the function's entry runs the statement / some path does
//   # cfg: escapes | contained          — an exception raised by the statement can / cannot leave the function
//   # resolves: <qualified name|none>   — the qualified name of the first call's callee on the line
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyntaxNode } from '../../src/languages/syntaxTree.js';
import { describe, expect, it } from 'vitest';
import { cfgOf } from '../../src/languages/python/cfg/index.js';
import { PythonModel } from '../../src/languages/python/model.js';
import { parsePython } from '../../src/languages/python/parser.js';
import { scopesOf } from '../../src/languages/python/scopes/index.js';
import { enclosingFunction } from '../../src/languages/python/syntax.js';
import { allNodes } from './helpers.js';

const DIR = join(import.meta.dirname, 'probes');
const PROBE = /^\s*#\s*(cfg|resolves)\s*:\s*(\S+)\s*$/;
const LOOKS_LIKE = /^\s*#\s*(cfg|resolves)\b/;
const CFG_VALUES = new Set(['unreachable', 'reachable', 'escapes', 'contained']);

interface Probe { kind: 'cfg' | 'resolves'; value: string; line: number; annotation: number }

function parseProbes(source: string): { probes: Probe[]; errors: string[] } {
  const probes: Probe[] = [];
  const errors: string[] = [];
  const lines = source.split('\n');
  lines.forEach((text, i) => {
    const m = PROBE.exec(text);
    if (!m) {
      if (LOOKS_LIKE.test(text)) errors.push(`line ${i + 1}: malformed probe '${text.trim()}'`);
      return;
    }
    const kind = m[1] as Probe['kind'];
    if (kind === 'cfg' && !CFG_VALUES.has(m[2]!)) errors.push(`line ${i + 1}: unknown cfg probe '${m[2]}'`);
    let target = i + 1;
    while (target < lines.length && (PROBE.test(lines[target]!) || lines[target]!.trim() === '')) target++;
    if (target >= lines.length) errors.push(`line ${i + 1}: probe describes no line`);
    else probes.push({ kind, value: m[2]!, line: target + 1, annotation: i + 1 });
  });
  return { probes, errors };
}

/** The outermost statement that starts on `line` (its first physical line). */
function statementOn(model: PythonModel, line: number): SyntaxNode | null {
  return allNodes(model.root).find((n) => n.startPosition.row === line - 1 && (n.parent?.type === 'block' || n.parent?.type === 'module')) ?? null;
}

function answer(model: PythonModel, probe: Probe): string {
  const stmt = statementOn(model, probe.line);
  if (!stmt) return `<no statement on line ${probe.line}>`;
  if (probe.kind === 'resolves') {
    const call = stmt.type === 'call' ? stmt : allNodes(stmt).find((n) => n.type === 'call');
    if (!call) return '<no call>';
    return scopesOf(model).qualifiedNameAt(call.childForFieldName('function')) ?? 'none';
  }
  const cfg = cfgOf(model, enclosingFunction(stmt));
  if (probe.value === 'unreachable' || probe.value === 'reachable') {
    const dead = cfg.unreachableStatements().some((s) => s.startIndex <= stmt.startIndex && stmt.endIndex <= s.endIndex);
    return dead ? 'unreachable' : 'reachable';
  }
  return cfg.exceptionEscapePath(stmt, { to: 'raise' }) ? 'escapes' : 'contained';
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();

describe('semantic-model probes', () => {
  it('has probe files', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    it(file, async () => {
      const source = readFileSync(join(DIR, file), 'utf8');
      const { probes, errors } = parseProbes(source);
      expect(errors).toEqual([]);
      expect(probes.length).toBeGreaterThan(0);
      const model = new PythonModel(file, source, await parsePython(source));
      const wrong = probes
        .map((p) => ({ p, got: answer(model, p) }))
        .filter(({ p, got }) => got !== p.value)
        .map(({ p, got }) => `line ${p.line} (probe at ${p.annotation}): expected ${p.kind} ${p.value}, got ${got}`);
      expect(wrong).toEqual([]);
    });
  }
});
