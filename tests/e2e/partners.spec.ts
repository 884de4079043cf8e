import { accountsPage, cellHtml, profileHeaderHtml, profilePage, timelinePage, tweetHtml, userCellHtml, xPage } from '../fixtures/x-dom';
import { DAY_MS, dateText, localDayOf } from '../../lib/time';
import { postedAtOf, snowflakeAt } from '../../lib/x/tweet-id';
import { allRecords, article, categoryOf, expect, noonDaysAgo, openPopup, putRecords, tagText, tagsIn, test } from './fixtures';

test('a partner added in the options page is tagged on x.com and twitter.com: timeline, quote, own page, profile', async ({ context, options, xPages }) => {
  await options.addPartner({ handle: '@UnivNantes', name: 'Nantes Université', category: 'academic', tags: 'région, université', note: 'Partenaire historique' });
  await expect(options.page.getByTestId('status')).toHaveText('Saved @univnantes.');
  await expect(options.row('univnantes')).toContainText('Nantes Université');
  await options.addPartner({ handle: 'JACS_Au', name: 'JACS Au', category: 'journal' });
  await expect(options.rows()).toHaveCount(2);

  xPages.set(
    '/home',
    timelinePage([
      { handle: 'UnivNantes', name: 'Nantes Université', id: '1001' },
      { handle: 'someone_else', id: '1002', quote: { handle: 'JACS_Au', name: 'JACS Au' } },
      { handle: 'univnantes', id: '1003', markup: '2025', liked: true },
      { handle: 'not_a_partner', id: '1004' },
    ]),
  );
  xPages.set('/UnivNantes/status/1001', xPage(tweetHtml({ handle: 'UnivNantes', id: '1001', focal: true }) + cellHtml({ handle: 'jacs_au', id: '1005' }, 1)));
  xPages.set('/UnivNantes', profilePage({ handle: 'UnivNantes', name: 'Nantes Université' }, [{ handle: 'UnivNantes', id: '1006' }]));

  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await expect(tagsIn(article(x, '1001'))).toHaveCount(1);
  await expect(tagsIn(article(x, '1003'))).toHaveCount(1);
  await expect(tagsIn(article(x, '1002'))).toHaveCount(1);
  await expect(tagsIn(article(x, '1002'))).toHaveAttribute('data-veille-tag', 'jacs_au');
  await expect(tagsIn(article(x, '1004'))).toHaveCount(0);
  // The tag drawn next to the name; pointed at, the tweet shows it as a button with the partner's
  // name on hover, in its place.
  const tag = tagsIn(article(x, '1001'));
  expect(await tagText(tag)).toBe('Academic');
  await expect(tag).toBeVisible();
  await article(x, '1001').hover();
  await expect(tag.getByRole('button')).toHaveText('Academic');
  await expect(tag.getByRole('button')).toHaveAttribute('title', 'Veille partner · Academic (lab or university) · Nantes Université');
  await expect(tag.getByRole('button')).toHaveCount(1);
  await expect(tag).toBeVisible();
  // Each tweet has exactly the tags it should: no doubles after a while.
  await x.waitForTimeout(300);
  await expect(tagsIn(x.locator('body'))).toHaveCount(3);

  // A tweet's own page, where the main tweet has tabindex=-1.
  await x.goto('https://x.com/UnivNantes/status/1001');
  await expect(tagsIn(x.locator('article[tabindex="-1"]'))).toHaveCount(1);
  await expect(tagsIn(article(x, '1005'))).toHaveCount(1);

  // The profile page shows the tag in its header.
  await x.goto('https://x.com/UnivNantes');
  await expect(tagsIn(x.getByTestId('UserName'))).toHaveCount(1);
  await expect(tagsIn(article(x, '1006'))).toHaveCount(1);

  // Search results, a list, replies under a tweet: the same tweets, the same tags.
  xPages.set('/search', timelinePage([{ handle: 'someone', id: '1007' }, { handle: 'UNIVNANTES', id: '1008' }], 'Search / X'));
  xPages.set('/i/lists/42', timelinePage([{ handle: 'jacs_au', id: '1009' }, { handle: 'someone', id: '1010' }], 'List / X'));
  await x.goto('https://x.com/search?q=%23chimie&src=typed_query');
  await expect(tagsIn(article(x, '1008'))).toHaveCount(1);
  await expect(tagsIn(article(x, '1007'))).toHaveCount(0);
  await x.goto('https://x.com/i/lists/42');
  await expect.poll(() => categoryOf(tagsIn(article(x, '1009')))).toBe('journal');

  // twitter.com and mobile.twitter.com too.
  await x.goto('https://twitter.com/home');
  await expect(tagsIn(article(x, '1001'))).toHaveCount(1);
  await expect(tagsIn(article(x, '1004'))).toHaveCount(0);
  await x.goto('https://mobile.twitter.com/home');
  await expect(tagsIn(article(x, '1003'))).toHaveCount(1);
});

