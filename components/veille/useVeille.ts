import { useEffect, useState } from 'preact/hooks';
import type { VeilleDB } from '@/lib/db';
import { getSettings } from '@/lib/settings';
import { lastDays, msByDay, msByMode, streak, MINUTE } from '@/lib/veille';
import { DAY_MS, localDayOf } from '@/lib/time';
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
  if (!sessions || !settings) return null;
  const goalMs = settings.dailyGoalMinutes * MINUTE;
  const byDay = msByDay(sessions, now);
  const today = localDayOf(now);
  return {
    now,
    settings,
    goalMs,
    todayMs: byDay.get(today) ?? 0,
    split: msByMode(sessions, today, now),
    running: sessions.find((s) => s.end === undefined) ?? null,
    week: lastDays(byDay, 7, now),
    streak: streak(byDay, goalMs, now, settings),
  };
}
