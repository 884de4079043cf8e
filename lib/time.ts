/** Dates as the CM lives them: local calendar days. */

/** 24 hours, in ms: a margin or a rough span. A calendar day is not always that long (see `dayEndOf`, `daysBetween`). */
export const DAY_MS = 86_400_000;

/** The local day of a timestamp, YYYY-MM-DD. */
export function localDayOf(t: number | Date): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** How `dateText` writes a date. */
const DATE_FORMS = {
  /** "Nov 30, 2026", "30 nov. 2026": a tweet's day, a visit's. */
  day: { dateStyle: 'medium' },
  /** "November 30, 2026", "30 novembre 2026": a report's week. */
  long: { dateStyle: 'long' },
  /** "Mon, Nov 30", "lun. 30 nov.": a day of a week already named. */
  weekday: { weekday: 'short', day: 'numeric', month: 'short' },
  /** "Nov 2026", "nov. 2026": a month of a chart. */
  month: { month: 'short', year: 'numeric' },
  /** "Nov 30, 2026, 5:30 PM", "30 nov. 2026, 17:30": one tweet among others of its day; a moment (a backup written, a failure seen). */
  minute: { dateStyle: 'medium', timeStyle: 'short' },
  /** "5:30 PM", "17:30": a time of day (a reminder's). */
  time: { timeStyle: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A day (or a minute) as people read it in `locale` (see DATE_FORMS): what the dashboard and the
 * weekly report show. Files (CSV, their names) keep YYYY-MM-DD (`localDayOf`, `localMinuteOf`).
 * `t`: a time, a day YYYY-MM-DD, or a month YYYY-MM (its first day).
 */
export function dateText(t: number | string, locale: string, form: keyof typeof DATE_FORMS = 'day'): string {
  const key = `${locale}|${form}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, DATE_FORMS[form])));
  return f.format(typeof t === 'string' ? dayStartOf(t.length === 7 ? `${t}-01` : t) : t);
}

/** A period of days YYYY-MM-DD as `dateText` writes them: "Jan 8, 2019 → Jan 31, 2019", or the one day. */
export function periodText(from: string, to: string, locale: string): string {
  return from === to ? dateText(from, locale) : `${dateText(from, locale)} → ${dateText(to, locale)}`;
}

/** The local day and minute of `t`, "2026-12-04 17:30": a tweet named among others of the same day. */
export function localMinuteOf(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${localDayOf(d)} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** 00:00 (local) of a day written YYYY-MM-DD. */
export function dayStartOf(day: string): number {
  return new Date(`${day}T00:00:00`).getTime();
}

/**
 * 00:00 (local) of the day after a day written YYYY-MM-DD: where that day ends (23 or 25 hours after
 * it starts on the days the clocks change, not always 24).
 */
export function dayEndOf(day: string): number {
  const d = new Date(dayStartOf(day));
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}

/** Monday 00:00 (local) of the week holding `t`. */
export function weekStart(t: number): number {
  const d = new Date(t);
  const back = (d.getDay() + 6) % 7;
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - back).getTime();
}

/** Monday 00:00 (local) of the week after the one starting at `monday` (7 calendar days: not always 168 hours). */
export function weekEnd(monday: number): number {
  const d = new Date(monday);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 7).getTime();
}

/**
 * How many calendar days (local) lie from `from`'s day to `to`'s: 0 on the same day, 1 from
 * yesterday 23:00 to today 08:00, whatever the clocks did in between.
 */
export function daysBetween(from: number, to: number): number {
  const a = new Date(from);
  const b = new Date(to);
  return Math.round((Date.UTC(b.getFullYear(), b.getMonth(), b.getDate()) - Date.UTC(a.getFullYear(), a.getMonth(), a.getDate())) / DAY_MS);
}

/** The day of the week of `at`, from 1 (Monday) to 7 (Sunday), as the settings count them. */
export function weekdayOf(at: number): number {
  return ((new Date(at).getDay() + 6) % 7) + 1;
}

/** Every day of the week, 1 (Monday) to 7 (Sunday). */
export const EVERY_DAY: readonly number[] = [1, 2, 3, 4, 5, 6, 7];

/** A span of local days, `from` to `to` (YYYY-MM-DD), both included. */
export interface DayRange {
  from: string;
  to: string;
}

/**
 * When the CM keeps the veille (the settings'): its days of the week (`veilleDays`, 1 for Monday to
 * 7), and the spans of days they are away (`awayPeriods`: holidays, leave), whatever the weekday.
 */
export interface VeilleCalendar {
  veilleDays: readonly number[];
  awayPeriods?: readonly DayRange[];
}

/** The veille kept every day, with no time away. */
export const ALWAYS: VeilleCalendar = { veilleDays: EVERY_DAY };

/** The span of `periods` the local day `day` (YYYY-MM-DD) falls in, if any. */
export function awayOn(day: string, periods: readonly DayRange[] | undefined): DayRange | undefined {
  return periods?.find((p) => p.from <= day && day <= p.to);
}

/**
 * Why the local day `day` (YYYY-MM-DD) is no day of veille: `away` (in a span of time away), `off`
 * (a weekday not among the days of veille); null on a day of veille.
 */
export function dayOff(day: string, calendar: VeilleCalendar): 'away' | 'off' | null {
  if (awayOn(day, calendar.awayPeriods)) return 'away';
  return calendar.veilleDays.includes(weekdayOf(new Date(`${day}T12:00:00`).getTime())) ? null : 'off';
}

/** Is the local day `day` (YYYY-MM-DD) no day of veille: a day off, or a day away (see `dayOff`)? */
export function isDayOff(day: string, calendar: VeilleCalendar): boolean {
  return dayOff(day, calendar) !== null;
}

/**
 * How the veille kept to something over `days` (local days): the days it was done (`hits`), out of
 * the days of veille among them (see `VeilleCalendar`) and the days off or away it was done all the
 * same. `today`, not over yet, counts once done.
 */
export function daysKept(hits: ReadonlySet<string> | undefined, days: readonly string[], calendar: VeilleCalendar, today?: string): { visited: number; of: number } {
  let n = 0;
  let of = 0;
  for (const day of days) {
    const hit = !!hits?.has(day);
    if (hit) n++;
    if (hit || (day !== today && !isDayOff(day, calendar))) of++;
  }
  return { visited: n, of };
}

/** The name of a day of the week, 1 (Monday) to 7 (Sunday), in `locale` ("Monday", "lundi"): 5 January 2026 was a Monday. */
export function weekdayName(day: number, locale: string, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(locale, { weekday: width }).format(new Date(2026, 0, 4 + day, 12));
}
