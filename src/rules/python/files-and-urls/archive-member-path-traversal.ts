// CWE-22 ("Zip Slip"): the names of an archive's entries (tar, zip, ISO 9660 through pycdlib) joined onto an
// extraction directory and written there without checking that the result stays inside it. An entry named
// `../../etc/cron.d/x`, or an absolute path, is written wherever it says, with the privileges of the service.
import type { PythonModel } from '../../../languages/python/model.js';
import { descendantsOfType, keywordArg, mentionsName, positionalArgs, stringValue, targetNames, unparenthesize } from '../../../languages/python/syntax.js';
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import {
  ARCHIVE_MODULES, CONTAINMENT_TESTS, ISO_WALK_KEYWORDS, MEMBER_LIST_METHODS, MEMBER_PATH_METHODS, PATH_WRITES, type PathWrite,
} from '../../../models/python/archives.js';
import { PYTHON_BUILTINS } from '../../../models/python/builtins.js';
import { IN_PLACE_METHODS } from '../../../models/python/sharedState.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { brief, line } from '../../../rulekit/openstack.js';
import type { Visitors } from '../../../rulekit/types.js';

/** Library modules whose calls cannot be a project's own check of a path (they act on it, or only build it). */
const LIBRARY_PREFIX = /^(os|shutil|io|tarfile|zipfile|pycdlib|posixpath|pathlib|tempfile|logging|builtins)\./;

/** A call of the standard library or a builtin (`isinstance`, `len`), not one of the project's own functions. */
function libraryCall(name: string): boolean {
  return LIBRARY_PREFIX.test(name) || PYTHON_BUILTINS.has(name);
}

/** Statements by which a check rejects an entry. */
const LEAVING: ReadonlySet<string> = new Set(['raise_statement', 'continue_statement', 'return_statement', 'break_statement']);

function methodName(call: SyntaxNode): string | null {
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' ? fn.childForFieldName('attribute')!.text : null;
}

/** A call that hands out entry names: `tar.getnames()`, `zf.infolist()`, `iso.walk(iso_path='/')`, `iso.full_path_from_dirrecord(r)`. */
function memberSource(call: SyntaxNode): boolean {
  const m = methodName(call);
  if (m === null) return false;
  if (MEMBER_LIST_METHODS.has(m) || MEMBER_PATH_METHODS.has(m)) return true;
  return m === 'walk' && [...ISO_WALK_KEYWORDS].some((k) => keywordArg(call, k) !== null);
}

interface Tainted { names: Set<string>; origin: Map<string, SyntaxNode> }

/**
 * Names in `fn` that hold an entry name or a path built from one: loop targets over an entry listing and whatever
 * is assigned from them, to a fixed point. `os.path.basename(...)` keeps only the last component: not followed.
 */
function entryNames(model: PythonModel, body: SyntaxNode): Tainted {
  const out: Tainted = { names: new Set(), origin: new Map() };
  const loops = descendantsOfType(body, 'for_statement');
  const assignments = descendantsOfType(body, 'assignment');
  const add = (names: string[], origin: SyntaxNode): boolean => {
    let changed = false;
    for (const n of names) if (!out.names.has(n)) { out.names.add(n); out.origin.set(n, origin); changed = true; }
    return changed;
  };
  const sourceIn = (v: SyntaxNode): SyntaxNode | null => (v.type === 'call' && memberSource(v) ? v : null);
  for (let changed = true; changed;) {
    changed = false;
    // A loop over a listing (or over a name holding one), and an assignment from one, bind entry names.
    for (const [right, left] of [...loops, ...assignments].map((s) => [s.childForFieldName('right'), s.childForFieldName('left')] as const)) {
      if (!right || !left) continue;
      const r = unparenthesize(right);
      if (r.type === 'call' && model.callName(r) === 'os.path.basename') continue;
      const src = sourceIn(r);
      const from = src ? undefined : [...out.names].find((n) => mentionsName(r, new Set([n])));
      if (src || from !== undefined) changed = add(targetNames(left), src ?? out.origin.get(from!)!) || changed;
    }
  }
  return out;
}

