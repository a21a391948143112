import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { META_CSP, devCsp } from './electron/main/csp';
import { mainBuild } from './scripts/mainBuild';

const here = __dirname;

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

/**
 * Keeps renderer/index.html's CSP meta tag identical to the header main sends, and fails the
 * build if the built page would need 'unsafe-inline' (an inline script, <style> or style="").
 * Under `electron-vite dev` the tag is swapped for the looser dev policy (see devCsp).
 */
function cspGuard(): Plugin {
  return {
    name: 'casefile:csp-guard',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const meta = CSP_META.exec(html);
        if (!meta) throw new Error('renderer/index.html must carry a Content-Security-Policy meta tag.');
        if (meta[1] !== META_CSP) {
          throw new Error(`renderer/index.html CSP differs from electron/main/csp.ts:\n  html: ${meta[1]}\n  csp.ts: ${META_CSP}`);
        }
        if (ctx.server) {
          const origin = ctx.server.resolvedUrls?.local[0] ?? `http://localhost:${ctx.server.config.server.port}`;
          return html.replace(meta[0], `<meta http-equiv="Content-Security-Policy" content="${devCsp(origin)}" />`);
        }
        const code = html.replace(/<!--[\s\S]*?-->/g, '');
        const inline = [/<script\b(?![^>]*\bsrc=)[^>]*>/i, /<style\b/i, /\sstyle\s*=/i].find((re) => re.test(code));
        if (inline) throw new Error(`The built index.html has inline code or styles (${inline}); the CSP would block it.`);
        return html;
      },
    },
  };
}

export default defineConfig({
  // The Core host (a utility process main forks) and its job worker thread: each is looked up
  // by name beside the bundle (electron/core/host/load.ts).
  main: mainBuild(
    {
      index: resolve(here, 'electron/main/index.ts'),
      coreHost: resolve(here, 'electron/core/host/entry.ts'),
      jobWorker: resolve(here, 'electron/core/host/jobWorker.ts'),
    },
    resolve(here, 'out/main'),
  ),
  preload: {
    build: {
      outDir: resolve(here, 'out/preload'),
      // A sandboxed preload can require('electron') and nothing else: one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(here, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(here, 'renderer'),
    plugins: [react(), cspGuard()],
    build: {
      outDir: resolve(here, 'out/renderer'),
      // electron-vite leaves the renderer unminified by default; the page loads from disk, but
      // 2 MB of source to parse on every start is time the user waits for.
      minify: true,
      // Nothing may be inlined as a data: script or style: the CSP would refuse it.
      assetsInlineLimit: 0,
      rolldownOptions: {
        input: resolve(here, 'renderer/index.html'),
      },
    },
  },
});
