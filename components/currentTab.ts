import { browser } from 'wxt/browser';

/**
 * The tab the CM is looking at: the active tab of the last focused normal window (the popup's own
 * window when it is a popup, the browser window behind it otherwise). Its address is visible on X,
 * and elsewhere through activeTab while the popup is open.
 */
export async function currentTab() {
  const win = await browser.windows.getLastFocused({ windowTypes: ['normal'] });
  const [tab] = await browser.tabs.query({ active: true, windowId: win.id });
  return tab;
}
