/**
 * One Playwright fixture that launches Chromium with the built extension, serves x.com and
 * twitter.com from fixture pages, and gives page objects for the extension's pages.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, chromium, expect, type BrowserContext, type ConsoleMessage, type Page, type Worker } from '@playwright/test';
import { FLUSH_MS } from '../../lib/capture-queue';

export const EXTENSION_DIR = resolve(fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url)));

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('No Chromium found: install it (apt-get install -y chromium) or set CHROMIUM_PATH.');
  return found;
}

/**
 * Chromium with the extension built in `extension` loaded. `build`: the command that builds it there
 * (named when it is missing); `args`: more of Chromium's switches.
 */
export async function launchWithExtension(
  lang = 'en',
  extension = EXTENSION_DIR,
  build = 'npm run build',
  args: string[] = [],
): Promise<{ context: BrowserContext; dir: string }> {
  built(extension, build);
  return launch(lang, [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`, ...args]);
}

/**
 * Chromium without the extension, which the `install` fixture then installs, or updates where it is
 * installed, as a store would (the DevTools protocol's `Extensions.loadUnpacked`): for the pages
 * open before. (Playwright's own `--disable-extensions` would refuse it.)
 */
function launchToInstall(lang: string): Promise<{ context: BrowserContext; dir: string }> {
  built(EXTENSION_DIR, 'npm run build');
  return launch(lang, ['--enable-unsafe-extension-debugging'], ['--disable-extensions']);
}

/** The built extension's folder, or an error naming the command that builds it. */
function built(extension: string, build: string): string {
  if (!existsSync(join(extension, 'manifest.json'))) {
    throw new Error(`No built extension in ${extension}: run "${build}" first.`);
  }
  return extension;
}

async function launch(lang: string, args: string[], ignoreDefaultArgs: string[] = []): Promise<{ context: BrowserContext; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'veille-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    locale: lang,
    ignoreDefaultArgs,
    env: { ...process.env, LANGUAGE: lang, LANG: lang === 'fr' ? 'fr_FR.UTF-8' : 'en_US.UTF-8' },
    args: [
      ...args,
      `--lang=${lang}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  return { context, dir };
}

/**
 * Change an extension's settings as the CM would in chrome://extensions, with that page's own API
 * (`change` runs in the page, and resolves with chrome.runtime.lastError's message, or nothing).
 */
async function onExtensionsPage(context: BrowserContext, what: string, change: (page: Page) => Promise<string>): Promise<void> {
  const page = await context.newPage();
  await page.goto('chrome://extensions');
  const error = await change(page);
  await page.close();
  if (error) throw new Error(`${what}: ${error}`);
}

/**
 * Set the extension's site access as the CM would on its page in chrome://extensions: "on click"
 * (its hosts withheld) or "on all sites" (given back).
 */
export const setSiteAccess = (context: BrowserContext, extensionId: string, hostAccess: 'ON_CLICK' | 'ON_ALL_SITES'): Promise<void> =>
  onExtensionsPage(context, `site access ${hostAccess}`, (page) =>
    page.evaluate(
      (update) => new Promise<string>((resolve) => chrome.developerPrivate.updateExtensionConfiguration(update, () => resolve(chrome.runtime.lastError?.message ?? ''))),
      { extensionId, hostAccess },
    ),
  );

/** Switch the extension off or on, as its switch in chrome://extensions does. */
export const setEnabled = (context: BrowserContext, extensionId: string, enabled: boolean): Promise<void> =>
  onExtensionsPage(context, enabled ? 'enable' : 'disable', (page) =>
    page.evaluate(
      ([id, on]) => new Promise<string>((resolve) => chrome.management.setEnabled(id, on, () => resolve(chrome.runtime.lastError?.message ?? ''))),
      [extensionId, enabled] as const,
    ),
  );

/** Pages served at https://x.com/<path> (and twitter.com), by path without the query. */
export type XPages = Map<string, string>;

export async function routeX(context: BrowserContext, pages: XPages): Promise<void> {
  const handler = async (route: import('@playwright/test').Route) => {
    const url = new URL(route.request().url());
    const body = pages.get(url.pathname);
    if (route.request().resourceType() === 'document' && body !== undefined) {
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
    } else {
      await route.fulfill({ status: 404, contentType: 'text/plain', body: 'not in fixtures' });
    }
  };
  await context.route(/^https:\/\/(x\.com|twitter\.com|mobile\.twitter\.com)\//, handler);
}

export class OptionsPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  async open(): Promise<this> {
    await this.page.goto(`chrome-extension://${this.extensionId}/options.html`);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
    return this;
  }

  form() {
    return this.page.getByTestId('partner-form');
  }

  async addPartner(p: { handle: string; name?: string; category?: string; tags?: string; note?: string }): Promise<void> {
    const form = this.form();
    await form.getByLabel('Handle').fill(p.handle);
    if (p.name !== undefined) await form.getByLabel('Name').fill(p.name);
    if (p.category !== undefined) await form.getByLabel('Category').selectOption(p.category);
    if (p.tags !== undefined) await form.getByLabel('Tags').fill(p.tags);
    if (p.note !== undefined) await form.getByLabel('Note').fill(p.note);
    await form.getByRole('button', { name: 'Save' }).click();
  }

  row(handle: string) {
    return this.page.locator(`tr[data-handle="${handle}"]`);
  }

  rows() {
    return this.page.locator('table.partners tbody tr');
  }

  /** Import a partner CSV: a text (as UTF-8), or the file's bytes. */
  async importCsv(name: string, content: string | Buffer): Promise<void> {
    const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    await this.page.getByTestId('partner-csv-input').setInputFiles({ name, mimeType: 'text/csv', buffer });
  }
}

interface Fixtures {
  /** The browser's language (`test.use({ lang: 'fr' })`): its messages, dates and numbers. */
  lang: string;
  /** Is the extension there when the browser starts (`test.use({ installed: false })`: see `install`)? */
  installed: boolean;
  /** More of Chromium's switches, for a browser started otherwise (`test.use({ browserArgs: ['--app=…'] })`). */
  browserArgs: string[];
  /** The errors a test causes on purpose (`test.use({ causedErrors: [/…/] })`): each must happen, and no other. */
  causedErrors: RegExp[];
  context: BrowserContext;
  /** Install the extension, or update it where it is installed, as a store would; resolves to its new worker. */
  install: () => Promise<Worker>;
  worker: Worker;
  extensionId: string;
  xPages: XPages;
  options: OptionsPage;
}

/**
 * The uncaught exceptions of every page of `context` and the errors logged there or in the
 * extension's worker, as they come (a resource the test's closed network cannot load aside: the
 * real captures of x.com name X's images).
 */
function watchErrors(context: BrowserContext): string[] {
  const errors: string[] = [];
  const logged = (where: string) => (m: ConsoleMessage) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`${where}: ${m.text()}`);
  };
  const page = (p: Page) => {
    p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.message}`));
    p.on('console', logged(p.url()));
  };
  const worker = (w: Worker) => w.on('console', logged('worker'));
  context.pages().forEach(page);
  context.on('page', page);
  context.serviceWorkers().forEach(worker);
  context.on('serviceworker', worker);
  return errors;
}

export const test = base.extend<Fixtures>({
  lang: ['en', { option: true }],
  installed: [true, { option: true }],
  browserArgs: [[], { option: true }],
  causedErrors: [[], { option: true }],
  context: async ({ lang, installed, browserArgs, causedErrors }, use) => {
    const { context, dir } = await (installed ? launchWithExtension(lang, EXTENSION_DIR, 'npm run build', browserArgs) : launchToInstall(lang));
    const errors = watchErrors(context);
    await use(context);
    // Whatever the test did, no page (X's, the extension's) threw, and nothing was logged as an error
    // (until the browser closes: the worker's work then cut short is no fault).
    const seen = [...errors];
    await context.close();
    rmSync(dir, { recursive: true, force: true });
    for (const caused of causedErrors) expect(seen.some((e) => caused.test(e)), `the error caused on purpose, ${caused}`).toBe(true);
    expect(
      seen.filter((e) => !causedErrors.some((caused) => caused.test(e))),
      'errors in the pages and the worker',
    ).toEqual([]);
  },
  install: async ({ context }, use) => {
    const cdp = await context.browser()!.newBrowserCDPSession();
    await use(async () => {
      const started = context.waitForEvent('serviceworker');
      await cdp.send('Extensions.loadUnpacked', { path: EXTENSION_DIR });
      return started;
    });
  },
  worker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
  xPages: async ({ context }, use) => {
    const pages: XPages = new Map();
    await routeX(context, pages);
    await use(pages);
  },
  options: async ({ context, extensionId }, use) => {
    const page = await context.newPage();
    await use(await new OptionsPage(page, extensionId).open());
  },
});

export { expect };

/**
 * The partner tags inside an element: an author block whose tag the overlay stylesheet draws, or a
 * tag button's host (on a profile, or a tweet pointed at or focused). Both carry the handle.
 */
export function tagsIn(scope: import('@playwright/test').Locator) {
  return scope.locator('[data-veille-tag]');
}

/** The tweet with this id on an X page (the article whose status link names it). */
export function article(page: Page, id: string) {
  return page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href$="/status/${id}"]`) });
}

