import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { VeilleSession } from '@/lib/schemas';
import { dateText, daysBetween, periodText, dayEndOf, dayStartOf, localMinuteOf } from '@/lib/time';
import { byMonth, clock, hoursMinutes, lastDays, wholeMinutes, msByDay, msByMode, presenceCounts, streak } from '@/lib/veille';

// Each test file runs in its own process: the time zone is set before any date is made.
process.env.TZ = 'Europe/Paris';

const H = 3_600_000;
const M = 60_000;
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();
const s = (start: number, end: number | undefined, mode: VeilleSession['mode'] = 'manual'): VeilleSession => ({ id: String(start), start, end, mode });

describe('sessions over days (Europe/Paris)', () => {
  it('is in the time zone it says', () => {
    expect(new Date(at(2026, 1, 15)).getTimezoneOffset()).toBe(-60);
    expect(new Date(at(2026, 7, 15)).getTimezoneOffset()).toBe(-120);
  });

  it('splits a session at midnight, each day counting its part', () => {
    const days = msByDay([s(at(2026, 11, 24, 23, 30), at(2026, 11, 25, 0, 45))], at(2026, 11, 26));
    expect(Object.fromEntries(days)).toEqual({ '2026-11-24': 30 * M, '2026-11-25': 45 * M });
  });

  it('counts an open session up to now', () => {
    const days = msByDay([s(at(2026, 11, 25, 9), undefined)], at(2026, 11, 25, 9, 23));
    expect(days.get('2026-11-25')).toBe(23 * M);
  });

  it("counts once the time two sessions share (a merged backup's session run at the same time in another browser)", () => {
    const here = s(at(2026, 11, 25, 9), at(2026, 11, 25, 10));
    const there = { ...s(at(2026, 11, 25, 9, 30), at(2026, 11, 25, 10, 15)), id: 'there' };
    const inside = { ...s(at(2026, 11, 25, 9, 40), at(2026, 11, 25, 9, 50)), id: 'inside' };
    expect(msByDay([there, inside, here], at(2026, 11, 26)).get('2026-11-25')).toBe(75 * M);
    // Apart, each counts whole.
    expect(msByDay([here, s(at(2026, 11, 25, 14), at(2026, 11, 25, 14, 20))], at(2026, 11, 26)).get('2026-11-25')).toBe(80 * M);
  });

  it('on the day clocks go forward (23 hours), counts real time', () => {
    // 29 March 2026: 02:00 becomes 03:00.
    const days = msByDay([s(at(2026, 3, 28, 23), at(2026, 3, 29, 4))], at(2026, 3, 30));
    expect(Object.fromEntries(days)).toEqual({ '2026-03-28': 1 * H, '2026-03-29': 3 * H });
    const whole = msByDay([s(at(2026, 3, 29, 0), at(2026, 3, 30, 0))], at(2026, 4, 1));
    expect(whole.get('2026-03-29')).toBe(23 * H);
  });

  it('on the day clocks go back (25 hours), counts real time', () => {
    // 25 October 2026: 03:00 becomes 02:00.
    const whole = msByDay([s(at(2026, 10, 25, 0), at(2026, 10, 26, 0))], at(2026, 11, 1));
    expect(whole.get('2026-10-25')).toBe(25 * H);
  });

  it('separates manual and automatic time', () => {
    const day = '2026-11-25';
    const list = [s(at(2026, 11, 25, 9), at(2026, 11, 25, 9, 20)), s(at(2026, 11, 25, 10), at(2026, 11, 25, 10, 15), 'auto')];
    expect(msByMode(list, day, at(2026, 11, 26))).toEqual({ manual: 20 * M, auto: 15 * M });
  });

  it("splits time two sessions share (a merged backup's) once, as the day's total counts it, for the one begun first", () => {
    const day = '2026-11-25';
    // By hand here 9:00 – 9:30; automatic in the other browser 9:20 – 9:50.
    const list = [s(at(2026, 11, 25, 9, 20), at(2026, 11, 25, 9, 50), 'auto'), s(at(2026, 11, 25, 9), at(2026, 11, 25, 9, 30))];
    const now = at(2026, 11, 26);
    expect(msByDay(list, now).get(day)).toBe(50 * M);
    expect(msByMode(list, day, now)).toEqual({ manual: 30 * M, auto: 20 * M });
  });

  it('gives each day, split by mode, the time its total counts, whatever the sessions share (random sessions over the clocks going back)', () => {
    const t0 = at(2026, 10, 24, 20);
    const session = fc
      .record({ start: fc.integer({ min: 0, max: 40 * 60 }), minutes: fc.integer({ min: 1, max: 8 * 60 }), open: fc.boolean(), auto: fc.boolean() })
      .map((x) => s(t0 + x.start * M, x.open ? undefined : t0 + (x.start + x.minutes) * M, x.auto ? 'auto' : 'manual'));
    fc.assert(
      fc.property(fc.array(session, { maxLength: 6 }), fc.integer({ min: 0, max: 50 * 60 }), (list, nowMinutes) => {
        const now = t0 + nowMinutes * M;
        for (const [day, ms] of msByDay(list, now)) {
          const split = msByMode(list, day, now);
          expect(split.manual + split.auto).toBe(ms);
        }
      }),
      { numRuns: 2000, seed: 71 },
    );
  });
});

