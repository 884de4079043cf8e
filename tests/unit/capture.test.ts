import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaptureQueue } from '@/lib/capture-queue';
import { recordTerms } from '@/lib/emerging';
import type { VeilleDB } from '@/lib/db';
import { dropDb, freshDb } from './fresh-db';
import { HOUR, RECENT_DAYS, recentTweetData, recordTweets, shouldStore, tweetData } from '@/lib/metrics';
import { idAtLeast, postedAtOf, snowflakeAt } from '@/lib/x/tweet-id';
import { savePartner } from '@/lib/partners';
import { saveTopic, topicAt } from '@/lib/topics';
import { lastSeenOf, recordProfile } from '@/lib/profiles';
import type { CapturedProfile, CapturedTweet } from '@/lib/protocol';
import { METRIC_SELECTORS, brokenSelectors, getSelectorHealth, getSettings, getVeilleState, recordSelectorHealth, saveSettings } from '@/lib/settings';
import type { TweetMetric } from '@/lib/schemas';

let db: VeilleDB;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => dropDb(db));

/** 9:00 on Nov 12, 2026, on this machine's clock: the days captures are kept by are local days. */
const T0 = new Date(2026, 10, 12, 9).getTime();
const cap = (likes: number, extra: Partial<CapturedTweet['counts']> = {}): CapturedTweet => ({
  tweetId: '1856000000000000001',
  author: 'univnantes',
  counts: { replies: 3, reposts: 12, likes, views: 9000, ...extra },
  approximate: [],
});

describe('snapshot deduplication', () => {
  const last: TweetMetric = { tweetId: '1', capturedAt: T0, source: 'page', replies: 3, reposts: 12, likes: 100, views: 9000 };
  it('stores the first capture', () => expect(shouldStore(undefined, cap(100), T0)).toBe(true));
  it('stores nothing when nothing changed, however late', () => expect(shouldStore(last, cap(100), T0 + 48 * HOUR)).toBe(false));
  it('stores at most one snapshot per hour', () => {
    expect(shouldStore(last, cap(120), T0 + HOUR - 1)).toBe(false);
    expect(shouldStore(last, cap(120), T0 + HOUR)).toBe(true);
  });
  it('a count the page does not show is not a change', () => {
    const c = cap(100);
    delete c.counts.views;
    expect(shouldStore(last, c, T0 + 2 * HOUR)).toBe(false);
  });
});

describe('recording tweets', () => {
  it('stores the first visit, answers the history before it, and follows the hourly rule', async () => {
    expect(await recordTweets(db, [cap(100)], true, T0)).toEqual([]);
    expect(await db.tweetMetrics.count()).toBe(1);
    // Same hour, new counts: not stored, but the history is there.
    const again = await recordTweets(db, [cap(110)], true, T0 + 10 * 60_000);
    expect(again).toEqual([{ tweetId: '1856000000000000001', history: [{ t: T0, replies: 3, reposts: 12, likes: 100, views: 9000 }] }]);
    expect(await db.tweetMetrics.count()).toBe(1);
    await recordTweets(db, [cap(120)], true, T0 + 2 * HOUR);
    await recordTweets(db, [cap(120)], true, T0 + 5 * HOUR);
    const stored = await db.tweetMetrics.where('tweetId').equals('1856000000000000001').sortBy('capturedAt');
    expect(stored.map((r) => [r.capturedAt - T0, r.likes, r.source, r.authorHandle])).toEqual([
      [0, 100, 'page', 'univnantes'],
      [2 * HOUR, 120, 'page', 'univnantes'],
    ]);
  });

  it('of two captures of a tweet in one batch, stores the later (the page saw its counts change)', async () => {
    await recordTweets(db, [cap(100), cap(101)], true, T0);
    expect((await db.tweetMetrics.toArray()).map((r) => r.likes)).toEqual([101]);
  });

  it("dates a captured tweet by its id (X's ids are snowflakes), unless the page dated it", async () => {
    // 1588091220244369409 was posted at 2022-11-03 08:50:26 UTC, as its account's archive says.
    await recordTweets(db, [cap(100), { ...cap(5), tweetId: '1588091220244369409' }, { ...cap(5), tweetId: '42' }, { ...cap(5), tweetId: '1990000000000000001', postedAt: T0 }], true, T0);
    const posted = Object.fromEntries((await db.tweetMetrics.toArray()).map((r) => [r.tweetId, r.postedAt]));
    expect(posted).toEqual({
      '1856000000000000001': Date.parse('2024-11-11T15:44:17.469Z'),
      '1588091220244369409': Date.parse('2022-11-03T08:50:26.871Z'),
      '42': undefined,
      '1990000000000000001': T0,
    });
  });

  it('stores nothing when capture is off, and still answers', async () => {
    await recordTweets(db, [cap(100)], true, T0);
    const res = await recordTweets(db, [cap(500)], false, T0 + 3 * HOUR);
    expect(res[0]!.history).toHaveLength(1);
    expect(await db.tweetMetrics.count()).toBe(1);
  });

  it('marks approximate counts and answers imported analytics separately', async () => {
    await db.tweetMetrics.add({ tweetId: '1856000000000000001', capturedAt: T0 - HOUR, source: 'analytics', impressions: 12345, engagements: 400, engagementRate: 0.0324, urlClicks: 20 });
    const res = await recordTweets(db, [{ ...cap(1700), approximate: ['likes'] }], true, T0);
    expect(res).toEqual([{ tweetId: '1856000000000000001', history: [], analytics: { t: T0 - HOUR, impressions: 12345, engagements: 400, engagementRate: 0.0324, urlClicks: 20 } }]);
    expect((await db.tweetMetrics.where('source').equals('page').first())!.approximate).toEqual(['likes']);
  });

  it("takes a tweet first seen on the page as first seen, and stores its capture, whatever was imported of it minutes before", async () => {
    // An archive and an analytics export imported just now: neither is a visit of the page.
    await db.tweetMetrics.bulkAdd([
      { tweetId: '1856000000000000001', capturedAt: T0 - 60_000, source: 'archive', likes: 90 },
      { tweetId: '1856000000000000001', capturedAt: T0 - 30_000, source: 'analytics', impressions: 12345 },
    ]);
    const firstSeen = new Set<string>();
    await recordTweets(db, [cap(100)], true, T0, undefined, undefined, firstSeen);
    expect([...firstSeen]).toEqual(['1856000000000000001']);
    expect((await db.tweetMetrics.where('source').equals('page').toArray()).map((r) => [r.capturedAt, r.likes])).toEqual([[T0, 100]]);
    // Seen again: not first seen any more.
    firstSeen.clear();
    await recordTweets(db, [cap(100)], true, T0 + 2 * HOUR, undefined, undefined, firstSeen);
    expect(firstSeen.size).toBe(0);
  });

  it("shows an archive's counts with their date, and undated ones only where nothing was captured", () => {
    const posted = T0 - 30 * 24 * HOUR;
    const page = (capturedAt: number, likes: number): TweetMetric => ({ tweetId: '1', capturedAt, source: 'page', likes });
    // Imported without its date (stamped just after the tweet), with the archive's later counts.
    const undated: TweetMetric = { tweetId: '1', capturedAt: posted + 1, postedAt: posted, source: 'archive', likes: 120 };
    expect(tweetData('1', [undated])!.history.map((p) => p.likes)).toEqual([120]);
    // Beside captures, it would stand first, and the strip would say "−20 likes since" the tweet.
    expect(tweetData('1', [page(T0 - 20 * 24 * HOUR, 50), undated, page(T0, 100)])!.history.map((p) => [p.t, p.likes])).toEqual([[T0 - 20 * 24 * HOUR, 50], [T0, 100]]);
    // Dated by its file, it takes its place in the history.
    const dated: TweetMetric = { ...undated, capturedAt: T0 + HOUR };
    expect(tweetData('1', [page(T0 - 20 * 24 * HOUR, 50), dated, page(T0, 100)])!.history.map((p) => p.likes)).toEqual([50, 100, 120]);
  });

  it('keeps the first point of a long history', () => {
    const records: TweetMetric[] = Array.from({ length: 100 }, (_, i) => ({ tweetId: '1', capturedAt: T0 + i * HOUR, source: 'page', likes: i }));
    const d = tweetData('1', records)!;
    expect(d.history).toHaveLength(48);
    expect(d.history[0]!.likes).toBe(0);
    expect(d.history.at(-1)!.likes).toBe(99);
  });
});

