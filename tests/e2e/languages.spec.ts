import { timelinePage } from '../fixtures/x-dom';
import { allRecords, article, expect, putRecords, test } from './fixtures';

// A browser in a language Veille has no messages for: German.
test.use({ lang: 'de' });

test("in a German browser, Veille speaks English throughout (its words, days and numbers, the pages' language), and its CSV files are separated as a German spreadsheet reads", async ({ context, options, extensionId: id, xPages }) => {
  const page = options.page;
  await expect(page.getByRole('heading', { name: 'Add a partner' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  await options.addPartner({ handle: 'UnivNantes', name: 'Nantes Université', category: 'academic' });
  await expect(options.row('univnantes')).toBeVisible();
  // German Excel reads ";" between columns, whatever the language of the words.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the partners as CSV' }).click()]);
  const csv = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  expect(csv).toBe('\uFEFFhandle;name;category;tags;note\r\nunivnantes;Nantes Université;academic;;\r\n');
  // The weekly report's table too, written in the browser's language (English here).
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the report as CSV' }).click()]);
  const table = Buffer.concat(await (await report.createReadStream()).toArray()).toString('utf8');
  expect(table.split('\r\n')[0]).toBe('\uFEFFSection;Status;Title;Address;Source;Media;Tags;Note;Day;Minutes');

  // The popup's last 7 days are named in English ("Mon", not "Mo").
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html`);
  await expect(popup.locator('.week .label')).toHaveCount(7);
  expect(await popup.evaluate(() => document.documentElement.lang)).toBe('en');
  expect((await popup.locator('.week .label').allTextContents()).sort()).toEqual(['Fri', 'Mon', 'Sat', 'Sun', 'Thu', 'Tue', 'Wed']);

  // On X, a strip's figures and day as English writes them ("1,776", "Nov 12, 2026"; not "1.776", "12.11.2026").
  await putRecords(page, 'tweetMetrics', [
    { tweetId: '4001', capturedAt: new Date(2026, 10, 12, 12).getTime(), source: 'page', authorHandle: 'univnantes', replies: 3, reposts: 12, likes: 1656, views: 9_000_000 },
  ]);
  xPages.set('/home', timelinePage([{ handle: 'UnivNantes', name: 'Nantes Université', id: '4001', counts: { replies: 3, reposts: 12, likes: 1776, views: 9281975 } }]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  const strip = article(x, '4001').locator('[data-veille="strip"]');
  await expect(strip).toContainText('1,776 likes');
  await expect(strip).toContainText('9,281,975 views');
  await expect(strip.locator('[data-part="change"]')).toHaveText('+120 likes, +281,975 views since Nov 12, 2026');
  await expect.poll(async () => (await allRecords(page, 'tweetMetrics')).length).toBe(2);
});