/** The path argument of a call that creates or writes a file there, or null. */
function writtenPath(model: PythonModel, call: SyntaxNode): { sink: PathWrite; path: SyntaxNode } | null {
  const name = model.callName(call);
  const method = methodName(call);
  const sink = PATH_WRITES.find((s) => (s.name !== undefined && s.name === name) || (s.method !== undefined && s.method === method));
  if (!sink) return null;
  const path = keywordArg(call, sink.keyword) ?? positionalArgs(call)[sink.index] ?? null;
  if (!path) return null;
  if (sink.needsWriteMode) {
    const mode = stringValue(keywordArg(call, 'mode') ?? positionalArgs(call)[1] ?? null);
    if (mode === null || !/[wax+]/.test(mode)) return null;
  }
  return { sink, path };
}

/**
 * A test of the entry's path that can reject it: an `if` on a tainted name whose condition uses a containment test
 * (or `'..'`), or asks a project's own predicate about the name (pip's `is_within_directory(location, fn)`), and whose
 * body leaves (raise, continue, return, break).
 */
function containmentCheck(model: PythonModel, stmt: SyntaxNode, names: ReadonlySet<string>): boolean {
  const cond = stmt.childForFieldName('condition');
  if (!cond || !mentionsName(cond, names)) return false;
  // A function the imports or the file define (not a method of the path string, `fn.endswith('/')`).
  const projectPredicate = (c: SyntaxNode): boolean => {
    const name = model.callName(c);
    return name !== null && !libraryCall(name) && positionalArgs(c).some((a) => mentionsName(a, names));
  };
  const tests = CONTAINMENT_TESTS.some((t) => cond.text.includes(t)) || /['"]\.\.['"]/.test(cond.text) ||
    [...descendantsOfType(cond, 'call'), ...(cond.type === 'call' ? [cond] : [])].some(projectPredicate);
  const body = stmt.childForFieldName('consequence');
  return tests && body !== null && descendantsOfType(body, LEAVING).length > 0;
}

/**
 * A call made for its effect on an entry name (its result dropped): a project's validator (`check_iso_path(base,
 * folder, file)`), which can only act on the name by raising. Library calls, logging and list building are not.
 */
function validatorCall(model: PythonModel, call: SyntaxNode, names: ReadonlySet<string>): boolean {
  if (call.parent?.type !== 'expression_statement') return false;
  if (!positionalArgs(call).some((a) => mentionsName(a, names))) return false;
  if (model.loggingCall(call) || IN_PLACE_METHODS.has(methodName(call) ?? '') || writtenPath(model, call)) return false;
  const name = model.callName(call);
  return name === null || !libraryCall(name);
}

export default defineRule({
  meta: {
    id: 'archive-member-path-traversal',
    cwe: 22,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      entry: {
        text: '`{sink}` creates `{path}`, built from the archive entry name `{name}` (from `{source}`, line {sourceLine}), without checking that it stays inside the extraction directory: an entry named `../../etc/cron.d/x` or `/etc/passwd` is written there',
        fix: 'Resolve the joined path (`os.path.realpath`) and reject the entry unless it starts with the resolved extraction directory plus `os.sep`; reject absolute names and `..` components before `{sink}`',
      },
    },
    docs: {
      summary: 'Archive entry names written under an extraction directory without a containment check (Zip Slip)',
      why: 'An archive names its own entries, and nothing in tar, zip or ISO 9660 stops a name from being `../../etc/cron.d/x` or an absolute path. Code that joins each name onto an extraction directory and creates the file or directory there writes outside that directory wherever the name points, with the service\'s privileges: an uploaded image or config drive becomes a way to overwrite host files.\n\n**Class.** Path traversal through archive entry names (CWE-22; Snyk\'s "Zip Slip" research, 2018; the warnings in Python\'s tarfile and zipfile documentation; CVE-2007-4559 for tarfile). Ironic extracted deploy ISOs and user config drives with pycdlib, writing each entry under a temporary directory by its own name (ironic b78ada41d2, 2026: `_extract_iso`, `configdrive_utils`). The rule follows, inside one function, the names an archive reader hands out (`getnames()`, `getmembers()`, `namelist()`, `infolist()`, pycdlib\'s `walk()` and `full_path_from_dirrecord()`) into a call that creates a file or directory (`open` for writing, `os.makedirs`, `shutil.copy*`, pycdlib\'s `get_file_from_iso(local_path=…)`). It stays quiet when the name is reduced by `os.path.basename`, when an `if` tests the path with a containment test (`startswith`, `commonpath`, `relpath`, `isabs`, `".."`) or a predicate of the project\'s own (pip\'s `is_within_directory`) and leaves on failure, or when the name is handed to a project\'s validator called for its effect before the write. `tarfile.extractall()` is tarfile-unsafe-members\' business; zipfile\'s `extract()` sanitises names itself.',
      example: 'import os\nimport pycdlib\n\n\ndef extract_iso(image, target):\n    iso = pycdlib.PyCdlib()\n    iso.open(image)\n    for dirname, dirlist, filelist in iso.walk(iso_path="/"):\n        for name in filelist:\n            iso.get_file_from_iso(os.path.join(target, dirname.lstrip("/"), name),\n                                  iso_path=os.path.join(dirname, name))\n',
      useInstead: 'import os\nimport pycdlib\n\n\ndef extract_iso(image, target):\n    iso = pycdlib.PyCdlib()\n    iso.open(image)\n    base = os.path.realpath(target)\n    for dirname, dirlist, filelist in iso.walk(iso_path="/"):\n        for name in filelist:\n            dest = os.path.realpath(os.path.join(base, dirname.lstrip("/"), name))\n            if not dest.startswith(base + os.sep):\n                raise ValueError("entry %s leaves the target" % name)\n            iso.get_file_from_iso(dest, iso_path=os.path.join(dirname, name))\n',
      fix: 'For every entry, resolve the destination with `os.path.realpath` and require it to lie under the resolved extraction directory (compare with the directory plus `os.sep`, or use `os.path.commonpath`); reject absolute names, `..` components and links leaving the directory. For tar archives, prefer `extractall(filter="data")`.',
      references: [
        'https://cwe.mitre.org/data/definitions/22.html',
        'https://security.snyk.io/research/zip-slip-vulnerability',
        'https://docs.python.org/3/library/zipfile.html#zipfile.ZipFile.extract',
        'https://docs.python.org/3/library/tarfile.html#tarfile-extraction-filter',
      ],
    },
  },
  create(ctx): Visitors {
    const model = ctx.model;
    if (model.isTestSupport() || !ARCHIVE_MODULES.some((m) => model.imports.importsModule(m))) return {};
    return {
      function_definition(fn) {
        const body = fn.childForFieldName('body');
        if (!body) return;
        const tainted = entryNames(model, body);
        if (tainted.names.size === 0) return;
        const checks = descendantsOfType(body, 'if_statement').filter((s) => containmentCheck(model, s, tainted.names));
        const calls = descendantsOfType(body, 'call');
        const validators = calls.filter((c) => validatorCall(model, c, tainted.names));
        for (const call of calls) {
          const w = writtenPath(model, call);
          if (!w || !mentionsName(w.path, tainted.names)) continue;
          if ([...checks, ...validators].some((c) => c.startIndex < call.startIndex)) continue;
          const name = [...tainted.names].find((n) => mentionsName(w.path, new Set([n])))!;
          const origin = tainted.origin.get(name)!;
          ctx.report({
            node: call,
            messageId: 'entry',
            data: { sink: brief(call.childForFieldName('function')!, 40), path: brief(w.path, 50), name, source: brief(origin, 50), sourceLine: line(origin) },
            evidence: [{ node: origin, message: `\`${brief(origin, 40)}\` hands out the archive's entry names (line ${line(origin)})` }],
          });
        }
      },
    };
  },
});
