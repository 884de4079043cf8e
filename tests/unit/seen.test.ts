import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VeilleDB } from '@/lib/db';
import type { Partner, TweetMetric } from '@/lib/schemas';
import { SEEN_COUNTS, loadSeenOnX, seenFigures, seenOnX } from '@/lib/seen';
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

  it("reads the database for one of the institution's accounts, and for none where the account chosen is not one", async () => {
    await db.partners.bulkPut([partner('inria', 'institution'), partner('inria_fr', 'institution'), partner('cnrs', 'academic')]);
    await db.tweetMetrics.bulkPut([...captures, page(at(5, 11), 'cnrs', 5000, 50)]);
    const all = await loadSeenOnX(db, at(1, 0), at(10, 0), 5);
    expect([all.accounts, all.tweets, all.views]).toEqual([['inria', 'inria_fr'], 4, 2400]);
    const one = await loadSeenOnX(db, at(1, 0), at(10, 0), 5, 'inria_fr');
    expect([one.accounts, one.tweets, one.views]).toEqual([['inria_fr'], 1, 900]);
    expect((await loadSeenOnX(db, at(1, 0), at(10, 0), 5, 'cnrs')).accounts).toEqual([]);
  });

  it('writes each count in the form its number takes, as the language writes numbers', async () => {
    const { t } = await import('@/lib/i18n');
    const words = (k: string, ...subs: string[]) => t(k as Parameters<typeof t>[0], ...subs);
    expect(seenFigures({ views: 1, likes: 1, reposts: 1, replies: 1 }, SEEN_COUNTS, words, 'en', ', ')).toBe('1 view, 1 like, 1 repost, 1 reply');
    expect(seenFigures({ views: 1200, likes: 0, reposts: 2, replies: 0 }, SEEN_COUNTS, words, 'en', ' · ')).toBe('1,200 views · 0 likes · 2 reposts · 0 replies');
  });
});
