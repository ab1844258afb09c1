// The language of a file, by its extension only (never by content): C and C++ files go to the C/C++ front-end
// whatever glob selected them, so `--include '**/*.cpp'` can never hand C++ to the Python parser.
import type { Language } from '../rulekit/types.js';

/** C and C++ sources and headers (`.h` is read as C++, a superset good enough for the analyses). */
export const CPP_EXTENSIONS: readonly string[] = ['.c', '.cc', '.cpp', '.cxx', '.h', '.hh', '.hpp'];

const CPP = new RegExp(`(?:${CPP_EXTENSIONS.map((e) => e.replace('.', '\\.')).join('|')})$`, 'i');

export function languageOf(path: string): Language {
  return CPP.test(path) ? 'cpp' : 'python';
}
