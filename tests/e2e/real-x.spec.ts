/**
 * The extension in Chromium on what x.com really served: the captures of ../shared/fixtures/x-dom
 * (2023, 2024 and 2025 markup), when that folder is there (it always is in CI). The suite that
 * everyone runs has its own fixtures (overlays.spec.ts); this checks the whole loop (the browser's
 * animation events on X's own author blocks, reading, capture, tags, strips, the profile card) on
 * X's real markup.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { xPage } from '../fixtures/x-dom';
import { allRecords, article, expect, test, travelBack } from './fixtures';

const SHARED = resolve(fileURLToPath(new URL('../../../shared/fixtures/x-dom', import.meta.url)));
test.skip(!existsSync(SHARED), 'needs ../shared/fixtures/x-dom');

const capture = (file: string) => readFileSync(resolve(SHARED, file), 'utf8');
const cell = (html: string) => `<div data-testid="cellInnerDiv">${html}</div>`;

/** The timeline captures, and the tweet each one shows. */
const TIMELINE: [string, string][] = [
  ['tweet-2025-11.html', '1984649802517283174'],
  ['general_posts__00.html', '1708518870846202279'],
  ['quotation_test__00.html', '1704659922464444801'],
  ['sequence_of_timeline_cells__00.html', '1706099190240088103'],
  ['sequence_of_timeline_cells__01.html', '1706099462379033033'],
  ['sequence_of_timeline_cells__02.html', '1734248650228855291'],
  ['sequence_of_timeline_cells__03.html', '1734248653919789531'],
];

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

test("x.com's own markup of three eras: every tweet captured exactly, partners tagged (quoted ones too), a strip on the second visit", async ({ context, options, xPages }) => {
  await options.addPartner({ handle: 'shydev69', name: 'Shy Dev', category: 'academic' });
  await options.addPartner({ handle: 'infidelnoodle', name: 'Infidel Noodle', category: 'media' });
  await expect(options.row('infidelnoodle')).toBeVisible();
  const html = TIMELINE.map(([file]) => cell(capture(file))).join('');
  xPages.set('/home', xPage(html));
  const x = await context.newPage();
  const errors = watchErrors(x);
  await x.goto('https://x.com/home');

  // Every tweet read and stored, the 2025 one with its exact counts from the action bar's label.
  await expect
    .poll(async () => (await allRecords<{ tweetId: string }>(options.page, 'tweetMetrics')).map((r) => r.tweetId).sort())
    .toEqual(TIMELINE.map(([, id]) => id).sort());
  const stored = (await allRecords<Record<string, unknown>>(options.page, 'tweetMetrics')).find((r) => r.tweetId === '1984649802517283174');
  expect(stored).toMatchObject({ authorHandle: 'shydev69', replies: 44, reposts: 4, likes: 224, bookmarks: 24, views: 7451, source: 'page' });
  expect(stored!.approximate).toBeUndefined();

  // The partners' tags: the 2025 tweet's author, and the author quoted in a 2023 tweet; none elsewhere.
  await expect(article(x, '1984649802517283174').locator('[data-veille-tag="shydev69"]')).toHaveCount(1);
  await expect(article(x, '1704659922464444801').locator('[data-veille-tag="infidelnoodle"]')).toHaveCount(1);
  await expect(x.locator('[data-veille-tag]')).toHaveCount(2);

  // A day later X shows more likes: the strip has the new figure and the change, below X's buttons.
  await travelBack(options.page, 24);
  xPages.set('/home', xPage(html.replaceAll('224 likes', '301 likes').replaceAll('224 Likes', '301 Likes')));
  await x.reload();
  const strip = article(x, '1984649802517283174').locator('[data-veille="strip"]');
  await expect(strip).toContainText('301 likes · 4 reposts · 44 replies · 24 bookmarks · 7,451 views');
  await expect(strip.locator('[data-part="change"]')).toHaveText(/^\+77 likes since /);
  const bar = await article(x, '1984649802517283174').locator('[role="group"]').first().boundingBox();
  const box = await strip.boundingBox();
  expect(box!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height);
  expect(errors).toEqual([]);
});

