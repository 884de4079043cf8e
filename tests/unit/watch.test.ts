import { Dexie, type ObservabilitySet } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { Partner, TweetMetric } from '@/lib/schemas';
import type { VeilleDB } from '@/lib/db';
import { mayChangeAnalytics, touchesTables, watchQuery } from '@/lib/watch';
import { dropDb, freshDb } from './fresh-db';

const partner = (handle: string): Partner => ({ id: handle, handle, name: handle, category: 'academic', tags: [], note: '', createdAt: 0, updatedAt: 0 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A query of the partners that counts how often it was read. */
function partnersCounted(db: VeilleDB) {
  const counted = {
    reads: 0,
    query: async () => {
      counted.reads++;
      return db.partners.count();
    },
  };
  return counted;
}

describe('a watched query', () => {
  it('is read at once, again at once after the first write that affects it, then at most once a gap; not for other tables; not once stopped', async () => {
    const db = await freshDb();
    const values: number[] = [];
    const counted = partnersCounted(db);
    const stop = watchQuery(
      counted.query,
      (parts) => touchesTables(parts, db.name, ['partners']),
      (n) => values.push(n),
      300,
    );
    try {
      await sleep(50);
      expect(values).toEqual([0]);
      await db.partners.put(partner('a'));
      await sleep(50);
      expect(values).toEqual([0, 1]);
      // Within the gap: two writes, read together at its end.
      await db.partners.put(partner('b'));
      await db.partners.put(partner('c'));
      await sleep(50);
      expect(values).toEqual([0, 1]);
      await sleep(350);
      expect(values).toEqual([0, 1, 3]);
      expect(counted.reads).toBe(3);
      // Another table: nothing read.
      await sleep(350);
      await db.topics.put({ id: 't', title: 'T', status: 'new', note: '', tags: [], hashtags: [], createdAt: 0, updatedAt: 0 });
      await sleep(50);
      expect(counted.reads).toBe(3);
      // Anything may have changed (a page back from the browser's cache): read again.
      Dexie.on('storagemutated').fire({ all: { d: 0 } });
      await sleep(50);
      expect(counted.reads).toBe(4);
      stop();
      await db.partners.put(partner('d'));
      await sleep(400);
      expect(values).toEqual([0, 1, 3, 3]);
    } finally {
      stop();
      await dropDb(db);
    }
  });
});

describe('a watched query read slowly', () => {
  it("gives only the latest read's result: a slower read before it, or one under way when stopped, gives none", async () => {
    const answers: ((n: number) => void)[] = [];
    const values: number[] = [];
    const stop = watchQuery(
      () => new Promise<number>((resolve) => answers.push(resolve)),
      () => true,
      (n) => values.push(n),
    );
    try {
      // A write while the first read runs: read again at once.
      Dexie.on('storagemutated').fire({ all: { d: 0 } });
      expect(answers).toHaveLength(2);
      // The second read answers first; the first, older, after it.
      answers[1]!(2);
      answers[0]!(1);
      await sleep(10);
      expect(values).toEqual([2]);
      Dexie.on('storagemutated').fire({ all: { d: 0 } });
      stop();
      answers[2]!(3);
      await sleep(10);
      expect(values).toEqual([2]);
    } finally {
      stop();
    }
    // Stopped before its first read answers.
    const first: ((n: number) => void)[] = [];
    watchQuery(() => new Promise<number>((resolve) => first.push(resolve)), () => true, (n) => values.push(n))();
    first[0]!(4);
    await sleep(10);
    expect(values).toEqual([2]);
  });
});

describe('a watched query with slow writes', () => {
  it('reads slow writes at most once a slow gap, and a write of the others at once even then', async () => {
    const db = await freshDb();
    const counted = partnersCounted(db);
    const stop = watchQuery(
      counted.query,
      (parts) => touchesTables(parts, db.name, ['partners']),
      () => undefined,
      0,
      { affects: (parts) => touchesTables(parts, db.name, ['topics']), gapMs: 400 },
    );
    const topic = (id: string) => db.topics.put({ id, title: id, status: 'new', note: '', tags: [], hashtags: [], createdAt: 0, updatedAt: 0 });
    try {
      await sleep(50);
      expect(counted.reads).toBe(1);
      // The first slow write: read at once; the next ones wait for the slow gap's end, together.
      await topic('a');
      await sleep(50);
      expect(counted.reads).toBe(2);
      await topic('b');
      await topic('c');
      await sleep(100);
      expect(counted.reads).toBe(2);
      // A write of the others in the meantime: read at once, and the slow writes with it.
      await db.partners.put(partner('a'));
      await sleep(50);
      expect(counted.reads).toBe(3);
      await sleep(500);
      expect(counted.reads).toBe(3);
      // A slow write again: the slow gap counts from the last read.
      await topic('d');
      await sleep(100);
      expect(counted.reads).toBe(4);
      await topic('e');
      await sleep(150);
      expect(counted.reads).toBe(4);
      await sleep(350);
      expect(counted.reads).toBe(5);
      // Tables neither watches: nothing read.
      await db.veilleSessions.put({ id: 's', start: 0, mode: 'manual' });
      await sleep(500);
      expect(counted.reads).toBe(5);
    } finally {
      stop();
      await dropDb(db);
    }
  });
});

describe('the dashboard reads the analytics again', () => {
  it('after a write that may have changed them, not after captures of tweets or other tables', async () => {
    const db = await freshDb();
    const writes: ObservabilitySet[] = [];
    const listen = (parts: ObservabilitySet) => void writes.push(parts);
    Dexie.on('storagemutated', listen);
    try {
      /** Would the dashboard read again after this write? */
      const after = async (write: () => Promise<unknown>) => {
        writes.length = 0;
        await write();
        await new Promise((r) => setTimeout(r, 20));
        expect(writes.length).toBeGreaterThan(0);
        return writes.some((parts) => mayChangeAnalytics(parts, db.name));
      };
      const metric = (id: string, source: TweetMetric['source'], at = 1.7e12): TweetMetric => ({ tweetId: id, capturedAt: at, source, likes: 1 });
      expect(await after(() => db.tweetMetrics.bulkPut([metric('1', 'page'), metric('2', 'page')]))).toBe(false);
      expect(await after(() => db.partners.put(partner('cnrs')))).toBe(false);
      expect(await after(() => db.tweetMetrics.put(metric('3', 'analytics')))).toBe(true);
      // The same row again, with other figures (a newer export of the same tweet).
      expect(await after(() => db.tweetMetrics.put({ ...metric('3', 'analytics'), impressions: 900 }))).toBe(true);
      // A large write names every source: read again, to be safe.
      expect(await after(() => db.tweetMetrics.bulkPut(Array.from({ length: 60 }, (_, i) => metric(`p${i}`, 'page'))))).toBe(true);
      // A backup restored in place of everything: the table cleared, then a few captures written.
      expect(await after(() => db.transaction('rw', db.tweetMetrics, async () => {
        await db.tweetMetrics.clear();
        await db.tweetMetrics.put(metric('4', 'page'));
      }))).toBe(true);
      // In another database: nothing.
      expect(mayChangeAnalytics(writes[0]!, 'another')).toBe(false);
    } finally {
      Dexie.on('storagemutated').unsubscribe(listen);
      await dropDb(db);
    }
  });
});
