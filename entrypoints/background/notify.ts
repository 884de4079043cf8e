import { browser } from 'wxt/browser';

/** Show a notification of Veille's (a browser that refuses it, or has none, is not an error). */
export async function notify(id: string, title: string, message: string): Promise<void> {
  await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message }).catch(() => undefined);
}
