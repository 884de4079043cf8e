import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VeilleDB } from '@/lib/db';
import type { Partner, TweetMetric } from '@/lib/schemas';
import { seenCsv } from '@/lib/dashboard-csv';
import { readCsv } from '@/lib/csv';
import { SEEN_COUNTS, loadSeenList, loadSeenOnX, seenFigures, seenOnX } from '@/lib/seen';
import { localMinuteOf } from '@/lib/time';
import { snowflakeAt } from '@/lib/x/tweet-id';
import { dropDb, freshDb } from './fresh-db';

let db: VeilleDB;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => dropDb(db));

const at = (d: number, h = 10) => new Date(2026, 10, d, h).getTime();
const partner = (handle: string, category: Partner['category']): Partner => ({ id: handle, handle, name: handle, category, tags: [], note: '', createdAt: 0, updatedAt: 0 });
const page = (posted: number, authorHandle: string, views: number, likes: number): TweetMetric => ({ tweetId: snowflakeAt(posted), capturedAt: posted + 3_600_000, source: 'page', authorHandle, views, likes });

describe("the institution's tweets as seen on X over a period", () => {
  const captures = [page(at(3), 'inria', 500, 5), page(at(4), 'inria_fr', 900, 1), page(at(5), 'inria', 900, 30), page(at(6), 'inria', 100, 0), page(at(20), 'inria', 99_999, 9)];

  it('ranks the most viewed first (the most liked among equals), as many as asked, within the period', () => {
    const s = seenOnX(['inria', 'inria_fr'], { captures, snapshots: [], capturing: true }, at(1, 0), at(10, 0), 3);
    expect(s.tweets).toBe(4);
    expect(s.top.map((x) => [x.authorHandle, x.views, x.likes])).toEqual([
      ['inria', 900, 30],
      ['inria_fr', 900, 1],
      ['inria', 500, 5],
    ]);
  });

  it('takes a tweet posted at the start of the period and not one posted at its end, each by its latest counts, in whatever order they come', () => {
    const [from, to] = [at(1, 0), at(10, 0)];
    const first = page(from, 'inria', 10, 1);
    const seenAgain = { ...first, capturedAt: at(2), views: 40 };
    const s = seenOnX(['inria'], { captures: [seenAgain, page(to, 'inria', 5000, 5), first], snapshots: [], capturing: true }, from, to, 5);
    expect([s.tweets, s.views, s.top.map((x) => x.views)]).toEqual([1, 40, [40]]);
  });

  it('gives each account its followers at its last visit of the period, and the change since the visit before the period, or since its first of the period', () => {
    const snap = (handle: string, day: string, followers: number | null) => ({ handle, day, capturedAt: Date.parse(day), followers, following: 1, posts: 1 });
    const snapshots = [
      // (In no order: as the database may give them.)
      snap('inria', '2026-11-08', 1_050),
      snap('inria', '2026-11-12', 9_999), // after the period
      snap('inria', '2026-11-02', 1_010),
      snap('inria', '2026-11-09', null), // the header showed no count
      snap('inria', '2026-10-31', 999), // the last visit before the period
      snap('inria', '2026-10-20', 900),
      snap('inserm', '2026-10-30', 4_000), // seen before the period only
      snap('cnrs', '2026-11-03', 500),
      snap('cnrs', '2026-11-06', 530),
      snap('inria_fr', '2026-11-05', 70),
    ];
    const s = seenOnX(['inria', 'cnrs', 'inria_fr', 'inserm'], { captures: [], snapshots, capturing: true }, at(1, 0), at(10, 0));
    expect(s.followers).toEqual([
      { handle: 'cnrs', followers: 530, change: { by: 30, since: '2026-11-03' } },
      { handle: 'inria', followers: 1_050, change: { by: 51, since: '2026-10-31' } },
      { handle: 'inria_fr', followers: 70, change: null },
    ]);
    expect(s.notVisited).toEqual(['inserm']);
  });

  it("reads the database for one of the institution's accounts, and for none where the account chosen is not one", async () => {
    await db.partners.bulkPut([partner('inria', 'institution'), partner('inria_fr', 'institution'), partner('cnrs', 'academic')]);
    await db.tweetMetrics.bulkPut([...captures, page(at(5, 11), 'cnrs', 5000, 50)]);
    const all = await loadSeenOnX(db, at(1, 0), at(10, 0), 5);
    expect([all.accounts, all.tweets, all.views]).toEqual([['inria', 'inria_fr'], 4, 2400]);
    const one = await loadSeenOnX(db, at(1, 0), at(10, 0), 5, 'inria_fr');
    expect([one.accounts, one.tweets, one.views]).toEqual([['inria_fr'], 1, 900]);
    expect((await loadSeenOnX(db, at(1, 0), at(10, 0), 5, 'cnrs')).accounts).toEqual([]);
  });

  it('lists every tweet of the period seen on X by its latest counts, the oldest first, as a CSV table', async () => {
    await db.partners.bulkPut([partner('inria', 'institution'), partner('inria_fr', 'institution'), partner('cnrs', 'academic')]);
    // The tweet of the 5th seen twice (its later counts kept, two of them read from "1.7K"); a partner's, and one after the period, left out.
    const later = { ...page(at(5), 'inria', 1700, 31), capturedAt: at(7), replies: 2, approximate: ['views', 'likes'] };
    await db.tweetMetrics.bulkPut([...captures, later, page(at(5, 11), 'cnrs', 5000, 50)]);
    const list = await loadSeenList(db, at(1, 0), at(10, 0));
    expect(list.map((m) => [m.authorHandle, m.views])).toEqual([
      ['inria', 500],
      ['inria_fr', 900],
      ['inria', 1700],
      ['inria', 100],
    ]);
    expect((await loadSeenList(db, at(1, 0), at(10, 0), 'inria_fr')).map((m) => m.views)).toEqual([900]);
    const table = readCsv(seenCsv(list, (k) => k));
    expect(table.header).toEqual(['seen_csv_col_account', 'seen_csv_col_posted', 'dash_csv_col_tweet', 'M_views_other', 'M_likes_other', 'M_reposts_other', 'M_replies_other', 'M_bookmarks_other', 'seen_csv_col_approximate', 'seen_csv_col_seen']);
    expect(table.rows[2]!.cells).toEqual(['inria', localMinuteOf(at(5)), `https://x.com/inria/status/${later.tweetId}`, '1700', '31', '', '2', '', 'm_views_other, m_likes_other', localMinuteOf(at(7))]);
    expect(table.rows).toHaveLength(4);
    // In the CM's words, separated as their spreadsheet reads.
    const { tKey } = await import('@/lib/i18n');
    expect(seenCsv(list.slice(0, 1), tKey, ';').split('\r\n')[0]).toBe('\uFEFFAccount;Posted;Tweet;Views;Likes;Reposts;Replies;Bookmarks;"Approximate (X showed ""1.7K"")";Counts seen');
  });

  it('writes each count in the form its number takes, as the language writes numbers', async () => {
    const { t } = await import('@/lib/i18n');
    const words = (k: string, ...subs: string[]) => t(k as Parameters<typeof t>[0], ...subs);
    expect(seenFigures({ views: 1, likes: 1, reposts: 1, replies: 1 }, SEEN_COUNTS, words, 'en', ', ')).toBe('1 view, 1 like, 1 repost, 1 reply');
    expect(seenFigures({ views: 1200, likes: 0, reposts: 2, replies: 0 }, SEEN_COUNTS, words, 'en', ' · ')).toBe('1,200 views · 0 likes · 2 reposts · 0 replies');
  });
});

