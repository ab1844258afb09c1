// What the functions of one file do with disk images: which calls probe an image with qemu-img (`qemu-img info`, a
// library wrapper, or a function of this file that runs one and returns its report), which convert one, and which
// inspect one or reject it on what the probe reported. Same-file wrappers are summarised on demand, so
// `data = qemu_img_info(tmp)` then `convert_image(tmp, ...)` is seen through cinder's or nova's own helpers. It does
// not follow other files (a wrapper imported from elsewhere is unknown) nor values through containers.
import { callTarget, topLevelNames } from '../index/extract.js';
import type { ImageRoleSummary } from '../index/types.js';
import type { ProjectView } from '../index/view.js';
import type { PythonModel } from '../languages/python/model.js';
import { argument, callee, descendantsOfType, dottedName, enclosingFunction, mentionsName, positionalArgs, stringValue, targetNames, unparenthesize } from '../languages/python/syntax.js';
import type { SyntaxNode } from '../languages/syntaxTree.js';
import {
  BACKING_FILE_FIELDS, CONVERT_WRAPPERS, DATA_SUBCOMMANDS, FORMAT_FIELDS, FORMAT_NAME_FIELDS, FORMAT_PROBING_WRAPPERS, FORMAT_SPECIFIC_FIELDS, INSPECTOR_MODULE_SUFFIX,
  PROBE_SUBCOMMANDS, PROBE_WRAPPERS, SAFETY_CHECK_METHOD, firstImageOperand, pinsFormat, qemuImgSubcommand,
} from '../models/python/qemuImg.js';
import { runsCommand } from '../models/python/processes.js';
import { hasKeywordSplat, processCommand } from './commandWords.js';

export type ImageCallRole = 'probe' | 'convert' | 'inspect';

export interface ImageCall {
  role: ImageCallRole;
  /** The call as the code names it, for messages. */
  name: string;
  /**
   * For conversions, how the input format is given: `literal` (`-f raw`: no header can name other files), `value`
   * (`-f fmt`, `source_format=fmt`), `none` (qemu-img probes: the format rule's finding), `unknown` (a wrapper).
   */
  format: 'literal' | 'value' | 'none' | 'unknown';
}

/** What one function does with images, its own calls and the same-file functions it calls included. */
export interface FunctionImageFacts {
  probes: boolean;
  converts: boolean;
  /** It inspects the image (format_inspector, safety_check) or raises on what a probe reported. */
  validates: boolean;
  /** It returns a `qemu-img convert …` (or other data subcommand) argument list that a caller runs. */
  buildsConvert: boolean;
  /** It returns what a probe reported, or something derived from it (`return qemu_img_info(p).virtual_size`). */
  returnsProbe: boolean;
}

export interface ImageHandling {
  /** The role of a call, or null for calls that do none of the three. */
  callRole(call: SyntaxNode): ImageCall | null;
  facts(fn: SyntaxNode): FunctionImageFacts;
  /** Names a function binds to what a probe reported, directly or derived (`data`, `fmt = data.file_format`). */
  probeDerivedNames(fn: SyntaxNode): ReadonlySet<string>;
  /** Whether `fn` raises under a condition that compares a probe's report with a value that is not a literal. */
  rejectsOnProbe(fn: SyntaxNode): boolean;
  /** Whether `fn` reads the format or structure (not only the sizes) of what a probe reported. */
  readsProbedFormat(fn: SyntaxNode): boolean;
  /** Whether `fn` reads the format name a probe reported (`data.file_format`, `meta['format']`). */
  readsDetectedFormat(fn: SyntaxNode): boolean;
  /**
   * For a call to a function of this file, the qemu-img data command without `-f` that it runs, itself or through
   * the same-file functions it calls (`convert_image` → `_convert_image` → `execute(*cmd)`), with the name of the
   * call that runs it and the argument of `call` that becomes the image it opens (null when no parameter does); null
   * when it runs none or the call is not to a function of this file.
   */
  unpinnedConversion(call: SyntaxNode): { command: SyntaxNode; name: string; image: SyntaxNode | null } | null;
  /** Whether some call of this file invokes `fn` (a module function by name, a method through `self`). */
  calledInFile(fn: SyntaxNode): boolean;
}

