import { useState } from 'preact/hooks';
import { errorSaid } from '@/components/errorSaid';
import type { VeilleDB } from '@/lib/db';
import { browserLocale, t, tCount, tKey, uiLocale } from '@/lib/i18n';
import type { FieldIssue } from '@/lib/partners';
import { notifyChanged } from '@/lib/runtime';
import type { VeilleSession } from '@/lib/schemas';
import { dayStartOf, localDayOf } from '@/lib/time';
import { getSettings } from '@/lib/settings';
import { byMonth, dayBefore, hoursMinutes, MINUTE, msByDay, nextMidnight, wholeMinutes } from '@/lib/veille';
import { deleteSession, saveSession, sessionsCsv, sessionsSince, spanOf } from '@/lib/veille-history';
import { visitsByDay } from '@/lib/sources';
import { spreadsheetSeparator } from '@/lib/csv';
import { downloadText } from '@/components/download';
import { useLiveQuery } from '../useLiveQuery';
import { useToday } from '../useToday';

const DAYS = 14;
/** How many months the summary by month goes back, the current one included. */
const MONTHS = 12;
const hhmm = (t: number) => {
  const d = new Date(t);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

interface Draft {
  id?: string;
  day: string;
  start: string;
  end: string;
}

function SessionForm({ draft, today, onSave, onCancel, issues }: { draft: Draft; today: string; onSave(d: Draft): void; onCancel?(): void; issues: FieldIssue[] }) {
  const [d, setD] = useState(draft);
  const err = (f: string) => issues.filter((i) => i.field === f).map((i) => tKey(i.message)).join(' ');
  const span = spanOf(d.day, d.start, d.end);
  const nextDay = span.end > span.start && localDayOf(span.end) !== d.day;
  const set = (k: keyof Draft) => (e: Event) => setD({ ...d, [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <form
      class="session-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(d);
      }}
    >
      <label>
        {t('history_date')}
        <input type="date" value={d.day} max={today} onInput={set('day')} required />
      </label>
      <label>
        {t('history_start')}
        <input type="time" value={d.start} onInput={set('start')} required aria-invalid={err('start') ? true : undefined} />
      </label>
      <label>
        {t('history_end')}
        <input type="time" value={d.end} onInput={set('end')} required aria-invalid={err('end') ? true : undefined} aria-describedby={nextDay ? 'session-next-day' : undefined} />
      </label>
      {nextDay && (
        <span id="session-next-day" class="muted">
          {t('history_next_day')}
        </span>
      )}
      <button type="submit" class="primary">
        {t('save')}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      )}
      {(err('start') || err('end')) && (
        <p class="field-error" role="alert">
          {[err('start'), err('end')].filter(Boolean).join(' ')}
        </p>
      )}
    </form>
  );
}

/**
 * The last MONTHS months, month by month: the days at the goal (as set today), the days with any
 * veille, the time in all, and the topics saved and published. Did the team keep its hour, and what
 * did it give? (Nothing while there is neither: the history says so.)
 */
