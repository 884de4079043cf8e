import { useRef, useState } from 'preact/hooks';
import { t, tKey, uiLocale } from '@/lib/i18n';
import { AWAY_PERIODS_MAX, awayPeriodSchema, type AwayPeriod } from '@/lib/schemas';
import { dayStartOf, periodText } from '@/lib/time';
import { dayBefore } from '@/lib/veille';
import { useToday } from '../useToday';

interface Props {
  periods: readonly AwayPeriod[];
  /** Save the new list (the settings' `awayPeriods`); false when it could not be saved. */
  save(periods: AwayPeriod[]): Promise<boolean>;
}

/**
 * What is wrong with a span of time away the CM typed, in their words, or null: its days missing,
 * out of order or too far apart, one it overlaps, or one span too many.
 */
function awayError(period: { from: string; to: string }, periods: readonly AwayPeriod[]): string | null {
  if (!period.from) return t('settings_away_from_missing');
  const ok = awayPeriodSchema.safeParse(period);
  if (!ok.success) return tKey(ok.error.issues[0]!.message);
  const overlap = periods.find((p) => p.from <= period.to && period.from <= p.to);
  if (overlap) return t('err_away_overlap', periodText(overlap.from, overlap.to, uiLocale()));
  if (periods.length >= AWAY_PERIODS_MAX) return t('err_away_many');
  return null;
}

/**
 * The settings' time away: the spans of days the CM is away (holidays, leave), which are no days of
 * veille. Each can be removed; one is added from its first and last days (the last one, left
 * empty, is the first: one day away).
 */
export function AwayPeriods({ periods, save }: Props) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState('');
  const first = useRef<HTMLInputElement>(null);
  // (A page left open overnight moves the "now" on at midnight.)
  const today = useToday();
  /**
   * Put `by` in the place of a span, or nothing: what was said of the last one added goes, and the
   * focus goes to the first day's field (the span's button is gone).
   */
  const replace = async (period: AwayPeriod, by: AwayPeriod | null) => {
    setError('');
    if (await save(periods.flatMap((p) => (p !== period ? [p] : by ? [by] : [])))) first.current?.focus();
  };
  /** Back early from a span going on now: it ends yesterday, its days gone by still away (a span begun today goes). */
  const back = (period: AwayPeriod) => replace(period, period.from < today ? { from: period.from, to: dayBefore(dayStartOf(today), 1) } : null);
  const add = async (e: Event) => {
    e.preventDefault();
    const period = { from, to: to || from };
    const wrong = awayError(period, periods);
    setError(wrong ?? '');
    if (wrong) return;
    // (In order, as the settings keep them: the list shows them so at once.)
    if (!(await save([...periods, period].sort((a, b) => a.from.localeCompare(b.from))))) return;
    // (Emptied for the next one, unless the CM has typed it already: the list can show the span a
    // moment before the save is confirmed here.)
    setFrom((now) => (now === from ? '' : now));
    setTo((now) => (now === to ? '' : now));
  };
  const ended = periods.filter((p) => p.to < today).length;
  return (
    <fieldset class="overlay-switches away" aria-describedby={error ? 'away-error away-hint' : 'away-hint'} data-testid="away">
      <legend>{t('settings_away')}</legend>
      {periods.length ? (
        <ul class="away-list">
          {periods.map((p) => {
            const text = periodText(p.from, p.to, uiLocale());
            return (
              <li key={p.from} class={p.to < today ? 'ended' : undefined}>
                <span>{text}</span>
                {p.from <= today && today <= p.to && (
                  <>
                    <span class="chip">{t('settings_away_now')}</span>
                    <button type="button" class="link" aria-label={t('settings_away_back_named', text)} onClick={() => void back(p)}>
                      {t('settings_away_back')}
                    </button>
                  </>
                )}
                <button type="button" class="link" aria-label={t('settings_away_remove_named', text)} onClick={() => void replace(p, null)}>
                  {t('settings_away_remove')}
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="muted">{t('settings_away_none')}</p>
      )}
      {ended > 0 && <p class="muted">{t('settings_away_ended')}</p>}
      <form class="check-row" noValidate onSubmit={(e) => void add(e)}>
        <label class="inline">
          {t('settings_away_from')}
          <input
            ref={first}
            type="date"
            name="awayFrom"
            value={from}
            onInput={(e) => setFrom(e.currentTarget.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'away-error' : undefined}
          />
        </label>
        <label class="inline">
          {t('settings_away_to')}
          <input type="date" name="awayTo" value={to} min={from || undefined} onInput={(e) => setTo(e.currentTarget.value)} aria-invalid={error ? true : undefined} />
        </label>
        <button type="submit">{t('settings_away_add')}</button>
      </form>
      {error && (
        <p class="field-error" role="alert" id="away-error">
          {error}
        </p>
      )}
      <p id="away-hint" class="hint">
        {t('settings_away_hint')}
      </p>
    </fieldset>
  );
}
