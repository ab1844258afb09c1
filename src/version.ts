// The tool's version, read from package.json so that reports and SARIF never disagree with the package (the bundle
// has it written in at build time, from the same file).
import { createRequire } from 'node:module';
import { BUNDLE } from './bundle.js';

export const VERSION: string = BUNDLE?.version ?? (createRequire(import.meta.url)('../package.json') as { version: string }).version;
