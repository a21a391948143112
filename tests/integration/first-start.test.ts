// `npm start` on a fresh clone: the prestart step fetches Electron's binary with Electron's own
// downloader and installer, or says in one sentence why it could not. Each test runs in a copy
// of the project (package.json, the script, node_modules/electron) with its own download cache,
// against a mirror on 127.0.0.1, so the real install and the user's cache are never touched and
// no test depends on reaching GitHub.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawZip } from './bundleZip';
import { REPO, tempDir } from './cliRunner';

const ELECTRON = path.join(REPO, 'node_modules', 'electron');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ELECTRON, 'package.json'), 'utf8')) as { version: string }).version;
/** Where install.js puts the binary, per platform (its getPlatformPath()). */
const BINARY = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'electron.exe' : 'electron';
const ZIP = `electron-v${VERSION}-${process.platform}-${process.arch}.zip`;

interface Project { root: string; cache: string; electron: string }

/** A copy of the project as a fresh clone has it after `npm ci`: Electron's package without its binary. */
function project(): Project {
  const root = tempDir();
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(root, 'package.json'));
  fs.mkdirSync(path.join(root, 'scripts'));
  fs.copyFileSync(path.join(REPO, 'scripts', 'ensureElectron.mjs'), path.join(root, 'scripts', 'ensureElectron.mjs'));
  const electron = path.join(root, 'node_modules', 'electron');
  fs.mkdirSync(electron, { recursive: true });
  for (const f of ['package.json', 'index.js', 'install.js', 'cli.js', 'checksums.json']) fs.copyFileSync(path.join(ELECTRON, f), path.join(electron, f));
  // Electron's downloader and unzipper, as installed (they resolve their own dependencies from there).
  for (const dep of ['@electron', '@electron-internal']) fs.symlinkSync(path.join(REPO, 'node_modules', dep), path.join(root, 'node_modules', dep), 'junction');
  return { root, cache: path.join(root, 'electron-cache'), electron };
}