describe('calendar days (Europe/Paris)', () => {
  it('ends a day at the next midnight: 23 hours when clocks go forward, 25 when they go back', () => {
    expect(dayEndOf('2026-03-29') - dayStartOf('2026-03-29')).toBe(23 * H);
    expect(dayEndOf('2026-10-25') - dayStartOf('2026-10-25')).toBe(25 * H);
    expect(dayEndOf('2026-11-25')).toBe(at(2026, 11, 26));
  });

  it('counts the days between two moments by the calendar, not by 24 hours', () => {
    expect(daysBetween(at(2026, 11, 25, 0, 5), at(2026, 11, 25, 23, 55))).toBe(0);
    // Saved yesterday evening, looked at this morning: a day old, though 9 hours ago.
    expect(daysBetween(at(2026, 11, 24, 23), at(2026, 11, 25, 8))).toBe(1);
    expect(daysBetween(at(2026, 11, 1, 12), at(2026, 11, 25, 11))).toBe(24);
    // Across both changes of the clocks.
    expect(daysBetween(at(2026, 3, 28, 12), at(2026, 3, 30, 0, 30))).toBe(2);
    expect(daysBetween(at(2026, 10, 24, 23, 59), at(2026, 10, 26, 0))).toBe(2);
    expect(daysBetween(at(2026, 1, 1), at(2026, 12, 31, 23))).toBe(364);
  });

  it('names a moment by its local day and minute', () => {
    expect(localMinuteOf(at(2026, 12, 4, 9, 5) + 59_999)).toBe('2026-12-04 09:05');
    expect(localMinuteOf(at(2026, 10, 25, 2, 30))).toBe('2026-10-25 02:30');
  });

  it('writes a day for people as their language does, a moment by its local day', () => {
    // 23:30 in Paris is the next day in UTC: the local day is written.
    const late = at(2026, 11, 30, 23, 30);
    expect(dateText(late, 'en')).toBe('Nov 30, 2026');
    expect(dateText(late, 'fr')).toBe('30 nov. 2026');
    expect(dateText(late, 'en', 'long')).toBe('November 30, 2026');
    expect(dateText(late, 'fr', 'long')).toBe('30 novembre 2026');
    expect(dateText(late, 'en', 'weekday')).toBe('Mon, Nov 30');
    expect(dateText(late, 'fr', 'weekday')).toBe('lun. 30 nov.');
    // A day written YYYY-MM-DD is that day, whatever the clocks do (the day they go back).
    expect(dateText('2026-10-25', 'fr', 'weekday')).toBe('dim. 25 oct.');
    expect(dateText('2026-03-29', 'en')).toBe('Mar 29, 2026');
    expect(dateText('2026-02', 'fr', 'month')).toBe('févr. 2026');
    expect(dateText(late, 'fr', 'minute')).toBe('30 nov. 2026, 23:30');
    expect(dateText(late, 'en', 'minute')).toMatch(/^Nov 30, 2026, 11:30\sPM$/);
  });

  it('writes a period of days, or its one day', () => {
    expect(periodText('2019-01-08', '2019-01-31', 'en')).toBe('Jan 8, 2019 → Jan 31, 2019');
    expect(periodText('2016-02-10', '2016-02-29', 'fr')).toBe('10 févr. 2016 → 29 févr. 2016');
    expect(periodText('2026-08-15', '2026-08-15', 'en')).toBe('Aug 15, 2026');
  });
});

