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
    expect(db.verno).toBe(4);
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
    expect(db.verno).toBe(4);
    expect(await db.topics.toArray()).toEqual([topic]);
    expect(await db.topics.where('tags').equals('chimie').count()).toBe(1);
    expect(await db.veilleSessions.count()).toBe(1);
    await db.termCounts.put({ day: '2026-11-25', term: '#chimie', count: 2 });
    expect(await db.termCounts.where('day').equals('2026-11-25').count()).toBe(1);
    db.close();
    await Dexie.delete(name);
  });
});
