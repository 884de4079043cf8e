import type { BrowserContext, Page, Worker } from '@playwright/test';
import { profilePage, timelinePage, tweetHtml, xPage } from '../fixtures/x-dom';
import { DAY_MS, dateText, localDayOf, weekStart, weekdayOf } from '../../lib/time';
import { postedAtOf, snowflakeAt } from '../../lib/x/tweet-id';
import { meetingWeekOf } from '../../lib/meeting';
import { allRecords, clearStores, expect, noonDaysAgo, openPopup, pasteInto, printed, putRecords, showReportMarkdown, showsWhole, stopWorker, test } from './fixtures';

type TopicRecord = { id: string; title: string; url?: string; status: string; updatedAt: number; sourceHandle?: string; hashtags: string[]; mediaKind?: string; tags: string[]; note: string };

const tweetPage = () =>
  xPage(
    tweetHtml({
      handle: 'UnivNantes',
      name: 'Nantes Université',
      id: '9001',
      focal: true,
      text: 'Une molécule qui capte le CO2',
      hashtags: ['#chimie', '#climat'],
      links: ['nature.com/articles/s41557'],
      media: 'video',
    }),
  );



test('quick-save from the popup over an x.com tweet, then find it on the board', async ({ context, extensionId, worker, xPages, options }) => {
  xPages.set('/UnivNantes/status/9001', tweetPage());
  const x = await context.newPage();
  await x.goto('https://x.com/UnivNantes/status/9001');
  await x.bringToFront();
  await expect(x.locator('article')).toHaveCount(1);

  const popup = await openPopup(context, worker, extensionId);
  const form = popup.getByTestId('quick-save');
  await expect(form.getByLabel('Title')).toHaveValue('Nantes Université: Une molécule qui capte le CO2 #chimie #climat nature.com/articles/s41557…');
  await expect(form.getByLabel('Link')).toHaveValue('https://x.com/univnantes/status/9001');
  await expect(popup.getByTestId('quick-source')).toHaveText('@univnantes · #chimie #climat · video');
  await form.getByLabel('Tags').fill('carbone, labo');
  await form.getByLabel('Note').fill('Pour la réunion');
  await form.getByLabel('Note').press('Enter');
  await expect(popup.getByTestId('quick-status')).toHaveText('Saved as a new topic.');
  // The popup says the address is a topic already, and where it stands (before, it said nothing).
  await expect(popup.getByTestId('quick-already')).toHaveText(
    'Already on the board (New): “Nantes Université: Une molécule qui capte le CO2 #chimie #climat nature.com/articles/s41557…”. Saving again adds your tags and note to it. Open it',
  );
  // The tags offered: the tweet's hashtags, then the tags used on the board (the new ones among them).
  await expect(popup.locator('#tag-suggestions option')).toHaveCount(4);
  expect(await popup.locator('#tag-suggestions option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(['chimie', 'climat', 'carbone', 'labo']);
  // Saving the same tweet again updates it.
  await form.getByLabel('Note').press('Enter');
  await expect(popup.getByTestId('quick-status')).toHaveText('Already saved: the topic was updated.');

  await options.page.goto(`chrome-extension://${extensionId}/options.html#topics`);
  const card = options.page.locator('.column[data-status="new"] .card');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Une molécule qui capte le CO2');
  await expect(card).toContainText('@univnantes');
  await expect(card).toContainText('video');
  // Its tags, then its hashtags, as chips (four at most, then how many more).
  await expect(card.locator('.card-meta .chip')).toHaveText(['video', 'carbone', 'labo', '#chimie', '#climat']);
  // A long title is cut after four lines on the card, and whole in its tooltip.
  await expect(card.locator('.card-title')).toHaveAttribute('title', 'Nantes Université: Une molécule qui capte le CO2 #chimie #climat nature.com/articles/s41557…');
  expect(await card.locator('.card-title').evaluate((el) => getComputedStyle(el).webkitLineClamp)).toBe('4');
  const [topic] = await allRecords<TopicRecord>(options.page, 'topics');
  expect(topic).toMatchObject({ sourceHandle: 'univnantes', hashtags: ['#chimie', '#climat'], mediaKind: 'video', tags: ['carbone', 'labo'], note: 'Pour la réunion' });
  // A title typed over the tweet's replaces the one saved; saved with the tweet's, a title written
  // on the board would stay.
  await form.getByLabel('Title').fill('Capter le CO2');
  await form.getByLabel('Title').press('Enter');
  await expect(card.locator('.card-title')).toHaveText('Capter le CO2');
  await expect(popup.getByTestId('quick-already')).toHaveText('Already on the board (New): “Capter le CO2”. Saving again adds your tags and note to it. Open it');
  // "Open it" opens the topic's details on the board, in a new tab.
  const [details] = await Promise.all([context.waitForEvent('page'), popup.getByTestId('quick-already').getByRole('link', { name: 'Open it' }).click()]);
  await expect(details.getByRole('dialog')).toBeVisible();
  await expect(details.getByRole('dialog').getByLabel('Title')).toHaveValue('Capter le CO2');
  // A topic no longer there says so.
  await details.goto(`chrome-extension://${extensionId}/options.html#topic-gone`);
  await details.reload();
  await expect(details.getByTestId('board-status')).toHaveText('This topic is no longer on the board.');
  // So does an address mistyped, its escape cut ("%E2" of "%E2%80%A6"), where the board failed to draw.
  await details.goto(`chrome-extension://${extensionId}/options.html#topic-%E2`);
  await details.reload();
  await expect(details.getByTestId('board-status')).toHaveText('This topic is no longer on the board.');
  await expect(details.locator('.card-title')).toHaveText('Capter le CO2');
  expect((await allRecords<TopicRecord>(options.page, 'topics')).map((t) => [t.title, t.note])).toEqual([['Capter le CO2', 'Pour la réunion']]);
});

test("a tweet with hashtags longer than a tag, as science's are, is saved from its ☆; the popup offers as tags those that can be", async ({ context, extensionId, worker, options, xPages }) => {
  const tag = '#InternationalDayOfWomenAndGirlsInScience';
  const longer = '#LaNuitEuropeenneDesChercheusesEtDesChercheursEnBretagne2026';
  xPages.set('/home', timelinePage([{ handle: 'Inria', name: 'Inria', id: '9301', text: 'Le 11 février', hashtags: [tag, longer] }]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  const article = x.locator('article').first();
  await article.hover();
  await article.locator('[data-testid="User-Name"] [data-veille="save"] button').click();
  // (Was: "Too big: expected string to have <=40 characters", and nothing saved.)
  await expect(article.locator('[data-veille="save"] [role="status"]')).toHaveText('Saved as a new topic.');
  expect((await allRecords<TopicRecord>(options.page, 'topics')).map((t) => [t.sourceHandle, t.hashtags])).toEqual([['inria', [tag, longer]]]);
  // The popup, over that tweet, offers the first as a tag (40 characters without its "#"), not the second (59).
  await x.bringToFront();
  const popup = await openPopup(context, worker, extensionId);
  await expect(popup.getByTestId('quick-source')).toContainText(longer);
  expect(await popup.locator('#tag-suggestions option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual([tag.slice(1)]);
  // (The long hashtag wraps within the popup's width, where it ran past the form's edge.)
  expect(await popup.getByTestId('quick-save').evaluate((f) => f.scrollWidth - f.clientWidth)).toBe(0);
  // On the board, its card keeps to its column: the hashtags wrap in their chips (they pushed the
  // card's title and chips past its edge, where the card cut them).
  await options.page.goto(`chrome-extension://${extensionId}/options.html#topics`);
  const card = options.page.locator('.card');
  await expect(card.locator('.chip')).toHaveText([tag, longer]);
  expect(await card.evaluate((c) => c.scrollWidth - c.clientWidth)).toBe(0);
});

test('the popup saves a link typed without its "https://", and says when the link is no web address', async ({ context, extensionId, worker, options }) => {
  const popup = await openPopup(context, worker, extensionId);
  const form = popup.getByTestId('quick-save');
  await form.getByLabel('Title').fill('Un article de Nature Chemistry');
  await form.getByLabel('Link').fill('chimie verte');
  await form.getByLabel('Title').press('Enter');
  await expect(popup.getByTestId('quick-status')).toHaveText('A web address starting with http:// or https://.');
  expect(await allRecords(options.page, 'topics')).toEqual([]);
  await form.getByLabel('Link').fill('nature.com/articles/s41557-026-0001');
  await form.getByLabel('Title').press('Enter');
  await expect(popup.getByTestId('quick-status')).toHaveText('Saved as a new topic.');
  expect((await allRecords<TopicRecord>(options.page, 'topics')).map((t) => [t.title, t.url])).toEqual([['Un article de Nature Chemistry', 'https://nature.com/articles/s41557-026-0001']]);
  // The address as typed is known as the topic's.
  await expect(popup.getByTestId('quick-already')).toContainText('Already on the board (New): “Un article de Nature Chemistry”.');
});

test('save from the tweet overlay, move the card to "proposed" by keyboard, find it in the weekly Markdown', async ({ context, options, xPages, extensionId }) => {
  await options.addPartner({ handle: 'UnivNantes', name: 'Nantes Université', category: 'academic' });
  await expect(options.rows()).toHaveCount(1);
  xPages.set('/home', timelinePage([{ handle: 'UnivNantes', name: 'Nantes Université', id: '9101', text: 'Portes ouvertes du labo', media: 'image', hashtags: ['#science'] }, { handle: 'other', id: '9102' }]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  const article = x.locator('article').first();
  await expect(article.locator('[data-veille-tag]')).toHaveCount(1);
  const before = await article.boundingBox();
  await article.hover();
  // The star stands at the end of the author's line: the tweet keeps its height (X's list would
  // move every tweet below it).
  const save = article.locator('[data-testid="User-Name"] [data-veille="save"] button');
  await expect(save).toHaveText('☆');
  await expect(save).toHaveAccessibleName('Save topic');
  expect(await article.boundingBox()).toEqual(before);
  await save.click();
  const said = article.locator('[data-veille="save"] [role="status"]');
  await expect(said).toHaveText('Saved as a new topic.');
  await expect(save).toHaveText('★');
  // (A screen reader is told too: the star's name says the tweet is on the board.)
  await expect(save).toHaveAccessibleName('On the board: save it again to update the topic');
  expect(x.url()).toBe('https://x.com/home');
  // Saved again 2.5 s later, its words get their own 4 s: the first save's timer leaves them.
  await x.waitForTimeout(2500);
  await save.click();
  await expect(said).toHaveText('Already saved: the topic was updated.');
  // (Checked 4.5 s or more after the first save, when its timer has run, and 2 s after the second,
  // well before its own: a slow machine leaves 2 s of slack.)
  await x.waitForTimeout(2000);
  await expect(said).toHaveText('Already saved: the topic was updated.');

  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#topics`);
  const card = page.locator('.card', { hasText: 'Portes ouvertes du labo' });
  await expect(card).toContainText('Academic');
  await expect(card).toContainText('image');
  await card.focus();
  await page.keyboard.press('ArrowRight'); // new → watching
  await expect(page.locator('.column[data-status="watching"] .card')).toHaveCount(1);
  await expect(page.locator('.column[data-status="watching"] .card')).toBeFocused();
  await page.keyboard.press('ArrowRight'); // watching → proposed
  await expect(page.locator('.column[data-status="proposed"] .card')).toHaveCount(1);
  await expect(page.getByTestId('board-status')).toContainText('moved to Proposed for the meeting');
  // The card's narrow menu names that column in short, whole.
  const menu = page.locator('.column[data-status="proposed"] .card select');
  await expect(menu.locator('option:checked')).toHaveText('Proposed');
  expect(await showsWhole(menu)).toBe(true);
  // Its details open X's composer on a first draft: the title, the account it came from, its address.
  const openCard = page.locator('.column[data-status="proposed"] .card').getByRole('button', { name: 'Open' });
  await openCard.click();
  const draft = new URL((await page.getByRole('dialog').getByRole('link', { name: 'Draft a post on X' }).getAttribute('href'))!);
  expect([`${draft.origin}${draft.pathname}`, draft.searchParams.get('text'), draft.searchParams.get('url')]).toEqual([
    'https://x.com/intent/tweet',
    'Nantes Université: Portes ouvertes du labo #science @univnantes',
    'https://x.com/univnantes/status/9101',
  ]);
  // Or copied, for a scheduling tool: its text and its address.
  await page.getByRole('dialog').getByRole('button', { name: 'Copy the draft' }).click();
  await expect(page.getByRole('dialog').getByRole('status')).toHaveText('Draft copied: its text and address.');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // (The focus back where it was before the paste is read: a paste goes where the focus is.)
  await expect(openCard).toBeFocused();
  expect((await pasteInto(page)).text).toBe('Nantes Université: Portes ouvertes du labo #science @univnantes https://x.com/univnantes/status/9101');

  await page.goto(`chrome-extension://${extensionId}/options.html#report`);
  // The report reads as a document: its parts as headings, the topic linked, the veille's table.
  const doc = page.getByTestId('report-view');
  await expect(doc.getByRole('heading', { level: 3 })).toHaveText(/^Veille: week of /);
  await expect(doc.getByRole('heading', { level: 4, name: 'Proposed for the meeting (1)' })).toBeVisible();
  // (The topic is also among those saved this week, further down.)
  const proposedList = doc.locator('h4:text-is("Proposed for the meeting (1)") + ul');
  const topicLink = proposedList.getByRole('link', { name: 'Nantes Université: Portes ouvertes du labo #science' });
  await expect(topicLink).toHaveAttribute('href', 'https://x.com/univnantes/status/9101');
  await expect(topicLink).toHaveAttribute('target', '_blank');
  await expect(proposedList.locator('li')).toHaveText(['Nantes Université: Portes ouvertes du labo #science — image · @univnantes']);
  await expect(doc.getByRole('columnheader')).toHaveText(['Day', 'Minutes', 'Goal reached']);
  await expect(doc.getByRole('row')).toHaveCount(8);
  await expect(doc).not.toContainText(/##|\]\(|\| /);
  // Printed (or saved as a PDF), it is the report alone: what the print style shows while it prints.
  expect(await printed(page, page.locator('section.report').getByRole('button', { name: 'Print' }), ['header.top', '#report-title', '#topics', '.report-doc', '.report-doc li'])).toEqual([false, false, false, true, true]);
  // Its Markdown, shown on demand, is what the exports and the clipboard hold.
  await showReportMarkdown(page);
  await expect(page.locator('section.report').getByRole('button', { name: 'Print' })).toHaveCount(0);
  await expect(page.getByTestId('report-preview')).toContainText('## Proposed for the meeting (1)');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  const md = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  const proposed = md.slice(md.indexOf('## Proposed for the meeting'), md.indexOf('## Saved this week'));
  expect(proposed).toContain('[Nantes Université: Portes ouvertes du labo #science](https://x.com/univnantes/status/9101) — image · @univnantes');
  expect(md).toContain('## Partners involved');
  expect(md).toContain('- Nantes Université (@univnantes) — Academic (lab or university): 1 topic');
  expect(download.suggestedFilename()).toMatch(/^veille-week-\d{4}-\d{2}-\d{2}\.md$/);
  // Copied, it is the same Markdown for a text editor, and HTML for an e-mail or a document.
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.locator('section.report [role="status"]')).toHaveText('Copied to the clipboard.');
  const copied = await pasteInto(page);
  expect(copied.text).toBe(md);
  // A Monday's meeting looks back at the week before: a step back, then forward to this week.
  const preview = page.getByTestId('report-preview');
  const monday = weekStart(Date.now());
  await expect(page.getByRole('button', { name: 'Next week' })).toBeDisabled();
  await page.getByRole('button', { name: 'Previous week' }).click();
  await expect(preview).toContainText(`# Veille: week of ${dateText(weekStart(monday - DAY_MS), 'en', 'long')} to ${dateText(monday - DAY_MS, 'en', 'long')}`);
  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(preview).toContainText(`# Veille: week of ${dateText(monday, 'en', 'long')} to `);
  await expect(page.getByRole('button', { name: 'Next week' })).toBeDisabled();
  await page.getByRole('button', { name: 'Previous week' }).click();
  await page.getByRole('button', { name: 'This week' }).click();
  await expect(preview).toContainText(`# Veille: week of ${dateText(monday, 'en', 'long')} to `);
  await expect(page.getByRole('button', { name: 'This week' })).toHaveCount(0);
  expect(copied.html).toContain('<h2>Proposed for the meeting (1)</h2>\n<ul><li><a href="https://x.com/univnantes/status/9101">Nantes Université: Portes ouvertes du labo #science</a> — image · @univnantes</li></ul>');

  // Back on X: the words "Saved as a new topic." went after a few seconds (in the author's line they
  // would shorten a long name); the filled star stays.
  await expect(article.locator('[data-veille="save"] [role="status"]')).toBeEmpty({ timeout: 6000 });
  await expect(save).toHaveText('★');
  // Seen again another day (the page opened anew): its star says it is on the board; the other tweet's does not.
  await x.reload();
  await article.hover();
  await expect(save).toHaveText('★');
  await expect(save).toHaveAccessibleName('On the board: save it again to update the topic');
  const other = x.locator('article').nth(1);
  await other.hover();
  await expect(other.locator('[data-veille="save"]').getByRole('button', { name: 'Save topic' })).toHaveText('☆');
});

test('a column of many topics shows the 50 latest, then more on demand; the newest move stays in view', async ({ options, extensionId }) => {
  const page = options.page;
  const now = Date.now();
  const topic = (i: number, status: string) => ({ id: `t${i}`, title: `Topic ${i}`, status, note: '', tags: [], hashtags: [], createdAt: now - i * 60_000, updatedAt: now - i * 60_000 });
  await putRecords(page, 'topics', [...Array.from({ length: 120 }, (_, i) => topic(i, 'published')), topic(500, 'proposed')]);
  await page.goto(`chrome-extension://${extensionId}/options.html#topics`);
  await page.reload();
  const published = page.locator('.column[data-status="published"]');
  await expect(published.getByRole('heading')).toHaveText('Published (120)');
  await expect(published.locator('.card')).toHaveCount(50);
  // The latest first.
  await expect(published.locator('.card-title').first()).toHaveText('Topic 0');
  await expect(published.locator('.card-title').last()).toHaveText('Topic 49');
  // A card moved there by keyboard comes first, in view, with the focus.
  await page.locator('.column[data-status="proposed"] .card').focus();
  await page.keyboard.press('ArrowRight');
  await expect(published.getByRole('heading')).toHaveText('Published (121)');
  await expect(published.locator('.card').first()).toBeFocused();
  await expect(published.locator('.card-title').first()).toHaveText('Topic 500');
  await expect(published.locator('.card')).toHaveCount(50);
  // (By keyboard: scrolled to at once, as a click scrolls to it, the button moves as the cards it
  // passes are drawn for the first time, and a click at its place may then miss it.)
  await published.getByRole('button', { name: 'Show more (71 not shown)' }).press('Enter');
  await expect(published.locator('.card')).toHaveCount(100);
  await published.getByRole('button', { name: 'Show more (21 not shown)' }).press('Enter');
  await expect(published.locator('.card')).toHaveCount(121);
  await expect(published.locator('.more')).toHaveCount(0);
  // Search and filters cover every topic, shown or not.
  await page.getByRole('searchbox', { name: 'Search titles, notes, tags, tweets' }).fill('Topic 119');
  await expect(published.locator('.card-title', { hasText: /^Topic 119$/ })).toHaveCount(1);
});

test('drag and drop moves a card; the board refuses a move it does not allow', async ({ options, extensionId }) => {
  const page = options.page;
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'topic.save', payload: { title: 'Dragged topic', url: 'https://example.org/a' } }));
  await page.goto(`chrome-extension://${extensionId}/options.html#topics`);
  const card = page.locator('.card', { hasText: 'Dragged topic' });
  await card.dragTo(page.locator('.column[data-status="proposed"]'));
  await expect(page.locator('.column[data-status="proposed"] .card')).toHaveCount(1);
  await page.locator('.column[data-status="proposed"] .card').dragTo(page.locator('.column[data-status="new"]'));
  await expect(page.getByTestId('board-status')).toHaveText('The board does not allow this move.');
  await expect(page.locator('.column[data-status="proposed"] .card')).toHaveCount(1);
});

test('in a narrow window the board keeps its five columns in sight, the last ones below, and cards still move there', async ({ options, extensionId }) => {
  const page = options.page;
  await page.setViewportSize({ width: 760, height: 900 });
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'topic.save', payload: { title: 'Narrow topic', url: 'https://example.org/n' } }));
  await page.goto(`chrome-extension://${extensionId}/options.html#topics`);
  const columns = page.locator('.board > .column');
  await expect(columns).toHaveCount(5);
  // None lies past the window's right edge (the board scrolled sideways, hiding the last one).
  for (const box of await Promise.all((await columns.all()).map((c) => c.boundingBox()))) expect(box!.x + box!.width).toBeLessThanOrEqual(760);
  expect(await page.locator('.board').evaluate((b) => b.scrollWidth <= b.clientWidth)).toBe(true);
  await page.locator('.card', { hasText: 'Narrow topic' }).dragTo(page.locator('.column[data-status="dropped"]'));
  await expect(page.locator('.column[data-status="dropped"] .card')).toHaveCount(1);
});

test('the context menu action, through the worker, saves the tweet of an X tab with the selection', async ({ context, options, xPages, worker }) => {
  xPages.set('/UnivNantes/status/9001', tweetPage());
  const x = await context.newPage();
  await x.goto('https://x.com/UnivNantes/status/9001');
  await expect(x.locator('article')).toHaveCount(1);
  const tabId = await worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://x.com/UnivNantes/status/9001' }))[0]!.id!);
  // The menu's click handler calls this same message handler with the tab and the selection.
  const reply = await options.page.evaluate(
    (tabId) => chrome.runtime.sendMessage({ type: 'topic.saveFromPage', payload: { tabId, url: 'https://x.com/UnivNantes/status/9001', title: 'X', selection: 'capte le CO2' } }),
    tabId,
  );
  expect(reply).toMatchObject({ ok: true, data: { created: true } });
  const [topic] = await allRecords<TopicRecord>(options.page, 'topics');
  expect(topic).toMatchObject({ url: 'https://x.com/univnantes/status/9001', sourceHandle: 'univnantes', note: 'capte le CO2', mediaKind: 'video' });
});

test("a tweet saved from a link to it, written as X or another site writes it, is the same topic as its ☆'s", async ({ context, options, xPages }) => {
  xPages.set('/UnivNantes/status/9001', tweetPage());
  const x = await context.newPage();
  await x.goto('https://x.com/UnivNantes/status/9001');
  await expect(x.locator('article')).toHaveCount(1);
  // The menu on a link to the tweet's picture, in a newsletter open in another tab (no X page to
  // ask): the handle in X's case, and more.
  const reply = await options.page.evaluate(() =>
    chrome.runtime.sendMessage({
      type: 'topic.saveFromPage',
      payload: { url: 'https://example.org/lettre', title: 'Lettre', linkUrl: 'https://twitter.com/UnivNantes/status/9001/photo/1?s=20' },
    }),
  );
  expect(reply).toMatchObject({ ok: true, data: { created: true } });
  expect((await allRecords<TopicRecord>(options.page, 'topics')).map((t) => t.url)).toEqual(['https://x.com/univnantes/status/9001']);
  // On X, the tweet's star says it is on the board; saving it there updates that topic.
  await x.reload();
  const article = x.locator('article');
  await article.hover();
  const save = article.locator('[data-veille="save"]').getByRole('button');
  await expect(save).toHaveText('★');
  await save.click();
  await expect(article.locator('[data-veille="save"] [role="status"]')).toHaveText('Already saved: the topic was updated.');
  expect(await allRecords<TopicRecord>(options.page, 'topics')).toHaveLength(1);
});

test("on X's home timeline, the shortcut, the menu and the popup save the tweet pointed at, focused or selected in; with none, nothing and a word why", async ({ context, options, xPages, worker, extensionId }) => {
  xPages.set(
    '/home',
    timelinePage([
      { handle: 'UnivNantes', name: 'Nantes Université', id: '9201', text: 'Portes ouvertes du labo', hashtags: ['#science'] },
      { handle: 'CNRS', name: 'CNRS', id: '9202', text: 'Une découverte en chimie' },
    ]),
  );
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await expect(x.locator('article')).toHaveCount(2);
  const tabId = await worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://x.com/home' }))[0]!.id!);
  // What the menu's click and the shortcut do, through the worker, with the tab.
  const saveFromPage = (selection?: string, linkUrl?: string) =>
    options.page.evaluate(
      ([tabId, selection, linkUrl]) =>
        chrome.runtime.sendMessage({ type: 'topic.saveFromPage', payload: { tabId, url: 'https://x.com/home', title: '(2) Home / X', ...(selection ? { selection } : {}), ...(linkUrl ? { linkUrl } : {}) } }),
      [tabId, selection, linkUrl] as const,
    );
  const topics = async () => (await allRecords<TopicRecord>(options.page, 'topics')).map((t) => [t.title, t.url ?? null, t.sourceHandle ?? null, t.note]).sort();
  const shown = () => worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));

  const saved = async () => (await allRecords<TopicRecord>(options.page, 'topics')).sort((a, b) => b.updatedAt - a.updatedAt)[0]!.sourceHandle;
  // Pointed at: the CNRS tweet.
  await x.locator('article').nth(1).locator('[data-testid="tweetText"]').hover();
  expect(await saveFromPage()).toMatchObject({ ok: true, data: { created: true } });
  expect(await saved()).toBe('cnrs');
  // Then the tweet X's keys focus (the pointer resting on the CNRS one): the one focused last,
  // Nantes Université's (its ☆ shows).
  await x.locator('article').nth(0).focus();
  expect(await saveFromPage()).toMatchObject({ ok: true, data: { created: true } });
  expect(await saved()).toBe('univnantes');
  // Pointed at again: the CNRS tweet, pointed at last.
  await x.locator('article').nth(1).locator('[data-testid="User-Name"]').hover();
  expect(await saveFromPage()).toMatchObject({ ok: true, data: { created: false } });
  expect(await saved()).toBe('cnrs');
  // The pointer gone: the tweet focused.
  await x.mouse.move(2, 2);
  expect(await saveFromPage()).toMatchObject({ ok: true, data: { created: false } });
  expect(await saved()).toBe('univnantes');
  // The menu opened on the CNRS tweet's author link (a right click points at and focuses it): the tweet.
  const author = x.locator('article').nth(1).locator('[data-testid="User-Name"] a').first();
  await author.hover();
  await author.focus();
  expect(await saveFromPage(undefined, 'https://x.com/CNRS')).toMatchObject({ ok: true, data: { created: false } });
  expect(await saved()).toBe('cnrs');
  await x.mouse.move(2, 2);
  // Text selected in the CNRS tweet (and the focus left where it was): that tweet, the passage its note.
  await x.locator('article').nth(1).locator('[data-testid="tweetText"] span').first().selectText();
  expect(await saveFromPage('découverte')).toMatchObject({ ok: true, data: { created: false } });
  expect(await topics()).toEqual([
    ['CNRS: Une découverte en chimie', 'https://x.com/cnrs/status/9202', 'cnrs', 'découverte'],
    ['Nantes Université: Portes ouvertes du labo #science', 'https://x.com/univnantes/status/9201', 'univnantes', ''],
  ]);
  // None pointed at, focused or selected in: nothing is saved (was: a topic "Home" of x.com/home,
  // which every later save there updated), and a notification says why.
  await x.evaluate(() => {
    getSelection()?.removeAllRanges();
    (document.activeElement as HTMLElement | null)?.blur();
  });
  expect(await saveFromPage()).toMatchObject({ ok: true, data: { topic: null, issues: [{ message: 'err_title_required' }] } });
  await expect.poll(shown).toContainEqual(expect.stringMatching(/^veille-unsaved-/));
  expect(await topics()).toHaveLength(2);

  // The shortcut pressed on a new tab: nothing either (was: a topic "New Tab", with no address).
  const newTab = await options.page.evaluate(() =>
    chrome.runtime.sendMessage({ type: 'topic.saveFromPage', payload: { url: 'chrome://newtab/', title: 'New Tab' } }),
  );
  expect(newTab).toMatchObject({ ok: true, data: { topic: null, issues: [{ message: 'err_title_required' }] } });
  expect(await topics()).toHaveLength(2);

  // The popup over the timeline: an empty form for an idea, not "Home" and x.com/home.
  await x.bringToFront();
  const popup = await openPopup(context, worker, extensionId);
  const form = popup.getByTestId('quick-save');
  await expect(form.getByLabel('Title')).toHaveValue('');
  await expect(form.getByLabel('Link')).toHaveValue('');
  await popup.close();
  // With a tweet focused (X's j and k), that tweet.
  await x.locator('article').nth(1).focus();
  const again = await openPopup(context, worker, extensionId);
  await expect(again.getByTestId('quick-save').getByLabel('Title')).toHaveValue('CNRS: Une découverte en chimie');
  await expect(again.getByTestId('quick-save').getByLabel('Link')).toHaveValue('https://x.com/cnrs/status/9202');
});

