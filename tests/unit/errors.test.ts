import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import fr from '../../public/_locales/fr/messages.json';
import type { VeilleDB } from '@/lib/db';
import { errorCause, errorDetail, errorText } from '@/lib/errors';
import { errorSaid } from '@/components/errorSaid';
import { fakeGetMessage } from './setup';
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

  it('names the causes a CM can act on, in the error or the errors it wraps; no other', () => {
    const full = new DOMException('Encountered full disk quota', 'QuotaExceededError');
    expect(errorCause(full)).toBe('err_cause_quota');
    // (Dexie's: an aborted transaction, its cause the full disk; its own QuotaExceededError.)
    expect(errorCause(Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: full }))).toBe('err_cause_quota');
    expect(errorCause(Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' }))).toBe('err_cause_quota');
    expect(errorCause(new DOMException('The requested file could not be read', 'NotReadableError'))).toBe('err_cause_file_changed');
    expect(errorCause(new DOMException('A requested file or directory could not be found', 'NotFoundError'))).toBe('err_cause_file_changed');
    expect(errorCause(new DOMException('Document is not focused.', 'NotAllowedError'))).toBe('err_cause_not_allowed');
    // Dexie's own NotFoundError (a missing store) is no file gone; the rest is said as it was thrown.
    expect(errorCause(Object.assign(new Error('Table x not part of transaction'), { name: 'NotFoundError' }))).toBeUndefined();
    expect(errorCause(new Error('plain'))).toBeUndefined();
    expect(errorCause('a string')).toBeUndefined();
    expect(errorCause(null)).toBeUndefined();
    // (A loop of errors wrapping each other ends.)
    const loop: { name: string; inner?: unknown } = { name: 'Error' };
    loop.inner = loop;
    expect(errorCause(loop)).toBeUndefined();
  });

  it("says a cause in Veille's words and the interface's language, in place of the browser's", async () => {
    const full = new DOMException('Encountered full disk quota', 'QuotaExceededError');
    expect(errorSaid(full)).toBe("Something went wrong: the browser has no room left for Veille's data (the disk is full, or the space the browser allows Veille); free some space, then try again.");
    expect(errorSaid(full, 'err_settings_not_saved')).toBe("The setting could not be saved: the browser has no room left for Veille's data (the disk is full, or the space the browser allows Veille); free some space, then try again.");
    expect(errorSaid(new Error('plain'))).toBe('Something went wrong: plain');
    expect(errorSaid(new Error('plain'), 'err_file_unreadable')).toBe('The file could not be read: plain');
    // A worker's answer (a cause as its message key), said in the page.
    expect(errorDetail(full)).toBe('err_cause_quota');
    expect(errorDetail(new Error('plain'))).toBe('plain');
    expect(failureText({ detail: errorDetail(full) })).toBe(errorSaid(full));
    expect(failureText({ key: 'err_file_unreadable', detail: errorDetail(new DOMException('gone', 'NotReadableError')) })).toBe(
      'The file could not be read: the file was moved, renamed or changed since it was chosen; choose it again.',
    );
    fakeBrowser.i18n.getMessage = fakeGetMessage(fr);
    vi.resetModules();
    const fresh = await import('@/components/errorSaid');
    expect(fresh.errorSaid(full)).toBe('Une erreur est survenue\u00a0: le navigateur n’a plus de place pour les données de Veille (le disque est plein, ou l’espace qu’il accorde à Veille)\u202f; libérez de la place, puis réessayez.');
    expect(fresh.errorSaid(new DOMException('Document is not focused.', 'NotAllowedError'))).toBe(
      'Une erreur est survenue\u00a0: le navigateur ne l’a pas permis, cette page n’étant pas celle au premier plan\u202f; cliquez dans la page, puis réessayez.',
    );
  });
});
