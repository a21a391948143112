// The harness itself: the door must be as strict as Electron's (token, loopback, same origin),
// serve the build read-only with the page's own CSP, and carry contract values faithfully.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { invokeResult, postHarness } from './harness/client';
import { createHarness, DEFAULT_RENDERER_DIR, shimSource, type Harness } from './harness/server';
import { openApp, useBrowser } from './support';

const browser = useBrowser();

const open: { harness: Harness; dir: string }[] = [];
afterEach(async () => {
  for (const { harness, dir } of open.splice(0)) {
    await harness.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function bare(): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-harness-'));
  const harness = await createHarness({ dataDir: dir });
  open.push({ harness, dir });
  return harness;
}

/** Raw HTTP, so the Host header and the path go out exactly as written. */
function raw(h: Harness, reqPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: h.port, path: reqPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

const cookieOf = (h: Harness) => ({ cookie: `casefile_harness_${h.port}=${h.token}` });

describe('e2e harness', () => {
  it('listens on 127.0.0.1 with a random port and a random token', async () => {
    const a = await bare();
    const b = await bare();
    expect(a.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.port).not.toBe(b.port);
    expect(a.token).toMatch(/^[0-9a-f]{48}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.url).toBe(`${a.origin}/?token=${a.token}`);
  });

  it('refuses every request without the token, and a wrong Host', async () => {
    const h = await bare();
    expect((await raw(h, '/')).status).toBe(403);
    expect((await raw(h, '/index.html')).status).toBe(403);
    expect((await raw(h, `/?token=${'0'.repeat(48)}`)).status).toBe(403);
    const asset = fs.readdirSync(path.join(DEFAULT_RENDERER_DIR, 'assets')).find((f) => f.endsWith('.js'))!;
    expect((await raw(h, `/assets/${asset}`)).status).toBe(403);
    expect((await raw(h, '/__harness/shim.js')).status).toBe(403);
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 is not us.
    expect((await raw(h, '/', { host: `evil.example:${h.port}`, ...cookieOf(h) })).status).toBe(403);
    // The contract needs the header: a cookie alone (what a cross-site form would carry) is refused.
    const viaCookie = await fetch(`${h.origin}/__harness/invoke`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...cookieOf(h) }, body: '{"method":"profiles.list","input":{}}',
    });
    expect(viaCookie.status).toBe(403);
    expect((await postHarness(h, '/__harness/invoke', { method: 'profiles.list', input: {} }, 'nope')).status).toBe(403);
    const crossOrigin = await fetch(`${h.origin}/__harness/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-casefile-token': h.token, origin: 'http://evil.example' },
      body: '{"method":"profiles.list","input":{}}',
    });
    expect(crossOrigin.status).toBe(403);
    const form = await fetch(`${h.origin}/__harness/invoke`, {
      method: 'POST', headers: { 'content-type': 'text/plain', 'x-casefile-token': h.token }, body: '{}',
    });
    expect(form.status).toBe(415);
  });

  it('first visit sets an HttpOnly SameSite cookie and redirects to /; the page then loads with it', async () => {
    const h = await bare();
    const first = await raw(h, `/?token=${h.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(String(first.headers['set-cookie'])).toMatch(new RegExp(`^casefile_harness_${h.port}=${h.token}; Path=/; HttpOnly; SameSite=Strict`));
    const page = await raw(h, '/', cookieOf(h));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('serves index.html with its own CSP as a header and the shim before the app script', async () => {
    const h = await bare();
    const res = await raw(h, '/', cookieOf(h));
    const built = fs.readFileSync(path.join(DEFAULT_RENDERER_DIR, 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(built)![1]!;
    expect(res.headers['content-security-policy']).toBe(`${meta}; frame-ancestors 'none'`);
    expect(meta).toContain("script-src 'self'");
    expect(meta).not.toContain('unsafe');
    expect(res.body).toContain(meta); // the meta tag is untouched
    const shimAt = res.body.indexOf(`<script src="/__harness/shim.js?token=${h.token}"></script>`);
    const appAt = res.body.indexOf('<script type="module"');
    expect(shimAt).toBeGreaterThan(0);
    expect(appAt).toBeGreaterThan(shimAt);
    // No inline script was added: the CSP would refuse it.
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('serves assets with their content types and nothing outside out/renderer', async () => {
    const h = await bare();
    const assets = fs.readdirSync(path.join(DEFAULT_RENDERER_DIR, 'assets'));
    const js = assets.find((f) => f.endsWith('.js'))!;
    const css = assets.find((f) => f.endsWith('.css'))!;
    const jsRes = await raw(h, `/assets/${js}`, cookieOf(h));
    expect(jsRes.status).toBe(200);
    expect(jsRes.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(jsRes.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw(h, `/assets/${css}`, cookieOf(h))).headers['content-type']).toBe('text/css; charset=utf-8');
    const shim = await raw(h, `/__harness/shim.js?token=${h.token}`);
    expect(shim.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(shim.body).toBe(shimSource());
    expect(shim.body).not.toMatch(/^\s*(import|export)\b/m);

    for (const p of [
      '/../package.json', '/assets/../../package.json', '/%2e%2e/package.json', '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%5cpackage.json', '/assets/%00.js', '/assets', '/assets/', '/nope.js', `/${'%2e%2e/'.repeat(8)}etc/passwd`,
    ]) {
      const res = await raw(h, p, cookieOf(h));
      expect([400, 404], `${p} -> ${res.status}`).toContain(res.status);
      expect(res.body).not.toContain('"name": "casefile"');
    }
    expect((await raw(h, '/', cookieOf(h), 'PUT')).status).toBe(405);
  });

  it('answers contract calls with the Result the preload would give, refusals included', async () => {
    const h = await bare();
    expect(await invokeResult(h, 'profiles.list', {})).toEqual({ ok: true, value: [] });
    const unknown = await invokeResult(h, 'nope.never' as never, {} as never);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const invalid = await invokeResult(h, 'profiles.create', { as: null, name: '', initials: 'X', roles: ['analyst'] });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'name' } });
  });

  it('carries bytes (attachments.add data) both from Node and from the page', async () => {
    const app = await openApp(browser());
    const admin = await app.invoke('profiles.create', { as: null, name: 'Admin', initials: 'AD', roles: ['admin', 'analyst', 'case_manager'] });
    const source = await app.invoke('sources.create', { as: admin.id, title: 'Leaflet', kind: 'document' });
    const bytes = new Uint8Array(256 * 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 256;
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');

    const fromNode = await app.invoke('attachments.add', {
      as: admin.id, ownerType: 'source', ownerId: source.id, fileName: 'bytes.bin', data: bytes,
    });
    expect([fromNode.sha256, fromNode.size]).toEqual([sha, bytes.length]);

    const fromPage = await app.page.evaluate(async ({ as, ownerId }) => {
      const data = new Uint8Array(256 * 3);
      for (let i = 0; i < data.length; i++) data[i] = i % 256;
      return window.casefile.invoke('attachments.add', { as, ownerType: 'source', ownerId, fileName: 'page.bin', data });
    }, { as: admin.id, ownerId: source.id });
    expect(fromPage.ok).toBe(true);
    if (fromPage.ok) expect([fromPage.value.sha256, fromPage.value.size]).toEqual([sha, bytes.length]);
  });

  it('window.casefile is frozen; on() unsubscribes; openExternal is recorded and opens nothing; attachFile picks what a spec queued', async () => {
    const app = await openApp(browser());
    const { page, harness } = app;
    const admin = await app.invoke('profiles.create', { as: null, name: 'Admin', initials: 'AD', roles: ['admin', 'analyst', 'case_manager'] });
    const source = await app.invoke('sources.create', { as: admin.id, title: 'Leaflet', kind: 'document' });

    const shape = await page.evaluate(() => {
      const w = window as unknown as { casefile: unknown };
      const before = w.casefile;
      try {
        w.casefile = {};
      } catch {
        /* strict-mode assignment to a read-only property */
      }
      const b = window.casefile;
      const unsubscribe = b.on('menu', () => {});
      return {
        same: w.casefile === before,
        frozen: Object.isFrozen(b),
        keys: Object.keys(b).sort(),
        unsubscribe: typeof unsubscribe,
      };
    });
    expect(shape).toEqual({ same: true, frozen: true, keys: ['attachFile', 'cancel', 'invoke', 'on', 'openExternal', 'pickBundle', 'previewReportImport', 'saveBundle', 'saveReportExport', 'saveText'], unsubscribe: 'function' });

    const urlBefore = page.url();
    const opened = await page.evaluate(() => window.casefile.openExternal!('https://example.org/post/1'));
    expect(opened).toBe(false);
    expect(harness.openExternalCalls.map((c) => c.url)).toEqual(['https://example.org/post/1']);
    expect(page.url()).toBe(urlBefore);
    expect(app.context.pages()).toHaveLength(1);

    const file = path.join(app.dataDir, 'picked.txt');
    fs.writeFileSync(file, 'evidence');
    harness.queueAttachFile(file);
    const picked = await page.evaluate(({ as, ownerId }) => window.casefile.attachFile!({ as, ownerType: 'source', ownerId }), { as: admin.id, ownerId: source.id });
    expect(picked).toMatchObject({ ok: true, value: { originalName: 'picked.txt', size: 8 } });
    const cancelled = await page.evaluate(({ as, ownerId }) => window.casefile.attachFile!({ as, ownerType: 'source', ownerId }), { as: admin.id, ownerId: source.id });
    expect(cancelled).toEqual({ ok: true, value: null });
  });

  it('close() stops the server and closes the Core it opened; closing twice is fine', async () => {
    const h = await bare();
    expect(await invokeResult(h, 'profiles.list', {})).toEqual({ ok: true, value: [] });
    await h.close();
    await h.close();
    await expect(fetch(`${h.origin}/`)).rejects.toThrow();
    await expect(h.core.invoke('profiles.list', {})).rejects.toThrow(/closed/);
  });
});
