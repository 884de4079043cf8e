import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { VeilleDB } from '@/lib/db';
import { readCsv } from '@/lib/csv';
import { KEEP_DAYS, MIN_RECENT, WEEK_TERMS_TOP, emergingFrom, emergingTerms, recordTerms, currentEmerging, weekTerms } from '@/lib/emerging';
import { buildReport, loadReport, reportCsv, reportMarkdown } from '@/lib/report';
import { reportHtml } from '@/lib/report-html';
import { wordsFrom } from '@/lib/report-words';
import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import { topicsCsv } from '@/lib/topics-csv';
import { snowflakeAt } from '@/lib/x/tweet-id';
import type { Partner, Topic, TweetMetric } from '@/lib/schemas';
import { dismissTerm } from '@/lib/settings';
import { localDayOf, weekStart } from '@/lib/time';
import { dayBefore } from '@/lib/veille';
import { STALE_DAYS, TOPIC_HASH, canMove, draftOf, dropStale, filterTopics, isStale, moveTopic, normalizeUrl, saveTopic, topicAt, topicIndex, topicOfHash, undoDrop, updateTopic } from '@/lib/topics';
import { dropDb, freshDb } from './fresh-db';

process.env.TZ = 'Europe/Paris';

let db: VeilleDB;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => dropDb(db));

const NOW = new Date(2026, 10, 25, 10).getTime(); // Wednesday 25 November 2026

describe('saving topics, without duplicates', () => {
  it.each([
    ['https://x.com/UnivNantes/status/1?s=20&t=abc', 'https://x.com/univnantes/status/1'],
    ['https://twitter.com/UnivNantes/status/1', 'https://x.com/univnantes/status/1'],
    ['https://mobile.twitter.com/UnivNantes/status/1#m', 'https://x.com/univnantes/status/1'],
    // What X adds to a tweet's address: its picture, its analytics, a language.
    ['https://x.com/UnivNantes/status/1/photo/2', 'https://x.com/univnantes/status/1'],
    ['https://x.com/univnantes/status/1/analytics?lang=fr', 'https://x.com/univnantes/status/1'],
    ['https://x.com/i/web/status/1', 'https://x.com/i/web/status/1'],
    ['https://twitter.com/i/status/1?s=20', 'https://x.com/i/web/status/1'],
    ['https://x.com/UnivNantes', 'https://x.com/UnivNantes'],
    // A search as X's address bar has it, and as "Emerging on X" saves it.
    ['https://x.com/search?q=%23crispr&src=typed_query&f=live', 'https://x.com/search?q=%23crispr&f=live'],
    ['https://example.org/img?src=a.png', 'https://example.org/img?src=a.png'],
    ['https://WWW.Nature.com/articles/x/?utm_source=twitter&utm_medium=social', 'https://nature.com/articles/x'],
    ['https://example.org/search?s=chimie', 'https://example.org/search?s=chimie'],
    // X's other pages under its older names.
    ['https://twitter.com/search?q=%23chimie&src=hashtag_click', 'https://x.com/search?q=%23chimie'],
    ['https://mobile.twitter.com/i/lists/123/', 'https://x.com/i/lists/123'],
    ['https://www.twitter.com/UnivNantes?s=21&fbclid=x', 'https://x.com/UnivNantes'],
    // A site's root keeps its slash; what is no address stays as typed.
    ['https://example.org/?ref_src=twsrc', 'https://example.org/'],
    ['  pas une adresse ', 'pas une adresse'],
    // Every slash that ends the path, and none of a query that ends with one.
    ['https://nature.com/articles//', 'https://nature.com/articles'],
    ['https://example.org//', 'https://example.org/'],
    ['https://www.google.com/url?q=https://nature.com/', 'https://google.com/url?q=https://nature.com/'],
    ['https://example.org/login/?next=/', 'https://example.org/login/?next=/'],
    // The rest of a query as written when tracking goes: the same page's address without it.
    ['https://doi.org/x?doi=10.1038/s41557&utm_source=twitter', 'https://doi.org/x?doi=10.1038/s41557'],
    ['https://example.org/s?q=a%20b&fbclid=1&page=2', 'https://example.org/s?q=a%20b&page=2'],
  ])('%s is %s', (raw, url) => expect(normalizeUrl(raw)).toBe(url));

  it('gives one address to a page however a link writes it: host case, "www.", a last slash, a fragment, tracking', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9_.~%-]{1,8}$/);
    const param = fc.tuple(fc.constantFrom('q', 'id', 'doi', 'page'), fc.stringMatching(/^[a-z0-9%/:+]{0,6}$/));
    fc.assert(
      fc.property(
        fc.constantFrom('nature.com', 'inserm.fr', 'pubs.acs.org'),
        fc.array(part, { minLength: 1, maxLength: 4 }),
        fc.array(param, { maxLength: 2 }),
        fc.record({ www: fc.boolean(), upper: fc.boolean(), slash: fc.boolean(), fragment: fc.boolean(), tracking: fc.boolean() }),
        (host, path, query, v) => {
          const q = query.map(([k, x]) => `${k}=${x}`).join('&');
          const page = `https://${host}/${path.join('/')}${q ? `?${q}` : ''}`;
          const vq = v.tracking ? `?${q ? `${q}&` : ''}utm_source=twitter&utm_medium=social` : q ? `?${q}` : '';
          const link = `https://${v.www ? 'www.' : ''}${v.upper ? host.toUpperCase() : host}/${path.join('/')}${v.slash && !vq ? '/' : ''}${vq}${v.fragment ? '#top' : ''}`;
          expect(normalizeUrl(link), link).toBe(normalizeUrl(page));
        },
      ),
      { numRuns: 3000, seed: 2026 },
    );
  });

  it('gives an address normalised once as it is: normalised again, it does not change', () => {
    const host = fc.constantFrom('x.com', 'twitter.com', 'mobile.twitter.com', 'WWW.Nature.com', 'www.x.com', 'inserm.fr', 'localhost:8080', 'bücher.de', '[::1]');
    const part = fc.oneof(fc.constantFrom('status', 'UnivNantes', 'i', 'web', 'photo', '1856000000000000001', 'analytics', '%20', 'a b', 'é', '..', '.', '', 'search'), fc.string({ maxLength: 6 }));
    const param = fc.tuple(fc.constantFrom('s', 't', 'src', 'S', 'utm_source', 'q', 'fbclid', 'lang'), fc.string({ maxLength: 5 }));
    const address = fc
      .tuple(fc.constantFrom('https://', 'http://', 'HTTPS://', '', ' https://'), host, fc.array(part, { maxLength: 5 }), fc.array(param, { maxLength: 3 }), fc.option(fc.string({ maxLength: 4 })), fc.constantFrom('', '/', ' '))
      .map(([scheme, h, path, query, hash, end]) => `${scheme}${h}/${path.join('/')}${query.length ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}${hash === null ? '' : `#${hash}`}${end}`);
    fc.assert(
      fc.property(address, (raw) => {
        const once = normalizeUrl(raw);
        expect(normalizeUrl(once), raw).toBe(once);
      }),
      { numRuns: 5000, seed: 2026 },
    );
  });

  it("a tweet is one topic whatever the case of its author's handle, its picture's address or an older topic's", async () => {
    // Saved by its "☆" (the handle in lower case), then from a link to it on another page (X's case).
    const a = await saveTopic(db, { title: 'Portes ouvertes', url: 'https://x.com/univnantes/status/9101' }, { now: NOW });
    const b = await saveTopic(db, { title: 'Portes ouvertes', url: 'https://twitter.com/UnivNantes/status/9101/photo/1' }, { now: NOW + 1 });
    expect(b).toMatchObject({ ok: true, created: false });
    expect(a.ok && b.ok && b.topic.id).toBe(a.ok && a.topic.id);
    // A topic stored before, with the handle as X wrote it, is still the tweet's.
    await db.topics.put({ id: 'old', title: 'Ancien', url: 'https://x.com/CNRS/status/9202', status: 'watching', tags: [], note: '', hashtags: [], createdAt: NOW, updatedAt: NOW });
    expect((await topicAt(db, 'https://x.com/cnrs/status/9202'))?.id).toBe('old');
    const c = await saveTopic(db, { title: 'Une découverte', url: 'https://x.com/cnrs/status/9202' }, { now: NOW + 2 });
    expect(c).toMatchObject({ ok: true, created: false, topic: { id: 'old', status: 'watching', url: 'https://x.com/cnrs/status/9202' } });
    expect(await db.topics.count()).toBe(2);
    // Any other address keeps its case: a path is the site's to read.
    await saveTopic(db, { title: 'Article', url: 'https://nature.com/articles/ABC' }, { now: NOW });
    expect(await topicAt(db, 'https://nature.com/articles/abc')).toBeUndefined();
  });

  it("a tweet saved from a link to it is that tweet's topic: its id, its author and its date", async () => {
    const r = await saveTopic(db, { title: 'Une molécule', url: 'https://twitter.com/UnivNantes/status/1476890123456789012/photo/1' }, { now: NOW });
    expect(r).toMatchObject({ ok: true, topic: { url: 'https://x.com/univnantes/status/1476890123456789012', sourceTweetId: '1476890123456789012', sourceHandle: 'univnantes', postedAt: Date.UTC(2021, 11, 31, 12, 16, 59, 380) } });
    // What the ☆ gave is kept (a name for the author, the tweet's own date).
    const s = await saveTopic(db, { title: 'Autre', url: 'https://x.com/cnrs/status/1476890123456789013', sourceHandle: 'cnrs', sourceName: 'CNRS', postedAt: NOW }, { now: NOW });
    expect(s).toMatchObject({ ok: true, topic: { sourceTweetId: '1476890123456789013', sourceName: 'CNRS', postedAt: NOW } });
    // Any other address names no tweet.
    const p = await saveTopic(db, { title: 'Article', url: 'https://nature.com/articles/x' }, { now: NOW });
    expect(p.ok && p.topic.sourceTweetId).toBeUndefined();
  });

  it('saving the same URL twice updates the topic and says so', async () => {
    const a = await saveTopic(db, { title: 'Nouvelle molécule', url: 'https://twitter.com/cnrs/status/1?s=20', tags: ['chimie'] }, { now: NOW, sessionId: 's1' });
    expect(a).toMatchObject({ ok: true, created: true, topic: { status: 'new', sessionId: 's1', url: 'https://x.com/cnrs/status/1' } });
    await moveTopic(db, a.ok ? a.topic.id : '', 'watching');
    const b = await saveTopic(db, { title: 'Nouvelle molécule (maj)', url: 'https://x.com/cnrs/status/1', tags: ['catalyse', 'Chimie'] }, { now: NOW + 1 });
    expect(b).toMatchObject({ ok: true, created: false, topic: { status: 'watching', title: 'Nouvelle molécule', tags: ['chimie', 'catalyse'], createdAt: NOW } });
    expect(await db.topics.count()).toBe(1);
    // A title the CM typed (the popup's) replaces the one saved.
    const c = await saveTopic(db, { title: 'Capter le CO2', url: 'https://x.com/cnrs/status/1' }, { now: NOW + 2, retitle: true });
    expect(c).toMatchObject({ ok: true, created: false, topic: { title: 'Capter le CO2', tags: ['chimie', 'catalyse'] } });
  });

  it("saving an address again keeps what the CM wrote on the board: the title, the note, the tags, the published tweet", async () => {
    const tweet = { title: 'CNRS : Une molécule qui capte le CO2 #chimie', url: 'https://x.com/cnrs/status/1', text: 'Une molécule qui capte le CO2 #chimie', hashtags: ['#chimie'], mediaKind: 'video' as const, sourceHandle: 'cnrs' };
    const a = await saveTopic(db, tweet, { now: NOW });
    const id = a.ok ? a.topic.id : '';
    await updateTopic(db, id, { ...tweet, title: 'CO2 : pour la réunion', note: 'Contacter le labo', tags: ['climat'], publishedUrl: 'https://x.com/inc/status/9' }, 'proposed', NOW + 1);
    // The ☆ on the same tweet a week later, then the context menu on a passage of it, then a link to it.
    await saveTopic(db, tweet, { now: NOW + 2 });
    await saveTopic(db, { ...tweet, note: 'capte le CO2' }, { now: NOW + 3 });
    await saveTopic(db, { title: 'https://x.com/cnrs/status/1', url: 'https://x.com/cnrs/status/1' }, { now: NOW + 4 });
    expect(await db.topics.get(id)).toMatchObject({
      title: 'CO2 : pour la réunion',
      note: 'Contacter le labo\n\ncapte le CO2',
      tags: ['climat'],
      status: 'proposed',
      publishedUrl: 'https://x.com/inc/status/9',
      hashtags: ['#chimie'],
      mediaKind: 'video',
      text: 'Une molécule qui capte le CO2 #chimie',
      updatedAt: NOW + 4,
    });
    // The popup's note written on (its first words are the note saved): one note, not the two.
    await saveTopic(db, { ...tweet, note: 'Contacter le labo\n\ncapte le CO2\nAvant jeudi' }, { now: NOW + 5 });
    expect((await db.topics.get(id))!.note).toBe('Contacter le labo\n\ncapte le CO2\nAvant jeudi');
    // A note that would pass the limit is cut to it (a backup of it restores); so are the tags.
    await saveTopic(db, { ...tweet, note: 'n'.repeat(2000), tags: Array.from({ length: 30 }, (_, i) => `t${i}`) }, { now: NOW + 6 });
    const full = (await db.topics.get(id))!;
    expect([full.note.length, full.note.startsWith('Contacter le labo'), full.tags.length, full.tags[0]]).toEqual([2000, true, 30, 'climat']);
  });

  it('enforces the limits with clear messages', async () => {
    const r = await saveTopic(db, { title: ' ', url: 'javascript:alert(1)', note: 'n'.repeat(2001), tags: ['t'.repeat(41)] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.fromEntries(r.issues.map((i) => [i.field, i.message]))).toEqual({
        title: 'err_title_required',
        url: 'err_url',
        note: 'err_note_too_long',
        tags: 'err_tag_too_long',
      });
    }
    const long = await saveTopic(db, { title: 'x'.repeat(201) });
    expect(!long.ok && long.issues[0]).toEqual({ field: 'title', message: 'err_title_too_long' });
    // An address typed without its "https://" gets it; words are no address.
    const typed = await saveTopic(db, { title: 'Article', url: 'www.nature.com/articles/s41557-026-0001' });
    // (Kept as the topic's address is: without its "www.".)
    expect(typed.ok && typed.topic.url).toBe('https://nature.com/articles/s41557-026-0001');
    const words = await saveTopic(db, { title: 'Article', url: 'chimie verte' });
    expect(!words.ok && words.issues[0]).toEqual({ field: 'url', message: 'err_url' });
  });
});

