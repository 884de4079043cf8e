/**
 * npm run bench: the cost of Veille's content script on a synthetic x.com timeline.
 *
 * The same timeline of 2,000 tweets (many by partners, many with stored metrics) runs in Debian's
 * Chromium for a few rounds, each in a new browser: once with the built extension, once without it
 * (the control). The two pages scroll in turns, a segment of the timeline at a time, in alternating
 * order. The page scrolls the way X does: it inserts new cellInnerDiv cells and recycles old ones
 * for new tweets. The last line printed is one JSON object with the figures.
 *
 * This is a measurement, not a test: machines are noisy, so compare ratios within one run.
 */
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { cellHtml, type TweetSpec } from '../tests/fixtures/x-dom';
import { EXTENSION_DIR, launchWithExtension, putRecords, routeX } from '../tests/e2e/fixtures';

/**
 * The extension the bench loads: the benchmark's build (`VEILLE_BENCH=1 wxt build`, see
 * wxt.config.ts), which adds to the content script the probe that hands the page its work per scan,
 * its messages and when each overlay went in. The size measured is the shipped build's, in .output,
 * which has no probe.
 */
const BENCH_EXTENSION_DIR = resolve(EXTENSION_DIR, '../bench/chrome-mv3');

const TWEETS = 2000;
const ACCOUNTS = 300;
const PARTNERS = 120;
const CELLS = 30;
const CATEGORIES = ['academic', 'industry', 'journal', 'public_authority', 'media', 'institution', 'other'];

const handle = (i: number) => `acct_${String(i).padStart(3, '0')}`;
const DAY = 86_400_000;
const NOW = Date.now();
/**
 * The timeline's tweets were posted over the last three days, a minute apart, as on a home
 * timeline: the extension knows up front what is stored about such recent tweets. With
 * BENCH_OLD_TWEETS=1 they are a year and a half old instead (ids of April 2025): then the page asks
 * about each batch of them in a round trip.
 */
const OLD = process.env.BENCH_OLD_TWEETS === '1';
/**
 * BENCH_WARM=1: before the measured timeline, each page scrolls another 2,000 tweets (the same mix,
 * posted just before them), unmeasured, as in an X tab the CM has used for a while: the content
 * script's code then runs warm, as it would all day, rather than cold in a new tab.
 */
const WARM = process.env.BENCH_WARM === '1' ? TWEETS : 0;
const tweetId = (i: number) =>
  OLD ? String(1_900_000_000_000_000_000n + BigInt(i)) : String((BigInt(NOW - 3 * DAY + i * 60_000 - 1_288_834_974_657) << 22n) + BigInt(i));
const specs: TweetSpec[] = Array.from({ length: WARM + TWEETS }, (_, i) => ({
  handle: handle((i * 7) % ACCOUNTS),
  name: `Account ${(i * 7) % ACCOUNTS}`,
  id: tweetId(i),
  markup: i % 2 ? '2025' : '2024',
  full: true,
  liked: i % 5 === 0,
  counts: { replies: i % 50, reposts: (i * 3) % 400, likes: (i * 37) % 20_000, views: 1000 + i * 4321 },
  ...(i % 9 === 0 ? { quote: { handle: handle((i * 11) % ACCOUNTS) } } : {}),
}));