/** The environment of a user with nothing Electron-specific set, this test's cache, and `extra`. */
function envFor(p: Project, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) =>
    !/^(npm_|electron_|force_no_cache$|https?_proxy$|no_proxy$|node_use_env_proxy$)/i.test(k)));
  // Node 22 (the project's) first, as npm scripts have it.
  return { ...env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`, electron_config_cache: p.cache, ...extra };
}

interface Run { code: number | null; stdout: string; stderr: string }

/** Runs a command without blocking this process, which serves the mirror. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const prestart = (p: Project, env: NodeJS.ProcessEnv) => run(process.execPath, ['scripts/ensureElectron.mjs'], p.root, env);

/** A mirror on 127.0.0.1 that serves `files` (path -> bytes), answers 404 otherwise, and logs requests. */
async function mirror(files: Record<string, Buffer> = {}): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files[req.url ?? ''];
    if (!body) { res.writeHead(404, 'Not Found'); res.end(); return; }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port on 127.0.0.1 where nothing listens: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const m = await mirror();
  const port = Number(new URL(m.url).port);
  await m.close();
  return port;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('npm start on a fresh clone', () => {
  it('when Electron cannot be downloaded, npm start stops before launching with one sentence and exit code 1', async () => {
    const p = project();
    const port = await closedPort();
    const r = await run('npm', ['start'], p.root, envFor(p, { ELECTRON_MIRROR: `http://127.0.0.1:${port}/` }));

    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Electron ${VERSION} is not installed yet: downloading it for ${process.platform}-${process.arch} from 127.0.0.1:${port} (once; later starts reuse it).`);
    // One line, no stack trace; and electron-vite (the `start` script) never ran.
    expect(r.stderr.split('\n').filter((l) => l.trim())).toEqual([expect.stringMatching(new RegExp(
      `^Cannot start: Electron ${escape(VERSION)} could not be downloaded from 127\\.0\\.0\\.1:${port} \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\); `
      + 'check the network connection, or behind a proxy set HTTPS_PROXY and NODE_USE_ENV_PROXY=1, or set ELECTRON_MIRROR to a mirror you can reach, '
      + `or copy the Electron cache folder \\(${escape(p.cache)}\\) from a machine where npm start has run, then run npm start again\\.$`,
    ))]);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/^\s+at /m);
    expect(r.stdout).not.toMatch(/electron-vite|prestart failed/);
    expect(fs.existsSync(path.join(p.electron, 'path.txt'))).toBe(false);
  });

  it('a mirror without the file: the sentence says what the server answered', async () => {
    const p = project();
    const m = await mirror();
    try {
      const r = await prestart(p, envFor(p, { ELECTRON_MIRROR: m.url }));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^Cannot start: Electron ${escape(VERSION)} could not be downloaded from ${escape(new URL(m.url).host)} \\(the server answered 404 Not Found\\); check the network connection, .*then run npm start again\\.\n$`));
      expect(m.requests).toEqual([`/v${VERSION}/${ZIP}`]);
    } finally {
      await m.close();
    }
  });

  it('downloads once with progress, Electron\'s installer unpacks it from the cache, and the next start downloads nothing', async () => {
    const p = project();
    const fakeBinary = Buffer.concat([Buffer.from('#!/bin/sh\necho fake electron\n'), Buffer.alloc(3_000_000, 0x23)]);
    const release = rawZip([{ name: 'version', data: Buffer.from(VERSION), mode: 0o100644 }, { name: BINARY, data: fakeBinary, mode: 0o100755 }]);
    const sums = Buffer.from(`${(await import('node:crypto')).createHash('sha256').update(release).digest('hex')} *${ZIP}\n`);
    const m = await mirror({ [`/v${VERSION}/${ZIP}`]: release, [`/v${VERSION}/SHASUMS256.txt`]: sums });
    try {
      // The fake release is checked against the mirror's own checksums (Electron's option for mirrors).
      const env = envFor(p, { ELECTRON_MIRROR: m.url, electron_use_remote_checksums: '1' });
      const first = await prestart(p, env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const lines = first.stdout.split('\n');
      expect(lines[0]).toBe(`Electron ${VERSION} is not installed yet: downloading it for ${process.platform}-${process.arch} from ${new URL(m.url).host} (once; later starts reuse it).`);
      expect(lines).toContain('  100% of 3 MB');
      expect(lines.filter((l) => /^ {2}\d+% of 3 MB$/.test(l)).length).toBeGreaterThan(1);
      expect(lines.at(-2)).toBe(`Electron ${VERSION} is installed.`);
      // What electron-vite reads: path.txt naming the binary, which is there.
      expect(fs.readFileSync(path.join(p.electron, 'path.txt'), 'utf8')).toBe(BINARY);
      expect(fs.readFileSync(path.join(p.electron, 'dist', BINARY)).equals(fakeBinary)).toBe(true);
      // The zip crossed the network once: install.js found it in the cache.
      expect(m.requests.filter((u) => u.endsWith('.zip'))).toEqual([`/v${VERSION}/${ZIP}`]);

      const before = m.requests.length;
      const again = await prestart(p, env);
      expect(again).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(m.requests.length).toBe(before);
    } finally {
      await m.close();
    }
  });

  it('already installed (path.txt and the binary of this version present): nothing is downloaded or said', async () => {
    const p = project();
    fs.mkdirSync(path.join(p.electron, 'dist', path.dirname(BINARY)), { recursive: true });
    fs.writeFileSync(path.join(p.electron, 'dist', BINARY), 'binary');
    fs.writeFileSync(path.join(p.electron, 'dist', 'version'), VERSION);
    fs.writeFileSync(path.join(p.electron, 'path.txt'), BINARY);
    const m = await mirror();
    try {
      expect(await prestart(p, envFor(p, { ELECTRON_MIRROR: m.url }))).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(m.requests).toEqual([]);
      // A binary left from another Electron version is not taken for this one.
      fs.writeFileSync(path.join(p.electron, 'dist', 'version'), '44.0.0');
      const stale = await prestart(p, envFor(p, { ELECTRON_MIRROR: m.url }));
      expect(stale.code).toBe(1);
      expect(m.requests).toEqual([`/v${VERSION}/${ZIP}`]);
    } finally {
      await m.close();
    }
  });
});
