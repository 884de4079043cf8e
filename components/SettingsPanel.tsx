import { useState } from 'preact/hooks';
import type { VeilleDB } from '@/lib/db';
import { t, tKey, uiLocale } from '@/lib/i18n';
import { notifyChanged } from '@/lib/runtime';
import { getSettings, saveSettings, showOverlay } from '@/lib/settings';
import { OVERLAY_KINDS, type OverlayKind } from '@/lib/messaging';
import { settingsSchema, type Settings } from '@/lib/schemas';
import { EVERY_DAY, dateText, weekdayName } from '@/lib/time';
import { errorSaid } from '@/components/errorSaid';
import { useLiveQuery } from './useLiveQuery';
import { ShortcutsList } from './Shortcuts';
import { XProCounting } from './veille/XProCounting';
import { AwayPeriods } from './veille/AwayPeriods';

interface CheckProps {
  name: string;
  checked: boolean;
  onChange(value: boolean): void;
  label: string;
  hint?: string;
}

function Check({ name, checked, onChange, label, hint }: CheckProps) {
  return (
    <label class="check">
      <input type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span>
        {label}
        {hint && <span class="hint">{hint}</span>}
      </span>
    </label>
  );
}

/** The settings typed in a field, whose value may be wrong or half typed. */
type Typed = 'dailyGoalMinutes' | 'manualIdleMinutes' | 'reminderTime' | 'meetingTime' | 'veilleDays';

/** A time of day ("14:00") as the browser's language writes it ("2:00 PM" in American English). */
function timeOfDayText(time: string): string {
  const [h, m] = time.split(':').map(Number);
  return dateText(new Date(2026, 0, 1, h, m).getTime(), uiLocale(), 'time');
}

const OVERLAY_LABELS = {
  author: 'settings_overlay_author',
  strip: 'settings_overlay_strip',
  card: 'settings_overlay_card',
  save: 'settings_overlay_save',
} as const satisfies Record<OverlayKind, string>;

