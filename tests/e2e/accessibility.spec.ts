/**
 * Accessibility, checked by axe-core (WCAG 2.1 A and AA rules, and its best practices): the extension's pages in the browser's
 * light and dark schemes, and Veille's overlays on X in X's three themes. On X only Veille's own
 * elements are checked: the fixture pages copy X's markup, whose faults are X's.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { OVERVIEW, PREMIUM } from '../fixtures/analytics';
import { accountsPage, profilePage, timelinePage, type TweetSpec } from '../fixtures/x-dom';
import { snowflakeAt } from '../../lib/x/tweet-id';
import { weekdayOf } from '../../lib/time';
import { article, expect, putRecords, setSiteAccess, test, travelBack } from './fixtures';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What axe finds wrong in `page` (or in the elements `include` names): "rule: element" lines. */
async function violations(page: Page, include?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async (include) => {
    interface Result { id: string; nodes: { target: unknown[]; failureSummary?: string }[] }
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Result[] }> } }).axe;
    const context = include ? { include: Array.from(document.querySelectorAll(include)) } : document;
    const { violations } = await axe.run(context, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'], resultTypes: ['violations'] });
    return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`));
  }, include);
}

test('the dashboard and the popup, with data, in light and dark schemes', async ({ context, options, extensionId }) => {
  const page = options.page;
  await options.addPartner({ handle: 'UnivNantes', name: 'Nantes Université', category: 'academic', tags: 'région', note: 'Partenaire historique' });
  await page.getByTestId('analytics-input').setInputFiles({ name: 'account_analytics_content.csv', mimeType: 'text/csv', buffer: Buffer.from(PREMIUM, 'utf8') });
  await expect(page.getByTestId('import-result')).toContainText('Added 1');
  const now = Date.now();
  await putRecords(page, 'topics', [
    { id: 't1', title: 'For the meeting', status: 'proposed', note: 'A note', tags: ['santé'], hashtags: ['#crispr'], createdAt: now, updatedAt: now },
    { id: 't2', title: 'Just seen', status: 'new', note: '', tags: [], hashtags: [], createdAt: now, updatedAt: now },
  ]);
  await putRecords(page, 'veilleSessions', [{ id: 's1', start: now - 3_600_000, end: now - 1_800_000, mode: 'manual' }]);
  // The institution's own tweet of the export's day, as seen on X.
  await putRecords(page, 'partners', [{ id: 'p-inria', handle: 'inria', name: 'Inria', category: 'institution', tags: [], note: '', createdAt: now, updatedAt: now }]);
  const posted = new Date(2026, 7, 15, 10).getTime();
  await putRecords(page, 'tweetMetrics', [{ tweetId: snowflakeAt(posted), capturedAt: now, source: 'page', authorHandle: 'inria', views: 1200, likes: 30, reposts: 2, replies: 1 }]);
  // Two visits of a partner's profile: their details chart the followers.
  const visit = (daysAgo: number, followers: number) => ({ handle: 'univnantes', day: `2026-01-0${daysAgo}`, capturedAt: now - daysAgo * 86_400_000, followers, following: 1, posts: 1 });
  await putRecords(page, 'profileSnapshots', [visit(1, 5100), visit(5, 5000)]);
  // The veille's round, one place visited today (its ticks, links and buttons are in what axe reads).
  await putRecords(page, 'sources', [
    { id: 'r1', label: '#chimie', url: 'https://x.com/search?q=%23chimie', order: 0, createdAt: now, updatedAt: now },
    { id: 'r2', label: 'JACS ASAP', url: 'https://pubs.acs.org/toc/jacsat/0/0', order: 1, createdAt: now - 20 * 86_400_000, updatedAt: now },
  ]);
  const today = new Date();
  await putRecords(page, 'sourceVisits', [{ source: 'r1', day: `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`, at: now }]);
  await page.reload();
  await expect(page.locator('.card')).toHaveCount(2);
  // (The dashboard is drawn when its place comes near the window, or its section is named: after a
  // reload the window's place depends on how fast the sections above it filled. Its link names it.)
  await page.getByRole('link', { name: 'Analytics', exact: true }).click();
  await expect(page.getByTestId('dash-totals')).toBeVisible();
  await expect(page.getByTestId('dash-seen-totals')).toHaveText('1 tweet · 1,200 views · 30 likes · 2 reposts · 1 reply');
  // (The veille history's months, the imports' lines and the dashboard's export are in what axe reads.)
  await expect(page.getByTestId('history-months')).toBeVisible();
  // (A partner selected: the bar of what can be done to the selection is in what axe reads.)
  await page.getByRole('checkbox', { name: 'Select @univnantes' }).check();
  await expect(page.getByTestId('bulk-bar')).toBeVisible();
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('popup-partners')).toBeVisible();
  await expect(popup.getByTestId('round-count')).toHaveText('1 of 2 visited');
  await expect(page.getByTestId('round-count')).toHaveText('1 of 2 visited');
  // Each place's days of the last two weeks: the places the veille skips show (two weeks hold ten
  // days of veille, Monday to Friday; today, not over yet, counts once visited).
  await expect(page.getByTestId('round-recent')).toHaveText(['added today', `visited 0 of the last ${weekdayOf(Date.now()) <= 5 ? 9 : 10} days of veille`]);
  // Without its access to X (Chrome's site access "on click"): the warning is in what axe reads.
  await setSiteAccess(context, extensionId, 'ON_CLICK');
  for (const p of [page, popup]) await expect(p.getByTestId('x-access')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    for (const p of [page, popup]) await p.emulateMedia({ colorScheme: scheme });
    expect(await violations(page), `options, ${scheme}`).toEqual([]);
    expect(await violations(popup), `popup, ${scheme}`).toEqual([]);
  }
  // A partner's details, over the page.
  await page.getByRole('link', { name: 'Partners', exact: true }).click();
  await options.row('univnantes').getByRole('button', { name: 'Details @univnantes' }).click();
  await expect(page.getByTestId('partner-detail').getByRole('img')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await violations(page, '[data-testid="partner-detail"]'), `partner details, ${scheme}`).toEqual([]);
  }
  // WCAG 2.1's reflow (1.4.10): 320 px wide (a window of 1,280 zoomed to 400 %), no page scrolls
  // sideways. Only the partners' table, whose columns need more, scrolls in a box of its own.
  for (const p of [page, popup]) await p.setViewportSize({ width: 320, height: 720 });
  const wide = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth);
  await expect.poll(() => wide(page), "options, with a partner's details open").toBeLessThanOrEqual(320);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('partner-detail')).toBeHidden();
  await expect.poll(() => wide(page), 'options').toBeLessThanOrEqual(320);
  expect(await wide(popup), 'popup').toBeLessThanOrEqual(320);
  const table = page.locator('.table-scroll');
  expect(await table.evaluate((box) => box.scrollWidth > box.clientWidth), "the partners' table scrolls in its box").toBe(true);
  await page.getByRole('button', { name: 'Delete @univnantes' }).focus();
  await expect.poll(() => table.evaluate((box) => box.scrollLeft), 'its buttons scrolled into view when focused').toBeGreaterThan(0);
});

test("the popup shows whole: nothing moves under the CM's pointer as its parts load", async ({ context, options, extensionId }) => {
  const now = Date.now();
  await putRecords(options.page, 'partners', [
    { id: 'p1', handle: 'cnrs', name: 'CNRS', category: 'public_authority', tags: [], note: '', createdAt: now, updatedAt: now },
    { id: 'p2', handle: 'inria', name: 'Inria', category: 'institution', tags: [], note: '', createdAt: now, updatedAt: now },
  ]);
  await putRecords(options.page, 'topics', [{ id: 't1', title: 'Idée', status: 'new', note: '', tags: [], hashtags: [], createdAt: now, updatedAt: now }]);
  // Opened three times, in a window of the popup's size. Each part reads its own data and is drawn
  // when it has it: shown part by part, the page grew for a third of a second, "Start" and "Save"
  // moving as the CM reached for them (the layout shifts summed as Web Vitals' CLS, where 0.1 is the
  // line for a good page, read 0.6 – 0.7).
  for (let time = 1; time <= 3; time++) {
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 340, height: 700 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.getByRole('button', { name: 'Start' })).toBeVisible();
    await expect(popup.getByTestId('popup-partners')).toHaveText('Partners: 2');
    const shifted = await popup.evaluate(
      () =>
        new Promise<number>((done) => {
          let sum = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) sum += (e as PerformanceEntry & { value: number }).value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => done(sum), 300);
        }),
    );
    expect(shifted, `layout shift as the popup opened, time ${time}`).toBeLessThan(0.05);
    await popup.close();
  }
});

test("the import's question of whose days an export holds, the account's days charted and the accounts compared, in light and dark schemes", async ({ options }) => {
  const page = options.page;
  await page.getByRole('link', { name: 'Analytics', exact: true }).click();
  const file = { mimeType: 'text/csv', buffer: Buffer.from(OVERVIEW, 'utf8') };
  // (The second file names its account: with two accounts, the dashboard compares them.)
  await page.getByTestId('analytics-input').setInputFiles([{ name: 'account_overview_analytics.csv', ...file }, { name: 'inria_en_account_overview_analytics.csv', ...file }]);
  const question = page.getByTestId('import-account');
  // (With its error showing.)
  await question.getByRole('combobox', { name: 'Account' }).press('Enter');
  await expect(question.getByRole('alert')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await violations(page, 'section.import'), `the question, ${scheme}`).toEqual([]);
  }
  await question.getByRole('combobox', { name: 'Account' }).fill('@inria');
  await question.getByRole('checkbox').check();
  await question.getByRole('button', { name: 'Import for this account' }).click();
  await expect(page.getByTestId('dash-days-chart')).toBeVisible();
  await expect(page.getByTestId('dash-by-account')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await violations(page), `the dashboard, ${scheme}`).toEqual([]);
  }
});

test("Veille's overlays on X (strips rising and falling with their chart, tags, the tagging popover, the profile card, a list of accounts) in X's light, dim and dark themes", async ({ context, options, xPages }) => {
  await options.addPartner({ handle: 'UnivNantes', name: 'Nantes Université', category: 'academic', tags: 'région', note: 'Partenaire historique' });
  const tweets = (up: number, down: number): TweetSpec[] => [
    { handle: 'UnivNantes', name: 'Nantes Université', id: '4001', counts: { replies: 3, reposts: 12, likes: up, views: 9000 } },
    { handle: 'Labo_X', name: 'Labo X', id: '4002', counts: { replies: 1, reposts: 2, likes: down, views: 800 } },
  ];
  xPages.set('/home', timelinePage(tweets(100, 50)));
  xPages.set('/UnivNantes', profilePage({ handle: 'UnivNantes', name: 'Nantes Université', userId: '18188628', followers: '12,000' }, []));
  const x = await context.newPage();
  await x.goto('https://x.com/UnivNantes');
  await expect(x.locator('[data-veille="card"]')).toBeVisible();
  await x.goto('https://x.com/home');
  await expect(x.locator('[data-veille-tag]')).toHaveCount(1);
  // Two days later: one tweet has risen, the other fallen; the account has grown.
  await travelBack(options.page, 48);
  xPages.set('/home', timelinePage(tweets(220, 40)));
  xPages.set('/UnivNantes', profilePage({ handle: 'UnivNantes', name: 'Nantes Université', userId: '18188628', followers: '12,345' }, []));
  await x.reload();
  await expect(article(x, '4001').locator('[data-part="change"]')).toHaveClass('up');
  await expect(article(x, '4002').locator('[data-part="change"]')).toHaveClass('down');
  // The popover, opened from the keyboard on the author who is not a partner yet.
  await article(x, '4002').focus();
  const add = x.getByRole('button', { name: 'Tag @labo_x as a partner' });
  await add.focus();
  await x.keyboard.press('Enter');
  const dialog = x.getByRole('dialog', { name: 'Tag @labo_x as a partner' });
  await expect(dialog).toBeVisible();
  // A tag too long: its error shows in the popover too.
  await dialog.getByLabel('Tags').fill('t'.repeat(41));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('A tag is longer than 40 characters.')).toBeVisible();

  const profile = await context.newPage();
  await profile.goto('https://x.com/UnivNantes');
  await expect(profile.locator('[data-veille="card"] [data-part="followers"]')).toContainText('+345');
  // A list of accounts: a partner's tag, drawn, and the buttons of the cells pointed at and focused,
  // inside X's links to the profiles (checked with them).
  xPages.set('/i/lists/1/members', accountsPage([{ handle: 'UnivNantes', name: 'Nantes Université' }, { handle: 'Labo_Y', name: 'Labo Y' }, { handle: 'Other', name: 'Other' }]));
  const list = await context.newPage();
  await list.goto('https://x.com/i/lists/1/members');
  const cells = list.locator('[data-testid=UserCell]');
  await expect(cells.nth(0).locator('[data-veille-tag]')).toHaveCount(1);
  await cells.nth(0).focus();
  await cells.nth(1).hover();
  await expect(list.locator('[data-veille-author] button')).toHaveCount(2);
  const ours = '[data-veille], [data-veille-author] button';
  // X sets its theme as the body's background.
  for (const [theme, background, color] of [
    ['light', 'rgb(255, 255, 255)', 'rgb(15, 20, 25)'],
    ['dim', 'rgb(21, 32, 43)', 'rgb(247, 249, 249)'],
    ['dark', 'rgb(0, 0, 0)', 'rgb(231, 233, 234)'],
  ] as const) {
    for (const p of [x, profile, list]) {
      await p.evaluate((look) => {
        document.body.style.backgroundColor = look.background;
        document.body.style.color = look.color;
      }, { background, color });
    }
    await expect(article(x, '4001').locator('[data-veille="strip"]')).toHaveAttribute('data-theme', theme);
    await expect(profile.locator('[data-veille="card"]')).toHaveAttribute('data-theme', theme);
    await expect(dialog).toBeVisible();
    // The history chart shows over the strip while it has the focus.
    await article(x, '4001').locator('[data-veille="strip"]').focus();
    await expect(article(x, '4001').locator('[data-veille="strip"] .chart')).toBeVisible();
    // Over it exactly: the strip is positioned while its chart shows (and only then).
    const [stripBox, chartBox] = await Promise.all([
      article(x, '4001').locator('[data-veille="strip"]').boundingBox(),
      article(x, '4001').locator('[data-veille="strip"] .chart').boundingBox(),
    ]);
    // (Inside its border: 8 px in from either side.)
    expect(Math.abs(chartBox!.y - stripBox!.y)).toBeLessThanOrEqual(2);
    expect(Math.abs(chartBox!.height - stripBox!.height)).toBeLessThanOrEqual(4);
    expect(Math.abs(chartBox!.x - (stripBox!.x + 8))).toBeLessThanOrEqual(2);
    expect(Math.abs(chartBox!.width - (stripBox!.width - 16))).toBeLessThanOrEqual(4);
    expect(await violations(x, ours), `timeline, ${theme}`).toEqual([]);
    expect(await violations(profile, ours), `profile, ${theme}`).toEqual([]);
    expect(await violations(list, `${ours}, [data-testid=UserCell] a:not([tabindex])`), `list of accounts, ${theme}`).toEqual([]);
  }
});
