/**
 * Correcting the veille's history by hand: add a missed session, edit a wrong one, delete one.
 * A session may not overlap another (that time would count twice) nor end in the future.
 */
import { toCsv } from './csv';
import type { VeilleDB } from './db';
import type { ReportWords } from './report';
import { localDayOf, localMinuteOf } from './time';
import { MINUTE } from './veille';
import { VeilleClock } from './veille-clock';
import type { FieldIssue } from './partners';
import { veilleSessionSchema, type VeilleSession } from './schemas';

export type SessionResult = { ok: true; session: VeilleSession } | { ok: false; issues: FieldIssue[] };

export async function saveSession(
  db: VeilleDB,
  input: { id?: string; start: number; end: number; mode?: VeilleSession['mode'] },
  now = Date.now(),
): Promise<SessionResult> {
  return db.transaction('rw', db.veilleSessions, async () => {
    const existing = input.id ? await db.veilleSessions.get(input.id) : undefined;
    const parsed = veilleSessionSchema.safeParse({
      id: input.id ?? crypto.randomUUID(),
      start: input.start,
      end: input.end,
      mode: input.mode ?? existing?.mode ?? 'manual',
    });
    if (!parsed.success) {
      return { ok: false, issues: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'start'), message: i.message })) } as SessionResult;
    }
    const s = parsed.data;
    if (s.end! > now) return { ok: false, issues: [{ field: 'end', message: 'err_session_future' }] } as SessionResult;
    const others = await db.veilleSessions.where('start').below(s.end!).toArray();
    const clash = others.find((o) => o.id !== s.id && (o.end ?? now) > s.start);
    if (clash) return { ok: false, issues: [{ field: 'start', message: 'err_session_overlap' }] } as SessionResult;
    await db.veilleSessions.put(s);
    return { ok: true, session: s } as SessionResult;
  });
}

/** The longest session the history's form reads across midnight (see `spanOf`). */
const NIGHT_MS = 12 * 60 * MINUTE;

/**
 * A session as the history's form writes it, a day and two times of day (HH:MM, local), as timestamps.
 * An end before the start is the next day's where that makes NIGHT_MS or less: 23:30 – 00:30 is an
 * hour across midnight, but 09:00 – 08:30 a slip (and its end comes before its start).
 */
export function spanOf(day: string, start: string, end: string): { start: number; end: number } {
  const [y, m, d] = day.split('-').map(Number);
  const at = (time: string, later: number) => {
    const [h, min] = time.split(':').map(Number);
    return new Date(y!, m! - 1, d! + later, h, min).getTime();
  };
  const span = { start: at(start, 0), end: at(end, 0) };
  const next = at(end, 1);
  return end < start && next - span.start <= NIGHT_MS ? { ...span, end: next } : span;
}

export async function deleteSession(db: VeilleDB, id: string): Promise<void> {
  await db.veilleSessions.delete(id);
}

/** The sessions that run on or after `from`, newest first (see `VeilleClock.since`). */
export function sessionsSince(db: VeilleDB, from: number): Promise<VeilleSession[]> {
  return new VeilleClock(db).since(from);
}

/**
 * Sessions as a CSV table, the oldest first, for the CM's own records of the hour kept: each one's
 * day, start and end (local time), whole minutes and how it was counted, in the words `w` gives,
 * separated by `delimiter` (see `spreadsheetSeparator`). A session still open ends at `now`.
 */
export function sessionsCsv(sessions: readonly VeilleSession[], w: ReportWords, now: number, delimiter: ',' | ';' = ','): string {
  const time = (t: number) => localMinuteOf(t).slice(11);
  const rows = [...sessions]
    .sort((a, b) => a.start - b.start)
    .map((s) => {
      const end = s.end ?? now;
      return [localDayOf(s.start), time(s.start), s.end === undefined ? '' : time(end), String(Math.floor((end - s.start) / MINUTE)), w(`mode_${s.mode}`)];
    });
  return toCsv([w('history_date'), w('history_start'), w('history_end'), w('report_minutes'), w('history_mode')], rows, delimiter);
}
