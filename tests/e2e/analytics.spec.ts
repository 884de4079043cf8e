import { DAILY, LEGACY_EN, LEGACY_FR, OVERVIEW, PREMIUM } from '../fixtures/analytics';
import { timelinePage } from '../fixtures/x-dom';
import { allRecords, expect, noonDaysAgo, printed, putRecords, showReportMarkdown, stopWorker, test } from './fixtures';

test('import a legacy French export and a current X Premium export, see the summaries and the figures on x.com', async ({ context, options, xPages, extensionId }) => {
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  // A second options page, open on the dashboard, follows the imports made in the first.
  const other = await context.newPage();
  await other.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  await expect(other.getByText('No analytics for this period. Import an export above.')).toBeVisible();
  const input = page.getByTestId('analytics-input');
  await input.setInputFiles({ name: 'DataBzh_2016-02.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${LEGACY_FR}`, 'utf8') });
  await expect(page.getByTestId('import-result')).toHaveText(
    'DataBzh_2016-02.csv: analytics.twitter.com export, per tweet (French), Feb 29, 2016. Added 1, updated 0, rejected 0.',
  );
  await input.setInputFiles({ name: 'account_analytics_content.csv', mimeType: 'text/csv', buffer: Buffer.from(PREMIUM, 'utf8') });
  await expect(page.getByTestId('import-result')).toHaveText(
    'account_analytics_content.csv: X Premium content export, Aug 15, 2026. Added 1, updated 0, rejected 0.',
  );
  // The dashboard shows both files' tweets: 100 + 44 impressions, 2 + 3 engagements.
  await expect(page.getByTestId('dash-totals')).toHaveText('2 tweets · 144 impressions · 5 engagements · engagement rate 3.5 %');
  await expect(other.getByTestId('dash-totals')).toHaveText('2 tweets · 144 impressions · 5 engagements · engagement rate 3.5 %');
  // Two accounts' exports: the dashboard gives one of them, or both.
  const account = other.locator('.dashboard').getByRole('combobox', { name: 'Account' });
  await expect(account.locator('option')).toHaveText(['All accounts', '@chimiecnrs', '@databzh']);
  await account.selectOption('databzh');
  await expect(other.getByTestId('dash-totals')).toHaveText('1 tweet · 100 impressions · 2 engagements · engagement rate 2 %');
  await account.selectOption('');
  await expect(other.getByTestId('dash-totals')).toHaveText('2 tweets · 144 impressions · 5 engagements · engagement rate 3.5 %');
  await other.close();
  // Read and stored, then read and computed, off the page: in its import and dashboard workers.
  const workers = page.workers().map((w) => w.url());
  expect(workers).toContainEqual(expect.stringMatching(/^chrome-extension:.*\/import\.worker.*\.js$/));
  expect(workers).toContainEqual(expect.stringMatching(/^chrome-extension:.*\/dashboard\.worker.*\.js$/));
  await expect(page.locator('.dash-chart')).toBeVisible();
  // A legend says what the bars and the line are, and their scale.
  await expect(page.locator('.dash-chart .legend > span')).toHaveText([/^\s*Impressions \(bars\), up to 100$/, /^\s*Engagement rate \(line\), up to 6\.8 %$/]);
  // Ten years apart: all of it is shown by month (by week, 550 bars, nearly all empty), from February
  // 2016 to August 2026, its dates in the page's text size.
  const dash = page.locator('.dashboard');
  const per = dash.getByRole('combobox', { name: 'Per' });
  await expect(page.getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'true');
  await expect(per).toHaveValue('month');
  await expect(page.locator('.dash-chart svg')).toHaveAttribute('aria-label', 'Feb 2016: 100 impressions, 2 engagements, engagement rate 2 %; Aug 2026: 44 impressions, 3 engagements, engagement rate 6.8 %');
  await expect(page.locator('.dash-chart figcaption')).toHaveText('Feb 2016Aug 2026');
  await expect(page.locator('.dash-chart rect')).toHaveCount(127);
  // The period's figures as a table for the CM's own reports.
  const [table] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export these figures as CSV' }).click()]);
  const lines = Buffer.concat(await (await table.createReadStream()).toArray()).toString('utf8').split('\r\n');
  expect(table.suggestedFilename()).toBe('veille-impact-2016-02-29-2026-08-15.csv');
  expect(lines[0]).toBe('\uFEFFSection,When,Tweets,Impressions,Engagements,Engagement rate,Tweet,Text');
  expect(lines[1]).toBe(`Period,2016-02-29 → 2026-08-15,2,144,5,${Math.round((5 / 144) * 1e6) / 1e6},,`);
  expect(lines).toContain('Month,2016-02,1,100,2,0.02,,');
  expect(await page.locator('.dash-chart figcaption').evaluate((el) => getComputedStyle(el).fontSize)).toBe('12px');
  // The quick ranges end on the latest tweet's day: its last 28 days, by day.
  await expect(page.getByText('The quick ranges end on Aug 15, 2026, the latest day of the analytics imported.')).toBeVisible();
  await page.getByRole('button', { name: 'Last 28 days' }).click();
  await expect(page.getByRole('button', { name: 'Last 28 days' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'false');
  await expect(dash.getByLabel('From')).toHaveValue('2026-07-19');
  await expect(dash.getByLabel('To')).toHaveValue('2026-08-15');
  await expect(per).toHaveValue('day');
  await expect(page.getByTestId('dash-totals')).toHaveText('1 tweet · 44 impressions · 3 engagements · engagement rate 6.8 %');
  await expect(page.locator('.dash-chart rect')).toHaveCount(28);
  // No tweet in the 28 days before: nothing to compare with.
  await expect(page.getByTestId('dash-previous')).toHaveCount(0);
  // A grouping the CM picks is kept; a date typed makes no quick range pressed.
  await per.selectOption('week');
  await dash.getByLabel('From').fill('2016-01-01');
  await expect(page.getByRole('button', { name: 'Last 28 days' })).toHaveAttribute('aria-pressed', 'false');
  await expect(per).toHaveValue('week');
  await expect(page.locator('.dash-chart svg')).toHaveAttribute('aria-label', 'Feb 29, 2016: 100 impressions, 2 engagements, engagement rate 2 %; Aug 10, 2026: 44 impressions, 3 engagements, engagement rate 6.8 %');
  // A start typed after the end: the page says so (not "no analytics"), and the figures come back with a start before it.
  await dash.getByLabel('From').fill('2026-09-01');
  await expect(page.getByTestId('dash-inverted')).toHaveText('This period ends before it starts: set its “From” date before its “To” date.');
  await expect(page.getByText('No analytics for this period. Import an export above.')).toHaveCount(0);
  // From March 2016: against as many days before, which hold the tweet of February 2016.
  await dash.getByLabel('From').fill('2016-03-01');
  await expect(page.getByTestId('dash-inverted')).toHaveCount(0);
  await expect(page.getByTestId('dash-previous')).toHaveText(
    /^Against the 3,820 days before \(Sep 15, 2005 to Feb 29, 2016\): impressions −56 %, engagements \+50 %, engagement rate 2 % → 6\.8 % \(then 1 tweet, 100 impressions\)\.$/,
  );
  await page.getByRole('button', { name: 'All' }).click();
  await expect(page.getByTestId('dash-previous')).toHaveCount(0);
  await expect(per).toHaveValue('month');
  await per.selectOption('week');
  // The top lists name the tweets by what they say (with their day), each a link to it on X.
  const top = page.getByRole('heading', { name: 'Top tweets by impressions' }).locator('xpath=following-sibling::ol[1]/li');
  await expect(top).toHaveText([/^#Dataviz Feb \d\d, 2016 · 100 · 2 %$/, /^@cnrs bravo Aug 1\d, 2026 · 44 · 6\.8 %$/]);
  await expect(top.first().getByRole('link', { name: '#Dataviz' })).toHaveAttribute('href', 'https://x.com/databzh/status/704349316157194240');
  // By engagement rate, only the tweets seen at least as often as the median one rank (44 and 100 times).
  const byRate = page.getByRole('heading', { name: 'Top tweets by engagement rate' });
  await expect(byRate.locator('xpath=following-sibling::p[1]')).toHaveText(/^Among the tweets seen at least 44 times/);
  await expect(byRate.locator('xpath=following-sibling::ol[1]/li')).toHaveText([/^@cnrs bravo .* · 6\.8 % · 44 impressions$/, /^#Dataviz .* · 2 % · 100 impressions$/]);

  // The weekly report of that week gives its tweets' impact.
  await page.goto(`chrome-extension://${extensionId}/options.html#report`);
  await page.getByLabel('Week of').fill('2026-08-15');
  await showReportMarkdown(page);
  await expect(page.getByTestId('report-preview')).toContainText(
    "## Impact of the week's tweets (imported analytics)\n\n1 tweet · 44 impressions · 3 engagements · engagement rate 6.8 %\n\nMost seen: [@cnrs bravo](https://x.com/",
  );
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);

  // The same file again changes nothing.
  await input.setInputFiles({ name: 'account_analytics_content.csv', mimeType: 'text/csv', buffer: Buffer.from(PREMIUM, 'utf8') });
  await expect(page.getByTestId('import-result')).toContainText('Added 0, updated 0, rejected 0. (1 already there, unchanged.)');

  // An export of a week without posts (its header alone) says there is nothing in it.
  await input.setInputFiles({ name: 'quiet_week.csv', mimeType: 'text/csv', buffer: Buffer.from(`${PREMIUM.split('\n')[0]}\n`, 'utf8') });
  await expect(page.getByTestId('import-result')).toHaveText("quiet_week.csv: The file holds only its columns' names, no post and no day: nothing to import. (X writes such an export for a period without posts.)");

  // A file damaged by a spreadsheet is refused and nothing is stored.
  const before = (await allRecords(page, 'tweetMetrics')).length;
  await input.setInputFiles({ name: 'resaved.csv', mimeType: 'text/csv', buffer: Buffer.from('Tweet id,Tweet permalink,Tweet text,time,impressions,engagements\r\n1.47689E+18,x,t,2026-11-12 09:30 +0000,1,1\r\n', 'utf8') });
  await expect(page.getByTestId('import-result')).toContainText('resaved.csv: The tweet ids were destroyed by a spreadsheet (“1.47689E+18”)');
  expect(await allRecords(page, 'tweetMetrics')).toHaveLength(before);
  // So is one whose long ids a spreadsheet rounded (its links keep them whole): stored, they would
  // name other tweets.
  const rounded = 'Tweet id,Tweet permalink,Tweet text,time,impressions,engagements\r\n1476890123456790000,https://twitter.com/cnrs/status/1476890123456789012,t,2026-11-12 09:30 +0000,1,1\r\n';
  await input.setInputFiles({ name: 'rounded.csv', mimeType: 'text/csv', buffer: Buffer.from(rounded, 'utf8') });
  await expect(page.getByTestId('import-result')).toContainText('rounded.csv: The tweet ids were rounded by a spreadsheet, past their 15th digit (“1476890123456790000”): they now name other tweets.');
  expect(await allRecords(page, 'tweetMetrics')).toHaveLength(before);

  // A file with a bad row: the errors first, nothing stored until the CM chooses.
  await input.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(LEGACY_EN.replace('"2026-11-13 10:00 +0000"', '"hier"'), 'utf8') });
  await expect(page.getByTestId('import-result')).toContainText('Row 3, time: not a date Veille can read (value: “hier”)');
  expect(await allRecords(page, 'tweetMetrics')).toHaveLength(before);
  await page.getByRole('button', { name: 'Import only the valid rows (1)' }).click();
  await expect(page.getByTestId('import-result')).toContainText('Added 1, updated 0, rejected 1.');

  // On x.com, the institute's imported tweet shows its impressions in the strip.
  xPages.set('/home', timelinePage([{ handle: 'ChimieCNRS', id: '1856000000000000001' }]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  const strip = x.locator('[data-veille="strip"]');
  await expect(strip.locator('[data-part="analytics"]')).toContainText('Impressions 3,423');
  await expect(strip.locator('[data-part="analytics"]')).toContainText('Engagement rate 3.5 %');
});

test('restoring a corrupt backup says what is wrong and changes nothing; a good one merges', async ({ options, extensionId }) => {
  const page = options.page;
  await options.addPartner({ handle: 'UnivNantes', name: 'Nantes Université', category: 'academic' });
  await expect(options.rows()).toHaveCount(1);
  await page.goto(`chrome-extension://${extensionId}/options.html#backup`);
  const last = page.getByTestId('backup-last');
  await expect(last).toHaveText("No backup of this browser's data yet: export one to keep it safe.");
  // How much Veille holds here: the partner, and the settings rows.
  await expect(page.getByTestId('backup-held')).toHaveText(/^This browser holds [1-9]\d* records? of Veille's, about \d+(\.\d)? MB\.$/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export everything' }).click()]);
  const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'veille-backup', schema: 7, tables: { partners: [{ handle: 'univnantes' }] } });
  // This browser remembers its last backup (which the backup itself does not hold).
  const held = (JSON.parse(text) as { tables: Record<string, unknown[]> }).tables;
  const records = Object.values(held).reduce((n, list) => n + list.length, 0);
  await expect(last).toHaveText(new RegExp(`^Last backup: .+ \\(today\\), ${records} records?\\.$`));
  expect(held.settings!.map((r) => (r as { key: string }).key)).not.toContain('lastBackup');
  expect(download.suggestedFilename()).toMatch(/^veille-backup-\d{4}-\d{2}-\d{2}\.json$/);
  // Written off the page, in its backup worker.
  expect(page.workers().map((w) => w.url())).toContainEqual(expect.stringMatching(/^chrome-extension:.*\/backup\.worker.*\.js$/));

  const before = await allRecords(page, 'partners');
  const input = page.getByTestId('backup-input');
  await input.setInputFiles({ name: 'truncated.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, text.length / 2)) });
  await expect(page.getByTestId('backup-result')).toContainText('truncated.json: This file is not a whole JSON file (truncated?)');
  await expect(page.getByTestId('backup-result')).toContainText('Nothing was changed.');
  // Another application's file: refused.
  await input.setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(text.replace('"veille-backup"', '"other-app"')) });
  await expect(page.getByTestId('backup-result')).toContainText('other.json: ');
  await expect(page.getByTestId('backup-result')).toContainText('Nothing was changed.');
  // A backup with a record out of shape (as a bug of a version may have written it): the record is
  // named, and left out only if the CM restores the others; cancelled, nothing changes.
  const bad = JSON.parse(text) as { tables: { partners: Record<string, unknown>[] } };
  bad.tables.partners.push({ ...bad.tables.partners[0], id: 'colleague-bad', handle: 'not a handle!' }, { ...bad.tables.partners[0], id: 'colleague-twice' });
  await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const leftOut = page.getByTestId('backup-left-out');
  await expect(leftOut).toHaveAttribute('role', 'alert');
  await expect(leftOut.locator('p')).toHaveText('2 records of this file are out of shape and cannot be restored: Veille leaves them out.');
  // (A partner twice is named with the place of the first.)
  await expect(leftOut.locator('li')).toHaveText([
    'partners, record 2, handle: not a handle (1 to 15 letters, digits or “_”) (value: “not a handle!”)',
    `partners, record 3, handle: the same as record 1 (value: “${String(bad.tables.partners[0]!.handle)}”)`,
  ]);
  await expect(page.getByRole('button', { name: 'Merge without them' })).toBeVisible();
  await page.getByTestId('backup-pending').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('backup-pending')).toHaveCount(0);
  expect(await allRecords(page, 'partners')).toEqual(before);
  // Chosen again and merged without it: the rest of the file (this browser's own data) changes nothing.
  await input.setInputFiles({ name: 'bad-again.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.getByRole('button', { name: 'Merge without them' }).click();
  await expect(page.getByTestId('backup-result')).toContainText('Merged: 0 added, 0 updated');
  expect(await allRecords(page, 'partners')).toEqual(before);

  // A good backup from a colleague, with one more partner: merged.
  const good = JSON.parse(text) as { tables: { partners: Record<string, unknown>[] } };
  good.tables.partners.push({ ...good.tables.partners[0], id: 'colleague-1', handle: 'cnrs', name: 'CNRS' });
  await input.setInputFiles({ name: 'colleague.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  // When it was written, to the minute, as people read it ("Dec 5, 2026, 6:40 AM").
  await expect(page.getByTestId('backup-pending')).toContainText(/^colleague\.json: a backup of [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M with \d+ records\./);
  await page.getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByTestId('backup-result')).toContainText('Merged: 1 added');
  expect((await allRecords<{ handle: string }>(page, 'partners')).map((p) => p.handle).sort()).toEqual(['cnrs', 'univnantes']);
  // Merged in the page's backup worker, the new partner shows in the page's list at once.
  await expect(options.row('cnrs')).toContainText('CNRS');
  // The colleague saved a tweet this browser saved too: one card, with both notes.
  const now = Date.now();
  const topic = { title: 'Blé CRISPR', status: 'new', tags: [], hashtags: [], createdAt: now, updatedAt: now };
  await putRecords(page, 'topics', [{ ...topic, id: 'here-1', url: 'https://x.com/univnantes/status/1900000000000000000', note: 'À proposer' }]);
  const theirs = JSON.parse(text) as { tables: { topics: Record<string, unknown>[] } };
  theirs.tables.topics = [{ ...topic, id: 'there-1', url: 'https://x.com/UnivNantes/status/1900000000000000000', status: 'proposed', note: 'Vu par la presse', updatedAt: now + 1000 }];
  await input.setInputFiles({ name: 'colleague-topics.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(theirs)) });
  await page.getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByTestId('backup-result')).toContainText('Merged: 0 added, 1 updated');
  expect(await allRecords(page, 'topics')).toMatchObject([{ id: 'here-1', status: 'proposed', note: 'Vu par la presse\n\nÀ proposer' }]);

  // Everything replaced by a file made 40 days ago: that file is now this browser's last backup, and it is old.
  const old = { ...(JSON.parse(text) as object), exportedAt: noonDaysAgo(40) };
  await page.goto(`chrome-extension://${extensionId}/options.html#backup`);
  await input.setInputFiles({ name: 'old.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(old)) });
  page.once('dialog', (d) => void d.accept());
  // What it replaces is saved to a file first.
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Replace everything' }).click()]);
  // Named by the time on the CM's clock (Paris, here), to the second.
  const [, y, mo, d, h, mi, se] = /^veille-backup-before-restore-(\d{4})-(\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d\d)\.json$/.exec(saved.suggestedFilename())!.map(Number);
  expect(Math.abs(new Date(y!, mo! - 1, d!, h!, mi!, se!).getTime() - Date.now())).toBeLessThan(60_000);
  const kept = JSON.parse(Buffer.concat(await (await saved.createReadStream()).toArray()).toString('utf8')) as { tables: { partners: { handle: string }[] } };
  expect(kept.tables.partners.map((p) => p.handle).sort()).toEqual(['cnrs', 'univnantes']);
  await expect(page.getByTestId('backup-result')).toContainText(`Replaced: 1 record restored. The data it replaced was saved first: ${saved.suggestedFilename()}.`);
  await expect(last).toHaveText(new RegExp(`^Last backup: .+ \\(40 days ago\\), ${records} records?\\.$`));
  await expect(last).toHaveClass(/error/);
  // (Its number as the page's language writes it.)
  await putRecords(page, 'settings', [{ key: 'lastBackup', value: { at: noonDaysAgo(45), records: 12_345 } }]);
  await page.reload();
  await expect(last).toHaveText(/^Last backup: .+ \(45 days ago\), 12,345 records\.$/);
});

test("the line of what the browser holds keeps its place while it is counted: the settings below it do not move under the CM's pointer", async ({ options }) => {
  const page = options.page;
  // The browser's answer of how much room Veille takes waits for the test's word.
  await page.addInitScript(() => {
    const estimate = navigator.storage.estimate.bind(navigator.storage);
    const answer = new Promise<void>((resolve) => Object.assign(window, { answerEstimate: resolve }));
    navigator.storage.estimate = () => answer.then(estimate);
  });
  await page.reload();
  const capture = page.getByLabel('Capture engagement from the X pages I browse');
  await expect(capture).toBeVisible();
  await expect(page.getByTestId('backup-last')).toBeVisible();
  await expect(page.getByLabel('Remind me to back up')).toBeVisible();
  /** Where the capture switch lies below the top of the backup's section. */
  const place = () => page.evaluate(() => document.querySelector('input[name=captureEnabled]')!.getBoundingClientRect().top - document.getElementById('backup')!.getBoundingClientRect().top);
  await capture.scrollIntoViewIfNeeded();
  const before = await place();
  await page.evaluate(() => (window as unknown as { answerEstimate(): void }).answerEstimate());
  await expect(page.getByTestId('backup-held')).toHaveText(/^This browser holds \d+ records? of Veille's, about \d+(\.\d)? MB\.$/);
  expect(await place()).toBe(before);
});

test('the worker reminds when the last backup is older than the CM chose; the reminder\'s page saves one at once', async ({ context, options, extensionId }) => {
  const page = options.page;
  await options.addPartner({ handle: 'UnivNantes', name: 'Nantes Université', category: 'academic' });
  await expect(options.rows()).toHaveCount(1);
  await page.goto(`chrome-extension://${extensionId}/options.html#backup`);
  // Every month unless told; every week chosen.
  const choice = page.getByLabel('Remind me to back up');
  await expect(choice).toHaveValue('30');
  await expect(choice).toHaveAccessibleDescription('A notification when the last backup is older than that; clicking it saves a new one.');
  await choice.selectOption({ label: 'every week' });
  await expect(page.locator('.reminder-choice [role="status"]')).toHaveText('Settings saved.');
  await expect.poll(async () => (await allRecords<{ key: string; value: { backupReminderDays?: number } }>(page, 'settings')).find((r) => r.key === 'settings')?.value.backupReminderDays).toBe(7);
  // A backup 10 days old: marked now, and the worker, when it starts again, reminds.
  await putRecords(page, 'settings', [{ key: 'lastBackup', value: { at: noonDaysAgo(10), records: 3 } }]);
  await page.reload();
  const last = page.getByTestId('backup-last');
  await expect(last).toHaveText(/\(10 days ago\)/);
  await expect(last).toHaveClass(/error/);
  await stopWorker(context, page);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const shown = () => context.serviceWorkers().at(-1)!.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
  await expect.poll(shown).toContain('veille-backup');
  const [state] = (await allRecords<{ key: string; value: { remindedAt?: number } }>(popup, 'settings')).filter((r) => r.key === 'backupState');
  expect(state!.value.remindedAt).toBeGreaterThan(Date.now() - 60_000);
  await popup.close();

  // Its click opens the Backup section in a new tab, which saves a backup at once.
  await page.close();
  const opened = await context.newPage();
  const [download] = await Promise.all([opened.waitForEvent('download'), opened.goto(`chrome-extension://${extensionId}/options.html#backup-now`)]);
  expect(download.suggestedFilename()).toMatch(/^veille-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8')) as { tables: { partners: unknown[]; settings: { key: string }[] } };
  expect(file.tables.partners).toHaveLength(1);
  // (What the reminder remembers is this browser's, not the data's.)
  expect(file.tables.settings.map((r) => r.key)).toEqual(['settings']);
  await expect(opened).toHaveURL(/#backup$/);
  await expect(opened.getByTestId('backup-last')).toHaveText(/\(today\)/);
  await expect(opened.getByTestId('backup-last')).not.toHaveClass(/error/);
  expect(await opened.locator('#backup').evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(300);
});

test('a large export can be cancelled while it is read: nothing is stored, and the page stays free', async ({ options, extensionId }) => {
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  const header = LEGACY_EN.split('\n')[0]!;
  const rows = Array.from({ length: 60_000 }, (_, i) => {
    const id = String(1856000000000000000n + BigInt(i));
    return `"${id}","https://twitter.com/ChimieCNRS/status/${id}","Tweet ${i} avec @UnivNantes #chimie","2026-11-12 09:30 +0000","${100 + i}.0","2.0","0.02","0.0","0.0","2.0","0.0","0.0","0.0","0.0","0.0","-"`;
  });
  await page.getByTestId('analytics-input').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n'), 'utf8') });
  const reading = page.getByRole('status').filter({ hasText: 'Reading big.csv…' });
  await expect(reading).toBeVisible();
  // The page answers while the worker reads.
  expect(await page.evaluate(() => new Promise<number>((r) => { const t = performance.now(); setTimeout(() => r(performance.now() - t), 0); }))).toBeLessThan(50);
  await reading.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('import-result')).toHaveText('big.csv: Import cancelled. Nothing was stored.');
  expect(await allRecords(page, 'tweetMetrics')).toHaveLength(0);
});

test('an export saved again by a spreadsheet: French Excel\'s Windows-1252 and day-first dates, a large file\'s accents, dates that could be either', async ({ options, extensionId }) => {
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  const input = page.getByTestId('analytics-input');
  // What French Excel saves as "CSV": Windows-1252, ";", decimal commas, its own dates.
  const french = [
    'Identifiant du Tweet;Permalien du Tweet;Texte du Tweet;heure;impressions;engagements;taux d\'engagement;Retweets;réponses;J\'aime',
    '704349316157194240;https://twitter.com/DataBzh/status/704349316157194240;Données ouvertes à Rennes;29/02/2016 16:55;100;2;0,02;0;1;2',
    '704349316157194241;https://twitter.com/DataBzh/status/704349316157194241;Carte des forêts;13/02/2016 09:05;1 250;25;0,02;1;0;9',
  ].join('\r\n');
  await input.setInputFiles({ name: 'DataBzh_excel.csv', mimeType: 'text/csv', buffer: Buffer.from(french, 'latin1') });
  await expect(page.getByTestId('import-result')).toHaveText(
    'DataBzh_excel.csv: analytics.twitter.com export, per tweet (French), read as Windows-1252, Feb 13, 2016 → Feb 29, 2016. Added 2, updated 0, rejected 0.',
  );
  const stored = await allRecords(page, 'tweetMetrics');
  expect(stored).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ tweetId: '704349316157194240', text: 'Données ouvertes à Rennes', replies: 1, engagementRate: 0.02, postedAt: Date.UTC(2016, 1, 29, 16, 55) }),
      expect.objectContaining({ tweetId: '704349316157194241', text: 'Carte des forêts', impressions: 1250 }),
    ]),
  );

  // A file of several pieces in UTF-8: every accent and emoji comes out whole.
  const header = LEGACY_EN.split('\n')[0]!;
  const rows = Array.from({ length: 4000 }, (_, i) => {
    const id = String(1856000000000000000n + BigInt(i));
    return `"${id}","https://twitter.com/ChimieCNRS/status/${id}","Molécule n° ${i} — été ’26 🧪","2026-11-12 09:30 +0000","100.0","2.0","0.02","0.0","0.0","2.0","0.0","0.0","0.0","0.0","0.0","-"`;
  });
  await input.setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n'), 'utf8') });
  await expect(page.getByTestId('import-result')).toContainText('big.csv: analytics.twitter.com export, per tweet, Nov 12, 2026. Added 4,000,');
  const texts = (await allRecords(page, 'tweetMetrics')).flatMap((r) => (String(r.tweetId).startsWith('18560') ? [r.text] : []));
  expect(texts).toHaveLength(4000);
  expect(texts.filter((t) => !/^Molécule n° \d+ — été ’26 🧪$/.test(String(t)))).toEqual([]);

  // Dates that could be day or month first, in a comma-separated file: refused, nothing stored.
  const before = (await allRecords(page, 'dailyFigures')).length;
  await input.setInputFiles({ name: 'daily.csv', mimeType: 'text/csv', buffer: Buffer.from('Date,Tweets published,impressions,engagements\r\n01/08/2021,0,1088,13\r\n02/08/2021,1,900,10\r\n', 'utf8') });
  await expect(page.getByTestId('import-result')).toHaveText(
    'daily.csv: The dates of this file were rewritten by a spreadsheet (“01/08/2021”), and nothing in the file tells the day from the month. Download the export again from X and import it without opening it in a spreadsheet.',
  );
  expect(await allRecords(page, 'dailyFigures')).toHaveLength(before);
});

test('several exports chosen at once are imported one after the other; one with bad rows waits for the CM', async ({ options, extensionId }) => {
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  const input = page.getByTestId('analytics-input');
  const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  const bad = file('bad.csv', LEGACY_EN.replace('"2026-11-13 10:00 +0000"', '"hier"').replaceAll('18560000000000000', '18570000000000000'));
  await input.setInputFiles([file('legacy.csv', LEGACY_EN), bad, file('premium.csv', PREMIUM), file('daily.csv', DAILY)]);
  // The second file's bad row is shown; the files after it wait.
  const errors = page.getByRole('alert').filter({ hasText: 'bad.csv: errors in 1 row' });
  await expect(errors).toContainText('Row 3, time: not a date Veille can read (value: “hier”)');
  const results = page.getByTestId('import-result');
  await expect(results.first()).toHaveText('legacy.csv: analytics.twitter.com export, per tweet, Nov 12, 2026 → Nov 13, 2026. Added 2, updated 0, rejected 0.');
  await expect(errors.getByRole('button', { name: 'Import only the valid rows (1)' })).toBeVisible();
  await errors.getByRole('button', { name: 'Skip this file' }).click();
  // The per-day export's name does not say whose days they are: the CM says it, from the keyboard.
  const question = page.getByRole('form', { name: /^daily\.csv holds an account’s figures per day/ });
  const account = question.getByRole('combobox', { name: 'Account' });
  await expect(account).toBeFocused();
  // (The one account whose tweets were imported: the first guess.)
  await expect(account).toHaveValue('@chimiecnrs');
  await expect(question.locator('datalist option')).toHaveAttribute('value', '@chimiecnrs');
  await account.fill('');
  await account.press('Enter');
  await expect(question.getByRole('alert')).toHaveText('Say which account these figures per day are for.');
  await account.fill('x.com/home');
  await account.press('Enter');
  await expect(question.getByRole('alert')).toContainText('A handle is 1 to 15 letters');
  expect(await allRecords(page, 'dailyFigures')).toHaveLength(0);
  await account.fill('@ChimieCNRS');
  await account.press('Enter');
  await expect(results).toHaveText([
    /^legacy\.csv: .* Added 2, updated 0, rejected 0\.$/,
    'bad.csv: Skipped. Nothing of it was stored.',
    /^premium\.csv: X Premium content export, Aug 15, 2026\. Added 1, updated 0, rejected 0\.$/,
    /^daily\.csv: analytics\.twitter\.com export, per day of @chimiecnrs, Aug 1, 2021\. Added 1, updated 0, rejected 0\.$/,
  ]);
  await expect(question).toHaveCount(0);
  expect((await allRecords(page, 'tweetMetrics')).map((m) => m.tweetId).sort()).toEqual(['1856000000000000001', '1856000000000000002', '2088707180694323466']);
  expect(await allRecords(page, 'dailyFigures')).toEqual([expect.objectContaining({ account: 'chimiecnrs', day: '2021-08-01', impressions: 1088 })]);
  await expect(input).toBeEnabled();

  // Cancel at a file with bad rows: nothing of it, nor of the files after it, is stored.
  await input.setInputFiles([bad, file('premium2.csv', PREMIUM.replaceAll('2088707180694323466', '2088707180694323467'))]);
  await errors.getByRole('button', { name: 'Cancel' }).click();
  await expect(results).toHaveText(['bad.csv: Import cancelled. Nothing was stored.', 'premium2.csv: Not imported: the import was cancelled before it.']);
  expect(await allRecords(page, 'tweetMetrics')).toHaveLength(3);
});

test('the account overview per day: its impressions, engagements and the followers gained and lost', async ({ options, extensionId }) => {
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  const overview = [
    'Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,Profile visits,Create Post,Video views,Media views',
    '"Fri, Mar 21, 2025",1070,11,32,0,0,14,3,2,1,6,0,0,0',
    '"Thu, Mar 20, 2025",1303,40,85,0,0,5,9,8,4,8,1,0,0',
  ].join('\n');
  await page.getByTestId('analytics-input').setInputFiles({ name: 'account_overview_analytics.csv', mimeType: 'text/csv', buffer: Buffer.from(overview, 'utf8') });
  const account = page.getByRole('form', { name: /account_overview_analytics\.csv holds an account’s figures per day/ }).getByRole('combobox', { name: 'Account' });
  await expect(account).toHaveValue('');
  await account.fill('https://x.com/Inria');
  await page.getByRole('button', { name: 'Import for this account' }).click();
  await expect(page.getByTestId('import-result')).toHaveText('account_overview_analytics.csv: X Premium account overview of @inria, Mar 20, 2025 → Mar 21, 2025. Added 2, updated 0, rejected 0.');
  await expect(page.getByTestId('dash-days')).toHaveText('2 days: 2,373 impressions, 117 engagementsFollowers: +19, −12 (+7 in all)');
  // The account's days charted: a bar a day, its impressions and rate named for a screen reader.
  const daysChart = page.getByTestId('dash-days-chart');
  await expect(daysChart.locator('rect')).toHaveCount(2);
  // (Two bars in the chart's 640 units: each 40 wide, in the middle of its half, not a half filled.)
  expect(await daysChart.locator('rect').evaluateAll((rects) => rects.map((r) => [r.getAttribute('x'), r.getAttribute('width')]))).toEqual([
    ['140', '40'],
    ['460', '40'],
  ]);
  await expect(daysChart.getByRole('img')).toHaveAttribute('aria-label', 'Mar 20, 2025: 1,303 impressions, 85 engagements, engagement rate 6.5 %; Mar 21, 2025: 1,070 impressions, 32 engagements, engagement rate 3 %');
  // No tweet to rank: the dashboard says so, rather than show empty lists.
  await expect(page.getByTestId('dash-totals')).toHaveText('No tweet imported for this period: its analytics per tweet come from the per-tweet exports.');
  await expect(page.getByRole('heading', { name: 'Top tweets by impressions' })).toHaveCount(0);
  // Its days go in the period's table too.
  const [table] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export these figures as CSV' }).click()]);
  const lines = Buffer.concat(await (await table.createReadStream()).toArray()).toString('utf8').split('\r\n');
  expect(lines).toEqual(expect.arrayContaining(['"Account, per day",2025-03-20,1,1303,85,0.065234,,', '"Account, per day",2025-03-21,0,1070,32,0.029907,,']));

  // Another account's overview of the same days, named by its file: beside the first one's, not over it.
  const other = overview.replace(',1070,11,32,', ',30,1,8,').replace(',1303,40,85,', ',97,2,15,');
  await page.getByTestId('analytics-input').setInputFiles({ name: 'Inria_EN_account_overview_analytics.csv', mimeType: 'text/csv', buffer: Buffer.from(other, 'utf8') });
  await expect(page.getByTestId('import-result')).toHaveText(/^Inria_EN_account_overview_analytics\.csv: X Premium account overview of @inria_en, .* Added 2, updated 0, rejected 0\.$/);
  expect(await allRecords(page, 'dailyFigures')).toHaveLength(4);
  // All the accounts: each day added up; one account: its own days.
  await expect(page.getByTestId('dash-days')).toContainText('2 days: 2,500 impressions, 140 engagements');
  await expect(page.getByText('All the accounts’ days, added up.')).toBeVisible();
  // Each account beside the other, to compare them.
  const byAccount = page.getByRole('table', { name: 'By account' });
  await expect(byAccount.getByRole('row')).toHaveText([
    'AccountIts tweets of the periodAccount, per day',
    '@inria—2 days: 2,373 impressions, 117 engagements',
    '@inria_en—2 days: 127 impressions, 23 engagements',
  ]);
  await page.getByRole('combobox', { name: 'Account' }).selectOption('inria_en');
  await expect(page.getByTestId('dash-days')).toContainText('2 days: 127 impressions, 23 engagements');
  await page.getByRole('combobox', { name: 'Account' }).selectOption('inria');
  await expect(page.getByTestId('dash-days')).toContainText('2 days: 2,373 impressions, 117 engagements');
  await expect(page.getByText('All the accounts’ days, added up.')).toHaveCount(0);
  await expect(byAccount).toHaveCount(0);
});

test('account overviews chosen together: their account is named once for all of them, and asked again at the next import', async ({ options, extensionId }) => {
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  const header = 'Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,Profile visits,Create Post,Video views,Media views';
  const overview = (date: string, impressions: number) => ({ name: 'account_overview_analytics.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n"${date}",${impressions},1,2,0,0,0,0,0,0,0,0,0,0\n`, 'utf8') });
  const input = page.getByTestId('analytics-input');
  await input.setInputFiles([overview('Fri, Mar 21, 2025', 10), { ...overview('Sat, Mar 22, 2025', 20), name: 'account_overview_analytics (1).csv' }]);
  const question = page.getByTestId('import-account');
  await expect(question).toHaveCount(1);
  await question.getByRole('combobox', { name: 'Account' }).fill('@Inria');
  await question.getByRole('checkbox', { name: 'The same account for the other per-day files chosen with it' }).check();
  await question.getByRole('combobox', { name: 'Account' }).press('Enter');
  const results = page.getByTestId('import-result');
  await expect(results).toHaveText([/^account_overview_analytics\.csv: X Premium account overview of @inria, Mar 21, 2025\. Added 1,/, /^account_overview_analytics \(1\)\.csv: X Premium account overview of @inria, Mar 22, 2025\. Added 1,/]);
  await expect(question).toHaveCount(0);
  expect((await allRecords(page, 'dailyFigures')).map((d) => `${d.account} ${d.day} ${d.impressions}`)).toEqual(['inria 2025-03-21 10', 'inria 2025-03-22 20']);
  // The next import asks again, the account last named as its first guess; the only file: no "same account" box.
  await input.setInputFiles(overview('Sun, Mar 23, 2025', 30));
  await expect(question.getByRole('combobox', { name: 'Account' })).toHaveValue('@inria');
  await expect(question.getByRole('checkbox')).toHaveCount(0);
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(results).toHaveText(['account_overview_analytics.csv: Import cancelled. Nothing was stored.']);
  expect(await allRecords(page, 'dailyFigures')).toHaveLength(2);
});

test('days stored before Veille asked whose they are: the dashboard says so, and importing their file again names them', async ({ options, extensionId }) => {
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  // (As version 5 of the database leaves the days of a profile that had imported several accounts' tweets.)
  await putRecords(page, 'dailyFigures', [
    { account: '', day: '2025-03-21', impressions: 1070, engagements: 32, engagementRate: 32 / 1070, likes: 11, reposts: 1, replies: 2, profileClicks: 6, newFollows: 0, unfollows: 0, posts: 0, videoViews: 0, mediaViews: 0 },
  ]);
  await page.reload();
  await expect(page.getByTestId('dash-unnamed-days')).toHaveText(
    '1 day was imported before Veille asked whose days an export holds: it is counted with all the accounts. Import its file again to say whose it is.',
  );
  await page.getByTestId('analytics-input').setInputFiles({ name: 'inria_account_overview_analytics.csv', mimeType: 'text/csv', buffer: Buffer.from(OVERVIEW, 'utf8') });
  await expect(page.getByTestId('import-result')).toHaveText(/^inria_account_overview_analytics\.csv: X Premium account overview of @inria, Mar 21, 2025\. Added 0, updated 1, rejected 0\.$/);
  await expect(page.getByTestId('dash-unnamed-days')).toHaveCount(0);
  expect((await allRecords(page, 'dailyFigures')).map((d) => [d.account, d.day])).toEqual([['inria', '2025-03-21']]);
});

test("the weekly report gives each account's week from its per-day exports", async ({ options, extensionId }) => {
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  // An overview of today, as X writes its dates ("Fri, Dec 4, 2026").
  const today = new Date().toLocaleDateString('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
  const header = 'Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,Profile visits,Create Post,Video views,Media views';
  await page.getByTestId('analytics-input').setInputFiles({ name: 'inria_account_overview_analytics.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n"${today}",1250,11,25,0,0,7,2,2,1,6,0,0,0\n`, 'utf8') });
  await expect(page.getByTestId('import-result')).toContainText('Added 1,');
  await page.goto(`chrome-extension://${extensionId}/options.html#report`);
  await showReportMarkdown(page);
  await expect(page.getByTestId('report-preview')).toContainText(
    "The accounts over the week (per-day exports, all their tweets together):\n\n- @inria: 1 day, 1,250 impressions, 25 engagements, engagement rate 2 %, followers +7, −2\n",
  );
});

test('files dropped on a section are imported as if chosen: analytics exports, a partner list', async ({ options, extensionId }) => {
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  /** Drag these files over `section`, then drop them on it. */
  const drop = async (section: ReturnType<typeof page.locator>, files: { name: string; text: string }[]) => {
    const data = await page.evaluateHandle((list) => {
      const d = new DataTransfer();
      for (const f of list) d.items.add(new File([f.text], f.name, { type: 'text/csv' }));
      return d;
    }, files);
    await section.dispatchEvent('dragenter', { dataTransfer: data });
    await expect(section).toHaveClass(/drop-over/);
    await section.dispatchEvent('drop', { dataTransfer: data });
    await expect(section).not.toHaveClass(/drop-over/);
  };
  const importSection = page.locator('section.import');
  await expect(importSection.getByText('or drop the files here')).toBeVisible();
  await drop(importSection, [
    { name: 'legacy.csv', text: LEGACY_EN },
    { name: 'premium.csv', text: PREMIUM },
  ]);
  await expect(page.getByTestId('import-result')).toHaveText([/^legacy\.csv: .* Added 2, updated 0, rejected 0\.$/, /^premium\.csv: .* Added 1, updated 0, rejected 0\.$/]);
  expect(await allRecords(page, 'tweetMetrics')).toHaveLength(3);

  await page.goto(`chrome-extension://${extensionId}/options.html#partners`);
  await drop(page.locator('section.csv'), [{ name: 'partenaires.csv', text: 'handle;name;category\nUnivNantes;Nantes Université;Université\n' }]);
  await expect(page.getByTestId('status')).toHaveText('Import done: 1 added, 0 updated, 0 unchanged.');
  await expect(options.row('univnantes')).toContainText('Nantes Université');

  // A file dropped beside the sections is refused: the browser does not open it in place of the page.
  const stray = await page.evaluate(() => {
    const d = new DataTransfer();
    d.items.add(new File(['x'], 'x.csv'));
    const e = new DragEvent('drop', { dataTransfer: d, bubbles: true, cancelable: true });
    document.querySelector('h1, h2')!.dispatchEvent(e);
    return e.defaultPrevented;
  });
  expect(stray).toBe(true);

  // A backup dropped to be restored is read first, like one chosen.
  await page.goto(`chrome-extension://${extensionId}/options.html#backup`);
  await drop(page.locator('section.backup'), [{ name: 'truncated.json', text: '{"format":"veille-backup",' }]);
  await expect(page.getByTestId('backup-result')).toContainText('truncated.json: This file is not a whole JSON file (truncated?)');
});

test('the dashboard is drawn when the page is opened on its section, or its link is followed, wherever the window falls', async ({ context, extensionId }) => {
  // A window so low that the section's import panel fills it and the window's screen more: the
  // dashboard below it is not near the window, yet the address names its section.
  const page = await context.newPage();
  await page.setViewportSize({ width: 900, height: 60 });
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  await expect(page.getByRole('heading', { name: 'Impact', exact: true })).toBeAttached();
  await expect(page.getByText('No analytics for this period. Import an export above.')).toBeAttached();

  const top = await context.newPage();
  await top.setViewportSize({ width: 900, height: 60 });
  await top.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(top.getByRole('heading', { name: 'Import analytics' })).toBeAttached();
  await expect(top.getByRole('heading', { name: 'Impact', exact: true })).not.toBeAttached();
  await top.getByRole('link', { name: 'Analytics', exact: true }).click();
  await expect(top.getByRole('heading', { name: 'Impact', exact: true })).toBeAttached();
});

test('the dashboard says when the tweets went furthest: by day of the week and by hours of the day', async ({ options, extensionId }) => {
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  // Six Tuesdays seen 1,000 times each, six Fridays seen 100 times, all at 12:30 UTC (the same day
  // wherever the browser is).
  const header = LEGACY_EN.split('\n')[0]!;
  const tweet = (i: number, day: number, impressions: number, engagements: number) => {
    const id = `18500000000000000${String(i).padStart(2, '0')}`;
    const at = `2026-${day < 32 ? '10' : '11'}-${String(day < 32 ? day : day - 31).padStart(2, '0')} 12:30 +0000`;
    return `"${id}","https://twitter.com/ChimieCNRS/status/${id}","Tweet ${i}","${at}","${impressions}.0","${engagements}.0","${engagements / impressions}","0.0","0.0","0.0","0.0","0.0","0.0","0.0","0.0","-"`;
  };
  const tuesdays = [6, 13, 20, 27, 34, 41].map((d, i) => tweet(i, d, 1000, 50));
  const fridays = [9, 16, 23, 30, 37, 44].map((d, i) => tweet(10 + i, d, 100, 1));
  await page.getByTestId('analytics-input').setInputFiles({ name: 'tweet_activity.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...tuesdays, ...fridays].join('\n'), 'utf8') });
  await expect(page.getByTestId('import-result')).toContainText('Added 12');
  const timing = page.getByTestId('dash-timing');
  const days = timing.getByRole('table', { name: 'By day of the week' });
  await expect(days.locator('tbody tr')).toHaveCount(7);
  await expect(days.locator('tbody tr.best')).toHaveText(['Tuesday · best61,0005 %']);
  await expect(days.locator('tbody tr', { hasText: 'Friday' })).toHaveText('Friday61001 %');
  await expect(days.locator('tbody tr', { hasText: 'Sunday' })).toHaveText('Sunday0——');
  const hours = timing.getByRole('table', { name: 'By hours of the day' });
  await expect(hours.locator('tbody tr')).toHaveCount(8);
  // (Their hours are the browser's: all twelve in one band of 3 hours, as at 12:30 UTC.)
  expect((await hours.locator('tbody td:nth-of-type(1)').allTextContents()).map(Number).reduce((a, b) => a + b, 0)).toBe(12);
});

test("the dashboard compares tweets with and without media where their export says it, and counts the others apart", async ({ options, extensionId }) => {
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  // analytics.twitter.com's export with its media views (the first tweet had an image), then X Premium's, which has none.
  const [header, first, second] = LEGACY_EN.split(/\n(?=")/) as [string, string, string];
  const legacy = [`${header},"media views"`, `${first},"40.0"`, `${second},"0.0"`].join('\n');
  await page.getByTestId('analytics-input').setInputFiles({ name: 'tweet_activity.csv', mimeType: 'text/csv', buffer: Buffer.from(legacy, 'utf8') });
  await expect(page.getByTestId('import-result')).toContainText('Added 2');
  await page.getByTestId('analytics-input').setInputFiles({ name: 'account_analytics_content.csv', mimeType: 'text/csv', buffer: Buffer.from(PREMIUM, 'utf8') });
  await expect(page.getByTestId('import-result')).toContainText('Added 1');
  await page.getByRole('button', { name: 'All' }).click();
  await expect(page.getByTestId('dash-totals')).toContainText('3 tweets');
  await expect(page.getByTestId('dash-media')).toHaveText(
    "Media and engagementWith an image or a video: 1 tweet, 3.5 %Without: 1 tweet, 2 %Not counted: 1 tweet whose export gives no media views (X Premium’s exports and the archive give none).",
  );
});

test('the dashboard names the partners its tweets mention most, each linked to their profile', async ({ options, extensionId }) => {
  const page = options.page;
  await options.addPartner({ handle: 'UnivNantes', name: 'Nantes Université', category: 'academic' });
  await options.addPartner({ handle: 'minesnantes', name: 'IMT Atlantique', category: 'academic' });
  await expect(options.row('minesnantes')).toBeVisible();
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  await page.getByTestId('analytics-input').setInputFiles({ name: 'tweet_activity.csv', mimeType: 'text/csv', buffer: Buffer.from(LEGACY_EN, 'utf8') });
  await expect(page.getByTestId('import-result')).toContainText('Added 2');
  await page.getByRole('button', { name: 'All' }).click();
  // The tweets mentioning partners of a category, and those mentioning none: how many, and their
  // rate, named as such.
  const byCategory = page.locator('table.dash-mentions');
  await expect(byCategory.getByRole('columnheader')).toHaveText(['Partners mentioned (does tagging partners help?)', 'Tweets', 'Engagement rate']);
  await expect(byCategory.locator('tbody tr')).toHaveText(['Academic (lab or university)13.5 %', 'No partner mentioned12 %']);
  // One tweet of two mentions them both: each with that tweet's rate.
  const mentioned = page.getByTestId('dash-mentioned');
  await expect(mentioned.locator('caption')).toHaveText('The partners mentioned most');
  await expect(mentioned.locator('tr')).toHaveText(['Academic @minesnantes1 tweet3.5 %', 'Academic @univnantes1 tweet3.5 %']);
  await expect(mentioned.getByRole('link', { name: '@univnantes' })).toHaveAttribute('href', 'https://x.com/univnantes');
  // Printed (or saved as a PDF), the dashboard alone, its chart with it.
  expect(await printed(page, page.locator('section.dashboard').getByRole('button', { name: 'Print' }), ['header.top', 'section.import', 'section.dashboard', '.dash-chart svg', '#report'])).toEqual([false, false, true, true, false]);
  // In the figures' CSV too.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export these figures as CSV' }).click()]);
  const csv = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8').split('\r\n');
  expect(csv.filter((l) => l.startsWith('The partners mentioned most,'))).toEqual([
    'The partners mentioned most,minesnantes,1,3423,120,0.035057,https://x.com/minesnantes,IMT Atlantique',
    'The partners mentioned most,univnantes,1,3423,120,0.035057,https://x.com/univnantes,Nantes Université',
  ]);
});
