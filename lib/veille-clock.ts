/**
 * The veille clock: starts and ends sessions, by hand or automatically, in the database. It keeps no
 * state in memory that matters: a worker stopped and restarted, or a browser closed and reopened,
 * picks up from the sessions and the heartbeat stored.
 */
import type { VeilleDB } from './db';
import type { VeilleSession } from './schemas';
import { getSettings, getVeilleState, saveVeilleState } from './settings';
import { HEARTBEAT_STALE_MS, MINUTE, msByDay, msByMode, presenceCounts, startOfDay, type Presence } from './veille';
import { awayOn, localDayOf } from './time';

export interface Today {
  day: string;
  ms: number;
  goalMs: number;
  manualMs: number;
  autoMs: number;
  running: VeilleSession | null;
}

export class VeilleClock {
  constructor(
    private readonly db: VeilleDB,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The session still running, if any (there is at most one): usually the latest. A backup merged
   * from another browser may have added sessions that began after it (ended: see `restoreBackup`);
   * the index of ends, which leaves out a session without one, says whether to look further back.
   */
  async open(): Promise<VeilleSession | undefined> {
    const sessions = this.db.veilleSessions;
    const last = await sessions.orderBy('start').last();
    if (!last || last.end === undefined) return last;
    const [all, ended] = await Promise.all([sessions.count(), sessions.where('end').aboveOrEqual(-Infinity).count()]);
    return all === ended ? undefined : sessions.orderBy('start').reverse().filter((s) => s.end === undefined).first();
  }

  /**
   * The sessions that run on or after `from`: begun since, ended since, or still running (one begun
   * the evening before counts its part after midnight), newest first.
   */
  async since(from: number): Promise<VeilleSession[]> {
    const sessions = this.db.veilleSessions;
    const [begun, ended, running] = await Promise.all([sessions.where('start').aboveOrEqual(from).toArray(), sessions.where('end').above(from).toArray(), this.open()]);
    const byId = new Map([...begun, ...ended].map((s) => [s.id, s]));
    if (running) byId.set(running.id, running);
    return [...byId.values()].sort((a, b) => b.start - a.start);
  }

  private async begin(mode: VeilleSession['mode'], at: number): Promise<VeilleSession> {
    const s: VeilleSession = { id: crypto.randomUUID(), start: at, mode };
    await this.db.veilleSessions.add(s);
    await saveVeilleState(this.db, { heartbeat: at, stopped: undefined });
    return s;
  }

  /** End a session the CM did not end (see `VeilleState.stopped`), remembering why where it was started by hand. */
  private async stop(s: VeilleSession, at: number, why: 'lock' | 'left' | 'idle'): Promise<void> {
    await this.finish(s, at);
    if (s.mode === 'manual' && at > s.start) await saveVeilleState(this.db, { stopped: { at, why } });
  }

  private async finish(s: VeilleSession, at: number): Promise<void> {
    if (at <= s.start) await this.db.veilleSessions.delete(s.id);
    else await this.db.veilleSessions.update(s.id, { end: at });
  }

  private tx<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction('rw', this.db.veilleSessions, this.db.settings, fn);
  }

  /**
   * The session running at `now`. One whose last heartbeat is older than `HEARTBEAT_STALE_MS`
   * (the machine slept, the browser was frozen) ends at that heartbeat, as after a closed browser:
   * a worker that lived through the sleep (Firefox's background page always does) would otherwise
   * count the whole night.
   */
  private async running(now: number): Promise<VeilleSession | undefined> {
    const open = await this.open();
    return open && !(await this.endIfLeft(open, now)) ? open : undefined;
  }

  /**
   * End `open` at its last heartbeat when that is older than `HEARTBEAT_STALE_MS` at `now` (or in
   * any case, with `always`): the CM was last known there then. True when it was ended.
   */
  private async endIfLeft(open: VeilleSession, now: number, always = false): Promise<boolean> {
    const { heartbeat } = await getVeilleState(this.db);
    const last = Math.max(open.start, heartbeat ?? open.start);
    if (!always && now - last <= HEARTBEAT_STALE_MS) return false;
    await this.stop(open, last, 'left');
    return true;
  }