function VeilleMonths({ db, today }: { db: VeilleDB; today: string }) {
  const [y, m] = today.split('-').map(Number);
  const since = new Date(y!, m! - MONTHS, 1).getTime();
  const data = useLiveQuery(
    async () => ({
      sessions: await sessionsSince(db, since),
      settings: await getSettings(db),
      topics: await db.topics.toArray(),
      first: await db.veilleSessions.orderBy('start').first(),
    }),
    [db, since],
  );
  if (!data) return null;
  const kept = { calendar: data.settings, today, since: data.first ? localDayOf(data.first.start) : today };
  const months = byMonth(msByDay(data.sessions, Date.now()), data.settings.dailyGoalMinutes * MINUTE, data.topics, localDayOf(since).slice(0, 7), kept);
  if (!months.length) return null;
  const monthFmt = new Intl.DateTimeFormat(uiLocale(), { month: 'long', year: 'numeric' });
  return (
    <table class="history-months" data-testid="history-months">
      <caption>{t('history_months_caption', MONTHS, data.settings.dailyGoalMinutes)}</caption>
      <thead>
        <tr>
          <th scope="col">{t('history_col_month')}</th>
          <th scope="col">{t('history_col_goal_days')}</th>
          <th scope="col">{t('history_col_days')}</th>
          <th scope="col">{t('history_col_time')}</th>
          <th scope="col">{t('history_col_saved')}</th>
          <th scope="col">{t('history_col_published')}</th>
        </tr>
      </thead>
      <tbody>
        {months.map((mo) => (
          <tr key={mo.month} data-month={mo.month}>
            <th scope="row">{monthFmt.format(new Date(`${mo.month}-15T12:00:00`))}</th>
            {/* (A month with no day of veille gone by, its topics alone: no "0 of 0".) */}
            <td>{mo.veilleOf ? t('history_goal_days_of', mo.daysAtGoal, mo.veilleOf) : mo.daysAtGoal}</td>
            <td>{mo.days}</td>
            <td>{hoursMinutes(mo.ms)}</td>
            <td>{mo.saved}</td>
            <td>{mo.published}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The most topics' titles a day of the history names. */
const DAY_TOPICS = 5;

/** The topics saved on a day of veille, by title: the first few, and how many more. */
function DayTopics({ titles }: { titles: string[] }) {
  if (!titles.length) return null;
  const more = titles.length - DAY_TOPICS;
  return (
    <p class="muted day-topics">
      {tCount('history_day_topics', titles.length)} {titles.slice(0, DAY_TOPICS).join(' · ')}
      {more > 0 && ` ${t('history_day_topics_more', more)}`}
    </p>
  );
}

/** The veille history in the options page: the months, then sessions by day, add, edit, delete. */
export function VeilleHistory({ db }: { db: VeilleDB }) {
  // The last DAYS days, today's included: the window moves on at midnight.
  const today = useToday();
  const since = dayStartOf(dayBefore(dayStartOf(today), DAYS - 1));
  const sessions = useLiveQuery(() => sessionsSince(db, since), [db, since]);
  const topics = useLiveQuery(() => db.topics.where('createdAt').aboveOrEqual(since).sortBy('createdAt'), [db, since]);
  const rounds = useLiveQuery(() => visitsByDay(db, localDayOf(since)), [db, since]);
  // ('new', or the session edited and the day it is listed under: one across midnight is under two.)
  const [editing, setEditing] = useState<string | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [status, setStatus] = useState('');
  if (!sessions) return null;

  const now = Date.now();
  // Each session under each day of the window it runs on: one from 23:30 to 00:30 under both.
  const first = localDayOf(since);
  const byDay = new Map<string, VeilleSession[]>();
  for (const s of sessions) {
    for (let t = s.start; t < (s.end ?? now) || t === s.start; t = nextMidnight(t)) {
      const day = localDayOf(t);
      if (day >= first) byDay.set(day, [...(byDay.get(day) ?? []), s]);
    }
  }
  const savedOn = new Map<string, string[]>();
  for (const x of topics ?? []) savedOn.set(localDayOf(x.createdAt), [...(savedOn.get(localDayOf(x.createdAt)) ?? []), x.title]);
  const totals = msByDay(sessions, now);
  // The days of veille, the latest first: those with sessions, and those whose round was gone
  // through without the clock (places ticked by hand, or opened from the popup).
  const days = [...byDay.entries(), ...[...(rounds?.keys() ?? [])].filter((d) => !byDay.has(d)).map((d) => [d, [] as VeilleSession[]] as const)].sort((a, b) =>
    b[0].localeCompare(a[0]),
  );
  const dayFmt = new Intl.DateTimeFormat(uiLocale(), { weekday: 'long', day: 'numeric', month: 'long' });
  const otherDayFmt = new Intl.DateTimeFormat(uiLocale(), { weekday: 'short', day: 'numeric', month: 'short' });
  /** A time of a session listed under `day`, with its own day where that is another (across midnight). */
  const timeOn = (time: number, day: string) => (localDayOf(time) === day ? hhmm(time) : `${hhmm(time)} (${otherDayFmt.format(time)})`);

  async function save(d: Draft) {
    let r: Awaited<ReturnType<typeof saveSession>>;
    try {
      r = await saveSession(db, { id: d.id, ...spanOf(d.day, d.start, d.end) });
    } catch (e) {
      return setStatus(errorSaid(e));
    }
    if (!r.ok) {
      setIssues(r.issues);
      return;
    }
    setIssues([]);
    setEditing(null);
    setStatus(t('history_saved'));
    void notifyChanged('veilleSessions');
  }

  /** The sessions of the last MONTHS months, as a table (see `sessionsCsv`). */
  async function exportSessions() {
    const [y, m] = today.split('-').map(Number);
    const all = await sessionsSince(db, new Date(y!, m! - MONTHS, 1).getTime());
    if (!all.length) return setStatus(t('history_export_none', MONTHS));
    downloadText(`veille-history-${today}.csv`, sessionsCsv(all, tKey, Date.now(), spreadsheetSeparator(browserLocale())), 'text/csv;charset=utf-8');
  }

  async function remove(s: VeilleSession) {
    if (!confirm(t('history_confirm_delete'))) return;
    try {
      await deleteSession(db, s.id);
    } catch (e) {
      return setStatus(errorSaid(e));
    }
    setStatus(t('history_deleted'));
    void notifyChanged('veilleSessions');
  }

  return (
    <section aria-labelledby="history-title" class="history">
      <h2 id="history-title">{t('history_title')}</h2>
      <p class="muted">{t('history_intro')}</p>
      <VeilleMonths db={db} today={today} />
      <button type="button" onClick={() => void exportSessions()}>
        {t('history_export_csv', MONTHS)}
      </button>
      <p role="status" class="muted" aria-live="polite" data-testid="history-status">
        {status}
      </p>
      <details open={editing === 'new'} onToggle={(e) => setEditing((e.currentTarget as HTMLDetailsElement).open ? 'new' : null)}>
        <summary>{t('history_add')}</summary>
        {editing === 'new' && <SessionForm draft={{ day: today, start: '09:00', end: '10:00' }} today={today} onSave={save} issues={issues} />}
      </details>
      {days.length === 0 ? (
        <p class="empty">{t('history_empty')}</p>
      ) : (
        days.map(([day, list]) => (
          <div key={day} class="history-day" data-day={day}>
            <h3>
              {dayFmt.format(new Date(`${day}T12:00:00`))} <span class="muted">· {t('history_total', wholeMinutes(totals.get(day) ?? 0))}</span>
              {!!rounds?.get(day) && <span class="muted"> · {tCount('history_day_round', rounds.get(day)!)}</span>}
            </h3>
            {list.length > 0 && (
              <ul>
                {list.map((s) =>
                  editing === `${s.id} ${day}` ? (
                    <li key={s.id}>
                      <SessionForm
                        draft={{ id: s.id, day: localDayOf(s.start), start: hhmm(s.start), end: hhmm(s.end ?? now) }}
                        today={today}
                        onSave={save}
                        onCancel={() => setEditing(null)}
                        issues={issues}
                      />
                    </li>
                  ) : (
                    <li key={s.id} data-session={s.id}>
                      <span>
                        {timeOn(s.start, day)} – {s.end ? timeOn(s.end, day) : t('history_running')}
                      </span>{' '}
                      <span class="chip">{s.mode === 'auto' ? t('mode_auto') : t('mode_manual')}</span>{' '}
                      <span class="muted">{t('history_total', wholeMinutes((s.end ?? now) - s.start))}</span>
                      {s.end !== undefined && (
                        <span class="row-actions">
                          <button type="button" onClick={() => (setIssues([]), setEditing(`${s.id} ${day}`))}>
                            {t('edit')}
                          </button>
                          <button type="button" class="danger" onClick={() => remove(s)}>
                            {t('delete')}
                          </button>
                        </span>
                      )}
                    </li>
                  ),
                )}
              </ul>
            )}
            <DayTopics titles={savedOn.get(day) ?? []} />
          </div>
        ))
      )}
    </section>
  );
}