interface UnpinnedConversion { command: SyntaxNode; name: string; param: number | null }

const cache = new WeakMap<PythonModel, { project: ProjectView | undefined; handling: ImageHandling }>();

/**
 * The file's image handling, built once per model and project view. With `project`, functions of other files
 * count by their merged summaries (a wrapper in `images.py` that converts is a converter where it is called).
 */
export function imageHandling(model: PythonModel, project?: ProjectView): ImageHandling {
  const view = project && !project.isEmpty ? project : undefined;
  const known = cache.get(model);
  if (known && known.project === view) return known.handling;
  const handling = build(model, view);
  cache.set(model, { project: view, handling });
  return handling;
}

/**
 * Whether the file's text names any API a local role comes from: the `qemu-img` program, ironic-lib's `qemu_img`
 * module, oslo's `QemuImgInfo`, a format inspector or its `safety_check` (a necessary condition, checked first: a
 * file that only mentions the "qemu" hypervisor has none).
 */
export function mayHandleImages(model: PythonModel): boolean {
  // Asked once per function by the facts extraction: the text is scanned once per file.
  const known = textGate.get(model);
  if (known !== undefined) return known;
  const found = /qemu-img|qemu_img|QemuImgInfo|format_inspector|safety_check/.test(model.source);
  textGate.set(model, found);
  return found;
}

const textGate = new WeakMap<PythonModel, boolean>();

/**
 * Whether the project slice gives some called function of another file an image role: the only thing a slice adds
 * to the file's own image handling (callRole's summaryRole). Without one, the file's text decides as it does alone.
 */
export function projectHasImageRoles(project: ProjectView): boolean {
  const { functions } = project.slice;
  for (const key in functions) if (summaryRole(functions[key]!.image, key) !== null) return true;
  return false;
}