describe('the streak', () => {
  const goal = 60 * M;
  const byDay = (entries: [string, number][]) => new Map(entries.map(([d, m]) => [d, m * M]));
  const now = at(2026, 11, 25, 10);
  it('counts consecutive days that met the goal', () => {
    expect(streak(byDay([['2026-11-24', 60], ['2026-11-23', 75], ['2026-11-22', 59], ['2026-11-21', 90]]), goal, now)).toBe(2);
  });
  it('today does not break it until it is over, and adds to it once met', () => {
    const days = byDay([['2026-11-25', 10], ['2026-11-24', 60]]);
    expect(streak(days, goal, now)).toBe(1);
    days.set('2026-11-25', 61 * M);
    expect(streak(days, goal, now)).toBe(2);
  });
  it('is zero after a missed day', () => {
    expect(streak(byDay([['2026-11-23', 120]]), goal, now)).toBe(0);
  });
  it('crosses a DST change', () => {
    const days = byDay([['2026-03-30', 60], ['2026-03-29', 60], ['2026-03-28', 60]]);
    expect(streak(days, goal, at(2026, 3, 30, 20))).toBe(3);
  });
  describe('kept from Monday to Friday (Wednesday 25 November 2026)', () => {
    const weekdays = { veilleDays: [1, 2, 3, 4, 5] };
    // Wednesday 18 missed; Thursday 19 to Tuesday 24 at the goal, but the weekend of 21 and 22.
    const week = () => byDay([['2026-11-24', 60], ['2026-11-23', 75], ['2026-11-20', 61], ['2026-11-19', 90], ['2026-11-18', 30]]);
    it('a weekend without veille does not break it', () => {
      expect(streak(week(), goal, now, weekdays)).toBe(4);
      // (Kept every day, the same weeks have a streak of two.)
      expect(streak(week(), goal, now)).toBe(2);
    });
    it('a day off at the goal counts in it; one under the goal, or of a few minutes, is passed over', () => {
      const days = week();
      days.set('2026-11-22', 60 * M);
      days.set('2026-11-21', 5 * M);
      expect(streak(days, goal, now, weekdays)).toBe(5);
    });
    it('a veille day missed breaks it', () => {
      const days = week();
      days.delete('2026-11-23');
      expect(streak(days, goal, now, weekdays)).toBe(1);
      // Today, until it is over, does not; once met, it counts.
      days.set('2026-11-25', 60 * M);
      expect(streak(days, goal, now, weekdays)).toBe(2);
    });
    it('a streak made of days off only stops at the first veille day missed', () => {
      expect(streak(byDay([['2026-11-22', 60], ['2026-11-21', 60], ['2026-11-20', 10]]), goal, at(2026, 11, 23, 8), weekdays)).toBe(2);
      expect(streak(byDay([['2026-11-22', 60], ['2026-11-21', 60]]), goal, at(2026, 11, 23, 8), { veilleDays: [6, 7] })).toBe(2);
      // (Sunday only: every weekday before passed over, the Sunday of the week before missed.)
      expect(streak(byDay([['2026-11-22', 60]]), goal, at(2026, 11, 27, 8), { veilleDays: [7] })).toBe(1);
    });
    it('no day chosen is every day', () => {
      expect(streak(week(), goal, now, { veilleDays: [] })).toBe(2);
    });
    it('time away waits for the return: its days under the goal are passed over, those at the goal count', () => {
      // Away from Monday 16 to Wednesday 18: the Wednesday missed no longer breaks it.
      const away = { ...weekdays, awayPeriods: [{ from: '2026-11-16', to: '2026-11-18' }] };
      const days = week();
      days.set('2026-11-13', 60 * M);
      expect(streak(days, goal, now, away)).toBe(5);
      // (At the goal on a day away all the same, it counts.)
      days.set('2026-11-17', 70 * M);
      expect(streak(days, goal, now, away)).toBe(6);
      // Away today and the days before: the streak from before holds.
      const atHome = byDay([['2026-11-20', 60], ['2026-11-19', 60]]);
      expect(streak(atHome, goal, now, { ...weekdays, awayPeriods: [{ from: '2026-11-23', to: '2026-11-27' }] })).toBe(2);
      // (A day of veille missed before the time away still breaks it.)
      expect(streak(byDay([['2026-11-19', 60]]), goal, now, { ...weekdays, awayPeriods: [{ from: '2026-11-23', to: '2026-11-27' }] })).toBe(0);
    });
  });
});