describe("a partner's details: what Veille knows of them", () => {
  const NOW = at(28, 12);
  const snap = (day: number, followers: number | null) => ({ handle: 'cnrs', day: `2026-11-${day}`, capturedAt: at(day), followers, following: 1, posts: 1 });

  it('gives their followers at each visit, their tweets of the last 30 days seen on X, the topics saved from them, and the mentions', async () => {
    const { loadPartnerActivity } = await import('@/lib/partner-activity');
    await db.partners.bulkPut([partner('cnrs', 'academic'), partner('inria', 'institution')]);
    await db.profileSnapshots.bulkPut([snap(20, 20_100), snap(10, 20_000), snap(15, null), { ...snap(12, 7), handle: 'inria' }]);
    await db.tweetMetrics.bulkPut([
      page(at(20), 'cnrs', 300, 3),
      { ...page(at(20), 'cnrs', 700, 7), capturedAt: at(21) },
      page(at(25), 'cnrs', 100, 40),
      // Older than 30 days, someone else's, and an export's row: not counted.
      page(at(25) - 40 * 86_400_000, 'cnrs', 9_999, 9),
      page(at(25, 11), 'inria', 9_999, 9),
      { tweetId: '55', capturedAt: at(26), source: 'analytics', authorHandle: 'inria', postedAt: at(26), mentions: ['cnrs'], impressions: 10 },
      { tweetId: '54', capturedAt: at(26), source: 'analytics', authorHandle: 'inria', postedAt: at(24), mentions: ['cnrs', 'ademe'], impressions: 10 },
    ]);
    const topic = (id: string, createdAt: number, sourceHandle?: string) => ({ id, title: id, note: '', tags: [], hashtags: [], status: 'new' as const, createdAt, updatedAt: createdAt, ...(sourceHandle ? { sourceHandle } : {}) });
    await db.topics.bulkPut([topic('old', at(2), 'cnrs'), topic('recent', at(22), 'cnrs'), topic('other', at(23), 'inria'), topic('none', at(23))]);
    const a = await loadPartnerActivity(db, 'cnrs', NOW);
    expect(a.followers).toEqual([
      { at: at(10), followers: 20_000 },
      { at: at(20), followers: 20_100 },
    ]);
    expect(a.lastSeen).toBe(at(25) + 3_600_000);
    expect([a.tweets.tweets, a.tweets.views, a.tweets.likes, a.tweets.top.map((x) => x.views)]).toEqual([2, 800, 47, [700, 100]]);
    expect(a.topics.map((x) => x.id)).toEqual(['recent', 'old']);
    expect(a.mentions).toEqual({ count: 2, last: { tweetId: '55', authorHandle: 'inria', postedAt: at(26) } });
  });

  it('says never seen, no tweets and no topics, and has no mentions to count before any analytics import', async () => {
    const { loadPartnerActivity } = await import('@/lib/partner-activity');
    const a = await loadPartnerActivity(db, 'ademe', NOW);
    expect(a).toEqual({ followers: [], lastSeen: 0, tweets: { tweets: 0, authors: [], views: 0, likes: 0, reposts: 0, replies: 0, approximate: false, top: [] }, topics: [], mentions: null });
    await db.tweetMetrics.put({ tweetId: '56', capturedAt: at(26), source: 'analytics', authorHandle: 'inria', postedAt: at(26), mentions: ['cnrs'] });
    expect((await loadPartnerActivity(db, 'ademe', NOW)).mentions).toEqual({ count: 0 });
  });
});

