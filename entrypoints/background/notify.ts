import { browser } from 'wxt/browser';
import { BACKUP_NOW_HASH } from '@/lib/backup-reminder';
import { REPORT_WEEK_HASH } from '@/lib/meeting';
import { TOPIC_HASH } from '@/lib/topics';

/** Show a notification of Veille's (a browser that refuses it, or has none, is not an error). */
export async function notify(id: string, title: string, message: string): Promise<void> {
  await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message }).catch(() => undefined);
}

/**
 * What clicking a notification opens, by the start of its id (the worker may have stopped and started
 * again since it was shown), given the rest of the id: X for the reminder to start the veille, where
 * it counts by itself; the history for the goal reached; the topic saved, its details open on the board; the Backup
 * section, which saves a backup as it opens, for the backup reminder; the weekly report of the week
 * the id names, for the meeting's; the round in the dashboard, for the round's. The dashboard's
 * sections are given by their hash.
 */
const CLICK_OPENS: readonly [prefix: string, url: (rest: string) => string][] = [
  ['veille-reminder-', () => 'https://x.com/home'],
  ['veille-goal-', () => '#veille'],
  ['veille-topic-', (id) => `${TOPIC_HASH}${encodeURIComponent(id)}`],
  ['veille-backup', () => BACKUP_NOW_HASH],
  ['veille-meeting-', (week) => `${REPORT_WEEK_HASH}${week}`],
  ['veille-round-', () => '#veille-round'],
];

/** The address a click on notification `id` opens, or null. */
function clickOpens(id: string): string | null {
  const found = CLICK_OPENS.find(([prefix]) => id.startsWith(prefix));
  if (!found) return null;
  const url = found[1](id.slice(found[0].length));
  return url.startsWith('#') ? `${browser.runtime.getURL('/options.html')}${url}` : url;
}

/** Clicking one of Veille's notifications opens its page in a new tab, and closes it. */
export function openOnClick(): void {
  browser.notifications.onClicked.addListener((id) => {
    const url = clickOpens(id);
    if (!url) return;
    void browser.notifications.clear(id);
    void browser.tabs.create({ url });
  });
}
