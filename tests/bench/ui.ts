/**
 * `npm run bench:ui [-- --count N --json --data DIR --runs N --scroll-seconds S --strict]`
 *
 * The workstation with a big case, in the system's Chromium through the e2e harness:
 *   1. seeds a data folder with one case of 10,000 statements (through core.invoke);
 *   2. opens the app, picks the profile, opens the case, and finds the statements list:
 *      a `grid` or `list` whose accessible name is "Statements";
 *   3. measures the time from navigation (or from the click that opens the case, if the case
 *      page has no address of its own) to the list being shown and the page interactive;
 *   4. scrolls that list for a few seconds and reports the frame times (rAF deltas).
 *   5. starts a reindex of the whole desk in the Core host (a child process, as the app's utility
 *      process) and, while it runs, scrolls again and asks a search through the page's bridge.
 * Targets (issue 4): interactive under 1 s, no frame over 50 ms; (issue 11) frame p95 <= 50 ms
 * and a search answered during the reindex. --strict exits 1 on a miss.
 * Exits 1 with a message when there is no statements list to measure.
 * --renderer DIR serves another renderer build (default out/renderer), e.g. to compare two.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { createCore } from '../../electron/core/index';
import { launchChromium } from '../e2e/chromium';
import { createHarness } from '../e2e/harness/server';

const TARGET_INTERACTIVE_MS = 1000;
const TARGET_MAX_FRAME_MS = 50;
const PROFILE_NAME = 'Bench Analyst';
const CASE_TITLE = 'Bench: 10,000 statements';
const SEED_MARKER = 'bench-ui-seed.json';

interface Seed {
  profileId: string;
  caseId: string;
  count: number;
  caseTitle: string;
}

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    data: { type: 'string' },
    runs: { type: 'string', default: '3' },
    'scroll-seconds': { type: 'string', default: '4' },
    json: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    renderer: { type: 'string' },
  },
  strict: true,
});

const count = Number(args.count);
const runs = Math.max(1, Number(args.runs));
const scrollSeconds = Math.max(1, Number(args['scroll-seconds']));
const say = (line: string) => {
  if (!args.json) console.log(line);
};

const SPEAKERS = ['أبو محمد العدناني', 'المتحدث الرسمي', 'Abu Bakr al-Baghdadi', 'أبو عبيدة', 'Spokesman of the Command'];
const PHRASES = [
  'قال المتحدث الرسمي باسم الجماعة في كلمة صوتية إن',
  'وَأَعِدُّوا لَهُمْ مَا اسْتَطَعْتُمْ مِنْ قُوَّةٍ',
  'In a statement posted on Telegram, the group claimed that',
  'أعلنت القيادة العامة في بيان نشر على قناتها',
  'The audio message, about 30 minutes long, repeats the call to',
];

async function seed(dataDir: string): Promise<{ seed: Seed; ms: number; reused: boolean }> {
  const marker = path.join(dataDir, SEED_MARKER);
  if (fs.existsSync(marker)) {
    const s = JSON.parse(fs.readFileSync(marker, 'utf8')) as Seed;
    if (s.count === count) return { seed: s, ms: 0, reused: true };
    throw new Error(`${dataDir} was seeded with ${s.count} statements, not ${count}: use another --data folder.`);
  }
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty and was not seeded by this benchmark.`);
  }
  const started = performance.now();
  const core = createCore({ dataDir });
  try {
    // Setup only: no fsync per statement, and a thousand statements per transaction (the
    // services' own transactions become savepoints). The measured part never writes.
    core.db.pragma('synchronous = OFF');
    const profile = await core.invoke('profiles.create', {
      as: null, name: PROFILE_NAME, initials: 'BA', roles: ['admin', 'analyst', 'case_manager', 'reviewer'],
    });
    const kase = await core.invoke('cases.create', {
      as: profile.id, title: CASE_TITLE.replace('10,000', count.toLocaleString('en-US')), summary: 'Seeded by npm run bench:ui.', marking: 'internal',
    });
    for (let i = 0; i < count; i++) {
      if (i % 1000 === 0) core.db.exec('BEGIN');
      const day = new Date(Date.UTC(2014, 0, 1) + i * 6 * 3600_000).toISOString().slice(0, 10);
      await core.invoke('statements.create', {
        as: profile.id,
        caseIds: [kase.id],
        language: i % 5 === 2 || i % 5 === 4 ? 'en' : 'ar',
        originalText: `${PHRASES[i % PHRASES.length]} (${i + 1}) #وسم_${i % 97} — ${SPEAKERS[i % SPEAKERS.length]}`,
        summary: `Statement ${i + 1} of ${count}: ${SPEAKERS[i % SPEAKERS.length]}`,
        saidAt: day,
        datePrecision: 'day',
        platform: i % 2 ? 'Telegram' : 'X',
        handle: `@channel_${i % 31}`,
      });
      if (i % 1000 === 999 || i === count - 1) core.db.exec('COMMIT');
      if (i % 2000 === 1999) say(`  seeded ${i + 1} statements…`);
    }
    const s: Seed = { profileId: profile.id, caseId: kase.id, count, caseTitle: kase.title };
    fs.writeFileSync(marker, JSON.stringify(s));
    return { seed: s, ms: performance.now() - started, reused: false };
  } finally {
    core.close();
  }
}

// Instrumentation in the page (runs before the app): finds the statements list on the first
// frame it is shown (looking again after every click or key), records long tasks and the last
// input, so every time is measured in-page against navigation start or the opening click.
const INIT = `(() => {
  const b = { longTasks: [], lastInput: null, listVisibleAt: null };
  const named = (el) => {
    const label = el.getAttribute('aria-label');
    if (label !== null) return label.trim();
    const ids = el.getAttribute('aria-labelledby');
    return ids ? ids.split(/\\s+/).map((id) => (document.getElementById(id)?.textContent ?? '').trim()).join(' ') : '';
  };
  b.findList = () => [...document.querySelectorAll('[role=grid], [role=list], ul, ol')].find((el) => named(el) === 'Statements') ?? null;
  b.rows = (list) => list.querySelectorAll('[role=row], [role=listitem], li');
  const shown = () => {
    const list = b.findList();
    if (!list) return false;
    for (const r of b.rows(list)) {
      if ((r.textContent ?? '').trim() !== '' && r.getBoundingClientRect().height > 0) return true;
    }
    return false;
  };
  let looking = false;
  const look = () => {
    if (shown()) { b.listVisibleAt = performance.now(); looking = false; return; }
    requestAnimationFrame(look);
  };
  const startLooking = () => { b.listVisibleAt = null; if (!looking) { looking = true; requestAnimationFrame(look); } };
  Object.defineProperty(window, '__bench', { value: b });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  addEventListener('pointerdown', (e) => { b.lastInput = e.timeStamp; startLooking(); }, true);
  addEventListener('keydown', (e) => { b.lastInput = e.timeStamp; startLooking(); }, true);
  startLooking();

  // Scrolls the list's scroll container by a fixed step every frame; returns the frame times.
  b.scroll = async (seconds) => {
    const list = b.findList();
    if (!list) throw new Error('no statements list');
    const scrollable = (el) => /(auto|scroll)/.test(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight + 1;
    // The list itself, else its own scrolling body (a grid's rowgroup), else an ancestor.
    let box = scrollable(list) ? list : [...list.querySelectorAll('*')].find(scrollable) ?? list.parentElement;
    while (box && !scrollable(box)) box = box.parentElement;
    const scroller = box ?? document.scrollingElement ?? document.documentElement;
    const placeholders = () => [...b.rows(list)].filter((r) => /^\\s*Loading/.test(r.textContent ?? '')).length;
    let framesWithPlaceholders = 0;
    const rowsBefore = b.rows(list).length;
    const deltas = [];
    const step = 60; // px per frame: a brisk wheel scroll at 60 Hz
    let dir = 1;
    let moved = 0;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const end = performance.now() + seconds * 1000;
    let last = await frame();
    while (last < end) {
      const before = scroller.scrollTop;
      scroller.scrollTop = before + dir * step;
      if (scroller.scrollTop === before) dir = -dir;
      moved += Math.abs(scroller.scrollTop - before);
      const now = await frame();
      deltas.push(now - last);
      last = now;
      if (deltas.length % 10 === 0 && placeholders() > 0) framesWithPlaceholders++;
    }
    // Rows still waiting for their data half a second after the scrolling stopped.
    await new Promise((r) => setTimeout(r, 500));
    const placeholdersAfter = placeholders();
    const sorted = [...deltas].sort((x, y) => x - y);
    const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    const role = scroller.getAttribute && scroller.getAttribute('role');
    return {
      frames: deltas.length,
      maxMs: sorted[sorted.length - 1] ?? 0,
      p95Ms: pick(0.95),
      p50Ms: pick(0.5),
      meanMs: deltas.reduce((x, y) => x + y, 0) / Math.max(1, deltas.length),
      over50: deltas.filter((d) => d > 50).length,
      scrolledPx: moved,
      container: scroller === document.scrollingElement ? 'the document' : scroller.tagName.toLowerCase() + (role ? '[role=' + role + ']' : ''),
      rowsInDomBefore: rowsBefore,
      rowsInDomAfter: b.rows(list).length,
      sampledFramesWithPlaceholders: framesWithPlaceholders,
      sampledFrames: Math.floor(deltas.length / 10),
      placeholdersAfter,
    };
  };
})();`;

interface BenchHooks {
  longTasks: { start: number; end: number }[];
  lastInput: number | null;
  listVisibleAt: number | null;
  findList(): Element | null;
  rows(list: Element): NodeListOf<Element>;
  scroll(seconds: number): Promise<ScrollResult>;
}

function statementsList(page: Page): Locator {
  return page.getByRole('grid', { name: 'Statements', exact: true }).or(page.getByRole('list', { name: 'Statements', exact: true })).first();
}

async function visible(l: Locator): Promise<boolean> {
  return l.first().isVisible().catch(() => false);
}

/**
 * Gets from wherever the app starts to the case's statements, with nothing but roles and
 * names: pick the profile, open the case, open its Statements tab. Returns whether the
 * statements list appeared, and what the last step that opened it was.
 */
