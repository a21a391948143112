// PDF is printed from the exported HTML by a Chromium: the app's own (Electron's printToPDF,
// supplied by main) or, for the command line and the tests, the system's Chromium run headless.
// The Core only sees an "html -> pdf bytes" engine, so it never depends on either.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type PdfEngine = (html: string) => Promise<Uint8Array>;

/** No engine could print: the message says what to install or set. */
export class PdfUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfUnavailableError';
  }
}

/** Where Chrome, Chromium or Edge usually are, per system. */
export function usualChromiumPaths(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((x): x is string => !!x);
    return roots.flatMap((r) => [
      path.win32.join(r, 'Chromium', 'Application', 'chrome.exe'),
      path.win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/usr/bin/microsoft-edge'];
}

/** CHROMIUM_PATH when set (it must exist), else the first usual path that exists, else null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = fs.existsSync): string | null {
  const given = env.CHROMIUM_PATH?.trim();
  if (given) {
    if (!exists(given)) throw new PdfUnavailableError(`CHROMIUM_PATH is set to ${given}, but there is no such file. Point it at a Chromium, Chrome or Edge executable.`);
    return given;
  }
  return usualChromiumPaths(process.platform, env).find((p) => exists(p)) ?? null;
}

export const NO_CHROMIUM = 'No PDF engine: PDF export from the command line prints through a Chromium, Chrome or Edge, and none was found. Install one (on Debian or Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to its executable. The desktop app prints PDFs itself.';

/**
 * The command line's engine: `chromium --headless --print-to-pdf` on the HTML in a private
 * temporary folder, with networking, extensions and the first-run machinery off. The HTML's own
 * CSP forbids every load, so printing reaches nothing outside the file.
 */
export function chromiumPdfEngine(opts: { executable?: string; timeoutMs?: number } = {}): PdfEngine {
  return async (html) => {
    const exe = opts.executable ?? findChromium();
    if (!exe) throw new PdfUnavailableError(NO_CHROMIUM);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-pdf-'));
    try {
      const input = path.join(dir, 'report.html');
      const output = path.join(dir, 'report.pdf');
      fs.writeFileSync(input, html);
      const args = [
        '--headless', '--disable-gpu', '--no-first-run', '--no-default-browser-check', '--disable-extensions',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
        '--no-pdf-header-footer', `--user-data-dir=${path.join(dir, 'profile')}`, `--print-to-pdf=${output}`,
        // Chromium refuses to start its sandbox as root (containers, CI).
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        `file://${input}`,
      ];
      await run(exe, args, opts.timeoutMs ?? 60_000);
      const bytes = fs.existsSync(output) ? fs.readFileSync(output) : null;
      if (!bytes || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
        throw new PdfUnavailableError(`${exe} ran but wrote no PDF. Check that it is a working Chromium (try "${exe} --version").`);
      }
      return new Uint8Array(bytes);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

function run(exe: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const child = spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new PdfUnavailableError(`${exe} did not finish printing the PDF within ${Math.round(timeoutMs / 1000)} s.`));
    }, timeoutMs);
    child.stderr.on('data', (d: Buffer) => { if (stderr.length < 4000) stderr += d.toString(); });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new PdfUnavailableError(`Cannot run ${exe}: ${e.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new PdfUnavailableError(`${exe} failed to print the PDF (exit code ${String(code)}): ${stderr.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}