describe('status transitions', () => {
  it('follows the board: new → watching → proposed → published, dropped from anywhere before publishing', () => {
    expect(canMove('new', 'proposed')).toBe(true);
    expect(canMove('watching', 'proposed')).toBe(true);
    expect(canMove('proposed', 'published')).toBe(true);
    expect(canMove('new', 'published')).toBe(false);
    expect(canMove('published', 'dropped')).toBe(false);
    expect(canMove('dropped', 'new')).toBe(true);
    expect(canMove('published', 'proposed')).toBe(true);
  });
  it('refuses a move the board does not allow, and stores the ones it does', async () => {
    const r = await saveTopic(db, { title: 'T' }, { now: NOW });
    if (!r.ok) throw new Error('save failed');
    expect(await moveTopic(db, r.topic.id, 'published')).toBe(false);
    expect(await moveTopic(db, r.topic.id, 'proposed', NOW + 5)).toBe(true);
    expect(await db.topics.get(r.topic.id)).toMatchObject({ status: 'proposed', updatedAt: NOW + 5 });
    const u = await updateTopic(db, r.topic.id, { title: 'T2' }, 'new');
    expect(!u.ok && u.issues[0]!.message).toBe('err_topic_move');
  });
  it("keeps the tweet that published a topic, by its address as X gives it today; refuses an address that is no tweet's", async () => {
    const r = await saveTopic(db, { title: 'Portes ouvertes' }, { now: NOW });
    if (!r.ok) throw new Error('save failed');
    await moveTopic(db, r.topic.id, 'proposed');
    const u = await updateTopic(db, r.topic.id, { title: 'Portes ouvertes', publishedUrl: ' https://twitter.com/Inria/status/2088707180694323466?s=20 ' }, 'published');
    expect(u.ok && u.topic.publishedUrl).toBe('https://x.com/inria/status/2088707180694323466');
    const bad = await updateTopic(db, r.topic.id, { title: 'Portes ouvertes', publishedUrl: 'https://x.com/inria' }, 'published');
    expect(!bad.ok && bad.issues).toEqual([{ field: 'publishedUrl', message: 'err_published_url' }]);
    expect((await db.topics.get(r.topic.id))!.publishedUrl).toBe('https://x.com/inria/status/2088707180694323466');
    // Emptied: none any more.
    await updateTopic(db, r.topic.id, { title: 'Portes ouvertes', publishedUrl: '' }, 'published');
    expect((await db.topics.get(r.topic.id))!).not.toHaveProperty('publishedUrl');
  });
  it('notes when the board took a topic to "published", keeps it while it stays, forgets it when it leaves', async () => {
    const r = await saveTopic(db, { title: 'T' }, { now: NOW });
    if (!r.ok) throw new Error('save failed');
    await moveTopic(db, r.topic.id, 'proposed', NOW + 1);
    expect(await db.topics.get(r.topic.id)).not.toHaveProperty('publishedAt');
    await moveTopic(db, r.topic.id, 'published', NOW + 2);
    expect((await db.topics.get(r.topic.id))!.publishedAt).toBe(NOW + 2);
    await updateTopic(db, r.topic.id, { title: 'T, edited' }, 'published', NOW + 3);
    expect((await db.topics.get(r.topic.id))!.publishedAt).toBe(NOW + 2);
    await moveTopic(db, r.topic.id, 'proposed', NOW + 4);
    expect(await db.topics.get(r.topic.id)).not.toHaveProperty('publishedAt');
    await updateTopic(db, r.topic.id, { title: 'T' }, 'published', NOW + 5);
    expect((await db.topics.get(r.topic.id))!.publishedAt).toBe(NOW + 5);
  });
});

describe("a topic's first draft of a post", () => {
  it('gives the title, the account it came from and its first two hashtags, each unless the title has it', () => {
    expect(draftOf({ title: 'Une molécule qui capte le CO2', sourceHandle: 'chimiecnrs', hashtags: ['#chimie', '#climat', '#CO2capture'] })).toBe(
      'Une molécule qui capte le CO2 @chimiecnrs #chimie #climat',
    );
    expect(draftOf({ title: 'Bravo @ChimieCNRS pour la #Chimie verte', sourceHandle: 'chimiecnrs', hashtags: ['#chimie', '#santé'] })).toBe(
      'Bravo @ChimieCNRS pour la #Chimie verte #santé',
    );
    // "#chimiebio" is not "#chimie"; a word that is no hashtag is left out.
    expect(draftOf({ title: '#chimiebio au labo', hashtags: ['#chimie', 'chimie verte'] })).toBe('#chimiebio au labo #chimie');
    expect(draftOf({ title: '  Idée  ', hashtags: [] })).toBe('Idée');
  });
});