describe('display helpers', () => {
  it('lists the last 7 days, oldest first', () => {
    const days = lastDays(new Map([['2026-11-25', 5 * M]]), 7, at(2026, 11, 25, 10));
    expect(days.map((d) => d.day)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25']);
    expect(days.at(-1)!.ms).toBe(5 * M);
  });
  it('formats a duration', () => {
    expect(clock(0)).toBe('0:00');
    // A session of a few seconds is not "0 min".
    expect([0, 8_000, 59_999, 60_000, 119_999, 3_600_000].map(wholeMinutes)).toEqual(['0', '< 1', '< 1', '1', '1', '60']);
    expect(clock(65_000)).toBe('1:05');
    expect(clock(3_909_000)).toBe('1:05:09');
  });
  it('counts only an active X tab in a focused window of a CM who is not idle', () => {
    expect(presenceCounts({ xActive: true, focused: true, idle: 'active' })).toBe(true);
    expect(presenceCounts({ xActive: false, focused: true, idle: 'active' })).toBe(false);
    expect(presenceCounts({ xActive: true, focused: false, idle: 'active' })).toBe(false);
    expect(presenceCounts({ xActive: true, focused: true, idle: 'locked' })).toBe(false);
    expect(presenceCounts({ xActive: true, focused: true, idle: 'idle' })).toBe(false);
  });
});

describe('the veille by month', () => {
  it('counts each month\'s days at the goal, days of veille and time, latest month first', () => {
    // A session from 23:30 on 31 October to 00:45 on 1 November counts on both days.
    const sessions: VeilleSession[] = [
      { id: 'a', start: at(2026, 10, 31, 23, 30), end: at(2026, 11, 1, 0, 45), mode: 'manual' },
      { id: 'b', start: at(2026, 11, 2, 9), end: at(2026, 11, 2, 10), mode: 'auto' },
      { id: 'c', start: at(2026, 11, 3, 9), end: at(2026, 11, 3, 9, 20), mode: 'auto' },
      { id: 'd', start: at(2026, 9, 15, 9), end: at(2026, 9, 15, 11), mode: 'manual' },
    ];
    const months = byMonth(msByDay(sessions, at(2026, 12, 1)), 60 * 60_000);
    expect(months).toEqual([
      { month: '2026-11', daysAtGoal: 1, days: 3, ms: (45 + 60 + 20) * 60_000, saved: 0, published: 0 },
      { month: '2026-10', daysAtGoal: 0, days: 1, ms: 30 * 60_000, saved: 0, published: 0 },
      { month: '2026-09', daysAtGoal: 1, days: 1, ms: 120 * 60_000, saved: 0, published: 0 },
    ]);
    expect(byMonth(new Map(), 1)).toEqual([]);
  });
  it("counts each month's days at the goal out of its days of veille gone by, from the first veille to today", () => {
    // Kept Monday to Friday from Tuesday 3 November 2026 (the first veille), today Wednesday 2 December.
    const sessions: VeilleSession[] = [
      { id: 'a', start: at(2026, 11, 3, 9), end: at(2026, 11, 3, 10), mode: 'manual' },
      // A Saturday at the goal counts in both; a weekday under it is counted and missed.
      { id: 'b', start: at(2026, 11, 7, 9), end: at(2026, 11, 7, 10), mode: 'manual' },
      { id: 'c', start: at(2026, 11, 10, 9), end: at(2026, 11, 10, 9, 30), mode: 'manual' },
      { id: 'd', start: at(2026, 12, 1, 9), end: at(2026, 12, 1, 10), mode: 'manual' },
    ];
    const kept = { calendar: { veilleDays: [1, 2, 3, 4, 5], awayPeriods: [{ from: '2026-11-16', to: '2026-11-20' }] }, today: '2026-12-02', since: '2026-11-03' };
    const months = byMonth(msByDay(sessions, at(2026, 12, 2, 8)), 60 * 60_000, [], '', kept);
    // November: 3 to 30, its 20 weekdays less the 5 away, and the Saturday; December: the 1st
    // (today, the 2nd, not over).
    expect(months.map((m) => [m.month, m.daysAtGoal, m.veilleOf])).toEqual([
      ['2026-12', 1, 1],
      ['2026-11', 2, 16],
    ]);
  });
  it('counts the topics each month saved and published, in months with or without veille, from the first month asked', () => {
    const sessions: VeilleSession[] = [
      { id: 'b', start: at(2026, 11, 2, 9), end: at(2026, 11, 2, 10), mode: 'auto' },
      // Across the first month asked's first midnight: its part before is not the month before's.
      { id: 'c', start: at(2025, 11, 30, 23, 30), end: at(2025, 12, 1, 0, 40), mode: 'auto' },
    ];
    const topics = [
      { createdAt: at(2026, 11, 2, 9, 30) },
      // Saved in October, published in November.
      { createdAt: at(2026, 10, 20, 12), publishedAt: at(2026, 11, 3, 12) },
      { createdAt: at(2026, 8, 1, 12) },
      // Before the first month asked: its publication counts, not its saving.
      { createdAt: at(2025, 11, 30, 12), publishedAt: at(2026, 8, 2, 12) },
    ];
    expect(byMonth(msByDay(sessions, at(2026, 12, 1)), 60 * 60_000, topics, '2025-12').map((m) => [m.month, m.days, m.saved, m.published])).toEqual([
      ['2026-11', 1, 1, 1],
      ['2026-10', 0, 1, 0],
      ['2026-08', 0, 1, 1],
      ['2025-12', 1, 0, 0],
    ]);
  });
  it('writes a month\'s time in hours and minutes', () => {
    expect(hoursMinutes(45 * 60_000 + 59_000)).toBe('45 min');
    expect([hoursMinutes(0), hoursMinutes(20_000)]).toEqual(['0 min', '< 1 min']);
    expect(hoursMinutes(125 * 60_000)).toBe('2 h 05');
    expect(hoursMinutes(13 * 3_600_000 + 20 * 60_000)).toBe('13 h 20');
  });
});

describe('the sessions as a CSV table', () => {
  it('gives each session, the oldest first: its day, start, end, whole minutes and how it was counted', async () => {
    const { sessionsCsv } = await import('@/lib/veille-history');
    const { readCsv } = await import('@/lib/csv');
    const csv = sessionsCsv([s(at(2026, 12, 4, 9, 0), undefined, 'auto'), s(at(2026, 12, 3, 8, 5), at(2026, 12, 3, 9, 10) + 30_000)], (k) => k, at(2026, 12, 4, 9, 45), ';');
    const table = readCsv(csv);
    expect(table.header).toEqual(['history_date', 'history_start', 'history_end', 'report_minutes', 'history_mode']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['2026-12-03', '08:05', '09:10', '65', 'mode_manual'],
      // Still open: counted up to now, no end yet.
      ['2026-12-04', '09:00', '', '45', 'mode_auto'],
    ]);
  });
});
