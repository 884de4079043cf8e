/**
 * The veille in the worker: follows tabs, windows and idle state for automatic counting, keeps the
 * heartbeat, shows today's minutes on the toolbar badge, says when the goal is reached, reminds
 * when asked, and answers the keyboard shortcut.
 *
 * Everything it knows is in the database: this code runs again from scratch whenever Chrome restarts
 * the worker, and recreates its alarm every time.
 */
import { browser } from 'wxt/browser';
import type { VeilleDB } from '@/lib/db';
import { t, tCount } from '@/lib/i18n';
import { getSettings, getVeilleState, saveVeilleState } from '@/lib/settings';
import { roundOf, visitPlace } from '@/lib/sources';
import type { Settings, VeilleState } from '@/lib/schemas';
import { isDayOff, localDayOf } from '@/lib/time';
import { MINUTE, type Presence } from '@/lib/veille';
import { VeilleClock, type Today } from '@/lib/veille-clock';
import { isTimeOnX, isXUrl } from '@/lib/x/pages';
import { notify } from './notify';

export const TICK_ALARM = 'veille-tick';
export const TOGGLE_COMMAND = 'toggle-veille';
const IDLE_SECONDS = 60;

const COLORS = { running: '#1d6fb8', paused: '#6b7785', done: '#0b7a5a' };

export interface VeilleService {
  toggle(): Promise<boolean>;
  refresh(): Promise<void>;
}

/**
 * Is the goal reached today still to be said: not said today, or said of a lower goal (the CM raised
 * it since, and the new one is reached). A notification of before Veille kept the goal counts for any.
 */
export function goalDue(state: Pick<VeilleState, 'notifiedDay' | 'notifiedGoal'>, day: string, goalMinutes: number): boolean {
  return state.notifiedDay !== day || (state.notifiedGoal ?? Infinity) < goalMinutes;
}

/**
 * Is the reminder due at `now`: switched on, a day of veille (not off, not away), its time passed,
 * no veille yet today (none counted, none running), and not said today.
 */
export function reminderDue(
  settings: Pick<Settings, 'reminderEnabled' | 'reminderTime' | 'veilleDays' | 'awayPeriods'>,
  state: Pick<VeilleState, 'remindedDay'>,
  today: Pick<Today, 'day' | 'ms' | 'running'>,
  now: number,
): boolean {
  if (!settings.reminderEnabled || isDayOff(today.day, settings) || today.ms || today.running || state.remindedDay === today.day) return false;
  const [h, m] = settings.reminderTime.split(':').map(Number);
  const d = new Date(now);
  return d.getHours() * 60 + d.getMinutes() >= h! * 60 + m!;
}

/** What the goal's notification says: the minutes, and where the day's round stands when there is one. */
export function goalBody(goalMinutes: number, round: { sources: readonly { id: string }[]; visited: ReadonlySet<string> }): string {
  const body = t('notify_goal_body', goalMinutes);
  const visited = round.sources.filter((s) => round.visited.has(s.id)).length;
  return round.sources.length ? `${body} ${t('notify_goal_round', tCount('round_count', visited, round.sources.length))}` : body;
}

