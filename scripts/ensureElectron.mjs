// `npm start` runs this first (the `prestart` script). Since Electron 42 the `electron` package
// installs without its binary and fetches it on the first require('electron'); electron-vite
// never makes that call, finds no node_modules/electron/path.txt and stops with "Electron
// uninstall". So the binary is fetched here, once, with Electron's own tools: @electron/get
// (the downloader Electron's installer uses: same cache, mirrors and checksums) shows the
// progress, then Electron's install.js unpacks it from that cache and writes path.txt.
// When it cannot be fetched, one sentence says what failed and what to do; no stack trace.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const env = process.env;
const AGAIN = 'then run npm start again';

let electronDir;
let version;
try {
  electronDir = path.dirname(require.resolve('electron/package.json'));
  ({ version } = require('electron/package.json'));
} catch {
  fail(`Cannot start: the electron package is not installed; run npm ci, ${AGAIN}.`);
}

function fail(sentence) {
  process.stderr.write(`${sentence}\n`);
  process.exit(1);
}

/** What electron-vite needs: path.txt naming a binary of this Electron version. */
function installed() {
  try {
    const dist = path.join(electronDir, 'dist');
    if (fs.readFileSync(path.join(dist, 'version'), 'utf8').trim().replace(/^v/, '') !== version) return false;
    return fs.existsSync(path.join(dist, fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8')));
  } catch {
    return false;
  }
}

/** Where @electron/get keeps downloads (env-paths' cache folder for "electron"), for the offline hint. */
function cacheDir() {
  if (env.electron_config_cache) return env.electron_config_cache;
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'electron');
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'electron', 'Cache');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'electron');
}

function mirror() {
  const m = env.ELECTRON_MIRROR || env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR;
  if (!m) return 'GitHub';
  try {
    return new URL(m).host || m;
  } catch {
    return m;
  }
}

/** Why a download failed, in a few words (fetch hides the network error in `cause`). */
function reasonOf(err) {
  if (err?.response?.status) return `the server answered ${err.response.status} ${err.response.statusText ?? ''}`.trim();
  if (err?.name === 'ChecksumMismatchError' || /did not match expected checksum/.test(err?.message ?? '')) {
    return 'the file received does not match Electron\'s published checksum';
  }
  const cause = err?.cause;
  const inner = cause?.errors?.[0] ?? cause;
  return inner?.message || inner?.code || err?.message || String(err);
}

/** Progress on one line on a terminal, every tenth otherwise (CI logs). */
function progressPrinter() {
  const tty = process.stdout.isTTY === true;
  const mb = (n) => `${Math.round(n / 1e6)} MB`;
  let shown = -1;
  let done = false;
  return ({ transferred, total, percent }) => {
    if (done) return; // later calls are for the checksum file
    const pct = Math.floor(percent * 100);
    const step = tty ? pct : pct - (pct % 10);
    if (step === shown && percent < 1) return;
    shown = step;
    const text = total ? `${pct}% of ${mb(total)}` : mb(transferred);
    if (tty) process.stdout.write(`\r  ${text}   `);
    else process.stdout.write(`  ${text}\n`);
    if (percent >= 1) {
      done = true;
      if (tty) process.stdout.write('\n');
    }
  };
}

async function download() {
  const platform = env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || process.platform;
  const arch = env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || process.arch;
  process.stdout.write(`Electron ${version} is not installed yet: downloading it for ${platform}-${arch} from ${mirror()} (once; later starts reuse it).\n`);
  const { downloadArtifact } = await import('@electron/get');
  try {
    // The same request install.js makes, so that it finds the file in the cache.
    await downloadArtifact({
      version, artifactName: 'electron', platform, arch, cacheRoot: env.electron_config_cache,
      checksums: env.electron_use_remote_checksums || env.npm_config_electron_use_remote_checksums
        ? undefined : require('electron/checksums.json'),
      downloadOptions: { quiet: true, getProgressCallback: progressPrinter() },
    });
  } catch (err) {
    fail(
      `Cannot start: Electron ${version} could not be downloaded from ${mirror()} (${reasonOf(err)}); `
      + 'check the network connection, or behind a proxy set HTTPS_PROXY and NODE_USE_ENV_PROXY=1, '
      + `or set ELECTRON_MIRROR to a mirror you can reach, or copy the Electron cache folder (${cacheDir()}) `
      + `from a machine where npm start has run, ${AGAIN}.`,
    );
  }
}

function unpack() {
  const r = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (r.status === 0 && installed()) return;
  const why = (r.stderr || r.error?.message || 'it left no binary behind').split('\n').find((l) => l.trim())?.trim();
  fail(`Cannot start: Electron ${version} could not be installed into ${electronDir} (${why}); run npm ci to reinstall it, ${AGAIN}.`);
}

try {
  // electron-vite launches ELECTRON_EXEC_PATH instead when it is set.
  if (env.ELECTRON_EXEC_PATH || installed()) process.exit(0);
  if (env.force_no_cache !== 'true') await download(); // with force_no_cache, install.js downloads anew anyway
  unpack();
  process.stdout.write(`Electron ${version} is installed.\n`);
} catch (err) {
  fail(`Cannot start: preparing Electron ${version} failed (${err?.message ?? String(err)}); run npm ci, ${AGAIN}.`);
}
