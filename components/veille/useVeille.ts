import { useEffect, useState } from 'preact/hooks';
import type { VeilleDB } from '@/lib/db';
import { getSettings, getVeilleState } from '@/lib/settings';
import { lastDays, msByDay, msByMode, streak, MINUTE } from '@/lib/veille';
import { DAY_MS, daysKept, localDayOf } from '@/lib/time';
import { useLiveQuery } from '../useLiveQuery';

/** Today's veille, the last 7 days and the streak, ticking every second while the popup is open. */
export function useVeille(db: VeilleDB) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  // A year back is enough for any streak worth showing.
  const sessions = useLiveQuery(() => db.veilleSessions.where('start').aboveOrEqual(Date.now() - 400 * DAY_MS).toArray(), [db]);
  const settings = useLiveQuery(() => getSettings(db), [db]);
  const state = useLiveQuery(() => getVeilleState(db), [db]);
  if (!sessions || !settings || !state) return null;
  const goalMs = settings.dailyGoalMinutes * MINUTE;
  const byDay = msByDay(sessions, now);
  const today = localDayOf(now);
  const week = lastDays(byDay, 7, now);
  // (The week's days at the goal out of its days of veille gone by, from the first veille: see `daysKept`.)
  const first = sessions.reduce((min, s) => Math.min(min, s.start), Infinity);
  const since = Number.isFinite(first) ? localDayOf(first) : today;
  const weekKept = daysKept(
    new Set(week.filter((d) => d.ms >= goalMs).map((d) => d.day)),
    week.map((d) => d.day).filter((day) => day >= since),
    settings,
    today,
  );
  return {
    now,
    settings,
    goalMs,
    todayMs: byDay.get(today) ?? 0,
    split: msByMode(sessions, today, now),
    running: sessions.find((s) => s.end === undefined) ?? null,
    /** A session started by hand that Veille ended today, the screen locked or the CM gone (see `VeilleState.stopped`). */
    stopped: state.stopped && localDayOf(state.stopped.at) === today ? state.stopped : null,
    week,
    weekKept,
    streak: streak(byDay, goalMs, now, settings),
  };
}