/** The synthetic x.com page: a virtual list that inserts and recycles cells, and measures. */
function benchPage(): string {
  const html = specs.map((s, i) => cellHtml(s, i));
  return `<!doctype html><html lang="en" data-veille-bench><head><meta charset="utf-8"><title>Home / X</title>
<style>body{margin:0;font:15px/20px sans-serif}article{display:block;padding:12px 16px;border-bottom:1px solid #eff3f4}
[data-testid=primaryColumn]{width:600px;margin:0 auto}[data-testid=User-Name]{display:flex;gap:4px}[role=group]{display:flex;gap:40px}
[data-testid=cellInnerDiv]{left:0;right:0}</style></head>
<body><div id="react-root"><main role="main"><div data-testid="primaryColumn"><div aria-label="Timeline"><div class="timeline" style="position:relative;height:400000px"></div></div></div></main></div>
<script>
const CELLS = ${JSON.stringify(html)};
const IDS = ${JSON.stringify(specs.map((s) => s.id))};
const timeline = document.querySelector('.timeline');
const inserted = new Map();
const longtasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) longtasks.push({ start: e.startTime, duration: e.duration }); })
  .observe({ type: 'longtask', buffered: true });
// The latency of an overlay (partner tag or engagement strip) runs from its tweet's insertion here
// to the moment the content script put the tweet's first overlay in the page, which it notes (bench
// pages only). The page itself does not watch the DOM for them: a mutation observer here would run
// for every node the extension adds, and its work would count as the extension's.
// x.com is a React app: React listens at its root for every event it handles, the animation events
// among them, in both phases, and for each one walks from the target up to the root, looking for a
// handler. The same walk here (no handler is found, as on x.com): an event the extension causes in
// the page costs the page's own script what it would on x.com.
const reactRoot = document.getElementById('react-root');
for (const type of ['animationstart', 'animationend', 'animationiteration']) {
  for (const capture of [true, false]) {
    reactRoot.addEventListener(type, (e) => {
      for (let n = e.target; n && n !== reactRoot; n = n.parentNode) if (n.__reactProps$bench !== undefined) break;
    }, capture);
  }
}
let next = 0;
let y = 0;
// What happened before this moment (BENCH_WARM's unmeasured tweets) is left out of the results.
let measuredFrom = 0;
let before = { reports: 0, lists: 0, flushes: 0 };
// The content script hands over its figures when asked: start, duration, tweets and messages of
// every scan, how many selector health reports and partner list requests it sent, and when each
// tweet's first overlay went in.
function report() {
  document.dispatchEvent(new Event('data-veille-bench-report'));
  return JSON.parse(document.documentElement.getAttribute('data-veille-bench-report') || '{"scans":[],"reports":0,"lists":0,"flushes":0,"overlays":[]}');
}
// How the page builds a cell: by parsing its HTML (the default), or (BENCH_CELLS=script) from
// script, one element at a time, as React's commit does on x.com (the trees are read beforehand).
const FROM_SCRIPT = ${JSON.stringify(process.env.BENCH_CELLS === 'script')};
let TREES = null;
function treeOf(n) {
  if (n.nodeType === 3) return n.data;
  const attrs = [];
  for (const a of n.attributes) attrs.push(a.name, a.value);
  return [n.namespaceURI, n.localName, attrs, Array.from(n.childNodes, treeOf)];
}
function build(t) {
  if (typeof t === 'string') return document.createTextNode(t);
  const el = t[0] === 'http://www.w3.org/1999/xhtml' ? document.createElement(t[1]) : document.createElementNS(t[0], t[1]);
  for (let k = 0; k < t[2].length; k += 2) el.setAttribute(t[2][k], t[2][k + 1]);
  for (const c of t[3]) el.appendChild(build(c));
  return el;
}
function parsed(i) {
  const t = document.createElement('template');
  t.innerHTML = CELLS[i];
  return t.content.firstElementChild;
}
function cell(i) {
  const c = FROM_SCRIPT ? build(TREES[i]) : parsed(i);
  c.setAttribute('data-bench-id', IDS[i]);
  return c;
}
function place(c) { c.style.transform = 'translateY(' + (y += 240) + 'px)'; c.style.position = 'absolute'; }
function insert() {
  const c = cell(next);
  place(c);
  timeline.append(c);
  inserted.set(IDS[next++], performance.now());
  if (timeline.children.length > ${CELLS}) timeline.firstElementChild.remove();
}
// X recycles a cell for another tweet: same node, new content, new position.
function recycle() {
  const c = timeline.firstElementChild;
  const fresh = cell(next);
  c.replaceChildren(...fresh.childNodes);
  c.setAttribute('data-bench-id', IDS[next]);
  place(c);
  timeline.append(c);
  inserted.set(IDS[next++], performance.now());
}
window.__bench = {
  start() {
    if (FROM_SCRIPT) TREES = CELLS.map((_, i) => treeOf(parsed(i)));
    for (let i = 0; i < 10; i++) insert();
  },
  mark() {
    before = report();
    measuredFrom = performance.now();
  },
  // The next \`count\` tweets, then time for the work they caused to end.
  run(count) {
    const end = Math.min(CELLS.length, next + count);
    return new Promise((resolve) => {
      const step = () => {
        if (next < end) insert();
        if (next < end) recycle();
        if (next < end) requestAnimationFrame(step);
        else setTimeout(resolve, 1500);
      };
      requestAnimationFrame(step);
    });
  },
  results() {
    const { scans: flat, overlays, ...now } = report();
    const reports = now.reports - before.reports;
    const lists = now.lists - before.lists;
    const flushes = now.flushes - before.flushes;
    const scans = [];
    for (let i = 0; i < flat.length; i += 4) if (flat[i] >= measuredFrom) scans.push({ start: flat[i], duration: flat[i + 1], tweets: flat[i + 2], messages: flat[i + 3] });
    const latencies = [];
    for (const [id, at] of overlays) {
      if (inserted.has(id) && inserted.get(id) >= measuredFrom) latencies.push(at - inserted.get(id));
      inserted.delete(id);
    }
    let pending = 0;
    for (const at of inserted.values()) if (at >= measuredFrom) pending++;
    return { scans, messages: scans.reduce((n, s) => n + s.messages, 0) + flushes, flushes, reports, lists, latencies, longtasks: longtasks.filter((lt) => lt.start >= measuredFrom), pending };
  },
};
</script></body></html>`;
}

