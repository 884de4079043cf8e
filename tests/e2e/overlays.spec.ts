import type { Page } from '@playwright/test';
import { accountsPage, cellHtml, profileHeaderHtml, profilePage, timelinePage, tweetHtml, type TweetSpec } from '../fixtures/x-dom';
import { ARCHIVE, LEGACY_EN } from '../fixtures/analytics';
import { FLUSH_MS } from '../../lib/capture-queue';
import { snowflakeAt } from '../../lib/x/tweet-id';
import { DAY_MS, dateText } from '../../lib/time';
import { allRecords, article, categoryOf, expect, putRecords, tagShows, tagsIn, test, travelBack } from './fixtures';

const strip = (page: Page, id: string) => article(page, id).locator('[data-veille="strip"]');

const tweet = (likes: number, extra: Partial<TweetSpec> = {}): TweetSpec => ({
  handle: 'UnivNantes',
  name: 'Nantes Université',
  id: '4001',
  counts: { replies: 3, reposts: 12, likes, views: 9281975 },
  ...extra,
});

test('a recent tweet: its strip comes from what the page was told up front, and its counts are stored a moment later', async ({ context, options, xPages }) => {
  // Posted two hours ago: the page knows up front what is stored about it, without asking.
  const id = snowflakeAt(Date.now() - 2 * 3_600_000);
  // (A partner: its tag shows when a page has read its tweets.)
  await options.addPartner({ handle: 'UnivNantes', name: 'Nantes Université', category: 'academic' });
  await expect(options.row('univnantes')).toBeVisible();
  xPages.set('/home', timelinePage([tweet(100, { id }), { handle: 'other', id: '4002' }]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await expect.poll(async () => (await allRecords(options.page, 'tweetMetrics')).map((r) => r.tweetId).sort()).toEqual(['4002', id].sort());
  await expect(strip(x, id)).toHaveCount(0);

  xPages.set('/home', timelinePage([tweet(220, { id }), { handle: 'other', id: '4002' }]));
  await x.reload();
  await expect(strip(x, id)).toBeVisible();
  await expect(strip(x, id)).toContainText('220 likes');
  await expect(strip(x, id).locator('[data-part="change"]')).toHaveText(/^\+120 likes since /);
  // Within the hour, no second snapshot; a page left as soon as it has read its tweet (well before
  // the second after which captures go) sends what it saw all the same. (A page left before the
  // content script has read it has nothing to send.)
  xPages.set('/elsewhere', timelinePage([tweet(300, { id: snowflakeAt(Date.now() - 60_000) })]));
  await x.goto('https://x.com/elsewhere');
  await expect(x.locator('[data-veille-tag]')).toHaveCount(1);
  await x.goto('about:blank');
  await expect.poll(async () => (await allRecords(options.page, 'tweetMetrics')).length).toBe(3);
  expect((await allRecords(options.page, 'tweetMetrics')).filter((r) => r.tweetId === id)).toHaveLength(1);
});

test('visiting a tweet twice with different counts shows the change in its strip', async ({ context, options, xPages }) => {
  xPages.set('/home', timelinePage([tweet(100), { handle: 'other', id: '4002' }]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  // First sight: stored, nothing to show beyond what X shows.
  await expect.poll(async () => (await allRecords(options.page, 'tweetMetrics')).length).toBe(2);
  await expect(strip(x, '4001')).toHaveCount(0);

  // Second visit, the counts have moved: the strip shows the exact figures and the change.
  xPages.set('/home', timelinePage([tweet(220), { handle: 'other', id: '4002' }]));
  await x.reload();
  await expect(strip(x, '4001')).toBeVisible();
  await expect(strip(x, '4001')).toContainText('220 likes');
  await expect(strip(x, '4001')).toContainText('9,281,975 views');
  await expect(strip(x, '4001').locator('[data-part="change"]')).toHaveText(/^\+120 likes since /);
  // Within the hour, no second snapshot.
  expect((await allRecords(options.page, 'tweetMetrics')).filter((r) => r.tweetId === '4001')).toHaveLength(1);

  // On focus, the history chart with its dates, over the strip's figures: the tweet keeps its height.
  const before = await strip(x, '4001').boundingBox();
  await strip(x, '4001').focus();
  await expect(strip(x, '4001').locator('.chart')).toBeVisible();
  expect(await strip(x, '4001').boundingBox()).toEqual(before);
  const chart = await strip(x, '4001').locator('.chart svg').boundingBox();
  expect(chart!.height).toBeGreaterThan(10);
  expect(chart!.y + chart!.height).toBeLessThanOrEqual(before!.y + before!.height);
  await expect(strip(x, '4001').locator('.chart svg polyline')).toHaveCount(1);
  await expect(strip(x, '4001').locator('.chart')).toHaveAttribute('aria-label', /^likes: 100 on .*, 220 on /);

  // Two hours later, the new counts are stored as a second snapshot.
  await travelBack(options.page, 2);
  await x.reload();
  await expect(strip(x, '4001')).toBeVisible();
  await expect.poll(async () => (await allRecords(options.page, 'tweetMetrics')).filter((r) => r.tweetId === '4001').length).toBe(2);

  // Imported analytics show in the strip of the institute's tweet.
  await putRecords(options.page, 'tweetMetrics', [
    { tweetId: '4002', capturedAt: Date.now() - 86_400_000, source: 'analytics', impressions: 12345, engagements: 400, engagementRate: 0.0324, urlClicks: 21 },
  ]);
  await x.reload();
  await expect(strip(x, '4002').locator('[data-part="analytics"]')).toContainText('Impressions 12,345');
  await expect(strip(x, '4002').locator('[data-part="analytics"]')).toContainText('Engagement rate 3.2 %');
  // Never over X's buttons: the strip comes after the action bar.
  const bar = await article(x, '4002').locator('[role="group"][aria-label$="views"]').boundingBox();
  const box = await strip(x, '4002').boundingBox();
  expect(box!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1);
});

test("an account archive imported after a tweet was seen on X: its counts come after the captures, not before them", async ({ context, options, xPages, extensionId }) => {
  // The institute's tweet of November 2022 (the archive's), seen on X five days ago with 5 likes.
  const id = '1588091220244369409';
  const seen = Date.now() - 5 * DAY_MS;
  await putRecords(options.page, 'tweetMetrics', [{ tweetId: id, capturedAt: seen, source: 'page', authorHandle: 'univnantes', likes: 5, reposts: 12, replies: 3, views: 9281975 }]);
  // The archive, made since (12 likes), imported in the dashboard: dated by its file, today.
  await options.page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  await options.page.getByTestId('analytics-input').setInputFiles({ name: 'tweets.js', mimeType: 'application/javascript', buffer: Buffer.from(ARCHIVE, 'utf8') });
  await expect(options.page.getByTestId('import-result')).toContainText('Added 1, updated 0, rejected 0.');
  // On X, 14 likes: the change since the CM first saw it, not since the tweet (where the archive's
  // 12 would have stood, first).
  xPages.set('/home', timelinePage([tweet(14, { id })]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await expect(strip(x, id)).toContainText('14 likes');
  await expect(strip(x, id).locator('[data-part="change"]')).toHaveText(`+9 likes since ${dateText(seen, 'en')}`);
});

test('when X shows new counts on the page (the CM likes the tweet), the strip follows and the counts are sent again', async ({ context, options, xPages }) => {
  // Posted two hours ago, seen once with 100 likes, more than an hour ago.
  const id = snowflakeAt(Date.now() - 2 * 3_600_000);
  xPages.set('/home', timelinePage([tweet(100, { id })]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await expect.poll(async () => (await allRecords(options.page, 'tweetMetrics')).length).toBe(1);
  await travelBack(options.page, 2);

  xPages.set('/home', timelinePage([tweet(220, { id })]));
  await x.reload();
  await expect(strip(x, id)).toContainText('220 likes');
  await expect(strip(x, id).locator('[data-part="change"]')).toHaveText(/^\+120 likes since /);
  await expect.poll(async () => (await allRecords(options.page, 'tweetMetrics')).length).toBe(2);
  await travelBack(options.page, 2);

  // X, as after a like: the button turns to "unlike" and the bar's label gives the new count.
  await article(x, id).evaluate((a) => {
    const bar = a.querySelector('[role="group"]')!;
    bar.querySelector('[data-testid="like"]')?.setAttribute('data-testid', 'unlike');
    bar.setAttribute('aria-label', (bar.getAttribute('aria-label') ?? '').replace('220 likes', '221 likes'));
  });
  await expect(strip(x, id)).toContainText('221 likes');
  await expect(strip(x, id).locator('[data-part="change"]')).toHaveText(/^\+121 likes since /);
  await expect.poll(async () => (await allRecords(options.page, 'tweetMetrics')).map((r) => r.likes).sort()).toEqual([100, 220, 221]);
});

test('a profile shows its card with the follower history', async ({ context, options, xPages }) => {
  // (Added by its handle alone: its profile names it.)
  // (Its note holds a shared document's address, one word longer than X's column is wide.)
  const doc = 'https://docs.google.com/document/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit';
  await options.addPartner({ handle: 'UnivNantes', category: 'academic', tags: 'région', note: `Partenaire historique, dossier ${doc}` });
  await expect(options.rows()).toHaveCount(1);
  xPages.set('/UnivNantes', profilePage({ handle: 'UnivNantes', name: 'Nantes Université', userId: '18188628', followers: '12,000' }, [tweet(5)]));
  const x = await context.newPage();
  await x.goto('https://x.com/UnivNantes');
  const card = x.locator('[data-veille="card"]');
  await expect(card).toBeVisible();
  await expect(card).toContainText('Nantes Université');
  await expect(card).toContainText('Academic (lab or university)');
  await expect(card).toContainText('Partenaire historique');
  // The address wraps within the card, and the card's button stays in it: they ran past X's column.
  await expect(card).toContainText(doc);
  const past = await card.evaluate((host) => {
    const edge = host.getBoundingClientRect().right;
    return [...host.shadowRoot!.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > edge + 0.5).map((el) => el.className || el.tagName);
  });
  expect(past, "the card's parts past its edge").toEqual([]);
  await expect(card.locator('[data-part="seen"]')).toHaveText(/^First visit/);
  await expect(card.locator('[data-part="followers"]')).toContainText('12,000 followers');
  await expect.poll(async () => (await allRecords(options.page, 'partners'))[0]?.userId).toBe('18188628');
  await expect.poll(async () => (await allRecords<{ name: string }>(options.page, 'partners'))[0]?.name).toBe('Nantes Université');
  await options.page.reload();
  await expect(options.row('univnantes')).toContainText('Nantes Université');
  // Seen again the same day: "today".
  await x.reload();
  await expect(card.locator('[data-part="seen"]')).toHaveText('Last seen today');

  // Two days later, the account has grown.
  await travelBack(options.page, 48);
  xPages.set('/UnivNantes', profilePage({ handle: 'UnivNantes', name: 'Nantes Université', userId: '18188628', followers: '12,345' }, [tweet(5)]));
  await x.reload();
  await expect(card.locator('[data-part="followers"]')).toContainText(/12,345 followers\+345 since your first visit on /);
  await expect(card.locator('[data-part="followers"] svg polyline')).toHaveCount(1);
  await expect(card.locator('[data-part="seen"]')).toHaveText(/^Last seen on /);
  await expect.poll(async () => (await allRecords(options.page, 'profileSnapshots')).length).toBe(2);
  // No analytics imported: nothing said of the institute's tweets. Then one of them mentions the
  // account, then two: how many, and the last one's day.
  await expect(card.locator('[data-part="mentions"]')).toHaveCount(0);
  const now = Date.now();
  const mention = (id: string, daysAgo: number) => ({ tweetId: id, capturedAt: now, source: 'analytics', authorHandle: 'inria', postedAt: now - daysAgo * DAY_MS, mentions: ['univnantes'], impressions: 1000 });
  await putRecords(options.page, 'tweetMetrics', [mention('1900000000000000001', 5)]);
  await x.reload();
  await expect(card.locator('[data-part="mentions"]')).toHaveText(`Mentioned in 1 of the institute's tweets, on ${dateText(now - 5 * DAY_MS, 'en')}.`);
  await putRecords(options.page, 'tweetMetrics', [mention('1900000000000000002', 2)]);
  await x.reload();
  await expect(card.locator('[data-part="mentions"]')).toHaveText(`Mentioned in 2 of the institute's tweets, the last on ${dateText(now - 2 * DAY_MS, 'en')}.`);

  // The account renames itself @NantesUniv (the same user id, in its follow button): it is still the
  // partner, and its follower history and its mentions go on under the new handle.
  xPages.set('/NantesUniv', profilePage({ handle: 'NantesUniv', name: 'Nantes Université', userId: '18188628', followers: '12,400' }, []));
  await x.goto('https://x.com/NantesUniv');
  await expect(card.locator('[data-part="followers"]')).toContainText(/12,400 followers\+400 since your first visit on /);
  await expect(card.locator('[data-part="mentions"]')).toHaveText(`Mentioned in 2 of the institute's tweets, the last on ${dateText(now - 2 * DAY_MS, 'en')}.`);
  await expect(card).toContainText('Partenaire historique');
  await expect(card).toContainText('Academic (lab or university)');
  await options.page.reload();
  await expect(options.row('nantesuniv')).toContainText('Nantes Université');
  await expect(options.rows()).toHaveCount(1);

  // The institute's analytics export, imported after the rename: its tweet of November 2026
  // mentions @UnivNantes, as it was then. It is the partner's mention all the same.
  await options.page.getByTestId('analytics-input').setInputFiles({ name: 'tweet_activity_metrics.csv', mimeType: 'text/csv', buffer: Buffer.from(LEGACY_EN, 'utf8') });
  await expect(options.page.getByTestId('import-result')).toContainText('Added 2, updated 0, rejected 0.');
  await x.reload();
  await expect(card.locator('[data-part="mentions"]')).toHaveText(`Mentioned in 3 of the institute's tweets, the last on ${dateText(now - 2 * DAY_MS, 'en')}.`);
  // The partner's details name the handle it had.
  await options.row('nantesuniv').getByRole('button', { name: 'Details @nantesuniv' }).click();
  await expect(options.page.getByTestId('pd-former')).toHaveText('Formerly @univnantes');
});

test('tagging an author from the timeline with the popover tags all their tweets at once', async ({ context, options, xPages }) => {
  xPages.set('/home', timelinePage([{ handle: 'Labo_X', name: 'Labo X', id: '5001' }, { handle: 'other', id: '5002' }, { handle: 'labo_x', id: '5003', markup: '2025' }, { handle: 'someone', id: '5004', quote: { handle: 'Labo_X' } }]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  const add = article(x, '5001').locator('[data-veille-author="labo_x"]').getByRole('button', { name: 'Tag @labo_x as a partner' });
  await expect(article(x, '5001').locator('[data-veille-tag]')).toHaveCount(0);
  // Keyboard: focusing the tweet (as X's j/k keys do) shows its "+"; Tab reaches it, Enter opens the
  // popover on the category.
  await article(x, '5001').focus();
  await expect(add).toHaveCount(1);
  await add.focus();
  await x.keyboard.press('Enter');
  const dialog = x.getByRole('dialog', { name: 'Tag @labo_x as a partner' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Name')).toHaveValue('Labo X');
  // Escape closes it and gives the focus back.
  await x.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(add).toBeFocused();
  expect(x.url()).toBe('https://x.com/home');

  await add.click();
  await dialog.getByLabel('Category').selectOption('industry');
  await expect(dialog.getByLabel('Tags')).toHaveAttribute('placeholder', 'Separated by commas');
  await dialog.getByLabel('Tags').fill('chimie, startup');
  await dialog.getByLabel('Note').fill('Rencontré au salon');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  for (const id of ['5001', '5003', '5004']) await expect.poll(() => categoryOf(tagsIn(article(x, id)))).toBe('industry');
  await expect(tagsIn(article(x, '5002'))).toHaveCount(0);
  expect(x.url()).toBe('https://x.com/home');

  // It is a partner like any other, in the options page.
  await options.page.reload();
  await expect(options.row('labo_x')).toContainText('Labo X');
  await expect(options.row('labo_x')).toContainText('startup');

  // Edit from the tag itself (a button once the tweet is pointed at), then remove.
  await article(x, '5003').hover();
  await expect(tagsIn(article(x, '5003')).getByRole('button')).toHaveCount(1);
  await tagsIn(article(x, '5003')).getByRole('button').click();
  const edit = x.getByRole('dialog', { name: 'Edit @labo_x' });
  await expect(edit.getByLabel('Note')).toHaveValue('Rencontré au salon');
  await edit.getByLabel('Category').selectOption('academic');
  await edit.getByRole('button', { name: 'Save' }).click();
  for (const id of ['5001', '5003', '5004']) await expect.poll(() => categoryOf(tagsIn(article(x, id)))).toBe('academic');
  await article(x, '5001').hover();
  await tagsIn(article(x, '5001')).getByRole('button').click();
  // Removing asks first (the category, tags and note go with the partner), then removes.
  const removing = x.getByRole('dialog', { name: 'Edit @labo_x' });
  await removing.getByRole('button', { name: 'Remove partner' }).click();
  await expect(removing.getByRole('alert').last()).toHaveText('Remove @labo_x from the partners? Its category, tags and note will be deleted.');
  await expect.poll(() => categoryOf(tagsIn(article(x, '5001')))).toBe('academic');
  await removing.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(removing).toHaveCount(0);
  await expect(tagsIn(x.locator('body'))).toHaveCount(0);

  // A partner added without a name (a pasted list of handles): its popover offers the name X shows.
  await options.addPartner({ handle: 'Labo_X', category: 'media' });
  await expect.poll(() => categoryOf(tagsIn(article(x, '5001')))).toBe('media');
  await article(x, '5001').hover();
  await tagsIn(article(x, '5001')).getByRole('button').click();
  await expect(x.getByRole('dialog', { name: 'Edit @labo_x' }).getByLabel('Name')).toHaveValue('Labo X');
});

test('in-page navigation from a timeline to a profile and back keeps the overlays right', async ({ context, options, xPages }) => {
  await options.addPartner({ handle: 'minesnantes', name: 'IMT Atlantique', category: 'academic' });
  await expect(options.rows()).toHaveCount(1);
  xPages.set('/home', timelinePage([{ handle: 'minesnantes', id: '6001' }, { handle: 'other', id: '6002' }]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await expect(tagsIn(article(x, '6001'))).toHaveCount(1);

  await x.evaluate((html) => {
    history.pushState({}, '', '/MinesNantes');
    document.querySelector('.timeline')!.innerHTML = html;
  }, profileHeaderHtml({ handle: 'MinesNantes', name: 'IMT Atlantique', followers: '5.1K' }) + cellHtml({ handle: 'minesnantes', id: '6003' }, 0));
  await expect(x.locator('[data-veille="card"]')).toContainText('IMT Atlantique');
  // An abbreviated count is at least what it shows (X truncates).
  await expect(x.locator('[data-veille="card"] [data-part="followers"]')).toHaveText('≥ 5,100 followers');
  await expect(tagsIn(x.getByTestId('UserName'))).toHaveCount(1);
  await expect(tagsIn(article(x, '6003'))).toHaveCount(1);

  await x.evaluate((html) => {
    history.back();
    document.querySelector('.timeline')!.innerHTML = html;
  }, cellHtml({ handle: 'other', id: '6002' }, 0) + cellHtml({ handle: 'minesnantes', id: '6001' }, 1));
  await expect(x.locator('[data-veille="card"]')).toHaveCount(0);
  await expect(tagsIn(article(x, '6001'))).toHaveCount(1);
  await expect(tagsIn(article(x, '6002'))).toHaveCount(0);
  await expect(tagsIn(x.locator('body'))).toHaveCount(1);
  await expect(tagsIn(x.locator('body'))).toHaveAttribute('data-veille-tag', 'minesnantes');
  await expect(x.locator('[data-veille="author"]')).toHaveCount(0);
});

test("pages of accounts only (a search's People, a list's members) are no sign X changed: no health warning", async ({ context, options, extensionId, xPages }) => {
  const accounts = accountsPage(['a', 'b', 'c', 'd'].map((handle) => ({ handle })));
  xPages.set('/search', accounts);
  xPages.set('/i/lists/123/members', accounts);
  const x = await context.newPage();
  type Health = Record<string, { lastMatch?: number; lastFail?: number }>;
  const health = async () => ((await allRecords<{ key: string; value: Health }>(options.page, 'settings')).find((r) => r.key === 'selectorHealth')?.value ?? {}) as Health;
  for (const address of ['https://x.com/search?q=cnrs&f=user', 'https://x.com/i/lists/123/members']) {
    const since = Date.now();
    await x.goto(address);
    // Once the page has settled, its check is reported (its primary column found)…
    await expect.poll(async () => (await health()).primaryColumn?.lastMatch ?? 0, { timeout: 15_000 }).toBeGreaterThan(since);
    // … and four accounts and no tweet are no tweets missing.
    expect((await health()).tweet?.lastFail).toBeUndefined();
  }
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(popup.getByTestId('health-warning')).toHaveCount(0);
});

test("a page where X's markup is missing pieces: no exception, and a health warning", async ({ context, options, extensionId, xPages }) => {
  xPages.set(
    '/home',
    timelinePage([
      { handle: 'a', id: '7001', omit: ['userName'] },
      { handle: 'b', id: '7002', omit: ['userName'] },
      { handle: 'c', id: '7003', omit: ['userName'] },
    ]),
  );
  const x = await context.newPage();
  const errors: string[] = [];
  x.on('pageerror', (e) => errors.push(e.message));
  x.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await x.goto('https://x.com/home');
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('health-warning')).toContainText("X's page has changed: tags and metrics may be missing.", { timeout: 15_000 });
  await options.page.reload();
  await expect(options.page.getByTestId('health-warning')).toContainText('userName');
  await expect(options.page.getByTestId('health-warning')).toContainText(/Not found since [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M: /);
  expect(errors).toEqual([]);
  await expect(x.locator('[data-veille]')).toHaveCount(0);
  await expect(x.locator('article')).toHaveCount(3);

  // X's page comes back to normal: the warning goes.
  xPages.set('/home', timelinePage([{ handle: 'a', id: '7001' }]));
  await x.reload();
  await expect(popup.getByTestId('health-warning')).toHaveCount(0, { timeout: 15_000 });

  // Tweets without their action bars: the tags stay, but the figures are missing, and the CM is told.
  await options.addPartner({ handle: 'a', category: 'media' });
  xPages.set('/home', timelinePage([{ handle: 'a', id: '7001', omit: ['actionBar'] }, { handle: 'b', id: '7002', omit: ['actionBar'] }]));
  await x.reload();
  await expect(x.locator('[data-veille-tag="a"]')).toHaveCount(1);
  await expect(popup.getByTestId('health-warning')).toContainText("X's page has changed: metrics may be missing.", { timeout: 15_000 });
  await expect(options.page.getByTestId('health-warning')).toContainText('actionBar');

  // A profile page whose tweets show, but not its header: no card, and the CM is told.
  xPages.set('/a', timelinePage([{ handle: 'a', id: '7001' }]));
  await x.goto('https://x.com/a');
  await expect(options.page.getByTestId('health-warning')).toContainText(/metrics may be missing\..*: profileUserName\.$/, { timeout: 15_000 });
  await expect(x.locator('[data-veille="card"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('with capture switched off in the settings, nothing is stored', async ({ context, options, xPages }) => {
  await options.page.getByLabel('Capture engagement from the X pages I browse').uncheck();
  await expect(options.page.getByText('Settings saved.')).toBeVisible();
  xPages.set('/UnivNantes', profilePage({ handle: 'UnivNantes' }, [tweet(100)]));
  const x = await context.newPage();
  await x.goto('https://x.com/UnivNantes');
  // The card comes with the answer to the batch that carried the profile and the tweet.
  await expect(x.locator('[data-veille="card"]')).toBeVisible();
  // The worker writes captures at most FLUSH_MS after they come: wait longer than that.
  await x.waitForTimeout(FLUSH_MS + 500);
  expect(await allRecords(options.page, 'tweetMetrics')).toEqual([]);
  expect(await allRecords(options.page, 'profileSnapshots')).toEqual([]);
});

test('overlays switched off in the settings leave the X tabs already open at once, and come back', async ({ context, options, xPages }) => {
  await options.addPartner({ handle: 'UnivNantes', name: 'Nantes Université', category: 'academic' });
  await expect(options.rows()).toHaveCount(1);
  xPages.set('/UnivNantes', profilePage({ handle: 'UnivNantes', name: 'Nantes Université' }, [tweet(100)]));
  const x = await context.newPage();
  await x.goto('https://x.com/UnivNantes');
  await expect.poll(async () => (await allRecords(options.page, 'tweetMetrics')).length).toBe(1);
  xPages.set('/UnivNantes', profilePage({ handle: 'UnivNantes', name: 'Nantes Université' }, [tweet(220)]));
  await x.reload();
  const card = x.locator('[data-veille="card"]');
  const star = article(x, '4001').locator('[data-veille="save"]');
  await expect(strip(x, '4001')).toBeVisible();
  await expect(card).toBeVisible();
  await expect.poll(() => tagShows(article(x, '4001'))).toBe(true);
  await article(x, '4001').hover();
  await expect(star).toBeVisible();

  const switches = options.page.getByRole('group', { name: "On X's pages, show" });
  await switches.getByLabel('The engagement strip under tweets').uncheck();
  await switches.getByLabel('Partner tags, and the “+” that tags an author').uncheck();
  await expect(strip(x, '4001')).toBeHidden();
  await expect.poll(() => tagShows(article(x, '4001'))).toBe(false);
  await expect(card).toBeVisible();
  await switches.getByLabel("The card under a profile's header").uncheck();
  await switches.getByLabel('The “☆” that saves a tweet as a topic').uncheck();
  await expect(card).toBeHidden();
  await article(x, '4001').hover();
  await expect(star).toBeHidden();
  // Hidden is not switched off: the tweet is still captured (a new visit, new counts, a new hour).
  await travelBack(options.page, 2);
  xPages.set('/UnivNantes', profilePage({ handle: 'UnivNantes', name: 'Nantes Université' }, [tweet(300)]));
  await x.reload();
  await expect.poll(async () => (await allRecords(options.page, 'tweetMetrics')).length).toBe(2);
  await expect(strip(x, '4001')).toBeHidden();
  await expect.poll(() => tagShows(article(x, '4001'))).toBe(false);
  await expect(card).toBeHidden();

  // Back on, and kept for the next visit.
  await options.page.reload();
  await expect(switches.getByRole('checkbox', { checked: false })).toHaveCount(4);
  for (const box of await switches.getByRole('checkbox').all()) await box.check();
  await expect(strip(x, '4001')).toBeVisible();
  await expect(strip(x, '4001')).toContainText('300 likes');
  await expect.poll(() => tagShows(article(x, '4001'))).toBe(true);
  await expect(card).toBeVisible();

  // The popup's switch hides them all for a while, whatever the settings say; the settings say so,
  // and show them again.
  const popup = await context.newPage();
  await popup.goto(options.page.url().replace(/options\.html.*$/, 'popup.html'));
  const all = popup.getByRole('checkbox', { name: "Veille's marks on X pages" });
  await expect(all).toBeChecked();
  // (The popup, here in a tab of its own, says where the tags show; not while they are switched off.)
  await expect(popup.getByTestId('popup-where')).toHaveText('Open x.com to see partner tags on tweets and profiles.');
  await all.uncheck();
  await expect(popup.getByText('Off on every X tab until you switch them on again. Capture goes on.')).toBeVisible();
  await expect(popup.getByTestId('popup-where')).toHaveCount(0);
  await expect(strip(x, '4001')).toBeHidden();
  await expect.poll(() => tagShows(article(x, '4001'))).toBe(false);
  await expect(card).toBeHidden();
  await expect(switches.getByRole('checkbox', { checked: true })).toHaveCount(4);
  await switches.getByRole('button', { name: 'Show them again' }).click();
  await expect(strip(x, '4001')).toBeVisible();
  await expect(card).toBeVisible();
  await expect(all).toBeChecked();
  await expect(popup.getByTestId('popup-where')).toBeVisible();
});