test("in a narrow window the partner list fits: a row's buttons go one under the other, its tags and a note's address wrap", async ({ options }) => {
  // Tags of one hyphenated word, and a note holding an email and a web page's address: they wrapped
  // a letter a line, or ran the table past the window's edge.
  await options.addPartner({
    handle: 'ChimieOrsay',
    name: 'Laboratoire de chimie moléculaire et des matériaux d’Orsay',
    category: 'academic',
    tags: 'intelligence-artificielle, santé-environnement, chimie',
    note: 'Contact presse : marie.dupont@universite-paris-saclay.fr, dossier partagé https://docs.google.com/document/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit',
  });
  await expect(options.row('chimieorsay')).toBeVisible();
  for (const width of [600, 800]) {
    await options.page.setViewportSize({ width, height: 900 });
    const buttons = options.row('chimieorsay').locator('.row-actions button');
    await expect(buttons).toHaveCount(3);
    for (const box of await Promise.all((await buttons.all()).map((b) => b.boundingBox()))) expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    expect(await options.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(await options.page.locator('.table-scroll').evaluate((box) => box.scrollWidth - box.clientWidth), `the table's width at ${width}px`).toBe(0);
    // Each tag on two lines at most (12px type): "intelligence-" then "artificielle", where it took a line a letter or two.
    for (const chip of await options.row('chimieorsay').locator('.chip').all()) expect((await chip.boundingBox())!.height, `${await chip.textContent()} at ${width}px`).toBeLessThan(40);
  }
  // The partner's details show the note whole: its address wraps, where it ran out of the dialog's sight.
  await options.row('chimieorsay').getByRole('button', { name: 'Details @chimieorsay' }).click();
  const dialog = options.page.getByTestId('partner-detail');
  await expect(dialog).toContainText('upms/edit');
  expect(await dialog.evaluate((d) => d.scrollWidth - d.clientWidth)).toBe(0);
});

test('changes in the options page appear at once in an open X tab', async ({ context, options, xPages }) => {
  xPages.set('/home', timelinePage([{ handle: 'cnrs', id: '2001' }, { handle: 'ouestfrance', id: '2002' }]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await expect(x.locator('article[data-testid="tweet"]')).toHaveCount(2);
  await expect(tagsIn(x.locator('body'))).toHaveCount(0);

  await options.page.bringToFront();
  await options.addPartner({ handle: 'cnrs', name: 'CNRS', category: 'institution' });
  await expect(tagsIn(article(x, '2001'))).toHaveCount(1);
  await expect.poll(() => categoryOf(tagsIn(article(x, '2001')))).toBe('institution');

  // Edit: the category changes on the page without a reload.
  await options.row('cnrs').getByRole('button', { name: 'Edit @cnrs' }).click();
  await options.form().getByLabel('Category').selectOption('public_authority');
  await options.form().getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => categoryOf(tagsIn(article(x, '2001')))).toBe('public_authority');
  await expect(tagsIn(article(x, '2001'))).toHaveCount(1);

  // Delete: the tag goes.
  options.page.once('dialog', (d) => void d.accept());
  await options.row('cnrs').getByRole('button', { name: 'Delete @cnrs' }).click();
  await expect(options.rows()).toHaveCount(0);
  await expect(tagsIn(x.locator('body'))).toHaveCount(0);
});

test('the tag follows recycled cells, tweets that load later and in-page navigation', async ({ context, options, xPages }) => {
  await options.addPartner({ handle: 'minesnantes', name: 'IMT Atlantique', category: 'academic' });
  await expect(options.rows()).toHaveCount(1);
  xPages.set('/home', timelinePage([{ handle: 'minesnantes', id: '3001' }, { handle: 'other', id: '3002' }]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await expect(tagsIn(article(x, '3001'))).toHaveCount(1);

  // X recycles the first cell for another tweet, and the second one for a partner's.
  await x.evaluate(
    ([a, b]) => {
      const cells = document.querySelectorAll('[data-testid="cellInnerDiv"] > div > div');
      cells[0]!.innerHTML = a!;
      cells[1]!.innerHTML = b!;
    },
    [tweetHtml({ handle: 'stranger', id: '3003' }), tweetHtml({ handle: 'MinesNantes', id: '3004', markup: '2025' })],
  );
  await expect(tagsIn(article(x, '3003'))).toHaveCount(0);
  await expect(tagsIn(article(x, '3004'))).toHaveCount(1);

  // Tweets that load later.
  await x.evaluate((html) => document.querySelector('.timeline')!.insertAdjacentHTML('beforeend', html), cellHtml({ handle: 'minesnantes', id: '3005' }, 3));
  await expect(tagsIn(article(x, '3005'))).toHaveCount(1);

  // In-page navigation to the profile (pushState, X replaces the column), then back.
  await x.evaluate((html) => {
    history.pushState({}, '', '/MinesNantes');
    document.querySelector('.timeline')!.innerHTML = html;
  }, profileHeaderHtml({ handle: 'MinesNantes', name: 'IMT Atlantique' }) + cellHtml({ handle: 'minesnantes', id: '3006' }, 0));
  await expect(tagsIn(x.getByTestId('UserName'))).toHaveCount(1);
  await expect(tagsIn(article(x, '3006'))).toHaveCount(1);

  // Another profile, reusing the same header node: no stale tag.
  await x.evaluate(() => {
    history.pushState({}, '', '/stranger');
    const span = Array.from(document.querySelectorAll('[data-testid="UserName"] span')).find((s) => s.textContent === '@MinesNantes')!;
    span.textContent = '@stranger';
  });
  await expect(tagsIn(x.getByTestId('UserName'))).toHaveCount(0);

  await x.evaluate((html) => {
    history.back();
    document.querySelector('.timeline')!.innerHTML = html;
  }, cellHtml({ handle: 'minesnantes', id: '3007' }, 0) + cellHtml({ handle: 'other', id: '3008' }, 1));
  await expect(tagsIn(article(x, '3007'))).toHaveCount(1);
  await expect(tagsIn(article(x, '3008'))).toHaveCount(0);
});

test('a partner CSV with a bad row shows the errors and stores nothing', async ({ options }) => {
  const page = options.page;
  const bad = '\uFEFFhandle;name;category;tags;note\r\nUnivNantes;Nantes Université;Université;région;\r\nbad handle!;Oops;academic;;\r\nJACS_Au;JACS Au;boulangerie;;\r\n';
  await options.importCsv('partenaires.csv', bad);
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('partenaires.csv: errors in 2 rows. Nothing has been stored.');
  await expect(errors).toContainText('Row 3, Handle: A handle is 1 to 15 letters');
  await expect(errors).toContainText('(value: “bad handle!”)');
  await expect(errors).toContainText('Row 4, Category: Unknown category');
  await expect(page.getByText('No partner yet.')).toBeVisible();
  await expect(page.getByTestId('partner-count')).toHaveText('Showing 0 of 0 partners');

  await errors.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('status')).toHaveText('Import cancelled. Nothing was stored.');
  await expect(page.getByTestId('partner-count')).toHaveText('Showing 0 of 0 partners');

  // The same file, choosing to import the valid rows.
  await options.importCsv('partenaires.csv', bad);
  await page.getByRole('button', { name: 'Import only the valid rows (1)' }).click();
  await expect(page.getByTestId('status')).toHaveText('Import done: 1 added, 0 updated, 0 unchanged.');
  await expect(options.row('univnantes')).toContainText('Nantes Université');
  await expect(page.getByTestId('partner-count')).toHaveText('Showing 1 of 1 partner');

  // A good file updates, adds and leaves alone.
  await options.importCsv(
    'partners.csv',
    'handle,name,category,tags,note\nunivnantes,Nantes Université,academic,région,\nOuestFrance,Ouest-France,press,,"=cmd|\' /C calc\'!A0"\n',
  );
  await expect(page.getByTestId('status')).toHaveText('Import done: 1 added, 0 updated, 1 unchanged.');
  await expect(options.rows()).toHaveCount(2);

  // Search and filter.
  await page.getByLabel('Search partners').fill('ouest');
  await expect(options.rows()).toHaveCount(1);
  await expect(page.getByTestId('partner-count')).toHaveText('Showing 1 of 2 partners');
  await page.getByLabel('Search partners').fill('');
  await page.getByRole('combobox', { name: 'Category', exact: true }).last().selectOption('academic');
  await expect(options.rows()).toHaveCount(1);
  await expect(options.row('univnantes')).toBeVisible();

  // The export is escaped for spreadsheets.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the partners as CSV' }).click()]);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(text.startsWith('\uFEFFhandle,name,category,tags,note\r\n')).toBe(true);
  expect(text).toContain(`\r\nouestfrance,Ouest-France,media,,'=cmd|' /C calc'!A0\r\n`);
  expect(download.suggestedFilename()).toMatch(/^veille-partners-\d{4}-\d{2}-\d{2}\.csv$/);
});

test('a partner list saved by French Excel (Windows-1252) keeps its accents; a list of names only leaves the rest alone', async ({ options }) => {
  const page = options.page;
  const excel = 'Compte;Nom;Catégorie;Étiquettes;Note\r\nUnivRennes;Université de Rennes;Université;région;Partenaire privilégié\r\nOuestFrance;Ouest-France;Médias;presse régionale;\r\n';
  await options.importCsv('partenaires.csv', Buffer.from(excel, 'latin1'));
  await expect(page.getByTestId('status')).toHaveText('Import done: 2 added, 0 updated, 0 unchanged. (read as Windows-1252)');
  await expect(options.row('univrennes')).toContainText('Université de Rennes');
  await expect(options.row('univrennes')).toContainText('région');
  await expect(options.row('univrennes')).toContainText('Partenaire privilégié');
  await expect(options.row('ouestfrance')).toContainText('presse régionale');
  // A colleague's list of accounts and names only (two columns, from a French spreadsheet too): the
  // names change, the rest stays as it was.
  await options.importCsv('comptes.csv', 'Compte Twitter;Organisation\r\nhttps://x.com/UnivRennes;Univ. Rennes\r\n');
  await expect(page.getByTestId('status')).toHaveText('Import done: 0 added, 1 updated, 0 unchanged.');
  await expect(options.row('univrennes')).toContainText('Univ. Rennes');
  await expect(options.row('univrennes')).toContainText('Academic');
  await expect(options.row('univrennes')).toContainText('région');
  await expect(options.row('univrennes')).toContainText('Partenaire privilégié');
  // Saved as an Excel workbook rather than as CSV: said so, nothing changed.
  await options.importCsv('partenaires.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
  await expect(page.getByRole('alert')).toHaveText(/^partenaires\.xlsx: This is a spreadsheet’s workbook \(Excel, LibreOffice, Numbers\), not a CSV file/);
  await expect(options.rows()).toHaveCount(2);
  // Another file that is no text (an image chosen by mistake): said so, not read as columns of noise.
  await options.importCsv('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
  await expect(page.getByRole('alert')).toHaveText('logo.png: This is not a text file (it may be an image, a PDF or an archive): Veille reads CSV files, as X exports them.');
  await expect(options.rows()).toHaveCount(2);
  // An empty file (a blank line and a byte order mark): said so.
  await options.importCsv('vide.csv', '\uFEFF\r\n');
  await expect(page.getByRole('alert')).toHaveText('vide.csv: The file holds no partner.');
  await expect(options.rows()).toHaveCount(2);
});

test('the options form refuses a bad handle with a clear message', async ({ options }) => {
  await options.addPartner({ handle: 'not valid!', category: 'industry' });
  await expect(options.form().getByRole('alert')).toHaveText('A handle is 1 to 15 letters, digits or “_”, with or without “@”, or a profile’s address on x.com.');
  await expect(options.form().getByLabel('Handle')).toHaveAttribute('aria-invalid', 'true');
  await expect(options.page.getByText('No partner yet.')).toBeVisible();
  await options.addPartner({ handle: 'Valid_One', category: 'industry' });
  await expect(options.page.getByTestId('status')).toHaveText('Saved @valid_one.');
  await options.addPartner({ handle: '@valid_one', category: 'media' });
  await expect(options.form().getByRole('alert')).toHaveText('This handle is already a partner: edit that partner instead.');
  await expect(options.rows()).toHaveCount(1);
  // A profile's address, pasted from the browser, is its handle.
  await options.addPartner({ handle: 'https://x.com/UnivRennes?lang=fr', category: 'academic' });
  await expect(options.page.getByTestId('status')).toHaveText('Saved @univrennes.');
  await expect(options.rows()).toHaveCount(2);
});

test('hundreds of partners: the list shows a page of them, then more on request', async ({ options }) => {
  const page = options.page;
  const rows = Array.from({ length: 230 }, (_, i) => `lab${String(i).padStart(3, '0')},Lab ${i},academic,${i % 2 ? 'bio' : 'chem'},`);
  await options.importCsv('partners.csv', `handle,name,category,tags,note\n${rows.join('\n')}\n`);
  await expect(page.getByTestId('status')).toHaveText('Import done: 230 added, 0 updated, 0 unchanged.');
  await expect(page.getByTestId('partner-count')).toHaveText('Showing 230 of 230 partners');
  await expect(options.rows()).toHaveCount(100);
  const more = page.getByRole('button', { name: 'Show more (130 not shown)' });
  await more.click();
  await expect(options.rows()).toHaveCount(200);
  await page.getByRole('button', { name: 'Show more (30 not shown)' }).click();
  await expect(options.rows()).toHaveCount(230);
  await expect(page.getByRole('button', { name: /^Show more/ })).toHaveCount(0);
  // A search starts again from the first page of what it finds.
  await page.getByLabel('Search partners').fill('bio');
  await expect(page.getByTestId('partner-count')).toHaveText('Showing 115 of 230 partners');
  await expect(options.rows()).toHaveCount(100);
  await expect(page.getByRole('button', { name: 'Show more (15 not shown)' })).toBeVisible();
  await page.getByLabel('Search partners').fill('lab229');
  await expect(options.rows()).toHaveCount(1);
  await expect(options.row('lab229')).toContainText('Lab 229');
});

test('the first steps tick themselves as the CM takes them, and stay hidden once hidden', async ({ options, extensionId }) => {
  const page = options.page;
  const steps = page.getByTestId('getting-started');
  await expect(steps.getByRole('heading')).toHaveText('Getting started');
  await expect(steps).toContainText('0 of 6 done.');
  await expect(steps.getByRole('listitem')).toHaveText([
    "○ Add the institute's partners: one by one, as a pasted list of handles, or from a CSV file",
    "○ Give the institution's own accounts the category Institution: the weekly report and the dashboard follow them",
    "○ Browse X: partners' tweets get their tag, and Veille keeps the figures it sees, in this browser only",
    '○ List the places your daily veille goes through (X searches and hashtags, lists, accounts, journals): the popup ticks them off each day',
    '○ Import an X Analytics export for the impact dashboard',
    "○ Save a first backup of Veille's data",
  ]);
  await options.addPartner({ handle: 'UnivNantes', name: 'Nantes Université', category: 'academic' });
  await expect(steps).toContainText('1 of 6 done.');
  await expect(steps.getByRole('listitem').first()).toHaveText("✓ Add the institute's partners: one by one, as a pasted list of handles, or from a CSV file (done)");
  await options.addPartner({ handle: 'Inria', name: 'Inria', category: 'institution' });
  await expect(steps).toContainText('2 of 6 done.');
  // The round's step leads to the round, and is ticked once it has a place.
  await steps.getByRole('link', { name: /^List the places your daily veille goes through/ }).click();
  await expect(page).toHaveURL(/#veille-round$/);
  const round = page.getByTestId('round-editor').getByRole('form', { name: 'Add to the round' });
  await round.getByLabel('Address').fill('https://x.com/search?q=%23chimie');
  await round.getByRole('button', { name: 'Add to the round' }).click();
  await expect(steps).toContainText('3 of 6 done.');
  // Each step's link leads where it is done.
  await steps.getByRole('link', { name: 'Import an X Analytics export for the impact dashboard' }).click();
  await expect(page).toHaveURL(/#analytics$/);
  await steps.getByRole('button', { name: 'Hide these steps' }).click();
  await expect(steps).toHaveCount(0);
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { name: 'Add a partner' })).toBeVisible();
  await expect(steps).toHaveCount(0);
});

test('the partner list says when each partner was last seen on X, and orders them by it', async ({ context, options, xPages }) => {
  const page = options.page;
  await options.addPartner({ handle: 'UnivNantes', name: 'Nantes Université', category: 'academic' });
  await options.addPartner({ handle: 'CNRS', name: 'CNRS', category: 'public_authority' });
  await options.addPartner({ handle: 'Inserm', name: 'Inserm', category: 'public_authority' });
  await expect(options.rows()).toHaveCount(3);
  const seen = (handle: string) => options.row(handle).locator('td.last-seen');
  await expect(seen('cnrs')).toHaveText('not yet');
  // Inserm's tweet seen on X; Nantes' profile seen 3 days ago (a snapshot of then).
  await putRecords(page, 'profileSnapshots', [{ handle: 'univnantes', day: '2026-01-01', capturedAt: noonDaysAgo(3), followers: 100, following: 1, posts: 1 }]);
  xPages.set('/home', timelinePage([{ handle: 'Inserm', name: 'Inserm', id: '7001' }]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await expect(x.locator('article [data-veille-tag]')).toHaveCount(1);
  await expect.poll(async () => (await allRecords(page, 'tweetMetrics')).length).toBe(1);
  await page.reload();
  await expect(seen('inserm')).toHaveText('today');
  await expect(seen('univnantes')).toHaveText('3 days ago');
  // Its title gives the moment, to the minute.
  await expect(seen('univnantes')).toHaveAttribute('title', /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M$/);
  await expect(seen('cnrs')).toHaveText('not yet');
  // By name, then those not seen for longest first.
  await expect(options.rows().locator('strong')).toHaveText(['CNRS', 'Inserm', 'Nantes Université']);
  await page.getByLabel('Order').selectOption({ label: 'Not seen for longest first' });
  await expect(options.rows().locator('strong')).toHaveText(['CNRS', 'Nantes Université', 'Inserm']);
  // A CNRS tweet seen only quoted in another account's: the CNRS was seen too.
  xPages.set('/home', timelinePage([{ handle: 'someone', id: '7002', quote: { handle: 'CNRS', name: 'CNRS' } }]));
  await x.reload();
  await expect(x.locator('article [data-veille-tag]')).toHaveCount(1);
  await expect(seen('cnrs')).toHaveText('today');
  await expect(options.rows().locator('strong')).toHaveText(['Nantes Université', 'Inserm', 'CNRS']);
});

test("a partner's handle changed in the form as the account renamed itself on X: its history follows; a handle corrected moves nothing", async ({ options }) => {
  const page = options.page;
  await options.addPartner({ handle: 'univ_nantes', name: 'Nantes Université', category: 'academic' });
  const now = Date.now();
  const earlier = now - 10 * DAY_MS;
  await putRecords(page, 'profileSnapshots', [
    { handle: 'univ_nantes', day: localDayOf(earlier), capturedAt: earlier, followers: 5_000, following: 1, posts: 1 },
    { handle: 'univ_nantes', day: localDayOf(now), capturedAt: now, followers: 5_100, following: 1, posts: 1 },
  ]);
  await options.row('univ_nantes').getByRole('button', { name: 'Edit @univ_nantes' }).click();
  const form = options.form();
  const renamed = form.getByRole('checkbox', { name: /^@univ_nantes renamed itself @univnantes on X/ });
  // Asked once the handle is another valid one, not before; unticked unless the CM ticks it.
  await expect(form.getByTestId('partner-renamed')).toHaveCount(0);
  await form.getByRole('textbox', { name: /^Handle/ }).fill('@univ_nant');
  await expect(form.getByTestId('partner-renamed')).toContainText('@univ_nantes renamed itself @univ_nant on X');
  await form.getByRole('textbox', { name: /^Handle/ }).fill('@UnivNantes');
  await expect(renamed).not.toBeChecked();
  await renamed.check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved @univnantes' })).toHaveText('Saved @univnantes: what Veille held of @univ_nantes is under @univnantes now.');
  await options.row('univnantes').getByRole('button', { name: 'Details @univnantes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nantes Université' });
  await expect(dialog.getByTestId('pd-former')).toContainText('@univ_nantes');
  await expect(dialog.getByTestId('pd-followers')).toHaveText(`5,100 followers at the last visit of their profile, ${dateText(now, 'en')} · +100 since the first visit, ${dateText(earlier, 'en')}`);
  await page.keyboard.press('Escape');
  // A handle typed wrong, corrected without ticking: nothing moves, no former handle.
  await options.row('univnantes').getByRole('button', { name: 'Edit @univnantes' }).click();
  await form.getByRole('textbox', { name: /^Handle/ }).fill('nantesuniv');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(options.rows()).toHaveCount(1);
  await expect.poll(async () => (await allRecords<{ handle: string }>(page, 'profileSnapshots')).map((x) => x.handle)).toEqual(['univnantes', 'univnantes']);
  expect((await allRecords<{ formerHandles?: unknown[] }>(page, 'partners'))[0]?.formerHandles).toEqual([{ handle: 'univ_nantes', until: expect.any(Number) }]);
  // The team's list, made before the rename, names the partner by the handle it left: imported, it
  // updates the partner under its handle now, and says so, rather than add a second one.
  await options.importCsv('partenaires.csv', 'handle,tags\n@univ_nantes,chimie\n');
  await expect(page.getByTestId('status')).toHaveText(
    'Import done: 0 added, 1 updated, 0 unchanged. Rows naming a partner by a handle it has left updated it under its handle now: @univ_nantes → @nantesuniv.',
  );
  await expect(options.rows()).toHaveCount(1);
  await expect(options.row('nantesuniv')).toContainText('chimie');
  // A file naming the partner twice, by the handle it left and the one it has now, is stopped at
  // the second row, as a handle written twice is: imported, the later row would win unseen.
  await options.importCsv('partenaires.csv', 'handle,tags\nnantesuniv,région\n@Univ_Nantes,climat\n');
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('partenaires.csv: errors in 1 row. Nothing has been stored.');
  await expect(errors).toContainText('Row 3, Handle: This partner already appears in row 2 of the file: @univ_nantes is the handle @nantesuniv left. (value: “univ_nantes”)');
  await errors.getByRole('button', { name: 'Import only the valid rows (1)' }).click();
  await expect(page.getByTestId('status')).toHaveText('Import done: 0 added, 1 updated, 0 unchanged.');
  await expect(options.row('nantesuniv')).toContainText('région');
  // So does a pasted list of handles.
  await page.getByText('Add several accounts at once').click();
  await page.getByLabel('Accounts', { exact: true }).fill('@univ_nantes\n@CNRS');
  await page.getByRole('button', { name: 'Add them' }).click();
  await expect(page.getByTestId('status')).toHaveText('Added 1, already partners 1. Already partners under the handle they have now: @univ_nantes → @nantesuniv.');
  await expect(options.rows()).toHaveCount(2);
  // Typed in the form to add a partner, the handle left is said whose it was; saved, it is another account's.
  await form.getByRole('textbox', { name: /^Handle/ }).fill('@Univ_Nantes');
  await expect(form.getByTestId('partner-left-handle')).toHaveText(
    `@univ_nantes is the handle @nantesuniv left on ${dateText(now, 'en')}, when Veille followed its rename: to describe that partner, edit @nantesuniv. Saved, this adds the account that has @univ_nantes on X now.`,
  );
  await form.getByRole('textbox', { name: /^Handle/ }).fill('@univ_nante');
  await expect(form.getByTestId('partner-left-handle')).toHaveCount(0);
  await form.getByRole('textbox', { name: /^Handle/ }).fill('@univ_nantes');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(options.rows()).toHaveCount(3);
  await expect(form.getByTestId('partner-left-handle')).toHaveCount(0);
});

test("a partner's details: followers at each visit, tweets seen on X, topics saved from them, the institution's mentions", async ({ context, options, xPages }) => {
  const page = options.page;
  await options.addPartner({ handle: 'CNRS', name: 'CNRS', category: 'public_authority', tags: 'recherche', note: 'Contact : service presse' });
  await expect(options.rows()).toHaveCount(1);
  const now = Date.now();
  const earlier = now - 10 * DAY_MS;
  await putRecords(page, 'profileSnapshots', [{ handle: 'cnrs', day: localDayOf(earlier), capturedAt: earlier, followers: 20_000, following: 1, posts: 1 }]);
  const [older, newer] = [snowflakeAt(now - 7_200_000), snowflakeAt(now - 3_600_000)];
  xPages.set(
    '/CNRS',
    profilePage({ handle: 'CNRS', name: 'CNRS', followers: '20,345' }, [
      { handle: 'CNRS', name: 'CNRS', id: newer, text: 'Médaille d’or', counts: { replies: 4, reposts: 20, likes: 300, views: 9000 } },
      { handle: 'CNRS', name: 'CNRS', id: older, text: 'Appel à projets', counts: { replies: 1, reposts: 2, likes: 30, views: 1500 } },
    ]),
  );
  const x = await context.newPage();
  await x.goto('https://x.com/CNRS');
  const tweet = x.locator('article').first();
  await tweet.hover();
  await tweet.locator('[data-veille="save"]').getByRole('button', { name: 'Save topic' }).click();
  await expect(tweet.locator('[data-veille="save"] [role="status"]')).toHaveText('Saved as a new topic.');
  await expect.poll(async () => (await allRecords(page, 'tweetMetrics')).length).toBe(2);
  // The institution's tweet that mentions them, from an export.
  await putRecords(page, 'tweetMetrics', [{ tweetId: '1900000000000000000', capturedAt: now, source: 'analytics', authorHandle: 'inria', postedAt: now - 5 * DAY_MS, mentions: ['cnrs'], impressions: 1000 }]);
  await page.reload();

  const open = options.row('cnrs').getByRole('button', { name: 'Details @cnrs' });
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'CNRS' });
  await expect(dialog).toContainText('Contact : service presse');
  await expect(dialog.getByTestId('pd-last-seen')).toHaveText('Last seen on X: today');
  await expect(dialog.getByTestId('pd-followers')).toHaveText(`20,345 followers at the last visit of their profile, ${dateText(now, 'en')} · +345 since the first visit, ${dateText(earlier, 'en')}`);
  await expect(dialog.getByRole('img', { name: `Followers at each visit, from 20,000 on ${dateText(earlier, 'en')} to 20,345 on ${dateText(now, 'en')}` })).toBeVisible();
  const tweets = dialog.getByTestId('pd-tweets');
  await expect(tweets.locator('p')).toHaveText('2 tweets · 10,500 views · 330 likes · 22 reposts · 5 replies');
  const days = tweets.getByRole('link', { name: /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/ });
  await expect(days).toHaveCount(2);
  expect(await days.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([`https://x.com/cnrs/status/${newer}`, `https://x.com/cnrs/status/${older}`]);
  await expect(tweets.locator('li').first()).toContainText('9,000 views · 300 likes');
  // Each relayed in one click.
  await expect(tweets.getByRole('link', { name: `Repost on X the tweet by CNRS of ${dateText(postedAtOf(newer)!, 'en', 'minute')}` })).toHaveAttribute('href', `https://x.com/intent/retweet?tweet_id=${newer}`);
  await expect(dialog.getByTestId('pd-topics')).toContainText(`Médaille d’or ${dateText(now, 'en')} · New`);
  await expect(dialog.getByTestId('pd-mentions')).toHaveText(`The institution's tweets that mention them1 tweet of the analytics imported. The latest: ${dateText(now - 5 * DAY_MS, 'en')}`);
  await expect(dialog.getByTestId('pd-mentions').getByRole('link')).toHaveAttribute('href', 'https://x.com/inria/status/1900000000000000000');
  // Escape closes it and gives the focus back; "Edit" opens the partner's form.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();
  await open.click();
  await dialog.getByRole('button', { name: 'Edit' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByLabel('Handle')).toHaveValue('cnrs');
});

test('several partners changed at once from the list: category, tag, delete; refused whole where one cannot take it', async ({ context, options, xPages }) => {
  const page = options.page;
  await options.addPartner({ handle: 'Lab_A', name: 'Lab A', category: 'other', tags: 'chimie' });
  await options.addPartner({ handle: 'Lab_B', name: 'Lab B', category: 'other' });
  await options.addPartner({ handle: 'Journal_C', name: 'Journal C', category: 'journal' });
  await expect(options.rows()).toHaveCount(3);
  xPages.set('/home', timelinePage([{ handle: 'Lab_A', name: 'Lab A', id: '8001' }, { handle: 'Lab_B', name: 'Lab B', id: '8002' }]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await expect(tagsIn(x.locator('article'))).toHaveCount(2);

  // The two labs, by their boxes; the bar says how many.
  await page.getByRole('checkbox', { name: 'Select @lab_a' }).check();
  await page.getByRole('checkbox', { name: 'Select @lab_b' }).check();
  const bar = page.getByTestId('bulk-bar');
  await expect(bar).toContainText('2 partners selected');
  await bar.getByLabel('Category for the selected').selectOption('academic');
  await bar.getByRole('button', { name: 'Set the category' }).click();
  await expect(page.getByTestId('status')).toHaveText('2 partners changed.');
  await expect(bar).toHaveCount(0);
  await expect(options.row('lab_a').locator('.badge')).toHaveText('Academic');
  await expect(options.row('journal_c').locator('.badge')).toHaveText('Journal');
  // The X tab already open follows.
  await expect.poll(async () => Promise.all((await tagsIn(x.locator('article')).all()).map((t) => tagText(t)))).toEqual(['Academic', 'Academic']);

  // All those shown: a tag too long is refused for all, with the partners named, and nothing changes.
  await page.getByRole('checkbox', { name: 'Select the 3 partners shown' }).check();
  await bar.getByLabel('Tag').fill('x'.repeat(41));
  await bar.getByRole('button', { name: 'Add the tag' }).click();
  const refused = page.getByTestId('bulk-refused');
  await expect(refused).toContainText('Nothing was changed:');
  await expect(refused.locator('li')).toHaveText(['@journal_c: A tag is longer than 40 characters.', '@lab_a: A tag is longer than 40 characters.', '@lab_b: A tag is longer than 40 characters.']);
  await expect(bar).toContainText('3 partners selected');
  await bar.getByLabel('Tag').fill('région');
  await bar.getByRole('button', { name: 'Add the tag' }).click();
  await expect(page.getByTestId('status')).toHaveText('3 partners changed.');
  await expect(refused).toHaveCount(0);
  await expect(options.row('lab_a')).toContainText('chimierégion');
  await expect(options.row('journal_c')).toContainText('région');

  // A new search clears the selection: nothing out of sight is changed.
  await page.getByRole('checkbox', { name: 'Select @lab_a' }).check();
  await page.getByLabel('Search partners').fill('journal');
  await expect(bar).toHaveCount(0);
  await page.getByLabel('Search partners').fill('');
  await expect(page.getByRole('checkbox', { name: 'Select @lab_a' })).not.toBeChecked();
  // Deleted after a confirmation.
  await page.getByRole('checkbox', { name: 'Select @lab_b' }).check();
  await page.getByRole('checkbox', { name: 'Select @journal_c' }).check();
  page.once('dialog', (d) => void d.accept());
  await bar.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('status')).toHaveText('2 partners deleted.');
  await expect(options.rows()).toHaveCount(1);
  await expect.poll(async () => tagsIn(x.locator('article')).count()).toBe(1);
});

test('several accounts pasted at once become partners of the category chosen; a word that is no account stops it', async ({ options }) => {
  const page = options.page;
  await options.addPartner({ handle: 'CNRS', name: 'CNRS', category: 'public_authority', note: 'Notre tutelle' });
  await expect(options.rows()).toHaveCount(1);
  await page.getByText('Add several accounts at once').click();
  const accounts = page.getByLabel('Accounts', { exact: true });
  await expect(accounts).toHaveAccessibleDescription(/^Handles or profile addresses, one per line/);
  await accounts.fill('@UnivNantes\nhttps://x.com/Inserm, cnrs\nle-labo équipe');
  await page.locator('.paste-handles').getByLabel('Category').selectOption('academic');
  await page.getByRole('button', { name: 'Add them' }).click();
  await expect(page.locator('.paste-handles [role="alert"]')).toHaveText('Not accounts: le-labo, équipe. Correct or remove them; nothing was added.');
  await expect(options.rows()).toHaveCount(1);
  await accounts.fill('@UnivNantes\nhttps://x.com/Inserm, cnrs');
  await page.getByRole('button', { name: 'Add them' }).click();
  await expect(page.getByTestId('status')).toHaveText('Added 2, already partners 1.');
  await expect(accounts).toHaveValue('');
  await expect(options.rows()).toHaveCount(3);
  await expect(options.row('inserm').locator('.badge')).toHaveText('Academic');
  // The partner already there keeps what it had.
  await expect(options.row('cnrs')).toContainText('Notre tutelle');
  await expect(options.row('cnrs').locator('.badge')).toHaveText('Authority');
  // A team's list names its accounts: each line's name comes with its account; a spreadsheet's
  // rows, their name from the account's next column, the others left out.
  await accounts.fill('Sorbonne Université (@Sorbonne_Univ_)\nhttps://x.com/institutpasteur\tInstitut Pasteur\tfondation\nNantes Université (@UnivNantes)');
  await page.getByRole('button', { name: 'Add them' }).click();
  await expect(page.getByTestId('status')).toHaveText('Added 2, already partners 1.');
  await expect(options.row('sorbonne_univ_')).toContainText('Sorbonne Université');
  await expect(options.row('institutpasteur')).toContainText('Institut Pasteur');
  await expect(options.row('institutpasteur')).not.toContainText('fondation');
  await expect(options.rows()).toHaveCount(5);
});

test("the accounts an X page lists (a list's members) added as partners from the popup, all of one category", async ({ context, worker, extensionId, options, xPages }) => {
  await options.addPartner({ handle: 'UnivNantes', name: 'Nantes Université', category: 'academic' });
  await expect(options.row('univnantes')).toBeVisible();
  xPages.set('/i/lists/42/members', accountsPage([{ handle: 'UnivNantes', name: 'Nantes Université' }, { handle: 'JACS_Au', name: 'JACS Au' }, { handle: 'NatureChemistry', name: 'Nature Chemistry' }]));
  const x = await context.newPage();
  await x.goto('https://x.com/i/lists/42/members');
  await expect(x.locator('[data-testid=UserCell]')).toHaveCount(3);
  // The partner among them carries its tag, at the end of its name's row, as on its tweets.
  const cells = x.locator('[data-testid=UserCell]');
  const tagOf = (i: number) => cells.nth(i).locator('a:not([tabindex]) > div').evaluate((row) => getComputedStyle(row, '::after').content);
  await expect.poll(() => tagOf(0)).toBe('"Academic"');
  expect(await tagOf(1)).toBe('none');
  await x.bringToFront();
  const popup = await openPopup(context, worker, extensionId);
  const section = popup.getByRole('region', { name: 'Accounts on this page' });
  await expect(section).toContainText('Listed on this X page: 3 · not partners yet: 2');
  await section.getByLabel('Category').selectOption('journal');
  await section.getByRole('button', { name: 'Add them as partners' }).click();
  await expect(section.getByRole('status')).toHaveText('Added 2, already partners 1.');
  await expect(section).toContainText('Listed on this X page: 3 · not partners yet: 0');
  await expect(section.getByRole('button', { name: 'Add them as partners' })).toHaveCount(0);
  // The list's cells show the new partners' tags at once.
  await expect.poll(async () => [await tagOf(0), await tagOf(1), await tagOf(2)]).toEqual(['"Academic"', '"Journal"', '"Journal"']);
  // In the dashboard: the two journals, and the partner already there unchanged.
  // (Each with the name the list shows.)
  await expect.poll(async () => (await allRecords<{ handle: string; name: string; category: string }>(options.page, 'partners')).map((p) => `${p.handle}:${p.name}:${p.category}`).sort()).toEqual([
    'jacs_au:JACS Au:journal',
    'naturechemistry:Nature Chemistry:journal',
    'univnantes:Nantes Université:academic',
  ]);
  // One of them edited where it is listed: its cell focused (by keyboard) shows its tag as a button,
  // which opens the popover; the profile's address is not followed.
  await cells.nth(2).focus();
  const edit = cells.nth(2).getByRole('button', { name: 'Veille partner · Journal or publisher · Nature Chemistry. Edit in Veille' });
  await edit.focus();
  await x.keyboard.press('Enter');
  const dialog = x.getByRole('dialog', { name: /NatureChemistry/i });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Name')).toHaveValue('Nature Chemistry');
  await dialog.getByLabel('Category').selectOption('media');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => tagOf(2)).toBe('none');
  await expect(cells.nth(2).getByRole('button', { name: /^Veille partner · Media/ })).toBeVisible();
  expect(x.url()).toBe('https://x.com/i/lists/42/members');
  await expect.poll(async () => (await allRecords<{ handle: string; category: string }>(options.page, 'partners')).find((p) => p.handle === 'naturechemistry')?.category).toBe('media');
  // A profile, where X suggests accounts to follow among its tweets: X's suggestions, not a list
  // the CM made, so nothing is offered.
  xPages.set('/UnivNantes', xPage(profileHeaderHtml({ handle: 'UnivNantes', name: 'Nantes Université' }) + cellHtml({ handle: 'UnivNantes', id: '4002' }, 0) + userCellHtml({ handle: 'Suggested' }, 1)));
  await x.goto('https://x.com/UnivNantes');
  await expect(x.locator('[data-testid=UserCell]')).toHaveCount(1);
  await x.bringToFront();
  const again = await openPopup(context, worker, extensionId);
  await expect(again.getByTestId('quick-save')).toBeVisible();
  await expect(again.getByRole('region', { name: 'Accounts on this page' })).toHaveCount(0);
});
