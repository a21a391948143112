// Reading saved web pages (issue 14): text only, nothing executed or fetched, the page's own
// address and capture time, and clear refusals at the limits.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PAGE_LIMITS, PageReadError, pageFormatOf, readSavedPage } from '../../electron/core/attachments/pages';
import { foldText } from '../../shared/text/fold';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(__dirname, '../fixtures/pages', name)));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(PageReadError);
  return (err as Error).message;
}

describe('saved pages: HTML', () => {
  it('reads an Arabic page as text, its canonical address over og:url and the saved-from comment', async () => {
    const p = await readSavedPage(fixture('arabic-statement.html'), 'text/html');
    expect(p).toMatchObject({ format: 'html', url: 'https://news.example.org/ar/2023/11/01/nujaba-bayan', capturedAt: null, truncated: false });
    expect(p?.title).toBe('بيان المقاومة الإسلامية — حركة النجباء');
    // Diacritics are kept as written (search folds its own copy); blocks become lines.
    expect(p?.text.split('\n')).toContain('بيانُ المُقاوَمةِ الإسلاميّة');
    expect(foldText(p?.text ?? '')).toContain(foldText('المقاومة مستمرة'));
    expect(p?.text).not.toMatch(/display|analytics|stylesheet/);
  });

  it('takes the "saved from url" comment when the page names no address itself', async () => {
    const html = '<!-- saved from url=(0031)https://example.org/saved/page -->\n<html><body><p>Body</p></body></html>';
    expect(await readSavedPage(utf8(html), 'text/html')).toMatchObject({ url: 'https://example.org/saved/page', text: 'Body' });
    // Only http(s) addresses are offered.
    const js = '<html><head><link rel="canonical" href="javascript:alert(1)"></head><body>x</body></html>';
    expect((await readSavedPage(utf8(js), 'text/html'))?.url).toBeNull();
  });

  it('a hostile page gives its visible words only: no script, style, frame, SVG, hidden or form text, no addresses followed', async () => {
    const p = await readSavedPage(fixture('hostile.html'), 'text/html');
    expect(p?.text).toBe([
      'Claim of responsibility',
      'The brigade claimed the attack on the convoy.',
      'Read the full statement and the source.',
      "<script>alert('escaped text stays text')</script>",
    ].join('\n'));
    expect(p?.url).toBeNull();
  });

  it('a page nested 200,000 elements deep is read without exhausting the stack', async () => {
    const deep = `<html><body>${'<div>'.repeat(200_000)}deep text${'</div>'.repeat(200_000)}</body></html>`;
    expect((await readSavedPage(utf8(deep), 'text/html'))?.text).toBe('deep text');
  });
});

describe('saved pages: MHTML', () => {
  it('decodes the quoted-printable HTML part; address and time from Snapshot-Content-Location and Date', async () => {
    // The attachment sniffer calls it text/html (it sees markup inside): the MIME headers decide.
    const p = await readSavedPage(fixture('video-statement.mhtml'), 'text/html');
    expect(p).toMatchObject({ format: 'mhtml', url: 'https://t.example.org/nujaba/4521', capturedAt: '2023-10-30T15:04:12.000Z', title: 'تسجيل مرئي: كلمة الأمين العام' });
    expect(p?.text).toContain('نُحيّي أبطالَ المُقاوَمة في كلِّ مكان');
    expect(p?.text).not.toContain('scripted');
  });

  it('a base64 part in another charset; an unknown charset is named', async () => {
    const body = Buffer.from('<html><body><p>caf\xe9 cr\xe8me</p></body></html>', 'latin1').toString('base64');
    const msg = (charset: string) => utf8([
      'MIME-Version: 1.0', 'Date: Wed, 01 Nov 2023 10:00:00 GMT', 'Content-Type: multipart/related; boundary="b1"', '', '--b1',
      `Content-Type: text/html; charset=${charset}`, 'Content-Transfer-Encoding: base64', '', body, '--b1--', '',
    ].join('\r\n'));
    expect((await readSavedPage(msg('iso-8859-1'), 'text/plain'))?.text).toBe('café crème');
    expect(await refusal(readSavedPage(msg('x-klingon'), 'text/plain'))).toMatch(/character set "x-klingon"/);
  });

  it('names what is wrong with a broken one', async () => {
    const noBoundary = utf8('MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\nbody');
    expect(await refusal(readSavedPage(noBoundary, 'text/plain'))).toMatch(/names no boundary/);
    const noHtml = utf8('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\nContent-Type: image/png\r\n\r\nPNG\r\n--x--\r\n');
    expect(await refusal(readSavedPage(noHtml, 'text/plain'))).toMatch(/none of its 1 parts is an HTML page/);
  });
});

