// Names from the reviewed code that are also members of Object.prototype (`constructor`, `toString`, `__proto__`…)
// must be just names: looked up in a rule's table they once made weak-cryptographic-key fail on `constructor(1)`.
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { writeTree } from './helpers.js';

const NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', '__defineGetter__', 'isPrototypeOf'];
const MODULES = ['os', 'stat', 'crypt', 'hashlib', 'ssl', 'subprocess', 'requests', 'rsa', 'ec', 'yaml', 'pickle'];

function source(): string {
  const lines = [`import ${MODULES.join(', ')}`, 'from cryptography.hazmat.primitives.asymmetric import ec, rsa', '', 'def f(path, data):'];
  for (const name of NAMES) {
    lines.push(`    ${name}(1)`, `    x = ${name}`, `    data.${name}(2)`);
    for (const m of MODULES) lines.push(`    ${m}.${name}(path, 1)`, `    os.chmod(path, stat.${name})`);
    lines.push(`    ec.generate_private_key(ec.${name}())`, `    if ${name} == data.${name}:`, '        return data[0]');
  }
  return `${lines.join('\n')}\n`;
}

describe('names that are Object.prototype members', () => {
  it('are reviewed like any other name: no rule fails', async () => {
    const root = writeTree({ 'proto.py': source() });
    const report = await review({ paths: [root], jobs: 1 });
    expect(report.diagnostics).toEqual([]);
    expect(report.stats.files).toBe(1);
  });

  it('as an encoding declaration, are an unknown encoding like any other', async () => {
    // Latin-1 bytes, so that the declaration is consulted (valid UTF-8 is read as UTF-8 whatever it declares).
    const latin1 = (codec: string) => Buffer.from(`# -*- coding: ${codec} -*-\nname = 'caf\u00e9'\n`, 'latin1');
    const root = writeTree({ 'a.py': latin1('constructor'), 'b.py': latin1('nosuchcodec') });
    const report = await review({ paths: [root], jobs: 1 });
    const byFile = (name: string) => report.diagnostics.filter((d) => d.file.endsWith(name)).map((d) => [d.code, d.message]);
    expect(byFile('a.py')).toEqual(byFile('b.py'));
    expect(byFile('a.py').length).toBe(1);
  });
});