export function startVeille(db: VeilleDB, now: () => number = Date.now): VeilleService {
  const clock = new VeilleClock(db, now);
  // MV3 has `action`, Firefox's MV2 build `browserAction`.
  const action = browser.action ?? browser.browserAction;

  /** One change at a time: events arrive in bursts (a tab switch is activated + focus + updated). */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch((e: unknown) => console.error('veille', e));
    return run;
  };

  /**
   * Where the CM is: the active tab of the focused window is X's (its address then), focused, idle or
   * not, and quiet (no keyboard or mouse) for the settings' `manualIdleMinutes` or not.
   */
  async function presence(): Promise<Presence & { xUrl?: string }> {
    const { manualIdleMinutes } = await getSettings(db);
    const [win, idle, quiet] = await Promise.all([
      browser.windows.getLastFocused().catch(() => undefined),
      browser.idle.queryState(IDLE_SECONDS).catch(() => 'active' as const),
      manualIdleMinutes ? browser.idle.queryState(manualIdleMinutes * 60).catch(() => 'active' as const) : 'active',
    ]);
    const [tab] = win?.id === undefined ? [] : await browser.tabs.query({ active: true, windowId: win.id });
    const url = tab?.url ?? '';
    // (The round's places are x.com's: X Pro's columns have no address of their own.)
    return { xActive: isTimeOnX(url), focused: !!win?.focused, idle, quiet: quiet === 'idle', ...(isXUrl(url) ? { xUrl: url } : {}) };
  }

  /**
   * The badge, and what is to be said. With the CM idle (`idle` from `presence`), the goal reached
   * waits for their return: a session started by hand may yet end back at their last use of the
   * keyboard and mouse (see `VeilleClock.update`), under the goal.
   */
  async function refresh(idle: Presence['idle'] = 'active'): Promise<void> {
    const today = await clock.today();
    const minutes = Math.floor(today.ms / MINUTE);
    const done = today.ms >= today.goalMs;
    await action.setBadgeText({ text: minutes || today.running ? String(minutes) : '' });
    await action.setBadgeBackgroundColor({ color: done ? COLORS.done : today.running ? COLORS.running : COLORS.paused });
    await action.setTitle({
      title: t(today.running ? 'badge_title_running' : 'badge_title_paused', minutes, Math.round(today.goalMs / MINUTE)),
    });

    const settings = await getSettings(db);
    const state = await getVeilleState(db);
    if (done && idle === 'active' && settings.goalNotification && goalDue(state, today.day, settings.dailyGoalMinutes)) {
      await saveVeilleState(db, { notifiedDay: today.day, notifiedGoal: settings.dailyGoalMinutes });
      await notify(`veille-goal-${today.day}`, t('notify_goal_title'), goalBody(settings.dailyGoalMinutes, await roundOf(db, today.day)));
    }
    if (reminderDue(settings, state, today, now())) {
      await saveVeilleState(db, { remindedDay: localDayOf(now()) });
      await notify(`veille-reminder-${today.day}`, t('notify_reminder_title'), t('notify_reminder_body', settings.dailyGoalMinutes));
    }
  }

  const sync = () =>
    serial(async () => {
      const where = await presence();
      await clock.update(where);
      // On a place of the veille's round (a search, a list, an account on X): ticked for today.
      if (where.xUrl && where.focused) await visitPlace(db, where.xUrl, now());
      await refresh(where.idle);
    });

  // Listeners first, synchronously, so that an event that woke the worker is not missed.
  browser.tabs.onActivated.addListener(() => void sync());
  browser.tabs.onUpdated.addListener((_id, change) => {
    if (change.url || change.status === 'complete') void sync();
  });
  browser.tabs.onRemoved.addListener(() => void sync());
  browser.windows.onFocusChanged.addListener(() => void sync());
  browser.idle.onStateChanged.addListener(() => void sync());
  // (X Pro allowed, or taken back, while its tab is the one in front.)
  browser.permissions.onAdded.addListener(() => void sync());
  browser.permissions.onRemoved.addListener(() => void sync());
  browser.idle.setDetectionInterval(IDLE_SECONDS);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== TICK_ALARM) return;
    void serial(async () => {
      await clock.heartbeat();
      const where = await presence();
      await clock.update(where);
      await refresh(where.idle);
    });
  });
  browser.commands.onCommand.addListener((command) => {
    if (command === TOGGLE_COMMAND) void toggle();
  });
  const workerStarted = now();
  browser.runtime.onStartup.addListener(() => void serial(() => clock.recover(true, workerStarted)).then(() => refresh()));
  // Alarms do not survive every restart of the browser: create it every time the worker starts.
  void browser.alarms.create(TICK_ALARM, { periodInMinutes: 1 });
  void serial(() => clock.recover()).then(sync);

  async function toggle(): Promise<boolean> {
    return serial(async () => {
      const running = await clock.toggle(await presence());
      await refresh();
      return running;
    });
  }

  return { toggle, refresh: () => serial(() => refresh()) };
}