async function reachStatements(page: Page, s: Seed): Promise<{ found: boolean; via: string[] }> {
  const via: string[] = [];
  const name = (t: string) => ({ name: new RegExp(t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  const deadline = Date.now() + 30_000;
  let lastAction = Date.now();
  // Gives up when nothing it knows how to click has shown up for 5 s.
  while (Date.now() < deadline && Date.now() - lastAction < 5_000) {
    if (await visible(statementsList(page))) return { found: true, via };
    // Never the title-bar button that names who is already working.
    const profileNamed = { name: new RegExp(`^(?!Working as).*${PROFILE_NAME}`) };
    const steps: [string, Locator][] = [
      ['profile radio', page.getByRole('radio', profileNamed)],
      ['profile button', page.getByRole('button', profileNamed)],
      ['profile option', page.getByRole('option', profileNamed)],
      ['statements tab', page.getByRole('tab', { name: /^Statements\b/ })],
      ['case link', page.getByRole('link', name(s.caseTitle))],
      ['case button', page.getByRole('button', name(s.caseTitle))],
      ['case row', page.getByRole('row', name(s.caseTitle))],
      ['statements link', page.getByRole('link', { name: /^Statements\b/ })],
    ];
    let acted = false;
    for (const [label, loc] of steps) {
      // A step that did not lead anywhere twice is not the way.
      if (via.filter((v) => v === label).length >= 2) continue;
      if (!(await visible(loc))) continue;
      if (label === 'profile radio') {
        await loc.first().check({ timeout: 5_000 });
        const go = page.getByRole('button', { name: /^(Open|Continue|Start|Sign in|Work as)/ });
        if (await visible(go)) await go.first().click({ timeout: 5_000 });
      } else {
        await loc.first().click({ timeout: 5_000 });
      }
      via.push(label);
      acted = true;
      lastAction = Date.now();
      break;
    }
    if (via.length > 12) break;
    await page.waitForTimeout(acted ? 100 : 250);
  }
  return { found: await visible(statementsList(page)), via };
}

interface Ready {
  listVisibleMs: number;
  interactiveMs: number;
  rowsInDom: number;
}

/**
 * Waits in the page for the list (seen by the per-frame probe), then for a quiet main thread:
 * interactive = the end of the last long task (> 50 ms) before a 500 ms stretch without one.
 */
async function waitReady(page: Page, since: 'navigation' | 'input', timeoutMs = 30_000): Promise<Ready> {
  return page.evaluate(async ({ since, timeoutMs }) => {
    const b = (window as unknown as { __bench: BenchHooks }).__bench;
    const t0 = since === 'navigation' ? 0 : (b.lastInput ?? 0);
    const started = performance.now();
    while (b.listVisibleAt === null) {
      if (performance.now() - started > timeoutMs) throw new Error(`the statements list did not appear within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const listVisible = b.listVisibleAt;
    let interactive = listVisible;
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const last = b.longTasks.filter((t) => t.end >= t0).reduce((m, t) => Math.max(m, t.end), 0);
      interactive = Math.max(listVisible, last);
      if (performance.now() - interactive >= 500) break;
    }
    const list = b.findList();
    return { listVisibleMs: listVisible - t0, interactiveMs: interactive - t0, rowsInDom: list ? b.rows(list).length : 0 };
  }, { since, timeoutMs });
}

interface ScrollResult {
  frames: number;
  maxMs: number;
  p95Ms: number;
  p50Ms: number;
  meanMs: number;
  over50: number;
  scrolledPx: number;
  container: string;
  rowsInDomBefore: number;
  rowsInDomAfter: number;
  /** Every 10th frame: whether some row was still a "Loading…" placeholder. */
  sampledFramesWithPlaceholders: number;
  sampledFrames: number;
  placeholdersAfter: number;
}

/** Scrolls the list's scroll container by a fixed step every frame and records the frame times. */
async function measureScroll(page: Page, seconds: number): Promise<ScrollResult> {
  // The in-page half is the INIT script's scroll(): tsx would wrap named functions written
  // here in a __name() helper that the page does not have.
  return page.evaluate((s) => (window as unknown as { __bench: BenchHooks }).__bench.scroll(s), seconds);
}

interface DuringReindex {
  reindexMs: number;
  scroll: ScrollResult;
  scrollWhileRunning: boolean;
  searchMs: number;
  searchHits: number;
  searchAnsweredWhileRunning: boolean;
}

/**
 * The scenario: a reindex of the whole desk starts (in the Core host, as in the app),
 * and meanwhile the window scrolls and a search is asked through the page's own bridge.
 */
async function duringReindex(page: Page, harness: Awaited<ReturnType<typeof createHarness>>, s: Seed, seconds: number): Promise<DuringReindex> {
  let running = false;
  let started!: () => void;
  const begun = new Promise<void>((r) => { started = r; });
  const t0 = performance.now();
  const reindex = harness.core.invoke('desk.reindex', { as: s.profileId }, { onProgress: () => { running = true; started(); } })
    .finally(() => { running = false; });
  await begun;
  const scroll = await measureScroll(page, Math.min(seconds, 2));
  const scrollWhileRunning = running;
  const asked = await page.evaluate(async (as) => {
    const t = performance.now();
    const r = await window.casefile.invoke('search.query', { as, q: 'Telegram', limit: 20 });
    return { ms: performance.now() - t, hits: r.ok ? r.value.total : -1 };
  }, s.profileId);
  const searchAnsweredWhileRunning = running;
  await reindex;
  return { reindexMs: performance.now() - t0, scroll, scrollWhileRunning, searchMs: asked.ms, searchHits: asked.hits, searchAnsweredWhileRunning };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<number> {
  const temp = !args.data;
  const dataDir = path.resolve(args.data ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cf-bench-ui-')));
  say(`bench:ui — ${count.toLocaleString('en-US')} statements in one case; data ${dataDir}${temp ? ' (temporary)' : ''}`);
  const seeded = await seed(dataDir);
  say(seeded.reused ? '  reused the seeded data folder' : `  seeded in ${(seeded.ms / 1000).toFixed(1)} s`);

  const harness = await createHarness({ dataDir, ...(args.renderer ? { rendererDir: args.renderer } : {}) });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'UTC' });
    await context.addInitScript({ content: INIT });
    const page = await context.newPage();
    await page.goto(harness.url, { waitUntil: 'load' });
    const reached = await reachStatements(page, seeded.seed);
    if (!reached.found) {
      const message = 'bench:ui: no statements list on screen. The case page must show its statements in an element with '
        + 'role "grid" or "list" and the accessible name "Statements" (e.g. aria-label="Statements"), reachable from the start '
        + 'by choosing the profile, then the case (a link, button or row named by its title), then a "Statements" tab if any. '
        + `Steps taken: ${reached.via.join(' → ') || 'none'}.`;
      if (args.json) console.log(JSON.stringify({ ok: false, error: message }));
      else console.error(message);
      return 1;
    }

    // Deep link: if the case page has an address, the measurement is a fresh navigation to it.
    const caseUrl = page.url();
    const deepLink = caseUrl.includes(seeded.seed.caseId);
    const samples: Ready[] = [];
    for (let i = 0; i < runs; i++) {
      if (deepLink) {
        const p = await context.newPage();
        await p.goto(caseUrl, { waitUntil: 'commit' });
        try {
          samples.push(await waitReady(p, 'navigation', 15_000));
        } catch {
          // The address alone did not bring the list (e.g. the profile is asked again): click through.
          const again = await reachStatements(p, seeded.seed);
          if (!again.found) throw new Error('could not reach the statements list from the case address');
          say(`  note: the case address needed ${again.via.join(' → ')}; timed from the last click`);
          samples.push(await waitReady(p, 'input'));
        }
        await p.close();
      } else {
        await page.goto(harness.origin + '/', { waitUntil: 'load' });
        const again = await reachStatements(page, seeded.seed);
        if (!again.found) throw new Error('could not reach the statements list again');
        samples.push(await waitReady(page, 'input'));
      }
    }
    const scroll = await measureScroll(page, scrollSeconds);
    const during = await duringReindex(page, harness, seeded.seed, scrollSeconds);
    const result = {
      ok: true,
      statements: count,
      measuredFrom: deepLink ? 'navigation to the case page address' : 'the click that opened the case (no address for the case page)',
      path: reached.via,
      runs: samples.length,
      listVisibleMs: { median: median(samples.map((s) => s.listVisibleMs)), max: Math.max(...samples.map((s) => s.listVisibleMs)) },
      interactiveMs: { median: median(samples.map((s) => s.interactiveMs)), max: Math.max(...samples.map((s) => s.interactiveMs)) },
      rowsInDom: samples[0]?.rowsInDom ?? 0,
      samples,
      scroll,
      duringReindex: during,
      targets: {
        interactiveUnder1s: Math.max(...samples.map((s) => s.interactiveMs)) < TARGET_INTERACTIVE_MS,
        noFrameOver50ms: scroll.maxMs <= TARGET_MAX_FRAME_MS,
        duringReindexP95Under50ms: during.scroll.p95Ms <= TARGET_MAX_FRAME_MS,
        searchAnsweredDuringReindex: during.searchAnsweredWhileRunning,
      },
      environment: { chromium: browser.version(), headless: true, gpu: false, cpus: os.cpus().length },
    };
    if (args.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      const f = (n: number) => `${n.toFixed(0)} ms`;
      say(`  reached the list via: ${reached.via.join(' → ') || '(already on screen)'}`);
      say(`  measured from ${result.measuredFrom}, ${samples.length} runs`);
      say(`  list visible   median ${f(result.listVisibleMs.median)}  max ${f(result.listVisibleMs.max)}`);
      say(`  interactive    median ${f(result.interactiveMs.median)}  max ${f(result.interactiveMs.max)}   target < ${TARGET_INTERACTIVE_MS} ms: ${result.targets.interactiveUnder1s ? 'met' : 'MISSED'}`);
      say(`  rows in DOM    ${result.rowsInDom} of ${count}${result.rowsInDom >= count ? '  (not virtualized)' : ''}`);
      say(`  scrolling      ${scroll.frames} frames over ${scrollSeconds} s in ${scroll.container}, ${Math.round(scroll.scrolledPx)} px`);
      say(`  frame time     p50 ${scroll.p50Ms.toFixed(1)} ms  p95 ${scroll.p95Ms.toFixed(1)} ms  max ${scroll.maxMs.toFixed(1)} ms  frames over 50 ms: ${scroll.over50}   target max <= ${TARGET_MAX_FRAME_MS} ms: ${result.targets.noFrameOver50ms ? 'met' : 'MISSED'}`);
      const d = result.duringReindex;
      say(`  during a reindex of ${count.toLocaleString('en-US')} statements (${(d.reindexMs / 1000).toFixed(1)} s, in the Core host's job worker):`);
      say(`    scrolling    ${d.scroll.frames} frames, p50 ${d.scroll.p50Ms.toFixed(1)} ms  p95 ${d.scroll.p95Ms.toFixed(1)} ms  max ${d.scroll.maxMs.toFixed(1)} ms   target p95 <= ${TARGET_MAX_FRAME_MS} ms: ${result.targets.duringReindexP95Under50ms ? 'met' : 'MISSED'}${d.scrollWhileRunning ? '' : '  (the reindex ended before the scrolling did)'}`);
      say(`    search       answered in ${d.searchMs.toFixed(0)} ms (${d.searchHits} hits) ${d.searchAnsweredWhileRunning ? 'while the reindex was still running' : 'AFTER the reindex had ended'}`);
      say(`  placeholders   rows still "Loading…" in ${scroll.sampledFramesWithPlaceholders} of ${scroll.sampledFrames} sampled frames; ${scroll.placeholdersAfter} left 0.5 s after scrolling`);
      say(`  (headless Chromium ${result.environment.chromium}, software rendering, ${result.environment.cpus} CPUs)`);
    }
    const met = Object.values(result.targets).every(Boolean);
    return args.strict && !met ? 1 : 0;
  } finally {
    await browser.close();
    await harness.close();
    if (temp) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`bench:ui failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    process.exit(1);
  },
);
