import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { VeilleDB } from '@/lib/db';
import { dropDb, freshDb } from './fresh-db';
import { getSettings, getVeilleState, saveSettings } from '@/lib/settings';
import { HEARTBEAT_STALE_MS, msByDay, presenceCounts, type Presence } from '@/lib/veille';
import { VeilleClock } from '@/lib/veille-clock';
import { localDayOf } from '@/lib/time';

// Santiago de Chile changes its clocks at midnight: 5 April 2026 has two hours from 23:00 to 00:00
// (the day begins at 00:00 Chile's summer time, 23:00 in winter time), and 6 September 2026 no
// 00:00 at all (it begins at 01:00). The rest of the suite runs in Paris, whose changes come at 2 or 3 a.m.
process.env.TZ = 'America/Santiago';

const M = 60_000;
const H = 60 * M;
let db: VeilleDB;
let t: number;
let clock: VeilleClock;
beforeEach(async () => {
  db = await freshDb();
  clock = new VeilleClock(db, () => t);
});
afterEach(() => dropDb(db));

/**
 * Where the browser says the CM is: on X or not, in a focused window or not, idle, locked; idle for
 * the settings' 30 minutes without keyboard or mouse, now and then (the screen not locked).
 */
const presence = fc
  .record({ xActive: fc.boolean(), focused: fc.boolean(), idle: fc.constantFrom<Presence['idle']>('active', 'active', 'idle', 'locked'), long: fc.boolean() })
  .map(({ long, ...p }): Presence => ({ ...p, quiet: p.idle === 'idle' && long }));
/** What happens to the clock: the popup's buttons, the browser's events, the minute's tick, a (re)started worker, time passing. */
const step = fc.oneof(
  fc.record({ k: fc.constant('start' as const) }),
  fc.record({ k: fc.constant('pause' as const), p: fc.option(presence, { nil: undefined }) }),
  fc.record({ k: fc.constant('toggle' as const), p: fc.option(presence, { nil: undefined }) }),
  { arbitrary: fc.record({ k: fc.constant('update' as const), p: presence }), weight: 3 },
  fc.record({ k: fc.constant('heartbeat' as const) }),
  fc.record({ k: fc.constant('recover' as const), browserStarted: fc.boolean() }),
  fc.record({ k: fc.constant('autoTracking' as const), on: fc.boolean() }),
  {
    // A minute's tick, a few minutes (past the heartbeat's staleness), or a night asleep.
    arbitrary: fc.record({ k: fc.constant('wait' as const), ms: fc.oneof(fc.integer({ min: 1, max: 2 * M }), fc.integer({ min: 1, max: 6 * M }), fc.integer({ min: 1, max: 14 * H })) }),
    weight: 3,
  },
);
/** The evenings before Chile's clocks change, before Paris's (as Santiago lives them), and an ordinary morning. */
const STARTS = [new Date(2026, 3, 4, 21).getTime(), new Date(2026, 8, 5, 22).getTime(), new Date(2026, 2, 28, 20).getTime(), new Date(2026, 10, 25, 9).getTime()];