describe("the partners' tweets to relay", () => {
  const NOW = at(20, 18);
  it("names each partner's most viewed tweet of the last 3 days, the most viewed first, saved topics and the institution aside", async () => {
    const { loadPartnersToRelay } = await import('@/lib/seen');
    const named = (handle: string, category: Partner['category'], name: string) => ({ ...partner(handle, category), name });
    await db.partners.bulkPut([named('cnrs', 'academic', 'CNRS'), named('nature', 'journal', 'Nature'), named('ademe', 'public_authority', 'ADEME'), named('inria', 'institution', 'Inria')]);
    await db.tweetMetrics.bulkPut([
      page(at(19, 9), 'cnrs', 9000, 90),
      page(at(19, 10), 'cnrs', 8000, 80),
      page(at(18, 10), 'nature', 500, 5),
      page(at(18, 11), 'ademe', 20_000, 2),
      // Older than 3 days, the institution's own, and a stranger's.
      page(at(16, 10), 'nature', 99_999, 9),
      page(at(19, 11), 'inria', 99_999, 9),
      page(at(19, 12), 'someone', 99_999, 9),
    ]);
    // ADEME's tweet is saved as a topic already.
    await db.topics.put({ id: 't', title: 'ADEME', note: '', tags: [], hashtags: [], status: 'new', createdAt: NOW, updatedAt: NOW, sourceTweetId: snowflakeAt(at(18, 11)) });
    const r = await loadPartnersToRelay(db, NOW);
    expect(r.partners).toBe(3);
    expect(r.tweets.map((x) => [x.authorHandle, x.name, x.category, x.views])).toEqual([
      ['cnrs', 'CNRS', 'academic', 9000],
      ['nature', 'Nature', 'journal', 500],
    ]);
  });

  it('has no partners to speak of, or none of their tweets seen lately', async () => {
    const { loadPartnersToRelay } = await import('@/lib/seen');
    expect(await loadPartnersToRelay(db, NOW)).toEqual({ partners: 0, tweets: [] });
    await db.partners.put(partner('cnrs', 'academic'));
    expect(await loadPartnersToRelay(db, NOW)).toEqual({ partners: 1, tweets: [] });
  });
});