function build(model: PythonModel, project: ProjectView | undefined): ImageHandling {
  const topLevel = project ? topLevelNames(model) : new Set<string>();
  const defs = definitionsByName(model);
  const summaries = new Map<number, FunctionImageFacts>();
  const derived = new Map<number, ReadonlySet<string>>();
  const rejects = new Map<number, boolean>();
  const none: FunctionImageFacts = { probes: false, converts: false, validates: false, buildsConvert: false, returnsProbe: false };
  let factsOf: (fn: SyntaxNode) => FunctionImageFacts = () => none;

  /** The same-file function a call invokes: `f(...)` for a module-level def, `self.m(...)` for a method of the class. */
  const target = (call: SyntaxNode): SyntaxNode | null => {
    const fn = callee(call);
    if (!fn) return null;
    const f = unparenthesize(fn);
    if (f.type === 'identifier') return model.imports.lookup(f.text) === undefined ? defs.get(f.text) ?? null : null;
    if (f.type !== 'attribute') return null;
    const obj = f.childForFieldName('object');
    if (obj?.type !== 'identifier' || (obj.text !== 'self' && obj.text !== 'cls')) return null;
    const method = enclosingFunction(call);
    const cls = method ? model.enclosingClass(method) : null;
    const cname = cls?.childForFieldName('name')?.text;
    return cname ? defs.get(`${cname}.${f.childForFieldName('attribute')!.text}`) ?? null : null;
  };

  // What a call is by itself (library knowledge, its command words) is worked out once.
  const fixed = new Map<number, ImageCall | null>();
  const ownRole = (call: SyntaxNode): ImageCall | null => {
    if (!fixed.has(call.id)) fixed.set(call.id, libraryRole(call));
    return fixed.get(call.id) ?? (runsBuiltConvert(call) ? { role: 'convert', name: dottedName(callee(call)) ?? 'execute', format: 'unknown' } : null);
  };

  const libraryRole = (call: SyntaxNode): ImageCall | null => {
    const qualified = model.callName(call);
    if (qualified !== null) {
      if (PROBE_WRAPPERS.has(qualified)) return { role: 'probe', name: qualified, format: 'unknown' };
      if (CONVERT_WRAPPERS.has(qualified) || FORMAT_PROBING_WRAPPERS[qualified]) {
        const wrapper = FORMAT_PROBING_WRAPPERS[qualified];
        const fmt = wrapper ? argument(call, wrapper.index, wrapper.keyword) : null;
        const format = !wrapper ? 'unknown' : fmt === null ? (hasKeywordSplat(call) ? 'unknown' : 'none') : stringValue(fmt) !== null ? 'literal' : 'value';
        return { role: 'convert', name: qualified, format };
      }
      // A module part (not the last part) ending with the suffix, which has no dot: the suffix followed by a dot.
      if (qualified.includes(`${INSPECTOR_MODULE_SUFFIX}.`)) return { role: 'inspect', name: qualified, format: 'unknown' };
    }
    const fn = callee(call);
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === SAFETY_CHECK_METHOD) {
      return { role: 'inspect', name: dottedName(fn) ?? SAFETY_CHECK_METHOD, format: 'unknown' };
    }
    const command = processCommand(model, call);
    const sub = command && qemuImgSubcommand(command.words);
    if (!sub) return null;
    if (PROBE_SUBCOMMANDS.has(sub.name)) return { role: 'probe', name: command!.name, format: 'unknown' };
    if (!DATA_SUBCOMMANDS.has(sub.name)) return null;
    return { role: 'convert', name: command!.name, format: commandFormat(command!.words) };
  };

  /** `execute(*cmd)` where `cmd = build(...)` and `build` is a function of this file that returns a conversion command. */
  const runsBuiltConvert = (call: SyntaxNode): boolean => {
    const fn = callee(call);
    const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text ?? null : fn?.type === 'identifier' ? fn.text : null;
    if (!runsCommand(model.callName(call), last)) return false;
    const splat = operandArgs(call).find((a) => a.type === 'list_splat')?.namedChild(0);
    const owner = enclosingFunction(call);
    if (splat?.type !== 'identifier' || !owner) return false;
    return descendantsOfType(owner, 'assignment').some((a) => {
      const right = a.childForFieldName('right');
      if (a.childForFieldName('left')?.text !== splat.text || right?.type !== 'call') return false;
      const def = target(right);
      return def !== null && factsOf(def).buildsConvert;
    });
  };

  const callRole = (call: SyntaxNode): ImageCall | null => {
    const own = ownRole(call);
    if (own) return own;
    const def = target(call);
    const name = dottedName(callee(call)) ?? 'the function';
    if (!def) return project ? summaryRole(project.function(callTarget(model, call, topLevel) ?? '')?.image, name) : null;
    const s = factsOf(def);
    // A wrapper that inspects what it converts is safe to call; one that probes counts as a probe when it hands
    // the report back.
    if (s.converts && !s.validates) return { role: 'convert', name, format: 'unknown' };
    if (s.validates) return { role: 'inspect', name, format: 'unknown' };
    if (s.returnsProbe) return { role: 'probe', name, format: 'unknown' };
    return null;
  };

  const probeDerivedNames = (fn: SyntaxNode): ReadonlySet<string> => {
    let names = derived.get(fn.id);
    if (names) return names;
    const out = new Set<string>();
    // Source order, one pass: `out = probe(p)`, `data = json.loads(out)`, `fmt = data['format']`.
    for (const a of descendantsOfType(fn, 'assignment')) {
      const right = a.childForFieldName('right');
      if (!right) continue;
      const fromProbe = mentionsName(right, out) || [right, ...descendantsOfType(right, 'call')].some((c) => c.type === 'call' && callRole(c)?.role === 'probe');
      if (fromProbe) for (const n of targetNames(a.childForFieldName('left'))) out.add(n);
    }
    derived.set(fn.id, names = out);
    return names;
  };

  const rejectsOnProbe = (fn: SyntaxNode): boolean => {
    const known = rejects.get(fn.id);
    if (known !== undefined) return known;
    const names = probeDerivedNames(fn);
    let answer = false;
    if (names.size > 0) {
      answer = descendantsOfType(fn, new Set(['if_statement', 'elif_clause'])).some((branch) => {
        const condition = branch.childForFieldName('condition');
        const body = branch.childForFieldName('consequence');
        if (!condition || !body || descendantsOfType(body, 'raise_statement').length === 0) return false;
        return [condition, ...descendantsOfType(condition, 'comparison_operator')].some((c) => c.type === 'comparison_operator' && comparesWithValue(c, names));
      });
      // Rejecting on every reference a header can make (backing file and format-specific data) also validates.
      answer ||= readsField(fn, names, BACKING_FILE_FIELDS) && readsField(fn, names, FORMAT_SPECIFIC_FIELDS);
    }
    rejects.set(fn.id, answer);
    return answer;
  };

  const summarise = (fn: SyntaxNode): FunctionImageFacts => {
    const s = { probes: false, converts: false, validates: false, buildsConvert: returnsConvertCommand(fn), returnsProbe: false };
    for (const call of descendantsOfType(fn, 'call')) {
      const role = callRole(call);
      if (role?.role === 'probe') s.probes = true;
      else if (role?.role === 'convert') s.converts = true;
      else if (role?.role === 'inspect') s.validates = true;
    }
    if (s.probes && !s.validates) s.validates = rejectsOnProbe(fn);
    if (s.probes) {
      const names = probeDerivedNames(fn);
      s.returnsProbe = returnedExpressions(fn).some((e) => mentionsName(e, names) || [e, ...descendantsOfType(e, 'call')].some((c) => c.type === 'call' && callRole(c)?.role === 'probe'));
    }
    return s;
  };

  // On demand, memoised: a wrapper's facts are built the first time a call to it is asked about. A call back into a
  // function still being summarised (recursion) contributes nothing.
  const inProgress = new Set<number>();
  factsOf = (fn: SyntaxNode): FunctionImageFacts => {
    const known = summaries.get(fn.id);
    if (known) return known;
    if (inProgress.has(fn.id)) return none;
    inProgress.add(fn.id);
    const s = summarise(fn);
    inProgress.delete(fn.id);
    summaries.set(fn.id, s);
    return s;
  };

  // The data command without `-f` a function runs (itself or through the same-file functions it calls), and which of
  // its parameters, by position among those a caller passes (the receiver left out), is the image it opens.
  const unpinned = new Map<number, UnpinnedConversion | null>();
  const unpinnedIn = (fn: SyntaxNode): UnpinnedConversion | null => {
    if (unpinned.has(fn.id)) return unpinned.get(fn.id)!;
    unpinned.set(fn.id, null); // recursion contributes nothing
    const params = model.parameters(fn).filter((p) => !p.receiver && (p.kind === 'positional' || p.kind === 'positional-only'));
    const paramOf = (image: SyntaxNode | null | undefined): number | null => {
      if (!image) return null;
      const names = operandNames(image);
      const i = params.findIndex((p) => names.has(p.name));
      return i < 0 ? null : i;
    };
    let found: UnpinnedConversion | null = null;
    for (const call of descendantsOfType(fn, 'call')) {
      const own = ownRole(call);
      if (own?.role === 'convert' && own.format === 'none') {
        const wrapper = FORMAT_PROBING_WRAPPERS[model.callName(call) ?? ''];
        let image: SyntaxNode | null = null;
        if (wrapper) image = argument(call, 0, 'source');
        else {
          const command = processCommand(model, call);
          const at = command ? firstImageOperand(command.words) : -1;
          image = at >= 0 ? command!.nodes[at] ?? null : null;
        }
        found = { command: call, name: own.name, param: paramOf(image) };
        break;
      }
      if (own) continue;
      const def = target(call);
      const inner = def ? unpinnedIn(def) : null;
      if (!inner) continue;
      const passed = inner.param === null ? null : argument(call, inner.param, parameterName(def!, inner.param));
      found = { command: inner.command, name: inner.name, param: paramOf(passed) };
      break;
    }
    unpinned.set(fn.id, found);
    return found;
  };
  const parameterName = (fn: SyntaxNode, index: number): string =>
    model.parameters(fn).filter((p) => !p.receiver && (p.kind === 'positional' || p.kind === 'positional-only'))[index]?.name ?? '';

  let callees: Set<number> | null = null;
  const calledInFile = (fn: SyntaxNode): boolean => {
    if (!callees) {
      callees = new Set();
      // descendantsOfType stops at nested scopes: the module and every function are walked on their own.
      for (const scope of [model.root, ...model.functions()]) {
        for (const call of descendantsOfType(scope, 'call')) {
          const def = target(call);
          if (def) callees.add(def.id);
        }
      }
    }
    return callees.has(fn.id);
  };

  return {
    callRole,
    unpinnedConversion: (call) => {
      const def = target(call);
      const inner = def ? unpinnedIn(def) : null;
      if (!inner) return null;
      const image = inner.param === null ? null : argument(call, inner.param, parameterName(def!, inner.param));
      return { command: inner.command, name: inner.name, image };
    },
    calledInFile,
    facts: (fn) => factsOf(fn),
    probeDerivedNames,
    rejectsOnProbe,
    readsProbedFormat: (fn) => readsField(fn, probeDerivedNames(fn), FORMAT_FIELDS),
    readsDetectedFormat: (fn) => readsField(fn, probeDerivedNames(fn), FORMAT_NAME_FIELDS),
  };
}

