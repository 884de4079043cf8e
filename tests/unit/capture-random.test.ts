/**
 * The capture path driven at random: batches of tweets seen on X (the same tweet twice in one
 * batch, counts shown or not, capture switched off), the worker's queue writing them a second at a
 * time (or failing to), and time passing, against a model of the rule: a tweet's snapshot is
 * stored the first time, then only when a count shown changed and an hour has passed since the
 * last; and each batch is answered with what was stored before it.
 */
import fc from 'fast-check';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CaptureQueue, FLUSH_MS } from '@/lib/capture-queue';
import type { VeilleDB } from '@/lib/db';
import { HOUR, recordTweets, tweetData } from '@/lib/metrics';
import type { CapturedTweet } from '@/lib/protocol';
import type { TweetMetric } from '@/lib/schemas';
import { METRICS } from '@/lib/x/counts';
import { dropDb, freshDb } from './fresh-db';

let db: VeilleDB;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => dropDb(db));

const IDS = ['1856000000000000001', '1856000000000000002', '1856000000000000003'];
const T0 = new Date(2026, 10, 12, 9).getTime();

/** A tweet as the page shows it: some counts (of a few values, so that they repeat), maybe approximate. */
const capture = fc.record({
  tweetId: fc.constantFrom(...IDS),
  counts: fc.record(
    { replies: fc.integer({ min: 0, max: 2 }), reposts: fc.integer({ min: 0, max: 2 }), likes: fc.integer({ min: 0, max: 3 }), bookmarks: fc.integer({ min: 0, max: 1 }), views: fc.integer({ min: 0, max: 3 }) },
    { requiredKeys: [] },
  ),
  approximate: fc.subarray(['likes', 'views'] as ('likes' | 'views')[]),
}).map((c): CapturedTweet => ({ ...c, author: 'univnantes', approximate: c.approximate.filter((m) => c.counts[m] !== undefined) }));

const step = fc.oneof(
  // A batch; maybe while the queue writes what waited (another tab's batch, a second later).
  { arbitrary: fc.record({ k: fc.constant('batch' as const), captures: fc.array(capture, { minLength: 1, maxLength: 4 }), store: fc.boolean(), whileWriting: fc.boolean() }), weight: 4 },
  // Time passing: within the second, a few minutes, the hour to the millisecond, about the hour, hours.
  {
    arbitrary: fc.record({
      k: fc.constant('wait' as const),
      ms: fc.oneof(fc.integer({ min: 1, max: FLUSH_MS - 1 }), fc.integer({ min: 1, max: 20 * 60_000 }), fc.constantFrom(HOUR - 1, HOUR), fc.integer({ min: HOUR - 2000, max: HOUR + 2000 }), fc.integer({ min: 1, max: 6 * HOUR })),
    }),
    weight: 3,
  },
  // The queue's write failing once (the disk full a moment): it tries again.
  fc.record({ k: fc.constant('fail' as const) }),
);

/** The rule, written again from the words. */
function stored(model: TweetMetric[], c: CapturedTweet, now: number): boolean {
  const last = model.filter((r) => r.source === 'page').at(-1);
  if (!last) return true;
  const changed = METRICS.some((m) => c.counts[m] !== undefined && c.counts[m] !== last[m]);
  return changed && now - last.capturedAt >= HOUR;
}

describe('captures driven at random through the queue', () => {
  it('store a snapshot the first time, then at most one an hour and none without a change, and answer what was stored before', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        await db.tweetMetrics.clear();
        // (Its timer never fires on its own here: the property flushes it as a second passes.)
        const queue = new CaptureQueue(db, 2_000_000_000);
        const model = new Map<string, TweetMetric[]>(IDS.map((id) => [id, []]));
        let t = T0;
        let failNext = false;
        const flush = async () => {
          const put = failNext && queue.size ? vi.spyOn(db.tweetMetrics, 'bulkPut').mockImplementationOnce(() => Dexie.Promise.reject(new Error('disk full'))) : null;
          failNext = false;
          await queue.flush();
          put?.mockRestore();
          // (A failed write is tried again by the queue's timer: here, at once.)
          if (queue.size) await queue.flush();
        };
        for (const s of steps) {
          if (s.k === 'fail') failNext = true;
          else if (s.k === 'wait') {
            // The queue writes what waits within FLUSH_MS.
            if (s.ms >= FLUSH_MS) await flush();
            t += s.ms;
          } else {
            const said = JSON.stringify({ steps, s, t });
            const writing = s.whileWriting ? flush() : null;
            const answer = await recordTweets(db, s.captures, s.store, t, queue);
            await writing;
            const ids = [...new Set(s.captures.map((c) => c.tweetId))];
            expect(answer, said).toEqual(ids.flatMap((id) => tweetData(id, model.get(id)!) ?? []));
            if (s.store) {
              // The later capture of a tweet in a batch is the one the rule weighs.
              for (const id of ids) {
                const c = s.captures.filter((x) => x.tweetId === id).at(-1)!;
                if (!stored(model.get(id)!, c, t)) continue;
                const r: TweetMetric = { tweetId: id, capturedAt: t, source: 'page', authorHandle: 'univnantes', postedAt: model.get(id)![0]?.postedAt ?? Number(BigInt(id) >> 22n) + 1_288_834_974_657 };
                for (const m of METRICS) if (c.counts[m] !== undefined) r[m] = c.counts[m];
                if (c.approximate.length) r.approximate = [...c.approximate];
                model.get(id)!.push(r);
              }
            }
          }
        }
        await flush();
        const all = await db.tweetMetrics.toArray();
        const sort = (rs: TweetMetric[]) => [...rs].sort((a, b) => a.tweetId.localeCompare(b.tweetId) || a.capturedAt - b.capturedAt);
        expect(sort(all), JSON.stringify(steps)).toEqual(sort([...model.values()].flat()));
        // And what the issue says, read off the database: an hour at least between a tweet's
        // snapshots, each with a count changed.
        for (const id of IDS) {
          const rs = sort(all.filter((r) => r.tweetId === id));
          for (let i = 1; i < rs.length; i++) {
            expect(rs[i]!.capturedAt - rs[i - 1]!.capturedAt).toBeGreaterThanOrEqual(HOUR);
            expect(METRICS.some((m) => rs[i]![m] !== undefined && rs[i]![m] !== rs[i - 1]![m])).toBe(true);
          }
        }
      }),
      { numRuns: 300, seed: 71 },
    );
    warn.mockRestore();
  }, 120_000);
});
