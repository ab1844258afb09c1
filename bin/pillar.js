#!/usr/bin/env node
// Entry point of the `pillar` command; the build (npm ci → prepare) produces dist/ and dist/bundle/ (scripts/bundle.ts).
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// No inlining into optimised code, set before any of pillar's code is compiled (worker threads share the process's
// V8 flags). Every thread optimises the code of ~110 rules and the analyses they share for a run of a few seconds,
// and inlining makes those background compilations cost more CPU than they save: on the nova tree with two threads,
// V8's default took 9.0-9.4 s, without inlining 8.3-8.6 s (2 s less CPU), with a byte-identical report. A longer
// warm-up before optimising (--interrupt-budget) gained another 5% on nova but cost 130 MB and 15% on a tree of
// 100,000 small files, so it is not used.
setFlagsFromString('--no-turbo-inlining');

const { requireWithCodeCache } = await import('../dist/cli/codeCache.js');
const bundle = fileURLToPath(new URL('../dist/bundle/cli.cjs', import.meta.url));
const cli = requireWithCodeCache(bundle, `${bundle}.cache`);
const argv = process.argv.slice(2);
process.exitCode = await cli.exports.main(argv);
// A review compiles the code later runs need; `--version` or `rules` would leave most of it out of the cache. One that
// analysed files in this thread compiled the rules too (reach 1), which a cold review, in worker threads, did not.
if (argv[0] === 'review') cli.saveCodeCache(cli.exports.analysedInThisThread?.() ? 1 : 0);
