import { describe, expect, it } from 'vitest';
import { parseCsvExport } from '@/lib/analytics';
import { DAILY, OVERVIEW, PREMIUM, PREMIUM_EARLY } from '../fixtures/analytics';

// Each test file runs in its own process: the time zone is set before any date is made. The rest
// of the suite runs in Paris's (vitest.config.ts); Tokyo is 9 hours ahead of UTC, all year.
process.env.TZ = 'Asia/Tokyo';

describe("an analytics export's days, read in Tokyo", () => {
  it('is in the time zone it says', () => {
    expect(new Date(Date.UTC(2026, 7, 15)).getTimezoneOffset()).toBe(-540);
  });
  it("places a tweet on the CM's day of its posting: posted on 15 August at 19:19 UTC, it is the 16th in Tokyo", () => {
    // X writes "Sat, Aug 15, 2026"; the tweet's id dates it to the millisecond.
    const r = parseCsvExport(PREMIUM);
    expect(r.tweets[0]).toMatchObject({ postedAt: Date.parse('2026-08-15T19:19:32.837Z'), capturedAt: Date.UTC(2026, 7, 15) });
    expect(r.period).toEqual({ from: '2026-08-16', to: '2026-08-16' });
    // Posted at 07:24 UTC on 20 March, 16:24 in Tokyo: the same day.
    expect(parseCsvExport(PREMIUM_EARLY).period).toEqual({ from: '2025-03-20', to: '2025-03-20' });
  });
  it("keeps an account's days as the export writes them, in any zone", () => {
    expect(parseCsvExport(DAILY)).toMatchObject({ days: [{ day: '2021-08-01' }], period: { from: '2021-08-01', to: '2021-08-01' } });
    expect(parseCsvExport(OVERVIEW)).toMatchObject({ days: [{ day: '2025-03-21' }], period: { from: '2025-03-21', to: '2025-03-21' } });
  });
});
