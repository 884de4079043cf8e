import { describe, expect, it } from 'vitest';
import type { VeilleDB } from '@/lib/db';
import { errorText } from '@/lib/errors';
import { failureText } from '@/components/useWorker';
import { dropDb, freshDb } from './fresh-db';

describe('what went wrong, as a person reads it', () => {
  it("says a database error once, where Dexie repeats IndexedDB's words after its own", async () => {
    const db: VeilleDB = await freshDb();
    const now = Date.now();
    const partner = { id: 'p1', handle: 'cnrs', name: 'CNRS', category: 'institution' as const, tags: [], note: '', createdAt: now, updatedAt: now };
    const thrown = await db.transaction('rw', db.partners, async () => {
      await db.partners.add(partner);
      await db.partners.add(partner);
    }).then(
      () => null,
      (e: unknown) => e,
    );
    await dropDb(db);
    expect(thrown).toBeInstanceOf(Error);
    const text = errorText(thrown);
    expect(text.length).toBeGreaterThan(10);
    expect((thrown as Error).message.startsWith(text)).toBe(true);
    expect((thrown as Error).message.length).toBeGreaterThan(text.length);
  });

  it('keeps words of its own that an error adds before its cause, and says what was thrown that is no error', () => {
    const inner = new Error('disk full');
    expect(errorText(Object.assign(new Error('Could not write the import: disk full'), { inner }))).toBe('Could not write the import: disk full');
    expect(errorText(Object.assign(new Error('disk full\n QuotaExceededError: disk full'), { inner }))).toBe('disk full');
    expect(errorText(new Error('plain'))).toBe('plain');
    expect(errorText('a string')).toBe('a string');
    expect(errorText(undefined)).toBe('undefined');
    expect(errorText(null)).toBe('null');
  });

  it("says why a worker refused a record in the page's words, never as a message key", () => {
    const text = failureText({ key: 'err_analytics_invalid_record', detail: '1856000000000000001, authorHandle', why: 'err_stored_handle' });
    expect(text).toContain('(1856000000000000001, authorHandle: not a handle');
    expect(text).not.toContain('err_');
    expect(failureText({ key: 'err_analytics_invalid_record', detail: '1856000000000000002, likes', why: 'err_record_bounds' })).toContain('likes: a value out of bounds)');
  });
});