/** The role a call takes from another file's merged summary (the same precedence as same-file wrappers). */
function summaryRole(image: ImageRoleSummary | undefined, name: string): ImageCall | null {
  if (!image) return null;
  if (image.converts && !image.validates) return { role: 'convert', name, format: 'unknown' };
  if (image.validates) return { role: 'inspect', name, format: 'unknown' };
  if (image.probes) return { role: 'probe', name, format: 'unknown' };
  return null;
}

/** Module-level functions by name and methods of module-level classes by `Class.method`. */
function definitionsByName(model: PythonModel): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const fn of model.functions()) {
    if (fn.type !== 'function_definition') continue;
    const name = fn.childForFieldName('name')?.text;
    if (!name) continue;
    const owner = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
    if (owner?.type === 'module') { out.set(name, fn); continue; }
    const cls = model.enclosingClass(fn);
    const cname = cls?.childForFieldName('name')?.text;
    if (cname && enclosingFunction(fn) === null) out.set(`${cname}.${name}`, fn);
  }
  return out;
}

/** A function with a `return` that builds a list or tuple of words naming qemu-img and one of its data subcommands. */
function returnsConvertCommand(fn: SyntaxNode): boolean {
  if (!returnsValue(fn)) return false;
  return descendantsOfType(fn, new Set(['list', 'tuple'])).some((display) => {
    const words = display.namedChildren.map((c) => (c ? stringValue(c) : null));
    const sub = qemuImgSubcommand(words);
    return sub !== null && DATA_SUBCOMMANDS.has(sub.name);
  });
}

