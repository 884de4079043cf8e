/**
 * The weekly meeting's reminder: on the day and at the time the CM chose, the worker says once that
 * the weekly report is ready, and its notification opens the report of the week the meeting reviews.
 */
import type { VeilleDB } from './db';
import { meetingStateSchema, type Settings } from './schemas';
import { getSettings } from './settings';
import { DAY_MS, localDayOf, weekStart, weekdayOf } from './time';

/** The dashboard's hash that opens the weekly report on the week of a day: `#report-week-2026-11-23`. */
export const REPORT_WEEK_HASH = '#report-week-';

/** Is the meeting's reminder due at `now`: the meeting's day, at or after its time, and not said yet that day? */
export function meetingDue(settings: Pick<Settings, 'meetingDay' | 'meetingTime'>, remindedDay: string | undefined, now: number): boolean {
  if (!settings.meetingDay || weekdayOf(now) !== settings.meetingDay || remindedDay === localDayOf(now)) return false;
  const [h, m] = settings.meetingTime.split(':').map(Number);
  const d = new Date(now);
  return d.getHours() * 60 + d.getMinutes() >= h! * 60 + m!;
}

/** When the next meeting is, from `now` (today's, until its time has come); null where none is set. */
export function nextMeeting(settings: Pick<Settings, 'meetingDay' | 'meetingTime'>, now: number): number | null {
  if (!settings.meetingDay) return null;
  const [h, m] = settings.meetingTime.split(':').map(Number);
  const d = new Date(now);
  const ahead = (settings.meetingDay - weekdayOf(now) + 7) % 7;
  let at = new Date(d.getFullYear(), d.getMonth(), d.getDate() + ahead, h, m).getTime();
  if (at < now) at = new Date(d.getFullYear(), d.getMonth(), d.getDate() + ahead + 7, h, m).getTime();
  return at;
}

/**
 * The Monday of the week a meeting held on the day of `at` reviews: a meeting early in the week
 * (Monday or Tuesday) looks back at the week before, a later one at its own week.
 */
export function meetingWeekOf(at: number): string {
  const monday = weekStart(at);
  return localDayOf(weekdayOf(at) <= 2 ? weekStart(monday - DAY_MS / 2) : monday);
}

/**
 * The reminder to give at `now`, taken (remembered, so that it is given once that day): the Monday of
 * the week to report on and how many topics are proposed for the meeting; null when none is due.
 */
export async function takeMeetingReminder(db: VeilleDB, now: number): Promise<{ week: string; proposed: number } | null> {
  return db.transaction('rw', [db.settings, db.topics], async () => {
    const [settings, row] = await Promise.all([getSettings(db), db.settings.get('meetingState')]);
    const state = meetingStateSchema.safeParse(row?.value ?? {});
    if (!meetingDue(settings, state.success ? state.data.remindedDay : undefined, now)) return null;
    await db.settings.put({ key: 'meetingState', value: { remindedDay: localDayOf(now) } });
    return { week: meetingWeekOf(now), proposed: await db.topics.where('status').equals('proposed').count() };
  });
}
