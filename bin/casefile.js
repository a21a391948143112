#!/usr/bin/env node
// The `casefile` command. Plain CommonJS in old syntax so that any Node can at least read
// this file and say which version is needed; the CLI itself is TypeScript run through tsx,
// so no build step is needed after `npm ci`.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: see above */

var REQUIRED = [22, 12];
var parts = process.versions.node.split('.').map(Number);
if (parts[0] < REQUIRED[0] || (parts[0] === REQUIRED[0] && parts[1] < REQUIRED[1])) {
  process.stderr.write(
    'casefile: Node.js ' + REQUIRED.join('.') + ' or newer is needed; this is ' + process.version + '.\n' +
    'Run it through npm, which uses the Node.js the project installs: npm run casefile -- <command>\n'
  );
  process.exit(1);
}

require('tsx/cjs/api').register();

// `npm run casefile` starts in the package folder; file arguments are meant relative to where
// the user typed the command, which npm keeps in INIT_CWD.
if (process.env.npm_lifecycle_event === 'casefile' && process.env.INIT_CWD) {
  try {
    process.chdir(process.env.INIT_CWD);
  } catch {
    // The folder is gone: stay in the package folder.
  }
}
require('../electron/cli/main.ts').run();