test('an idea without a link saved from the popup: the form is cleared, so a second Enter saves nothing twice', async ({ context, extensionId, worker, options }) => {
  const popup = await openPopup(context, worker, extensionId);
  const form = popup.getByTestId('quick-save');
  await form.getByLabel('Title').fill('Idée : un atelier sur les données ouvertes');
  await form.getByLabel('Tags').fill('atelier');
  await form.getByLabel('Title').press('Enter');
  await expect(popup.getByRole('status').filter({ hasText: 'Saved as a new topic.' })).toBeVisible();
  await expect(form.getByLabel('Title')).toHaveValue('');
  await expect(form.getByLabel('Tags')).toHaveValue('');
  await form.getByLabel('Title').press('Enter');
  await expect.poll(async () => (await allRecords<TopicRecord>(options.page, 'topics')).map((t) => `${t.title} ${t.tags.join(',')}`)).toEqual([
    'Idée : un atelier sur les données ouvertes atelier',
  ]);
});

test('a hashtag rising in the tweets the CM sees shows under "Emerging on X" in the open options page; saved, then dismissed, it goes', async ({ context, options, xPages, extensionId }) => {
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#topics`);
  const emerging = page.getByRole('region', { name: /^Emerging on X/ });
  await expect(emerging).toContainText('Nothing is rising above its usual level yet.');
  // Six tweets with #CRISPR, and one with #chimie: seen today, never before.
  const tweets = Array.from({ length: 6 }, (_, i) => ({ handle: `lab${i}`, id: `96${i}1`, hashtags: ['#CRISPR'] }));
  xPages.set('/home', timelinePage([...tweets, { handle: 'other', id: '9671', hashtags: ['#chimie'] }]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await expect(x.locator('article')).toHaveCount(7);
  // X opened again (a reload, another tab): the same tweets are not a hashtag seen more; a new one is.
  await expect.poll(async () => (await allRecords<{ term: string; count: number }>(page, 'termCounts')).find((r) => r.term === '#crispr')?.count).toBe(6);
  xPages.set('/home', timelinePage([{ handle: 'lab6', id: '9661', hashtags: ['#CRISPR'] }, ...tweets, { handle: 'other', id: '9671', hashtags: ['#chimie'] }]));
  await x.reload();
  await expect(x.locator('article')).toHaveCount(8);
  await expect.poll(async () => (await allRecords<{ term: string; count: number }>(page, 'termCounts')).find((r) => r.term === '#crispr')?.count).toBe(7);
  // The page open on the board follows, within 10 s (it reads the counts at most every 10 s: they
  // change with every second of browsing). Veille's first day: nothing is compared yet (every term
  // would be rising), and it says from which day terms can.
  const from = dateText(noonDaysAgo(-3), 'en', 'weekday');
  await expect(emerging).toContainText(`Veille is learning what is usual in the tweets you see: from ${from}, a hashtag or a site seen more than usual will show here.`, { timeout: 15_000 });
  // Veille counted five days ago (a hashtag once): 7 today, on the one day of the last three counted,
  // none before: 14 times the floor.
  await putRecords(page, 'termCounts', [{ day: localDayOf(noonDaysAgo(5)), term: '#science', count: 1 }]);
  await page.reload();
  const term = emerging.locator('li[data-term="#crispr"]');
  await expect(term).toContainText('#crispr ×14');
  await expect(emerging.locator('li')).toHaveCount(1);
  // Its latest tweets on X, a click away.
  await expect(term.getByRole('link', { name: '#crispr: the latest tweets on X' })).toHaveAttribute('href', 'https://x.com/search?q=%23crispr&f=live');
  await term.getByRole('button', { name: 'Save #crispr as a topic' }).click();
  await expect(emerging.getByRole('status')).toHaveText('Saved as a new topic.');
  await expect(page.locator('.card-title', { hasText: '#crispr' })).toBeVisible();
  // Saved, it says so, and cannot be saved twice (it was: a second "#crispr" on the board). The
  // topic is the term's search on X.
  await expect(term).toContainText('on the board');
  await expect(term.getByRole('button', { name: /^Save/ })).toHaveCount(0);
  expect(await allRecords(page, 'topics')).toMatchObject([{ title: '#crispr', url: 'https://x.com/search?q=%23crispr&f=live', tags: ['crispr'] }]);
  await expect(page.locator('.card', { hasText: '#crispr' })).toContainText('X search');
  // Followed every day: its search joins the veille's round.
  await term.getByRole('button', { name: "Follow #crispr every day: add its search to the veille's round" }).click();
  await expect(emerging.getByRole('status')).toHaveText("#crispr is in the veille's round: the popup ticks it once seen each day.");
  await expect(term).toContainText('in the round');
  await expect(term.getByRole('button', { name: /^Follow/ })).toHaveCount(0);
  expect(await allRecords(page, 'sources')).toMatchObject([{ label: '#crispr', url: 'https://x.com/search?q=%23crispr&f=live' }]);
  await emerging.getByRole('button', { name: 'Dismiss #crispr' }).click();
  await expect(term).toHaveCount(0);
  await expect(emerging).toContainText('Nothing is rising above its usual level yet.');
  // Dismissed for good: not back after a reload.
  await page.reload();
  await expect(page.getByRole('region', { name: /^Emerging on X/ })).toContainText('Nothing is rising above its usual level yet.');
  // (Without the day counted five days ago, which the week may hold or follow, as Veille's first day.)
  await clearStores(page, ['termCounts']);
  await putRecords(page, 'termCounts', [
    { day: localDayOf(Date.now()), term: '#crispr', count: 6 },
    { day: localDayOf(Date.now()), term: '#chimie', count: 1 },
  ]);
  await page.reload();
  // The weekly report names what the veille saw most that week (in 3 tweets or more), for the
  // meeting: #crispr, linked to its search; #chimie, seen once, not.
  const seenMost = page.getByTestId('report-view').locator('h4:text-is("Seen most on X this week: hashtags and sites") + ul');
  await expect(seenMost.locator('li')).toHaveText(['#crispr — in 6 tweets']);
  await expect(seenMost.getByRole('link', { name: '#crispr' })).toHaveAttribute('href', 'https://x.com/search?q=%23crispr&f=live');
  // Veille counted before this week (a hashtag three days before it): #crispr, never seen then, is new.
  await putRecords(page, 'termCounts', [{ day: localDayOf(weekStart(Date.now()) - 3 * DAY_MS), term: '#chimie', count: 2 }]);
  await page.reload();
  await expect(seenMost.locator('li')).toHaveText(['#crispr — in 6 tweets · new']);
  await expect(page.getByTestId('report-view')).toContainText('New: not seen in the 14 days before the week.');
});

test("the weekly report gives the institution's week as seen on X, with no analytics export", async ({ context, options, xPages, extensionId }) => {
  await options.addPartner({ handle: 'Inria', name: 'Inria', category: 'institution' });
  await expect(options.rows()).toHaveCount(1);
  const now = Date.now();
  const monday = weekStart(now);
  const posted = Math.max(monday, now - 3_600_000);
  const id = snowflakeAt(posted);
  // A visit to the profile before the week: the week's change in followers counts from it.
  const earlier = monday - 3 * DAY_MS;
  await putRecords(options.page, 'profileSnapshots', [{ handle: 'inria', day: localDayOf(earlier), capturedAt: earlier, followers: 12_000, following: 500, posts: 900 }]);
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#report`);
  await showReportMarkdown(page);
  const preview = page.getByTestId('report-preview');
  await expect(preview).toContainText("## The institution's accounts on X (seen as you browsed)\n\n_None of their tweets of this week has been seen on X yet");

  xPages.set('/Inria', profilePage({ handle: 'Inria', name: 'Inria', followers: '12,345' }, [{ handle: 'Inria', name: 'Inria', id, counts: { replies: 3, reposts: 12, likes: 224, views: 7451 } }]));
  const x = await context.newPage();
  await x.goto('https://x.com/Inria');
  // The report open in the other tab follows what X showed.
  await expect(preview).toContainText('1 tweet of the week by @inria seen on X: 7,451 views, 224 likes, 12 reposts, 3 replies (the latest counts seen).');
  await expect(preview).toContainText(`Most viewed: [@inria, ${dateText(posted, 'en')}](https://x.com/inria/status/${id}) — 7,451 views, 224 likes`);
  await page.reload();
  await expect(preview).toContainText(`- @inria: 12,345 followers (+345 since ${dateText(earlier, 'en')})`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  const md = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  expect(md).toContain('1 tweet of the week by @inria seen on X');

  // The dashboard's period, with no export imported: the same tweet as seen on X, linked.
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  const seen = page.getByTestId('dash-seen');
  await expect(seen.getByTestId('dash-seen-totals')).toHaveText('1 tweet · 7,451 views · 224 likes · 12 reposts · 3 replies');
  await expect(seen.getByRole('link', { name: dateText(posted, 'en') })).toHaveAttribute('href', `https://x.com/inria/status/${id}`);
  await expect(seen.locator('li')).toContainText('@inria · 7,451 views · 224 likes');
  // Exported, a row for each tweet seen, for the CM's own reports.
  const [seenFile] = await Promise.all([page.waitForEvent('download'), seen.getByRole('button', { name: 'Export these tweets as CSV' }).click()]);
  const seenCsv = Buffer.concat(await (await seenFile.createReadStream()).toArray()).toString('utf8').split('\r\n');
  expect(seenFile.suggestedFilename()).toMatch(/^veille-seen-on-x-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
  expect(seenCsv[0]).toBe('\uFEFFAccount,Posted,Tweet,Views,Likes,Reposts,Replies,Bookmarks,"Approximate (X showed ""1.7K"")",Counts seen');
  expect(seenCsv[1]).toMatch(new RegExp(`^inria,${localDayOf(posted)} \\d\\d:\\d\\d,https://x.com/inria/status/${id},7451,224,12,3,\\d*,,${localDayOf(Date.now())} \\d\\d:\\d\\d$`));
  expect(seenCsv.filter(Boolean)).toHaveLength(2);
  // And the institution's followers, from its profile's visits.
  await expect(page.getByTestId('dash-followers')).toContainText('@inria: 12,000 → 12,345');
});

test("a topic's published tweet: its figures in the topic's details, its link in the report", async ({ options, extensionId }) => {
  const page = options.page;
  const now = Date.now();
  await putRecords(page, 'topics', [{ id: 't1', title: 'Portes ouvertes', status: 'proposed', note: '', tags: [], hashtags: [], createdAt: now, updatedAt: now }]);
  await putRecords(page, 'tweetMetrics', [{ tweetId: '2088707180694323466', capturedAt: now - 3_600_000, source: 'page', authorHandle: 'inria', likes: 12, views: 340 }]);
  await page.goto(`chrome-extension://${extensionId}/options.html#topics`);
  await page.reload();
  const open = page.locator('.column[data-status="proposed"] .card').getByRole('button', { name: 'Open' });
  await open.click();
  const dialog = page.getByRole('dialog');
  // Escape closes the details and gives the focus back to the card's button.
  await expect(dialog.getByLabel('Status')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();
  await open.click();
  await dialog.getByLabel('Status').selectOption('published');
  const field = dialog.getByLabel("Published as (its tweet's address on X)");
  await field.fill('https://x.com/inria');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toContainText('Not the address of a tweet on X (https://x.com/…/status/…).');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  // Its figures as soon as the address is a tweet's: what Veille saw of it on X.
  await field.fill('https://twitter.com/Inria/status/2088707180694323466?s=20');
  await expect(dialog.getByTestId('topic-published-engagement')).toContainText('The published tweet: 12 likes, 340 views (seen on ');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.column[data-status="published"] .card')).toHaveCount(1);
  // The card links its published tweet.
  await expect(page.locator('.column[data-status="published"] .card').getByRole('link', { name: 'published' })).toHaveAttribute('href', 'https://x.com/inria/status/2088707180694323466');
  await page.goto(`chrome-extension://${extensionId}/options.html#report`);
  await showReportMarkdown(page);
  await expect(page.getByTestId('report-preview')).toContainText(
    '## Published this week (1)\n\n- Portes ouvertes — [published](https://x.com/inria/status/2088707180694323466)\n  Its tweet: 340 views, 12 likes\n',
  );
});

test("the weekly report names the partners' most viewed tweets of the week seen on X, and those saved as topics", async ({ context, options, xPages, extensionId }) => {
  await options.addPartner({ handle: 'CNRS', name: 'CNRS', category: 'academic' });
  await expect(options.rows()).toHaveCount(1);
  const now = Date.now();
  const posted = Math.max(weekStart(now), now - 3_600_000);
  const [found, week, stranger] = [snowflakeAt(posted), snowflakeAt(posted + 1000), snowflakeAt(posted + 2000)];
  xPages.set(
    '/home',
    timelinePage([
      { handle: 'CNRS', name: 'CNRS', id: found, text: 'Une découverte', counts: { replies: 1, reposts: 2, likes: 30, views: 1200 } },
      { handle: 'CNRS', name: 'CNRS', id: week, text: 'La semaine du CNRS', counts: { replies: 0, reposts: 5, likes: 80, views: 5400 } },
      // Not a partner: not in the report.
      { handle: 'someone', id: stranger, counts: { replies: 0, reposts: 0, likes: 900, views: 99_000 } },
    ]),
  );
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  // One of them saved from the tweet itself.
  const first = x.locator('article').first();
  await first.hover();
  await first.locator('[data-veille="save"]').getByRole('button', { name: 'Save topic' }).click();
  await expect(first.locator('[data-veille="save"] [role="status"]')).toHaveText('Saved as a new topic.');
  // (The page's counts reach the worker within a second or so.)
  await expect.poll(async () => (await allRecords(options.page, 'tweetMetrics')).length).toBe(3);

  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#report`);
  const day = dateText(posted, 'en');
  await showReportMarkdown(page);
  await expect(page.getByTestId('report-preview')).toContainText(
    [
      '## Partners on X (seen as you browsed)',
      '',
      "2 partner tweets of the week seen on X: 6,600 views, 110 likes, 7 reposts, 1 reply (the latest counts seen). By 1 partner, out of 1 (the institution's own accounts aside).",
      '',
      'Most viewed, to relay or save as topics:',
      '',
      `- [CNRS (@cnrs), ${day}](https://x.com/cnrs/status/${week}) — Academic (lab or university): 5,400 views, 80 likes`,
      `- [CNRS (@cnrs), ${day}](https://x.com/cnrs/status/${found}) — Academic (lab or university): 1,200 views, 30 likes · on the board: New`,
    ].join('\n'),
  );
});

test('tidying the board: the cards untouched for 30 days dropped in one go, after a confirmation, and put back by Undo', async ({ options, extensionId }) => {
  const page = options.page;
  const now = Date.now();
  const topic = (id: string, status: string, daysUntouched: number) => ({ id, title: id, status, note: '', tags: [], hashtags: [], createdAt: now - 60 * DAY_MS, updatedAt: now - daysUntouched * DAY_MS });
  await putRecords(page, 'topics', [topic('Vieille idée', 'new', 40), topic('Autre vieille idée', 'new', 35), topic('Idée du jour', 'new', 0), topic('Suivi ancien', 'watching', 50)]);
  await page.goto(`chrome-extension://${extensionId}/options.html#topics`);
  await page.reload();
  const column = (status: string) => page.locator(`.column[data-status="${status}"]`);
  await expect(column('new').locator('.card')).toHaveCount(3);
  const tidy = column('new').getByRole('button', { name: 'Drop the 2 cards untouched for 30 days' });
  // Refused at the confirmation: nothing moves.
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await tidy.click();
  await expect.poll(() => asked).toEqual(['Move the 2 cards of “New” untouched for 30 days to Dropped? You can undo it right after.']);
  await expect(column('new').locator('.card')).toHaveCount(3);
  page.once('dialog', (d) => void d.accept());
  await tidy.click();
  await expect(page.getByTestId('board-status')).toHaveText('2 cards moved to Dropped.');
  await expect(column('new').locator('.card')).toHaveText([/Idée du jour/]);
  await expect(column('dropped').locator('.card')).toHaveCount(2);
  await expect(tidy).toHaveCount(0);
  // The watched column has its own.
  await expect(column('watching').getByRole('button', { name: 'Drop the 1 card untouched for 30 days' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('board-status')).toHaveText('2 cards put back.');
  await expect(column('new').locator('.card')).toHaveCount(3);
  await expect(column('dropped').locator('.card')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
});

test("the weekly meeting's reminder: set in the settings, given by the worker on the day, opening the report of the week it reviews", async ({ context, options, extensionId }) => {
  const page = options.page;
  const now = Date.now();
  await putRecords(page, 'topics', [{ id: 't1', title: 'Pour la réunion', status: 'proposed', note: '', tags: [], hashtags: [], createdAt: now, updatedAt: now }]);
  await page.goto(`chrome-extension://${extensionId}/options.html#settings`);
  const day = page.getByLabel('Weekly meeting: announce the report on');
  await expect(day.locator('option:checked')).toHaveText('no day (off)');
  await expect(day).toHaveAccessibleDescription("A notification that opens the weekly report: the week before for a meeting on Monday or Tuesday, the meeting's own week later on.");
  const time = page.locator('input[name="meetingTime"]');
  await expect(time).toBeDisabled();
  // Today, from midnight: due at once.
  await day.selectOption({ label: new Intl.DateTimeFormat('en', { weekday: 'long' }).format(now) });
  await time.fill('00:00');
  await expect.poll(async () => (await allRecords<{ key: string; value: { meetingDay?: number; meetingTime?: string } }>(page, 'settings')).find((r) => r.key === 'settings')?.value).toMatchObject({
    meetingDay: weekdayOf(now),
    meetingTime: '00:00',
  });
  await stopWorker(context, page);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const shown = () => context.serviceWorkers().at(-1)!.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
  const week = meetingWeekOf(now);
  await expect.poll(shown).toContain(`veille-meeting-${week}`);
  // The popup says when the next one is: a week from today at midnight, today's time having come.
  const next = new Date(now);
  next.setDate(next.getDate() + 7);
  next.setHours(0, 0, 0, 0);
  const when = new Intl.DateTimeFormat('en', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(next);
  await expect(popup.getByTestId('next-meeting')).toHaveText(`Next meeting: ${when}.`);
  await popup.close();

  // What its click opens: the report of that week.
  const opened = await context.newPage();
  await opened.goto(`chrome-extension://${extensionId}/options.html#report-week-${week}`);
  const sunday = dateText(new Date(`${week}T12:00:00`).getTime() + 6 * DAY_MS, 'en', 'long');
  await showReportMarkdown(opened);
  await expect(opened.getByTestId('report-preview')).toContainText(`week of ${dateText(week, 'en', 'long')} to ${sunday}`);
  await expect(opened.getByTestId('report-preview')).toContainText('## Proposed for the meeting (1)\n\n- Pour la réunion');
  await expect(opened).toHaveURL(/#report$/);
  await expect(opened.getByLabel('Week of')).toHaveValue(week);
  // Any week the address names (a meeting on Monday reviews the week before).
  const before = localDayOf(new Date(`${week}T12:00:00`).getTime() - 14 * DAY_MS);
  await opened.goto(`chrome-extension://${extensionId}/options.html#report-week-${before}`);
  await opened.reload();
  await expect(opened.getByTestId('report-preview')).toContainText(`week of ${dateText(before, 'en', 'long')} to `);
  expect(await opened.locator('#report').evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(300);
});

test('the popup gives the board at a glance, and opens the board and the weekly report', async ({ context, options, extensionId }) => {
  const now = Date.now();
  const topic = (id: string, status: string, ago: number, url?: string) => ({ id, title: id, status, note: '', tags: [], hashtags: [], createdAt: now - ago, updatedAt: now, ...(url ? { url } : {}) });
  await putRecords(options.page, 'topics', [
    topic('a', 'proposed', 3 * DAY_MS),
    topic('Chimie verte', 'new', now - noonDaysAgo(2), 'https://x.com/cnrs/status/1'),
    topic('c', 'new', 1000),
    topic('d', 'watching', 5000),
  ]);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const topics = popup.getByTestId('popup-topics');
  await expect(topics).toContainText('1 topic proposed for the meeting · 2 new');
  // The latest three saved, each opening its source.
  await expect(topics.getByRole('list', { name: 'The latest topics saved' }).locator('li')).toHaveText(['c New · today', 'd Watching · today', 'Chimie verte New · 2 days ago']);
  await expect(topics.getByRole('link', { name: 'Chimie verte' })).toHaveAttribute('href', 'https://x.com/cnrs/status/1');
  // No meeting day set: where to set it.
  await expect(topics.getByRole('link', { name: /^Set the day of your weekly meeting in Settings/ })).toHaveAttribute('href', `chrome-extension://${extensionId}/options.html#settings`);
  const [report] = await Promise.all([context.waitForEvent('page'), topics.getByRole('link', { name: 'Weekly report' }).click()]);
  await expect(report).toHaveURL(`chrome-extension://${extensionId}/options.html#report`);
  await showReportMarkdown(report);
  await expect(report.getByTestId('report-preview')).toContainText('## Proposed for the meeting (1)');
  await expect(topics.getByRole('link', { name: 'Topics board' })).toHaveAttribute('href', `chrome-extension://${extensionId}/options.html#topics`);
  // No round yet: what it is, and where to set it up.
  const round = popup.getByTestId('round');
  await expect(round).toContainText('Your round is empty: add the searches, hashtags, lists and accounts you check every day.');
  await expect(round.getByRole('link', { name: 'Set up the round' })).toHaveAttribute('href', `chrome-extension://${extensionId}/options.html#veille-round`);
  await expect(round.getByRole('button', { name: 'Next place' })).toHaveCount(0);
});

test("beside the board, the partners' tweets to relay: each partner's most viewed of the last days seen on X, those saved as topics aside", async ({ context, options, xPages, extensionId }) => {
  await options.addPartner({ handle: 'CNRS', name: 'CNRS', category: 'academic' });
  await options.addPartner({ handle: 'Nature', name: 'Nature', category: 'journal' });
  await expect(options.rows()).toHaveCount(2);
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#topics`);
  const relay = page.getByTestId('relay');
  await expect(relay).toContainText('No partner tweet of the last 3 days seen on X yet, or all were saved as topics.');

  const now = Date.now();
  const [a, b, c] = [snowflakeAt(now - 7_200_000), snowflakeAt(now - 3_600_000), snowflakeAt(now - 1_800_000)];
  xPages.set(
    '/home',
    timelinePage([
      { handle: 'CNRS', name: 'CNRS', id: a, counts: { replies: 1, reposts: 2, likes: 30, views: 1200 } },
      { handle: 'CNRS', name: 'CNRS', id: b, counts: { replies: 0, reposts: 5, likes: 80, views: 5400 } },
      { handle: 'Nature', name: 'Nature', id: c, counts: { replies: 0, reposts: 0, likes: 3, views: 300 } },
    ]),
  );
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await expect.poll(async () => (await allRecords(page, 'tweetMetrics')).length).toBe(3);
  await page.reload();
  const items = relay.locator('li');
  await expect(items).toHaveText([/CNRS .* 5,400 views · 80 likes QuoteRepost$/, /Nature .* 300 views · 3 likes QuoteRepost$/]);
  const day = dateText(now - 3_600_000, 'en');
  await expect(items.first().getByRole('link', { name: `Tweet by CNRS of ${day}, on X` })).toHaveAttribute('href', `https://x.com/cnrs/status/${b}`);
  // Quoted in X's composer, or reposted, in one click.
  await expect(items.first().getByRole('link', { name: `Quote on X the tweet by CNRS of ${dateText(postedAtOf(b)!, 'en', 'minute')}` })).toHaveAttribute(
    'href',
    `https://x.com/intent/tweet?text=&url=${encodeURIComponent(`https://x.com/cnrs/status/${b}`)}`,
  );
  await expect(items.first().getByRole('link', { name: `Repost on X the tweet by CNRS of ${dateText(postedAtOf(b)!, 'en', 'minute')}` })).toHaveAttribute('href', `https://x.com/intent/retweet?tweet_id=${b}`);

  // Saved as a topic from X: CNRS's other tweet takes its place.
  const saved = x.locator('article').nth(1);
  await saved.hover();
  await saved.locator('[data-veille="save"]').getByRole('button', { name: 'Save topic' }).click();
  await expect(saved.locator('[data-veille="save"] [role="status"]')).toHaveText('Saved as a new topic.');
  await expect(items).toHaveText([/CNRS .* 1,200 views · 30 likes QuoteRepost$/, /Nature .* 300 views · 3 likes QuoteRepost$/]);
});

test('the topics shown on the board, exported as a CSV table in the words of the browser', async ({ options, extensionId }) => {
  const page = options.page;
  const now = Date.now();
  const topic = (id: string, status: string, tags: string[]) => ({ id, title: id, status, note: '', tags, hashtags: [], createdAt: now, updatedAt: now });
  await putRecords(page, 'topics', [topic('Vaccins', 'proposed', ['santé']), topic('Chimie verte', 'new', ['chimie'])]);
  await page.goto(`chrome-extension://${extensionId}/options.html#topics`);
  await page.reload();
  await expect(page.locator('.card')).toHaveCount(2);
  // Filtered by a tag: only those shown.
  await page.locator('.board-section').getByLabel('Tag', { exact: true }).selectOption('santé');
  await expect(page.locator('.card')).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export these topics as CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`veille-topics-${localDayOf(now)}.csv`);
  const lines = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8').split('\r\n');
  expect(lines[0]).toBe('\uFEFFStatus,Title,Address,Source,Partner category,Media,Tags,Hashtags,Note,Saved,Published,Published as');
  expect(lines.slice(1)).toEqual([`Proposed for the meeting,Vaccins,,,,text,santé,,,${localDayOf(now)},,`, '']);
  // Dates typed the wrong way round: the board says so, rather than showing empty columns alone.
  const board = page.locator('.board-section');
  await board.getByLabel('From').fill('2026-12-31');
  await board.getByLabel('To').fill('2026-01-01');
  await expect(page.getByTestId('board-inverted')).toHaveText('This period ends before it starts: set its “From” date before its “To” date.');
  await expect(page.getByTestId('board-none-match')).toHaveCount(0);
  await board.getByLabel('From').fill('2026-01-01');
  await board.getByLabel('To').fill('2099-12-31');
  await expect(page.getByTestId('board-inverted')).toHaveCount(0);
  await expect(page.locator('.card')).toHaveCount(1);
  // A search that finds nothing says so, and its button clears every filter.
  await board.getByRole('searchbox').fill('zzz introuvable');
  await expect(page.locator('.card')).toHaveCount(0);
  await expect(page.getByTestId('board-none-match')).toHaveText('No topic matches these filters. Clear the filters');
  await page.getByRole('button', { name: 'Clear the filters' }).click();
  await expect(page.locator('.card')).toHaveCount(2);
  await expect(board.getByRole('searchbox')).toHaveValue('');
  await expect(board.getByLabel('Tag', { exact: true })).toHaveValue('');
  await expect(page.getByTestId('board-none-match')).toHaveCount(0);
});

test("a topic's note holding a long address wraps within the weekly report, on screen and printed", async ({ options, extensionId }) => {
  const page = options.page;
  const now = Date.now();
  // A shared document's address: one word of 150 characters, with no place a line may break.
  const note = `Draft: https://docs.google.com/document/d/${'a1B2c3D4e5'.repeat(11)}/edit`;
  await putRecords(page, 'topics', [{ id: 't1', title: 'For the meeting', status: 'proposed', note, tags: [], hashtags: [], createdAt: now, updatedAt: now }]);
  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto(`chrome-extension://${extensionId}/options.html#report`);
  await page.reload();
  const doc = page.getByTestId('report-view');
  await expect(doc.locator('li').first()).toContainText(note);
  for (const media of ['screen', 'print'] as const) {
    await page.emulateMedia({ media });
    expect(await doc.evaluate((d) => d.scrollWidth - d.clientWidth), `the report's width (${media})`).toBe(0);
  }
  await page.emulateMedia({ media: null });
});

test('the weekly report in the language chosen for it, whatever the browser speaks', async ({ options, extensionId }) => {
  const page = options.page;
  const now = Date.now();
  await putRecords(page, 'topics', [{ id: 't1', title: 'Pour la réunion', status: 'proposed', note: '', tags: [], hashtags: [], createdAt: now, updatedAt: now }]);
  await page.goto(`chrome-extension://${extensionId}/options.html#report`);
  await page.reload();
  await showReportMarkdown(page);
  const preview = page.getByTestId('report-preview');
  await expect(preview).toContainText('## Proposed for the meeting (1)');
  const language = page.locator('section.report').getByLabel('Language');
  await expect(language.locator('option:checked')).toHaveText("The browser's");
  await language.selectOption({ label: 'Français' });
  await expect(preview).toContainText('## Proposés pour la réunion (1)');
  await expect(preview).toContainText('## Minutes de veille par jour (objectif : 60)');
  // Kept: the next visit writes it in French too, and so do its exports.
  await page.reload();
  await expect(preview).toContainText('## Proposés pour la réunion (1)');
  const [table] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the report as CSV' }).click()]);
  const csv = Buffer.concat(await (await table.createReadStream()).toArray()).toString('utf8');
  expect(csv.split('\r\n')[0]).toBe('\uFEFFPartie;Statut;Titre;Adresse;Source;Média;Étiquettes;Note;Jour;Minutes');
  await language.selectOption({ label: "The browser's" });
  await expect(preview).toContainText('## Proposed for the meeting (1)');
});

test('the browser holds the "Save to Veille" menu item once the extension is installed', async ({ worker }) => {
  // (Updating an item succeeds only where it exists: the worker made it when the extension was installed.)
  const update = (id: string) => worker.evaluate((menu) => chrome.contextMenus.update(menu, {}).then(() => 'held', (e: unknown) => String(e)), id);
  await expect.poll(() => update('veille-save')).toBe('held');
  expect(await update('no-such-item')).not.toBe('held');
  expect(await worker.evaluate(() => chrome.contextMenus.onClicked.hasListeners())).toBe(true);
});
