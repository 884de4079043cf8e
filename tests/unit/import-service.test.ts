// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDayOf } from '@/lib/time';
import type { VeilleDB } from '@/lib/db';
import { ERRORS_SHOWN, importAnswerer, type ImportAnswer } from '@/lib/import-service';
import { LEGACY_EN, OVERVIEW } from '../fixtures/analytics';
import { dropDb, freshDb } from './fresh-db';

let db: VeilleDB;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => dropDb(db));

const csv = (name: string, text: string) => new File([text], name, { type: 'text/csv' });
const HEADER = LEGACY_EN.split('\n')[0]!;
/** A legacy export of `n` tweets, `bad` of them with a date Veille cannot read. */
function legacy(n: number, bad = 0): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const id = String(1856000000000000000n + BigInt(i));
    return `"${id}","https://twitter.com/ChimieCNRS/status/${id}","Tweet ${i}","${i < bad ? 'hier' : '2026-11-12 09:30 +0000'}","${100 + i}.0","2.0","0.02","0.0","0.0","2.0","0.0","0.0","0.0","0.0","0.0","-"`;
  });
  return [HEADER, ...rows].join('\n');
}

describe("the options page's import worker", () => {
  it('reads a file (telling how far), says what it holds, and stores it once', async () => {
    const ask = importAnswerer(() => db);
    const told: ImportAnswer[] = [];
    const read = await ask({ id: 1, dbName: db.name, op: 'read', file: csv('a.csv', legacy(3)) }, (a) => told.push(a));
    // (The CM's day of the tweets' posting, 09:30 UTC: where the tests run.)
    const posted = localDayOf(Date.UTC(2026, 10, 12, 9, 30));
    expect(read).toMatchObject({ id: 1, ok: true, read: { format: 'legacy-tweets', language: 'en', rows: 3, records: 3, errorCount: 0, errorRows: 0, period: { from: posted, to: posted } } });
    expect(told.length).toBeGreaterThan(0);
    expect(told.at(-1)).toEqual({ id: 1, progress: 1 });
    expect(await db.tweetMetrics.count()).toBe(0);
    expect(await ask({ id: 2, dbName: db.name, op: 'store' }, () => {})).toEqual({ id: 2, ok: true, summary: { added: 3, updated: 0, unchanged: 0, rejected: 0 } });
    expect(await db.tweetMetrics.count()).toBe(3);
    // Stored once: not again.
    expect(await ask({ id: 3, dbName: db.name, op: 'store' }, () => {})).toMatchObject({ id: 3, ok: false });
  });

  it('lists the first errors with their count; stores the valid rows when asked', async () => {
    const ask = importAnswerer(() => db);
    const a = await ask({ id: 1, dbName: db.name, op: 'read', file: csv('bad.csv', legacy(70, 60)) }, () => {});
    if (!('ok' in a) || !a.ok) throw new Error('read failed');
    expect(a.read).toMatchObject({ records: 10, errorCount: 60, errorRows: 60 });
    expect(a.read!.errors).toHaveLength(ERRORS_SHOWN);
    expect(a.read!.errors[0]).toMatchObject({ row: 2, column: 'time', value: 'hier' });
    expect(await ask({ id: 2, dbName: db.name, op: 'store' }, () => {})).toMatchObject({ ok: true, summary: { added: 10, rejected: 60 } });
  });

  it('refuses a file it cannot read, saying why, and a cancel stops the read under way', async () => {
    const ask = importAnswerer(() => db);
    expect(await ask({ id: 1, dbName: db.name, op: 'read', file: csv('x.csv', 'a,b\n1,2\n') }, () => {})).toMatchObject({ id: 1, ok: false, key: 'err_analytics_unknown' });
    expect(await ask({ id: 2, dbName: db.name, op: 'store' }, () => {})).toMatchObject({ ok: false });
    const big = ask({ id: 3, dbName: db.name, op: 'read', file: csv('big.csv', legacy(20_000)) }, () => {});
    expect(await ask({ id: 4, dbName: db.name, op: 'cancel' }, () => {})).toEqual({ id: 4, ok: true });
    expect(await big).toEqual({ id: 3, ok: false, cancelled: true, detail: 'cancelled' });
    expect(await ask({ id: 5, dbName: db.name, op: 'store' }, () => {})).toMatchObject({ ok: false });
    // A file read with errors, then the CM cancels: forgotten.
    expect(await ask({ id: 6, dbName: db.name, op: 'read', file: csv('bad.csv', legacy(3, 1)) }, () => {})).toMatchObject({ ok: true, read: { errorCount: 1, records: 2 } });
    expect(await ask({ id: 7, dbName: db.name, op: 'cancel' }, () => {})).toEqual({ id: 7, ok: true });
    expect(await ask({ id: 8, dbName: db.name, op: 'store' }, () => {})).toMatchObject({ ok: false });
    expect(await db.tweetMetrics.count()).toBe(0);
  });

  it("says in Veille's words a file changed since it was chosen, and a disk full as the import is stored, which stores none of it", async () => {
    const ask = importAnswerer(() => db);
    const gone = csv('a.csv', legacy(3));
    const refuse = () => Promise.reject(new DOMException('The requested file could not be read, typically due to permission problems that have occurred after a reference to a file was acquired.', 'NotReadableError'));
    Object.assign(gone, { text: refuse, arrayBuffer: refuse, stream: () => { throw new DOMException('gone', 'NotReadableError'); }, slice: () => ({ text: refuse, arrayBuffer: refuse }) });
    expect(await ask({ id: 1, dbName: db.name, op: 'read', file: gone }, () => {})).toMatchObject({ id: 1, ok: false, key: 'err_file_unreadable', detail: 'err_cause_file_changed' });
    // The disk fills up as the third tweet is written: the transaction stops, nothing is kept.
    expect(await ask({ id: 2, dbName: db.name, op: 'read', file: csv('b.csv', legacy(3)) }, () => {})).toMatchObject({ ok: true });
    let written = 0;
    db.tweetMetrics.hook('creating', () => {
      if (++written === 3) throw new DOMException('Encountered full disk quota', 'QuotaExceededError');
    });
    expect(await ask({ id: 3, dbName: db.name, op: 'store' }, () => {})).toEqual({ id: 3, ok: false, detail: 'err_cause_quota' });
    expect(await db.tweetMetrics.count()).toBe(0);
  });

  it("asks whose days a per-day export's are where its name does not say it, offering the accounts known", async () => {
    const ask = importAnswerer(() => db);
    await db.tweetMetrics.bulkPut([
      { tweetId: '1', capturedAt: 1, source: 'analytics', authorHandle: 'inria' },
      { tweetId: '2', capturedAt: 1, source: 'page', authorHandle: 'someone' },
    ]);
    await db.dailyFigures.put({ account: 'inria_en', day: '2025-01-01', impressions: 3 });
    // (The institute's own accounts among the partners, too; not the others.)
    await db.partners.bulkPut([
      { id: 'a', handle: 'inria_fr', name: '', category: 'institution', tags: [], note: '', createdAt: 0, updatedAt: 0 },
      { id: 'b', handle: 'cnrs', name: '', category: 'academic', tags: [], note: '', createdAt: 0, updatedAt: 0 },
    ]);
    const read = await ask({ id: 1, dbName: db.name, op: 'read', file: csv('account_overview_analytics.csv', OVERVIEW) }, () => {});
    expect(read).toMatchObject({ ok: true, read: { format: 'premium-overview', days: 1, accounts: ['inria', 'inria_en', 'inria_fr'] } });
    expect(read).not.toHaveProperty('read.account');
    // Stored without an account: refused, nothing written.
    expect(await ask({ id: 2, dbName: db.name, op: 'store' }, () => {})).toMatchObject({ ok: false, key: 'err_import_account' });
    expect(await db.dailyFigures.count()).toBe(1);
    await ask({ id: 3, dbName: db.name, op: 'read', file: csv('account_overview_analytics.csv', OVERVIEW) }, () => {});
    expect(await ask({ id: 4, dbName: db.name, op: 'store', account: 'inria' }, () => {})).toMatchObject({ ok: true, summary: { added: 1 } });
    expect(await db.dailyFigures.get(['inria', '2025-03-21'])).toMatchObject({ impressions: 1070 });
    // Named by the file: no question, stored as that account's.
    const named = await ask({ id: 5, dbName: db.name, op: 'read', file: csv('Inria_FR_account_overview_analytics.csv', OVERVIEW) }, () => {});
    expect(named).toMatchObject({ ok: true, read: { days: 1, account: 'inria_fr' } });
    expect(named).not.toHaveProperty('read.accounts');
    expect(await ask({ id: 6, dbName: db.name, op: 'store' }, () => {})).toMatchObject({ ok: true, summary: { added: 1 } });
    expect(await db.dailyFigures.get(['inria_fr', '2025-03-21'])).toBeDefined();
  });
});
