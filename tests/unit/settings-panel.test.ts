// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h, render } from 'preact';
import type { VeilleDB } from '@/lib/db';
import { getSettings } from '@/lib/settings';
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
    // (What the browser said, once: Dexie repeats it after its own words.)
    expect(alert.textContent).toBe('The setting could not be saved: The quota has been exceeded.');
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