/** The category a tag shows, drawn or as a button. */
export function categoryOf(tag: import('@playwright/test').Locator): Promise<string | null> {
  return tag.evaluate((el) => el.getAttribute('data-veille-category') ?? el.getAttribute('data-category'));
}

/** The text a tag shows: its button's, or what the stylesheet draws after the author block. */
export function tagText(tag: import('@playwright/test').Locator): Promise<string> {
  return tag.evaluate((el) => (el.matches('[data-veille=author]') ? (el.querySelector('button')?.textContent ?? '') : getComputedStyle(el, '::after').content.replace(/^"|"$/g, '')));
}

/** Is a tag on screen: its button's host shown, or what the stylesheet draws after the author block? (False where there is no tag.) */
export async function tagShows(scope: import('@playwright/test').Locator): Promise<boolean> {
  const tags = await tagsIn(scope).all();
  for (const tag of tags) {
    const shows = await tag.evaluate((el) =>
      el.matches('[data-veille=author]') ? el.checkVisibility() : getComputedStyle(el, '::after').display !== 'none' && getComputedStyle(el, '::after').content !== 'none',
    );
    if (shows) return true;
  }
  return false;
}

type DbOp =
  | { op: 'all'; store: string }
  | { op: 'put'; store: string; records: Record<string, unknown>[] }
  | { op: 'clear'; stores: string[] }
  | { op: 'travel'; hours: number };

