import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { goToNextPlace } from '@/entrypoints/background/round';
import { goalBody, goalDue, reminderDue } from '@/entrypoints/background/veille';
import type { VeilleDB } from '@/lib/db';
import { MAX_SOURCES } from '@/lib/schemas';
import { addSources, deleteSource, listSources, moveSource, placeKey, placesIn, roundOf, roundText, saveSource, visitPlace, visitDaysBySource, visitSource, visitsByDay, keptRound } from '@/lib/sources';
import { PLACE_NAME_MAX, placeName, xPlaceOf } from '@/lib/x/pages';
import { dropDb, freshDb } from './fresh-db';

process.env.TZ = 'Europe/Paris';

let db: VeilleDB;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => dropDb(db));

/** 10:00 local time on a day of December 2026. */
const on = (day: number, hour = 10) => new Date(2026, 11, day, hour).getTime();

async function add(url: string, label = ''): Promise<string> {
  const r = await saveSource(db, { url, label }, on(1));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.source.id;
}

describe("X's places, for the veille's round", () => {
  it('names the same place whatever X adds to its address, and tells different places apart', () => {
    const same = [
      ['https://x.com/search?q=%23chimie&src=typed_query&f=live', 'https://twitter.com/search?q=%23Chimie', 'https://x.com/hashtag/chimie?src=hashtag_click', 'https://mobile.twitter.com/search?q=%23chimie%20&f=top'],
      ['https://x.com/JACS_Au', 'https://twitter.com/jacs_au/', 'https://x.com/JACS_Au/with_replies', 'https://x.com/jacs_au/media'],
      ['https://x.com/i/lists/1234567', 'https://x.com/i/lists/1234567/members', 'https://twitter.com/i/lists/1234567'],
      ['https://x.com/search?q=CNRS%20chimie', 'https://x.com/search?q=cnrs++chimie&f=live'],
    ];
    for (const group of same) expect(new Set(group.map(xPlaceOf)).size, group[0]).toBe(1);
    expect(xPlaceOf(same[0]![0]!)).toBe('search:#chimie');
    expect(xPlaceOf(same[1]![0]!)).toBe('@jacs_au');
    expect(xPlaceOf(same[2]![0]!)).toBe('list:1234567');
    expect(xPlaceOf('https://x.com/i/communities/99')).toBe('community:99');
    const different = ['https://x.com/search?q=%23chimie', 'https://x.com/search?q=%23chemistry', 'https://x.com/JACS_Au', 'https://x.com/JACS_Au/status/1', 'https://x.com/i/lists/1', 'https://x.com/home', 'https://x.com/explore'];
    expect(new Set(different.map(xPlaceOf)).size).toBe(different.length);
    for (const other of ['https://pubs.acs.org/toc/jacsat/0/0', 'https://example.org/x.com/search', 'not an address']) expect(xPlaceOf(other)).toBeNull();
  });

  it('gives a place a name from its address', () => {
    expect(placeName('https://x.com/search?q=%23chimie&f=live')).toBe('#chimie');
    expect(placeName('https://x.com/hashtag/chimie')).toBe('#chimie');
    expect(placeName('https://x.com/JACS_Au/media')).toBe('@JACS_Au');
    expect(placeName('https://www.nature.com/nchem/news/')).toBe('nature.com/nchem/news');
    // A page's title, less what X adds to it; an account or a search by its address all the same.
    expect(placeName('https://x.com/i/lists/42', '(3) Chimie FR / X')).toBe('Chimie FR');
    expect(placeName('https://www.nature.com/nchem/news/', 'Nature Chemistry news / X')).toBe('Nature Chemistry news / X');
    expect(placeName('https://x.com/JACS_Au', 'JACS Au (@JACS_Au) / X')).toBe('@JACS_Au');
  });

  it('reads an address whose escapes are no UTF-8 ("%E2%82", "%"), as an address bar lets through, as written', () => {
    expect(xPlaceOf('https://x.com/hashtag/%E2%82')).toBe('search:#%e2%82');
    expect(placeName('https://x.com/hashtag/%E2%82')).toBe('#%E2%82');
    expect(xPlaceOf('https://x.com/i/lists/%')).toBe('path:/i/lists/%');
    expect(placeKey('https://x.com/hashtag/%E2%82')).not.toBe(placeKey('https://x.com/hashtag/%E2%82%AC'));
    expect(placeName('https://x.com/hashtag/%E2%82%AC')).toBe('#€');
  });

  it('names and keys any address of X without throwing, and a pasted round reads back its places', () => {
    // Paths and queries of characters an address may hold, escapes whole, cut or of no UTF-8.
    const part = fc.array(fc.constantFrom('a', 'Z', '9', '_', '-', '.', '(', ')', '%', '%2', '%E2', '%82', '%AC', '%C3%A9', '%20', '%23', 'é', '~'), { maxLength: 6 }).map((a) => a.join(''));
    const first = fc.oneof(fc.constantFrom('search', 'hashtag', 'i', 'home', 'JACS_Au', 'explore'), part);
    const address = fc
      .tuple(fc.constantFrom('https://x.com', 'https://twitter.com', 'https://mobile.twitter.com', 'https://www.nature.com'), first, fc.array(part, { maxLength: 3 }), fc.option(part), fc.option(part), fc.boolean())
      .map(([host, a, rest, q, hash, slash]) => `${host}/${[a, ...rest].join('/')}${slash ? '/' : ''}${q === null ? '' : `?q=${q}&f=live`}${hash === null ? '' : `#${hash}`}`);
    fc.assert(
      fc.property(fc.array(address, { minLength: 1, maxLength: 4 }), (urls) => {
        for (const url of urls) {
          xPlaceOf(url);
          expect(placeKey(url)).toBe(placeKey(url.split('#')[0]!));
          expect(placeName(url).length).toBeLessThanOrEqual(PLACE_NAME_MAX);
        }
        const { places, refused } = placesIn(urls.join('\n'));
        expect(refused).toEqual([]);
        expect(places.map((p) => p.url)).toEqual(urls);
        expect(placesIn(roundText(places)).places).toEqual(places);
      }),
      { numRuns: 2000, seed: 71 },
    );
  });

  it('keys an address elsewhere by the address, less its fragment and last slash', () => {
    expect(placeKey('https://www.nature.com/nchem/#main')).toBe(placeKey('https://www.nature.com/nchem'));
    expect(placeKey('https://www.nature.com/nchem')).not.toBe(placeKey('https://www.nature.com/nchem?page=2'));
  });
});

describe("the veille's round", () => {
  it('adds places in order, named from their address unless named, and refuses what is not a place, naming the field', async () => {
    await add('https://x.com/search?q=%23chimie&f=live');
    await add('https://pubs.acs.org/toc/jacsat/0/0', 'JACS ASAP');
    expect((await listSources(db)).map((s) => [s.label, s.order])).toEqual([
      ['#chimie', 0],
      ['JACS ASAP', 1],
    ]);
    for (const url of ['', 'chimie', 'javascript:alert(1)', 'ftp://example.org/a', 'mailto:cm@inria.fr']) {
      expect(await saveSource(db, { url, label: '' })).toEqual({ ok: false, issues: [{ field: 'url', message: 'err_source_url' }] });
    }
    expect(await saveSource(db, { url: 'https://example.org', label: 'x'.repeat(81) })).toEqual({ ok: false, issues: [{ field: 'label', message: 'err_source_label' }] });
    // The same place under another address.
    expect(await saveSource(db, { url: 'https://twitter.com/hashtag/Chimie', label: '' })).toEqual({ ok: false, issues: [{ field: 'url', message: 'err_source_duplicate' }] });
    expect(await listSources(db)).toHaveLength(2);
  });

  it('takes an address typed or pasted without its "https://", and adds it', async () => {
    for (const [typed, stored] of [
      ['pubs.acs.org', 'https://pubs.acs.org'],
      [' www.nature.com/nchem/ ', 'https://www.nature.com/nchem/'],
      ['x.com/search?q=chimie:verte', 'https://x.com/search?q=chimie:verte'],
      ['http://example.org/a', 'http://example.org/a'],
    ]) {
      const r = await saveSource(db, { url: typed!, label: '' });
      expect(r.ok && r.source.url).toBe(stored);
    }
    // (The same place, typed with or without it, is one place.)
    expect(await saveSource(db, { url: 'https://pubs.acs.org', label: '' })).toEqual({ ok: false, issues: [{ field: 'url', message: 'err_source_duplicate' }] });
    expect(await addSources(db, 'nature.com/nchem pubs.acs.org', on(2))).toEqual({ ok: true, added: 1, existing: 1 });
    expect((await listSources(db)).at(-1)!.url).toBe('https://nature.com/nchem');
  });

  it("names an advanced search by its words, cut to a place's name where they run longer, alone and in a pasted list", async () => {
    const words = '(from:CNRS OR from:Inserm OR from:Inria OR from:univnantes) (#IA OR #santé) -filter:retweets lang:fr';
    const url = `https://x.com/search?q=${encodeURIComponent(words)}&src=typed_query&f=live`;
    const name = placeName(url);
    expect(name).toHaveLength(PLACE_NAME_MAX);
    expect(name).toBe(`${words.slice(0, PLACE_NAME_MAX - 1)}…`);
    // (Was: a ZodError thrown, and the place not added.)
    const r = await saveSource(db, { url, label: '' });
    expect(r.ok && r.source.label).toBe(name);
    await deleteSource(db, r.ok ? r.source.id : '');
    expect(await addSources(db, `https://x.com/hashtag/chimie ${url}`)).toEqual({ ok: true, added: 2, existing: 0 });
    expect((await listSources(db)).map((s) => s.label)).toEqual(['#chimie', name]);
    // A page's long title too.
    expect(placeName('https://example.org/a', `${'Une lettre '.repeat(10)}d’information`)).toMatch(/^(Une lettre ){7}Un…$/);
  });

  it('holds at most MAX_SOURCES places, and an edit keeps its place in the order', async () => {
    for (let i = 0; i < MAX_SOURCES; i++) await add(`https://example.org/${i}`);
    expect(await saveSource(db, { url: 'https://example.org/one-more', label: '' })).toEqual({ ok: false, issues: [{ field: 'url', message: 'err_source_full' }] });
    const third = (await listSources(db))[2]!;
    const r = await saveSource(db, { id: third.id, url: 'https://example.org/renamed', label: 'Renamed' }, on(2));
    expect(r.ok && [r.source.order, r.source.label, r.source.createdAt, r.source.updatedAt]).toEqual([2, 'Renamed', on(1), on(2)]);
    // Renamed alone, its address kept: it is no place already in the round.
    const renamed = await saveSource(db, { id: third.id, url: 'https://example.org/renamed', label: 'Renamed again' }, on(3));
    expect(renamed.ok && [renamed.source.label, renamed.source.order]).toEqual(['Renamed again', 2]);
    expect(await saveSource(db, { id: 'gone', url: 'https://example.org/z', label: '' })).toEqual({ ok: false, issues: [{ field: 'url', message: 'err_source_gone' }] });
  });

  it('takes out of a pasted list what shows nothing (a zero-width space, a direction mark): the addresses as they read', async () => {
    expect(await addSources(db, '\u200bhttps://www.nature.com/nchem\u200b \u200e\n\u2066inserm.fr/actualites\u2069')).toEqual({ ok: true, added: 2, existing: 0 });
    expect((await listSources(db)).map((s) => s.url)).toEqual(['https://www.nature.com/nchem', 'https://inserm.fr/actualites']);
    const one = await saveSource(db, { url: '\u200bhttps://pubs.acs.org/journal/jacsat\u200b', label: '' });
    expect(one.ok && one.source.url).toBe('https://pubs.acs.org/journal/jacsat');
  });

  it('adds a pasted list in its order, in one go, leaving the places already there; a word that is no address stops it, named', async () => {
    await add('https://x.com/search?q=%23chimie');
    const list = 'https://x.com/JACS_Au\n  https://twitter.com/hashtag/chimie https://pubs.acs.org/toc/jacsat/0/0\n\nhttps://x.com/jacs_au/media\n';
    expect(await addSources(db, list, on(2))).toEqual({ ok: true, added: 2, existing: 2 });
    expect((await listSources(db)).map((s) => [s.label, s.order])).toEqual([
      ['#chimie', 0],
      ['@JACS_Au', 1],
      ['pubs.acs.org/toc/jacsat/0/0', 2],
    ]);
    expect(await addSources(db, 'https://example.org/a chimie javascript:alert(1)')).toEqual({ ok: false, refused: ['chimie', 'javascript:alert(1)'] });
    expect(await listSources(db)).toHaveLength(3);
    const many = Array.from({ length: MAX_SOURCES - 2 }, (_, i) => `https://example.org/${i}`).join('\n');
    expect(await addSources(db, many)).toEqual({ ok: false, full: MAX_SOURCES - 3 });
    expect(await listSources(db)).toHaveLength(3);
    // As many as there is room for: all of them.
    expect(await addSources(db, many.split('\n').slice(1).join('\n'))).toEqual({ ok: true, added: MAX_SOURCES - 3, existing: 0 });
    expect(await listSources(db)).toHaveLength(MAX_SOURCES);
  });

  it("reads a line with a name and one address as that place under that name, and copies the round so, for a colleague's", async () => {
    const r = placesIn(
      [
        'Nature Chemistry – https://www.nature.com/nchem/',
        '(Inserm) inserm.fr/actualites',
        'https://x.com/i/lists/42 « Veille chimie »',
        'https://example.org/a chimie javascript:alert(1)',
        'Chimie nature.com/x htps//inserm.fr',
        'Wikipédia (https://fr.wikipedia.org/wiki/Chimie_(science))',
      ].join('\n'),
    );
    expect(r.places).toEqual([
      { url: 'https://www.nature.com/nchem/', label: 'Nature Chemistry' },
      { url: 'https://inserm.fr/actualites', label: 'Inserm' },
      { url: 'https://x.com/i/lists/42', label: 'Veille chimie' },
      { url: 'https://example.org/a', label: placeName('https://example.org/a') },
      { url: 'https://nature.com/x', label: placeName('https://nature.com/x') },
      { url: 'https://fr.wikipedia.org/wiki/Chimie_(science)', label: 'Wikipédia' },
    ]);
    // (Beside an address, what looks like one written wrong is refused, not taken for a name.)
    expect(r.refused).toEqual(['chimie', 'javascript:alert(1)', 'Chimie', 'htps//inserm.fr']);
    // A spreadsheet's rows pasted (cells between tabs): the name from the nearest cell, the other columns left out.
    expect(placesIn('https://www.nature.com/nchem/\tNature Chemistry\trevue\nchimie\tJACS ASAP\thttps://example.org/jacs-asap\t\n').places).toEqual([
      { url: 'https://www.nature.com/nchem/', label: 'Nature Chemistry' },
      { url: 'https://example.org/jacs-asap', label: 'JACS ASAP' },
    ]);
    // Copied: a place named otherwise than by its address after its name, where the line reads back so.
    const round = [
      { url: 'https://example.org/jacs-asap', label: 'JACS ASAP' },
      { url: 'https://x.com/i/lists/77', label: placeName('https://x.com/i/lists/77') },
      { url: 'https://nature.com/news', label: 'nature.com news' },
      { url: 'https://example.org/b', label: 'Deux  espaces' },
    ];
    const text = roundText(round);
    expect(text).toBe('JACS ASAP https://example.org/jacs-asap\nhttps://x.com/i/lists/77\nhttps://nature.com/news\nhttps://example.org/b');
    expect(placesIn(text).places.map((p) => p.url)).toEqual(round.map((p) => p.url));
    await addSources(db, text);
    expect((await listSources(db)).map((s) => s.label)).toEqual(['JACS ASAP', 'x.com/i/lists/77', 'nature.com/news', 'example.org/b']);
  });

  it('moves a place up and down', async () => {
    const [a, b, c] = [await add('https://example.org/a'), await add('https://example.org/b'), await add('https://example.org/c')];
    await moveSource(db, c, -1);
    expect((await listSources(db)).map((s) => s.id)).toEqual([a, c, b]);
    await moveSource(db, a, -1);
    await moveSource(db, a, 1);
    expect((await listSources(db)).map((s) => s.id)).toEqual([c, a, b]);
    expect((await listSources(db)).map((s) => s.order)).toEqual([0, 1, 2]);
    // The last one down, the first one up, an unknown one: nothing moves.
    const before = await listSources(db);
    await moveSource(db, b, 1, on(9));
    await moveSource(db, c, -1, on(9));
    await moveSource(db, 'gone', 1, on(9));
    expect(await listSources(db)).toEqual(before);
    // The second one up: first.
    await moveSource(db, a, -1, on(9));
    expect((await listSources(db)).map((s) => s.id)).toEqual([a, c, b]);
  });

  it('ticks a place once a day; a tick taken back is gone; the next day starts with none', async () => {
    const a = await add('https://example.org/a');
    const b = await add('https://x.com/i/lists/42');
    expect(await visitSource(db, a, on(3, 9))).toBe(true);
    expect(await visitSource(db, a, on(3, 15))).toBe(true);
    expect(await db.sourceVisits.toArray()).toEqual([{ source: a, day: '2026-12-03', at: on(3, 9) }]);
    let round = await roundOf(db, '2026-12-03');
    expect([round.sources.length, [...round.visited]]).toEqual([2, [a]]);
    // Ticked by hand again: taken back.
    expect(await visitSource(db, a, on(3, 16), true)).toBe(false);
    expect((await roundOf(db, '2026-12-03')).visited.size).toBe(0);
    await visitSource(db, b, on(3));
    await visitSource(db, a, on(4));
    round = await roundOf(db, '2026-12-04');
    expect([...round.visited]).toEqual([a]);
    expect(await visitsByDay(db, '2026-12-01')).toEqual(new Map([['2026-12-03', 1], ['2026-12-04', 1]]));
    // Each place's days of visits, from a day on: the places the veille skips show.
    expect(await visitDaysBySource(db, '2026-12-01')).toEqual(new Map([[b, new Set(['2026-12-03'])], [a, new Set(['2026-12-04'])]]));
    expect(await visitDaysBySource(db, '2026-12-04')).toEqual(new Map([[a, new Set(['2026-12-04'])]]));
    // A place no longer in the round is not ticked.
    expect(await visitSource(db, 'gone', on(4))).toBe(false);
  });

  it('ticks the places of the round the CM goes to on X, once a day, and nothing elsewhere', async () => {
    const chimie = await add('https://x.com/search?q=%23chimie&f=live');
    const jacs = await add('https://x.com/JACS_Au');
    await add('https://pubs.acs.org/toc/jacsat/0/0');
    expect(await visitPlace(db, 'https://x.com/hashtag/chimie?src=hashtag_click', on(5))).toBe(1);
    expect(await visitPlace(db, 'https://x.com/search?q=%23chimie&src=typed_query', on(5, 11))).toBe(0);
    expect(await visitPlace(db, 'https://x.com/home', on(5))).toBe(0);
    expect(await visitPlace(db, 'https://pubs.acs.org/toc/jacsat/0/0', on(5))).toBe(0);
    expect(await visitPlace(db, 'https://twitter.com/jacs_au/with_replies', on(5))).toBe(1);
    expect([...(await roundOf(db, '2026-12-05')).visited].sort()).toEqual([chimie, jacs].sort());
    expect((await db.sourceVisits.get([chimie, '2026-12-05']))!.at).toBe(on(5));
  });

  it('takes a place out of the round with the days it was visited', async () => {
    const a = await add('https://example.org/a');
    const b = await add('https://example.org/b');
    await visitSource(db, a, on(3));
    await visitSource(db, b, on(3));
    await deleteSource(db, a);
    expect((await listSources(db)).map((s) => s.id)).toEqual([b]);
    expect((await db.sourceVisits.toArray()).map((v) => v.source)).toEqual([b]);
  });
});

describe("the round's shortcut: the next place", () => {
  const created = vi.fn(async (props: { url?: string }) => ({ id: 9, ...props }));
  const updated = vi.fn(async (id: number, props: { url?: string }) => ({ id, ...props }));
  const notified = vi.fn(async (id: string, _props: { title: string; message: string }) => id);
  /** The tab the CM is on when they press the shortcut. */
  let onTab: { id: number; url?: string } | undefined;
  beforeEach(() => {
    fakeBrowser.reset();
    for (const f of [created, updated, notified]) f.mockClear();
    onTab = { id: 4, url: 'https://www.example.org/elsewhere' };
    fakeBrowser.tabs.create = created as unknown as typeof fakeBrowser.tabs.create;
    fakeBrowser.tabs.update = updated as unknown as typeof fakeBrowser.tabs.update;
    fakeBrowser.tabs.query = (async () => (onTab ? [onTab] : [])) as unknown as typeof fakeBrowser.tabs.query;
    fakeBrowser.notifications.create = notified as unknown as typeof fakeBrowser.notifications.create;
  });

  it('goes through the round in its order, skipping the places visited today, in the tab of the round once on it', async () => {
    expect(await goToNextPlace(db, on(6))).toBeUndefined();
    expect(notified.mock.calls[0]![0]).toBe('veille-round-empty');
    const a = await add('https://x.com/search?q=%23chimie', '#chimie');
    await add('https://pubs.acs.org/toc/jacsat/0/0', 'JACS ASAP');
    const c = await add('https://x.com/i/lists/42', 'Chimie FR');
    await visitSource(db, (await listSources(db))[1]!.id, on(6, 8));
    // From a page outside the round: a new tab, ticked.
    expect((await goToNextPlace(db, on(6)))!.id).toBe(a);
    expect(created).toHaveBeenCalledWith({ url: 'https://x.com/search?q=%23chimie' });
    // On it now (X added to its address): the next place in the same tab, the visited one skipped.
    onTab = { id: 5, url: 'https://x.com/search?q=%23chimie&src=typed_query' };
    expect((await goToNextPlace(db, on(6, 11)))!.id).toBe(c);
    expect(updated).toHaveBeenCalledWith(5, { url: 'https://x.com/i/lists/42' });
    expect([...(await roundOf(db, '2026-12-06')).visited].length).toBe(3);
    // All visited: said once, and nothing opened.
    expect(await goToNextPlace(db, on(6, 12))).toBeNull();
    expect(notified.mock.calls.at(-1)![0]).toBe('veille-round-done-2026-12-06');
    expect(notified.mock.calls.at(-1)![1]).toMatchObject({ title: "Today's round is done", message: 'Visited today: all 3 places of the round.' });
    expect([created.mock.calls.length, updated.mock.calls.length]).toEqual([1, 1]);
    // The next day, from the start again.
    expect((await goToNextPlace(db, on(7)))!.id).toBe(a);
  });
});

describe("the goal's notification", () => {
  it("says where the day's round stands, when there is one", () => {
    expect(goalBody(60, { sources: [], visited: new Set() })).toBe('60 minutes of monitoring today. Well done!');
    // (A visit of a place no longer in the round, as a merge may leave, does not count.)
    expect(goalBody(45, { sources: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], visited: new Set(['a', 'b', 'gone']) })).toBe("45 minutes of monitoring today. Well done! Today's round: 2 of 3 visited.");
  });
  it('is said once a day, and again when the CM raised the goal since and reached the new one', () => {
    expect(goalDue({}, '2026-12-06', 60)).toBe(true);
    expect(goalDue({ notifiedDay: '2026-12-05', notifiedGoal: 60 }, '2026-12-06', 60)).toBe(true);
    expect(goalDue({ notifiedDay: '2026-12-06', notifiedGoal: 60 }, '2026-12-06', 60)).toBe(false);
    expect(goalDue({ notifiedDay: '2026-12-06', notifiedGoal: 60 }, '2026-12-06', 90)).toBe(true);
    // Lowered: said already.
    expect(goalDue({ notifiedDay: '2026-12-06', notifiedGoal: 60 }, '2026-12-06', 30)).toBe(false);
    // Said before Veille kept the goal: said for any.
    expect(goalDue({ notifiedDay: '2026-12-06' }, '2026-12-06', 90)).toBe(false);
  });
});

