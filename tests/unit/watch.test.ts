import { describe, expect, it } from 'vitest';
import type { Partner } from '@/lib/schemas';
import { touchesTables, watchQuery } from '@/lib/watch';
import { dropDb, freshDb } from './fresh-db';

const partner = (handle: string): Partner => ({ id: handle, handle, name: handle, category: 'academic', tags: [], note: '', createdAt: 0, updatedAt: 0 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a watched query', () => {
  it('is read at once, again at once after the first write that affects it, then at most once a gap; not for other tables; not once stopped', async () => {
    const db = await freshDb();
    const values: number[] = [];
    let reads = 0;
    const stop = watchQuery(
      async () => {
        reads++;
        return db.partners.count();
      },
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
      expect(reads).toBe(3);
      // Another table: nothing read.
      await sleep(350);
      await db.topics.put({ id: 't', title: 'T', status: 'new', note: '', tags: [], hashtags: [], createdAt: 0, updatedAt: 0 });
      await sleep(50);
      expect(reads).toBe(3);
      stop();
      await db.partners.put(partner('d'));
      await sleep(400);
      expect(values).toEqual([0, 1, 3]);
    } finally {
      stop();
      await dropDb(db);
    }
  });
});
