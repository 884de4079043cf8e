import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupToJson, exportBackup, readBackup } from '@/lib/backup';
import { PARTNER_CATEGORIES } from '@/lib/categories';
import type { VeilleDB } from '@/lib/db';
import { dropDb, freshDb } from './fresh-db';
import { CaptureQueue } from '@/lib/capture-queue';
import { createHandlers } from '@/lib/handlers';
import { getSettings, saveSettings, showOverlay } from '@/lib/settings';
import { savePartner } from '@/lib/partners';
import { lastSeenOf } from '@/lib/profiles';
import { NO_ANSWER, asTabEvent, call, portTransport } from '@/lib/messaging';
import { dispatch, send, type Handlers } from '@/lib/protocol';

let db: VeilleDB;
let handlers: Handlers;
const notifyXTabs = vi.fn(async () => 2);
beforeEach(async () => {
  db = await freshDb();
  handlers = createHandlers(db, { notifyXTabs });
  await savePartner(db, { handle: 'UnivNantes', name: 'Nantes Université', category: 'academic', note: 'private note' });
});
afterEach(() => dropDb(db));

/** The transport the content script uses, wired straight to the worker's dispatcher. */
const transport = (msg: unknown) => dispatch(handlers, msg) ?? Promise.reject(new Error('not ours'));