describe('the veille clock driven at random, across days the clocks change at midnight', () => {
  it('runs in the time zone it says', () => {
    expect(new Date(2026, 8, 6).getHours()).toBe(1);
  });
  it('keeps one session open at most, none overlapping, none counting time the CM was not known to be there, and today within its day', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...STARTS), fc.array(step, { minLength: 1, maxLength: 50 }), async (start, steps) => {
        await db.veilleSessions.clear();
        await db.settings.clear();
        t = start;
        /** When the clock was told something that may say the CM is there. */
        const told: number[] = [];
        for (const s of steps) {
          if (s.k === 'start' || s.k === 'pause' || s.k === 'toggle' || s.k === 'update' || s.k === 'heartbeat') told.push(t);
          if (s.k === 'wait') t += s.ms;
          else if (s.k === 'start') await clock.start();
          else if (s.k === 'pause') await clock.pause(s.p);
          else if (s.k === 'toggle') await clock.toggle(s.p);
          else if (s.k === 'update') await clock.update(s.p);
          else if (s.k === 'heartbeat') await clock.heartbeat();
          else if (s.k === 'recover') await clock.recover(s.browserStarted);
          else await saveSettings(db, { autoTracking: s.on });

          const all = (await db.veilleSessions.toArray()).sort((a, b) => a.start - b.start);
          const said = JSON.stringify({ step: s, all, t });
          const open = all.filter((x) => x.end === undefined);
          expect(open.length, said).toBeLessThanOrEqual(1);
          all.forEach((x, i) => {
            expect(x.start, said).toBeLessThanOrEqual(t);
            if (i + 1 < all.length) expect(x.end ?? Infinity, said).toBeLessThanOrEqual(all[i + 1]!.start);
            if (x.end === undefined) return;
            expect(x.end, said).toBeGreaterThan(x.start);
            expect(x.end, said).toBeLessThanOrEqual(t);
            // An ended session spans no gap longer than the heartbeat's staleness (and the minute a
            // heartbeat may lag) between the moments the CM was known to be there.
            const known = [x.start, ...told.filter((c) => c > x.start && c < x.end!), x.end];
            for (let j = 1; j < known.length; j++) expect(known[j]! - known[j - 1]!, said).toBeLessThanOrEqual(HEARTBEAT_STALE_MS + M);
          });
          if (s.k === 'start') expect(open[0]?.mode, said).toBe('manual');
          // What the popup says of a session started by hand that Veille ended: the last one, as it ended.
          const { stopped } = await getVeilleState(db);
          if (stopped) {
            expect(open, said).toHaveLength(0);
            expect(all.at(-1), said).toMatchObject({ mode: 'manual', end: stopped.at });
          }
          if (s.k === 'pause') expect(open, said).toHaveLength(0);
          if (s.k === 'update') {
            const { autoPaused } = await getVeilleState(db);
            // A locked screen or the keyboard and mouse left for the settings' time end any session;
            // away from X, idle or unfocused, only automatic ones end.
            if (s.p.idle === 'locked' || s.p.quiet) expect(open, said).toHaveLength(0);
            else if (!presenceCounts(s.p)) expect(open.filter((x) => x.mode === 'auto'), said).toHaveLength(0);
            else if (!autoPaused && (await getSettings(db)).autoTracking) expect(open, said).toHaveLength(1);
          }

          const today = await clock.today();
          const byDay = msByDay(all, t);
          const dayStart = new Date(t);
          dayStart.setHours(0, 0, 0, 0);
          expect(today.day).toBe(localDayOf(t));
          expect(today.ms, said).toBe(byDay.get(today.day) ?? 0);
          expect(today.ms, said).toBeLessThanOrEqual(t - dayStart.getTime());
          expect(today.manualMs + today.autoMs, said).toBe(today.ms);
          // Every moment counted once, on its own day: each day holds what the sessions share with
          // its hours (23, 24 or 25 of them), and no more.
          const counted = [...byDay.values()].reduce((a, b) => a + b, 0);
          expect(counted, said).toBe(all.reduce((a, x) => a + (Math.min(x.end ?? t, t) - x.start), 0));
          for (let from = new Date(`${localDayOf(start)}T00:00:00`); from.getTime() <= t; ) {
            const to = new Date(from.getFullYear(), from.getMonth(), from.getDate() + 1);
            const shared = all.reduce((a, x) => a + Math.max(0, Math.min(x.end ?? t, t, to.getTime()) - Math.max(x.start, from.getTime())), 0);
            expect(byDay.get(localDayOf(from)) ?? 0, `${said} ${localDayOf(from)}`).toBe(shared);
            expect(shared).toBeLessThanOrEqual(to.getTime() - from.getTime());
            from = to;
          }
          expect([...byDay.keys()].every((day) => day >= localDayOf(start) && day <= today.day), said).toBe(true);
        }
      }),
      { numRuns: 200, seed: 2026 },
    );
  }, 60_000);
});
