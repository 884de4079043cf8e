import { describe, expect, it } from 'vitest';
import { msByDay, streak } from '@/lib/veille';

// Each test file runs in its own process: the time zone is set before any date is made.
process.env.TZ = 'America/New_York';

const H = 3_600_000;
const at = (y: number, mo: number, d: number, h = 0) => new Date(y, mo - 1, d, h).getTime();

describe('sessions over days (America/New_York)', () => {
  it('is in the time zone it says', () => {
    expect(new Date(at(2026, 1, 15)).getTimezoneOffset()).toBe(300);
  });
  it('splits at local midnight, not UTC midnight', () => {
    // 22:00 to 02:00 New York time is 03:00 to 07:00 UTC: one UTC day, two local days.
    const days = msByDay([{ id: '1', start: at(2026, 11, 24, 22), end: at(2026, 11, 25, 2), mode: 'auto' }], at(2026, 11, 26));
    expect(Object.fromEntries(days)).toEqual({ '2026-11-24': 2 * H, '2026-11-25': 2 * H });
  });
  it('has a 23-hour day in March and a 25-hour day in November', () => {
    const march = msByDay([{ id: '1', start: at(2026, 3, 8), end: at(2026, 3, 9), mode: 'manual' }], at(2026, 4, 1));
    expect(march.get('2026-03-08')).toBe(23 * H);
    const november = msByDay([{ id: '1', start: at(2026, 11, 1), end: at(2026, 11, 2), mode: 'manual' }], at(2026, 12, 1));
    expect(november.get('2026-11-01')).toBe(25 * H);
  });
  it('keeps a streak across the change', () => {
    const days = new Map([['2026-11-02', H], ['2026-11-01', H], ['2026-10-31', H]]);
    expect(streak(days, H, at(2026, 11, 2, 20))).toBe(3);
  });
});