describe('message protocol', () => {
  it('gives the overlays every partner, with only what a tag needs', async () => {
    await savePartner(db, { handle: 'JACS_Au', name: 'JACS Au', category: 'journal' });
    const res = await send('overlay.partners', {}, transport);
    expect(res.partners.sort((a, b) => a.handle.localeCompare(b.handle))).toEqual([
      { handle: 'jacs_au', name: 'JACS Au', category: 'journal', tags: [], note: '' },
      { handle: 'univnantes', name: 'Nantes Université', category: 'academic', tags: [], note: 'private note' },
    ]);
  });

  it('tells the overlays which of them the CM hides, once each, and refuses an unknown one', async () => {
    expect((await send('overlay.partners', {}, transport)).hidden).toEqual([]);
    await saveSettings(db, { hiddenOverlays: ['strip', 'save', 'strip'] });
    expect((await send('overlay.partners', {}, transport)).hidden).toEqual(['strip', 'save']);
    await expect(saveSettings(db, { hiddenOverlays: ['sidebar' as 'strip'] })).rejects.toThrow();
    expect((await send('overlay.partners', {}, transport)).hidden).toEqual(['strip', 'save']);
    // The popup's switch hides them all for a while; switched on again, the settings' choice is back.
    await saveSettings(db, { overlaysPaused: true });
    expect((await send('overlay.partners', {}, transport)).hidden).toEqual(['author', 'strip', 'card', 'save']);
    await saveSettings(db, { overlaysPaused: false });
    expect((await send('overlay.partners', {}, transport)).hidden).toEqual(['strip', 'save']);
  });

  it('counts every switch flipped in a row, each read and written in one transaction', async () => {
    await Promise.all([showOverlay(db, 'author', false), showOverlay(db, 'card', false), showOverlay(db, 'strip', false)]);
    expect((await getSettings(db)).hiddenOverlays.sort()).toEqual(['author', 'card', 'strip']);
    await Promise.all([showOverlay(db, 'author', true), showOverlay(db, 'strip', true), showOverlay(db, 'save', true)]);
    expect((await getSettings(db)).hiddenOverlays).toEqual(['card']);
  });

  it('answers a batch with only what an overlay needs', async () => {
    const res = await send('overlay.batch', { tweets: [], profile: null }, transport);
    expect(res).toEqual({ tweets: [], profile: null });
  });

  it("in the worker, queues a batch's captures and terms, and writes them together", async () => {
    const captures = new CaptureQueue(db, 60_000);
    const worker = createHandlers(db, { notifyXTabs, captures, now: () => Date.UTC(2026, 10, 12, 9) });
    const via = (msg: unknown) => dispatch(worker, msg) ?? Promise.reject(new Error('not ours'));
    const tweet = { tweetId: '1856000000000000001', author: 'univnantes', counts: { likes: 3 }, approximate: [], terms: ['#nobel'] };
    await send('overlay.batch', { tweets: [tweet], profile: null }, via);
    // A batch that fails queues nothing (the content script sends it again).
    const where = vi.spyOn(db.tweetMetrics, 'where').mockImplementationOnce(() => {
      throw new Error('boom');
    });
    await expect(send('overlay.batch', { tweets: [{ ...tweet, tweetId: '3' }], profile: null }, via)).rejects.toThrow(/boom/);
    where.mockRestore();
    expect(await db.tweetMetrics.count()).toBe(0);
    expect(await db.termCounts.count()).toBe(0);
    await captures.flush();
    expect((await db.tweetMetrics.toArray()).map((r) => [r.tweetId, r.likes])).toEqual([[tweet.tweetId, 3]]);
    expect((await db.termCounts.toArray()).map((r) => [r.term, r.count])).toEqual([['#nobel', 1]]);
    // With capture switched off, nothing is queued.
    await saveSettings(db, { captureEnabled: false });
    await send('overlay.batch', { tweets: [{ ...tweet, tweetId: '2', terms: ['#cern'] }], profile: null }, via);
    expect(captures.size).toBe(0);
    await captures.flush();
    expect(await db.termCounts.count()).toBe(1);
  });

  it("counts a tweet's terms once, the first time Veille sees it: not again on another page, another tab or another day", async () => {
    // (9:00 on 12 November where the tests run: a term's day is the CM's.)
    let at = new Date(2026, 10, 12, 9).getTime();
    const captures = new CaptureQueue(db, 60_000);
    const worker = createHandlers(db, { notifyXTabs, captures, now: () => at });
    const via = (msg: unknown) => dispatch(worker, msg) ?? Promise.reject(new Error('not ours'));
    const tweet = (tweetId: string, likes: number, terms?: string[]) => ({ tweetId, author: 'lab', counts: { likes }, approximate: [], ...(terms ? { terms } : {}) });
    const counts = async () => Object.fromEntries((await db.termCounts.toArray()).map((r) => [`${r.day} ${r.term}`, r.count]));
    // One page: two tweets with #crispr; the first one's counts change in the same second (sent
    // again, without its terms).
    await send('overlay.batch', { tweets: [tweet('1', 5, ['#crispr', 'nature.com']), tweet('2', 1, ['#crispr']), tweet('1', 6)], profile: null }, via);
    // Another tab, or the page reloaded, the same tweets (their terms sent with their first capture there).
    await send('overlay.batch', { tweets: [tweet('1', 6, ['#crispr', 'nature.com']), tweet('2', 1, ['#crispr'])], profile: null }, via);
    await captures.flush();
    expect(await counts()).toEqual({ '2026-11-12 #crispr': 2, '2026-11-12 nature.com': 1 });
    // The next day, seen again, and a new tweet: only the new one counts.
    at += 86_400_000;
    await send('overlay.batch', { tweets: [tweet('1', 9, ['#crispr', 'nature.com']), tweet('3', 1, ['#crispr'])], profile: null }, via);
    await captures.flush();
    expect(await counts()).toEqual({ '2026-11-12 #crispr': 2, '2026-11-12 nature.com': 1, '2026-11-13 #crispr': 1 });
  });

  it('a partner seen only quoted in another tweet was seen then: its last sighting, once an hour at most, its updatedAt kept', async () => {
    let at = Date.UTC(2026, 10, 12, 9);
    const worker = createHandlers(db, { notifyXTabs, now: () => at });
    const via = (msg: unknown) => dispatch(worker, msg) ?? Promise.reject(new Error('not ours'));
    await savePartner(db, { handle: 'cnrs', category: 'public_authority' }, undefined, 1000);
    const quoting = (tweetId: string, quoted?: string[]) => ({ tweetId, author: 'someone', counts: { likes: 1 }, approximate: [], ...(quoted ? { quoted } : {}) });
    expect(await lastSeenOf(db, ['cnrs'])).toEqual(new Map([['cnrs', 0]]));
    await send('overlay.batch', { tweets: [quoting('1', ['cnrs', 'nobody'])], profile: null }, via);
    expect(await lastSeenOf(db, ['cnrs'])).toEqual(new Map([['cnrs', at]]));
    expect((await db.partners.get({ handle: 'cnrs' }))).toMatchObject({ quotedAt: at, updatedAt: 1000 });
    // Half an hour later: not written again; two hours later: it is.
    at += 1_800_000;
    await send('overlay.batch', { tweets: [quoting('2', ['cnrs'])], profile: null }, via);
    expect((await db.partners.get({ handle: 'cnrs' }))!.quotedAt).toBe(at - 1_800_000);
    at += 5_400_000;
    await send('overlay.batch', { tweets: [quoting('3', ['cnrs'])], profile: null }, via);
    expect((await db.partners.get({ handle: 'cnrs' }))!.quotedAt).toBe(at);
    // With capture switched off, nothing is kept.
    await saveSettings(db, { captureEnabled: false });
    at += 5_400_000;
    await send('overlay.batch', { tweets: [quoting('4', ['cnrs'])], profile: null }, via);
    expect((await db.partners.get({ handle: 'cnrs' }))!.quotedAt).toBe(at - 5_400_000);
  });

  it('tags an account in place, then tells the X tabs', async () => {
    const res = await send('partner.save', { handle: 'cnrs', name: 'CNRS', category: 'institution', tags: ['tutelle'], note: '' }, transport);
    expect(res).toEqual({ partner: { handle: 'cnrs', name: 'CNRS', category: 'institution', tags: ['tutelle'], note: '' }, issues: [] });
    expect(notifyXTabs).toHaveBeenCalledWith({ event: 'data.changed', tables: ['partners'] });
    // Saving again edits the same partner.
    await send('partner.save', { handle: 'cnrs', name: 'CNRS', category: 'public_authority', tags: [], note: 'n' }, transport);
    expect(await db.partners.where('handle').equals('cnrs').toArray()).toEqual([expect.objectContaining({ category: 'public_authority', note: 'n' })]);
    const bad = await send('partner.save', { handle: 'cnrs', name: 'x'.repeat(101), category: 'other', tags: [], note: '' }, transport);
    expect(bad).toEqual({ partner: null, issues: [{ field: 'name', message: 'err_name_too_long' }] });
    expect(await send('partner.delete', { handle: 'cnrs' }, transport)).toEqual({ deleted: true });
    expect(await send('partner.delete', { handle: 'cnrs' }, transport)).toEqual({ deleted: false });
  });

  it('refuses a malformed request before sending it', async () => {
    const t = vi.fn(transport);
    await expect(send('overlay.batch', { tweets: [{ tweetId: '1', author: 'Not A Handle', counts: {}, approximate: [] }], profile: null }, t)).rejects.toThrow();
    expect(t).not.toHaveBeenCalled();
  });

  it('the worker refuses a malformed request with an error reply, and ignores foreign messages', async () => {
    await expect(dispatch(handlers, { type: 'overlay.batch', payload: { tweets: 'univnantes', profile: null } })).resolves.toMatchObject({ ok: false });
    expect(dispatch(handlers, { hello: 'world' })).toBeUndefined();
    expect(dispatch(handlers, { type: 'db.drop', payload: {} })).toBeUndefined();
  });

  it('the client refuses a reply that does not match the protocol', async () => {
    const empty = { tweets: [], profile: null };
    await expect(send('overlay.partners', {}, async () => ({ ok: true, data: { partners: [{ handle: 'A B' }] } }))).rejects.toThrow();
    await expect(send('overlay.batch', empty, async () => ({ ok: true, data: { tweets: [{ tweetId: 'x' }], profile: null } }))).rejects.toThrow();
    // A refusal in the worker's words alone, as the page then says it ("Something went wrong: …"),
    // without the message's type, which means nothing to the CM.
    await expect(send('overlay.batch', empty, async () => ({ ok: false, error: 'boom' }))).rejects.toThrow(/^boom$/);
    // The content script's lean client checks the envelope.
    await expect(call('overlay.batch', empty, async () => ({ ok: false, error: 'boom' }))).rejects.toThrow(/^boom$/);
    await expect(call('overlay.batch', empty, async () => undefined)).rejects.toThrow(NO_ANSWER);
    expect(asTabEvent({ event: 'data.changed', tables: ['partners', 'nope'] })).toEqual({ event: 'data.changed', tables: ['partners'] });
    expect(asTabEvent({ type: 'overlay.batch' })).toBeNull();
  });

  it('tells the X tabs when a profile visited names or renames a partner, and only then', async () => {
    await savePartner(db, { handle: 'oldname', category: 'academic' });
    const visit = (handle: string) => send('overlay.batch', { tweets: [], profile: { handle, userId: '42', name: 'Labo', followers: 10, following: 1, posts: 2 } }, transport);
    notifyXTabs.mockClear();
    // Added by handle alone: it takes the profile's name.
    await visit('oldname');
    expect(notifyXTabs).toHaveBeenCalledExactlyOnceWith({ event: 'data.changed', tables: ['partners'] });
    notifyXTabs.mockClear();
    await visit('oldname');
    expect(notifyXTabs).not.toHaveBeenCalled();
    // The account under a new handle: the partner follows it.
    await visit('newname');
    expect(notifyXTabs).toHaveBeenCalledExactlyOnceWith({ event: 'data.changed', tables: ['partners'] });
    expect((await db.partners.toArray()).filter((p) => p.userId === '42').map((p) => [p.handle, p.name])).toEqual([['newname', 'Labo']]);
  });

  it('relays data changes to the X tabs', async () => {
    expect(await send('data.changed', { tables: ['partners'] }, transport)).toEqual({ tabsNotified: 2 });
    expect(notifyXTabs).toHaveBeenCalledWith({ event: 'data.changed', tables: ['partners'] });
  });
});

