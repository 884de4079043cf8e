import { useState } from 'preact/hooks';
import type { VeilleDB } from '@/lib/db';
import { t, tCount, uiLocale } from '@/lib/i18n';
import { ask } from '@/lib/runtime';
import { awayOn, dateText, dayOff, localDayOf, type VeilleCalendar } from '@/lib/time';
import { clock, hoursMinutes, MINUTE, wholeMinutes } from '@/lib/veille';
import { useShortcut } from '../useShortcut';
import { ChangeShortcuts } from '../Shortcuts';
import { useVeille } from './useVeille';

function Ring({ done, goal }: { done: number; goal: number }) {
  const r = 42;
  const c = 2 * Math.PI * r;
  const f = Math.min(1, goal ? done / goal : 0);
  return (
    <svg viewBox="0 0 100 100" width="96" height="96" aria-hidden="true" class="ring">
      <circle cx="50" cy="50" r={r} class="ring-bg" />
      {f > 0 && <circle cx="50" cy="50" r={r} class={f >= 1 ? 'ring-fg done' : 'ring-fg'} stroke-dasharray={`${c * f} ${c}`} transform="rotate(-90 50 50)" />}
    </svg>
  );
}

/** The last 7 days' bars, with the goal's line; the days off and away (see `dayOff`) named so, their labels in italics. */
function Week({ days, goalMs, calendar, kept }: { days: { day: string; ms: number }[]; goalMs: number; calendar: VeilleCalendar; kept: { visited: number; of: number } }) {
  const max = Math.max(goalMs * 1.25, ...days.map((d) => d.ms));
  const fmt = new Intl.DateTimeFormat(uiLocale(), { weekday: 'short' });
  const y = (ms: number) => 60 - (ms / max) * 56;
  const off = (day: string) => dayOff(day, calendar);
  const BAR = { away: 'veille_day_away_bar', off: 'veille_day_off_bar' } as const;
  const said = (d: { day: string; ms: number }) => {
    const why = off(d.day);
    return t(why ? BAR[why] : 'veille_day_bar', d.day, wholeMinutes(d.ms));
  };
  return (
    <figure class="week">
      <figcaption data-testid="veille-week">
        {t('veille_week')} · {hoursMinutes(days.reduce((n, d) => n + d.ms, 0))} ·{' '}
        {kept.of ? tCount('veille_week_at_goal_of', kept.of, kept.visited) : tCount('veille_week_at_goal', kept.visited)}
      </figcaption>
      <svg viewBox="0 0 210 76" width="100%" role="img" aria-label={days.map(said).join(', ')}>
        {days.map((d, i) => (
          <g key={d.day}>
            <rect x={i * 30 + 4} y={y(d.ms)} width="22" height={60 - y(d.ms)} rx="3" class={d.ms >= goalMs ? 'bar done' : 'bar'}>
              <title>{said(d)}</title>
            </rect>
            <text x={i * 30 + 15} y="73" text-anchor="middle" class={off(d.day) ? 'label off' : 'label'}>
              {fmt.format(new Date(`${d.day}T12:00:00`))}
            </text>
          </g>
        ))}
        <line x1="0" x2="210" y1={y(goalMs)} y2={y(goalMs)} class="goal">
          <title>{t('veille_goal_line', Math.round(goalMs / MINUTE))}</title>
        </line>
      </svg>
    </figure>
  );
}

/** Why Veille ended a session started by hand (see `VeilleState.stopped`), as the popup says it. */
const PAUSED_WHY = { lock: 'veille_paused_lock', left: 'veille_paused_left', idle: 'veille_paused_idle' } as const;

/** The popup's veille: today's progress, Start/Pause, the week, the streak and the shortcut. */
export function VeillePanel({ db }: { db: VeilleDB }) {
  const v = useVeille(db);
  const [busy, setBusy] = useState(false);
  /** The shortcuts' page could not be opened (Firefox before 137): the way to it is shown. */
  const shortcut = useShortcut('toggle-veille');
  if (!v) return null;
  const minutes = Math.floor(v.todayMs / MINUTE);
  const done = v.todayMs >= v.goalMs;
  /** Today is in a span of time away (the settings'): until when; or a day off (`dayOff` says away first). */
  const away = awayOn(localDayOf(v.now), v.settings.awayPeriods);
  const off = dayOff(localDayOf(v.now), v.settings) === 'off';
  const status = v.running
    ? t(v.running.mode === 'auto' ? 'veille_running_auto' : 'veille_running_manual')
    : v.stopped
      ? t(PAUSED_WHY[v.stopped.why], dateText(v.stopped.at, uiLocale(), 'time'))
      : t('veille_paused');

  async function toggle() {
    setBusy(true);
    try {
      await ask('veille.toggle', {});
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="veille" aria-labelledby="veille-title">
      <h2 id="veille-title">{t('veille_title')}</h2>
      <div class="today">
        <div class="ring-box">
          <Ring done={v.todayMs} goal={v.goalMs} />
          <div class="ring-text">
            <strong data-testid="veille-minutes">{minutes}</strong>
            <span>{t('veille_of_goal', Math.round(v.goalMs / MINUTE))}</span>
          </div>
        </div>
        <div class="controls">
          <p class="elapsed" data-testid="veille-elapsed" aria-live="off">
            {clock(v.todayMs)}
          </p>
          <p class="muted" data-testid="veille-status" role="status">
            {done ? `${t('veille_done')} · ${status}` : status}
          </p>
          <button type="button" class="primary" onClick={toggle} disabled={busy} data-testid="veille-toggle" aria-pressed={!!v.running}>
            {v.running ? t('veille_pause') : t('veille_start')}
          </button>
        </div>
      </div>
      <p class="muted small" data-testid="veille-split">
        {t('veille_split', wholeMinutes(v.split.auto), wholeMinutes(v.split.manual))}
      </p>
      {!v.settings.autoTracking && <p class="muted small">{t('veille_auto_off')}</p>}
      <Week days={v.week} goalMs={v.goalMs} calendar={v.settings} kept={v.weekKept} />
      <p class="small" data-testid="veille-streak">
        {tCount('veille_streak', v.streak)}
      </p>
      {away && (
        <p class="muted small" data-testid="veille-away">
          {t(v.settings.autoTracking ? 'veille_away_today_auto' : 'veille_away_today', dateText(away.to, uiLocale(), 'weekday'))}
        </p>
      )}
      {off && (
        <p class="muted small" data-testid="veille-day-off">
          {t('veille_day_off_today')}
        </p>
      )}
      {shortcut !== undefined && (
        <p class="muted small">
          {shortcut ? t('veille_shortcut', shortcut) : t('veille_shortcut_none')} <ChangeShortcuts />
        </p>
      )}
    </section>
  );
}
