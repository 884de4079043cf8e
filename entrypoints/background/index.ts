/**
 * The service worker. It owns the database and answers the one message protocol.
 */
import { browser } from 'wxt/browser';
import { CaptureQueue } from '@/lib/capture-queue';
import { getDb } from '@/lib/db';
import { createHandlers } from '@/lib/handlers';
import { PORT_NAME } from '@/lib/messaging';
import { dispatch, portFrameSchema } from '@/lib/protocol';
import { X_MATCHES } from '@/lib/x/pages';
import { startBackupReminder } from './backup';
import { startMeetingReminder } from './meeting';
import { openOnClick } from './notify';
import { announceRefused, announceSaved, describeTab, startTopicGestures } from './topics';
import { startVeille } from './veille';
import { startRound } from './round';
import { startContentScriptsInOpenTabs } from './open-tabs';

export default defineBackground(() => {
  const db = getDb();
  const veille = startVeille(db);
  startRound(db);
  const handlers = createHandlers(db, {
    veille,
    captures: new CaptureQueue(db),
    describeTab,
    saved: announceSaved,
    refused: announceRefused,
    async notifyXTabs(event) {
      const tabs = await browser.tabs.query({ url: X_MATCHES });
      let n = 0;
      await Promise.all(
        tabs.map(async (tab) => {
          if (tab.id === undefined) return;
          try {
            await browser.tabs.sendMessage(tab.id, event);
            n++;
          } catch {
            // A tab still loading, or opened before the extension: it reads fresh data anyway.
          }
        }),
      );
      return n;
    },
  });
  startTopicGestures(handlers);
  startContentScriptsInOpenTabs();
  startBackupReminder(db);
  startMeetingReminder(db);
  openOnClick();
  browser.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    return dispatch(handlers, message);
  });
  // The content scripts' long-lived connections: the same protocol, with request ids.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PORT_NAME || port.sender?.id !== browser.runtime.id) return;
    port.onMessage.addListener(async (message: unknown) => {
      const framed = portFrameSchema.safeParse(message);
      if (!framed.success) return;
      const reply = (await dispatch(handlers, framed.data.msg)) ?? { ok: false, error: 'unknown message' };
      try {
        port.postMessage({ id: framed.data.id, reply });
      } catch {
        // The tab went away meanwhile.
      }
    });
  });
});
