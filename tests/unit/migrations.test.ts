import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { SCHEMA_V1, openDb } from '@/lib/db';

describe('database migrations', () => {
  it('opens a version 1 database with data in it as the current version, with nothing lost', async () => {
    const name = 'test-migration-v1';
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const partner = { id: 'p1', handle: 'univnantes', name: 'Nantes Université', category: 'academic', tags: ['région'], note: 'n', createdAt: 1, updatedAt: 2 };
    const metric = { tweetId: '1856000000000000001', capturedAt: 10, source: 'page', authorHandle: 'univnantes', likes: 5 };
    const snapshot = { handle: 'univnantes', day: '2026-11-12', capturedAt: 10, followers: 1, following: 2, posts: 3 };
    await v1.table('partners').add(partner);
    await v1.table('tweetMetrics').add(metric);
    await v1.table('profileSnapshots').add(snapshot);
    await v1.table('settings').put({ key: 'settings', value: { dailyGoalMinutes: 45 } });
    v1.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(7);
    expect(await db.partners.toArray()).toEqual([partner]);
    expect(await db.tweetMetrics.toArray()).toEqual([metric]);
    expect(await db.profileSnapshots.toArray()).toEqual([snapshot]);
    expect(await db.settings.get('settings')).toEqual({ key: 'settings', value: { dailyGoalMinutes: 45 } });
    // The new indexes work on the old rows.
    expect(await db.tweetMetrics.where('[authorHandle+capturedAt]').between(['univnantes', 0], ['univnantes', Infinity]).count()).toBe(1);
    expect(await db.tweetMetrics.where('mentions').equals('univnantes').count()).toBe(0);
    db.close();
    await Dexie.delete(name);
  });
});

describe('version 3', () => {
  it('opens a version 2 database with topics in it, and adds the term counts', async () => {
    const { SCHEMA_V2 } = await import('@/lib/db');
    const name = 'test-migration-v2';
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    const topic = { id: 't1', title: 'Ancien sujet', note: '', tags: ['chimie'], status: 'proposed', createdAt: 1, updatedAt: 1 };
    await v2.table('topics').add(topic);
    await v2.table('veilleSessions').add({ id: 's', start: 1, end: 2, mode: 'manual' });
    v2.close();
    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(7);
    expect(await db.topics.toArray()).toEqual([topic]);
    expect(await db.topics.where('tags').equals('chimie').count()).toBe(1);
    expect(await db.veilleSessions.count()).toBe(1);
    await db.termCounts.put({ day: '2026-11-25', term: '#chimie', count: 2 });
    expect(await db.termCounts.where('day').equals('2026-11-25').count()).toBe(1);
    db.close();
    await Dexie.delete(name);
  });
});

describe('version 5', () => {
  async function v4With(name: string, tweets: object[], days: object[]) {
    const { SCHEMA_V2, SCHEMA_V3, SCHEMA_V4 } = await import('@/lib/db');
    const v4 = new Dexie(name);
    v4.version(1).stores(SCHEMA_V1);
    v4.version(2).stores(SCHEMA_V2);
    v4.version(3).stores(SCHEMA_V3);
    v4.version(4).stores(SCHEMA_V4);
    await v4.table('tweetMetrics').bulkAdd(tweets);
    await v4.table('accountDays').bulkAdd(days);
    v4.close();
    const db = openDb(name);
    await db.open();
    return db;
  }
  const day = (d: string, impressions: number) => ({ day: d, impressions, engagements: 3 });
  const tweet = (id: string, author: string, source = 'analytics') => ({ tweetId: id, capturedAt: 1, source, authorHandle: author, impressions: 10 });

  it('gives the days stored by day alone to the one account whose tweets were imported, and drops the old table', async () => {
    const name = 'test-migration-v4-one';
    // (A captured tweet of another author is not an imported one: it does not count.)
    const db = await v4With(name, [tweet('1', 'inria'), tweet('2', 'inria'), tweet('3', 'cnrs', 'page')], [day('2026-08-01', 100), day('2026-08-02', 200)]);
    try {
      expect(db.verno).toBe(7);
      expect(db.tables.map((t) => t.name)).not.toContain('accountDays');
      expect(await db.dailyFigures.toArray()).toEqual([
        { account: 'inria', ...day('2026-08-01', 100) },
        { account: 'inria', ...day('2026-08-02', 200) },
      ]);
      expect(await db.dailyFigures.get(['inria', '2026-08-02'])).toMatchObject({ impressions: 200 });
      expect(await db.tweetMetrics.count()).toBe(3);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });

  it('gives them to no one when the tweets imported are of several accounts, or of none', async () => {
    for (const [name, tweets] of [
      ['test-migration-v4-two', [tweet('1', 'inria'), tweet('2', 'inria_en')]],
      ['test-migration-v4-none', []],
    ] as const) {
      const db = await v4With(name, [...tweets], [day('2026-08-01', 100)]);
      try {
        expect(await db.dailyFigures.toArray()).toEqual([{ account: '', ...day('2026-08-01', 100) }]);
      } finally {
        db.close();
        await Dexie.delete(name);
      }
    }
  });
});