describe('what an X page is told up front about recent tweets', () => {
  const DAY = 86_400_000;
  /** The id of a tweet posted at `ms`, `k`-th of its millisecond. */
  const idAt = (ms: number, k = 0) => String(BigInt(snowflakeAt(ms)) + BigInt(k));
  const page = (tweetId: string, capturedAt: number, likes: number): TweetMetric => ({ tweetId, capturedAt, source: 'page', likes });

  it('dates ids both ways, and orders them as numbers', () => {
    const t = Date.UTC(2026, 10, 30, 12);
    expect(postedAtOf(snowflakeAt(t))).toBe(t);
    expect(idAtLeast('1990000000000000001', '1990000000000000000')).toBe(true);
    expect(idAtLeast('1989999999999999999', '1990000000000000000')).toBe(false);
    // A shorter id is an older tweet, whatever its first digit.
    expect(idAtLeast('42', '1990000000000000000')).toBe(false);
    expect(idAtLeast('942000000000000000', '1990000000000000000')).toBe(false);
  });

  it('gives every tweet of the window with stored data, and none older, with what waits in the queue', async () => {
    const recent = idAt(T0 - DAY);
    const older = idAt(T0 - (RECENT_DAYS + 1) * DAY);
    const queue = new CaptureQueue(db, 60_000);
    await db.tweetMetrics.bulkPut([
      page(recent, T0 - 3 * HOUR, 10),
      page(recent, T0 - HOUR, 20),
      page(older, T0 - 3 * HOUR, 5),
      // Ids of another length fall in the text range: they are older tweets, not part of it.
      page('42', T0 - HOUR, 1),
      page('942000000000000000', T0 - HOUR, 1),
    ]);
    const waiting = idAt(T0 - HOUR, 7);
    queue.addSnapshots([page(waiting, T0 - 60_000, 3)]);
    const r = await recentTweetData(db, T0, queue);
    expect(r.since).toBe(snowflakeAt(T0 - RECENT_DAYS * DAY));
    expect(r.tweets.map((t) => [t.tweetId, t.history.map((p) => p.likes)]).sort()).toEqual(
      [
        [recent, [10, 20]],
        [waiting, [3]],
      ].sort(),
    );
    expect(idAtLeast(older, r.since)).toBe(false);
    expect(idAtLeast(recent, r.since)).toBe(true);
  });

  it('past its limit of records, starts the window at the oldest tweet it read whole', async () => {
    const ids = [1, 2, 3, 4].map((h) => idAt(T0 - h * HOUR));
    // Two records each: a limit of 5 reads the two newest tweets whole, and part of the third.
    await db.tweetMetrics.bulkPut(ids.flatMap((id) => [page(id, T0 - 30 * 60_000, 1), page(id, T0 - 10 * 60_000, 2)]));
    const r = await recentTweetData(db, T0, undefined, 5);
    expect(r.tweets.map((t) => t.tweetId).sort()).toEqual([ids[0], ids[1]].sort());
    expect(r.since).toBe(ids[1]);
    for (const t of r.tweets) expect(t.history).toHaveLength(2);
    // The tweets left out are outside the window: the page asks about them.
    expect(idAtLeast(ids[2]!, r.since)).toBe(false);
  });

  it('with a time, gives only the tweets of the window stored since, whole', async () => {
    const [changed, unchanged, old] = [idAt(T0 - HOUR), idAt(T0 - 2 * HOUR), idAt(T0 - (RECENT_DAYS + 2) * DAY)];
    await db.tweetMetrics.bulkPut([
      page(changed, T0 - 50 * 60_000, 10),
      page(changed, T0 - 5 * 60_000, 20),
      page(unchanged, T0 - 50 * 60_000, 1),
      page(old, T0 - 5 * 60_000, 1),
    ]);
    const queue = new CaptureQueue(db, 60_000);
    const waiting = idAt(T0 - 3 * HOUR);
    queue.addSnapshots([page(waiting, T0 - 60_000, 4)]);
    const r = await recentTweetData(db, T0, queue, undefined, T0 - 10 * 60_000);
    expect(r.at).toBe(T0);
    expect(r.tweets.map((t) => [t.tweetId, t.history.map((p) => p.likes)]).sort()).toEqual(
      [
        [changed, [10, 20]],
        [waiting, [4]],
      ].sort(),
    );
  });

  it('answers only the tweets asked about, and still stores every capture', async () => {
    const other = { ...cap(7), tweetId: '1856000000000000002' };
    await recordTweets(db, [cap(100), other], true, T0);
    const res = await recordTweets(db, [cap(300), { ...other, counts: { ...other.counts, likes: 9 } }], true, T0 + 2 * HOUR, undefined, ['1856000000000000002']);
    expect(res.map((d) => d.tweetId)).toEqual(['1856000000000000002']);
    expect(await db.tweetMetrics.count()).toBe(4);
  });
});

