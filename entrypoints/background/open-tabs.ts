/**
 * The X tabs open without the content script running. Chrome starts a manifest's content scripts
 * only in pages loaded afterwards: when Veille is installed, updated (Chrome updates an extension by
 * itself), enabled again, or given back its access to X, the X tab a CM keeps open for days would
 * show no tag and capture nothing until reloaded (after an update, it would keep the old copy of the
 * script, cut off from the worker). So the worker, each time it starts (which it does on each of
 * these but the last), and when the CM gives Veille back its access to X, asks every X tab whether a
 * copy of the script runs there, and starts one where none answers; a copy cut off answers nothing,
 * and gives way to the new one, taking its overlays with it (see the content script's context).
 * Firefox does this itself, for its persistent background page's build (manifest v2).
 */
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { SCRIPT_PING } from '@/lib/messaging';
import { X_MATCHES } from '@/lib/x/pages';

/** Whether a copy of the content script runs in the tab, connected to this worker's Veille. */
async function scriptRunsIn(tabId: number): Promise<boolean> {
  try {
    return (await browser.tabs.sendMessage(tabId, { type: SCRIPT_PING })) === true;
  } catch {
    // ("Receiving end does not exist": no copy, or only one cut off.)
    return false;
  }
}

/** Start the manifest's content scripts in the X tabs open now that have no copy running. */
async function startInOpenXTabs(): Promise<void> {
  // (The files as the build named them in the manifest.)
  const files = (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.js ?? []) as ScriptPublicPath[];
  if (!files.length) return;
  const tabs = await browser.tabs.query({ url: X_MATCHES });
  await Promise.all(
    tabs.map(async (tab) => {
      // A discarded tab loads its page again, and the script with it, when the CM comes back to it;
      // a page still loading gets it from the manifest.
      if (tab.id === undefined || tab.discarded || tab.status !== 'complete' || (await scriptRunsIn(tab.id))) return;
      try {
        await browser.scripting.executeScript({ target: { tabId: tab.id }, files });
      } catch {
        // A tab showing an error page, closed meanwhile, or one X is withheld from: nothing to start there.
      }
    }),
  );
}

/**
 * Now, as the worker starts, and when the CM gives Veille back its access to X (Chrome's "Site
 * access"), which Chrome does not start the script for either. `browserDoesIt`: the Firefox build,
 * where Firefox starts them itself.
 */
export function startContentScriptsInOpenTabs(browserDoesIt = import.meta.env.MANIFEST_VERSION === 2): void {
  if (browserDoesIt) return;
  void startInOpenXTabs();
  browser.permissions.onAdded.addListener(({ origins }) => {
    if (origins?.some((o) => X_MATCHES.includes(o))) void startInOpenXTabs();
  });
}
