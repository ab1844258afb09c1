// The tool's version, read from package.json so that reports and SARIF never disagree with the package.
import { createRequire } from 'node:module';

export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