describe('the reminder', () => {
  // Friday 4 December 2026, and the Saturday after, in the machine's zone.
  const friday = (h: number, m = 0) => new Date(2026, 11, 4, h, m).getTime();
  const saturday = new Date(2026, 11, 5, 15).getTime();
  const settings = { reminderEnabled: true, reminderTime: '14:00', veilleDays: [1, 2, 3, 4, 5], awayPeriods: [] };
  const none = { day: '2026-12-04', ms: 0, running: null };
  it('comes on a day of veille, from its time on, while the veille has not started, once', () => {
    expect(reminderDue(settings, {}, none, friday(13, 59))).toBe(false);
    expect(reminderDue(settings, {}, none, friday(14))).toBe(true);
    expect(reminderDue(settings, {}, none, friday(23, 59))).toBe(true);
    expect(reminderDue(settings, { remindedDay: '2026-12-04' }, none, friday(15))).toBe(false);
    expect(reminderDue(settings, {}, { ...none, ms: 1000 }, friday(15))).toBe(false);
    expect(reminderDue(settings, {}, { ...none, running: { id: 's', start: friday(14, 59), mode: 'manual' as const } }, friday(15))).toBe(false);
    expect(reminderDue({ ...settings, reminderEnabled: false }, {}, none, friday(15))).toBe(false);
  });
  it('does not come on a day off, unless the CM keeps the veille that day too', () => {
    const day = { ...none, day: '2026-12-05' };
    expect(reminderDue(settings, {}, day, saturday)).toBe(false);
    expect(reminderDue({ ...settings, veilleDays: [1, 2, 3, 4, 5, 6] }, {}, day, saturday)).toBe(true);
    expect(reminderDue({ ...settings, veilleDays: [6] }, {}, none, friday(15))).toBe(false);
  });
  it('does not come on a day away, a day of veille otherwise', () => {
    expect(reminderDue({ ...settings, awayPeriods: [{ from: '2026-12-04', to: '2026-12-04' }] }, {}, none, friday(15))).toBe(false);
    expect(reminderDue({ ...settings, awayPeriods: [{ from: '2026-11-30', to: '2026-12-11' }] }, {}, none, friday(15))).toBe(false);
    // (Time away before or after that day: it comes.)
    expect(reminderDue({ ...settings, awayPeriods: [{ from: '2026-11-23', to: '2026-12-03' }, { from: '2026-12-05', to: '2026-12-06' }] }, {}, none, friday(15))).toBe(true);
  });
});

