#!/usr/bin/env node
// Entry point of the `pillar` command; the build (npm ci → prepare) produces dist/.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
