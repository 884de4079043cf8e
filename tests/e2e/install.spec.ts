import type { Page } from '@playwright/test';
import { timelinePage, type TweetSpec } from '../fixtures/x-dom';
import { OptionsPage, allRecords, article, categoryOf, expect, openPopup, setEnabled, setSiteAccess, stopWorker, tagsIn, test, travelBack } from './fixtures';

const tweets = (likes: number): TweetSpec[] => [
  { handle: 'UnivNantes', name: 'Nantes Université', id: '4001', counts: { replies: 3, reposts: 12, likes, views: 9281975 } },
  { handle: 'other', id: '4002' },
];
const strip = (page: Page, id: string) => article(page, id).locator('[data-veille="strip"]');
/** Veille's nodes and stylesheets in an X page, and its tags drawn on author blocks. */
const marks = (page: Page) =>
  page.evaluate(() => ({
    styles: document.querySelectorAll('#veille-overlay-style').length,
    nodes: document.querySelectorAll('[data-veille]').length,
    tags: document.querySelectorAll('[data-veille-tag]').length,
  }));

test.describe('installed with X open', () => {
  test.use({ installed: false });

  test("X tabs open when Veille is installed, updated, switched off and on, or removed: no reload needed, one copy of the overlays, none left behind", async ({ context, install, xPages }) => {
    xPages.set('/home', timelinePage(tweets(220)));
    const x = await context.newPage();
    await x.goto('https://x.com/home');

    // Installed with X open: that tab reads its tweets at once, and follows the partner list.
    let worker = await install();
    const id = new URL(worker.url()).host;
    let options = await new OptionsPage(await context.newPage(), id).open();
    await expect.poll(async () => (await allRecords(options.page, 'tweetMetrics')).map((r) => r.tweetId).sort()).toEqual(['4001', '4002']);
    await options.addPartner({ handle: 'UnivNantes', name: 'Nantes Université', category: 'academic' });
    await expect(tagsIn(article(x, '4001'))).toHaveCount(1);
    expect(await categoryOf(tagsIn(article(x, '4001')))).toBe('academic');

    // A second tab, opened later, draws a strip for the tweet seen two hours ago with fewer likes.
    await travelBack(options.page, 2);
    xPages.set('/home', timelinePage(tweets(300)));
    const y = await context.newPage();
    await y.goto('https://x.com/home');
    await expect(strip(y, '4001').locator('[data-part="change"]')).toHaveText(/^\+80 likes since /);
    // Pointed at, the other tweet shows its "+" and its save button.
    await article(y, '4002').hover();
    await expect(article(y, '4002').locator('[data-veille="author"]')).toHaveCount(1);

    // Updated: each tab has the new copy of the script, whose overlays replace the old copy's.
    worker = await install();
    expect(new URL(worker.url()).host).toBe(id);
    for (const page of [x, y]) {
      await expect(strip(page, '4001')).toHaveCount(1);
      await expect.poll(() => marks(page)).toEqual({ styles: 1, nodes: 2, tags: 1 });
    }
    await expect(strip(y, '4001').locator('[data-part="change"]')).toHaveText(/^\+80 likes since /);
    await expect(article(y, '4002').locator('[data-veille="author"]')).toHaveCount(0);
    // The new copies are the ones the worker talks to: a partner changed shows in both tabs at once.
    options = await new OptionsPage(await context.newPage(), id).open();
    await options.row('univnantes').getByRole('button', { name: 'Edit @UnivNantes' }).click();
    await options.form().getByLabel('Category').selectOption('journal');
    await options.form().getByRole('button', { name: 'Save' }).click();
    for (const page of [x, y]) await expect.poll(() => categoryOf(tagsIn(article(page, '4001')))).toBe('journal');

    // Switched off in chrome://extensions, then on again (which Chrome tells the extension nothing
    // of): the copies take their overlays away, then the worker, starting anew, finds no copy
    // running in either tab and starts one.
    await setEnabled(context, id, false);
    for (const page of [x, y]) await expect.poll(() => marks(page)).toEqual({ styles: 0, nodes: 0, tags: 0 });
    await setEnabled(context, id, true);
    for (const page of [x, y]) await expect.poll(() => marks(page)).toEqual({ styles: 1, nodes: 2, tags: 1 });
    expect(await categoryOf(tagsIn(article(x, '4001')))).toBe('journal');

    // Removed: Chrome leaves the script running in the page; it notices, and takes its overlays away.
    await (await context.browser()!.newBrowserCDPSession()).send('Extensions.uninstall', { id });
    for (const page of [x, y]) await expect.poll(() => marks(page)).toEqual({ styles: 0, nodes: 0, tags: 0 });
  });
});

