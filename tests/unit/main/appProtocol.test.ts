// The page's own scheme: casefile://app/ serves the built renderer and nothing else, with the
// right MIME types and the CSP on every response.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, createAppProtocolHandler, mimeTypeOf } from '../../../electron/main/appProtocol';
import { CSP } from '../../../electron/main/csp';

let root: string;
let rendererDir: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-protocol-'));
  rendererDir = path.join(root, 'out', 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Casefile</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-1234.js'), 'console.log(1)');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-1234.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'out', 'main.js'), 'secret main bundle');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
  serve = createAppProtocolHandler({ rendererDir, csp: CSP });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const get = (url: string, init?: RequestInit) => serve(new Request(url, init));

describe('casefile://app/', () => {
  it('serves the page and its assets with their types, the CSP and nosniff', async () => {
    for (const url of [APP_URL, 'casefile://app/', `${APP_URL}?x=1#/cases`]) {
      const r = await get(url);
      expect(r.status, url).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(r.headers.get('content-security-policy')).toBe(CSP);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await r.text()).toBe('<!doctype html><title>Casefile</title>');
    }
    const js = await get('casefile://app/assets/index-1234.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('casefile://app/assets/index-1234.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(mimeTypeOf('a.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('a.unknown')).toBe('application/octet-stream');
    const head = await get(APP_URL, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never leaves out/renderer: dot segments, encoded ones, backslashes, NUL and symbolic links are refused', async () => {
    const cases: [string, number][] = [
      ['casefile://app/..%2Fmain.js', 403],
      ['casefile://app/assets/..%2F..%2F..%2Fsecret.txt', 403],
      ['casefile://app/%2e%2e%2f%2e%2e%2fsecret.txt', 403],
      ['casefile://app/..%5Cmain.js', 400],
      ['casefile://app/index.html%00.js', 400],
      ['casefile://app/%E0%A4%A', 400],
      ['casefile://app/assets/link.txt', 403],
      // The URL parser resolves dot segments (plain or encoded as %2e) itself: what is left is inside, and absent.
      ['casefile://app/../../secret.txt', 404],
      ['casefile://app/%2e%2e/main.js', 404],
    ];
    for (const [url, status] of cases) {
      const r = await get(url);
      expect(r.status, url).toBe(status);
      expect(r.headers.get('content-security-policy'), url).toBe(CSP);
      expect(await r.text(), url).not.toContain('secret');
    }
  });

  it('answers nothing else: another host, another scheme, a folder, a missing file, a POST', async () => {
    expect((await get('casefile://other/index.html')).status).toBe(404);
    expect((await get('https://app/index.html')).status).toBe(404);
    expect((await get('casefile://app/assets')).status).toBe(404);
    expect((await get('casefile://app/assets/')).status).toBe(404);
    expect((await get('casefile://app/nope.js')).status).toBe(404);
    const post = await get(APP_URL, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CSP);
  });
});