/**
 * Read or change the extension's database from one of its pages, with the raw IndexedDB API, as a
 * test seeds data or lets time pass. (Extension pages forbid eval, so the operations are fixed here.)
 */
function dbOp(page: Page, op: DbOp): Promise<unknown> {
  return page.evaluate(async (op) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('veille');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const done = (tx: IDBTransaction) =>
      new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    try {
      if (op.op === 'all') {
        const tx = db.transaction(op.store);
        const req = tx.objectStore(op.store).getAll();
        await done(tx);
        return req.result;
      }
      if (op.op === 'put') {
        const tx = db.transaction(op.store, 'readwrite');
        for (const r of op.records) tx.objectStore(op.store).put(r);
        return await done(tx);
      }
      if (op.op === 'clear') {
        const tx = db.transaction(op.stores, 'readwrite');
        for (const name of op.stores) tx.objectStore(name).clear();
        return await done(tx);
      }
      // Let time pass: move every captured snapshot back (profile snapshots change day too).
      const tx = db.transaction(['tweetMetrics', 'profileSnapshots'], 'readwrite');
      const day = (t: number) => {
        const d = new Date(t);
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      };
      for (const name of ['tweetMetrics', 'profileSnapshots']) {
        const store = tx.objectStore(name);
        const req = store.getAll();
        req.onsuccess = () => {
          store.clear();
          for (const r of req.result as Record<string, unknown>[]) {
            r.capturedAt = (r.capturedAt as number) - op.hours * 3_600_000;
            if (name === 'profileSnapshots') r.day = day(r.capturedAt as number);
            store.put(r);
          }
        };
      }
      return await done(tx);
    } finally {
      db.close();
    }
  }, op);
}

/**
 * Noon `days` days before today, on the local calendar (the suite's zone): Veille counts "n days
 * ago" by days of the calendar, which `n × 24 h` ago is not late in the evening after a change of
 * summer time.
 */
export function noonDaysAgo(days: number): number {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return d.setHours(12, 0, 0, 0);
}

/** Every record of a store. */
export function allRecords<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return dbOp(page, { op: 'all', store }) as Promise<T[]>;
}

/** Store records as they are, as a later import would. */
export async function putRecords(page: Page, store: string, records: Record<string, unknown>[]): Promise<void> {
  await dbOp(page, { op: 'put', store, records });
}

/** Empty these stores. */
export async function clearStores(page: Page, stores: string[]): Promise<void> {
  await dbOp(page, { op: 'clear', stores });
}

/**
 * Let time pass: every captured snapshot moves `hours` back. What the pages captured is sent within
 * a second (the content script's CAPTURE_EVERY_MS) and written at most FLUSH_MS after it came
 * (lib/capture-queue.ts): that is let in first, or a snapshot of a moment ago would land after the
 * move, as today's (a profile's "Last seen today").
 */
export async function travelBack(page: Page, hours: number): Promise<void> {
  await page.waitForTimeout(2 * FLUSH_MS + 200);
  await dbOp(page, { op: 'travel', hours });
}

/** Does a select show its chosen option whole (its text, in its font, within its box, less its arrow)? */
export function showsWhole(select: import('@playwright/test').Locator): Promise<boolean> {
  return select.evaluate((el) => {
    const probe = document.createElement('span');
    probe.style.cssText = `font: ${getComputedStyle(el).font}; white-space: pre; position: absolute`;
    probe.textContent = (el as HTMLSelectElement).selectedOptions[0]?.text ?? '';
    document.body.append(probe);
    const needed = probe.getBoundingClientRect().width;
    probe.remove();
    const style = getComputedStyle(el);
    // (The arrow takes about 20 px.)
    return needed + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 20 <= el.getBoundingClientRect().width;
  });
}

