// The per-file model every Python rule queries: source, syntax tree, import bindings, comments, parse errors.
// Built once per file by the engine and shared by all rules. Deeper layers (scopes, CFG, dataflow) hang off it.
import { Budget, type AnalysisGap } from '../../analysis/budget.js';
import type { SyntaxNode, SyntaxTree } from '../syntaxTree.js';
import { ImportTable } from './names.js';
import { callee } from './syntax.js';

const MODEL_NODE_TYPES: ReadonlySet<string> = new Set(['import_statement', 'import_from_statement', 'comment', 'ERROR', 'class_definition']);

/** The nodes the model needs, in document order (so comments on a row keep their order). */
function modelNodes(tree: SyntaxTree): SyntaxNode[] {
  const mask = tree.typeMask(MODEL_NODE_TYPES);
  const { count, type } = tree.data;
  const out: SyntaxNode[] = [];
  for (let i = 0; i < count; i++) if (mask[type[i]!]) out.push(tree.node(i));
  return out;
}

/** Test frameworks, and `tests`/`test`/`testing` packages: importing one makes a module test support code. */
const TEST_SUPPORT_IMPORT = /^(?:unittest|mock|testtools|fixtures|pytest|oslotest|ddt|testscenarios|stestr)(?:\.|$)|(?:^|\.)(?:tests?|testing)(?:\.|$)/;

const TEST_FRAMEWORKS = ['unittest', 'pytest', 'testtools', 'oslotest', 'nose', 'fixtures'];

export class PythonModel {
  readonly imports = new ImportTable();
  /** Comment texts by 0-based row. */
  readonly comments = new Map<number, string[]>();
  /** ERROR and MISSING nodes: regions the parser could not make sense of. */
  readonly syntaxErrors: SyntaxNode[] = [];
  private splitLines: string[] | undefined;
  private testCode: boolean | undefined;
  private testSupport: boolean | undefined;
  /**
   * Memo of callName by node id: 0 not asked yet, -1 no name, k > 0 the name at `callNameTable[k - 1]`. A typed
   * array, not a JS array of the tree's size: the collector neither scans nor copies it.
   */
  private readonly callNameSlots: Int32Array;
  private readonly callNameTable: string[] = [];
  private readonly typesPresent = new Map<string, boolean>();
  private readonly testClassBases: string[] = [];

  /** Gaps the analyses reported to the rule being run; the engine takes them after each visit (takeGaps). */
  private pendingGaps: AnalysisGap[] = [];

  /** `budget`: how long the expensive analyses may run on this file (the engine's --file-timeout). */
  constructor(readonly path: string, readonly source: string, readonly tree: SyntaxTree, readonly budget: Budget = Budget.unlimited) {
    this.callNameSlots = new Int32Array(tree.data.count);
    for (const node of modelNodes(tree)) {
      switch (node.type) {
        case 'comment': {
          const row = node.startPosition.row;
          const list = this.comments.get(row) ?? [];
          list.push(node.text);
          this.comments.set(row, list);
          break;
        }
        case 'ERROR': this.syntaxErrors.push(node); break;
        case 'class_definition': {
          const bases = node.childForFieldName('superclasses');
          if (bases) this.testClassBases.push(bases.text);
          break;
        }
        default: this.imports.add(node);
      }
    }
    if (tree.rootNode.hasError) this.collectMissing(tree.rootNode);
  }

  /** The source's lines, split when first asked (for snippets of findings): most files have no finding. */
  get lines(): string[] {
    this.splitLines ??= this.source.split(/\r\n|\r|\n/);
    return this.splitLines;
  }

  get root(): SyntaxNode {
    return this.tree.rootNode;
  }

  /** Qualified name of an expression through the imports (`sp.Popen` → `subprocess.Popen`). */
  qualifiedName(node: SyntaxNode | null): string | null {
    return this.imports.qualifiedName(node);
  }

  /**
   * Qualified name of the function a call invokes, or null for calls on computed values. Memoised by node id:
   * every rule asks this of every call.
   */
  callName(call: SyntaxNode): string | null {
    const slot = this.callNameSlots[call.id]!;
    if (slot > 0) return this.callNameTable[slot - 1]!;
    if (slot < 0) return null;
    const name = this.qualifiedName(callee(call));
    if (name === null) this.callNameSlots[call.id] = -1;
    else this.callNameSlots[call.id] = this.callNameTable.push(name);
    return name;
  }

  /**
   * Whether any node of `type` (tokens such as `/` included) occurs in the file: a cheap test that lets a rule skip
   * a file where the construct it looks for cannot occur. Memoised.
   */
  hasNodeOfType(type: string): boolean {
    let present = this.typesPresent.get(type);
    if (present === undefined) {
      const mask = this.tree.typeMask(type);
      const { count, type: types } = this.tree.data;
      present = false;
      for (let i = 0; i < count && !present; i++) present = mask[types[i]!] === 1;
      this.typesPresent.set(type, present);
    }
    return present;
  }

  /**
   * True for test code, judged from the code itself: it imports a test framework and defines test cases.
   * Rules about production hardening (assert as a guard) stay quiet there.
   */
  isTestCode(): boolean {
    this.testCode ??= TEST_FRAMEWORKS.some((m) => this.imports.importsModule(m)) &&
      (this.testClassBases.some((b) => /TestCase|\bTest\w*\b/.test(b)) || /^\s*def test_\w+\(/m.test(this.source));
    return this.testCode;
  }

  /**
   * Test code as isTestCode() judges it, widened to the helpers around it that define no test case themselves:
   * fixtures, fake drivers and sample-test bases import a test framework or the project's test package.
   * Judged from imports only, never from the file name.
   */
  isTestSupport(): boolean {
    this.testSupport ??= this.isTestCode() || this.imports.records.some((r) => TEST_SUPPORT_IMPORT.test(r.qualified));
    return this.testSupport;
  }

  /** Records that an analysis the current rule relies on could not cover `gap` (see AnalysisGap). */
  noteGap(gap: AnalysisGap): void {
    this.pendingGaps.push(gap);
  }

  /** The gaps noted since the last call; the engine attributes them to the rule it just ran. */
  takeGaps(): AnalysisGap[] {
    if (this.pendingGaps.length === 0) return this.pendingGaps;
    const out = this.pendingGaps;
    this.pendingGaps = [];
    return out;
  }

  /** Text of the 1-based line `line`, without its newline. */
  lineText(line: number): string {
    return this.lines[line - 1] ?? '';
  }

  private collectMissing(root: SyntaxNode): void {
    // MISSING nodes are zero-width insertions the parser made up; they are rare, so a targeted search is cheap.
    const stack: SyntaxNode[] = [root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.isMissing) this.syntaxErrors.push(n);
      else if (n.hasError) for (const c of n.children) if (c) stack.push(c);
    }
  }
}