describe('profiles', () => {
  const prof = (followers: number, over: Partial<CapturedProfile> = {}): CapturedProfile => ({
    handle: 'univnantes', name: 'Nantes Université', followers, following: 100, posts: 2000, userId: '18188628', ...over,
  });

  it('keeps one snapshot per account per day, and answers the history before this visit', async () => {
    const first = await recordProfile(db, prof(12000), true, T0);
    expect(first.card).toEqual({ handle: 'univnantes', followers: [] });
    await recordProfile(db, prof(12010), true, T0 + HOUR);
    expect(await db.profileSnapshots.count()).toBe(1);
    expect((await db.profileSnapshots.toArray())[0]).toMatchObject({ followers: 12010, userId: '18188628' });
    const next = await recordProfile(db, prof(12300), true, T0 + 26 * HOUR);
    expect(next.card).toMatchObject({ firstSeen: T0 + HOUR, lastSeen: T0 + HOUR, followers: [{ t: T0 + HOUR, followers: 12010 }] });
    expect(await db.profileSnapshots.count()).toBe(2);
  });

  it('knows when the CM last saw the account in the timeline', async () => {
    await recordTweets(db, [cap(1)], true, T0 + 3 * HOUR);
    // An analytics export imported later holds the account's tweets too: it is no visit.
    await db.tweetMetrics.put({ tweetId: '99', capturedAt: T0 + 4 * HOUR, source: 'analytics', authorHandle: 'univnantes', impressions: 10 });
    const r = await recordProfile(db, prof(1), false, T0 + 5 * HOUR);
    expect(r.card.lastSeen).toBe(T0 + 3 * HOUR);
    expect(await db.profileSnapshots.count()).toBe(0);
    // For the partner list: each handle's, 0 for never.
    expect(await lastSeenOf(db, ['univnantes', 'cnrs'])).toEqual(new Map([['univnantes', T0 + 3 * HOUR], ['cnrs', 0]]));
    // A long list, read a hundred handles at a time: each handle's, in the list's order.
    const many = Array.from({ length: 250 }, (_, i) => `p${i}`);
    await db.profileSnapshots.bulkPut(many.filter((_, i) => i % 2).map((handle, i) => ({ handle, day: '2026-11-12', capturedAt: T0 + i, followers: 1, following: 1, posts: 1 })));
    const seen = await lastSeenOf(db, [...many, 'univnantes']);
    expect([...seen.keys()]).toEqual([...many, 'univnantes']);
    expect([seen.get('p0'), seen.get('p1'), seen.get('p249'), seen.get('univnantes')]).toEqual([0, T0, T0 + 124, T0 + 3 * HOUR]);
  });

  it('keeps the user id on the partner, and follows a partner who renamed their handle', async () => {
    await savePartner(db, { handle: 'OldName', category: 'academic' });
    await recordProfile(db, prof(1, { handle: 'oldname' }), true, T0);
    expect((await db.partners.toArray())[0]).toMatchObject({ handle: 'oldname', userId: '18188628' });
    const r = await recordProfile(db, prof(1, { handle: 'newname' }), true, T0 + HOUR);
    expect(r.renamed).toBe(true);
    expect((await db.partners.toArray()).map((p) => p.handle)).toEqual(['newname']);
    // It remembers the handle it had, and when it was seen renamed; renamed again, both, and back
    // to its first handle, that one is no former handle any more.
    expect((await db.partners.toArray())[0]!.formerHandles).toEqual([{ handle: 'oldname', until: T0 + HOUR }]);
    await recordProfile(db, prof(1, { handle: 'third' }), true, T0 + 2 * HOUR);
    expect((await db.partners.toArray())[0]!.formerHandles).toEqual([{ handle: 'oldname', until: T0 + HOUR }, { handle: 'newname', until: T0 + 2 * HOUR }]);
    await recordProfile(db, prof(1, { handle: 'oldname' }), true, T0 + 3 * HOUR);
    expect((await db.partners.toArray())[0]).toMatchObject({ handle: 'oldname', formerHandles: [{ handle: 'newname', until: T0 + 2 * HOUR }, { handle: 'third', until: T0 + 3 * HOUR }] });
  });

  it("remembers the handles a partner added under its new one had, from its profile's earlier visits", async () => {
    await recordProfile(db, prof(1, { handle: 'oldname' }), true, T0);
    await savePartner(db, { handle: 'newname', category: 'academic' });
    expect((await recordProfile(db, prof(1, { handle: 'newname' }), true, T0 + HOUR)).renamed).toBe(false);
    expect((await db.partners.toArray())[0]).toMatchObject({ handle: 'newname', userId: '18188628', formerHandles: [{ handle: 'oldname', until: T0 + HOUR }] });
    // (Seen again, nothing more.)
    await recordProfile(db, prof(1, { handle: 'newname' }), true, T0 + 2 * HOUR);
    expect((await db.partners.toArray())[0]!.formerHandles).toEqual([{ handle: 'oldname', until: T0 + HOUR }]);
  });

  it('carries what it kept of an account that renamed its handle: follower history, tweets seen, mentions, topics', async () => {
    await savePartner(db, { handle: 'oldname', category: 'academic' });
    await recordProfile(db, prof(12000, { handle: 'oldname' }), true, T0);
    await recordProfile(db, prof(12100, { handle: 'oldname' }), true, T0 + 24 * HOUR);
    await recordTweets(db, [{ ...cap(5), author: 'oldname' }], true, T0 + 25 * HOUR);
    await db.tweetMetrics.add({ tweetId: '7', capturedAt: T0, source: 'analytics', mentions: ['oldname', 'cnrs'], postedAt: T0 - HOUR });
    await db.dailyFigures.bulkAdd([
      { account: 'oldname', day: '2026-11-10', impressions: 100, engagements: 1 },
      { account: 'oldname', day: '2026-11-11', impressions: 200, engagements: 2 },
      { account: 'newname', day: '2026-11-11', impressions: 210, engagements: 3 },
    ]);
    await db.sources.bulkAdd([
      { id: 's1', label: '@OldName', url: 'https://x.com/OldName/with_replies', order: 0, createdAt: T0, updatedAt: T0 },
      { id: 's2', label: 'Its lists', url: 'https://x.com/i/lists/42', order: 1, createdAt: T0, updatedAt: T0 },
    ]);
    const saved = await saveTopic(db, { title: 'From its tweet', url: 'https://x.com/OldName/status/1856000000000000001' }, { now: T0 + 25 * HOUR });
    expect(saved.ok && saved.topic.sourceHandle).toBe('oldname');
    // Another account's topic; and one of its tweets whose link the CM changed on the board to the article's.
    await saveTopic(db, { title: 'From CNRS', url: 'https://x.com/CNRS/status/1856000000000000002' }, { now: T0 + 25 * HOUR });
    const article = await saveTopic(db, { title: 'Its article', url: 'https://nature.com/articles/s41557', sourceHandle: 'oldname', sourceTweetId: '1856000000000000003' }, { now: T0 + 25 * HOUR });
    expect(article.ok).toBe(true);

    // The account is now @newname: its profile, the same user id.
    const r = await recordProfile(db, prof(12300, { handle: 'newname' }), true, T0 + 48 * HOUR);
    expect(r.renamed).toBe(true);
    expect(r.card).toMatchObject({ firstSeen: T0, lastSeen: T0 + 25 * HOUR, mentions: { count: 1 } });
    expect(r.card.followers).toEqual([{ t: T0, followers: 12000 }, { t: T0 + 24 * HOUR, followers: 12100 }]);
    expect(new Set((await db.profileSnapshots.toArray()).map((s) => s.handle))).toEqual(new Set(['newname']));
    expect(await db.profileSnapshots.count()).toBe(3);
    expect((await db.tweetMetrics.where('authorHandle').equals('newname').toArray()).map((m) => m.tweetId)).toEqual(['1856000000000000001']);
    expect((await db.tweetMetrics.get(['7', T0]))!.mentions).toEqual(['newname', 'cnrs']);
    // The ☆ of that tweet, shown under the new handle, shows it saved.
    expect(await topicAt(db, 'https://x.com/NewName/status/1856000000000000001')).toMatchObject({ title: 'From its tweet', sourceHandle: 'newname' });
    expect((await db.topics.toArray()).map((t) => [t.title, t.sourceHandle, t.url]).sort()).toEqual([
      ['From CNRS', 'cnrs', 'https://x.com/cnrs/status/1856000000000000002'],
      ['From its tweet', 'newname', 'https://x.com/newname/status/1856000000000000001'],
      ['Its article', 'newname', 'https://nature.com/articles/s41557'],
    ]);
    expect((await db.partners.toArray()).map((p) => p.handle)).toEqual(['newname']);
    // The round's places of its profile (a name the CM gave kept).
    expect((await db.sources.orderBy('order').toArray()).map((r) => [r.label, r.url])).toEqual([['@newname', 'https://x.com/newname'], ['Its lists', 'https://x.com/i/lists/42']]);
    // Its days of analytics (an institute's account), a day imported under the new handle kept.
    expect((await db.dailyFigures.toArray()).map((d) => [d.account, d.day, d.impressions])).toEqual([['newname', '2026-11-10', 100], ['newname', '2026-11-11', 210]]);
  });

  it('moves only the snapshots of a renamed account when someone else has taken its old handle, and nothing with capture off', async () => {
    await recordProfile(db, prof(500, { handle: 'oldname' }), true, T0);
    await recordProfile(db, prof(40, { handle: 'oldname', userId: '999' }), true, T0 + 24 * HOUR);
    await recordTweets(db, [{ ...cap(5), author: 'oldname' }], true, T0 + 25 * HOUR);
    // Capture off: the history under the old handle is shown, and nothing moves.
    const off = await recordProfile(db, prof(510, { handle: 'newname' }), false, T0 + 30 * HOUR);
    expect(off.card.followers).toEqual([{ t: T0, followers: 500 }]);
    expect(await db.profileSnapshots.where('handle').equals('oldname').count()).toBe(2);
    await recordProfile(db, prof(520, { handle: 'newname' }), true, T0 + 48 * HOUR);
    expect((await db.profileSnapshots.toArray()).map((s) => [s.handle, s.followers]).sort()).toEqual([['newname', 500], ['newname', 520], ['oldname', 40]]);
    // Its tweet seen under the old handle may be the new holder's: it stays.
    expect((await db.tweetMetrics.toArray()).map((m) => m.authorHandle)).toEqual(['oldname']);
  });

  it("shows the account that has taken a partner's old handle its own history, and leaves the partner to the account it was", async () => {
    await savePartner(db, { handle: 'oldname', category: 'academic', note: 'Notre labo' });
    await recordProfile(db, prof(500, { handle: 'oldname' }), true, T0);
    // The lab renames itself @newname, and another account takes @oldname: the CM visits it first.
    const other = await recordProfile(db, prof(40, { handle: 'oldname', userId: '999' }), true, T0 + 24 * HOUR);
    expect(other.card.followers).toEqual([]);
    expect(other.card.firstSeen).toBeUndefined();
    expect((await db.partners.toArray())[0]).toMatchObject({ handle: 'oldname', userId: '18188628' });
    // Seen again, its history is its own.
    expect((await recordProfile(db, prof(45, { handle: 'oldname', userId: '999' }), true, T0 + 48 * HOUR)).card.followers).toEqual([{ t: T0 + 24 * HOUR, followers: 40 }]);
    // The lab seen under its new handle: its partner follows it, with its history.
    const lab = await recordProfile(db, prof(520, { handle: 'newname' }), true, T0 + 72 * HOUR);
    expect(lab.renamed).toBe(true);
    expect(lab.card.followers).toEqual([{ t: T0, followers: 500 }]);
    expect((await db.partners.toArray()).map((p) => [p.handle, p.userId, p.note])).toEqual([['newname', '18188628', 'Notre labo']]);
  });

  it('gives an account one partner: one the CM made under its new handle does not take the user id of the one it has', async () => {
    await savePartner(db, { handle: 'oldname', category: 'academic' });
    await recordProfile(db, prof(500, { handle: 'oldname' }), true, T0);
    // The CM, not seeing the rename, makes @newname a partner too; then visits its profile.
    await savePartner(db, { handle: 'newname', category: 'media' });
    await recordProfile(db, prof(520, { handle: 'newname' }), true, T0 + 24 * HOUR);
    expect((await db.partners.orderBy('handle').toArray()).map((p) => [p.handle, p.userId])).toEqual([
      ['newname', undefined],
      ['oldname', '18188628'],
    ]);
  });

  it("leaves the round's place of a renamed account's old handle where the round has its new one already", async () => {
    await db.sources.bulkAdd([
      { id: 's1', label: '@oldname', url: 'https://x.com/oldname', order: 0, createdAt: T0, updatedAt: T0 },
      { id: 's2', label: '@newname', url: 'https://x.com/newname', order: 1, createdAt: T0, updatedAt: T0 },
    ]);
    await recordProfile(db, prof(500, { handle: 'oldname' }), true, T0);
    await recordProfile(db, prof(520, { handle: 'newname' }), true, T0 + 48 * HOUR);
    expect(await db.profileSnapshots.where('handle').equals('newname').count()).toBe(2);
    expect((await db.sources.orderBy('order').toArray()).map((r) => r.url)).toEqual(['https://x.com/oldname', 'https://x.com/newname']);
  });

  it("keeps the name the CM gave the round's place of a renamed account's profile", async () => {
    await db.sources.add({ id: 's1', label: 'Le labo', url: 'https://x.com/oldname', order: 0, createdAt: T0, updatedAt: T0 });
    await recordProfile(db, prof(500, { handle: 'oldname' }), true, T0);
    await recordProfile(db, prof(520, { handle: 'newname' }), true, T0 + 48 * HOUR);
    expect((await db.sources.toArray()).map((r) => [r.label, r.url])).toEqual([['Le labo', 'https://x.com/newname']]);
  });

  it('follows a partner known by its user id alone (from another browser) to its new handle, with its tweets seen', async () => {
    await savePartner(db, { handle: 'oldname', category: 'academic' });
    // (Its user id came with a backup: this browser never visited its profile.)
    await db.partners.toCollection().modify({ userId: '18188628' });
    await recordTweets(db, [{ ...cap(5), author: 'oldname' }], true, T0);
    expect((await recordProfile(db, prof(520, { handle: 'newname' }), true, T0 + HOUR)).renamed).toBe(true);
    expect((await db.partners.toArray()).map((p) => p.handle)).toEqual(['newname']);
    expect((await db.tweetMetrics.toArray()).map((m) => m.authorHandle)).toEqual(['newname']);
  });

  it("leaves what is kept under the old handle where a partner of another account holds it now", async () => {
    await recordProfile(db, prof(500, { handle: 'oldname' }), true, T0);
    await recordTweets(db, [{ ...cap(5), author: 'oldname' }], true, T0 + HOUR);
    // Someone else took @oldname, and the CM made them a partner (their user id known from a backup).
    await savePartner(db, { handle: 'oldname', category: 'media' });
    await db.partners.toCollection().modify({ userId: '999' });
    await recordProfile(db, prof(520, { handle: 'newname' }), true, T0 + 48 * HOUR);
    expect((await db.tweetMetrics.toArray()).map((m) => m.authorHandle)).toEqual(['oldname']);
    expect((await db.partners.toArray()).map((p) => [p.handle, p.userId])).toEqual([['oldname', '999']]);
    // (The follower history is the account's own: it moves.)
    expect((await db.profileSnapshots.toArray()).map((p) => p.handle)).toEqual(['newname', 'newname']);
  });

  it("names a partner added by handle alone after its profile, never over the CM's name, and not with capture off", async () => {
    await savePartner(db, { handle: 'univnantes', category: 'academic' });
    await savePartner(db, { handle: 'cnrs', name: 'CNRS (tutelle)', category: 'public_authority' });
    expect((await recordProfile(db, prof(1, { name: 'Nantes Université' }), false, T0)).named).toBe(false);
    expect((await db.partners.where('handle').equals('univnantes').first())!.name).toBe('');
    const r = await recordProfile(db, prof(1, { name: '  Nantes Université  ' }), true, T0 + HOUR);
    expect(r.named).toBe(true);
    expect((await db.partners.where('handle').equals('univnantes').first())).toMatchObject({ name: 'Nantes Université', updatedAt: T0 + HOUR });
    expect((await recordProfile(db, prof(1, { handle: 'cnrs', name: 'CNRS', userId: '1' }), true, T0 + 2 * HOUR)).named).toBe(false);
    expect((await db.partners.where('handle').equals('cnrs').first())!.name).toBe('CNRS (tutelle)');
    // An account that is no partner: nothing to name.
    expect((await recordProfile(db, prof(1, { handle: 'someone', name: 'Someone', userId: '2' }), true, T0)).named).toBe(false);
  });

  it('counts the institute tweets that mention the account, once analytics exist', async () => {
    expect((await recordProfile(db, prof(1), false, T0)).card.mentions).toBeUndefined();
    await db.tweetMetrics.bulkAdd([
      { tweetId: '1', capturedAt: T0, source: 'analytics', mentions: ['univnantes', 'cnrs'], postedAt: T0 - 5 * HOUR },
      { tweetId: '2', capturedAt: T0, source: 'analytics', mentions: ['cnrs'], postedAt: T0 - 4 * HOUR },
      { tweetId: '3', capturedAt: T0, source: 'analytics', mentions: ['univnantes'], postedAt: T0 - 2 * HOUR },
    ]);
    expect((await recordProfile(db, prof(1), false, T0)).card.mentions).toEqual({ count: 2, last: T0 - 2 * HOUR });
    expect((await recordProfile(db, prof(1, { handle: 'nobody' }), false, T0)).card.mentions).toEqual({ count: 0 });
  });

  it("counts those of the institute's account archive too, each tweet once, and no tweet seen on X", async () => {
    // An archive alone: its tweets are the institute's.
    await db.tweetMetrics.bulkAdd([
      { tweetId: '1', capturedAt: T0, source: 'archive', mentions: ['univnantes'], postedAt: T0 - 5 * HOUR, likes: 3 },
      { tweetId: '4', capturedAt: T0, source: 'page', mentions: ['univnantes'], authorHandle: 'someone', likes: 1 },
    ]);
    expect((await recordProfile(db, prof(1), false, T0)).card.mentions).toEqual({ count: 1, last: T0 - 5 * HOUR });
    // The same tweet in an export, and a later one in the archive.
    await db.tweetMetrics.bulkAdd([
      { tweetId: '1', capturedAt: T0 + 1, source: 'analytics', mentions: ['univnantes'], postedAt: T0 - 5 * HOUR },
      { tweetId: '2', capturedAt: T0, source: 'archive', mentions: ['univnantes', 'cnrs'], postedAt: T0 - HOUR },
    ]);
    expect((await recordProfile(db, prof(1), false, T0)).card.mentions).toEqual({ count: 2, last: T0 - HOUR });
  });
});

