/**
 * npm run bench:pages: how fast the popup and the dashboard open on a year of a CM's data, in
 * Chromium with the built extension. The data is written straight into the extension's database:
 * 300 partners (`BENCH_PARTNERS=n` for more), 2,000 topics, 1,460 veille sessions, then (for "a year") 100,000 tweets captured on
 * X over 365 days (ids that date them, as X's do), 3,000 tweets of imported analytics, 54,750 daily
 * counts of hashtags and 15,000 profile snapshots. Each page is opened several times; the figures are
 * the median milliseconds from opening it to its parts being shown, and the longest task seen. It
 * prints one JSON object as its last line. A measurement, not a test: compare runs made close together.
 */
import { rmSync } from 'node:fs';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { launchWithExtension } from '../tests/e2e/fixtures';

/** How many partners (`BENCH_PARTNERS`, 300 by default). */
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 300);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Note the page's long tasks, from its first script on. */
const watchTasks = () => {
  const w = window as unknown as { __tasks: number[] };
  w.__tasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__tasks.push(e.duration);
  }).observe({ type: 'longtask' });
};
const longestTask = (page: Page) => page.evaluate(() => Math.round(Math.max(0, ...(window as unknown as { __tasks: number[] }).__tasks)));

/** Note what `page` throws or logs as an error: a page that opens fast by failing is no figure. */
function watch(page: Page, name: string, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`${name}: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${name}: ${m.text()}`);
  });
}

async function popupTimes(context: BrowserContext, worker: Worker, id: string, errors: string[]) {
  const ms: number[] = [];
  const tasks: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = Date.now();
    const opened = context.waitForEvent('page');
    await worker.evaluate((url) => chrome.windows.create({ url, type: 'popup', width: 360, height: 700 }), `chrome-extension://${id}/popup.html`);
    const popup = await opened;
    watch(popup, 'popup', errors);
    // Today's veille, the topic form, "Emerging on X" and the partners: the whole popup.
    for (const sel of ['.ring', '[data-testid="quick-save"]', 'section.emerging', '[data-testid="popup-partners"]']) {
      await popup.locator(sel).first().waitFor({ timeout: 60_000 });
    }
    ms.push(Date.now() - t0);
    await popup.waitForTimeout(500);
    tasks.push(await longestTask(popup).catch(() => 0));
    await popup.close();
  }
  return { popupMs: median(ms), popupLongestTaskMs: Math.max(...tasks) };
}

async function optionsTimes(context: BrowserContext, id: string, errors: string[]) {
  const parts = { partners: [] as number[], board: [] as number[], report: [] as number[], dashboard: [] as number[] };
  const tasks: number[] = [];
  for (let i = 0; i < 3; i++) {
    const page = await context.newPage();
    watch(page, 'options', errors);
    await page.addInitScript(watchTasks);
    const t0 = Date.now();
    await page.goto(`chrome-extension://${id}/options.html`);
    const at = async (key: keyof typeof parts, sel: string) => {
      await page.locator(sel).first().waitFor({ timeout: 60_000 });
      parts[key].push(Date.now() - t0);
    };
    await Promise.all([
      at('partners', 'table.partners tbody tr'),
      at('board', '.column[data-status="new"] .card'),
      at('report', '[data-testid="report-view"] h3'),
      // (Its totals where analytics were imported, else its word that there are none.)
      at('dashboard', '[data-testid="dash-totals"], .dashboard p.empty'),
    ]);
    await page.waitForTimeout(2000);
    tasks.push(await longestTask(page));
    await page.close();
  }
  return {
    optionsPartnersMs: median(parts.partners),
    optionsBoardMs: median(parts.board),
    optionsReportMs: median(parts.report),
    optionsDashboardMs: median(parts.dashboard),
    optionsLongestTaskMs: Math.max(...tasks),
  };
}

