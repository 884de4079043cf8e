/**
 * The veille's round in the worker: its keyboard shortcut goes to the next place of the day's round
 * (see lib/sources.ts). The worker also ticks the places of X the CM goes to (see veille.ts).
 */
import { browser } from 'wxt/browser';
import type { VeilleDB } from '@/lib/db';
import { t, tCount } from '@/lib/i18n';
import type { Source } from '@/lib/schemas';
import { nextPlace, placeKey, roundOf, visitSource } from '@/lib/sources';
import { localDayOf } from '@/lib/time';
import { notify } from './notify';

export const NEXT_PLACE_COMMAND = 'next-place';

/**
 * Go to the next place of today's round, and tick it: in the tab the CM is on when it shows a place
 * of the round (they are going through it), in a new tab otherwise. Without a place left, a
 * notification says the round is done (or empty: clicking it opens the round in the dashboard).
 */
export async function goToNextPlace(db: VeilleDB, now = Date.now()): Promise<Source | null | undefined> {
  const day = localDayOf(now);
  const round = await roundOf(db, day);
  const next = nextPlace(round);
  if (next === undefined) {
    await notify('veille-round-empty', t('round_notify_empty_title'), t('round_empty'));
    return next;
  }
  if (next === null) {
    await notify(`veille-round-done-${day}`, t('round_notify_done_title'), tCount('round_notify_done', round.sources.length));
    return next;
  }
  // (A shortcut gives activeTab: the address of the tab the CM is on is visible, X's or not.)
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  const url = tab?.url;
  if (tab?.id !== undefined && url && round.sources.some((s) => placeKey(s.url) === placeKey(url))) await browser.tabs.update(tab.id, { url: next.url });
  else await browser.tabs.create({ url: next.url });
  await visitSource(db, next.id, now);
  return next;
}

export function startRound(db: VeilleDB): void {
  browser.commands.onCommand.addListener((command) => {
    if (command === NEXT_PLACE_COMMAND) void goToNextPlace(db);
  });
}
