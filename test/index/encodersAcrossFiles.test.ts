// A project function that returns only a library encoder's output (index/encoders.ts) is judged as that encoder
// where another file formats its result into an attribute: swift's `utils.quote(value, safe='/')` around
// `urllib.parse.quote`. The `safe` set it passes on comes from the caller when the caller gives it.
import { describe, expect, it } from 'vitest';
import { review } from '../../src/api.js';
import { tempDir, writeTree } from '../engine/helpers.js';

const FILES: Record<string, string> = {
  'shop/__init__.py': '',
  'shop/utils.py': [
    'from urllib.parse import quote as _quote',
    '',
    '',
    'def quote(value, safe="/"):',
    '    quoted = _quote(value.encode("utf-8"), safe)',
    '    if isinstance(value, bytes):',
    '        quoted = quoted.encode("utf-8")',
    '    return quoted',
    '',
    '',
    'def tidy(value):',
    '    return value.strip()',
    '',
  ].join('\n'),
  'shop/pages.py': [
    'import html',
    '',
    'from shop.utils import quote, tidy',
    '',
    '',
    'def item(name):',
    '    return \'<a href="./%s">%s</a>\' % (quote(name), html.escape(name))',
    '',
    '',
    'def sheet(css, name):',
    '    return \'<link href="%s"><b>%s</b>\' % (quote(css, ":/"), html.escape(name))',
    '',
    '',
    'def loose(name):',
    '    return \'<a href="./%s">%s</a>\' % (quote(name, safe=\'"/\'), html.escape(name))',
    '',
    '',
    'def untouched(name):',
    '    return \'<a href="./%s">%s</a>\' % (tidy(name), html.escape(name))',
    '',
  ].join('\n'),
};

describe('encoders across files', () => {
  it('treats a wrapper of a percent-encoder as that encoder, with the safe set the call gives', async () => {
    const root = writeTree(FILES);
    const report = await review({ paths: [root], onlyRules: ['markup-attribute-unescaped'], jobs: 1, cacheDir: tempDir('cache') });
    const lines = report.findings.map((f) => `${f.file.replace(/^.*shop\//, 'shop/')}:${f.range.startLine}`);
    // quote(name) and quote(css, ':/') encode `"`; a safe set with `"` and a function that does not encode are reported.
    expect(lines).toEqual(['shop/pages.py:15', 'shop/pages.py:19']);
  });
});