function returnsValue(fn: SyntaxNode): boolean {
  return descendantsOfType(fn, 'return_statement').some((r) => r.namedChild(0) !== null);
}

/**
 * What a function returns: the expressions of its `return` statements and, one level through locals, the right-hand
 * sides assigned to a name it returns (`info = QemuImgInfo(out); return info`).
 */
export function returnedExpressions(fn: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const names = new Set<string>();
  for (const r of descendantsOfType(fn, 'return_statement')) {
    const e = r.namedChild(0);
    if (!e) continue;
    out.push(e);
    if (unparenthesize(e).type === 'identifier') names.add(unparenthesize(e).text);
  }
  if (names.size === 0) return out;
  for (const a of descendantsOfType(fn, 'assignment')) {
    const right = a.childForFieldName('right');
    if (right && targetNames(a.childForFieldName('left')).some((n) => names.has(n))) out.push(right);
  }
  return out;
}

/** `fmt != disk_format`, `data.file_format not in CONF.allowed`: one side from the probe, the other a value. */
function comparesWithValue(comparison: SyntaxNode, names: ReadonlySet<string>): boolean {
  const operands = comparison.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  const fromProbe = operands.filter((o) => mentionsName(o, names));
  const others = operands.filter((o) => !mentionsName(o, names));
  return fromProbe.length > 0 && others.some((o) => !isLiteral(o));
}

function isLiteral(node: SyntaxNode): boolean {
  const n = unparenthesize(node);
  if (n.type === 'none' || n.type === 'true' || n.type === 'false' || n.type === 'integer') return true;
  if (stringValue(n) !== null) return true;
  return (n.type === 'list' || n.type === 'tuple' || n.type === 'set') && n.namedChildren.every((c) => c === null || c.type === 'comment' || isLiteral(c));
}