/**
 * The page's main-thread work besides its script, from `Performance.getMetrics`: style, layout, and
 * all its tasks (script, style, layout, paint, parsing...), in ms over the measured segments.
 */
interface MainThreadMs {
  style: number;
  layout: number;
  tasks: number;
}
const DURATIONS = { script: 'ScriptDuration', style: 'RecalcStyleDuration', layout: 'LayoutDuration', tasks: 'TaskDuration' } as const;

interface RunResult {
  scriptMs: number;
  /** Page script time of each segment, in order. */
  segmentMs: number[];
  main: MainThreadMs;
  heapGrowthMB: number;
  scans: { start: number; duration: number; tweets: number }[];
  messages: number;
  /** Captures sent on their own, about once a second (counted in messages too). */
  flushes: number;
  /** Selector health reports (not for a batch of tweets). */
  reports: number;
  /** Requests for the partner list and for the recent tweets' data (once per page and now and then, not for a batch of tweets). */
  lists: number;
  latencies: number[];
  longtasks: { start: number; duration: number }[];
  pending: number;
}

/** The page's main-thread durations so far, in ms. */
async function durations(cdp: import('@playwright/test').CDPSession): Promise<Record<keyof typeof DURATIONS, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const ms = (key: keyof typeof DURATIONS) => (metrics.find((m) => m.name === DURATIONS[key])?.value ?? 0) * 1000;
  return { script: ms('script'), style: ms('style'), layout: ms('layout'), tasks: ms('tasks') };
}

async function heapMB(cdp: import('@playwright/test').CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize / 1024 / 1024;
}

/** The control's host: the same page, where the extension does not run. */
const CONTROL_ORIGIN = 'https://control.invalid';
/** A 1 × 1 GIF: each account's avatar. */
const AVATAR = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/** One page of a round, open from its first segment to its last. */
interface Timeline {
  page: Page;
  cdp: import('@playwright/test').CDPSession;
  heap0: number;
  scriptMs: number;
  segmentMs: number[];
  main: MainThreadMs;
  /**
   * What the page logged as errors, and its uncaught exceptions. The timeline must run clean: an
   * error logged for each cell (an icon's path the browser cannot parse, as the fixture's were
   * until 2026-12-06) would weigh on both pages and hide part of what the extension adds.
   */
  errors: string[];
}

async function openTimeline(context: BrowserContext, withExtension: boolean): Promise<Timeline> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setViewportSize({ width: 1000, height: 1200 });
  await page.goto(withExtension ? 'https://x.com/home' : `${CONTROL_ORIGIN}/home`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.evaluate(() => (window as unknown as { __bench: { start(): void } }).__bench.start());
  if (withExtension) await page.locator('[data-veille-tag]').first().waitFor();
  await page.waitForTimeout(1000);
  return { page, cdp, heap0: await heapMB(cdp), scriptMs: 0, segmentMs: [], main: { style: 0, layout: 0, tasks: 0 }, errors };
}

/**
 * BENCH_CPU=1 (Linux): the CPU time of each kind of Chromium process while each page scrolls (the
 * page's renderer, the extension's worker, the browser process, utilities, the GPU process), summed
 * over the run. On a machine of few cores, the work of other processes slows the page too.
 */
