import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VeilleDB } from '@/lib/db';
import { dropDb, freshDb } from './fresh-db';
import { getVeilleState, saveSettings } from '@/lib/settings';
import { HEARTBEAT_STALE_MS, type Presence } from '@/lib/veille';
import { VeilleClock } from '@/lib/veille-clock';

process.env.TZ = 'Europe/Paris';

const M = 60_000;
let db: VeilleDB;
let t: number;
let clock: VeilleClock;
const advance = (ms: number) => (t += ms);
/** Minutes passing with the computer awake: the worker's tick comes every minute. */
const pass = async (minutes: number) => {
  for (let i = 0; i < minutes; i++) {
    advance(M);
    await clock.heartbeat();
  }
};

beforeEach(async () => {
  db = await freshDb();
  t = new Date(2026, 10, 25, 9, 0).getTime();
  clock = new VeilleClock(db, () => t);
});
afterEach(() => dropDb(db));

/** The browser as the worker sees it: tabs, the focused window and the idle state. */
class Browser {
  tabs = new Map<number, string>();
  active = new Map<number, number>(); // window → active tab
  focusedWindow: number | null = 1;
  idle: Presence['idle'] = 'active';
  presence(): Presence {
    const w = this.focusedWindow;
    const url = w === null ? undefined : this.tabs.get(this.active.get(w) ?? -1);
    return { xActive: !!url && /^https:\/\/(x|twitter)\.com\//.test(url), focused: w !== null, idle: this.idle };
  }
}

describe('automatic counting', () => {
  it('counts an active X tab, never twice for two X tabs, and stops when leaving, locking or idling', async () => {
    const b = new Browser();
    b.tabs.set(1, 'https://x.com/home').set(2, 'https://twitter.com/search?q=chimie').set(3, 'https://example.org/');
    b.active.set(1, 1);
    const event = async (change: () => void, minutes: number) => {
      change();
      await clock.update(b.presence());
      await pass(minutes);
    };
    await event(() => undefined, 10); // on x.com: 10 min
    await event(() => b.active.set(1, 2), 5); // the other X tab: 5 min, not double
    await event(() => b.active.set(1, 3), 7); // another site: 0
    await event(() => b.active.set(1, 1), 4); // back on X: 4
    await event(() => (b.focusedWindow = null), 6); // another application: 0
    await event(() => (b.focusedWindow = 1), 3); // back: 3
    await event(() => (b.idle = 'locked'), 20); // screen locked: 0
    await event(() => (b.idle = 'active'), 2); // unlocked: 2
    await event(() => (b.idle = 'idle'), 30); // idle: 0
    await event(() => (b.idle = 'active'), 1); // back: 1
    await clock.update(b.presence());
    const today = await clock.today();
    expect(today.ms).toBe((10 + 5 + 4 + 3 + 2 + 1) * M);
    expect(today.autoMs).toBe(today.ms);
    const sessions = await db.veilleSessions.toArray();
    expect(sessions.filter((s) => s.end === undefined)).toHaveLength(1);
  });

  it('does nothing when automatic counting is off', async () => {
    await saveSettings(db, { autoTracking: false });
    await clock.update({ xActive: true, focused: true, idle: 'active' });
    advance(10 * M);
    expect((await clock.today()).ms).toBe(0);
  });

  it("rests on the CM's days away (Start counts by hand), and an automatic session ends when one begins", async () => {
    const on: Presence = { xActive: true, focused: true, idle: 'active' };
    // Away tomorrow, Thursday 26 November; today, Wednesday, on X from 23:50.
    await saveSettings(db, { awayPeriods: [{ from: '2026-11-26', to: '2026-11-26' }] });
    t = new Date(2026, 10, 25, 23, 50).getTime();
    await clock.update(on);
    await pass(9);
    // Midnight passes, the CM still on X: the next tick (which also reads the presence) ends it, a
    // minute into the day away; the ticks after start nothing.
    await pass(2);
    await clock.update(on);
    expect((await db.veilleSessions.toArray()).filter((s) => s.end === undefined)).toHaveLength(0);
    for (let i = 0; i < 30; i++) {
      await pass(1);
      await clock.update(on);
    }
    expect((await clock.today()).ms).toBe(1 * M);
    // Started by hand, it counts.
    await clock.start();
    await pass(5);
    expect((await clock.today()).ms).toBe(6 * M);
    expect((await clock.today()).manualMs).toBe(5 * M);
    // The day after, back on X: counted again.
    await clock.pause();
    t = new Date(2026, 10, 27, 9, 0).getTime();
    await clock.update(on);
    await pass(4);
    expect((await clock.today()).ms).toBe(4 * M);
  });

  it('a manual pause on X holds until the CM leaves X and comes back', async () => {
    const on: Presence = { xActive: true, focused: true, idle: 'active' };
    await clock.update(on);
    await pass(5);
    expect(await clock.toggle(on)).toBe(false); // paused
    await pass(1);
    await clock.update(on); // another tab event on X: still paused
    await pass(2);
    await clock.update(on); // and another
    await pass(3);
    expect((await clock.today()).ms).toBe(5 * M);
    await clock.update({ ...on, xActive: false });
    await clock.update(on);
    await pass(2);
    expect((await clock.today()).ms).toBe(7 * M);
  });

  it('manual time counts wherever the CM is; starting by hand turns an automatic session into a manual one', async () => {
    await clock.update({ xActive: true, focused: true, idle: 'active' });
    await pass(3);
    await clock.start();
    await pass(4);
    await clock.update({ xActive: false, focused: false, idle: 'idle' }); // manual ignores presence
    await pass(5);
    const today = await clock.today();
    expect(today).toMatchObject({ ms: 12 * M, autoMs: 3 * M, manualMs: 9 * M });
    expect(today.running?.mode).toBe('manual');
    expect(await clock.toggle()).toBe(false);
    advance(5 * M);
    expect((await clock.today()).ms).toBe(12 * M);
  });

  it('a session started by hand ends when the screen is locked, at the lock, and stays paused once unlocked', async () => {
    await clock.start();
    await pass(6);
    // The CM locks the screen and goes to lunch, the browser open: the worker hears of it.
    const locked = t;
    await clock.update({ xActive: false, focused: true, idle: 'locked' });
    await pass(50); // the minute's tick goes on through the lunch
    await clock.update({ xActive: false, focused: false, idle: 'locked' });
    expect(await clock.today()).toMatchObject({ ms: 6 * M, manualMs: 6 * M, running: null });
    // Back, unlocked, away from X: still paused, until Start; the popup says why, and since when.
    await clock.update({ xActive: false, focused: true, idle: 'active' });
    advance(5 * M);
    expect(await clock.today()).toMatchObject({ ms: 6 * M, running: null });
    expect((await getVeilleState(db)).stopped).toEqual({ at: locked, why: 'lock' });
    await clock.start();
    expect((await getVeilleState(db)).stopped).toBeUndefined();
    await pass(2);
    expect((await clock.today()).ms).toBe(8 * M);
    // Unlocked onto X with automatic counting: X counts again by itself.
    await clock.update({ xActive: true, focused: true, idle: 'locked' });
    advance(10 * M);
    await clock.update({ xActive: true, focused: true, idle: 'active' });
    await pass(3);
    expect(await clock.today()).toMatchObject({ ms: 11 * M, manualMs: 8 * M, autoMs: 3 * M });
  });

  it("a session started by hand ends at the keyboard and mouse's last use once they are left for the settings' time (30 minutes), unless set to never", async () => {
    await clock.start();
    await pass(20);
    const last = t;
    // A meeting away from the desk, the screen left unlocked: idle after a minute (counted, as
    // reading would be), then, at 30 minutes without keyboard or mouse, the browser says so.
    for (let i = 1; i <= 30; i++) {
      advance(M);
      await clock.heartbeat();
      await clock.update({ xActive: false, focused: true, idle: 'idle', quiet: i === 30 });
    }
    expect(await clock.today()).toMatchObject({ ms: 20 * M, manualMs: 20 * M, running: null });
    expect((await getVeilleState(db)).stopped).toEqual({ at: last, why: 'idle' });
    // Back: still paused until Start.
    await clock.update({ xActive: false, focused: true, idle: 'active' });
    await pass(5);
    expect((await clock.today()).ms).toBe(20 * M);

    // Set to 0, never: it counts on, as before the setting.
    await saveSettings(db, { manualIdleMinutes: 0 });
    await clock.start();
    await pass(40);
    await clock.update({ xActive: false, focused: true, idle: 'idle', quiet: true });
    expect(await clock.today()).toMatchObject({ ms: 60 * M, running: { mode: 'manual' } });
    // Set to 5: the last use is taken as 5 minutes back.
    await saveSettings(db, { manualIdleMinutes: 5 });
    await clock.update({ xActive: false, focused: true, idle: 'idle', quiet: true });
    expect(await clock.today()).toMatchObject({ ms: 55 * M, running: null });
    // A session begun in those minutes (Start, then nothing) is no session at all.
    await clock.start();
    advance(3 * M);
    await clock.update({ xActive: false, focused: true, idle: 'idle', quiet: true });
    expect(await clock.today()).toMatchObject({ ms: 55 * M, running: null });
  });

  it('a pause away from X does not hold automatic counting once the CM goes to X', async () => {
    await clock.start();
    await pass(2);
    expect(await clock.toggle({ xActive: false, focused: true, idle: 'active' })).toBe(false);
    await clock.update({ xActive: true, focused: true, idle: 'active' });
    await pass(3);
    expect((await clock.today())).toMatchObject({ ms: 5 * M, manualMs: 2 * M, autoMs: 3 * M });
  });

  it("starting by hand while the CM's session runs keeps it one session; one paused the moment it began leaves none", async () => {
    await clock.start();
    await pass(2);
    await clock.start();
    await pass(1);
    expect(await db.veilleSessions.count()).toBe(1);
    expect((await clock.today()).ms).toBe(3 * M);
    await clock.toggle();
    await clock.toggle(); // started…
    await clock.toggle(); // …and paused at once
    expect(await db.veilleSessions.count()).toBe(1);
  });

  it("gives today's goal in milliseconds, from the settings", async () => {
    expect((await clock.today()).goalMs).toBe(60 * M);
    await saveSettings(db, { dailyGoalMinutes: 45 });
    expect((await clock.today()).goalMs).toBe(45 * M);
  });
});

describe('surviving the worker and the browser', () => {
  it('a worker restart keeps the session running, with no time lost or counted twice', async () => {
    await clock.start();
    advance(2 * M);
    await clock.heartbeat();
    advance(40_000);
    // The worker is stopped and started again: a new clock over the same database.
    const again = new VeilleClock(db, () => t);
    expect(await again.recover()).toBeUndefined();
    advance(3 * M);
    expect((await again.today()).ms).toBe(2 * M + 40_000 + 3 * M);
    expect((await again.today()).running).not.toBeNull();
  });

  it('a session left open by a closed browser ends at the last heartbeat', async () => {
    await clock.start();
    for (let i = 0; i < 11; i++) {
      advance(20_000);
      await clock.heartbeat();
    }
    // 11 × 20 s after the start: heartbeats were written at 1:00, 2:00 and 3:00, not in between.
    const lastBeat = (await getVeilleState(db)).heartbeat!;
    expect(t - lastBeat).toBe(40_000);
    expect(lastBeat - (await db.veilleSessions.toArray())[0]!.start).toBe(3 * M);
    // The browser crashes; it is opened again two hours later.
    advance(2 * 60 * M);
    const next = new VeilleClock(db, () => t);
    expect(await next.recover()).toBeDefined();
    const [s] = await db.veilleSessions.toArray();
    expect(s!.end).toBe(lastBeat);
    expect((await next.today()).ms).toBe(lastBeat - s!.start);
    expect((await next.today()).running).toBeNull();
  });

  it('at browser start, an open session ends at its heartbeat even if recent', async () => {
    await clock.start();
    advance(M);
    await clock.heartbeat();
    advance(HEARTBEAT_STALE_MS - 1000);
    await new VeilleClock(db, () => t).recover(true);
    expect((await db.veilleSessions.toArray())[0]!.end).toBe(t - HEARTBEAT_STALE_MS + 1000);
  });

  it('at browser start, a session begun by the new worker is not a leftover', async () => {
    const workerStarted = t;
    advance(1000);
    await clock.update({ xActive: true, focused: true, idle: 'active' });
    advance(1000);
    expect(await clock.recover(true, workerStarted)).toBeUndefined();
    expect((await clock.today()).running?.mode).toBe('auto');
  });

  it('a machine that slept with the worker alive (Firefox keeps it) does not count the night', async () => {
    await clock.start();
    await pass(20);
    // The lid is closed for 8 hours; on waking, the tick that was due fires at once.
    advance(8 * 60 * M);
    await clock.heartbeat();
    const [s] = await db.veilleSessions.toArray();
    expect(s!.end).toBe(s!.start + 20 * M);
    const today = await clock.today();
    expect(today).toMatchObject({ ms: 20 * M, running: null });
    // The popup says since when, and why; an automatic session, which X starts again, leaves nothing to say.
    expect((await getVeilleState(db)).stopped).toEqual({ at: s!.end, why: 'left' });
    await clock.update({ xActive: true, focused: true, idle: 'active' });
    expect((await getVeilleState(db)).stopped).toBeUndefined();
    advance(8 * 60 * M);
    await clock.heartbeat();
    expect((await getVeilleState(db)).stopped).toBeUndefined();
  });

  it('after a sleep on X, automatic counting starts afresh rather than counting the sleep', async () => {
    const on: Presence = { xActive: true, focused: true, idle: 'active' };
    await clock.update(on);
    await pass(10);
    advance(40 * M); // asleep, X still in front
    await clock.update(on); // woken: the idle state says so
    await pass(5);
    expect((await clock.today()).ms).toBe(15 * M);
    expect(await db.veilleSessions.count()).toBe(2);
  });

  it('pausing or starting by hand after a sleep counts up to the last heartbeat only', async () => {
    await clock.start();
    advance(M);
    await clock.heartbeat();
    advance(2 * 60 * M); // asleep; the CM presses pause first thing
    expect(await clock.toggle()).toBe(false);
    expect((await clock.today()).ms).toBe(M);
    await clock.start();
    advance(M);
    await clock.heartbeat();
    advance(30 * M); // asleep again; this time the CM presses start (the tick not yet come)
    await clock.start();
    advance(2 * M);
    expect((await clock.today())).toMatchObject({ ms: 4 * M, manualMs: 4 * M });
    expect((await clock.today()).running).not.toBeNull();
  });

  it('a tick that comes late, within the heartbeat\'s grace, keeps the session whole', async () => {
    await clock.start();
    advance(M);
    await clock.heartbeat();
    advance(HEARTBEAT_STALE_MS); // a busy machine: two ticks missed
    await clock.heartbeat();
    advance(M);
    expect(await db.veilleSessions.count()).toBe(1);
    expect((await clock.today()).ms).toBe(2 * M + HEARTBEAT_STALE_MS);
  });

  it('writes the heartbeat at most once a minute', async () => {
    await clock.start();
    const first = (await getVeilleState(db)).heartbeat;
    advance(30_000);
    await clock.heartbeat();
    expect((await getVeilleState(db)).heartbeat).toBe(first);
    advance(30_000);
    await clock.heartbeat();
    expect((await getVeilleState(db)).heartbeat).toBe(t);
  });
});

describe('correcting the history', () => {
  it('adds a missed session, edits it and deletes it', async () => {
    const { saveSession, deleteSession } = await import('@/lib/veille-history');
    const start = new Date(2026, 10, 24, 9).getTime();
    const r = await saveSession(db, { start, end: start + 30 * M }, t);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.session.mode).toBe('manual');
    const e = await saveSession(db, { id: r.session.id, start, end: start + 45 * M }, t);
    expect(e.ok && e.session.end).toBe(start + 45 * M);
    expect(await db.veilleSessions.count()).toBe(1);
    await deleteSession(db, r.session.id);
    expect(await db.veilleSessions.count()).toBe(0);
  });

  it("reads a form's end before its start as the next day's, up to a night: 23:30 – 00:30 is an hour, across midnight and a change of clocks", async () => {
    const { spanOf } = await import('@/lib/veille-history');
    expect(spanOf('2026-11-24', '09:00', '10:15')).toEqual({ start: new Date(2026, 10, 24, 9).getTime(), end: new Date(2026, 10, 24, 10, 15).getTime() });
    expect(spanOf('2026-11-24', '23:30', '00:30')).toEqual({ start: new Date(2026, 10, 24, 23, 30).getTime(), end: new Date(2026, 10, 25, 0, 30).getTime() });
    expect(spanOf('2026-12-31', '23:00', '01:00').end).toBe(new Date(2027, 0, 1, 1).getTime());
    expect(spanOf('2026-11-24', '20:00', '08:00').end).toBe(new Date(2026, 10, 25, 8).getTime());
    // Longer than a night, an end before the start is a slip: it stays on the day, before the start.
    expect(spanOf('2026-11-24', '09:00', '08:30').end).toBe(new Date(2026, 10, 24, 8, 30).getTime());
    expect(spanOf('2026-11-24', '19:59', '08:00').end).toBe(new Date(2026, 10, 24, 8).getTime());
    // (Paris: the night of 24 to 25 October 2026 has an hour more.)
    const night = spanOf('2026-10-24', '23:00', '04:00');
    expect((night.end - night.start) / M).toBe(6 * 60);
    expect(spanOf('2026-10-24', '21:00', '08:00').end).toBe(new Date(2026, 9, 25, 8).getTime());
    // An end equal to the start is no session; a field left empty is no time.
    const same = spanOf('2026-11-24', '10:00', '10:00');
    expect(same.end).toBe(same.start);
    expect(spanOf('2026-11-24', '', '10:00').start).toBeNaN();
    expect(spanOf('', '09:00', '10:00').start).toBeNaN();
  });

  it('lists the sessions that run on or after a moment: one begun before it and ended after, or still running, too', async () => {
    const { saveSession, sessionsSince } = await import('@/lib/veille-history');
    const at = (d: number, h: number, m = 0) => new Date(2026, 10, d, h, m).getTime();
    advance(3 * 24 * 60 * M);
    const ids: string[] = [];
    for (const [start, end] of [
      [at(20, 9), at(20, 10)], // before
      [at(22, 20), at(24, 1)], // a weekend's session by hand, on a desktop that never locks
      [at(24, 23, 30), at(25, 0, 30)], // across midnight
      [at(25, 9), at(25, 10)], // after
    ] as const) {
      const r = await saveSession(db, { start, end }, t);
      ids.push(r.ok ? r.session.id : '');
    }
    const since = async (at: number) => (await sessionsSince(db, at)).map((s) => ids.indexOf(s.id));
    expect(await since(at(24, 0))).toEqual([3, 2, 1]);
    expect(await since(at(25, 0))).toEqual([3, 2]);
    expect(await since(at(25, 0, 30))).toEqual([3]);
    expect(await since(at(21, 0))).toEqual([3, 2, 1]);
    expect(await since(at(26, 0))).toEqual([]);
    // A session still running, begun before the moment.
    t = at(26, 23);
    await clock.start();
    t = at(27, 2);
    expect(await since(at(27, 0))).toEqual([-1]);
    // Today's veille counts its hours of today, and that of the weekend's session.
    expect((await clock.today()).ms).toBe(2 * 60 * M);
    t = at(24, 1, 30);
    await db.veilleSessions.clear();
    await db.veilleSessions.add({ id: 'weekend', start: at(22, 20), end: at(24, 1), mode: 'manual' });
    expect((await clock.today()).ms).toBe(60 * M);
  });

  it('refuses an end before the start, an end in the future, and an overlap', async () => {
    const { saveSession } = await import('@/lib/veille-history');
    const start = new Date(2026, 10, 24, 9).getTime();
    expect(await saveSession(db, { start, end: start - M }, t)).toEqual({ ok: false, issues: [{ field: 'end', message: 'err_session_order' }] });
    expect(await saveSession(db, { start: t - M, end: t + M }, t)).toEqual({ ok: false, issues: [{ field: 'end', message: 'err_session_future' }] });
    await saveSession(db, { start, end: start + 60 * M }, t);
    expect(await saveSession(db, { start: start + 30 * M, end: start + 90 * M }, t)).toEqual({ ok: false, issues: [{ field: 'start', message: 'err_session_overlap' }] });
    // A running session overlaps what comes after its start, too.
    await clock.start();
    expect((await saveSession(db, { start: t - M, end: t + 1 }, t + 1)).ok).toBe(false);
    expect((await saveSession(db, { start: t - M, end: t }, t + 1)).ok).toBe(true);
  });
});