describe('the content script port', () => {
  function fakePort() {
    const listeners = { message: [] as ((m: unknown) => void)[], disconnect: [] as (() => void)[] };
    const sent: unknown[] = [];
    return {
      sent,
      listeners,
      port: {
        postMessage: (m: unknown) => void sent.push(m),
        onMessage: { addListener: (cb: (m: unknown) => void) => void listeners.message.push(cb) },
        onDisconnect: { addListener: (cb: () => void) => void listeners.disconnect.push(cb) },
        disconnect: vi.fn(),
      },
    };
  }

  it('matches replies to requests by id, and reconnects after a disconnection', async () => {
    const ports = [fakePort(), fakePort()];
    let n = 0;
    const t = portTransport(() => ports[n++]!.port);
    const a = t.send('first');
    const b = t.send('second');
    expect(ports[0]!.sent).toEqual([{ id: 1, msg: 'first' }, { id: 2, msg: 'second' }]);
    for (const cb of ports[0]!.listeners.message) cb({ id: 2, reply: 'B' });
    for (const cb of ports[0]!.listeners.message) cb({ id: 1, reply: 'A' });
    await expect(a).resolves.toBe('A');
    await expect(b).resolves.toBe('B');
    const c = t.send('third');
    for (const cb of ports[0]!.listeners.disconnect) cb();
    // (The page says it in the CM's words: see the tag editor's test.)
    await expect(c).rejects.toThrow(NO_ANSWER);
    void t.send('fourth');
    expect(n).toBe(2);
    expect(ports[1]!.sent).toEqual([{ id: 4, msg: 'fourth' }]);
  });

  it('closes without a throw where the browser refuses the port, cut off from Veille before it is told', () => {
    const p = fakePort();
    p.port.disconnect.mockImplementation(() => {
      throw new Error('Extension context invalidated.');
    });
    const t = portTransport(() => p.port);
    void t.send('first').catch(() => undefined);
    expect(() => t.close()).not.toThrow();
    expect(p.port.disconnect).toHaveBeenCalled();
  });
});

