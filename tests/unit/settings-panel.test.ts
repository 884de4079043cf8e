// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import type { VeilleDB } from '@/lib/db';
import { getSettings } from '@/lib/settings';
import { SettingsPanel } from '@/components/SettingsPanel';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dropDb, freshDb } from './fresh-db';

let db: VeilleDB;
let root: HTMLElement;
beforeEach(async () => {
  db = await freshDb();
  // (What the panel asks the browser besides: its shortcuts.)
  fakeBrowser.commands.getAll = () => Promise.resolve([]);
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(async () => {
  render(null, root);
  root.remove();
  await dropDb(db);
});

/** Wait until `check` holds (the panel reads and writes the database asynchronously). */
async function until<T>(check: () => T | null | undefined | false): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = check();
    if (v) return v;
    await act(() => new Promise((r) => setTimeout(r, 10)));
  }
  throw new Error('timed out');
}

const box = (name: string) => root.querySelector<HTMLInputElement>(`input[name="${name}"]`);

describe('the settings panel, when the database refuses a change', () => {
  it('shows the stored value again and says why; the next change that is saved clears it', async () => {
    await act(() => render(h(SettingsPanel, { db }), root));
    const auto = await until(() => box('autoTracking'));
    expect(auto.checked).toBe(true);
    const put = vi.spyOn(db.settings, 'put').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await act(() => auto.click());
    const alert = await until(() => [...root.querySelectorAll('[role=alert]')].find((a) => a.textContent));
    // (What the browser said, once: Dexie repeats it after its own words.)
    expect(alert.textContent).toBe('The setting could not be saved: The quota has been exceeded.');
    expect(box('autoTracking')!.checked).toBe(true);
    expect((await getSettings(db)).autoTracking).toBe(true);
    // Tried again, it is saved, and the alert goes.
    put.mockRestore();
    await act(() => box('autoTracking')!.click());
    await until(() => ![...root.querySelectorAll('[role=alert]')].some((a) => a.textContent));
    expect(box('autoTracking')!.checked).toBe(false);
    expect((await getSettings(db)).autoTracking).toBe(false);
  });
});
