#!/usr/bin/env node
// The `casefile` command. Plain CommonJS in old syntax so that any Node can at least read
// this file and say which version is needed.
//
// The CLI is TypeScript. Compiling it on every start (tsx) cost more than the command itself
// (0.5-0.85 s for --help), so the first run bundles it with esbuild into
// node_modules/.cache/casefile-cli/ and later runs load that, as long as no source file it was
// built from has changed since (their modification times are checked on each start, a few
// milliseconds). No build step to remember: an edited source rebuilds itself on the next run,
// and if the bundle cannot be built the CLI runs from the sources through tsx as before.
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

var fs = require('node:fs');
var path = require('node:path');

var ROOT = path.join(__dirname, '..');
var ENTRY = path.join(ROOT, 'electron', 'cli', 'main.ts');
var CACHE = path.join(ROOT, 'node_modules', '.cache', 'casefile-cli');
var BUNDLE = path.join(CACHE, 'main.js');
var INPUTS = path.join(CACHE, 'inputs.json');

// V8 keeps what it compiled (the bundle, commander) on disk for the next start (Node 22.1+).
var nodeModule = require('node:module');
if (typeof nodeModule.enableCompileCache === 'function') {
  try {
    nodeModule.enableCompileCache(path.join(CACHE, 'v8'));
  } catch {
    // No cache: only slower.
  }
}

/** The bundle, if every file it was built from is unchanged. */
function freshBundle() {
  var inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(INPUTS, 'utf8'));
  } catch {
    return null;
  }
  for (var file in inputs) {
    var st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st || st.mtimeMs !== inputs[file]) return null;
  }
  return BUNDLE;
}

/**
 * Bundles the CLI (packages stay in node_modules). A module that finds files beside its source
 * (`__dirname`: the search index's worker, the Core host's job worker) is given its source
 * folder, so it behaves exactly as when run from the sources.
 */
async function build() {
  var esbuild = require('esbuild');
  var sourceDirname = {
    name: 'casefile-source-dirname',
    setup: function (b) {
      b.onLoad({ filter: /\.ts$/ }, function (args) {
        if (args.path.indexOf(path.sep + 'node_modules' + path.sep) >= 0) return undefined;
        var src = fs.readFileSync(args.path, 'utf8');
        if (!/\b__dirname\b/.test(src)) return undefined;
        return { contents: src.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path))), loader: 'ts' };
      });
    },
  };
  var tmp = path.join(CACHE, 'main.' + process.pid + '.js');
  fs.mkdirSync(CACHE, { recursive: true });
  var result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
    plugins: [sourceDirname],
  });
  var inputs = {};
  Object.keys(result.metafile.inputs).forEach(function (rel) {
    var file = path.resolve(ROOT, rel);
    inputs[file] = fs.statSync(file).mtimeMs;
  });
  // Bundle first, then the list that declares it fresh: a run in between sees the old list.
  fs.renameSync(tmp, BUNDLE);
  var tmpInputs = INPUTS + '.' + process.pid;
  fs.writeFileSync(tmpInputs, JSON.stringify(inputs));
  fs.renameSync(tmpInputs, INPUTS);
  return BUNDLE;
}

async function load() {
  var bundle = freshBundle();
  if (!bundle && process.env.CASEFILE_CLI_FROM_SOURCE !== '1') {
    try {
      bundle = await build();
    } catch {
      bundle = null;
    }
  }
  if (bundle) return require(bundle);
  require('tsx/cjs/api').register();
  return require(ENTRY);
}

// `npm run casefile` starts in the package folder; file arguments are meant relative to where
// the user typed the command, which npm keeps in INIT_CWD.
if (process.env.npm_lifecycle_event === 'casefile' && process.env.INIT_CWD) {
  try {
    process.chdir(process.env.INIT_CWD);
  } catch {
    // The folder is gone: stay in the package folder.
  }
}
load().then(function (cli) {
  cli.run();
}, function (e) {
  process.stderr.write('casefile: ' + (e && e.message ? e.message : String(e)) + '\n');
  process.exitCode = 1;
});
