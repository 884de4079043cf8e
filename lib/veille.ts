/**
 * The daily veille: time arithmetic over sessions, kept as start and end timestamps. Totals are
 * always computed from the sessions, never kept in a running counter. Days are local calendar days:
 * a session that spans midnight counts on each day for its part, and days of 23 or 25 hours (DST)
 * are what the calendar says.
 */
import { ALWAYS, daysKept, isDayOff, localDayOf, type VeilleCalendar } from './time';
import type { Topic, VeilleSession } from './schemas';

export const MINUTE = 60_000;

/** Midnight (local) at the start of the day after the one holding `t`. */
export function nextMidnight(t: number): number {
  const d = new Date(t);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}

/** Midnight (local) at the start of the day holding `t`. */
export function startOfDay(t: number): number {
  const d = new Date(t);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** The local day `n` days before the day of `t` (n may be negative). */
export function dayBefore(t: number, n: number): string {
  const d = new Date(t);
  return localDayOf(new Date(d.getFullYear(), d.getMonth(), d.getDate() - n, 12));
}

/**
 * The time of these sessions, by local day, each moment once: `add` hears each day's share of each
 * session. An open session counts up to `now`. (Time two sessions share counts once, for the one
 * that started first. The history's editor lets none overlap, but a backup of another browser,
 * merged, may hold a session run there at the same time as one here.)
 */
function sweep(sessions: readonly VeilleSession[], now: number, add: (day: string, ms: number, s: VeilleSession) => void): void {
  let covered = -Infinity;
  for (const s of [...sessions].sort((a, b) => a.start - b.start)) {
    const end = Math.min(s.end ?? now, now);
    let t = Math.max(s.start, covered);
    covered = Math.max(covered, end);
    while (t < end) {
      const cut = Math.min(end, nextMidnight(t));
      add(localDayOf(t), cut - t, s);
      t = cut;
    }
  }
}

/** Milliseconds of veille per local day. An open session counts up to `now`; time sessions share, once. */
export function msByDay(sessions: readonly VeilleSession[], now: number): Map<string, number> {
  const out = new Map<string, number>();
  sweep(sessions, now, (day, ms) => out.set(day, (out.get(day) ?? 0) + ms));
  return out;
}

/** Milliseconds per mode (manual, auto) on one day: together, that day's `msByDay`. */
export function msByMode(sessions: readonly VeilleSession[], day: string, now: number): { manual: number; auto: number } {
  const out = { manual: 0, auto: 0 };
  sweep(sessions, now, (d, ms, s) => {
    if (d === day) out[s.mode] += ms;
  });
  return out;
}

/**
 * Consecutive days that met the goal, ending today. Today counts once met; until it is over, an
 * unmet today does not break the streak of the days before. Only a day of veille (see `VeilleCalendar`)
 * breaks it: a day off or away under the goal is passed over, and one at the goal counts.
 */
export function streak(byDay: ReadonlyMap<string, number>, goalMs: number, now: number, calendar: VeilleCalendar = ALWAYS): number {
  const days = calendar.veilleDays.length ? calendar : { ...calendar, veilleDays: ALWAYS.veilleDays };
  let n = (byDay.get(localDayOf(now)) ?? 0) >= goalMs ? 1 : 0;
  const d = new Date(now);
  for (let i = 1; ; i++) {
    // (Noon of that day: a day's weekday, whatever the clocks did.)
    const day = localDayOf(new Date(d.getFullYear(), d.getMonth(), d.getDate() - i, 12).getTime());
    if ((byDay.get(day) ?? 0) >= goalMs) n++;
    else if (!isDayOff(day, days)) return n;
  }
}

/** The last `n` local days, oldest first, with their minutes. */
export function lastDays(byDay: ReadonlyMap<string, number>, n: number, now: number): { day: string; ms: number }[] {
  return Array.from({ length: n }, (_, i) => {
    const day = dayBefore(now, n - 1 - i);
    return { day, ms: byDay.get(day) ?? 0 };
  });
}

/** A month of veille: its days at the goal, its days with any veille, its time in all, and the topics it gave. */
export interface VeilleMonth {
  /** YYYY-MM. */
  month: string;
  daysAtGoal: number;
  days: number;
  ms: number;
  /** The topics saved that month. */
  saved: number;
  /** The topics the board took to "published" that month (and still there). */
  published: number;
  /** The days its days at the goal are counted out of (see `daysKept`), where the calendar was given. */
  veilleOf?: number;
}

/**
 * The months of these days' veille and of these topics (saved or published), from `sinceMonth` on,
 * latest first; a month with neither is left out. With `kept`, each month's days at the goal are
 * counted out of its days of veille gone by (`veilleOf`), from the CM's first veille (`since`) to
 * `today`.
 */
export function byMonth(
  byDay: ReadonlyMap<string, number>,
  goalMs: number,
  topics: readonly Pick<Topic, 'createdAt' | 'publishedAt'>[] = [],
  sinceMonth = '',
  kept?: { calendar: VeilleCalendar; today: string; since: string },
): VeilleMonth[] {
  const months = new Map<string, VeilleMonth>();
  const monthOf = (month: string) => {
    let m = months.get(month);
    if (!m) months.set(month, (m = { month, daysAtGoal: 0, days: 0, ms: 0, saved: 0, published: 0 }));
    return m;
  };
  for (const [day, ms] of byDay) {
    // (A session may begin the evening before the first month: its part there is not that month's whole.)
    if (ms <= 0 || day.slice(0, 7) < sinceMonth) continue;
    const m = monthOf(day.slice(0, 7));
    m.days++;
    m.ms += ms;
    if (ms >= goalMs) m.daysAtGoal++;
  }
  for (const t of topics) {
    const saved = localDayOf(t.createdAt).slice(0, 7);
    if (saved >= sinceMonth) monthOf(saved).saved++;
    const published = t.publishedAt === undefined ? '' : localDayOf(t.publishedAt).slice(0, 7);
    if (published && published >= sinceMonth) monthOf(published).published++;
  }
  if (kept) {
    const atGoal = new Set([...byDay].filter(([, ms]) => ms >= goalMs).map(([day]) => day));
    months.forEach((m) => {
      const [y, mo] = m.month.split('-').map(Number);
      const days = Array.from({ length: new Date(y!, mo!, 0).getDate() }, (_, i) => `${m.month}-${String(i + 1).padStart(2, '0')}`).filter(
        (day) => day >= kept.since && day <= kept.today,
      );
      m.veilleOf = daysKept(atGoal, days, kept.calendar, kept.today).of;
    });
  }
  return [...months.values()].sort((a, b) => (a.month < b.month ? 1 : -1));
}

/** Hours and minutes, as a month's total shows them: "13 h 05", "45 min"; "< 1 min" for a few seconds, as a day shows them (`wholeMinutes`). */
export function hoursMinutes(ms: number): string {
  if (ms > 0 && ms < MINUTE) return '< 1 min';
  const m = Math.floor(Math.max(0, ms) / MINUTE);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}`;
}

/** Whole minutes, as a session's or a day's total shows them: "< 1" for a few seconds (not "0", which reads as nothing). */
export function wholeMinutes(ms: number): string {
  return ms > 0 && ms < MINUTE ? '< 1' : String(Math.floor(Math.max(0, ms) / MINUTE));
}

/** "1:05:09" or "5:09". */
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** What the browser says about the CM: is an X tab the active tab of the focused window, idle state. */
export interface Presence {
  xActive: boolean;
  focused: boolean;
  idle: 'active' | 'idle' | 'locked';
  /**
   * No keyboard or mouse for the settings' `manualIdleMinutes` (or more), the screen not locked: the
   * browser asked with that time, where the setting is on.
   */
  quiet?: boolean;
}

/** Automatic counting counts exactly while this holds: one active tab at a time, never two. */
export function presenceCounts(p: Presence): boolean {
  return p.xActive && p.focused && p.idle === 'active';
}

/** A session still open after this long without a heartbeat was left by a closed browser. */
export const HEARTBEAT_STALE_MS = 3 * MINUTE;
