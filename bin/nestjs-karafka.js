#!/usr/bin/env node
'use strict';
// `npx nestjs-karafka ...`: runs the compiled CLI. Inside the library's own repository (where lib/ exists;
// the published package holds only dist/) it runs the TypeScript sources through ts-node instead.
const { existsSync } = require('fs');
const { join } = require('path');

const root = join(__dirname, '..');
const source = join(root, 'lib', 'cli', 'main.ts');
if (existsSync(source)) {
  require('ts-node').register({ transpileOnly: true, project: join(root, 'tsconfig.json') });
  require(source);
} else {
  require(join(root, 'dist', 'cli', 'main.js'));
}