const CPU = process.env.BENCH_CPU === '1';
const cpuTotals = { ext: new Map<string, number>(), ctl: new Map<string, number>() };
function cpuByKind(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/chrom/i.test(cmd.split('\0')[0] ?? '')) continue;
      const type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
      const kind = type === 'renderer' && cmd.includes('--extension-process') ? 'extension' : type === 'utility' ? `utility:${/--utility-sub-type=([\w.]+)/.exec(cmd)?.[1] ?? ''}` : type;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(kind, (out.get(kind) ?? 0) + (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

/**
 * BENCH_TRACE=1: the fifth turn of each page, in each round, is traced (Chromium's trace events of
 * its main thread: style, layout, pre-paint, paint, animations, tasks...), and the run ends with the
 * events whose own time differs most between the two pages, in ms a turn (the mean over the rounds).
 * What the extension costs the page besides its script. Tracing slows the turn it traces.
 */
const TRACE = process.env.BENCH_TRACE === '1';
const TRACE_CATEGORIES = 'toplevel,blink,cc,blink.animations,devtools.timeline,disabled-by-default-devtools.timeline,v8,renderer.scheduler';
const TRACED_TURN = 4;
interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}
const traceTotals = { ext: new Map<string, number>(), ctl: new Map<string, number>() };

/** Trace `work` on the page, and add its main thread's own time by event to `totals`. */
async function traced(cdp: import('@playwright/test').CDPSession, totals: Map<string, number>, work: () => Promise<void>): Promise<void> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
  await work();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  const mainThreads = new Set<string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mainThreads.add(`${e.pid}:${e.tid}`);
  // Each renderer's main thread, its events nested by time: an event's own time is its duration
  // less that of the events inside it. The page's renderer is the one that worked most.
  const threads = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.dur === undefined || !mainThreads.has(key)) continue;
    const list = threads.get(key);
    if (list) list.push(e);
    else threads.set(key, [e]);
  }
  let best: { top: number; own: Map<string, number> } | null = null;
  for (const list of threads.values()) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const own = new Map<string, number>();
    const open: TraceEvent[] = [];
    let top = 0;
    for (const e of list) {
      while (open.length && open.at(-1)!.ts + open.at(-1)!.dur! <= e.ts) open.pop();
      const parent = open.at(-1);
      if (parent) own.set(parent.name, (own.get(parent.name) ?? 0) - Math.min(e.dur!, parent.ts + parent.dur! - e.ts));
      else top += e.dur!;
      own.set(e.name, (own.get(e.name) ?? 0) + e.dur!);
      open.push(e);
    }
    if (!best || top > best.top) best = { top, own };
  }
  for (const [name, us] of best?.own ?? []) totals.set(name, (totals.get(name) ?? 0) + us / 1000);
}

/** Scroll the page's next `count` tweets, and wait for the work they caused to end. */
async function scrollTweets(page: Page, count: number): Promise<void> {
  await page.evaluate((n) => (window as unknown as { __bench: { run(n: number): Promise<void> } }).__bench.run(n), count);
}

/** The two pages in the order they scroll their `turn`-th segment: it alternates, from round to round too. */
const inTurn = <T>(turn: number, round: number, ext: T, ctl: T): T[] => ((turn + round) % 2 ? [ext, ctl] : [ctl, ext]);

/** Scroll the next `count` tweets of a page, and add the page's script time to its total. */
async function segment(t: Timeline, count: number, withExtension: boolean): Promise<void> {
  // The page scrolled is the one in front, as for the CM (a tab behind has its timers slowed).
  await t.page.bringToFront();
  const before = await durations(t.cdp);
  const cpu0 = CPU ? cpuByKind() : null;
  const scroll = () => scrollTweets(t.page, count);
  if (TRACE && t.segmentMs.length === TRACED_TURN) await traced(t.cdp, withExtension ? traceTotals.ext : traceTotals.ctl, scroll);
  else await scroll();
  if (cpu0) {
    const totals = withExtension ? cpuTotals.ext : cpuTotals.ctl;
    for (const [kind, ms] of cpuByKind()) totals.set(kind, (totals.get(kind) ?? 0) + ms - (cpu0.get(kind) ?? 0));
  }
  const after = await durations(t.cdp);
  const ms = after.script - before.script;
  t.main.style += after.style - before.style;
  t.main.layout += after.layout - before.layout;
  t.main.tasks += after.tasks - before.tasks;
  t.scriptMs += ms;
  t.segmentMs.push(ms);
}

async function closeTimeline(t: Timeline): Promise<RunResult> {
  const heap1 = await heapMB(t.cdp);
  const r = await t.page.evaluate(() => (window as unknown as { __bench: { results(): Omit<RunResult, 'scriptMs' | 'segmentMs' | 'main' | 'heapGrowthMB'> } }).__bench.results());
  await t.page.close();
  if (t.errors.length) throw new Error(`${t.page.url()} logged ${t.errors.length} errors, the first: ${t.errors[0]}`);
  return { ...r, scriptMs: t.scriptMs, segmentMs: t.segmentMs, main: t.main, heapGrowthMB: heap1 - t.heap0 };
}

function quantile(values: number[], q: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]!;
}
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

