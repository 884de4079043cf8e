// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h, render } from 'preact';
import type { VeilleDB } from '@/lib/db';
import { getSettings, saveSettings } from '@/lib/settings';
import { dayBefore } from '@/lib/veille';
import { SettingsPanel } from '@/components/SettingsPanel';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dropDb, freshDb } from './fresh-db';

let db: VeilleDB;
let root: HTMLElement;
beforeEach(async () => {
  db = await freshDb();
  // (What the panel asks the browser besides: its shortcuts, and whether Veille may see X Pro's tabs.)
  fakeBrowser.commands.getAll = () => Promise.resolve([]);
  fakeBrowser.permissions.contains = () => Promise.resolve(false);
  const event = { addListener: vi.fn(), removeListener: vi.fn(), hasListener: () => false };
  Object.assign(fakeBrowser.permissions, { onAdded: event, onRemoved: event });
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(async () => {
  render(null, root);
  root.remove();
  await dropDb(db);
});

/** What `find` finds, once it is there (for `vi.waitFor`, which waits while its callback throws). */
function there<T>(found: T | null | undefined): T {
  if (!found) throw new Error('not there yet');
  return found;
}
const box = (name: string) => there(root.querySelector<HTMLInputElement>(`input[name="${name}"]`));
const alertShown = () => [...root.querySelectorAll('[role=alert]')].find((a) => a.textContent);

describe('the settings panel, when the database refuses a change', () => {
  it('shows the stored value again and says why; the next change that is saved clears it', async () => {
    render(h(SettingsPanel, { db }), root);
    const auto = await vi.waitFor(() => box('autoTracking'));
    expect(auto.checked).toBe(true);
    const put = vi.spyOn(db.settings, 'put').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    auto.click();
    const alert = await vi.waitFor(() => there(alertShown()));
    // (A full disk in Veille's words and the interface's language, not the browser's English.)
    expect(alert.textContent).toBe("The setting could not be saved: the browser has no room left for Veille's data (the disk is full, or the space the browser allows Veille); free some space, then try again.");
    expect(box('autoTracking').checked).toBe(true);
    expect((await getSettings(db)).autoTracking).toBe(true);
    // Tried again, it is saved, and the alert goes.
    put.mockRestore();
    box('autoTracking').click();
    await vi.waitFor(() => expect(alertShown()).toBeUndefined());
    expect(box('autoTracking').checked).toBe(false);
    expect((await getSettings(db)).autoTracking).toBe(false);
  });
});

describe('the time away', () => {
  /** Type a day in a field, as the CM does: the page renders it before the next event. */
  const type = async (name: string, value: string) => {
    const input = box(name);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
  };
  const add = () => there(root.querySelector<HTMLButtonElement>('[data-testid=away] button[type=submit]')).click();
  const listed = () => [...root.querySelectorAll('.away-list li > span:first-child')].map((s) => s.textContent);

  it('adds a span from its first and last days, one day when the last is left empty, and removes one', async () => {
    render(h(SettingsPanel, { db }), root);
    await vi.waitFor(() => box('awayFrom'));
    expect(root.querySelector('[data-testid=away]')!.textContent).toContain('No time away set.');
    await type('awayFrom', '2027-05-14');
    add();
    await vi.waitFor(() => expect(listed()).toEqual(['May 14, 2027']));
    // (The fields are empty again for the next one, once it is saved: the list may show it a
    // moment before, as the database tells the page of the change.)
    await vi.waitFor(() => expect(box('awayFrom').value).toBe(''));
    await type('awayFrom', '2026-12-21');
    await type('awayTo', '2027-01-03');
    add();
    await vi.waitFor(() => expect(listed()).toEqual(['Dec 21, 2026 → Jan 3, 2027', 'May 14, 2027']));
    expect((await getSettings(db)).awayPeriods).toEqual([
      { from: '2026-12-21', to: '2027-01-03' },
      { from: '2027-05-14', to: '2027-05-14' },
    ]);
    there(root.querySelector<HTMLButtonElement>('button[aria-label="Remove the time away May 14, 2027"]')).click();
    await vi.waitFor(() => expect(listed()).toEqual(['Dec 21, 2026 → Jan 3, 2027']));
    expect((await getSettings(db)).awayPeriods).toEqual([{ from: '2026-12-21', to: '2027-01-03' }]);
  });

  it('keeps the next span the CM types while the last one is being saved', async () => {
    render(h(SettingsPanel, { db }), root);
    await vi.waitFor(() => box('awayFrom'));
    // The save's confirmation slow to reach the page: the list shows the span (the database tells
    // every page of the change) before it.
    let confirm = () => {};
    const confirmed = new Promise<void>((r) => (confirm = r));
    const transaction = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
    vi.spyOn(db, 'transaction').mockImplementationOnce(((...args: unknown[]) =>
      transaction(...args).then(async (done) => {
        await confirmed;
        return done;
      })) as typeof db.transaction);
    await type('awayFrom', '2027-05-14');
    add();
    await vi.waitFor(() => expect(listed()).toEqual(['May 14, 2027']));
    expect((await getSettings(db)).awayPeriods).toEqual([{ from: '2027-05-14', to: '2027-05-14' }]);
    await type('awayFrom', '2027-06-01');
    await type('awayTo', '2027-06-02');
    confirm();
    await new Promise((r) => setTimeout(r, 50));
    expect([box('awayFrom').value, box('awayTo').value]).toEqual(['2027-06-01', '2027-06-02']);
  });

  it('says what is wrong with a span, keeps it in its fields, and saves nothing', async () => {
    render(h(SettingsPanel, { db }), root);
    await vi.waitFor(() => box('awayFrom'));
    add();
    await vi.waitFor(() => expect(alertShown()?.textContent).toBe('Give the first day of your time away (and its last day, unless it is a single day).'));
    await type('awayFrom', '2026-12-21');
    await type('awayTo', '2026-12-20');
    add();
    await vi.waitFor(() => expect(alertShown()?.textContent).toBe('The last day is before the first one.'));
    expect(box('awayFrom').getAttribute('aria-invalid')).toBe('true');
    await type('awayTo', '2027-12-22');
    add();
    await vi.waitFor(() => expect(alertShown()?.textContent).toBe('Time away lasts a year (366 days) at most: check the year.'));
    await type('awayTo', '2027-01-03');
    add();
    await vi.waitFor(() => expect(listed()).toEqual(['Dec 21, 2026 → Jan 3, 2027']));
    expect(alertShown()).toBeUndefined();
    await type('awayFrom', '2027-01-02');
    await type('awayTo', '2027-01-09');
    add();
    await vi.waitFor(() => expect(alertShown()?.textContent).toBe('It overlaps time away already set: Dec 21, 2026 → Jan 3, 2027.'));
    expect([box('awayFrom').value, box('awayTo').value]).toEqual(['2027-01-02', '2027-01-09']);
    expect((await getSettings(db)).awayPeriods).toEqual([{ from: '2026-12-21', to: '2027-01-03' }]);
    // The database refusing it: said, and the days stay in their fields to try again.
    vi.spyOn(db.settings, 'put').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await type('awayFrom', '2027-02-01');
    await type('awayTo', '2027-02-05');
    add();
    await vi.waitFor(() => expect(alertShown()?.textContent).toBe("The setting could not be saved: the browser has no room left for Veille's data (the disk is full, or the space the browser allows Veille); free some space, then try again."));
    expect(listed()).toEqual(['Dec 21, 2026 → Jan 3, 2027']);
    expect([box('awayFrom').value, box('awayTo').value]).toEqual(['2027-02-01', '2027-02-05']);
  });
});

describe('back early from time away', () => {
  const day = (n: number) => dayBefore(Date.now(), -n);
  const backButton = () => there(root.querySelector<HTMLButtonElement>('[data-testid=away] button[aria-label^="Back today"]'));

  it('ends a span going on now yesterday, its days gone by still away', async () => {
    await saveSettings(db, { awayPeriods: [{ from: day(-2), to: day(3) }] });
    render(h(SettingsPanel, { db }), root);
    (await vi.waitFor(backButton)).click();
    await vi.waitFor(async () => expect((await getSettings(db)).awayPeriods).toEqual([{ from: day(-2), to: day(-1) }]));
    // (Ended, no span goes on now: nothing to come back from.)
    await vi.waitFor(() => expect(root.querySelector('[data-testid=away] button[aria-label^="Back today"]')).toBeNull());
  });
  it('takes out a span begun today', async () => {
    await saveSettings(db, { awayPeriods: [{ from: day(-5), to: day(-3) }, { from: day(0), to: day(4) }] });
    render(h(SettingsPanel, { db }), root);
    (await vi.waitFor(backButton)).click();
    await vi.waitFor(async () => expect((await getSettings(db)).awayPeriods).toEqual([{ from: day(-5), to: day(-3) }]));
  });
});
