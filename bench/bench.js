#!/usr/bin/env node
// Entry of `npm run bench`. lib/ and bench/ are transpiled once into .cache/bench/build (only files that
// changed) and the runner and its child processes run from there as plain JavaScript; see
// bench/support/child-build.ts. ts-node is only needed to load that one file.
require('ts-node').register({ transpileOnly: true });
const { buildForChildren, builtBenchFile } = require('./support/child-build');

buildForChildren();
require(builtBenchFile('run.ts'));