async function seed(page: Page): Promise<void> {
  const now = Date.now();
  await putRecords(
    page,
    'partners',
    Array.from({ length: PARTNERS }, (_, i) => ({
      id: `p${i}`,
      handle: handle(i),
      name: `Partner ${i}`,
      category: CATEGORIES[i % CATEGORIES.length],
      tags: ['bench'],
      note: '',
      createdAt: now,
      updatedAt: now,
    })),
  );
  const metrics: Record<string, unknown>[] = [];
  specs.forEach((s, i) => {
    if (i % 2) return;
    metrics.push({ tweetId: s.id, capturedAt: now - 36 * 3_600_000, source: 'page', authorHandle: s.handle.toLowerCase(), replies: 1, reposts: 2, likes: 3, views: 40 });
    if (i % 10 === 0) metrics.push({ tweetId: s.id, capturedAt: now - 24 * 3_600_000, source: 'analytics', impressions: 5000 + i, engagements: 100, engagementRate: 0.02 });
  });
  await putRecords(page, 'tweetMetrics', metrics);
}

/**
 * One browser with the extension serves both: x.com (where the content script runs) and the control
 * host (where it does not). Both pages stay open for the round, and scroll the timeline in turns, a
 * segment at a time, in alternating order: the machine's speed drifts over seconds, and both sides
 * then meet the same drift. Before the page with the extension opens, the seed is stored: every
 * round sees the same data.
 */
async function benchRound(round: number): Promise<{ ext: RunResult; ctl: RunResult }> {
  const browser = await launchWithExtension('en', BENCH_EXTENSION_DIR, 'VEILLE_BENCH=1 npx wxt build');
  const { context } = browser;
  // tsx keeps function names with an __name helper, which functions sent to a page refer to.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const html = benchPage();
  await routeX(context, new Map([['/home', html]]));
  await context.route(`${CONTROL_ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  // The avatars, as x.com's come: an image, kept in the cache (this machine cannot reach X's).
  await context.route('https://pbs.twimg.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/gif', headers: { 'cache-control': 'max-age=86400' }, body: AVATAR }),
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  try {
    // The options page seeds the data (the browser's profile is new, its database empty), and is
    // closed before the run: its live views of the data would otherwise redraw at every write and
    // take the CPU from the page measured.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
    await options.locator('h1').waitFor();
    await seed(options);
    await options.close();
    const ext = await openTimeline(context, true);
    const ctl = await openTimeline(context, false);
    if (WARM) {
      // The tweets the CM scrolled before: in the same turns, unmeasured.
      for (let i = 0; i < SEGMENTS; i++) {
        for (const t of inTurn(i, round, ext, ctl)) {
          await t.page.bringToFront();
          await scrollTweets(t.page, WARM / SEGMENTS);
        }
      }
      for (const t of [ext, ctl]) {
        await t.page.evaluate(() => (window as unknown as { __bench: { mark(): void } }).__bench.mark());
        t.heap0 = await heapMB(t.cdp);
      }
    }
    if (PROFILE) {
      for (const t of [ext, ctl]) {
        await t.cdp.send('Profiler.enable');
        await t.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await t.cdp.send('Profiler.start');
      }
    }
    if (ALLOC) {
      for (const t of [ext, ctl]) {
        await t.cdp.send('HeapProfiler.enable');
        await t.cdp.send('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      }
    }
    for (let i = 0; i < SEGMENTS; i++) {
      for (const t of inTurn(i, round, ext, ctl)) await segment(t, TWEETS / SEGMENTS, t === ext);
    }
    if (ALLOC) {
      allocations.ext.push(((await ext.cdp.send('HeapProfiler.stopSampling')) as { profile: { head: SamplingNode } }).profile.head);
      allocations.ctl.push(((await ctl.cdp.send('HeapProfiler.stopSampling')) as { profile: { head: SamplingNode } }).profile.head);
    }
    if (PROFILE) {
      profiles.push(((await ext.cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile);
      controlProfiles.push(((await ctl.cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile);
    }
    return { ext: await closeTimeline(ext), ctl: await closeTimeline(ctl) };
  } finally {
    await context.close();
    rmSync(browser.dir, { recursive: true, force: true });
  }
}

/**
 * BENCH_PROFILE=file: a CPU profile of the page with the extension in each round, written to the
 * file (the last round's), and a summary of where the extension's time went (build with
 * VEILLE_NO_MINIFY=1 VEILLE_BENCH=1 npx wxt build for readable names).
 */
const PROFILE = process.env.BENCH_PROFILE;
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}
const profiles: CpuProfile[] = [];
const controlProfiles: CpuProfile[] = [];

/** Self time (ms) per function of the extension's content script, summed over the profiles, heaviest first. */
function profileSummary(list: CpuProfile[]): string {
  const self = new Map<string, number>();
  let extension = 0;
  let total = 0;
  let gc = 0;
  for (const p of list) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    // A sample is the extension's when any frame of its stack is the content script's.
    const ours = new Map<number, boolean>();
    const isOurs = (id: number): boolean => {
      let v = ours.get(id);
      if (v === undefined) {
        const n = byId.get(id)!;
        v = n.callFrame.url.startsWith('chrome-extension://') || (parent.has(id) && isOurs(parent.get(id)!));
        ours.set(id, v);
      }
      return v;
    };
    p.samples.forEach((id, i) => {
      const ms = (p.timeDeltas[i] ?? 0) / 1000;
      const n = byId.get(id)!;
      const name = n.callFrame.functionName || '(anonymous)';
      if (name === '(garbage collector)') gc += ms;
      if (['(idle)', '(program)', '(garbage collector)', '(root)'].includes(name)) return;
      total += ms;
      if (!isOurs(id)) return;
      extension += ms;
      const key = `${name} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + ms);
    });
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, 40);
  const per = (ms: number) => (ms / list.length).toFixed(1);
  return [
    `profile: per round ${per(total)} ms of script sampled, ${per(extension)} ms in stacks of the extension, gc ${per(gc)}`,
    ...rows.map(([k, ms]) => `  ${per(ms).padStart(7)} ms  ${k}`),
  ].join('\n');
}