/** Write `rows(now)` of each store into the extension's database, from one of its pages. */
async function seed(page: Page, part: 'lists' | 'year'): Promise<void> {
  await page.evaluate(async ([part, partners]) => {
    const db: IDBDatabase = await new Promise((ok, ko) => {
      const r = indexedDB.open('veille');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const put = (store: string, rows: unknown[]) =>
      new Promise<void>((ok, ko) => {
        const tx = db.transaction(store, 'readwrite');
        const s = tx.objectStore(store);
        for (const r of rows) s.put(r);
        tx.oncomplete = () => ok();
        tx.onerror = () => ko(tx.error);
      });
    const now = Date.now();
    const DAY = 86_400_000;
    const day = (t: number) => {
      const d = new Date(t);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    // A tweet's id, as X makes them: its time in it.
    const idAt = (t: number, n: number) => ((BigInt(Math.round(t) - 1_288_834_974_657) << 22n) | BigInt(n % 4096)).toString();
    const categories = ['academic', 'industry', 'journal', 'public_authority', 'media', 'institution', 'other'];
    if (part === 'lists') {
      await put('partners', Array.from({ length: partners }, (_, i) => ({ id: `p${i}`, handle: `acct${i}`, name: `Account ${i}`, category: categories[i % 7], tags: [`t${i % 20}`], note: '', createdAt: now, updatedAt: now })));
      const statuses = ['new', 'watching', 'proposed', 'published', 'dropped'];
      await put('topics', Array.from({ length: 2000 }, (_, i) => ({ id: `t${i}`, title: `Topic ${i}`, url: `https://example.org/${i}`, status: statuses[i % 5], note: '', tags: [`tag${i % 40}`], hashtags: [], createdAt: now - i * 4 * 3_600_000, updatedAt: now - i * 4 * 3_600_000 })));
      await put('veilleSessions', Array.from({ length: 365 * 4 }, (_, i) => ({ id: `s${i}`, start: now - (i + 1) * 6 * 3_600_000, end: now - (i + 1) * 6 * 3_600_000 + 900_000, mode: 'auto' })));
      return;
    }
    const captures = [];
    for (let i = 0; i < 100_000; i++) {
      const t = now - (i / 100_000) * 365 * DAY;
      captures.push({ tweetId: idAt(t - 3_600_000, i), capturedAt: Math.round(t), source: 'page', authorHandle: `acct${i % 1000}`, postedAt: Math.round(t - 3_600_000), likes: i % 300, views: i % 9000, replies: 1, reposts: 2, bookmarks: 0 });
    }
    await put('tweetMetrics', captures);
    const analytics = [];
    for (let i = 0; i < 3000; i++) {
      const t = now - (i / 3000) * 365 * DAY;
      analytics.push({ tweetId: idAt(t, i + 7), capturedAt: now - DAY, source: 'analytics', authorHandle: `acct${7 * (i % 40) + 5}`, postedAt: Math.round(t), text: `Tweet ${i} @acct${i % 300}`, impressions: 100 + (i % 5000), engagements: i % 97, mentions: [`acct${i % 300}`] });
    }
    await put('tweetMetrics', analytics);
    const counts = [];
    for (let d = 0; d < 365; d++) for (let k = 0; k < 150; k++) counts.push({ day: day(now - d * DAY), term: `#term${k}`, count: 1 + ((d + k) % 9) });
    await put('termCounts', counts);
    const snapshots = [];
    for (let h = 0; h < 300; h++) for (let d = 0; d < 50; d++) snapshots.push({ handle: `acct${h}`, day: day(now - d * 7 * DAY), capturedAt: now - d * 7 * DAY, followers: 1000 + d, following: 10, posts: 100 });
    await put('profileSnapshots', snapshots);
  }, [part, PARTNERS] as const);
}

async function main(): Promise<void> {
  const { context, dir } = await launchWithExtension();
  const errors: string[] = [];
  try {
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/options.html`);
    await page.locator('h1').waitFor();
    await seed(page, 'lists');
    const lists = { ...(await popupTimes(context, worker, id, errors)), ...(await optionsTimes(context, id, errors)) };
    console.log('partners, topics and sessions only:', JSON.stringify(lists));
    const t0 = Date.now();
    await seed(page, 'year');
    console.log(`a year of captures, analytics, hashtags and profiles written in ${Date.now() - t0} ms`);
    const year = { ...(await popupTimes(context, worker, id, errors)), ...(await optionsTimes(context, id, errors)) };
    if (errors.length) console.log('page errors:', errors);
    console.log(JSON.stringify({ lists, year, pageErrors: errors.length }));
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
