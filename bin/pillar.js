#!/usr/bin/env node
// Entry point of the `pillar` command; the build (npm ci → prepare) produces dist/.
import { setFlagsFromString } from 'node:v8';

// No inlining into optimised code, set before any of pillar's code is compiled (worker threads share the process's
// V8 flags). Every thread optimises the code of ~110 rules and the analyses they share, and inlining makes those
// background compilations cost more CPU than they save: on the nova tree with two threads, V8's default budget took
// 9.0-9.4 s, a budget of 200 bytecodes 8.9-9.0 s, none 8.3-8.6 s (and 2 s less CPU), with byte-identical reports.
setFlagsFromString('--no-turbo-inlining');

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