describe('the topics as a CSV table', () => {
  it('gives each topic, the latest saved first, in the words given, escaped, and reads back the same', () => {
    const topic = (over: Partial<Topic>): Topic => ({ id: over.title ?? 'x', title: 'T', note: '', tags: [], hashtags: [], status: 'new', createdAt: NOW, updatedAt: NOW, ...over });
    const topics = [
      topic({ title: 'Ancien', createdAt: NOW - 86_400_000, status: 'published', publishedAt: NOW, publishedUrl: 'https://x.com/inria/status/2', sourceHandle: 'cnrs', url: 'https://x.com/cnrs/status/1', mediaKind: 'video', tags: ['santé', 'labo'], hashtags: ['#crispr', '#santé'] }),
      topic({ title: '=HYPERLINK("http://evil")', note: 'Ligne 1\nLigne 2', sourceHandle: 'someone' }),
    ];
    const csv = topicsCsv(topics, (h) => (h === 'cnrs' ? 'public_authority' : undefined), (k) => k, ';');
    expect(csv.startsWith('\uFEFFreport_col_status;report_col_title;')).toBe(true);
    const rows = readCsv(csv).rows.map((r) => r.cells);
    expect(rows).toEqual([
      ['status_new', "'=HYPERLINK(\"http://evil\")", '', 'https://x.com/someone', '', 'media_none', '', '', 'Ligne 1\nLigne 2', localDayOf(NOW), '', ''],
      ['status_published', 'Ancien', 'https://x.com/cnrs/status/1', 'https://x.com/cnrs', 'cat_public_authority', 'media_video', 'santé;labo', '#crispr #santé', '', localDayOf(NOW - 86_400_000), localDayOf(NOW), 'https://x.com/inria/status/2'],
    ]);
  });
});

describe('tidying the board', () => {
  const DAY = 86_400_000;
  const topic = (id: string, status: Topic['status'], daysUntouched: number): Topic => ({
    id, title: id, note: '', tags: [], hashtags: [], status, createdAt: NOW - 90 * DAY, updatedAt: NOW - daysUntouched * DAY,
  });

  it('offers to drop the new and watched topics untouched for 30 days, and only those', () => {
    expect(STALE_DAYS).toBe(30);
    expect(isStale(topic('a', 'new', 30), NOW)).toBe(true);
    expect(isStale(topic('a', 'watching', 45), NOW)).toBe(true);
    expect(isStale(topic('a', 'new', 29.9), NOW)).toBe(false);
    for (const s of ['proposed', 'published', 'dropped'] as const) expect(isStale(topic('a', s, 99), NOW)).toBe(false);
  });

  it('drops them in one go, leaving any touched meanwhile, and puts back as they were those not changed since', async () => {
    const topics = [topic('old', 'new', 40), topic('watched', 'watching', 31), topic('fresh', 'new', 2), topic('meeting', 'proposed', 60)];
    await db.topics.bulkPut(topics);
    // Asked for all four: the fresh one and the one for the meeting stay.
    const dropped = await dropStale(db, ['old', 'watched', 'fresh', 'meeting', 'gone'], NOW);
    expect(dropped.topics.map((x) => x.id)).toEqual(['old', 'watched']);
    expect((await db.topics.toArray()).map((x) => [x.id, x.status, x.updatedAt === NOW])).toEqual([
      ['fresh', 'new', false],
      ['meeting', 'proposed', false],
      ['old', 'dropped', true],
      ['watched', 'dropped', true],
    ]);
    // One moved again since: left as it is now; the other put back whole.
    await moveTopic(db, 'watched', 'new', NOW + 1000);
    expect(await undoDrop(db, dropped)).toBe(1);
    expect(await db.topics.get('old')).toEqual(topics[0]);
    expect(await db.topics.get('watched')).toMatchObject({ status: 'new', updatedAt: NOW + 1000 });
    // Undone once: a second undo finds nothing to put back.
    expect(await undoDrop(db, dropped)).toBe(0);
  });
});

describe('search and filters', () => {
  it('finds topics by title, note, tags and tweet text, forgiving accents and prefixes', async () => {
    const topics: Topic[] = [];
    for (const input of [
      { title: 'Catalyse enzymatique', tags: ['biochimie'], sourceHandle: 'univnantes' },
      { title: 'Prix Nobel', note: 'Interview à prévoir', text: 'Félicitations à l’équipe #chimie', hashtags: ['#chimie'] },
      { title: 'Batteries sodium', sourceHandle: 'ouestfrance' },
    ]) {
      const r = await saveTopic(db, input, { now: NOW });
      if (r.ok) topics.push(r.topic);
    }
    const search = topicIndex(topics);
    const titles = (q: string) => filterTopics(topics, { query: q, tag: '', category: 'all', from: '', to: '' }, () => undefined, search).map((t) => t.title);
    expect(titles('catalyse')).toEqual(['Catalyse enzymatique']);
    expect(titles('felicitations')).toEqual(['Prix Nobel']);
    expect(titles('interview')).toEqual(['Prix Nobel']);
    expect(titles('bioch')).toEqual(['Catalyse enzymatique']);
    const cat = (h?: string) => (h === 'univnantes' ? ('academic' as const) : h === 'ouestfrance' ? ('media' as const) : undefined);
    expect(filterTopics(topics, { query: '', tag: '', category: 'media', from: '', to: '' }, cat, search).map((t) => t.title)).toEqual(['Batteries sodium']);
    expect(filterTopics(topics, { query: '', tag: '#chimie', category: 'all', from: '', to: '' }, cat, search).map((t) => t.title)).toEqual(['Prix Nobel']);
    expect(filterTopics(topics, { query: '', tag: '', category: 'all', from: '2026-11-26', to: '' }, cat, search)).toEqual([]);
  });
  it('a date filter takes in the whole of its last day, also when the clocks go back that night (a 25-hour day)', async () => {
    const r = await saveTopic(db, { title: 'T' }, { now: NOW });
    if (!r.ok) throw new Error('save failed');
    const late = { ...r.topic, id: 'late', createdAt: new Date(2026, 9, 25, 23, 30).getTime() };
    const next = { ...r.topic, id: 'next', createdAt: new Date(2026, 9, 26, 0, 30).getTime() };
    const ids = filterTopics([late, next], { query: '', tag: '', category: 'all', from: '2026-10-25', to: '2026-10-25' }, () => undefined, () => new Set()).map((t) => t.id);
    expect(ids).toEqual(['late']);
  });
});

describe('emerging terms', () => {
  const series = (entries: [number, number][]) => new Map(entries.map(([daysAgo, n]) => [dayBefore(NOW, daysAgo), n]));
  it('finds a term whose last 3 days rose clearly above its own 14-day baseline', () => {
    const counts = new Map([
      ['#nobel', series([[0, 6], [1, 4], [2, 2]])], // new: 12 in 3 days, nothing before
      ['#chimie', series([[0, 3], [1, 3], [2, 3], ...Array.from({ length: 14 }, (_, i) => [3 + i, 3] as [number, number])])], // steady
      ['nature.com', series([[0, 5], [1, 5], [2, 5], [3, 1], [10, 1]])], // 5 a day against 2 in 14 days
      ['#rare', series([[0, 2], [1, 2]])], // too few
    ]);
    const e = emergingTerms(counts, NOW);
    expect(e.map((x) => x.term)).toEqual(['nature.com', '#nobel']);
    expect(e[0]).toEqual({ term: 'nature.com', recent: 15, baseline: 2, lift: 10 });
  });
  it(`needs ${MIN_RECENT} tweets in the last days, however steep the rise; names the steepest first, the most seen first at a tie, as many as asked`, () => {
    const counts = new Map([
      // (The CM counted only today of the last 3 days, and one day of the 14 before.)
      ['#four', series([[0, 4]])], // 4 today, none before: 8 times its baseline, but 4 tweets
      ['#five', series([[0, 5]])], // 5: 10 times
      ['#six', series([[0, 6], [5, 1]])], // 6 against 1: 6 times
      ['#ten', series([[0, 10], [5, 2]])], // 10 against 2: 5 times
      ['#twelve', series([[0, 12], [5, 2]])], // 12 against 2: 6 times, as #six, more seen
    ]);
    expect(emergingTerms(counts, NOW).map((e) => [e.term, e.lift])).toEqual([['#five', 10], ['#twelve', 6], ['#six', 6], ['#ten', 5]]);
    expect(emergingTerms(counts, NOW, 2).map((e) => e.term)).toEqual(['#five', '#twelve']);
  });
  it('does not count days older than the 17-day window', () => {
    const counts = new Map([
      ['#old', series([[0, 5], [20, 100]])],
      ['#other', series([[5, 1]])],
    ]);
    expect(emergingTerms(counts, NOW).map((x) => x.term)).toEqual(['#old']);
  });
  it("on Veille's first days, nothing emerges (every term would): it says from which day terms can", () => {
    // Counted since yesterday only: the terms seen every day are no news.
    const counts = new Map([
      ['#science', series([[0, 12], [1, 15]])],
      ['nature.com', series([[0, 6], [1, 4]])],
    ]);
    expect(emergingTerms(counts, NOW)).toEqual([]);
    expect(emergingFrom(counts, NOW)).toBe(dayBefore(NOW, -2));
    // Three days on, yesterday's counts are the baseline.
    const later = NOW + 3 * 86_400_000;
    const on = new Map([
      ['#science', series([[-3, 14], [-2, 13], [-1, 12], [0, 12], [1, 15]])],
      ['#nobel', series([[-3, 4], [-2, 9]])],
    ]);
    expect(emergingFrom(on, later)).toBeNull();
    expect(emergingTerms(on, later).map((e) => e.term)).toEqual(['#nobel']);
    // Nothing counted at all: nothing to wait for.
    expect(emergingFrom(new Map(), NOW)).toBeNull();
  });
  it('averages over the days the CM spent on X: a weekend away lowers neither the baseline nor the last days', () => {
    // On X on weekdays only: 10 a day of #chimie, every week the same; today a Monday after a weekend away.
    const weekdays = Array.from({ length: 17 }, (_, i) => i).filter((i) => i % 7 !== 1 && i % 7 !== 2);
    const counts = new Map([
      ['#chimie', series(weekdays.map((i) => [i, 10] as [number, number]))],
      ['#cnrs', series(weekdays.map((i) => [i, i === 0 ? 30 : 10] as [number, number]))],
    ]);
    // #cnrs, three times its usual on the one day of the last three the CM was on X, rises; #chimie does not.
    expect(emergingTerms(counts, NOW).map((e) => [e.term, e.lift])).toEqual([['#cnrs', 3]]);
  });
  it('adds up per day and hides what the CM dismissed', async () => {
    await recordTerms(db, { '#nobel': 3, 'nature.com': 1 }, NOW);
    await recordTerms(db, { '#nobel': 3 }, NOW);
    expect(await db.termCounts.get([localDayOf(NOW), '#nobel'])).toEqual({ day: localDayOf(NOW), term: '#nobel', count: 6 });
    // (Veille's first day: nothing to compare with yet.)
    expect(await currentEmerging(db, NOW)).toEqual({ terms: [], from: dayBefore(NOW, -3) });
    await db.termCounts.add({ day: dayBefore(NOW, 5), term: 'nature.com', count: 2 });
    expect(await currentEmerging(db, NOW)).toEqual({ terms: [expect.objectContaining({ term: '#nobel' })], from: null });
    await dismissTerm(db, '#nobel', localDayOf(NOW));
    expect(await currentEmerging(db, NOW)).toEqual({ terms: [], from: null });
  });
  it(`keeps ${KEEP_DAYS} days of counts: older days go as the day's counts are added, once a day`, async () => {
    await db.termCounts.bulkAdd([
      { day: dayBefore(NOW, KEEP_DAYS + 30), term: '#old', count: 4 },
      { day: dayBefore(NOW, KEEP_DAYS + 1), term: '#old', count: 2 },
      { day: dayBefore(NOW, KEEP_DAYS), term: '#kept', count: 1 },
      { day: dayBefore(NOW, 3), term: '#kept', count: 1 },
    ]);
    await recordTerms(db, { '#nobel': 1 }, NOW);
    expect((await db.termCounts.toArray()).map((r) => `${r.day} ${r.term}`).sort()).toEqual(
      [`${dayBefore(NOW, KEEP_DAYS)} #kept`, `${dayBefore(NOW, 3)} #kept`, `${localDayOf(NOW)} #nobel`].sort(),
    );
    // The same day: nothing more is looked for (a backup restored meanwhile keeps its old days until the next day).
    await db.termCounts.add({ day: dayBefore(NOW, KEEP_DAYS + 5), term: '#restored', count: 1 });
    await recordTerms(db, { '#nobel': 1 }, NOW);
    expect(await db.termCounts.where('term').equals('#restored').count()).toBe(1);
    await recordTerms(db, { '#nobel': 1 }, NOW + 86_400_000);
    expect(await db.termCounts.where('term').equals('#restored').count()).toBe(0);
    expect(await db.termCounts.where('term').equals('#kept').count()).toBe(1);
  });
});

