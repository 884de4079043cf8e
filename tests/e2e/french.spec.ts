import { LEGACY_FR, PREMIUM_FR } from '../fixtures/analytics';
import { profilePage, timelinePage } from '../fixtures/x-dom';
import { DAY_MS, dateText, weekStart } from '../../lib/time';
import { snowflakeAt } from '../../lib/x/tweet-id';
import { allRecords, expect, pasteInto, putRecords, showReportMarkdown, showsWhole, tagsIn, tagText, test } from './fixtures';

test.use({ lang: 'fr' });

test('in a French browser, the options page and the tags on X speak French', async ({ context, extensionId: id, xPages }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  await expect(options.getByRole('heading', { name: 'Ajouter un partenaire' })).toBeVisible();
  await options.getByTestId('partner-form').getByLabel('Identifiant').fill('@ChimieCNRS');
  // The category's longest name fits its field, whole (at the page's usual width).
  const category = options.getByTestId('partner-form').getByLabel('Catégorie');
  await category.selectOption('academic');
  await expect(category.locator('option:checked')).toHaveText('Académique (laboratoire ou université)');
  expect(await showsWhole(category)).toBe(true);
  await category.selectOption('institution');
  await options.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(options.getByTestId('status')).toHaveText('@chimiecnrs enregistré.');
  // The partner list exported for a French spreadsheet: ";" between its columns.
  const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Exporter les partenaires en CSV' }).click()]);
  const csv = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  expect(csv).toBe('\uFEFFhandle;name;category;tags;note\r\nchimiecnrs;;institution;;\r\n');
  // The weekly report's table too, in French words.
  const [report] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Exporter le rapport en CSV' }).click()]);
  const table = Buffer.concat(await (await report.createReadStream()).toArray()).toString('utf8').split('\r\n');
  expect(table[0]).toBe('\uFEFFPartie;Statut;Titre;Adresse;Source;Média;Étiquettes;Note;Jour;Minutes');
  expect(table[1]).toMatch(/^Veille;;;;;;;;\d{4}-\d{2}-\d{2};(\d+)?$/);
  // The shortcuts as French writes them (Maj, not Shift), read from the browser.
  await expect(options.locator('.empty', { hasText: 'Aucun sujet' })).toHaveText(
    'Aucun sujet pour l’instant. Gardez-en un depuis la fenêtre de l’extension, un tweet, le menu contextuel ou Alt+Maj+S.',
  );
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html`);
  await expect(popup.getByText('Raccourci : Alt+Maj+V')).toBeVisible();
  // A count as French writes it: 0 is singular.
  await expect(popup.getByTestId('veille-streak')).toHaveText('Série : 0 jour à l’objectif');
  // The pages' own type sizes, not the 75 % Chrome gives an extension page's body (10.5 px).
  expect(await popup.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('13px');
  expect(await options.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('14px');
  expect(await options.evaluate(() => getComputedStyle(document.querySelector('.top nav a')!).fontFamily)).toMatch(/^-apple-system/);
  await popup.close();

  // A snapshot stored a day ago: the tweet gets its strip, in X's French words.
  await putRecords(options, 'tweetMetrics', [
    { tweetId: '1', capturedAt: Date.now() - 86_400_000, source: 'page', authorHandle: 'chimiecnrs', replies: 1, reposts: 10, likes: 1700, views: 9000000 },
  ]);
  xPages.set('/home', timelinePage([{ handle: 'ChimieCNRS', id: '1' }]));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  const tag = tagsIn(x.locator('article'));
  await expect(tag).toHaveCount(1);
  expect(await tagText(tag)).toBe('Institution');
  await x.locator('article').hover();
  await expect(tag.getByRole('button')).toHaveText('Institution');
  await expect(tag.getByRole('button')).toHaveAttribute('title', 'Partenaire Veille · Institution (nos propres comptes) · @chimiecnrs');
  // X says "republications" in French (reposts in English), and writes thousands apart.
  const strip = x.locator('article [data-veille="strip"]');
  await expect(strip).toContainText(/1\s776 J’aime · 12 republications · 3 réponses · 0 signet · 9\s281\s975 vues/);
  await expect(strip.locator('[data-part="change"]')).toContainText(/^\+76 J’aime, \+2 republications, \+2 réponses depuis le /);

  // The weekly report on the institution's accounts as seen on X, and the backup reminder, in French.
  await options.reload();
  await showReportMarkdown(options);
  await expect(options.getByTestId('report-preview')).toContainText(
    '## Les comptes de l’institution sur X (vus pendant la navigation)\n\n_Aucun de leurs tweets de la semaine n’a encore été vu sur X : parcourez leurs profils sur X pour en relever les chiffres._\n\n- Profil non visité cette semaine : [@chimiecnrs](https://x.com/chimiecnrs)\n',
  );
  const reminder = options.getByLabel('Me rappeler de sauvegarder');
  await expect(reminder).toHaveValue('30');
  await expect(reminder.locator('option:checked')).toHaveText('chaque mois');

  // The partner's details, in French: their tweet seen on X today (an old one), no profile visit.
  await expect.poll(async () => (await allRecords(options, 'tweetMetrics')).length).toBe(2);
  await options.getByRole('button', { name: 'Fiche @chimiecnrs' }).click();
  const fiche = options.getByRole('dialog', { name: '@chimiecnrs' });
  await expect(fiche.getByTestId('pd-last-seen')).toHaveText('Vu sur X : aujourd’hui');
  await expect(fiche).toContainText('Leur profil n’a pas encore été visité : ouvrez-le sur X et Veille garde leurs abonnés, une fois par jour.');
  await expect(fiche.getByTestId('pd-tweets')).toContainText('Aucun de leurs tweets des 30 derniers jours n’a été vu sur X.');
  await expect(fiche.getByTestId('pd-mentions')).toContainText('Importez les exports X Analytics de l’institution (Statistiques)');
  await fiche.getByRole('button', { name: 'Fermer' }).click();
  await expect(fiche).toHaveCount(0);
});

test("in a French browser, the board's tidying, the partners to relay, the meeting and the report's partner tweets speak French", async ({ context, extensionId: id }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html#topics`);
  const now = Date.now();
  await putRecords(options, 'partners', [{ id: 'p1', handle: 'cnrs', name: 'CNRS', category: 'public_authority', tags: [], note: '', createdAt: now, updatedAt: now }]);
  const posted = Math.max(weekStart(now), now - 3_600_000);
  await putRecords(options, 'tweetMetrics', [{ tweetId: snowflakeAt(posted), capturedAt: now, source: 'page', authorHandle: 'cnrs', views: 12_400, likes: 340, reposts: 2, replies: 1 }]);
  const old = now - 40 * 86_400_000;
  await putRecords(options, 'topics', [{ id: 't1', title: 'Vieille idée', status: 'new', note: '', tags: [], hashtags: [], createdAt: old, updatedAt: old }]);
  await options.reload();

  // The board: tidying, and the partners' tweets to relay.
  await expect(options.locator('.column[data-status="new"]').getByRole('button', { name: 'Abandonner 1 carte inchangée depuis 30 jours' })).toBeVisible();
  const relay = options.getByTestId('relay');
  await expect(relay.getByRole('heading')).toHaveText(/^Les partenaires sur X\u00a0: à relayer/);
  await expect(relay.locator('li')).toHaveText(/^Autorité CNRS \d{1,2} [a-zéû]+\.? \d{4} 12\s400 vues · 340 J’aime CiterRepublier$/);

  // The report's partner tweets, in French words and numbers.
  await showReportMarkdown(options);
  await expect(options.getByTestId('report-preview')).toContainText(
    '## Les partenaires sur X (vus pendant la navigation)\n\n1 tweet de partenaire de la semaine vu sur X\u00a0: 12\u202f400 vues, 340 J’aime, 2 republications, 1 réponse (derniers chiffres vus). Par 1 partenaire, sur 1 (hors comptes de l’institution).',
  );
  // The meeting's day, in French; the report and its settings say when it is.
  await expect(options.getByTestId('next-meeting')).toHaveText('Indiquez le jour de votre réunion hebdo dans les Réglages : Veille vous dira quand son rapport est prêt.');
  const day = options.getByLabel('Réunion hebdo : annoncer le rapport le');
  await expect(day.locator('option')).toHaveText(['aucun jour (désactivé)', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']);
  await day.selectOption({ label: 'lundi' });
  // (French typography: a space that does not break before the colon.)
  await expect(options.getByTestId('next-meeting')).toHaveText(/^Prochaine réunion\u00a0: lundi \d{1,2} \S+ à 09:00\.$/);
});

test("in a French browser, the veille's round, its day in the report and the switches of the overlays speak French", async ({ context, extensionId: id }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html#veille`);
  const editor = options.getByTestId('round-editor');
  await expect(editor.getByRole('heading', { name: 'La tournée de veille' })).toBeVisible();
  const form = editor.getByRole('form', { name: 'Ajouter à la tournée' });
  await form.getByLabel('Adresse').fill('chimie');
  await form.getByRole('button', { name: 'Ajouter à la tournée' }).click();
  await expect(form.getByRole('alert')).toHaveText('Saisissez l’adresse d’une page web (https://…).');
  await form.getByLabel('Adresse').fill('https://x.com/search?q=%23chimie&f=live');
  await form.getByRole('button', { name: 'Ajouter à la tournée' }).click();
  await expect(editor.getByTestId('round-count')).toHaveText('0 sur 1 consulté');
  await expect(editor.getByRole('button', { name: 'Monter « #chimie »' })).toBeDisabled();
  // Its one address copied: said in the singular.
  await editor.getByText('Ajouter plusieurs endroits d’un coup').click();
  const paste = editor.locator('.paste-places');
  await paste.getByRole('button', { name: 'Copier les adresses de la tournée' }).click();
  await expect(paste.getByRole('status')).toHaveText('L’adresse de la tournée est dans le presse-papiers : collée ici dans un autre navigateur, elle fait la même tournée.');
  expect((await pasteInto(options)).text).toBe('https://x.com/search?q=%23chimie&f=live');

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html`);
  const round = popup.getByTestId('round');
  await expect(round.getByRole('heading', { name: /^Tournée du jour/ })).toBeVisible();
  await round.getByLabel('Consulté aujourd’hui : #chimie').check();
  await expect(round.getByTestId('round-count')).toHaveText('1 sur 1 consulté');
  await expect(editor.getByTestId('round-count')).toHaveText('1 sur 1 consulté');
  await popup.close();
  // A day of the round without the clock is a day of the history all the same.
  await expect(options.locator('.history-day').first().locator('h3')).toContainText('· 0 min · 1 endroit de la tournée consulté');

  // The report's veille: the round's column and its whole days, in French.
  await showReportMarkdown(options);
  const report = options.getByTestId('report-preview');
  await expect(report).toContainText('| Endroits de la tournée consultés |');
  await expect(report).toContainText('| 1 / 1 |');
  // (Out of its days gone by since its first place was added, today.)
  await expect(report).toContainText('Jours où la tournée a été faite en entier : 1 sur 1.');

  // The overlays' switches.
  const switches = options.getByRole('group', { name: 'Sur les pages de X, afficher' });
  await expect(switches.getByRole('checkbox')).toHaveCount(4);
  await switches.getByLabel('Le bandeau d’engagement sous les tweets').uncheck();
  await expect(options.getByText('Réglages enregistrés.')).toBeVisible();
  await expect.poll(async () => ((await allRecords<{ key: string; value: { hiddenOverlays?: string[] } }>(options, 'settings')).find((r) => r.key === 'settings')?.value.hiddenOverlays)).toEqual(['strip']);
});

test('in a French browser, one of a thing is written in the singular: a profile card, the dashboard', async ({ context, extensionId: id, xPages }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html#analytics`);
  const now = Date.now();
  const posted = now - 3 * DAY_MS;
  await putRecords(options, 'partners', [{ id: 'p1', handle: 'chimiecnrs', name: 'CNRS Chimie', category: 'academic', tags: [], note: '', createdAt: now, updatedAt: now }]);
  // One of the institute's tweets, from its analytics: 100 impressions, 1 engagement, and it mentions the partner.
  await putRecords(options, 'tweetMetrics', [
    { tweetId: snowflakeAt(posted), capturedAt: now, source: 'analytics', authorHandle: 'inria', postedAt: posted, mentions: ['chimiecnrs'], impressions: 100, engagements: 1, text: 'Avec @chimiecnrs' },
  ]);
  await options.reload();
  await expect(options.getByTestId('dash-totals')).toHaveText('1 tweet · 100 impressions · 1 engagement · taux d’engagement 1 %');
  await expect(options.locator('.dash-chart rect title')).toHaveText([`${dateText(posted, 'fr')} : 100 impressions, 1 engagement, taux d’engagement 1 %`]);

  // The partner's profile: 1 follower, and the one tweet of the institute that mentions them. A
  // tweet of theirs seen yesterday at noon: "hier".
  const yesterday = new Date();
  yesterday.setHours(12, 0, 0, 0);
  yesterday.setDate(yesterday.getDate() - 1);
  await putRecords(options, 'tweetMetrics', [{ tweetId: '5001', capturedAt: +yesterday, source: 'page', authorHandle: 'chimiecnrs', likes: 1, views: 10 }]);
  xPages.set('/ChimieCNRS', profilePage({ handle: 'ChimieCNRS', name: 'CNRS Chimie', followers: '1' }, []));
  const x = await context.newPage();
  await x.goto('https://x.com/ChimieCNRS');
  const card = x.locator('[data-veille="card"]');
  await expect(card.locator('[data-part="followers"]')).toHaveText('1 abonné');
  await expect(card.locator('[data-part="seen"]')).toHaveText('Vu pour la dernière fois hier');
  await expect(card.locator('[data-part="mentions"]')).toHaveText(`Mentionné dans 1 tweet de l’institut, le ${dateText(posted, 'fr')}.`);
  // Seen in their details: "1 abonné" at the last visit.
  await options.goto(`chrome-extension://${id}/options.html#partners`);
  await options.getByRole('button', { name: 'Fiche @chimiecnrs' }).click();
  await expect(options.getByRole('dialog').getByTestId('pd-followers')).toHaveText(new RegExp(`^1 abonné à la dernière visite de leur profil, le `));
  await options.keyboard.press('Escape');
  // A partner list imported: its counts as labels, whatever their number.
  await options.getByTestId('partner-csv-input').setInputFiles({ name: 'p.csv', mimeType: 'text/csv', buffer: Buffer.from('handle\nlabo_a\n', 'utf8') });
  await expect(options.getByTestId('status')).toHaveText('Import terminé — ajoutés : 1, mis à jour : 0, inchangés : 0.');
  // An export imported twice: its one tweet already there, said in the singular.
  await options.goto(`chrome-extension://${id}/options.html#analytics`);
  const input = options.getByTestId('analytics-input');
  for (const name of ['DataBzh_2016-02.csv', 'DataBzh_2016-02 (1).csv']) {
    await input.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${LEGACY_FR}`, 'utf8') });
    await expect(options.getByTestId('import-result')).toContainText(name);
  }
  await expect(options.getByTestId('import-result')).toHaveText(/Ajoutés 0, mis à jour 0, rejetés 0\. \(1 déjà présent, inchangé\.\)$/);
  // The current export as X writes it in French, read by its columns' order.
  await input.setInputFiles({ name: 'account_analytics_content_fr.csv', mimeType: 'text/csv', buffer: Buffer.from(PREMIUM_FR, 'utf8') });
  await expect(options.getByTestId('import-result')).toHaveText('account_analytics_content_fr.csv : export de contenu X Premium (français), 15 août 2026. Ajoutés 1, mis à jour 0, rejetés 0.');
  const stored = (await allRecords<{ tweetId: string; impressions?: number; reposts?: number; bookmarks?: number }>(options, 'tweetMetrics')).find((m) => m.tweetId === '2088707180694323466');
  expect(stored).toMatchObject({ impressions: 44, reposts: 5, bookmarks: 2 });
});

test('in a French browser, in a narrow window, the dashboard keeps its tables within the page ("· le meilleur" under its slot)', async ({ context, extensionId: id }) => {
  const options = await context.newPage();
  await options.setViewportSize({ width: 760, height: 900 });
  await options.goto(`chrome-extension://${id}/options.html#analytics`);
  // Six tweets on one weekday at 22:30 seen 1,000 times each, six the day before at 10:30 seen 100 times: a best day and a best slot.
  const at = (weeksAgo: number, dayBefore: boolean) => {
    const d = new Date();
    d.setDate(d.getDate() - 7 * weeksAgo - 2 - (dayBefore ? 1 : 0));
    d.setHours(dayBefore ? 10 : 22, 30, 0, 0);
    return +d;
  };
  const tweets = [1, 2, 3, 4, 5, 6].flatMap((w) =>
    [false, true].map((before) => {
      const postedAt = at(w, before);
      return { tweetId: snowflakeAt(postedAt), capturedAt: Date.now(), source: 'analytics', authorHandle: 'inria', postedAt, impressions: before ? 100 : 1000, engagements: 5, text: `Tweet ${w}` };
    }),
  );
  await putRecords(options, 'tweetMetrics', tweets);
  // And a partner with tags of one hyphenated word and a note holding an address.
  const now = Date.now();
  await putRecords(options, 'partners', [
    { id: 'p-ceisam', handle: 'ceisam_lab', name: 'Laboratoire de Chimie et Interdisciplinarité, Synthèse, Analyse, Modélisation', category: 'academic', tags: ['intelligence-artificielle', 'santé-environnement'], note: 'Presse : https://www.univ-nantes.fr/recherche/laboratoires/laboratoire-de-chimie-et-interdisciplinarite', createdAt: now, updatedAt: now },
  ]);
  await options.reload();
  await expect(options.locator('table.partners tbody tr')).toHaveCount(1);
  // The partners' table within its box: "Fiche", "Modifier" and "Supprimer" one under the other where needed.
  expect(await options.locator('.table-scroll').evaluate((box) => box.scrollWidth - box.clientWidth)).toBe(0);
  const timing = options.getByTestId('dash-timing');
  await expect(timing.locator('tbody tr.best')).toHaveCount(2);
  await expect(timing.locator('tbody tr.best th').last()).toHaveText('21:00–24:00 · le meilleur');
  for (const table of await timing.getByRole('table').all()) {
    const box = (await table.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(760);
  }
  expect(await options.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(760);
  // At 320 px (WCAG 2.1's reflow, a window zoomed to 400 %) the page fits still: the timing's tables
  // close up, and the lists whose choices are long in French ("Académique (laboratoire ou
  // université)") and the search fields shrink.
  await options.setViewportSize({ width: 320, height: 900 });
  await options.getByText('Ajouter plusieurs comptes d’un coup').click();
  await expect.poll(() => options.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test('in a French browser, a span of days keeps "Du" and "Au" on one line where the toolbar wraps: the board, the dashboard', async ({ context, extensionId: id }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html#analytics`);
  const postedAt = Date.now() - 3 * 86_400_000;
  await putRecords(options, 'tweetMetrics', [{ tweetId: snowflakeAt(postedAt), capturedAt: Date.now(), source: 'analytics', authorHandle: 'inria', postedAt, impressions: 100, engagements: 5, text: 'Tweet' }]);
  await options.reload();
  const ranges = options.locator('.date-range');
  // (The board's, the dashboard's.)
  await expect(ranges).toHaveCount(2);
  for (const width of [1280, 1024, 720]) {
    await options.setViewportSize({ width, height: 900 });
    for (const range of await ranges.all()) {
      const [from, to] = await Promise.all([range.getByLabel('Du').boundingBox(), range.getByLabel('Au').boundingBox()]);
      expect(Math.abs(from!.y - to!.y), `at ${width} px`).toBeLessThan(2);
    }
  }
});
