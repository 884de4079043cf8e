import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { holdsAny, type VeilleDB } from '@/lib/db';
import { dropDb, freshDb } from './fresh-db';

/**
 * `holdsAny` answers "is there at least one?" by reading one key: the dashboard's first steps and the
 * profile card ask it of 100,000 captures, which Dexie's `limit(1).count()` counted whole.
 */
describe('holdsAny', () => {
  let db: VeilleDB;
  beforeEach(async () => {
    db = await freshDb();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await dropDb(db);
  });

  const capture = (tweetId: string, source: 'page' | 'analytics') => ({ tweetId, capturedAt: 1_700_000_000_000, source, authorHandle: 'inria' });

  it('says whether a table or a range holds a record', async () => {
    expect(await holdsAny(db.tweetMetrics)).toBe(false);
    expect(await holdsAny(db.tweetMetrics.where('source').equals('page'))).toBe(false);
    await db.tweetMetrics.bulkPut([capture('1', 'page'), capture('2', 'page'), capture('3', 'page')]);
    expect(await holdsAny(db.tweetMetrics)).toBe(true);
    expect(await holdsAny(db.tweetMetrics.where('source').equals('page'))).toBe(true);
    expect(await holdsAny(db.tweetMetrics.where('source').equals('analytics'))).toBe(false);
  });

  it('reads one key and counts nothing', async () => {
    await db.tweetMetrics.bulkPut(Array.from({ length: 50 }, (_, i) => capture(String(i + 1), 'page')));
    const counts = [vi.spyOn(IDBIndex.prototype, 'count'), vi.spyOn(IDBObjectStore.prototype, 'count')];
    const keys = vi.spyOn(IDBIndex.prototype, 'getAllKeys');
    expect(await holdsAny(db.tweetMetrics.where('source').equals('page'))).toBe(true);
    for (const count of counts) expect(count).not.toHaveBeenCalled();
    expect(keys).toHaveBeenCalledTimes(1);
    expect(keys.mock.results[0]!.value).toBeInstanceOf(IDBRequest);
    expect((keys.mock.results[0]!.value as IDBRequest<unknown[]>).result).toHaveLength(1);
  });
});