describe('settings and selector health', () => {
  it('has defaults and saves a change', async () => {
    expect(await getSettings(db)).toEqual({
      dailyGoalMinutes: 60, autoTracking: true, manualIdleMinutes: 30, captureEnabled: true, goalNotification: true, veilleDays: [1, 2, 3, 4, 5], awayPeriods: [], reminderEnabled: false, reminderTime: '14:00', backupReminderDays: 30, gettingStartedHidden: false, meetingDay: 0, meetingTime: '09:00', reportLanguage: 'browser', overlaysPaused: false, hiddenOverlays: [],
    });
    await saveSettings(db, { captureEnabled: false });
    expect((await getSettings(db)).captureEnabled).toBe(false);
  });
  it('takes 0 (never) or 5 to 240 minutes without keyboard or mouse before a veille by hand pauses', async () => {
    for (const m of [0, 5, 45, 240]) expect((await saveSettings(db, { manualIdleMinutes: m })).manualIdleMinutes).toBe(m);
    for (const m of [1, 4, 241, 12.5, -5, Number.NaN]) await expect(saveSettings(db, { manualIdleMinutes: m }), String(m)).rejects.toThrow('err_manual_idle');
    expect((await getSettings(db)).manualIdleMinutes).toBe(240);
  });
  it('keeps the days of veille in order, each once, and refuses none or a day out of the week', async () => {
    expect((await saveSettings(db, { veilleDays: [6, 1, 6, 3] })).veilleDays).toEqual([1, 3, 6]);
    await expect(saveSettings(db, { veilleDays: [] })).rejects.toThrow('err_veille_days');
    await expect(saveSettings(db, { veilleDays: [0, 1] })).rejects.toThrow();
    await expect(saveSettings(db, { veilleDays: [8] })).rejects.toThrow();
    expect((await getSettings(db)).veilleDays).toEqual([1, 3, 6]);
  });
  it('keeps the time away in order, and refuses a span out of order, too long, not a date, or overlapping another', async () => {
    const christmas = { from: '2026-12-21', to: '2027-01-03' };
    const may = { from: '2027-05-14', to: '2027-05-14' };
    expect((await saveSettings(db, { awayPeriods: [may, christmas] })).awayPeriods).toEqual([christmas, may]);
    await expect(saveSettings(db, { awayPeriods: [{ from: '2026-12-21', to: '2026-12-20' }] })).rejects.toThrow('err_away_order');
    await expect(saveSettings(db, { awayPeriods: [{ from: '2026-12-21', to: '2027-12-22' }] })).rejects.toThrow('err_away_long');
    // (366 days, a leap year's whole, is the most.)
    expect((await saveSettings(db, { awayPeriods: [{ from: '2028-01-01', to: '2028-12-31' }] })).awayPeriods).toHaveLength(1);
    await expect(saveSettings(db, { awayPeriods: [{ from: '2027-02-29', to: '2027-03-01' }] })).rejects.toThrow('err_away_day');
    await expect(saveSettings(db, { awayPeriods: [{ from: '21/12/2026', to: '2027-01-03' }] })).rejects.toThrow('err_away_day');
    await expect(saveSettings(db, { awayPeriods: [christmas, { from: '2027-01-03', to: '2027-01-05' }] })).rejects.toThrow('err_away_overlap_any');
    await expect(saveSettings(db, { awayPeriods: [christmas, christmas] })).rejects.toThrow('err_away_overlap_any');
    // (Every other day of 2030, each a day away.)
    const nth = (i: number) => new Date(Date.UTC(2030, 0, 1 + 2 * i)).toISOString().slice(0, 10);
    const many = Array.from({ length: 101 }, (_, i) => ({ from: nth(i), to: nth(i) }));
    await expect(saveSettings(db, { awayPeriods: many })).rejects.toThrow('err_away_many');
    expect((await saveSettings(db, { awayPeriods: many.slice(0, 100) })).awayPeriods).toHaveLength(100);
    // (What was refused left what is stored as it was.)
    await saveSettings(db, { awayPeriods: [christmas] });
    await expect(saveSettings(db, { awayPeriods: [christmas, { from: '2026-12-25', to: '2026-12-26' }] })).rejects.toThrow();
    expect((await getSettings(db)).awayPeriods).toEqual([christmas]);
  });
  it('falls back to defaults when the stored row is damaged', async () => {
    await db.settings.put({ key: 'settings', value: { dailyGoalMinutes: 'sixty' } });
    expect((await getSettings(db)).dailyGoalMinutes).toBe(60);
    await db.settings.put({ key: 'settings', value: 'sixty' });
    expect((await getSettings(db)).dailyGoalMinutes).toBe(60);
  });
  it("keeps what reads of a damaged row: one field wrong takes its default, not the CM's other settings", async () => {
    const christmas = { from: '2026-12-21', to: '2027-01-03' };
    await db.settings.put({
      key: 'settings',
      value: { dailyGoalMinutes: 45, veilleDays: [2, 1], awayPeriods: [christmas], meetingDay: 9, meetingTime: '10:30', manualIdleMinutes: 3, reportLanguage: 'fr' },
    });
    const read = await getSettings(db);
    expect(read).toMatchObject({ dailyGoalMinutes: 45, veilleDays: [1, 2], awayPeriods: [christmas], meetingDay: 0, meetingTime: '10:30', manualIdleMinutes: 30, reportLanguage: 'fr' });
    // The next change saves what was read, the CM's settings kept.
    await saveSettings(db, { captureEnabled: false });
    expect((await db.settings.get('settings'))?.value).toMatchObject({ dailyGoalMinutes: 45, meetingDay: 0, captureEnabled: false });
    // The clock's memory too: a damaged reason does not lose the heartbeat.
    await db.settings.put({ key: 'veilleState', value: { heartbeat: 1_000, stopped: { at: 5, why: 'bored' } } });
    expect(await getVeilleState(db)).toEqual({ heartbeat: 1_000, autoPaused: false });
  });
  it('says X changed its page when a core selector last failed', async () => {
    await recordSelectorHealth(db, { tweet: true, userName: true, statusLink: true }, T0);
    expect(brokenSelectors(await getSelectorHealth(db))).toEqual([]);
    await recordSelectorHealth(db, { tweet: true, userName: false }, T0 + 1);
    expect(brokenSelectors(await getSelectorHealth(db))).toEqual(['userName']);
    expect((await getSelectorHealth(db)).userName).toEqual({ lastMatch: T0, lastFail: T0 + 1 });
    await recordSelectorHealth(db, { userName: true }, T0 + 2);
    expect(brokenSelectors(await getSelectorHealth(db))).toEqual([]);
  });
  it('tells apart the action bar (the figures) from the core selectors (every overlay)', async () => {
    await recordSelectorHealth(db, { tweet: true, userName: true, statusLink: true, actionBar: true }, T0);
    await recordSelectorHealth(db, { actionBar: false }, T0 + 1);
    expect(brokenSelectors(await getSelectorHealth(db))).toEqual([]);
    expect(brokenSelectors(await getSelectorHealth(db), METRIC_SELECTORS)).toEqual(['actionBar']);
    await recordSelectorHealth(db, { actionBar: true }, T0 + 2);
    expect(brokenSelectors(await getSelectorHealth(db), METRIC_SELECTORS)).toEqual([]);
  });
});