describe('saving topics through the worker', () => {
  it('links a topic saved during a running veille session to it, and saves a page with its selection', async () => {
    const { VeilleClock } = await import('@/lib/veille-clock');
    await new VeilleClock(db).start();
    const running = await new VeilleClock(db).open();
    const r = await send('topic.save', { title: 'Pendant la veille', url: 'https://example.org/x' }, transport);
    expect(r).toMatchObject({ created: true, issues: [] });
    expect((await db.topics.get(r.topic!.id))!.sessionId).toBe(running!.id);
    const page = await send('topic.saveFromPage', { url: 'https://example.org/page', title: 'Une page', selection: 'un passage' }, transport);
    expect(await db.topics.get(page.topic!.id)).toMatchObject({ title: 'un passage', url: 'https://example.org/page', note: 'Une page\nun passage' });
    // An X page that is no tweet (a profile, a search): its title less what X adds to it.
    const profile = await send('topic.saveFromPage', { url: 'https://x.com/UnivNantes', title: '(3) Nantes Université (@UnivNantes) / X' }, transport);
    expect(await db.topics.get(profile.topic!.id)).toMatchObject({ title: 'Nantes Université (@UnivNantes)', url: 'https://x.com/UnivNantes' });
    // Elsewhere, the title as it is.
    const other = await send('topic.saveFromPage', { url: 'https://example.org/news', title: 'News / X' }, transport);
    expect((await db.topics.get(other.topic!.id))!.title).toBe('News / X');
    const bad = await send('topic.save', { title: '' }, transport);
    expect(bad).toEqual({ topic: null, created: false, issues: [{ field: 'title', message: 'err_title_required' }] });
  });

  it("says where a tweet's topic stands, by its address as saving it would write it, for its star on X", async () => {
    const url = 'https://x.com/univnantes/status/1900000000000000000';
    expect(await send('topic.status', { url }, transport)).toEqual({ status: null });
    const r = await send('topic.save', { title: 'Portes ouvertes', url: 'https://twitter.com/univnantes/status/1900000000000000000?s=20', sourceTweetId: '1900000000000000000' }, transport);
    expect(await send('topic.status', { url }, transport)).toEqual({ status: 'new' });
    await db.topics.update(r.topic!.id, { status: 'proposed' });
    expect(await send('topic.status', { url }, transport)).toEqual({ status: 'proposed' });
    expect(await send('topic.status', { url: 'https://x.com/univnantes/status/1900000000000000001' }, transport)).toEqual({ status: null });
  });

  it("saves from X's home timeline only what the CM points at: a tweet or a selection, never the timeline itself", async () => {
    const saved = vi.fn();
    const refused = vi.fn();
    let tweet: { title: string; url: string; sourceHandle: string } | null = null;
    handlers = createHandlers(db, { notifyXTabs, saved, refused, describeTab: async () => ({ tweet, selection: '' }) });
    const home = { tabId: 1, url: 'https://x.com/home', title: '(2) Home / X' };
    // Nothing pointed at: nothing saved, and the CM is told why (was: a topic "Home" of x.com/home).
    expect(await send('topic.saveFromPage', home, transport)).toMatchObject({ topic: null, issues: [{ field: 'title', message: 'err_title_required' }] });
    expect(refused).toHaveBeenCalledWith(['err_title_required']);
    expect(saved).not.toHaveBeenCalled();
    // Two passages selected there: two topics, neither linked to the timeline (one would update the other).
    await send('topic.saveFromPage', { ...home, selection: 'Un premier passage' }, transport);
    await send('topic.saveFromPage', { ...home, selection: 'Un second passage' }, transport);
    const ideas = await db.topics.toArray();
    expect(ideas.map((t) => [t.title, t.url]).sort()).toEqual([['Un premier passage', undefined], ['Un second passage', undefined]]);
    // The tweet the content script says the CM points at.
    tweet = { title: 'Inria : un résultat', url: 'https://x.com/inria/status/7', sourceHandle: 'inria' };
    const r = await send('topic.saveFromPage', home, transport);
    expect(await db.topics.get(r.topic!.id)).toMatchObject({ title: 'Inria : un résultat', url: 'https://x.com/inria/status/7', sourceHandle: 'inria' });
    expect(saved).toHaveBeenLastCalledWith({ id: r.topic!.id, title: 'Inria : un résultat', created: true });
    expect(refused).toHaveBeenCalledTimes(1);
  });

  it("saves the tweet right-clicked on one of its links (its time, author, hashtag, t.co link); a link elsewhere stays the topic", async () => {
    const tweet = { title: 'Inria : un résultat #IA', url: 'https://x.com/inria/status/7', sourceHandle: 'inria', sourceTweetId: '7', hashtags: ['#IA'] };
    const describeTab = vi.fn(async () => ({ tweet, selection: 'un passage resté sélectionné' }));
    handlers = createHandlers(db, { notifyXTabs, describeTab });
    const menu = (linkUrl: string) => send('topic.saveFromPage', { tabId: 1, url: 'https://x.com/home', title: 'Home / X', linkUrl }, transport);
    for (const link of ['https://x.com/inria/status/7', 'https://x.com/Inria', 'https://x.com/hashtag/IA?src=hashtag_click', 'https://t.co/abc']) {
      const r = await menu(link);
      expect([link, (await db.topics.get(r.topic!.id))!.url]).toEqual([link, 'https://x.com/inria/status/7']);
    }
    expect(await db.topics.count()).toBe(1);
    // Another account, another tweet, another hashtag, an address outside X: the link, its address as its title.
    for (const link of ['https://x.com/cnrs', 'https://x.com/cnrs/status/8', 'https://x.com/hashtag/chimie', 'https://example.org/article']) {
      const r = await menu(link);
      expect(await db.topics.get(r.topic!.id)).toMatchObject({ title: link, url: link, note: '' });
    }

  });
});