describe('saved pages: WARC', () => {
  it('finds the HTML response among the records; address and time from WARC-Target-URI and WARC-Date', async () => {
    const p = await readSavedPage(fixture('written-statement.warc'), 'text/html');
    expect(p).toMatchObject({ format: 'warc', url: 'https://archive.example.org/bayanat/3', capturedAt: '2023-10-23T14:02:11.000Z', title: 'بيان مكتوب' });
    expect(p?.text).toContain('إنّ عملياتِ المُقاوَمة ستتواصل.');
  });

  it('reads a .warc.gz gzipped record by record', async () => {
    const raw = Buffer.from(fixture('written-statement.warc'));
    // Split at each record start and gzip each as its own member, as warc writers do.
    const starts = [...raw.toString('latin1').matchAll(/WARC\/1\.1\r\n/g)].map((m) => m.index);
    const members = starts.map((s, i) => zlib.gzipSync(raw.subarray(s, starts[i + 1] ?? raw.length)));
    const gz = new Uint8Array(Buffer.concat(members));
    expect(pageFormatOf(gz, 'application/gzip')).toBe('warc');
    expect((await readSavedPage(gz, 'application/gzip'))?.url).toBe('https://archive.example.org/bayanat/3');
  });

  it('a truncated file names the record and what is missing', async () => {
    const raw = fixture('written-statement.warc');
    expect(await refusal(readSavedPage(raw.subarray(0, raw.length - 100), 'text/plain'))).toMatch(/record 3 says it is \d+ bytes long but the file ends before that/);
  });
});

describe('saved pages: PDF', () => {
  it('text page by page with pdf.js; title, address and creation time from the document info', async () => {
    const p = await readSavedPage(fixture('communique.pdf'), 'application/pdf');
    expect(p).toMatchObject({ format: 'pdf', title: 'Communique No. 7', url: 'https://brigades.example.org/bayanat/7', capturedAt: '2023-11-01T05:30:00.000Z' });
    expect(p?.text).toContain('The brigades announce the end of the truce');
  });

  it('a damaged PDF is refused with pdf.js\'s reason', async () => {
    expect(await refusal(readSavedPage(utf8('%PDF-1.4\ngarbage'), 'application/pdf'))).toMatch(/pdf\.js cannot read it/);
  });
});

describe('saved pages: what is not one, and the limits', () => {
  it('an image or plain notes are not saved pages', async () => {
    expect(await readSavedPage(utf8('just some notes'), 'text/plain')).toBeNull();
    expect(await readSavedPage(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'image/png')).toBeNull();
  });

  it('a page over the size limit is refused, naming its size and the limit', async () => {
    const huge = utf8(`<html><body>${'<p>رسالة طويلة جدا</p>'.repeat(1_200_000)}</body></html>`);
    expect(huge.length).toBeGreaterThan(PAGE_LIMITS.maxBytes);
    expect(await refusal(readSavedPage(huge, 'text/html'))).toMatch(/it is \d+\.\d MB; text is read from saved pages up to 32 MB/);
  });

  it('text beyond the kept length is cut and says so', async () => {
    const p = await readSavedPage(utf8(`<html><body><p>${'word '.repeat(1000)}</p></body></html>`), 'text/html', { ...PAGE_LIMITS, maxChars: 100 });
    expect(p?.text.length).toBe(100);
    expect(p?.truncated).toBe(true);
  });
});
