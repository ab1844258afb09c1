// Locates a rule's module on disk from its id (file name = rule id), for fixture and docs tests: the same scan the
// rule index generator makes (scripts/generate-rule-index.ts).
import { join } from 'node:path';
import { ruleFilesById } from '../../scripts/generate-rule-index.js';

const ROOT = join(import.meta.dirname, '..', '..');

let cache: Map<string, string> | undefined;

export function ruleFile(id: string): string {
  cache ??= new Map([...ruleFilesById()].map(([ruleId, files]) => [ruleId, join(ROOT, files.source)]));
  const file = cache.get(id);
  if (!file) throw new Error(`no module file named ${id}.ts under src/rules/python or src/rules/cpp`);
  return file;
}