/**
 * BENCH_ALLOC=1: what each page allocates on the JavaScript heap while it scrolls (sampled, objects
 * collected since included), in all and in stacks of the extension, with the extension's heaviest
 * functions (VEILLE_NO_MINIFY=1 VEILLE_BENCH=1 npx wxt build for readable names). The content
 * script shares the page's heap: what it allocates makes the page's collections come sooner.
 */
const ALLOC = process.env.BENCH_ALLOC === '1';
interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children?: SamplingNode[];
}
const allocations = { ext: [] as SamplingNode[], ctl: [] as SamplingNode[] };

/** MB allocated per round, in all and under the extension's frames, and the extension's heaviest functions. */
function allocationSummary(heads: SamplingNode[]): { all: number; extension: number; top: [string, number][] } {
  const byFunction = new Map<string, number>();
  let all = 0;
  let extension = 0;
  const visit = (node: SamplingNode, ours: boolean) => {
    const mine = ours || node.callFrame.url.startsWith('chrome-extension://');
    all += node.selfSize;
    if (mine) {
      extension += node.selfSize;
      const key = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\//, '')}:${node.callFrame.lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
    }
    for (const c of node.children ?? []) visit(c, mine);
  };
  for (const head of heads) visit(head, false);
  const per = (bytes: number) => bytes / heads.length / 1e6;
  return { all: per(all), extension: per(extension), top: [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, b]) => [k, per(b)]) };
}

/** Segments per round: each page scrolls TWEETS / SEGMENTS tweets at a time. */
const SEGMENTS = 8;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);