/** The settings of the options page. */
export function SettingsPanel({ db }: { db: VeilleDB }) {
  const stored = useLiveQuery(() => getSettings(db), [db]);
  // What the user just chose shows at once, before the database answers.
  const [pending, setPending] = useState<Partial<Settings>>({});
  const [status, setStatus] = useState('');
  /** What is wrong with a value typed (kept as typed, not saved), by setting. */
  const [errors, setErrors] = useState<Partial<Record<Typed, string>>>({});
  /** A change the database refused: what it said. */
  const [failed, setFailed] = useState('');
  if (!stored) return null;
  const settings = { ...stored, ...pending };
  /** Say it is saved, and tell the X tabs (the overlays follow some settings). */
  const saved = () => {
    setFailed('');
    setStatus(t('settings_saved'));
    void notifyChanged('settings');
  };
  /** A change of `keys` the database refused: the stored values show again, with what went wrong. */
  const refused = (keys: readonly string[], e: unknown) => {
    setPending((p) => Object.fromEntries(Object.entries(p).filter(([k]) => !keys.includes(k))));
    setStatus('');
    setFailed(errorSaid(e, 'err_settings_not_saved'));
  };
  /** Save a change; false when the database refused it (said in the page). */
  const change = async (patch: Partial<Settings>): Promise<boolean> => {
    setPending((p) => ({ ...p, ...patch }));
    try {
      await saveSettings(db, patch);
    } catch (e) {
      refused(Object.keys(patch), e);
      return false;
    }
    saved();
    return true;
  };
  /**
   * A value typed in a field: saved when right, otherwise not saved, with what is wrong. A time
   * cleared or half typed stays in its field as typed (the stored one holds until it is whole); a
   * goal out of bounds shows the stored goal again.
   */
  const typed = <K extends Typed>(key: K, value: Settings[K], wrong: (issue: string) => string) => {
    const ok = settingsSchema.shape[key].safeParse(value);
    setErrors((e) => ({ ...e, [key]: ok.success ? undefined : wrong(ok.error.issues[0]!.message) }));
    if (ok.success) void change({ [key]: ok.data } as Partial<Settings>);
    else if (typeof value === 'string') setPending((p) => ({ ...p, [key]: value }));
  };
  const timeWrong = (key: 'reminderTime' | 'meetingTime') => () => t(key === 'reminderTime' ? 'err_reminder_time' : 'err_meeting_time', timeOfDayText(stored[key]));
  const fieldError = (key: Typed) =>
    errors[key] && (
      <p class="field-error" role="alert" id={`${key}-error`}>
        {errors[key]}
      </p>
    );
  /** A number of minutes typed, in steps of 5 (a value out of bounds shows the stored one again, with what is wrong). */
  const minutesField = (key: 'dailyGoalMinutes' | 'manualIdleMinutes', label: string, min: number, max: number) => (
    <>
      <label class="inline">
        {label}
        <input
          type="number"
          name={key}
          min={min}
          max={max}
          step={5}
          value={settings[key]}
          onChange={(e) => typed(key, Number(e.currentTarget.value), tKey)}
          aria-invalid={errors[key] ? true : undefined}
          aria-describedby={errors[key] ? `${key}-error` : undefined}
        />
      </label>
      {fieldError(key)}
    </>
  );
  const switchOverlay = async (kind: OverlayKind, show: boolean) => {
    // (From what was last chosen: switches flipped in a row, before the page shows the first, all count.)
    setPending((p) => {
      const hidden = p.hiddenOverlays ?? stored.hiddenOverlays;
      return { ...p, hiddenOverlays: show ? hidden.filter((k) => k !== kind) : [...new Set([...hidden, kind])] };
    });
    try {
      await showOverlay(db, kind, show);
    } catch (e) {
      return refused(['hiddenOverlays'], e);
    }
    saved();
  };
  return (
    <section aria-labelledby="settings-title" class="settings">
      <h2 id="settings-title">{t('nav_settings')}</h2>
      <Check
        name="captureEnabled"
        checked={settings.captureEnabled}
        onChange={(v) => void change({ captureEnabled: v })}
        label={t('settings_capture')}
        hint={t('settings_capture_hint')}
      />
      <fieldset class="overlay-switches" aria-describedby="overlays-hint">
        <legend>{t('settings_overlays')}</legend>
        {OVERLAY_KINDS.map((kind) => (
          <Check
            key={kind}
            name={`overlay-${kind}`}
            checked={!settings.hiddenOverlays.includes(kind)}
            onChange={(show) => void switchOverlay(kind, show)}
            label={t(OVERLAY_LABELS[kind])}
          />
        ))}
        <p id="overlays-hint" class="hint">
          {t('settings_overlays_hint')}
        </p>
        {settings.overlaysPaused && (
          <p class="paused" role="status">
            {t('settings_overlays_paused')}{' '}
            <button type="button" onClick={() => void change({ overlaysPaused: false })}>
              {t('settings_overlays_resume')}
            </button>
          </p>
        )}
      </fieldset>
      {minutesField('dailyGoalMinutes', t('settings_goal'), 5, 600)}
      <fieldset class="overlay-switches veille-days" aria-describedby={errors.veilleDays ? 'veilleDays-error veille-days-hint' : 'veille-days-hint'}>
        <legend>{t('settings_veille_days')}</legend>
        <div class="check-row">
          {EVERY_DAY.map((d) => (
            <Check
              key={d}
              name={`veille-day-${d}`}
              checked={settings.veilleDays.includes(d)}
              onChange={(on) => typed('veilleDays', on ? [...settings.veilleDays, d] : settings.veilleDays.filter((x) => x !== d), tKey)}
              label={weekdayName(d, uiLocale())}
            />
          ))}
        </div>
        {fieldError('veilleDays')}
        <p id="veille-days-hint" class="hint">
          {t('settings_veille_days_hint')}
        </p>
      </fieldset>
      <AwayPeriods periods={settings.awayPeriods} save={(awayPeriods) => change({ awayPeriods })} />
      <Check name="autoTracking" checked={settings.autoTracking} onChange={(v) => void change({ autoTracking: v })} label={t('settings_auto')} hint={`${t('settings_auto_hint')} ${t(import.meta.env.FIREFOX ? 'settings_manual_hint_firefox' : 'settings_manual_hint')}`} />
      {settings.autoTracking && <XProCounting />}
      {minutesField('manualIdleMinutes', t('settings_manual_idle'), 0, 240)}
      <Check name="goalNotification" checked={settings.goalNotification} onChange={(v) => void change({ goalNotification: v })} label={t('settings_goal_notification')} />
      <div class="check-row">
        <Check name="reminderEnabled" checked={settings.reminderEnabled} onChange={(v) => void change({ reminderEnabled: v })} label={t('settings_reminder')} />
        <input
          type="time"
          aria-label={t('settings_reminder')}
          value={settings.reminderTime}
          disabled={!settings.reminderEnabled}
          onChange={(e) => typed('reminderTime', e.currentTarget.value, timeWrong('reminderTime'))}
          aria-invalid={errors.reminderTime ? true : undefined}
          aria-describedby={errors.reminderTime ? 'reminderTime-error' : undefined}
        />
      </div>
      {fieldError('reminderTime')}
      <div class="meeting-choice">
        <div class="check-row">
          <label class="inline">
            {t('settings_meeting')}
            <select name="meetingDay" value={settings.meetingDay} aria-describedby="meeting-hint" onChange={(e) => void change({ meetingDay: Number(e.currentTarget.value) })}>
              <option value={0}>{t('settings_meeting_none')}</option>
              {EVERY_DAY.map((d) => (
                <option key={d} value={d}>
                  {weekdayName(d, uiLocale())}
                </option>
              ))}
            </select>
          </label>
          <label class="inline">
            {t('settings_meeting_time')}
            <input
              type="time"
              name="meetingTime"
              value={settings.meetingTime}
              disabled={!settings.meetingDay}
              onChange={(e) => typed('meetingTime', e.currentTarget.value, timeWrong('meetingTime'))}
              aria-invalid={errors.meetingTime ? true : undefined}
              aria-describedby={errors.meetingTime ? 'meetingTime-error' : 'meeting-hint'}
            />
          </label>
        </div>
        {fieldError('meetingTime')}
        <p id="meeting-hint" class="hint">
          {t('settings_meeting_hint')}
        </p>
      </div>
      <ShortcutsList />
      <p role="status" class="muted" aria-live="polite">
        {status}
      </p>
      {failed && (
        <p class="field-error" role="alert">
          {failed}
        </p>
      )}
    </section>
  );
}