describe("how a place kept to the round", () => {
  // Monday 30 November to Sunday 6 December 2026.
  const week = ['2026-12-06', '2026-12-05', '2026-12-04', '2026-12-03', '2026-12-02', '2026-12-01', '2026-11-30'];
  const weekdays = { veilleDays: [1, 2, 3, 4, 5] };
  it('counts its days visited out of the days of veille', () => {
    expect(keptRound(new Set(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']), week, weekdays)).toEqual({ visited: 5, of: 5 });
    expect(keptRound(new Set(['2026-12-02']), week, weekdays)).toEqual({ visited: 1, of: 5 });
    expect(keptRound(undefined, week, weekdays)).toEqual({ visited: 0, of: 5 });
    // Kept every day: the weekend counts.
    expect(keptRound(new Set(['2026-12-02']), week, { veilleDays: [1, 2, 3, 4, 5, 6, 7] })).toEqual({ visited: 1, of: 7 });
  });
  it('leaves out the days away, unless the place was visited on them', () => {
    const away = { ...weekdays, awayPeriods: [{ from: '2026-12-02', to: '2026-12-03' }] };
    expect(keptRound(new Set(['2026-11-30', '2026-12-01', '2026-12-04']), week, away)).toEqual({ visited: 3, of: 3 });
    expect(keptRound(new Set(['2026-12-02']), week, away)).toEqual({ visited: 1, of: 4 });
  });
  it('adds a day off the place was visited on, to both', () => {
    expect(keptRound(new Set(['2026-12-05', '2026-12-04']), week, weekdays)).toEqual({ visited: 2, of: 6 });
  });
  it('counts today, not over yet, once the place is visited', () => {
    // (Friday 4 December as today.)
    const days = week.slice(2);
    expect(keptRound(new Set(['2026-12-03']), days, weekdays, '2026-12-04')).toEqual({ visited: 1, of: 4 });
    expect(keptRound(new Set(['2026-12-03', '2026-12-04']), days, weekdays, '2026-12-04')).toEqual({ visited: 2, of: 5 });
  });
  it('has no day of veille over a weekend without visits', () => {
    expect(keptRound(undefined, week.slice(0, 2), weekdays)).toEqual({ visited: 0, of: 0 });
  });
});
