import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startContentScriptsInOpenTabs } from '@/entrypoints/background/open-tabs';
import { SCRIPT_PING } from '@/lib/messaging';
import { X_MATCHES } from '@/lib/x/pages';

interface Tab {
  id: number;
  discarded?: boolean;
  status?: 'loading' | 'complete';
  /** A copy of the content script runs there and answers. */
  running?: boolean;
  /** The browser will not run a script there (an error page). */
  fails?: boolean;
}

/** The browser's tabs, its manifest's content script, and the scripts the worker starts. */
function browserWith(tabs: Tab[]) {
  fakeBrowser.reset();
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Veille', version: '1', content_scripts: [{ matches: X_MATCHES, js: ['content-scripts/x.js'] }] });
  const query = vi.fn(async () => tabs.map(({ id, discarded = false, status = 'complete' }) => ({ id, discarded, status })));
  fakeBrowser.tabs.query = query as unknown as typeof fakeBrowser.tabs.query;
  const asked: { tabId: number; message: unknown }[] = [];
  fakeBrowser.tabs.sendMessage = (async (tabId: number, message: unknown) => {
    asked.push({ tabId, message });
    if (!tabs.find((t) => t.id === tabId)?.running) throw new Error('Could not establish connection. Receiving end does not exist.');
    return true;
  }) as typeof fakeBrowser.tabs.sendMessage;
  const started: number[] = [];
  const executeScript = vi.fn(async ({ target }: { target: { tabId: number } }) => {
    const tab = tabs.find((t) => t.id === target.tabId)!;
    if (tab.fails) throw new Error('Cannot access contents of the page');
    started.push(target.tabId);
    tab.running = true;
    return [];
  });
  (fakeBrowser as unknown as { scripting: { executeScript: typeof executeScript } }).scripting = { executeScript };
  // (The fake browser has no permission events.)
  fakeBrowser.permissions.onAdded.addListener = (fn) => void (permissionsAdded = fn);
  return { query, executeScript, started, asked };
}

let permissionsAdded: Parameters<typeof fakeBrowser.permissions.onAdded.addListener>[0] = () => undefined;
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('the X tabs open without the content script (Veille installed, updated, enabled again, or given back its access to X)', () => {
  it('get it as the worker starts, where no copy of it answers', async () => {
    const { query, executeScript, started, asked } = browserWith([
      { id: 1 },
      { id: 2, discarded: true },
      { id: 3, fails: true },
      { id: 4 },
      { id: 5, running: true },
      { id: 6, status: 'loading' },
    ]);
    startContentScriptsInOpenTabs(false);
    await vi.waitFor(() => expect(started).toEqual([1, 4]));
    await settle();
    // Only X's tabs, with the files the manifest names; a discarded tab loads its page (and the
    // script) when shown again, a page still loading gets it from the manifest.
    expect(query).toHaveBeenCalledWith({ url: X_MATCHES });
    expect(asked.map((a) => a.tabId).sort()).toEqual([1, 3, 4, 5]);
    expect(asked[0]!.message).toEqual({ type: SCRIPT_PING });
    expect(executeScript).toHaveBeenCalledTimes(3);
    expect(executeScript.mock.calls[0]![0]).toEqual({ target: { tabId: 1 }, files: ['content-scripts/x.js'] });
  });

  it('get it when the CM gives Veille back its access to X, and not for another permission', async () => {
    const tabs: Tab[] = [{ id: 1, running: true }];
    const { started } = browserWith(tabs);
    startContentScriptsInOpenTabs(false);
    await settle();
    expect(started).toEqual([]);
    // (The copy was cut off meanwhile: Veille's access withheld, the tab reloaded.)
    tabs[0]!.running = false;
    permissionsAdded({ permissions: ['notifications'] });
    await settle();
    expect(started).toEqual([]);
    permissionsAdded({ origins: ['https://x.com/*'] });
    await vi.waitFor(() => expect(started).toEqual([1]));
  });

  it("not in Firefox's build, where Firefox starts them", async () => {
    const firefox = browserWith([{ id: 1 }]);
    startContentScriptsInOpenTabs(true);
    await settle();
    expect(firefox.query).not.toHaveBeenCalled();
  });
});
