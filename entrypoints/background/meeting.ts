/**
 * The weekly meeting's reminder in the worker (see lib/meeting.ts): checked when the worker starts
 * and at each minute of the veille's alarm; its notification opens the report of the week the
 * meeting reviews (see notify.ts).
 */
import { browser } from 'wxt/browser';
import type { VeilleDB } from '@/lib/db';
import { t, tCount } from '@/lib/i18n';
import { takeMeetingReminder } from '@/lib/meeting';
import { notify } from './notify';
import { TICK_ALARM } from './veille';

export function startMeetingReminder(db: VeilleDB, now: () => number = Date.now): void {
  const check = async () => {
    const due = await takeMeetingReminder(db, now());
    if (!due) return;
    const body = due.proposed ? tCount('notify_meeting_proposed', due.proposed) : t('notify_meeting_none');
    await notify(`veille-meeting-${due.week}`, t('notify_meeting_title'), body);
  };
  const run = () => void check().catch((e: unknown) => console.error('veille meeting reminder', e));
  // (The veille's alarm rings every minute: see veille.ts.)
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TICK_ALARM) run();
  });
  run();
}