describe('the weekly report', () => {
  const topic = (over: Partial<Topic>): Topic => ({
    id: over.title ?? 'x', title: 'T', note: '', tags: [], hashtags: [], status: 'new', createdAt: NOW, updatedAt: NOW, ...over,
  });
  const partners: Partner[] = [
    { id: 'p', handle: 'univnantes', name: 'Nantes Université', category: 'academic', tags: [], note: '', createdAt: 0, updatedAt: 0 },
  ];
  const words = (key: string, ...subs: (string | number)[]) => `${key}${subs.length ? `(${subs.join(',')})` : ''}`;
  const topics = [
    topic({ title: 'Texte seul', status: 'proposed', createdAt: NOW - 1000 }),
    topic({ title: 'Vidéo du labo', status: 'proposed', mediaKind: 'video', url: 'https://x.com/univnantes/status/1', sourceHandle: 'univnantes', tags: ['chimie verte'] }),
    topic({ title: '=HYPERLINK("http://evil")', status: 'watching', mediaKind: 'image', note: '@cmd | *bold*' }),
    topic({ title: 'Old', status: 'proposed', createdAt: NOW - 30 * 86_400_000, mediaKind: 'image' }),
  ];
  const start = new Date(2026, 10, 23, 9).getTime(); // Monday
  const sessions = [
    { id: 'a', start, end: start + 65 * 60_000, mode: 'manual' as const },
    { id: 'b', start: start + 86_400_000, end: start + 86_400_000 + 20 * 60_000, mode: 'auto' as const },
  ];
  const r = buildReport(topics, sessions, partners, NOW, 60, NOW);

  it('covers Monday to Sunday of the chosen week', () => {
    expect(localDayOf(weekStart(NOW))).toBe('2026-11-23');
    expect(r.days.map((d) => d.day)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    expect(r.days.slice(0, 3).map((d) => d.ms)).toEqual([65 * 60_000, 20 * 60_000, 0]);
    // Thursday to Sunday are still to come on Wednesday: no figure, rather than 0.
    expect(r.days.slice(3).map((d) => d.ms)).toEqual([null, null, null, null]);
    expect(reportMarkdown(r, words)).toContain('| Wed, Nov 25 | 0 |  |\n| Thu, Nov 26 | – |  |');
    expect(reportCsv(r, words)).toContain('report_col_veille,,,,,,,,2026-11-26,\r\n');
  });
  it("names the week's days off, those not of the days of veille", () => {
    expect(r.days.every((d) => !d.off)).toBe(true);
    const weekdays = buildReport(topics, sessions, partners, NOW, 60, NOW, [], [], undefined, [], undefined, undefined, { veilleDays: [1, 2, 3, 4, 5] });
    expect(weekdays.days.map((d) => d.off)).toEqual([null, null, null, null, null, 'off', 'off']);
    const md = reportMarkdown(weekdays, words);
    expect(md).toContain('| Fri, Nov 27 | – |  |\n| report_day_off(Sat, Nov 28) | – |  |\n| report_day_off(Sun, Nov 29) | – |  |');
    // (At the goal all the same, a day off counts as one.)
    const sunday = new Date(2026, 10, 29, 9).getTime();
    const worked = buildReport(topics, [{ id: 's', start: sunday, end: sunday + 61 * 60_000, mode: 'manual' }], partners, NOW, 60, sunday + 62 * 60_000, [], [], undefined, [], undefined, undefined, { veilleDays: [1, 2, 3, 4, 5] });
    expect(reportMarkdown(worked, words)).toContain('| report_day_off(Sun, Nov 29) | 61 | ✓ |');
  });
  it('counts the days at the goal out of the days of veille gone by, and says the days away', () => {
    const weekdays = { veilleDays: [1, 2, 3, 4, 5] };
    // Away on Tuesday (20 min all the same): Monday alone is counted, today (Wednesday) not yet.
    const away = buildReport(topics, sessions, partners, NOW, 60, NOW, [], [], undefined, [], undefined, undefined, { ...weekdays, awayPeriods: [{ from: '2026-11-24', to: '2026-11-24' }] });
    expect([away.kept, away.away]).toEqual([{ visited: 1, of: 1 }, 1]);
    expect(reportMarkdown(away, words)).toContain('\n\nreport_veille_total_one(1 h 25,1,1) report_veille_away_one(1)\n');
    // The whole week gone by: Monday to Friday; a Sunday at the goal counts in both.
    const sunday = new Date(2026, 10, 29, 9).getTime();
    const after = sunday + 2 * 86_400_000;
    const whole = buildReport(topics, [...sessions, { id: 's', start: sunday, end: sunday + 61 * 60_000, mode: 'manual' }], partners, NOW, 60, after, [], [], undefined, [], undefined, undefined, weekdays);
    expect([whole.kept, whole.away]).toEqual([{ visited: 2, of: 6 }, 0]);
    expect(reportMarkdown(whole, words)).toContain('\n\nreport_veille_total_other(2 h 26,2,6)\n');
    // A week away whole: no day of veille; Monday morning, before any: none yet.
    const gone = buildReport(topics, [], partners, NOW, 60, after, [], [], undefined, [], undefined, undefined, { ...weekdays, awayPeriods: [{ from: '2026-11-21', to: '2026-11-30' }] });
    expect(reportMarkdown(gone, words)).toContain('\n\nreport_veille_total_none(0 min) report_veille_away_other(7)\n');
    // Counted from the CM's first veille, and the round's whole days from its first place: a CM who
    // began on Tuesday, with a round made that day, missed no Monday.
    const began = buildReport(topics, sessions, partners, NOW, 60, NOW, [], [], undefined, [], { size: 3, visits: new Map([['2026-11-24', 3]]), since: '2026-11-24' }, undefined, weekdays, '2026-11-24');
    expect([began.kept, began.round?.kept]).toEqual([
      { visited: 0, of: 1 },
      { visited: 1, of: 1 },
    ]);
    const monday = new Date(2026, 10, 23, 8).getTime();
    expect(reportMarkdown(buildReport(topics, [], partners, monday, 60, monday, [], [], undefined, [], undefined, undefined, weekdays), words)).toContain('\n\nreport_veille_total_none_yet(0 min)\n');
  });
  it("names the week's days away, whatever their weekday", () => {
    const away = buildReport(topics, sessions, partners, NOW, 60, NOW, [], [], undefined, [], undefined, undefined, {
      veilleDays: [1, 2, 3, 4, 5],
      awayPeriods: [{ from: '2026-11-20', to: '2026-11-24' }, { from: '2026-11-29', to: '2026-12-02' }],
    });
    expect(away.days.map((d) => d.off)).toEqual(['away', 'away', null, null, null, 'off', 'away']);
    expect(reportMarkdown(away, words)).toContain('| report_day_away(Mon, Nov 23) |');
    expect(reportMarkdown(away, words)).toContain('| report_day_off(Sat, Nov 28) | – |  |\n| report_day_away(Sun, Nov 29) | – |  |');
  });
  it(`names the ${WEEK_TERMS_TOP} terms seen most, the most seen first, in alphabetical order at a tie`, () => {
    const week = ['2026-11-23', '2026-11-24'];
    const counts = new Map(Array.from({ length: 14 }, (_, i) => [`#t${String.fromCharCode(97 + ((i * 5) % 14))}`, new Map([['2026-11-23', 3 + (i % 4)]])] as const));
    const named = weekTerms(counts, week, []);
    expect(named).toHaveLength(WEEK_TERMS_TOP);
    const expected = [...counts].map(([term, byDay]) => ({ term, count: byDay.get('2026-11-23')! }));
    expected.sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
    expect(named.map((t) => [t.term, t.count])).toEqual(expected.slice(0, WEEK_TERMS_TOP).map((t) => [t.term, t.count]));
    expect(named.every((t) => t.trend === null)).toBe(true);
  });
  it('names the hashtags and sites seen most that week, the rising ones marked, each linked to its X search', () => {
    const days = (...pairs: [string, number][]) => new Map(pairs);
    // The 14 days before the week: 9 to 22 November.
    const before = Array.from({ length: 14 }, (_, i): [string, number] => [`2026-11-${String(9 + i).padStart(2, '0')}`, 2]);
    const counts = new Map([
      // 10 in the week's first three days against 1 before: rising.
      ['#chimie', days(['2026-11-23', 6], ['2026-11-25', 4], ['2026-11-20', 1])],
      // 5 in the week against 2 a day before: seen, not rising.
      ['nature.com', days(['2026-11-24', 5], ...before)],
      // 4 in the week, never before: new.
      ['#neuf', days(['2026-11-25', 4])],
      // Seen twice: not named; seen only before the week: not named.
      ['#rare', days(['2026-11-24', 2])],
      ['#old', days(['2026-11-20', 40])],
    ]);
    const withTerms = buildReport(topics, sessions, partners, NOW, 60, NOW, [], [], undefined, [], undefined, counts);
    expect(withTerms.terms).toEqual([
      { term: '#chimie', count: 10, trend: 'rising' },
      { term: 'nature.com', count: 5, trend: null },
      { term: '#neuf', count: 4, trend: 'new' },
    ]);
    expect(reportMarkdown(withTerms, words)).toContain(
      '## report_terms\n\n- report_terms_item([#chimie](https://x.com/search?q=%23chimie&f=live),10) · report_terms_rising\n- report_terms_item([nature.com](https://x.com/search?q=url%3Anature.com&f=live),5)\n- report_terms_item([#neuf](https://x.com/search?q=%23neuf&f=live),4) · report_terms_new\n\n_report_terms_rule_\n\n## report_impact',
    );
    const csv = readCsv(reportCsv(withTerms, words));
    expect(csv.rows.filter((x) => x.cells[0] === 'report_terms').map((x) => x.cells)).toEqual([
      ['report_terms', 'report_terms_rising', '#chimie', 'https://x.com/search?q=%23chimie&f=live', '', '', '', 'report_terms_count(10)', '', ''],
      ['report_terms', '', 'nature.com', 'https://x.com/search?q=url%3Anature.com&f=live', '', '', '', 'report_terms_count(5)', '', ''],
      ['report_terms', 'report_terms_new', '#neuf', 'https://x.com/search?q=%23neuf&f=live', '', '', '', 'report_terms_count(4)', '', ''],
    ]);
    // Where nothing was counted before the week (Veille was not counting yet), no term is new or rising.
    const first = buildReport(topics, sessions, partners, NOW, 60, NOW, [], [], undefined, [], undefined, new Map([['#chimie', days(['2026-11-23', 6])]]));
    expect(first.terms).toEqual([{ term: '#chimie', count: 6, trend: null }]);
    expect(reportMarkdown(first, words)).not.toContain('report_terms_rule');
    // None: said so. A week older than the counts kept: said so too.
    expect(reportMarkdown(r, words)).toContain('## report_terms\n\n_report_terms_none_\n\n## report_impact');
    const old = buildReport(topics, sessions, partners, NOW - 100 * 86_400_000, 60, NOW, [], [], undefined, [], undefined, counts);
    expect(old.terms).toBeNull();
    expect(reportMarkdown(old, words)).toContain('## report_terms\n\n_report_terms_expired(90)_\n\n## report_impact');
  });
  it("adds each day's places of the veille's round visited, and the days it was visited whole, where there is a round", () => {
    expect(r.round).toBeNull();
    const visits = new Map([['2026-11-23', 3], ['2026-11-24', 1], ['2026-11-20', 3]]);
    const withRound = buildReport(topics, sessions, partners, NOW, 60, NOW, [], [], undefined, [], { size: 3, visits });
    // (Its whole days counted out of Monday and Tuesday: Wednesday, today, not yet.)
    expect(withRound.round).toEqual({ size: 3, visits: [3, 1, 0, null, null, null, null], kept: { visited: 1, of: 2 } });
    const text = reportMarkdown(withRound, words);
    expect(text).toContain('| report_day | report_minutes | report_goal_met | report_round_col |\n|---|---:|---|---:|');
    expect(text).toContain('| Mon, Nov 23 | 65 | ✓ | 3 / 3 |\n| Tue, Nov 24 | 20 |  | 1 / 3 |\n| Wed, Nov 25 | 0 |  | 0 / 3 |\n| Thu, Nov 26 | – |  | – |');
    expect(text).toContain('report_round_total(1,2)');
    // In the CSV, a column of its own, as numbers; the topics' rows leave it empty.
    const csv = readCsv(reportCsv(withRound, words));
    expect(csv.header.at(-1)).toBe('report_round_col');
    expect(csv.rows.filter((x) => x.cells[0] === 'report_col_veille').map((x) => x.cells.at(-1))).toEqual(['3', '1', '0', '', '', '', '']);
    expect(csv.rows.filter((x) => x.cells[0] !== 'report_col_veille').every((x) => x.cells.length === csv.header.length && x.cells.at(-1) === '')).toBe(true);
    expect(readCsv(reportCsv(r, words)).header.at(-1)).toBe('report_minutes');
    // A round emptied since: the week's visits stay, with no whole round to count.
    const emptied = buildReport(topics, sessions, partners, NOW, 60, NOW, [], [], undefined, [], { size: 0, visits });
    expect(emptied.round?.visits.slice(0, 2)).toEqual([3, 1]);
    expect(reportMarkdown(emptied, words)).toContain('| Mon, Nov 23 | 65 | ✓ | 3 |');
    expect(reportMarkdown(emptied, words)).not.toContain('report_round_total');
    // No round and no visits that week: the table as before.
    expect(buildReport(topics, sessions, partners, NOW, 60, NOW, [], [], undefined, [], { size: 0, visits: new Map([['2026-11-20', 3]]) }).round).toBeNull();
  });
  it('puts images and video first among the proposed topics', () => {
    expect(r.proposed.map((t) => t.title)).toEqual(['Vidéo du labo', 'Old', 'Texte seul']);
    expect(r.saved.proposed.map((t) => t.title)).toEqual(['Vidéo du labo', 'Texte seul']);
    expect(r.saved.watching.map((t) => t.title)).toEqual(['=HYPERLINK("http://evil")']);
    expect(r.partners).toEqual([{ handle: 'univnantes', name: 'Nantes Université', category: 'academic', topics: 1 }]);
  });
  it("links a topic's published tweet", () => {
    const published = buildReport([topic({ title: 'Publié', status: 'published', publishedUrl: 'https://x.com/inria/status/1' })], [], [], NOW, 60, NOW);
    expect(reportMarkdown(published, words)).toContain('- Publié — [report_published](https://x.com/inria/status/1)');
  });
  it("lists the topics published that week, each with its tweet's latest figures seen on X and its impressions", () => {
    const week = [
      topic({ title: 'Vu et exporté', status: 'published', publishedAt: start + 2 * 86_400_000, publishedUrl: 'https://x.com/inria/status/11' }),
      topic({ title: 'Pas encore vu', status: 'published', publishedAt: start, publishedUrl: 'https://x.com/inria/status/12' }),
      // Published the week before, or moved back since: not this week's.
      topic({ title: 'Avant', status: 'published', publishedAt: start - 86_400_000 }),
      topic({ title: 'Revenu', status: 'proposed' }),
    ];
    const metrics: TweetMetric[] = [
      { tweetId: '11', capturedAt: start + 3 * 86_400_000, source: 'page', likes: 12, views: 340 },
      { tweetId: '11', capturedAt: start + 2 * 86_400_000, source: 'page', likes: 1, views: 10 },
      { tweetId: '11', capturedAt: start + 4 * 86_400_000, source: 'analytics', impressions: 1234 },
    ];
    const r = buildReport(week, [], [], NOW, 60, NOW, [], [], undefined, metrics);
    expect(r.published.map((p) => [p.topic.title, p.seen, p.impressions])).toEqual([
      ['Pas encore vu', null, undefined],
      ['Vu et exporté', { views: 340, likes: 12 }, 1234],
    ]);
    expect(reportMarkdown(r, words)).toContain(
      [
        '## report_published_heading (2)',
        '',
        '- Pas encore vu — [report_published](https://x.com/inria/status/12)',
        '- Vu et exporté — [report_published](https://x.com/inria/status/11)',
        '  report_published_figures(seen_views_other(340), seen_likes_other(12) · 1,234 a_impressions)',
        '',
        '## report_saved',
      ].join('\n'),
    );
    // None that week: no section.
    expect(reportMarkdown(buildReport([], [], [], NOW, 60, NOW), words)).not.toContain('report_published_heading');
  });
  it('says "< 1" for a day of a few seconds, as the popup does, and adds up the week from the seconds', () => {
    const wed = new Date(2026, 10, 25, 8).getTime();
    const tue = start + 86_400_000 + 30 * 60_000;
    const more = [...sessions, { id: 'c', start: wed, end: wed + 40_000, mode: 'auto' as const }, { id: 'd', start: tue, end: tue + 50_000, mode: 'auto' as const }];
    const text = reportMarkdown(buildReport(topics, more, partners, NOW, 60, NOW), words);
    expect(text).toContain('| Tue, Nov 24 | 20 |  |\n| Wed, Nov 25 | < 1 |  |\n| Thu, Nov 26 | – |  |');
    // 65 min, 20 min 50 s and 40 s: 1 h 26, not the 1 h 25 of the whole minutes.
    expect(text).toContain('report_veille_total_other(1 h 26,1,2)');
    // The CSV keeps whole minutes, a number a spreadsheet adds up.
    expect(reportCsv(buildReport(topics, more, partners, NOW, 60, NOW), words)).toContain('report_col_veille,,,,,,,,2026-11-25,0\r\n');
    // A day 10 s short of the goal is not at the goal.
    const short = [{ id: 'e', start, end: start + 60 * 60_000 - 10_000, mode: 'manual' as const }];
    expect(reportMarkdown(buildReport(topics, short, partners, NOW, 60, NOW), words)).toContain('| Mon, Nov 23 | 59 |  |');
  });
  it('writes Markdown ready to paste, with markup in titles and notes neutralised', () => {
    const text = reportMarkdown(r, words);
    expect(text).toContain('# report_title(November 23, 2026,November 29, 2026)');
    expect(text).toContain('- [Vidéo du labo](https://x.com/univnantes/status/1) — media_video · @univnantes · #chimie_verte');
    expect(text).toContain('\\*bold\\*');
    expect(text).toContain('| report_day | report_minutes | report_goal_met |');
    expect(text).toContain('| Mon, Nov 23 | 65 | ✓ |');
    // The week in one line under its days: 65 and 20 minutes, one day at the goal of the two gone by
    // (Wednesday, today, not over).
    expect(text).toMatch(/\| Sun, Nov 29 \| – \|  \|\n\nreport_veille_total_other\(1 h 25,1,2\)\n/);
    expect(text).toContain('- Nantes Université (@univnantes) — what_of(cat_academic,report_partner_topics_one(1))');
    expect(text.indexOf('Vidéo du labo')).toBeLessThan(text.indexOf('Texte seul'));
  });
  it('writes HTML for the clipboard: headings, lists with their notes, links, the table, and markup in titles and notes shown as text', () => {
    const html = reportHtml(reportMarkdown(r, words));
    expect(html).toContain('<h1>report_title(November 23, 2026,November 29, 2026)</h1>');
    expect(html).toContain('<h2>report_proposed (3)</h2>');
    expect(html).toContain('<li><a href="https://x.com/univnantes/status/1">Vidéo du labo</a> — media_video · @univnantes · #chimie_verte</li>');
    // A note continues its topic's item; escaped markup is text again, and HTML in it stays text.
    expect(html).toContain('<li>=HYPERLINK(&quot;http://evil&quot;) — media_image<br>@cmd | *bold*</li>');
    expect(html).toContain('<p><em>report_impact_none</em></p>');
    expect(html).toContain('<th style="text-align:left;padding:2px 8px">report_day</th><th style="text-align:right;padding:2px 8px">report_minutes</th>');
    expect(html).toContain('<tr><td style="text-align:left;padding:2px 8px">Mon, Nov 23</td><td style="text-align:right;padding:2px 8px">65</td><td style="text-align:left;padding:2px 8px">✓</td></tr>');
    expect(html).not.toMatch(/[#[\]]\(|\\/);
    const evil = reportHtml(reportMarkdown(buildReport([topic({ title: '<img src=x onerror=alert(1)> [a](javascript:x)', status: 'proposed', note: '</li><script>' })], [], [], NOW, 60, NOW), words));
    expect(evil).toContain('<li>&lt;img src=x onerror=alert(1)&gt; [a](javascript:x)<br>&lt;/li&gt;&lt;script&gt;</li>');
    expect(evil).not.toContain('<script');
    expect(evil).not.toContain('<img');
  });

  it('writes CSV with the same escaping as the partner export', () => {
    const table = readCsv(reportCsv(r, words));
    // In the CM's words: its columns, sections, statuses and media.
    expect(table.header).toEqual(['report_col_section', 'report_col_status', 'report_col_title', 'report_col_url', 'report_col_source', 'report_col_media', 'report_col_tags', 'report_col_note', 'report_day', 'report_minutes']);
    expect(table.rows[0]!.cells.slice(0, 6)).toEqual(['report_proposed', 'status_proposed', 'Vidéo du labo', 'https://x.com/univnantes/status/1', 'https://x.com/univnantes', 'media_video']);
    const evil = table.rows.find((x) => x.cells[2]!.includes('HYPERLINK'))!;
    expect(evil.cells[2]).toBe(`'=HYPERLINK("http://evil")`);
    expect(evil.cells[7]).toBe(`'@cmd | *bold*`);
    expect(table.rows.filter((x) => x.cells[0] === 'report_col_veille')).toHaveLength(7);
    // Separated by ";" for a French spreadsheet: the same table.
    const semicolons = readCsv(reportCsv(r, words, ';'));
    expect(semicolons.delimiter).toBe(';');
    expect(semicolons.rows).toEqual(table.rows);
  });
});

describe("the dashboard's address of a topic", () => {
  it('names the topic, its id escaped as the popup and the notifications write it; an escape of no UTF-8, typed, as written', () => {
    const id = 'a1b2 c3/é';
    expect(topicOfHash(`${TOPIC_HASH}${encodeURIComponent(id)}`)).toBe(id);
    expect(topicOfHash('#topic-%E2%82')).toBe('%E2%82');
    expect(topicOfHash('#topic-')).toBeNull();
    expect(topicOfHash('#report-week-2026-11-23')).toBeNull();
  });
});

describe('a card on the board', () => {
  it('shows its tags, then its hashtags not among them, four at most, and how many more', async () => {
    const { labelsOf } = await import('@/components/topics/Board');
    expect(labelsOf({ tags: ['carbone', '#chimie'], hashtags: ['#chimie', '#climat'] })).toEqual({ shown: ['carbone', '#chimie', '#climat'], more: 0 });
    expect(labelsOf({ tags: ['a', 'b', 'c'], hashtags: ['#d', '#e', '#f'] })).toEqual({ shown: ['a', 'b', 'c', '#d'], more: 2 });
    expect(labelsOf({ tags: [], hashtags: [] })).toEqual({ shown: [], more: 0 });
  });
});

describe("a topic's source tweet figures", () => {
  it('name the figures the snapshot knows, and leave out the others rather than show 0', async () => {
    const { engagementText } = await import('@/components/topics/TopicDetail');
    const nf = new Intl.NumberFormat('en');
    const base = { tweetId: '1', capturedAt: 0, source: 'page' as const };
    expect(engagementText({ ...base, likes: 1776, reposts: 12, replies: 0, bookmarks: 2, views: 9281975 }, nf)).toBe('1,776 likes, 12 reposts, 0 replies, 2 bookmarks, 9,281,975 views');
    // An archive's tweet: no views, no replies.
    expect(engagementText({ ...base, source: 'archive', likes: 12, reposts: 3, views: null }, nf)).toBe('12 likes, 3 reposts');
    // One of a kind is one.
    expect(engagementText({ ...base, likes: 1, reposts: 1, replies: 1, bookmarks: 1, views: 1 }, nf)).toBe('1 like, 1 repost, 1 reply, 1 bookmark, 1 view');
  });
});

describe("the weekly report's impact section", () => {
  // Tweets of the week of Monday 23 November 2026 (ids date them), one of the week before.
  const at = (d: number, h = 10) => new Date(2026, 10, d, h).getTime();
  const id = (t: number) => snowflakeAt(t);
  const analytics = (t: number, impressions: number, engagements: number, extra: Partial<TweetMetric> = {}): TweetMetric => ({
    tweetId: id(t),
    capturedAt: at(28),
    source: 'analytics',
    postedAt: t,
    authorHandle: 'chimiecnrs',
    impressions,
    engagements,
    ...extra,
  });
  const metrics: TweetMetric[] = [
    analytics(at(23), 1000, 20, { text: 'Une molécule qui capte le CO2 [vidéo]\nSuite du fil' }),
    analytics(at(24), 3000, 60, { capturedAt: at(25), text: 'Portes ouvertes du labo' }),
    // A later export of the same tweet: the latest figures count.
    analytics(at(24), 4000, 100, { text: 'Portes ouvertes du labo' }),
    analytics(at(20), 90_000, 900, { text: 'La semaine d’avant' }),
    // What the page showed is not analytics.
    { tweetId: id(at(26)), capturedAt: at(26, 12), source: 'page', likes: 5, views: 100_000 },
  ];

  it('sums the imported analytics of the tweets posted that week, and names the most seen', () => {
    const r = buildReport([], [], [], NOW, 60, NOW, metrics);
    expect(r.impact!.totals).toMatchObject({ tweets: 2, impressions: 5000, engagements: 120 });
    expect(r.impact!.top).toMatchObject({ tweetId: id(at(24)), impressions: 4000, rate: 0.025 });
    const text = reportMarkdown(r, (k, ...subs) => `${k}(${subs.join('|')})`, 'fr');
    // Against the week before, whose one tweet was seen 90,000 times.
    expect(r.impactBefore!.totals).toMatchObject({ tweets: 1, impressions: 90_000, engagements: 900 });
    expect(text).toContain(
      '## report_impact()\n\ndash_totals_other(2|n_impressions_other(5\u202f000)|n_engagements_other(120)|2,4 %)\n\nreport_impact_before(−94 %|−87 %|dash_tweets_one(1)|n_impressions_other(90\u202f000))\n\nreport_impact_top([Portes ouvertes du labo](https://x.com/chimiecnrs/status/' +
        id(at(24)) +
        ')|n_impressions_other(4\u202f000)|2,5 %)\n',
    );
    // Nothing to compare with: no line.
    const alone = buildReport([], [], [], NOW, 60, NOW, metrics.filter((m) => m.postedAt !== at(20)));
    expect(alone.impactBefore).toBeNull();
    expect(reportMarkdown(alone, (k) => k)).not.toContain('report_impact_before');
  });

  it("reads the week's tweets and the week before's from the database, by their ids", async () => {
    await db.tweetMetrics.bulkPut([...metrics, analytics(at(13), 7, 7)]);
    const r = await loadReport(db, NOW, NOW);
    expect([r.impact!.totals.impressions, r.impactBefore!.totals.impressions]).toEqual([5000, 90_000]);
  });

  it('writes one tweet in the singular', () => {
    const r = buildReport([], [], [], at(18), 60, NOW, metrics);
    expect(reportMarkdown(r, (k, ...subs) => `${k}(${subs.join('|')})`)).toContain('dash_totals_one(1|n_impressions_other(90,000)|n_engagements_other(900)|1 %)');
    // And each count inside the line in its own form, in the real words: "1 engagement", "1 engagement".
    const one = buildReport([], [], [], at(18), 60, NOW, [analytics(at(16), 100, 1)]);
    expect(reportMarkdown(one, wordsFrom(en), 'en')).toContain('\n1 tweet · 100 impressions · 1 engagement · engagement rate 1 %\n');
    expect(reportMarkdown(one, wordsFrom(fr), 'fr')).toContain('\n1 tweet · 100 impressions · 1 engagement · taux d’engagement 1 %\n');
  });

  it('says when nothing was imported for that week', () => {
    const r = buildReport([], [], [], new Date(2026, 11, 2).getTime(), 60, NOW, metrics);
    expect(r.impact).toBeNull();
    expect(reportMarkdown(r, (k) => k)).toContain('## report_impact\n\n_report_impact_none_\n');
  });

  it("adds each account's days of the week from the per-day exports, the most seen first", async () => {
    const days = [
      { account: 'chimiecnrs', day: '2026-11-23', impressions: 1000, engagements: 30, newFollows: 4, unfollows: 1 },
      { account: 'chimiecnrs', day: '2026-11-29', impressions: 3000, engagements: 70, newFollows: 2, unfollows: 0 },
      { account: 'inria', day: '2026-11-25', impressions: 5000, engagements: 50, newFollows: 9 },
      { account: '', day: '2026-11-24', impressions: 10 },
      // (The days before and after the week: left out.)
      { account: 'chimiecnrs', day: '2026-11-22', impressions: 99_999 },
      { account: 'inria', day: '2026-11-30', impressions: 99_999 },
    ];
    const r = buildReport([], [], [], NOW, 60, NOW, [], days);
    expect(r.accounts).toEqual([
      { account: 'inria', days: 1, impressions: 5000, engagements: 50, rate: 0.01, newFollows: 9 },
      { account: 'chimiecnrs', days: 2, impressions: 4000, engagements: 100, rate: 0.025, newFollows: 6, unfollows: 1 },
      { account: '', days: 1, impressions: 10, engagements: 0, rate: 0 },
    ]);
    const text = reportMarkdown(r, (k, ...subs) => `${k}(${subs.join('|')})`, 'fr');
    expect(text).toContain(
      [
        '_report_impact_none()_',
        '',
        'report_accounts()',
        '',
        '- report_account_week_one(@inria|1|n_impressions_other(5\u202f000)|n_engagements_other(50)|1 %), report_account_new_follows(9)',
        '- report_account_week_other(@chimiecnrs|2|n_impressions_other(4\u202f000)|n_engagements_other(100)|2,5 %), report_account_follows(6|1)',
        '- report_account_week_one(report_account_unnamed()|1|n_impressions_other(10)|n_engagements_one(0)|0 %)',
        '',
        '## report_seen()',
        '',
        '_report_seen_no_accounts()_',
        '',
        '## report_veille(60)',
      ].join('\n'),
    );
    // None: no line about them.
    expect(reportMarkdown(buildReport([], [], [], NOW, 60, NOW), (k) => k)).not.toContain('report_accounts');
    // From the database: the week's days, by their index.
    await db.dailyFigures.bulkPut(days);
    expect((await loadReport(db, NOW, NOW)).accounts.map((a) => [a.account, a.impressions])).toEqual([
      ['inria', 5000],
      ['chimiecnrs', 4000],
      ['', 10],
    ]);
  });

  it('reads the week\'s tweets from the database by their ids', async () => {
    await db.tweetMetrics.bulkPut(metrics);
    const r = await loadReport(db, NOW, NOW);
    expect(r.impact!.totals).toMatchObject({ tweets: 2, impressions: 5000 });
    // In 2018 ids grew from 18 to 19 digits: that week is two ranges of ids, one for each length.
    const mixed = new Date(2018, 4, 23).getTime();
    expect(snowflakeAt(weekStart(mixed)).length).toBe(18);
    expect(snowflakeAt(weekStart(mixed) + 7 * 86_400_000).length).toBe(19);
    await db.tweetMetrics.bulkPut([analytics(mixed, 10, 1), analytics(mixed + 3 * 86_400_000, 30, 3)]);
    // Tweets of other weeks whose ids, as text, lie in those ranges: one of 2011 (18 digits from
    // "100"), and one of 19 digits that starts as the week's first id (decades from now); and the
    // week after.
    const lo = snowflakeAt(weekStart(mixed));
    const other = [`1${'0'.repeat(16)}1`, `${lo}5`];
    await db.tweetMetrics.bulkPut([...other.map((tweetId) => ({ ...analytics(mixed, 1000, 1), tweetId })), analytics(mixed + 7 * 86_400_000, 2000, 2)]);
    expect(await db.tweetMetrics.where('tweetId').inAnyRange([[lo, '9'.repeat(18)], [`1${'0'.repeat(18)}`, snowflakeAt(weekStart(mixed) + 7 * 86_400_000)]]).count()).toBe(4);
    expect((await loadReport(db, mixed, NOW)).impact!.totals).toMatchObject({ tweets: 2, impressions: 40 });
  });
});

describe("the weekly report's institution accounts as seen on X", () => {
  // The week of Monday 23 November 2026; tweets dated by their ids.
  const at = (d: number, h = 10) => new Date(2026, 10, d, h).getTime();
  const words = (k: string, ...subs: (string | number)[]) => `${k}(${subs.join('|')})`;
  const partner = (handle: string, category: Partner['category']): Partner => ({ id: handle, handle, name: handle, category, tags: [], note: '', createdAt: 0, updatedAt: 0 });
  const partners = [partner('inria', 'institution'), partner('inria_fr', 'institution'), partner('inria_en', 'institution'), partner('cnrs', 'academic')];
  const page = (posted: number, capturedAt: number, authorHandle: string, counts: Partial<TweetMetric>): TweetMetric => ({
    tweetId: snowflakeAt(posted),
    capturedAt,
    source: 'page',
    authorHandle,
    ...counts,
  });
  const captures: TweetMetric[] = [
    // Captured twice: the latest counts count, even when captured after the week.
    page(at(24), at(24, 12), 'inria', { views: 1000, likes: 10, reposts: 1, replies: 0 }),
    page(at(24), at(30, 9), 'inria', { views: 4000, likes: 40, reposts: 4, replies: 2 }),
    page(at(26), at(26, 11), 'inria_fr', { views: 2500, likes: 90, reposts: 0, replies: 5, approximate: ['views'] }),
    // Left out: a partner that is not the institution's, the tweet of the week before, imported analytics.
    page(at(25), at(25, 11), 'cnrs', { views: 99_999, likes: 1 }),
    page(at(20), at(24, 11), 'inria', { views: 99_999, likes: 1 }),
    { ...page(at(27), at(28), 'inria', { impressions: 99_999 }), source: 'analytics' },
  ];
  const snap = (handle: string, day: string, followers: number | null) => ({ handle, day, capturedAt: new Date(`${day}T10:00:00`).getTime(), followers, following: 1, posts: 1 });
  const snapshots = [
    snap('inria', '2026-11-10', 50_000),
    snap('inria', '2026-11-20', 51_000),
    snap('inria', '2026-11-24', 51_100),
    snap('inria', '2026-11-28', 51_234),
    // After the week: not the week's last visit.
    snap('inria', '2026-12-01', 60_000),
    snap('inria_fr', '2026-11-25', 8_000),
    snap('inria_fr', '2026-11-27', 7_990),
    // A visit whose counts could not be read: not a visit that gives followers.
    snap('inria_en', '2026-11-25', null),
  ];

  it('adds up the latest counts of their tweets of the week, names the most viewed, and gives each profile\'s followers', () => {
    const r = buildReport([], [], partners, NOW, 60, NOW, [], [], { captures, snapshots, capturing: true });
    expect(r.seen).toEqual({
      accounts: ['inria', 'inria_en', 'inria_fr'],
      tweets: 2,
      authors: ['inria', 'inria_fr'],
      views: 6500,
      likes: 130,
      reposts: 4,
      replies: 7,
      approximate: true,
      top: [{ tweetId: snowflakeAt(at(24)), authorHandle: 'inria', postedAt: at(24), views: 4000, likes: 40 }],
      followers: [
        { handle: 'inria', followers: 51_234, change: { by: 234, since: '2026-11-20' } },
        { handle: 'inria_fr', followers: 7_990, change: { by: -10, since: '2026-11-25' } },
      ],
      notVisited: ['inria_en'],
      capturing: true,
    });
    const text = reportMarkdown(r, words, 'fr');
    expect(text).toContain(
      [
        '## report_seen()',
        '',
        'report_seen_tweets_other(@inria, @inria_fr|2|seen_views_other(6\u202f500), seen_likes_other(130), seen_reposts_other(4), seen_replies_other(7)) report_seen_approximate()',
        '',
        `report_seen_top([@inria, 24 nov. 2026](https://x.com/inria/status/${snowflakeAt(at(24))})|seen_views_other(4\u202f000), seen_likes_other(40))`,
        '',
        '- report_seen_followers(@inria|n_followers_other(51\u202f234)) (report_seen_change(+234|20 nov. 2026))',
        '- report_seen_followers(@inria_fr|n_followers_other(7\u202f990)) (report_seen_change(−10|25 nov. 2026))',
        '- report_seen_not_visited_one([@inria_en](https://x.com/inria_en))',
        '',
        '## report_veille(60)',
      ].join('\n'),
    );
  });

  it('says a first visit, a week without their tweets, capture switched off, and how to name the accounts', () => {
    const one = buildReport([], [], [partner('inria', 'institution')], NOW, 60, NOW, [], [], { captures: [], snapshots: [snap('inria', '2026-11-26', 51_000)], capturing: false });
    expect(one.seen).toMatchObject({ tweets: 0, top: [], followers: [{ handle: 'inria', followers: 51_000, change: null }], notVisited: [] });
    expect(reportMarkdown(one, words)).toContain(
      '## report_seen()\n\n_report_seen_capture_off()_\n\n_report_seen_no_tweets()_\n\n- report_seen_followers(@inria|n_followers_other(51,000)) (report_seen_first_visit())\n\n## report_veille',
    );
    const single = buildReport([], [], partners, NOW, 60, NOW, [], [], { captures: captures.slice(2, 3), snapshots: [], capturing: true });
    expect(reportMarkdown(single, words)).toContain('report_seen_tweets_one(@inria_fr|1|seen_views_other(2,500), seen_likes_other(90), seen_reposts_other(0), seen_replies_other(5)) report_seen_approximate()\n');
    const none = buildReport([], [], [partner('cnrs', 'academic')], NOW, 60, NOW, [], [], { captures, snapshots, capturing: true });
    expect(reportMarkdown(none, words)).toContain('## report_seen()\n\n_report_seen_no_accounts()_\n\n## report_veille');
  });

  it('reads them from the database: the institution\'s captures since the week began, their profiles, the capture setting', async () => {
    await db.partners.bulkPut(partners);
    await db.tweetMetrics.bulkPut(captures);
    await db.profileSnapshots.bulkPut(snapshots);
    const r = await loadReport(db, NOW, NOW);
    expect(r.seen).toMatchObject({ tweets: 2, views: 6500, notVisited: ['inria_en'], capturing: true });
    expect(r.seen.followers.map((f) => [f.handle, f.followers])).toEqual([
      ['inria', 51_234],
      ['inria_fr', 7_990],
    ]);
  });
});

describe("the weekly report's partners' tweets seen on X", () => {
  const at = (d: number, h = 10) => new Date(2026, 10, d, h).getTime();
  const words = (k: string, ...subs: (string | number)[]) => `${k}(${subs.join('|')})`;
  const partner = (handle: string, name: string, category: Partner['category']): Partner => ({ id: handle, handle, name, category, tags: [], note: '', createdAt: 0, updatedAt: 0 });
  const partners = [partner('cnrs', 'CNRS', 'academic'), partner('nature', 'Nature [journal]', 'journal'), partner('ademe', 'ADEME', 'public_authority'), partner('inria', 'Inria', 'institution')];
  const page = (posted: number, capturedAt: number, authorHandle: string, views: number, likes: number, extra: Partial<TweetMetric> = {}): TweetMetric => ({
    tweetId: snowflakeAt(posted),
    capturedAt,
    source: 'page',
    authorHandle,
    views,
    likes,
    reposts: 1,
    replies: 2,
    ...extra,
  });
  const captures: TweetMetric[] = [
    page(at(24), at(24, 12), 'cnrs', 1000, 10),
    // Seen again two days later: the latest counts count.
    page(at(24), at(26, 12), 'cnrs', 3000, 30),
    page(at(25), at(25, 11), 'nature', 8000, 5, { approximate: ['views'] }),
    page(at(27), at(27, 11), 'cnrs', 500, 50),
    // Left out: the institution's own tweet, a stranger's, the week before's, imported analytics.
    page(at(25), at(25, 12), 'inria', 99_999, 1),
    page(at(25), at(25, 13), 'someone', 99_999, 1),
    page(at(20), at(24, 11), 'nature', 99_999, 1),
    { ...page(at(26), at(28), 'ademe', 0, 0), source: 'analytics', impressions: 99_999 },
  ];
  const saved: Topic = { id: 't', title: 'Nature', note: '', tags: [], hashtags: [], status: 'proposed', createdAt: NOW, updatedAt: NOW, sourceTweetId: snowflakeAt(at(25)) };

  it("adds up the partners' tweets of the week by their latest counts, and names the most viewed with those already on the board", () => {
    const r = buildReport([saved], [], partners, NOW, 60, NOW, [], [], { captures, snapshots: [], capturing: true });
    expect(r.partnersSeen).toMatchObject({ partners: 3, tweets: 3, authors: ['cnrs', 'nature'], views: 11_500, likes: 85, reposts: 3, replies: 6, approximate: true });
    expect(r.partnersSeen.top.map((x) => [x.authorHandle, x.name, x.category, x.views, x.likes, x.topic])).toEqual([
      ['nature', 'Nature [journal]', 'journal', 8000, 5, 'proposed'],
      ['cnrs', 'CNRS', 'academic', 3000, 30, undefined],
      ['cnrs', 'CNRS', 'academic', 500, 50, undefined],
    ]);
    expect(reportMarkdown(r, words, 'fr')).toContain(
      [
        '## report_partners_seen()',
        '',
        'report_partners_seen_tweets_other(3|seen_views_other(11\u202f500), seen_likes_other(85), seen_reposts_other(3), seen_replies_other(6)) report_partners_seen_authors_other(2|3) report_seen_approximate()',
        '',
        'report_partners_seen_top()',
        '',
        `- report_partners_seen_item([Nature \\[journal\\] (@nature), 25 nov. 2026](https://x.com/nature/status/${snowflakeAt(at(25))})|cat_journal()|seen_views_other(8\u202f000), seen_likes_other(5)) · report_partners_seen_on_board(status_proposed())`,
        `- report_partners_seen_item([CNRS (@cnrs), 24 nov. 2026](https://x.com/cnrs/status/${snowflakeAt(at(24))})|cat_academic()|seen_views_other(3\u202f000), seen_likes_other(30))`,
        `- report_partners_seen_item([CNRS (@cnrs), 27 nov. 2026](https://x.com/cnrs/status/${snowflakeAt(at(27))})|cat_academic()|seen_views_other(500), seen_likes_other(50))`,
        '',
      ].join('\n'),
    );
    expect(reportMarkdown(r, words, 'fr')).toMatch(/\n## report_partners\(\)\n\n_report_none\(\)_\n\n## report_partners_seen\(\)\n/);
  });

  it('names five at most, says when none was seen or capture is off, and has no section without partners', () => {
    const many = Array.from({ length: 7 }, (_, i) => page(at(24, 8 + i), at(24, 20), 'cnrs', 100 * (i + 1), 1));
    const r = buildReport([], [], partners, NOW, 60, NOW, [], [], { captures: many, snapshots: [], capturing: true });
    expect([r.partnersSeen.tweets, r.partnersSeen.top.map((x) => x.views)]).toEqual([7, [700, 600, 500, 400, 300]]);
    expect(reportMarkdown(r, words, 'en')).toContain('report_partners_seen_tweets_other(7|seen_views_other(2,800), seen_likes_other(7), seen_reposts_other(7), seen_replies_other(14)) report_partners_seen_authors_one(1|3)\n');
    const none = buildReport([], [], partners, NOW, 60, NOW, [], [], { captures: [], snapshots: [], capturing: false });
    expect(reportMarkdown(none, words)).toMatch(/## report_partners_seen\(\)\n\n_report_seen_capture_off\(\)_\n\n_report_partners_seen_none\(\)_\n$/);
    const own = buildReport([], [], [partner('inria', 'Inria', 'institution')], NOW, 60, NOW, [], [], { captures, snapshots: [], capturing: true });
    expect(own.partnersSeen.partners).toBe(0);
    expect(reportMarkdown(own, words)).not.toContain('report_partners_seen');
  });

  it("reads the week's captures and those of the week after it, not older or later ones", async () => {
    await db.partners.bulkPut(partners);
    // The week of 16 November, read on 25 November: its tweets' captures up to 30 November count.
    const before = at(17);
    await db.tweetMetrics.bulkPut([
      page(before, at(17, 12), 'cnrs', 100, 1),
      page(before, at(29, 12), 'cnrs', 200, 2),
      page(before, at(30, 12), 'cnrs', 999, 9),
      page(at(18), at(18, 12), 'nature', 50, 0),
      ...captures,
    ]);
    const last = await loadReport(db, before, NOW);
    // (With the tweet of 20 November, which that week's report counts.)
    expect([last.partnersSeen.tweets, last.partnersSeen.views, last.partnersSeen.top.map((x) => x.views)]).toEqual([3, 100_249, [99_999, 200, 50]]);
    const r = await loadReport(db, NOW, NOW);
    expect([r.partnersSeen.tweets, r.partnersSeen.views, r.seen.tweets, r.seen.views]).toEqual([3, 11_500, 1, 99_999]);
  });
});
