/**
 * The X tabs open when Veille is installed or updated, or given back its access to X. Chrome starts
 * a manifest's content scripts only in pages loaded after that: the X tab a CM keeps open for days
 * would show no tag and capture nothing until reloaded, and after an update it would keep the old
 * copy of the script, cut off from the worker (Chrome updates an extension by itself). So then the
 * worker starts the content script in every X tab already open; a copy already running there gives
 * way to the new one and takes its overlays with it (see the content script's context). Firefox does
 * this itself, for its persistent background page's build (manifest v2).
 */
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { X_MATCHES } from '@/lib/x/pages';

/** Start the manifest's content scripts in the X tabs open now. */
async function startInOpenXTabs(): Promise<void> {
  // (The files as the build named them in the manifest.)
  const files = (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.js ?? []) as ScriptPublicPath[];
  if (!files.length) return;
  const tabs = await browser.tabs.query({ url: X_MATCHES });
  await Promise.all(
    tabs.map(async (tab) => {
      // (A discarded tab loads its page again, and the script with it, when the CM comes back to it.)
      if (tab.id === undefined || tab.discarded) return;
      try {
        await browser.scripting.executeScript({ target: { tabId: tab.id }, files });
      } catch {
        // A tab showing an error page, or closed meanwhile: nothing to start there.
      }
    }),
  );
}

/**
 * When Veille is installed or updated, and when the CM gives it back its access to X (Chrome's "Site
 * access"), which Chrome does not start the script for either. `browserDoesIt`: the Firefox build,
 * where Firefox starts them itself.
 */
export function startContentScriptsInOpenTabs(browserDoesIt = import.meta.env.MANIFEST_VERSION === 2): void {
  if (browserDoesIt) return;
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update') void startInOpenXTabs();
  });
  browser.permissions.onAdded.addListener(({ origins }) => {
    if (origins?.some((o) => X_MATCHES.includes(o))) void startInOpenXTabs();
  });
}