test("without its access to X (Chrome's site access \"on click\"), Veille says so in the popup and the dashboard, asks for it, and starts in X's open tabs once given it back", async ({ context, options, worker, extensionId, xPages }) => {
  await options.addPartner({ handle: 'UnivNantes', name: 'Nantes Université', category: 'academic' });
  await expect(options.row('univnantes')).toBeVisible();
  const banner = (page: Page) => page.getByTestId('x-access');
  await expect(banner(options.page)).toHaveCount(0);

  await setSiteAccess(context, extensionId, 'ON_CLICK');
  // The dashboard already open says so at once; the popup as it opens.
  await expect(banner(options.page)).toBeVisible();
  const popup = await openPopup(context, worker, extensionId);
  await expect(banner(popup)).toHaveText(/^Veille cannot read X\. Your browser does not let it read x\.com and twitter\.com: no partner tags and no figures captured on X, and the veille no longer counts your time on X by itself\.Allow Veille on X$/);
  // Indeed: an X tab opened now gets nothing from Veille.
  xPages.set('/home', timelinePage(tweets(220)));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await x.waitForTimeout(1000);
  expect(await marks(x)).toEqual({ styles: 0, nodes: 0, tags: 0 });

  // "Allow" asks the browser, which asks the CM. A "no" (here the browser's answer is made so) says
  // where else to allow it.
  await popup.evaluate(() => {
    const permissions = (chrome as unknown as { permissions: { request(p: object): Promise<boolean> } }).permissions;
    permissions.request = async () => false;
  });
  await banner(popup).getByRole('button', { name: 'Allow Veille on X' }).click();
  await expect(banner(popup).getByRole('status')).toHaveText("Not allowed. The extension's settings in your browser (Site access) can allow it too.");
  // A "yes" (the prompt this headless browser leaves open; given here in the extension's settings):
  // the warnings go, and the X tab open gets its overlays and captures without a reload.
  await banner(options.page).getByRole('button', { name: 'Allow Veille on X' }).click();
  await setSiteAccess(context, extensionId, 'ON_ALL_SITES');
  await expect(banner(options.page)).toHaveCount(0);
  await expect(banner(popup)).toHaveCount(0);
  await expect(tagsIn(article(x, '4001'))).toHaveCount(1);
  await expect.poll(async () => (await allRecords(options.page, 'tweetMetrics')).map((r) => r.tweetId).sort()).toEqual(['4001', '4002']);
});

test("the worker stopping and starting again (Chrome stops it after 30 s idle) leaves the X tabs' running copy alone: a popover being filled stays open", async ({ context, options, worker, extensionId, xPages }) => {
  xPages.set('/home', timelinePage(tweets(220)));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await article(x, '4002').hover();
  await article(x, '4002').getByRole('button', { name: 'Tag @other as a partner' }).click();
  const dialog = x.getByRole('dialog', { name: 'Tag @other as a partner' });
  await dialog.getByLabel('Name').fill('Another lab');
  // (The page's own mark on Veille's stylesheet: a new copy of the script would put in another.)
  await x.evaluate(() => Object.assign(document.getElementById('veille-overlay-style')!, { kept: true }));

  await worker.evaluate(() => ((self as unknown as { marker: number }).marker = 1));
  await stopWorker(context, options.page);
  // The popup opening wakes a new worker, which asks the tab, which answers: nothing is started there.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect.poll(() => context.serviceWorkers().at(-1)!.evaluate(() => (self as unknown as { marker?: number }).marker ?? 'restarted')).toBe('restarted');
  await x.waitForTimeout(1000);
  expect(await x.evaluate(() => (document.getElementById('veille-overlay-style') as HTMLStyleElement & { kept?: boolean }).kept)).toBe(true);
  await expect(dialog.getByLabel('Name')).toHaveValue('Another lab');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(tagsIn(article(x, '4002'))).toHaveCount(1);
});
