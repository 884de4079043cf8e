/**
 * The extension pages' side of the message protocol.
 */
import { browser } from 'wxt/browser';
import { send, type DataTable, type MessageType, type Request, type Response } from './protocol';

export function ask<K extends MessageType>(type: K, payload: Request<K>): Promise<Response<K>> {
  return send(type, payload, (msg) => browser.runtime.sendMessage(msg));
}

/** Tell the open X tabs that data changed, so their overlays follow at once. */
export async function notifyChanged(...tables: DataTable[]): Promise<void> {
  try {
    await ask('data.changed', { tables });
  } catch {
    // The worker is starting: the tabs pick up fresh data on their next lookup.
  }
}

/**
 * Open the browser's page of the extension's keyboard shortcuts: chrome://extensions/shortcuts, or
 * in Firefox its "Manage Extension Shortcuts" (Firefox 137 and later; an extension may not open
 * about:addons itself). False where no page could be opened: the CM is then told the way.
 */
export async function openShortcutSettings(firefox = import.meta.env.FIREFOX): Promise<boolean> {
  try {
    if (firefox) {
      const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
      if (!commands.openShortcutSettings) return false;
      await commands.openShortcutSettings();
    } else await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
    return true;
  } catch {
    return false;
  }
}