/** Whether `fn` reads one of `fields` of a probe report: `data.backing_file`, `meta['format-specific']`, `.get('…')`. */
function readsField(fn: SyntaxNode, names: ReadonlySet<string>, fields: ReadonlySet<string>): boolean {
  for (const a of descendantsOfType(fn, 'attribute')) {
    if (fields.has(a.childForFieldName('attribute')?.text ?? '') && mentionsName(a.childForFieldName('object'), names)) return true;
  }
  for (const s of descendantsOfType(fn, 'string')) {
    const value = stringValue(s);
    if (value === null || !fields.has(value)) continue;
    const holder = s.parent?.type === 'argument_list' ? s.parent.parent : s.parent;
    if (holder?.type === 'subscript' && mentionsName(holder.childForFieldName('value'), names)) return true;
    if (holder?.type === 'call' && mentionsName(callee(holder), names)) return true;
    // `'backing-filename' in meta`
    if (holder?.type === 'comparison_operator' && mentionsName(holder, names)) return true;
  }
  return false;
}

/**
 * The names a call hands over as its operands: identifiers and dotted names among its positional arguments, inside
 * list or tuple displays, and inside the lists a `*cmd` argument was built from in the same function.
 */
export function imageOperands(call: SyntaxNode): Set<string> {
  const out = new Set<string>();
  const fn = enclosingFunction(call);
  const add = (node: SyntaxNode | null): void => {
    if (!node) return;
    const n = unparenthesize(node);
    const dotted = dottedName(n);
    if (dotted !== null) {
      if (dotted !== 'self' && dotted !== 'cls') out.add(dotted);
      return;
    }
    if (n.type === 'list' || n.type === 'tuple') for (const c of n.namedChildren) add(c);
    else if (n.type === 'binary_operator') { add(n.childForFieldName('left')); add(n.childForFieldName('right')); }
  };
  for (const a of operandArgs(call)) {
    if (a.type === 'list_splat') {
      const inner = a.namedChild(0);
      const name = inner?.type === 'identifier' ? inner.text : null;
      if (name && fn) for (const built of listBuilders(fn, name)) add(built);
      else add(inner);
    } else add(a);
  }
  return out;
}

/** The right-hand sides and appended values that build list `name` in `fn`. */
function listBuilders(fn: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const a of descendantsOfType(fn, new Set(['assignment', 'augmented_assignment']))) {
    if (a.childForFieldName('left')?.text === name) { const r = a.childForFieldName('right'); if (r) out.push(r); }
  }
  for (const c of descendantsOfType(fn, 'call')) {
    const f = callee(c);
    if (f?.type === 'attribute' && f.childForFieldName('object')?.text === name) out.push(...positionalArgs(c));
  }
  return out;
}

/** How a qemu-img command's words give the input format: `-f raw` / `--format=raw` literal, `-f fmt` a value. */
function commandFormat(words: readonly (string | null)[]): ImageCall['format'] {
  const f = words.findIndex(pinsFormat);
  if (f < 0) return 'none';
  const w = words[f]!;
  if (w === '-f' || w === '--format') return (words[f + 1] ?? null) !== null ? 'literal' : 'value';
  // `--image-opts` names the driver inside a later word.
  return w === '--image-opts' ? 'value' : 'literal';
}

/** Positional arguments and `*args`, in order (keywords and `**kwargs` left out). */
function operandArgs(call: SyntaxNode): SyntaxNode[] {
  const args = call.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return [];
  return args.namedChildren.filter((a): a is SyntaxNode => a !== null && a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && a.type !== 'comment').map(unparenthesize);
}

/** The names an image operand is made of: `path`, `self.path`, `"%s.part" % path`, `base + ".tmp"`. */
function operandNames(node: SyntaxNode): Set<string> {
  const out = new Set<string>();
  const n = unparenthesize(node);
  const dotted = dottedName(n);
  if (dotted !== null) out.add(dotted);
  else if (n.type === 'binary_operator') {
    for (const side of [n.childForFieldName('left'), n.childForFieldName('right')]) if (side) for (const x of operandNames(side)) out.add(x);
  }
  return out;
}
