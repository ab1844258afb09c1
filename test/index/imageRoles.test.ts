// Image roles across files: a privsep module that runs `qemu-img convert`, an images module that wraps it and probes
// with QemuImgInfo, and a driver that converts an upload after probing it. The summaries carry the roles through
// three files, and qemu-img-probed-image-not-validated reports the driver's conversion only where nothing rejects.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { extractFacts } from '../../src/index/extract.js';
import { ProjectFacts } from '../../src/index/project.js';
import { PythonModel } from '../../src/languages/python/model.js';
import { parsePython } from '../../src/languages/python/parser.js';

const FILES: Record<string, string> = {
  'store/__init__.py': '',
  'store/privsep.py': [
    'from oslo_concurrency import processutils',
    '',
    'def convert(source, dest, in_format):',
    "    cmd = ['qemu-img', 'convert', '-O', 'raw']",
    '    if in_format:',
    "        cmd += ['-f', in_format]",
    '    processutils.execute(*cmd + [source, dest])',
    '',
    'def info(path):',
    "    out, _err = processutils.execute('qemu-img', 'info', '--output=json', path, prlimit=None)",
    '    return out',
  ].join('\n'),
  'store/images.py': [
    'from oslo_utils import imageutils',
    'from oslo_utils.imageutils import format_inspector',
    '',
    'from store import privsep',
    '',
    'def image_report(path):',
    '    return imageutils.QemuImgInfo(privsep.info(path), format="json")',
    '',
    'def convert_image(source, dest, in_format):',
    '    privsep.convert(source, dest, in_format)',
    '',
    'def inspect(path):',
    '    format_inspector.detect_file_format(path).safety_check()',
  ].join('\n'),
  'store/driver.py': [
    'from store import images',
    '',
    'def import_upload(upload, dest):',
    '    data = images.image_report(upload)',
    '    if data.file_format is None:',
    '        raise ValueError("unreadable")',
    '    images.convert_image(upload, dest, data.file_format)',
    '',
    'def import_inspected(upload, dest):',
    '    images.inspect(upload)',
    '    data = images.image_report(upload)',
    '    images.convert_image(upload, dest, data.file_format)',
  ].join('\n'),
};

async function factsOf(path: string, source: string) {
  return extractFacts(new PythonModel(path, source, await parsePython(source)));
}

describe('image roles across files', () => {
  it('summarises probes, converters and inspectors through the files they call', async () => {
    const project = new ProjectFacts(await Promise.all(Object.entries(FILES).map(([p, s]) => factsOf(p, s))));
    expect(project.summary('store.privsep.convert')?.image).toEqual({ converts: true });
    expect(project.summary('store.images.convert_image')?.image).toEqual({ converts: true });
    expect(project.summary('store.images.image_report')?.image).toEqual({ probes: true });
    expect(project.summary('store.images.inspect')?.image).toEqual({ validates: true });
    // It converts and inspects: callers treat it as an inspector (a validating converter is safe to call).
    expect(project.summary('store.driver.import_inspected')?.image).toEqual({ converts: true, validates: true });
    // It converts without inspecting and hands nothing back.
    expect(project.summary('store.driver.import_upload')?.image).toEqual({ converts: true });
  });

  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'pillar-image-roles-'));
    for (const [path, source] of Object.entries(FILES)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), source);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reports the conversion of a probed upload only where nothing inspects it', async () => {
    const report = await review({ paths: [root], jobs: 1, onlyRules: ['qemu-img-probed-image-not-validated'] });
    const found = report.findings.map((f) => `${f.file.slice(root.length + 1)}:${f.range.startLine}`);
    // privsep's `info` probes without `-f` and hands the output back: the probe is reported where it runs, once.
    expect(found.sort()).toEqual(['store/driver.py:7', 'store/privsep.py:10']);
  });
});
