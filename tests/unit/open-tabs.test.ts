import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startContentScriptsInOpenTabs } from '@/entrypoints/background/open-tabs';
import { X_MATCHES } from '@/lib/x/pages';

/** The browser's tabs, its manifest's content script, and the scripts the worker starts. */
function browserWith(tabs: { id: number; discarded?: boolean; fails?: boolean }[]) {
  fakeBrowser.reset();
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Veille', version: '1', content_scripts: [{ matches: X_MATCHES, js: ['content-scripts/x.js'] }] });
  const query = vi.fn(async () => tabs.map(({ id, discarded = false }) => ({ id, discarded })));
  fakeBrowser.tabs.query = query as unknown as typeof fakeBrowser.tabs.query;
  const started: number[] = [];
  const executeScript = vi.fn(async ({ target }: { target: { tabId: number } }) => {
    if (tabs.find((t) => t.id === target.tabId)?.fails) throw new Error('Cannot access contents of the page');
    started.push(target.tabId);
    return [];
  });
  (fakeBrowser as unknown as { scripting: { executeScript: typeof executeScript } }).scripting = { executeScript };
  // (The fake browser has no permission events.)
  fakeBrowser.permissions.onAdded.addListener = (fn) => void (permissionsAdded = fn);
  return { query, executeScript, started };
}

let permissionsAdded: Parameters<typeof fakeBrowser.permissions.onAdded.addListener>[0] = () => undefined;

describe('the X tabs open when Veille is installed, updated or given back its access to X', () => {
  it('get the content script, where Chrome would not start it before a reload', async () => {
    const { query, executeScript, started } = browserWith([{ id: 1 }, { id: 2, discarded: true }, { id: 3, fails: true }, { id: 4 }]);
    startContentScriptsInOpenTabs(false);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.9' });
    await vi.waitFor(() => expect(started).toEqual([1, 4]));
    // Only X's tabs, with the files the manifest names; a discarded tab loads its page (and the script) when shown again.
    expect(query).toHaveBeenCalledWith({ url: X_MATCHES });
    expect(executeScript).toHaveBeenCalledTimes(3);
    expect(executeScript.mock.calls[0]![0]).toEqual({ target: { tabId: 1 }, files: ['content-scripts/x.js'] });

    started.length = 0;
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(() => expect(started).toEqual([1, 4]));
  });

  it('get it when the CM gives Veille back its access to X, and not for another permission', async () => {
    const { started } = browserWith([{ id: 1 }]);
    startContentScriptsInOpenTabs(false);
    permissionsAdded({ permissions: ['notifications'] });
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toEqual([]);
    permissionsAdded({ origins: ['https://x.com/*'] });
    await vi.waitFor(() => expect(started).toEqual([1]));
  });

  it("not when the browser itself was updated (the pages keep their scripts), nor in Firefox's build, where Firefox starts them", async () => {
    const chrome = browserWith([{ id: 1 }]);
    startContentScriptsInOpenTabs(false);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'chrome_update' });
    const firefox = browserWith([{ id: 1 }]);
    startContentScriptsInOpenTabs(true);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await new Promise((r) => setTimeout(r, 20));
    expect(chrome.query).not.toHaveBeenCalled();
    expect(firefox.query).not.toHaveBeenCalled();
  });
});
