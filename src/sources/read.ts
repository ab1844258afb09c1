// Reads one file safely: size limit, binary detection, UTF-8 (or the PEP 263 coding the file declares).
// Every failure becomes a diagnostic for that file; nothing here throws for bad input.
import { readFileSync, statSync } from 'node:fs';
import type { Diagnostic } from '../findings/types.js';
import { lookupTable } from '../lookupTable.js';

export type ReadResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const BINARY_PROBE_BYTES = 8192;
/** Reusable: a fatal decoder keeps no state between whole-buffer decodes. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });
// PEP 263: the coding declaration must be on line 1 or 2.
const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

export async function readSource(absolute: string, display: string, maxBytes: number): Promise<ReadResult> {
  const fail = (code: Diagnostic['code'], message: string, line?: number): ReadResult => {
    const diagnostic: Diagnostic = { file: display, code, message };
    if (line !== undefined) diagnostic.line = line;
    return { ok: false, diagnostic };
  };
  let data: Buffer;
  try {
    // Synchronous on purpose: a promise read is four or five thread-pool round trips (stat, open, fstat, read,
    // close), which on a tree of small files costs more than analysing them.
    const stat = statSync(absolute);
    if (!stat.isFile()) return fail('unsupported', 'not a regular file');
    if (stat.size > maxBytes) {
      return fail('too-large', `file is ${stat.size} bytes, over the ${maxBytes}-byte limit (--max-file-size)`);
    }
    data = readFileSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return fail('symlink-loop', 'symbolic link loop: the file cannot be resolved');
    if (code === 'ENOENT') return fail('not-found', 'no such file (a dangling symbolic link?)');
    return fail('unreadable', `cannot read the file: ${(error as Error).message}`);
  }
  return decodeSource(data, display);
}

/** Decodes file bytes with the rules above (NUL → binary, BOM, UTF-8, else the PEP 263 coding); never throws. */
export function decodeSource(data: Buffer, display: string): ReadResult {
  const fail = (code: Diagnostic['code'], message: string, line?: number): ReadResult => {
    const diagnostic: Diagnostic = { file: display, code, message };
    if (line !== undefined) diagnostic.line = line;
    return { ok: false, diagnostic };
  };
  const nul = data.subarray(0, BINARY_PROBE_BYTES).indexOf(0);
  if (nul !== -1) return fail('binary', `binary content (NUL byte at offset ${nul}); not reviewed`);
  return decode(data, fail);
}

function decode(data: Buffer, fail: (code: Diagnostic['code'], message: string, line?: number) => ReadResult): ReadResult {
  let bytes = data;
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) bytes = bytes.subarray(3);
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    // fall through to the declared encoding
  }
  const declared = declaredEncoding(bytes);
  if (declared && !bom) {
    try {
      return { ok: true, text: new TextDecoder(declared, { fatal: true }).decode(bytes) };
    } catch {
      return fail('encoding', `not valid ${declared} as its coding declaration says; not reviewed`);
    }
  }
  const { line, offset } = firstInvalidUtf8(bytes);
  return fail('encoding', `not valid UTF-8 (first bad byte at offset ${offset}, line ${line}) and no coding declaration; not reviewed`, line);
}

function declaredEncoding(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 512).toString('latin1').split(/\r?\n/).slice(0, 2);
  for (const line of head) {
    const m = CODING.exec(line);
    if (m) {
      const label = whatwgLabel(m[1]!);
      try {
        new TextDecoder(label);
        return label;
      } catch {
        return null;
      }
    }
  }
  return null;
}

// Python codec names that the WHATWG Encoding Standard (TextDecoder) spells differently.
const PYTHON_CODEC_ALIASES: Record<string, string> = lookupTable({
  'latin-1': 'latin1', 'iso-latin-1': 'latin1', 'l1': 'latin1', 'utf8': 'utf-8', 'u8': 'utf-8', 'utf-8-sig': 'utf-8',
  'cp1252': 'windows-1252', 'euc-jp': 'euc-jp', 'shift-jis': 'shift_jis', 'sjis': 'shift_jis', 'ascii': 'us-ascii',
});

function whatwgLabel(pythonName: string): string {
  const normal = pythonName.toLowerCase().replace(/_/g, '-');
  return PYTHON_CODEC_ALIASES[normal] ?? normal;
}

function firstInvalidUtf8(bytes: Buffer): { line: number; offset: number } {
  // Bisect by decoding prefixes: cheap relative to the review, and only runs for bad files.
  let lo = 0;
  let hi = bytes.length;
  const valid = (n: number): boolean => {
    try { new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true }); return true; } catch { return false; }
  };
  while (hi - lo > 4) {
    const mid = (lo + hi) >> 1;
    if (valid(mid)) lo = mid; else hi = mid;
  }
  let offset = lo;
  while (offset < hi && valid(offset + 1)) offset++;
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return { line, offset };
}