test("x.com's profile pages of 2023 and 2024: the card, the counts and the user id", async ({ context, options, xPages }) => {
  await options.addPartner({ handle: 'BritishArmy', name: 'British Army', category: 'public_authority' });
  await expect(options.row('britisharmy')).toBeVisible();
  xPages.set('/BritishArmy', xPage(capture('Parse_twitter_user_briefing__00.html')));
  // (This capture is a whole primary column: its header, and six of the account's tweets.)
  xPages.set('/tehprom269887', xPage(capture('Read_list_updates_test__00.html')));
  const x = await context.newPage();
  const errors = watchErrors(x);

  await x.goto('https://x.com/BritishArmy');
  const card = x.locator('[data-veille="card"]');
  await expect(card).toBeVisible();
  await expect(card).toContainText('British Army');
  await expect(card.locator('[data-part="seen"]')).toHaveText(/^First visit/);
  await expect
    .poll(async () => (await allRecords<Record<string, unknown>>(options.page, 'profileSnapshots')).find((r) => r.handle === 'britisharmy'))
    .toMatchObject({ followers: 393200, following: 1017, userId: '22046686' });
  await expect.poll(async () => (await allRecords<{ userId?: string }>(options.page, 'partners'))[0]?.userId).toBe('22046686');

  await x.goto('https://x.com/tehprom269887');
  await expect(card).toBeVisible();
  await expect
    .poll(async () => (await allRecords<Record<string, unknown>>(options.page, 'profileSnapshots')).find((r) => r.handle === 'tehprom269887'))
    .toMatchObject({ followers: 1, following: 2, posts: 111 });
  await expect.poll(async () => (await allRecords(options.page, 'tweetMetrics')).length).toBe(6);
  expect(errors).toEqual([]);
});

test("tagging an author in place on x.com's own markup: the popover from a tweet, the tag on all six of their tweets and on their profile", async ({ context, options, xPages }) => {
  xPages.set('/tehprom269887', xPage(capture('Read_list_updates_test__00.html')));
  const x = await context.newPage();
  const errors = watchErrors(x);
  await x.goto('https://x.com/tehprom269887');
  const tweets = x.locator('article[data-testid="tweet"]');
  await expect(tweets).toHaveCount(6);
  await expect.poll(async () => (await allRecords(options.page, 'tweetMetrics')).length).toBe(6);
  // Pointing at a tweet shows its author's "+"; the popover opens on it, named after the account.
  await tweets.first().hover();
  const add = tweets.first().getByRole('button', { name: 'Tag @tehprom269887 as a partner' });
  await expect(add).toHaveCount(1);
  // (By keyboard: served without X's stylesheet, the capture's images are drawn full size over it.)
  await add.focus();
  await x.keyboard.press('Enter');
  const dialog = x.getByRole('dialog', { name: 'Tag @tehprom269887 as a partner' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Category').selectOption('journal');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  // Every tweet of theirs shows the tag at once (seven author blocks: one tweet quotes another of
  // theirs), and so does the profile header.
  await expect(x.locator('article [data-testid="User-Name"]')).toHaveCount(7);
  await expect(x.locator('article [data-veille-tag="tehprom269887"]')).toHaveCount(7);
  for (let i = 0; i < 6; i++) await expect(tweets.nth(i).locator('[data-veille-tag="tehprom269887"]').first()).toBeAttached();
  await expect(x.locator('[data-testid="UserName"] [data-veille-tag="tehprom269887"]')).toHaveCount(1);
  await expect.poll(async () => (await allRecords<{ handle: string; category: string }>(options.page, 'partners')).map((p) => `${p.handle} ${p.category}`)).toEqual(['tehprom269887 journal']);
  expect(x.url()).toBe('https://x.com/tehprom269887');
  expect(errors).toEqual([]);
});