/**
 * How long `stopWorker` lets the worker finish what the test's last gestures started in it: a tab
 * opened, loaded or closed wakes the veille's clock, which asks the browser where the CM is and
 * writes (tens of milliseconds, a few hundred on a loaded machine).
 */
const WORKER_SETTLE_MS = 1000;

/**
 * Stop the extension's service worker through the DevTools protocol, by closing its target, as
 * Chrome does after 30 s idle: once the work the last events started has ended. (Closed in the middle
 * of it, its calls to the browser are refused, "No SW", and it logs that error: Chrome's idle stop
 * never cuts a task short.)
 */
export async function stopWorker(context: BrowserContext, page: Page): Promise<void> {
  await page.waitForTimeout(WORKER_SETTLE_MS);
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${new URL(page.url()).host}/`));
  expect(sw).toBeDefined();
  await cdp.send('Target.closeTarget', { targetId: sw!.targetId });
  await cdp.detach();
}

/**
 * What the clipboard holds, as text and HTML, read as a paste into `page` reads it (a page may not
 * read the clipboard by itself).
 */
export async function pasteInto(page: Page): Promise<{ text: string; html: string }> {
  type Pasted = { text: string; html: string };
  // The box is in the page and focused before the keys are pressed: a key press and a script sent
  // together may reach the page in either order, and a paste before the box would be lost.
  await page.evaluate(() => {
    const box = document.body.appendChild(document.createElement('div'));
    box.contentEditable = 'true';
    const pasted = new Promise<Pasted>((resolve, reject) => {
      // (A paste goes where the focus is: if it moved away, say so rather than wait.)
      setTimeout(() => reject(new Error(`no paste arrived; the focus was on ${document.activeElement?.outerHTML.slice(0, 80)}`)), 5000);
      box.addEventListener('paste', (e) => {
        e.preventDefault();
        resolve({ text: e.clipboardData!.getData('text/plain'), html: e.clipboardData!.getData('text/html') });
        box.remove();
      });
    });
    pasted.catch(() => {});
    (window as unknown as { veillePasted: Promise<Pasted> }).veillePasted = pasted;
    box.focus();
  });
  await page.keyboard.press('Control+V');
  return page.evaluate(() => (window as unknown as { veillePasted: Promise<Pasted> }).veillePasted);
}

/** What can run code in the extension: its worker, or one of its pages. */
type InExtension = { evaluate(run: (url: string) => Promise<unknown>, url: string): Promise<unknown> };

/**
 * Open the popup as the browser does: in its own window, over the tab the CM is looking at. `opener`
 * is the worker, or one of the extension's pages (Chrome may have stopped the worker a test started
 * with). The popup is the new page at its address: a tab a gesture opened just before may come
 * meanwhile.
 */
export async function openPopup(context: BrowserContext, opener: InExtension, extensionId: string): Promise<Page> {
  const url = `chrome-extension://${extensionId}/popup.html`;
  const before = new Set(context.pages());
  await opener.evaluate((u) => chrome.windows.create({ url: u, type: 'popup', width: 360, height: 700 }), url);
  let popup: Page | undefined;
  await expect.poll(() => (popup = context.pages().find((p) => !before.has(p) && p.url() === url)), { message: 'the popup opened' }).toBeTruthy();
  await popup!.waitForLoadState();
  return popup!;
}

/**
 * Show the weekly report's Markdown (the dashboard shows the report as a document until the CM asks
 * for its Markdown, and remembers the choice): what its exports and the clipboard hold.
 */
export async function showReportMarkdown(page: Page): Promise<void> {
  const button = page.locator('section.report').getByRole('button', { name: 'Markdown', exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

/**
 * Which of `selectors` the page's print style shows while `button` prints (the browser's print
 * dialog stood in for); then, the page printing whole again.
 */
export async function printed(page: Page, button: import('@playwright/test').Locator, selectors: string[]): Promise<boolean[]> {
  await page.emulateMedia({ media: 'print' });
  await page.evaluate((list) => {
    // (Shown: neither it nor any element around it is hidden.)
    const shown = (el: Element | null): boolean => !el || (getComputedStyle(el).display !== 'none' && shown(el.parentElement));
    window.print = () => {
      document.body.dataset.printed = JSON.stringify(list.map((s) => shown(document.querySelector(s)!)));
    };
  }, selectors);
  await button.click();
  const shown = JSON.parse((await page.evaluate(() => document.body.dataset.printed))!) as boolean[];
  // Once printed, the page keeps no mark of it.
  expect(await page.locator('[data-printing], [data-printing-path], body.printing').count()).toBe(0);
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('header.top')!).display)).not.toBe('none');
  await page.emulateMedia({ media: null });
  return shown;
}
