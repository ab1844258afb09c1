#!/usr/bin/env node
// Entry point of the `pillar` command; the build (npm ci → prepare) produces dist/.
import { setFlagsFromString } from 'node:v8';

// V8 flags for pillar's workload, set before any of pillar's code is compiled (worker threads share the process's
// flags): every thread compiles the code of ~110 rules and the analyses they share for a run of a few seconds, and
// optimising compilations cost more CPU than they save. No inlining into optimised code, and a longer warm-up before
// a function is optimised at all. On the nova tree with two threads: V8's defaults 9.0-9.4 s, without inlining
// 8.3-8.6 s, with both flags 7.7-8.3 s (and 2.5 s less CPU), each with a byte-identical report.
setFlagsFromString('--no-turbo-inlining');
setFlagsFromString('--interrupt-budget=1000000');

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