async function main(): Promise<void> {
  const shipped = join(EXTENSION_DIR, 'content-scripts/x.js');
  const probed = join(BENCH_EXTENSION_DIR, 'content-scripts/x.js');
  for (const file of [shipped, probed]) {
    if (!statSync(file, { throwIfNoEntry: false })) throw new Error(`No ${file}: run "npm run bench", which builds both.`);
  }
  if (statSync(probed).mtimeMs < statSync(shipped).mtimeMs || !readFileSync(probed, 'utf8').includes('data-veille-bench-report')) {
    throw new Error(`${BENCH_EXTENSION_DIR} is older than ${EXTENSION_DIR} or has no probe: run "VEILLE_BENCH=1 npx wxt build" (or "npm run bench").`);
  }
  if (readFileSync(shipped, 'utf8').includes('data-veille-bench')) throw new Error(`${shipped} has the benchmark's probe: it should not be shipped.`);
  const contentScriptBytes = statSync(shipped).size;
  console.log(
    `Veille benchmark: ${TWEETS} tweets, ${PARTNERS} of ${ACCOUNTS} accounts are partners, half the tweets have stored metrics; ` +
      `${ROUNDS} rounds, each with and without the extension, in turns of ${TWEETS / SEGMENTS} tweets` +
      `${WARM ? `, after ${WARM} tweets scrolled unmeasured (BENCH_WARM)` : ''}.`,
  );
  const ext: RunResult[] = [];
  const ctl: RunResult[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    // A new browser for each round: in one browser, the pages of later rounds may run in renderer
    // processes warmed by earlier ones, which favoured one side round after round.
    const round = await benchRound(r);
    ext.push(round.ext);
    ctl.push(round.ctl);
    console.log(`round ${r}: page script ${ext.at(-1)!.scriptMs.toFixed(0)} ms with the extension, ${ctl.at(-1)!.scriptMs.toFixed(0)} ms without`);
  }
  if (PROFILE) {
    writeFileSync(PROFILE, JSON.stringify(profiles.at(-1)));
    console.log(profileSummary(profiles));
    console.log(`control ${profileSummary(controlProfiles).split('\n')[0]}`);
    writeFileSync(`${PROFILE}.control`, JSON.stringify(controlProfiles.at(-1)));
  }
  if (ALLOC) {
    const ext = allocationSummary(allocations.ext);
    const ctl = allocationSummary(allocations.ctl);
    console.log(`allocated per round: ${ext.all.toFixed(1)} MB with the extension (${ext.extension.toFixed(1)} MB in its stacks), ${ctl.all.toFixed(1)} MB without`);
    for (const [k, mb] of ext.top) console.log(`  ${(mb * 1000).toFixed(0).padStart(6)} kB  ${k}`);
  }
  if (CPU) {
    const show = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, ms]) => `${k} ${Math.round(ms / ROUNDS)}`).join(', ');
    console.log(`CPU ms per round while the page with the extension scrolls: ${show(cpuTotals.ext)}`);
    console.log(`CPU ms per round while the control scrolls: ${show(cpuTotals.ctl)}`);
  }
  if (TRACE) {
    const names = new Set([...traceTotals.ext.keys(), ...traceTotals.ctl.keys()]);
    const rows = [...names].map((name) => ({ name, ext: (traceTotals.ext.get(name) ?? 0) / ROUNDS, ctl: (traceTotals.ctl.get(name) ?? 0) / ROUNDS }));
    rows.sort((a, b) => Math.abs(b.ext - b.ctl) - Math.abs(a.ext - a.ctl));
    console.log(`traced turn (${TWEETS / SEGMENTS} tweets), the main thread's own time by trace event, ms with the extension / without (the mean of ${ROUNDS} rounds):`);
    for (const r of rows.slice(0, 20)) console.log(`  ${(r.ext - r.ctl).toFixed(1).padStart(7)}  ${r.ext.toFixed(1)} / ${r.ctl.toFixed(1)}  ${r.name}`);
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = s.length >> 1;
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };
  const scans = ext.flatMap((r) => r.scans);
  const perTweet = scans.filter((s) => s.tweets > 0).map((s) => s.duration / s.tweets);
  /** Does the scan run during the long task? */
  const overlaps = (s: { start: number; duration: number }, lt: { start: number; duration: number }) => s.start < lt.start + lt.duration && lt.start < s.start + s.duration;
  /** The extension's work in a long task: the scans that ran in it. */
  const workIn = (r: RunResult, lt: { start: number; duration: number }) => r.scans.reduce((ms, s) => ms + (overlaps(s, lt) ? s.duration : 0), 0);
  const overlapping = (r: RunResult) =>
    r.longtasks.filter((lt) => r.scans.some((s) => overlaps(s, lt))).length +
    r.scans.filter((s) => s.duration >= 50 && !r.longtasks.some((lt) => overlaps(s, lt))).length;
  // A long task is the extension's when its work made it one: without that work, it would have
  // been under 50 ms. (Those it only ran in, a page's long task with a scan of a few ms in it, are
  // counted apart: on a loaded machine the page has long tasks of its own, the control too.)
  const caused = (r: RunResult) =>
    r.longtasks.filter((lt) => r.scans.some((s) => overlaps(s, lt)) && lt.duration - workIn(r, lt) < 50).length +
    r.scans.filter((s) => s.duration >= 50 && !r.longtasks.some((lt) => overlaps(s, lt))).length;
  // Each long task counted against the extension, with the scans it overlaps: how long each was.
  for (const r of ext) {
    for (const lt of r.longtasks) {
      const during = r.scans.filter((s) => overlaps(s, lt));
      if (during.length) console.log(`long task at ${lt.start.toFixed(0)} ms, ${lt.duration.toFixed(0)} ms long, over scans of ${during.map((s) => `${s.duration.toFixed(1)} ms (${s.tweets} tweets)`).join(', ')}`);
    }
    for (const s of r.scans) if (s.duration >= 50) console.log(`scan of ${s.duration.toFixed(1)} ms (${s.tweets} tweets) at ${s.start.toFixed(0)} ms`);
  }
  const batches = scans.filter((s) => s.tweets > 0).length;
  const messages = ext.reduce((n, r) => n + r.messages, 0);
  const latencies = ext.flatMap((r) => r.latencies);
  /** The rounds whose control took the least script time: half of them, at least one. */
  const quiet = ctl.map((r, i) => [r.scriptMs, i] as const).sort((a, b) => a[0] - b[0]).slice(0, Math.max(1, ctl.length >> 1)).map(([, i]) => i);
  /** One main-thread figure a round, with the extension and without (the medians over the rounds). */
  const withAndWithout = (part: keyof MainThreadMs) => [ext, ctl].map((runs) => round(median(runs.map((r) => r.main[part])), 0));
  const result = {
    contentScriptBytes,
    perTweetMsMedian: round(quantile(perTweet, 0.5), 4),
    perTweetMsP95: round(quantile(perTweet, 0.95), 4),
    perTweetMsMean: round(scans.reduce((n, s) => n + s.duration, 0) / scans.reduce((n, s) => n + s.tweets, 0), 4),
    // Each round pairs a run with the extension and one without, at nearly the same moment and from
    // the same data: the ratio is the median of the rounds' ratios.
    scriptingRatio: round(median(ext.map((r, i) => r.scriptMs / ctl[i]!.scriptMs))),
    longTasksFromExtension: ext.reduce((n, r) => n + caused(r), 0),
    longTasksWithExtensionWork: ext.reduce((n, r) => n + overlapping(r), 0),
    messagesPerBatch: round(messages / Math.max(1, batches)),
    overlayLatencyMsP95: round(quantile(latencies, 0.95), 1),
    heapGrowthMB: round(median(ext.map((r) => r.heapGrowthMB)), 2),
    controlHeapGrowthMB: round(median(ctl.map((r) => r.heapGrowthMB)), 2),
    scriptMsWithExtension: ext.map((r) => round(r.scriptMs, 0)),
    scriptMsControl: ctl.map((r) => round(r.scriptMs, 0)),
    scriptingRatioPerRound: ext.map((r, i) => round(r.scriptMs / ctl[i]!.scriptMs)),
    // The same data paired finer: each segment with the extension and the control's same segment,
    // scrolled seconds apart (the machine's speed drifts over minutes, within a round too). The
    // median of those pairs, and of the ratio of all script time with the extension to all without.
    scriptingRatioPerSegmentMedian: round(median(ext.flatMap((r, i) => r.segmentMs.map((ms, k) => ms / ctl[i]!.segmentMs[k]!)))),
    // What the extension added to each segment (the median over the rounds), in scrolling order: a
    // round starts in a new browser, so its first segments run the content script's code cold.
    scriptMsAddedBySegment: ext[0]!.segmentMs.map((_, k) => round(median(ext.map((r, i) => r.segmentMs[k]! - ctl[i]!.segmentMs[k]!)), 0)),
    scriptingRatioOfTotals: round(ext.reduce((n, r) => n + r.scriptMs, 0) / ctl.reduce((n, r) => n + r.scriptMs, 0)),
    // Time another process takes lands on one page or the other; on the control it lowers the
    // ratio. The rounds whose control ran quickest (the machine quiet) show the extension's cost
    // with the least of that: the median of their ratios, and what the extension added in them.
    scriptingRatioQuietHalf: round(median(quiet.map((i) => ext[i]!.scriptMs / ctl[i]!.scriptMs))),
    scriptMsAddedQuietHalf: round(median(quiet.map((i) => ext[i]!.scriptMs - ctl[i]!.scriptMs)), 0),
    // Not a target: the rest of the page's main thread, with and without the extension (the medians
    // over the rounds, ms a round). What the overlays add to the page's style and layout, and the
    // ratio of all its tasks' time, as the CM's machine feels it.
    styleMsPerRound: withAndWithout('style'),
    layoutMsPerRound: withAndWithout('layout'),
    taskMsPerRound: withAndWithout('tasks'),
    mainThreadRatio: round(median(ext.map((r, i) => r.main.tasks / ctl[i]!.main.tasks))),
    mainThreadMsAdded: round(median(ext.map((r, i) => r.main.tasks - ctl[i]!.main.tasks)), 0),
    styleMsAdded: round(median(ext.map((r, i) => r.main.style - ctl[i]!.main.style)), 0),
    rounds: ROUNDS,
    tweets: TWEETS,
    batches,
    messages,
    healthReports: ext.reduce((n, r) => n + r.reports, 0),
    upfrontRequests: ext.reduce((n, r) => n + r.lists, 0),
    captureMessages: ext.reduce((n, r) => n + r.flushes, 0),
    oldTweets: OLD,
    warmTweets: WARM,
    overlayLatencyMsMedian: round(quantile(latencies, 0.5), 1),
    tweetsWithOverlay: latencies.length / ROUNDS,
    tweetsWithoutOverlay: ext.reduce((n, r) => n + r.pending, 0) / ROUNDS,
    longTasksInControl: ctl.reduce((n, r) => n + r.longtasks.length, 0),
  };
  console.log(JSON.stringify(result));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