/**
 * The worker is the trust boundary: what it stores from any request its schemas let through must
 * pass the checks a backup's restore makes, or every later backup of the browser is refused.
 */
describe('what the worker stores from any valid request, a backup restores', () => {
  const handle = fc.stringMatching(/^[a-z0-9_]{1,15}$/);
  const id = fc.stringMatching(/^\d{1,25}$/);
  /** Numbers as a page may give them: whole, or not (a count read wrong, a time in fractions of a ms). */
  const n = fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e13, noNaN: true, noDefaultInfinity: true }));
  const opt = fc.option(n, { nil: undefined });
  const some = <T,>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const tweet = fc.record(
    {
      tweetId: id,
      author: handle,
      postedAt: opt,
      counts: fc.record({ replies: opt, reposts: opt, likes: opt, bookmarks: opt, views: opt }),
      approximate: fc.subarray(['replies', 'reposts', 'likes', 'bookmarks', 'views'] as const),
      terms: some(fc.array(fc.string({ maxLength: 80 }), { maxLength: 5 })),
      quoted: some(fc.array(handle, { maxLength: 3 })),
    },
    { requiredKeys: ['tweetId', 'author', 'counts', 'approximate'] },
  );
  const profile = fc.option(
    fc.record({ handle, userId: some(id), name: fc.string(), followers: fc.option(n), following: fc.option(n), posts: fc.option(n) }, { requiredKeys: ['handle', 'name', 'followers', 'following', 'posts'] }),
  );
  const draft = fc.record(
    {
      title: fc.string({ maxLength: 300 }),
      url: some(fc.oneof(fc.webUrl(), fc.string(), fc.constant('https://x.com/a/status/123'))),
      note: some(fc.string({ maxLength: 300 })),
      tags: some(fc.array(fc.string({ maxLength: 40 }), { maxLength: 12 })),
      text: some(fc.string({ maxLength: 2000 })),
      hashtags: some(fc.array(fc.string({ maxLength: 70 }), { maxLength: 12 })),
      mediaKind: some(fc.constantFrom('image', 'video', 'none' as const)),
      sourceTweetId: some(id),
      sourceHandle: some(handle),
      sourceName: some(fc.string({ maxLength: 80 })),
      retitle: some(fc.boolean()),
    },
    { requiredKeys: ['title'] },
  );
  const partner = fc.record({
    handle,
    name: fc.string({ maxLength: 120 }),
    category: fc.constantFrom(...PARTNER_CATEGORIES),
    tags: fc.array(fc.string({ maxLength: 40 }), { maxLength: 25 }),
    note: fc.string({ maxLength: 2100 }),
  });
  /** Each case on an empty database but for the first partner. */
  const clear = () =>
    db.transaction('rw', db.tables, async () => {
      for (const t of db.tables) if (t.name !== 'partners') await t.clear();
    });
  const restores = async (context: unknown) => {
    const text = backupToJson(await exportBackup(db, 1));
    expect(() => readBackup(text), JSON.stringify(context)).not.toThrow();
  };

  it("the tweets and profiles the content script sends (a time or a follower count in fractions is refused)", async () => {
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(tweet, { maxLength: 4 }), profile, async (tweets, prof) => {
        await clear();
        try {
          await send('overlay.batch', { tweets, profile: prof }, transport);
          stored++;
        } catch {
          return;
        }
        await restores({ tweets, prof });
      }),
      { numRuns: 500, seed: 2026 },
    );
    expect(stored).toBeGreaterThan(50);
  }, 60_000);

  it('the topics a tweet saves, the partners the popover saves', async () => {
    let saved = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(draft, { maxLength: 3 }), fc.array(partner, { maxLength: 3 }), async (drafts, partners) => {
        await clear();
        for (const d of drafts) if ((await send('topic.save', d, transport).catch(() => null))?.topic) saved++;
        for (const p of partners) if ((await send('partner.save', p, transport).catch(() => null))?.partner) saved++;
        await restores({ drafts, partners });
      }),
      { numRuns: 200, seed: 2026 },
    );
    expect(saved).toBeGreaterThan(100);
  }, 60_000);
});
