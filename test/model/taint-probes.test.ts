// Annotated taint probes (STYLE.md §7): in test/model/probes-taint/*.py a trailing `# taint: x, y` says that the
// locations x and y hold data from a real source after the statement on that line; `# clean: x` says x does not.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { taintWithProbes } from '../../src/languages/python/dataflow/taintFile.js';
import { PythonModel } from '../../src/languages/python/model.js';
import { parsePython } from '../../src/languages/python/parser.js';
import { PYTHON_TAINT_SPEC } from '../../src/models/python/taint/index.js';

const DIR = join(import.meta.dirname, 'probes-taint');
const PROBE = /#\s*(taint|clean)\s*:\s*(.*)$/;
const NAME = /^[A-Za-z_][\w.]*$/;

interface Probe { kind: 'taint' | 'clean'; name: string; line: number }

function parseProbes(source: string): { probes: Probe[]; errors: string[] } {
  const probes: Probe[] = [];
  const errors: string[] = [];
  source.split('\n').forEach((text, i) => {
    const m = PROBE.exec(text);
    if (!m) return;
    if (text.trim().startsWith('#')) { errors.push(`line ${i + 1}: a taint probe must trail the statement it describes`); return; }
    for (const name of m[2]!.split(',').map((s) => s.trim())) {
      if (!NAME.test(name)) errors.push(`line ${i + 1}: malformed probe name '${name}'`);
      else probes.push({ kind: m[1] as Probe['kind'], name, line: i + 1 });
    }
  });
  return { probes, errors };
}

describe('taint probes', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();
  it('there are probe files', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(file, async () => {
      const source = readFileSync(join(DIR, file), 'utf8');
      const { probes, errors } = parseProbes(source);
      expect(errors).toEqual([]);
      expect(probes.some((p) => p.kind === 'taint') && probes.some((p) => p.kind === 'clean'), 'needs taint and clean probes').toBe(true);
      const tree = await parsePython(source);
      const result = taintWithProbes(new PythonModel(file, source, tree), PYTHON_TAINT_SPEC);
      const wrong = probes.filter((p) => (result.tainted?.get(p.line)?.has(p.name) ?? false) !== (p.kind === 'taint'))
        .map((p) => `line ${p.line}: expected ${p.name} to be ${p.kind === 'taint' ? 'tainted' : 'clean'}`);
      expect(wrong).toEqual([]);
    });
  }
});