  /** Start by hand. An automatic session running becomes a manual one from now. */
  start(): Promise<void> {
    return this.tx(async () => {
      const now = this.now();
      const open = await this.running(now);
      if (open?.mode === 'manual') return;
      if (open) await this.finish(open, now);
      await this.begin('manual', now);
    });
  }

  /**
   * Pause, whatever is counting. If the CM is on X with automatic counting, it waits until they
   * leave X (or go idle) and come back: a pause is not undone by the next tab event.
   */
  pause(presence?: Presence): Promise<void> {
    return this.tx(async () => {
      const now = this.now();
      const open = await this.running(now);
      if (open) await this.finish(open, now);
      if (presence && presenceCounts(presence)) await saveVeilleState(this.db, { autoPaused: true });
    });
  }

  /** Start or pause: the popup's button and the keyboard shortcut. Resolves to running or not. */
  async toggle(presence?: Presence): Promise<boolean> {
    if (await this.open()) {
      await this.pause(presence);
      return false;
    }
    await this.start();
    return true;
  }

  /**
   * Follow what the browser says: automatic sessions start and end with the CM's presence on X. On a
   * day of the CM's time away (the settings'), X is not the veille: only Start counts. A session
   * started by hand counts wherever the CM is, idle or not, until the screen is locked: the CM has
   * left the machine, and it ends then (as at the lid closed), rather than count a lunch or a weekend.
   * After the settings' `manualIdleMinutes` without keyboard or mouse (`Presence.quiet`), it ends at
   * their last use: a meeting away from a screen left unlocked is not veille either.
   */
  update(presence: Presence): Promise<void> {
    return this.tx(async () => {
      const now = this.now();
      const { autoTracking, awayPeriods, manualIdleMinutes } = await getSettings(this.db);
      const state = await getVeilleState(this.db);
      const here = presenceCounts(presence);
      if (!here && state.autoPaused) await saveVeilleState(this.db, { autoPaused: false });
      const open = await this.running(now);
      const counting = autoTracking && here && !state.autoPaused && !awayOn(localDayOf(now), awayPeriods);
      if (open?.mode === 'auto' && !counting) await this.finish(open, now);
      else if (open?.mode === 'manual' && presence.quiet && manualIdleMinutes) await this.stop(open, now - manualIdleMinutes * MINUTE, 'idle');
      else if (open?.mode === 'manual' && presence.idle === 'locked') await this.stop(open, now, 'lock');
      else if (!open && counting) await this.begin('auto', now);
      else if (open) await this.beat(now);
    });
  }

  private async beat(now: number): Promise<void> {
    const { heartbeat } = await getVeilleState(this.db);
    if (heartbeat === undefined || now - heartbeat >= MINUTE) await saveVeilleState(this.db, { heartbeat: now });
  }

  /** While a session runs, remember that the CM was here (at most one write a minute). */
  heartbeat(): Promise<void> {
    return this.tx(async () => {
      const now = this.now();
      if (await this.running(now)) await this.beat(now);
    });
  }

  /**
   * When the worker starts: a session left open by a browser that was closed (or a machine that
   * slept) ends at the last moment the extension knew the CM was there, not now. A worker that was
   * only stopped and restarted finds a fresh heartbeat and the session keeps running.
   * `startedBefore`: only sessions started before this moment are leftovers.
   */
  recover(browserStarted = false, startedBefore = Infinity): Promise<VeilleSession | undefined> {
    return this.tx(async () => {
      const open = await this.open();
      // (At browser start, a session this worker has just begun is not a leftover.)
      if (!open || open.start >= startedBefore) return undefined;
      return (await this.endIfLeft(open, this.now(), browserStarted)) ? open : undefined;
    });
  }

  /** Today's veille. */
  async today(): Promise<Today> {
    const now = this.now();
    const day = localDayOf(now);
    const sessions = await this.since(startOfDay(now));
    const running = sessions.find((s) => s.end === undefined);
    const { dailyGoalMinutes } = await getSettings(this.db);
    const mode = msByMode(sessions, day, now);
    return {
      day,
      ms: msByDay(sessions, now).get(day) ?? 0,
      goalMs: dailyGoalMinutes * MINUTE,
      manualMs: mode.manual,
      autoMs: mode.auto,
      running: running ?? null,
    };
  }
}