describe('the capture queue (the worker writes captures a second at a time)', () => {
  const other: CapturedTweet = { ...cap(5), tweetId: '1856000000000000002', author: 'cnrs' };

  it('writes the snapshots of many batches in one go, and counts those waiting as stored', async () => {
    const queue = new CaptureQueue(db, 60_000);
    expect(await recordTweets(db, [cap(100)], true, T0, queue)).toEqual([]);
    expect(await recordTweets(db, [other], true, T0 + 1000, queue)).toEqual([]);
    expect(await db.tweetMetrics.count()).toBe(0);
    expect(queue.size).toBe(2);
    // Seen again within the hour (another tab), with new counts: the waiting snapshot is its
    // history, and no second one is kept.
    const again = await recordTweets(db, [cap(110)], true, T0 + 2000, queue);
    expect(again).toEqual([{ tweetId: cap(0).tweetId, history: [{ t: T0, replies: 3, reposts: 12, likes: 100, views: 9000 }] }]);
    expect(queue.size).toBe(2);
    await queue.flush();
    expect(queue.size).toBe(0);
    expect((await db.tweetMetrics.toArray()).map((r) => [r.tweetId, r.likes])).toEqual([
      [cap(0).tweetId, 100],
      [other.tweetId, 5],
    ]);
    // Once written, the database answers the same, and the hour rule still holds.
    expect(await recordTweets(db, [cap(120)], true, T0 + 3000, queue)).toEqual(again);
    expect(queue.size).toBe(0);
  });

  it('adds up the terms of each day, leaves out what is not a term, and writes them on its own after the delay', async () => {
    await recordTerms(db, { '#nobel': 1 }, T0);
    const queue = new CaptureQueue(db, 20);
    queue.addTerms({ '#nobel': 2, 'nature.com': 1, x: 4 }, T0);
    queue.addTerms({ '#nobel': 1 }, T0 + 60_000);
    queue.addTerms({ '#nobel': 5 }, T0 + 2 * 86_400_000);
    expect(await db.termCounts.count()).toBe(1);
    await new Promise((r) => setTimeout(r, 80));
    const rows = await db.termCounts.toArray();
    expect(rows.map((r) => [r.day, r.term, r.count]).sort()).toEqual([
      ['2026-11-12', '#nobel', 4],
      ['2026-11-12', 'nature.com', 1],
      ['2026-11-14', '#nobel', 5],
    ]);
  });

  it('tries a failed write again by itself, a capture made meanwhile in place of the failed one; after three failures in a row, drops it, warning, and goes on', async () => {
    const queue = new CaptureQueue(db, 20);
    const snap = (tweetId: string, likes: number, t: number): TweetMetric => ({ tweetId, capturedAt: t, source: 'page', likes });
    // The tweet seen again while the write runs, with new counts: its newer capture is the one kept.
    let during: unknown[] = [];
    const put = vi.spyOn(db.tweetMetrics, 'bulkPut').mockImplementationOnce(() => {
      queue.addSnapshots([snap('1', 5, T0 + 500)]);
      during = [queue.size, queue.pendingFor('2')?.likes];
      return Dexie.Promise.reject(new Error('disk full'));
    });
    queue.addSnapshots([snap('1', 1, T0), snap('2', 2, T0)]);
    await queue.flush();
    // (Meanwhile: the two being written, and the one come since.)
    expect(during).toEqual([3, 2]);
    expect(await db.tweetMetrics.count()).toBe(0);
    expect([queue.size, queue.pendingFor('1')?.likes]).toEqual([2, 5]);
    await vi.waitFor(async () => expect(await db.tweetMetrics.count()).toBe(2));
    expect((await db.tweetMetrics.toArray()).map((r) => [r.tweetId, r.likes])).toEqual([['1', 5], ['2', 2]]);
    // The disk stays full: three attempts, then what they held is dropped, with a warning.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    put.mockRejectedValue(new Error('disk full'));
    const before = put.mock.calls.length;
    queue.addSnapshots([snap('3', 3, T0 + 1000)]);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(warn.mock.calls[0]![0]).toBe('Veille: 1 captured snapshots could not be stored');
    expect([put.mock.calls.length - before, queue.size]).toEqual([3, 0]);
    // Room again: the next captures are written, each time three attempts in full.
    put.mockRestore();
    queue.addSnapshots([snap('4', 4, T0 + 2000)]);
    await queue.flush();
    expect((await db.tweetMetrics.toArray()).map((r) => r.tweetId)).toEqual(['1', '2', '4']);
  });

  it('keeps what a failed write held, with what came meanwhile, and writes it next time', async () => {
    const queue = new CaptureQueue(db, 60_000);
    await recordTweets(db, [cap(100)], true, T0, queue);
    queue.addTerms({ '#nobel': 2 }, T0);
    const put = vi.spyOn(db.tweetMetrics, 'bulkPut').mockRejectedValueOnce(new Error('disk full'));
    await queue.flush();
    expect(await db.tweetMetrics.count()).toBe(0);
    // Nothing half-written: the terms shared the failed transaction.
    expect(await db.termCounts.count()).toBe(0);
    await recordTweets(db, [other], true, T0 + 1000, queue);
    queue.addTerms({ '#nobel': 1 }, T0 + 1000);
    expect(queue.size).toBe(2);
    await queue.flush();
    put.mockRestore();
    expect((await db.tweetMetrics.toArray()).map((r) => r.tweetId).sort()).toEqual([cap(0).tweetId, other.tweetId]);
    expect((await db.termCounts.toArray()).map((r) => r.count)).toEqual([3]);
  });
});
