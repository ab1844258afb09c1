// Generators of the hostile-but-valid Python shapes from issue 18: a line chaining thousands of operators, and a long
// run of if/else blocks that each extend one value (slow for a dataflow analysis that copies its state per branch).

/** A function with a path traversal, `PAD = <pad>` on line 8, and a function with a command injection on line 12. */
export function withPad(pad: string): string {
  return "import os\nfrom flask import request\n\ndef read_file():\n    name = request.args['f']\n    return open('/srv/' + name).read()\n\n" +
    `PAD = ${pad}\n\ndef run():\n    host = request.args['h']\n    os.system('ping ' + host)\n`;
}
export const PAD_LINE = 8;
export const PATH_LINE = 6;
export const COMMAND_LINE = 12;

/** `term op term op …` with `terms` terms (left-nested by the grammar, except `**`). */
export function chain(term: string, op: string, terms: number): string {
  return Array<string>(terms).fill(term).join(` ${op} `);
}

/** `if c == i: v_i = v_{i-1} + "a" else: v_i = v_{i-1}` × blocks, then `os.system(v_blocks)` on sinkLine(blocks). */
export function slowDataflow(blocks: number): string {
  const lines = ['import os', 'import sys', 'c = int(sys.argv[1])', 'v_0 = sys.argv[2]'];
  for (let i = 1; i <= blocks; i++) lines.push(`if c == ${i}:\n    v_${i} = v_${i - 1} + "a"\nelse:\n    v_${i} = v_${i - 1}`);
  lines.push(`os.system(v_${blocks})`);
  return `${lines.join('\n')}\n`;
}
export const sinkLine = (blocks: number): number => 4 + blocks * 4 + 1;

export const TAINT_RULES = ['code-injection', 'command-injection', 'config-newline-injection', 'log-injection', 'open-redirect', 'path-traversal', 'response-header-injection', 'sql-injection'];
