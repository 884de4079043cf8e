import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { parseExport } from '@/lib/analytics';
import { TIMING_MIN_TWEETS, change, computeDashboard, medianImpressions, timingOf, periodFor, periodsBetween, timeSpan, viewOf, type TweetRow } from '@/lib/dashboard';
import type { Partner, TweetMetric } from '@/lib/schemas';
import { LEGACY_EN } from '../fixtures/analytics';
import { dashboardAnswerer, mayChangeDashboard } from '@/lib/dashboard-data';
import { dropDb, freshDb } from './fresh-db';
import { readCsv } from '@/lib/csv';
import { dashboardCsv } from '@/lib/dashboard-csv';

// Periods are local days and weeks: in a zone whose clocks change.
process.env.TZ = 'Europe/Paris';

/** Sums computed straight from the CSV, without any of Veille's code. */
function independentSums(csv: string, impressions: string, engagements: string) {
  const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  return {
    tweets: rows.length,
    impressions: rows.reduce((n, r) => n + Number(r[impressions]), 0),
    engagements: rows.reduce((n, r) => n + Number(r[engagements]), 0),
  };
}

const partner = (handle: string, category: Partner['category']): Partner => ({ id: handle, handle, name: handle, category, tags: [], note: '', createdAt: 0, updatedAt: 0 });

describe('the dashboard shows the numbers in the files', () => {
  it('on the project fixture', () => {
    const parsed = parseExport('x.csv', LEGACY_EN);
    const d = computeDashboard({ metrics: parsed.tweets, days: [], partners: [partner('univnantes', 'academic')], snapshots: [] }, 0, Date.UTC(2030, 0, 1), 'day');
    const sums = independentSums(LEGACY_EN, 'impressions', 'engagements');
    expect(d.totals).toMatchObject({ tweets: sums.tweets, impressions: sums.impressions, engagements: sums.engagements });
    expect(d.totals.rate).toBeCloseTo(sums.engagements / sums.impressions);
    expect(d.series.map((b) => [b.key, b.impressions])).toEqual([
      ['2026-11-12', 3423],
      ['2026-11-13', 100],
    ]);
    expect(d.topByImpressions.map((r) => r.tweetId)).toEqual(['1856000000000000001', '1856000000000000002']);
    // The lists name the tweets by what they say.
    expect(d.topByImpressions.map((r) => r.text)).toEqual(['Bravo @UnivNantes et @minesnantes !\nNouvelle molécule #chimie', 'Texte']);
    // The first tweet mentions @UnivNantes, an academic partner; the second mentions nobody.
    expect(d.mentions.map((m) => [m.category, m.bucket.tweets])).toEqual([
      ['academic', 1],
      ['none', 1],
    ]);
  });

  const SHARED = resolve(__dirname, '../../../shared/fixtures/analytics');
  it.skipIf(!existsSync(SHARED))('on the real rOpenSci export', () => {
    const csv = readFileSync(resolve(SHARED, 'tweet_activity_metrics_rOpenSci_20190101_20190201_en.csv'), 'utf8');
    const parsed = parseExport('x.csv', csv);
    const d = computeDashboard({ metrics: parsed.tweets, days: [], partners: [], snapshots: [] }, 0, Date.UTC(2030, 0, 1), 'week');
    const sums = independentSums(csv, 'impressions', 'engagements');
    expect(d.totals).toMatchObject({ tweets: sums.tweets, impressions: sums.impressions, engagements: sums.engagements });
    expect(d.series.reduce((n, b) => n + b.impressions, 0)).toBe(sums.impressions);
    // The legacy export has media views: the dashboard compares tweets with and without media.
    expect(d.media!.withMedia.tweets + d.media!.without.tweets).toBe(sums.tweets);
  });

  it('compares tweets with and without media where their export says it, and counts the others apart', () => {
    const tweet = (id: string, mediaViews?: number): TweetMetric => ({
      tweetId: id,
      capturedAt: Date.UTC(2026, 11, 1),
      source: 'analytics',
      postedAt: Date.UTC(2026, 10, 12 + Number(id)),
      impressions: 100,
      engagements: 10 * Number(id),
      ...(mediaViews === undefined ? {} : { mediaViews }),
    });
    // A legacy export's two tweets (one with an image), and three from X Premium's, which give no media views.
    const metrics = [tweet('1', 40), tweet('2', 0), tweet('3'), tweet('4'), tweet('5')];
    const d = computeDashboard({ metrics, days: [], partners: [], snapshots: [] }, 0, Date.UTC(2030, 0, 1), 'day');
    expect(d.media).toMatchObject({ withMedia: { tweets: 1, rate: 0.1 }, without: { tweets: 1, rate: 0.2 }, unknown: 3 });
    // None said: nothing to compare.
    expect(computeDashboard({ metrics: metrics.slice(2), days: [], partners: [], snapshots: [] }, 0, Date.UTC(2030, 0, 1), 'day').media).toBeNull();
  });

  it("charts the followers of the institution's own accounts in the period, as Veille saw their profiles", () => {
    const at = (d: number) => new Date(2026, 10, d, 9).getTime();
    const snap = (handle: string, d: number, followers: number | null) => ({ handle, day: `2026-11-${String(d).padStart(2, '0')}`, capturedAt: at(d), followers, following: 1, posts: 1 });
    const d = computeDashboard(
      {
        metrics: [],
        days: [],
        partners: [partner('inria', 'institution'), partner('cnrs', 'institution'), partner('univnantes', 'academic')],
        snapshots: [snap('inria', 20, 12345), snap('inria', 2, 11000), snap('inria', 12, 12000), snap('inria', 15, null), { ...snap('inria', 30, 13000), capturedAt: at(30) - 9 * 3_600_000 }, snap('univnantes', 12, 500), snap('cnrs', 1, 9000)],
      },
      at(10) - 9 * 3_600_000,
      at(30) - 9 * 3_600_000,
      'day',
    );
    // In the period, oldest first (its end, midnight, is the next period's); neither a visit that
    // read no count, nor a partner of another category, nor an account of the institution not
    // visited in the period.
    expect(d.followers).toEqual([{ handle: 'inria', name: 'inria', points: [{ t: at(12), followers: 12000 }, { t: at(20), followers: 12345 }] }]);
  });

  it('shows the periods without tweets between the first and the last, as empty', () => {
    const tweet = (id: string, posted: Date, impressions: number): TweetMetric => ({
      tweetId: id,
      capturedAt: Date.UTC(2026, 11, 1),
      source: 'analytics',
      postedAt: posted.getTime(),
      impressions,
      engagements: 10,
    });
    // Thursday 12 and Sunday 15 November, then Wednesday 2 December 2026 (local time).
    const metrics = [tweet('1', new Date(2026, 10, 12, 9), 100), tweet('2', new Date(2026, 10, 15, 20), 50), tweet('3', new Date(2026, 11, 2, 12), 200)];
    const byDay = computeDashboard({ metrics, days: [], partners: [], snapshots: [] }, 0, Date.UTC(2030, 0, 1), 'day');
    expect(byDay.series).toHaveLength(21);
    expect(byDay.series.slice(0, 4).map((b) => [b.key, b.tweets, b.impressions])).toEqual([
      ['2026-11-12', 1, 100],
      ['2026-11-13', 0, 0],
      ['2026-11-14', 0, 0],
      ['2026-11-15', 1, 50],
    ]);
    expect(byDay.series.at(-1)).toMatchObject({ key: '2026-12-02', tweets: 1, impressions: 200 });
    const byWeek = computeDashboard({ metrics, days: [], partners: [], snapshots: [] }, 0, Date.UTC(2030, 0, 1), 'week');
    expect(byWeek.series.map((b) => [b.key, b.tweets])).toEqual([
      ['2026-11-09', 2],
      ['2026-11-16', 0],
      ['2026-11-23', 0],
      ['2026-11-30', 1],
    ]);
    // By month: November's two tweets, December's one, and a March tweet after an empty January and February.
    const later = [...metrics, tweet('4', new Date(2027, 2, 31, 23), 30)];
    const byMonth = computeDashboard({ metrics: later, days: [], partners: [], snapshots: [] }, 0, Date.UTC(2030, 0, 1), 'month');
    expect(byMonth.series.map((b) => [b.key, b.tweets, b.impressions])).toEqual([
      ['2026-11', 2, 150],
      ['2026-12', 1, 200],
      ['2027-01', 0, 0],
      ['2027-02', 0, 0],
      ['2027-03', 1, 30],
    ]);
    // A range chosen inside the data runs whole, its empty days too; one reaching beyond the data
    // stops where the tweets do.
    const week = computeDashboard({ metrics, days: [], partners: [], snapshots: [] }, new Date(2026, 10, 13).getTime(), new Date(2026, 10, 20).getTime(), 'day');
    expect(week.series.map((b) => [b.key, b.tweets])).toEqual([
      ['2026-11-13', 0],
      ['2026-11-14', 0],
      ['2026-11-15', 1],
      ['2026-11-16', 0],
      ['2026-11-17', 0],
      ['2026-11-18', 0],
      ['2026-11-19', 0],
    ]);
    const beyond = computeDashboard({ metrics, days: [], partners: [], snapshots: [] }, new Date(2026, 10, 28).getTime(), new Date(2027, 0, 1).getTime(), 'day');
    expect(beyond.series.map((b) => b.key)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
  });

  it("charts the account's days per period: their impressions, the rate of their sums, and the periods between without a day", () => {
    const days = [
      { day: '2026-11-13', impressions: 100, engagements: 4 },
      { day: '2026-11-12', impressions: 300, engagements: 12, newFollows: 3 },
      // (A week without a day of the exports: an empty bar, no rate.)
      { day: '2026-11-30', impressions: 50 },
      // (Outside the period: not counted.)
      { day: '2026-12-10', impressions: 9999, engagements: 9999 },
    ];
    const d = computeDashboard({ metrics: [], days, partners: [], snapshots: [] }, new Date(2026, 10, 1).getTime(), new Date(2026, 11, 1).getTime(), 'week');
    expect(d.days.map((x) => x.day)).toEqual(['2026-11-12', '2026-11-13', '2026-11-30']);
    expect(d.daySeries).toEqual([
      { key: '2026-11-09', tweets: 2, impressions: 400, engagements: 16, rate: 0.04 },
      { key: '2026-11-16', tweets: 0, impressions: 0, engagements: 0, rate: 0 },
      { key: '2026-11-23', tweets: 0, impressions: 0, engagements: 0, rate: 0 },
      { key: '2026-11-30', tweets: 1, impressions: 50, engagements: 0, rate: 0 },
    ]);
    expect(computeDashboard({ metrics: [], days, partners: [], snapshots: [] }, 0, Date.UTC(2030, 0, 1), 'month').daySeries.map((b) => [b.key, b.tweets, b.impressions])).toEqual([
      ['2026-11', 3, 450],
      ['2026-12', 1, 9999],
    ]);
    expect(computeDashboard({ metrics: [], days: [], partners: [], snapshots: [] }, 0, Date.UTC(2030, 0, 1), 'day').daySeries).toEqual([]);
  });

  it('counts periods by the calendar, across a change of clock, and gives up filling beyond MAX_PERIODS', () => {
    // (Europe's clocks changed on 25 October 2026.)
    expect(periodsBetween('2026-10-24', '2026-10-27', 'day')).toEqual(['2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27']);
    expect(periodsBetween('2026-10-19', '2026-11-02', 'week')).toEqual(['2026-10-19', '2026-10-26', '2026-11-02']);
    expect(periodsBetween('2026-11-12', '2026-11-12', 'day')).toEqual(['2026-11-12']);
    expect(periodsBetween('2000-01-01', '2026-01-01', 'day')).toBeNull();
    expect(periodsBetween('2000-01-03', '2026-01-05', 'week')).toHaveLength(1358);
    // Months of 28 to 31 days, across a year's end.
    expect(periodsBetween('2025-11', '2026-03', 'month')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(periodsBetween('1900-01', '2026-01', 'month')).toHaveLength(1513);
  });

  it('keeps only the chosen period', () => {
    const parsed = parseExport('x.csv', LEGACY_EN);
    const d = computeDashboard({ metrics: parsed.tweets, days: [], partners: [], snapshots: [] }, Date.UTC(2026, 10, 13), Date.UTC(2026, 10, 14), 'day');
    expect(d.totals).toMatchObject({ tweets: 1, impressions: 100 });
  });
});

describe('the period against the as many days before it', () => {
  const tweet = (id: string, posted: Date, impressions: number, engagements: number): TweetMetric => ({
    tweetId: id,
    capturedAt: Date.UTC(2026, 11, 1),
    source: 'analytics',
    postedAt: posted.getTime(),
    impressions,
    engagements,
  });
  // Europe/Paris: the clocks went back on 25 October 2026.
  const metrics = [
    tweet('1', new Date(2026, 9, 20, 12), 999, 99),
    tweet('2', new Date(2026, 9, 26, 12), 1000, 10),
    tweet('3', new Date(2026, 10, 1, 12), 1000, 30),
    tweet('4', new Date(2026, 10, 3, 12), 2400, 48),
  ];
  const days = (from: string, to: string) => [new Date(`${from}T00:00:00`).getTime(), new Date(`${to}T00:00:00`).getTime() + 86_400_000] as const;

  it('adds up the tweets of the as many calendar days before, over a change of clocks', () => {
    // 2 to 8 November: the 7 days before are 26 October to 1 November.
    const [from, to] = days('2026-11-02', '2026-11-08');
    const d = computeDashboard({ metrics, days: [], partners: [], snapshots: [] }, from, to, 'day');
    expect(d.totals).toMatchObject({ tweets: 1, impressions: 2400, engagements: 48 });
    expect(d.previous).toEqual({ from: days('2026-10-26', '2026-11-01')[0], to: from, days: 7, totals: { key: 'previous', tweets: 2, impressions: 2000, engagements: 40, rate: 0.02 } });
    expect(change(d.previous!.totals.impressions, d.totals.impressions)).toBeCloseTo(0.2);
    expect(change(0, 5)).toBeNull();
    // In the table, after the period.
    const rows = readCsv(dashboardCsv(d, { from: '2026-11-02', to: '2026-11-08' }, 'day', (k) => k)).rows.map((r) => r.cells);
    expect(rows[1]).toEqual(['dash_csv_previous', '2026-10-26 → 2026-11-01', '2', '2000', '40', '0.02', '', '']);
  });

  it('has none where nothing was imported before the period, or nothing was posted then', () => {
    const [from, to] = days('2026-10-20', '2026-11-30');
    expect(computeDashboard({ metrics, days: [], partners: [], snapshots: [] }, from, to, 'week').previous).toBeNull();
    // 4 to 5 November: the 2 days before (2 and 3 November) hold the tweet of the 3rd; 6 to 7
    // November: the 2 days before hold none.
    const [a, b] = days('2026-11-04', '2026-11-05');
    expect(computeDashboard({ metrics, days: [], partners: [], snapshots: [] }, a, b, 'day').previous?.totals.tweets).toBe(1);
    const [c, e] = days('2026-11-06', '2026-11-07');
    expect(computeDashboard({ metrics, days: [], partners: [], snapshots: [] }, c, e, 'day').previous).toBeNull();
  });
});

describe('when the tweets went furthest', () => {
  // Europe/Paris, local time: Monday 2 November 2026 is day 1.
  const row = (d: number, h: number, impressions: number, engagements = 0): TweetRow => ({
    tweetId: `${d}${h}${impressions}`,
    postedAt: new Date(2026, 10, d, h, 30).getTime(),
    impressions,
    engagements,
    rate: impressions ? engagements / impressions : 0,
  });

  it('gives each day of the week and each band of 3 hours its tweets, its median tweet and its rate', () => {
    const rows = [
      row(2, 9, 100, 5), row(2, 10, 300, 3), row(2, 11, 10_000, 100),
      row(3, 14, 50), row(3, 16, 70),
      row(8, 23, 400, 40), row(8, 0, 200, 2),
      row(4, 9, 80), row(5, 9, 90), row(6, 9, 60),
    ];
    expect(rows).toHaveLength(TIMING_MIN_TWEETS);
    const timing = timingOf(rows)!;
    expect(timing.weekdays.map((w) => [w.key, w.tweets, w.medianImpressions])).toEqual([
      [1, 3, 300],
      [2, 2, 50],
      [3, 1, 80],
      [4, 1, 90],
      [5, 1, 60],
      [6, 0, 0],
      [7, 2, 200],
    ]);
    // Monday's rate: its engagements over its impressions, not an average of rates.
    expect(timing.weekdays[0]!.rate).toBeCloseTo(108 / 10_400);
    expect(timing.hours.map((h) => [h.key, h.tweets])).toEqual([
      [0, 1],
      [3, 0],
      [6, 0],
      [9, 6],
      [12, 1],
      [15, 1],
      [18, 0],
      [21, 1],
    ]);
    expect(timingOf(rows.slice(1))).toBeNull();
  });
});

describe("the dashboard's figures as a CSV table", () => {
  it("gives each account's tweets where several are shown together, named without \"@\"", () => {
    const metrics = parseExport('x.csv', LEGACY_EN).tweets;
    const other = metrics.map((m) => ({ ...m, tweetId: `${m.tweetId}9`, authorHandle: 'inria' }));
    const both = computeDashboard({ metrics: [...metrics, ...other], days: [], partners: [], snapshots: [], byAccount: { accounts: ['chimiecnrs', 'inria'], days: [] } }, 0, Date.UTC(2030, 0, 1), 'day');
    const rows = readCsv(dashboardCsv(both, { from: '2026-11-01', to: '2026-11-30' }, 'day', (k) => k)).rows.map((r) => r.cells);
    expect(rows.filter((r) => r[0] === 'dash_by_account')).toEqual([
      ['dash_by_account', 'chimiecnrs', '2', '3523', '122', String(Math.round((122 / 3523) * 1e6) / 1e6), '', ''],
      ['dash_by_account', 'inria', '2', '3523', '122', String(Math.round((122 / 3523) * 1e6) / 1e6), '', ''],
    ]);
  });

  const words = (key: string) => key;
  const parsed = parseExport('x.csv', LEGACY_EN);
  const d = computeDashboard({ metrics: parsed.tweets, days: [], partners: [partner('univnantes', 'academic')], snapshots: [] }, 0, Date.UTC(2030, 0, 1), 'day');
  const range = { from: '2026-11-01', to: '2026-11-30' };

  it('gives the period, each day, the top tweets and the partners mentioned, read back as the same numbers', () => {
    const table = readCsv(dashboardCsv(d, range, 'day', words));
    expect(table.header).toEqual(['dash_csv_col_section', 'dash_csv_col_when', 'dash_csv_col_tweets', 'dash_csv_col_impressions', 'dash_csv_col_engagements', 'dash_csv_col_rate', 'dash_csv_col_tweet', 'dash_csv_col_text']);
    const rows = table.rows.map((r) => r.cells);
    expect(rows[0]).toEqual(['dash_csv_period', '2026-11-01 → 2026-11-30', '2', '3523', '122', String(Math.round((122 / 3523) * 1e6) / 1e6), '', '']);
    expect(rows.slice(1, 3)).toEqual([
      ['dash_csv_by_day', '2026-11-12', '1', '3423', '120', '0.035057', '', ''],
      ['dash_csv_by_day', '2026-11-13', '1', '100', '2', '0.02', '', ''],
    ]);
    expect(rows[3]).toEqual(['dash_top_impressions', '2026-11-12', '1', '3423', '120', '0.035057', 'https://x.com/chimiecnrs/status/1856000000000000001', 'Bravo @UnivNantes et @minesnantes !\nNouvelle molécule #chimie']);
    expect(rows.filter((r) => r[0] === 'dash_mentions').map((r) => [r[1], r[2]])).toEqual([
      ['cat_academic', '1'],
      ['dash_no_partner', '1'],
    ]);
  });

  it('ends with the account\'s own days, where the per-day exports gave them', () => {
    const withDays = { ...d, days: [{ day: '2026-11-12', posts: 2, impressions: 1000, engagements: 25 }, { day: '2026-11-13', impressions: 500, engagements: 5, engagementRate: 0.01 }] };
    const rows = readCsv(dashboardCsv(withDays, range, 'day', words)).rows.map((r) => r.cells);
    expect(rows.slice(-2)).toEqual([
      ['dash_account_days', '2026-11-12', '2', '1000', '25', '0.025', '', ''],
      ['dash_account_days', '2026-11-13', '', '500', '5', '0.01', '', ''],
    ]);
  });

  it('says when the tweets were posted, by day of the week and by band of hours, in the language asked', () => {
    const at = (day: number, hour: number, impressions: number, engagements: number): TweetRow => ({ tweetId: `${day}${hour}${impressions}`, postedAt: new Date(2026, 10, day, hour, 30).getTime(), impressions, engagements, rate: engagements / impressions });
    // Monday 2 November, 9 to 11 h; Tuesday 3 November, 14 h (Europe/Paris).
    const rows = [at(2, 9, 100, 5), at(2, 10, 300, 3), at(2, 11, 10_000, 100), ...[10, 20, 30, 40, 50, 60, 70].map((n) => at(3, 14, n, 1))];
    const timed = { ...d, timing: timingOf(rows) };
    const en = readCsv(dashboardCsv(timed, range, 'day', words)).rows.map((r) => r.cells);
    const days = en.filter((r) => r[0] === 'dash_csv_timing_days');
    expect(days.map((r) => r[1])).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(days[0]).toEqual(['dash_csv_timing_days', 'Monday', '3', '300', '', String(Math.round((108 / 10_400) * 1e6) / 1e6), '', '']);
    expect(days[1]).toEqual(['dash_csv_timing_days', 'Tuesday', '7', '40', '', '0.025', '', '']);
    // A day without tweets: no median, no rate (not zeros).
    expect(days[2]).toEqual(['dash_csv_timing_days', 'Wednesday', '0', '', '', '', '', '']);
    const hours = en.filter((r) => r[0] === 'dash_csv_timing_hours');
    expect(hours.map((r) => [r[1], r[2]])).toEqual([
      ['00:00–03:00', '0'], ['03:00–06:00', '0'], ['06:00–09:00', '0'], ['09:00–12:00', '3'],
      ['12:00–15:00', '7'], ['15:00–18:00', '0'], ['18:00–21:00', '0'], ['21:00–24:00', '0'],
    ]);
    const fr = readCsv(dashboardCsv(timed, range, 'day', words, ';', 'fr')).rows.map((r) => r.cells);
    expect(fr.find((r) => r[0] === 'dash_csv_timing_days' && r[2] === '7')!.slice(1, 6)).toEqual(['mardi', '7', '40', '', '0,025']);
    // Too few tweets in the period: no such rows.
    expect(readCsv(dashboardCsv(d, range, 'day', words)).rows.some((r) => r.cells[0]!.startsWith('dash_csv_timing'))).toBe(false);
  });

  it('writes rates with a decimal comma where the separator is ";"', () => {
    const table = readCsv(dashboardCsv(d, range, 'day', words, ';'));
    expect(table.delimiter).toBe(';');
    expect(table.rows[1]!.cells.slice(0, 6)).toEqual(['dash_csv_by_day', '2026-11-12', '1', '3423', '120', '0,035057']);
  });
});

describe('the tweets that mention partners', () => {
  it('count once in each category they mention a partner of, and the others under none', () => {
    const tweet = (id: string, mentions: string[]): TweetMetric => ({ tweetId: id, capturedAt: 1.7e12, postedAt: 1.7e12, source: 'analytics', impressions: 100, engagements: 5, mentions });
    const partners = [partner('cnrs', 'academic'), partner('inria', 'academic'), partner('lemonde', 'media')];
    const metrics = [tweet('1', ['cnrs', 'inria']), tweet('2', ['cnrs', 'lemonde']), tweet('3', ['someone']), tweet('4', [])];
    const d = computeDashboard({ metrics, days: [], partners, snapshots: [] }, 0, 2e12, 'month');
    expect(d.mentions.map((m) => [m.category, m.bucket.tweets, m.bucket.impressions])).toEqual([
      ['academic', 2, 200],
      ['media', 1, 100],
      ['none', 2, 200],
    ]);
  });
  it('name the partners mentioned most, each with the tweets that mention them (a handle written twice counts once)', () => {
    const tweet = (id: string, impressions: number, mentions: string[]): TweetMetric => ({ tweetId: id, capturedAt: 1.7e12, postedAt: 1.7e12, source: 'analytics', impressions, engagements: 5, mentions });
    const partners = [partner('cnrs', 'academic'), partner('inria', 'academic'), partner('lemonde', 'media')];
    const metrics = [tweet('1', 100, ['cnrs', 'inria', 'cnrs']), tweet('2', 300, ['cnrs', 'lemonde']), tweet('3', 50, ['inria']), tweet('4', 1000, ['someone'])];
    const d = computeDashboard({ metrics, days: [], partners, snapshots: [] }, 0, 2e12, 'month');
    expect(d.mentioned.map((m) => [m.handle, m.category, m.bucket.tweets, m.bucket.impressions])).toEqual([
      ['cnrs', 'academic', 2, 400],
      ['inria', 'academic', 2, 150],
      ['lemonde', 'media', 1, 300],
    ]);
    // In the CSV: the handle, the figures, the profile's address and the name.
    const rows = readCsv(dashboardCsv(d, { from: '2023-11-01', to: '2023-11-30' }, 'month', (k) => k)).rows.map((r) => r.cells);
    expect(rows.filter((r) => r[0] === 'dash_mentioned')[0]).toEqual(['dash_mentioned', 'cnrs', '2', '400', '10', '0.025', 'https://x.com/cnrs', 'cnrs']);
    // At most ten.
    const many = Array.from({ length: 12 }, (_, i) => partner(`p${i}`, 'industry'));
    const wide = computeDashboard({ metrics: [tweet('5', 10, many.map((p) => p.handle))], days: [], partners: many, snapshots: [] }, 0, 2e12, 'month');
    expect(wide.mentioned).toHaveLength(10);
  });
});

describe('a tweet named in a list', () => {
  it('by its first line, cut at a word, with an ellipsis when long', async () => {
    const { snippet } = await import('@/lib/dashboard');
    expect(snippet('Bravo @UnivNantes !\nNouvelle molécule')).toBe('Bravo @UnivNantes !');
    expect(snippet('\n  Texte  ')).toBe('Texte');
    expect(snippet('Une découverte majeure sur les catalyseurs au cobalt, publiée ce matin dans Nature Chemistry par nos équipes')).toBe(
      'Une découverte majeure sur les catalyseurs au cobalt, publiée ce matin dans Nature…',
    );
    expect(snippet('x'.repeat(120))).toBe(`${'x'.repeat(90)}…`);
  });
});

describe('the top tweets by engagement rate', () => {
  const tweet = (id: string, impressions: number, engagements: number): TweetMetric => ({
    tweetId: id,
    capturedAt: Date.UTC(2026, 11, 1),
    source: 'analytics',
    postedAt: Date.UTC(2026, 10, 20),
    impressions,
    engagements,
  });
  it('rank only the tweets seen at least as often as the median tweet: a handful of views does not top the list', () => {
    // Seen 7, 40, 900, 1,200 and 3,000 times; the two least seen have the highest rates.
    const metrics = [tweet('1', 7, 4), tweet('2', 40, 10), tweet('3', 900, 45), tweet('4', 1200, 24), tweet('5', 3000, 90), tweet('6', 0, 0)];
    const d = computeDashboard({ metrics, days: [], partners: [], snapshots: [] }, 0, Date.UTC(2030, 0, 1), 'day');
    expect(d.rateFloor).toBe(900);
    expect(d.topByRate.map((r) => [r.tweetId, r.rate])).toEqual([
      ['3', 0.05],
      ['5', 0.03],
      ['4', 0.02],
    ]);
    // The ranking by impressions keeps every tweet.
    expect(d.topByImpressions.map((r) => r.tweetId)).toEqual(['5', '4', '3', '2', '1']);
  });
  it('with an even count, the lower median: half of the tweets seen rank', () => {
    expect(medianImpressions([{ impressions: 7 }, { impressions: 28501 }] as TweetRow[])).toBe(7);
    expect(medianImpressions([{ impressions: 0 }] as TweetRow[])).toBe(0);
    expect(medianImpressions([])).toBe(0);
  });
});

describe("the dashboard's period", () => {
  it('runs from the first to the last tweet, over 300,000 of them (spreading them into Math.min overflowed the stack)', () => {
    const metrics: TweetMetric[] = Array.from({ length: 300_000 }, (_, i) => ({ tweetId: String(i + 1), capturedAt: 5e12, source: 'analytics', postedAt: 1.5e12 + ((i * 7919) % 300_000) * 1000 }));
    expect(timeSpan(metrics)).toEqual({ first: 1.5e12, last: 1.5e12 + 299_999_000 });
    // Without a posting date, the capture's.
    expect(timeSpan([{ tweetId: '1', capturedAt: 42, source: 'analytics' }])).toEqual({ first: 42, last: 42 });
    expect(timeSpan([])).toBeNull();
  });

  it('is grouped by day up to six weeks, by week up to two years, by month beyond', () => {
    const day = (d: string) => new Date(`${d}T00:00:00`).getTime();
    // [from, to): the CM's "to" day is included.
    expect(periodFor(day('2026-07-19'), day('2026-08-16'))).toBe('day');
    expect(periodFor(day('2026-07-01'), day('2026-08-15'))).toBe('day');
    expect(periodFor(day('2026-07-01'), day('2026-08-16'))).toBe('week');
    expect(periodFor(day('2025-08-16'), day('2026-08-16'))).toBe('week');
    expect(periodFor(day('2024-08-01'), day('2026-08-16'))).toBe('month');
    expect(periodFor(day('2016-02-29'), day('2026-08-16'))).toBe('month');
  });
});

describe('what the CM chose comes to a period', () => {
  const at = (day: string, time = '12:00') => new Date(`${day}T${time}:00`).getTime();
  const all = { first: at('2024-03-10'), last: at('2026-08-16', '18:30') };
  it('all of it by default, a quick range up to the latest tweet, or the range typed; the grouping that suits unless chosen', () => {
    const v = viewOf(all, { range: null, preset: 0, by: null });
    expect(v).toEqual({ span: { from: '2024-03-10', to: '2026-08-16' }, imported: true, range: { from: '2024-03-10', to: '2026-08-16' }, from: at('2024-03-10', '00:00'), to: at('2026-08-17', '00:00'), by: 'month' });
    expect(viewOf(all, { range: null, preset: 28, by: null })).toMatchObject({ range: { from: '2026-07-20', to: '2026-08-16' }, by: 'day' });
    expect(viewOf(all, { range: null, preset: 365, by: null })).toMatchObject({ range: { from: '2025-08-17', to: '2026-08-16' }, by: 'week' });
    expect(viewOf(all, { range: null, preset: 28, by: 'month' }).by).toBe('month');
    expect(viewOf(all, { range: { from: '2025-01-01', to: '2025-01-31' }, preset: 365, by: null })).toMatchObject({ range: { from: '2025-01-01', to: '2025-01-31' }, by: 'day' });
  });
  it('a range ends at the local midnight after its last day, also on the days the clocks change', () => {
    // (Paris: 29 March 2026 has 23 hours, 25 October 2026 has 25.)
    expect(viewOf(all, { range: { from: '2026-03-29', to: '2026-03-29' }, preset: 0, by: null })).toMatchObject({ from: at('2026-03-29', '00:00'), to: at('2026-03-30', '00:00') });
    expect(viewOf(all, { range: { from: '2026-10-01', to: '2026-10-25' }, preset: 0, by: null }).to).toBe(at('2026-10-26', '00:00'));
  });
  it('with nothing imported: the last 90 days up to today', () => {
    const now = at('2026-12-03', '10:00');
    expect(viewOf(null, { range: null, preset: 0, by: null }, now)).toMatchObject({ imported: false, span: { from: '2026-09-05', to: '2026-12-03' }, by: 'week' });
  });
});

describe("the dashboard's worker", () => {
  const metric = (id: string, day: string, impressions: number): TweetMetric => ({
    tweetId: id,
    capturedAt: 5e12,
    source: 'analytics',
    postedAt: new Date(`${day}T12:00:00`).getTime(),
    impressions,
    engagements: impressions / 10,
  });
  it('reads the tables once per version of the data, answers each choice, and says what went wrong', async () => {
    const db = await freshDb();
    try {
      await db.tweetMetrics.bulkPut([metric('1', '2026-08-01', 100), metric('2', '2026-08-16', 300), { ...metric('3', '2026-08-16', 9), source: 'page' }]);
      let opened = 0;
      const ask = dashboardAnswerer(() => (opened++, db));
      const choice = { range: null, preset: 0, by: null };
      const a = await ask({ id: 1, dbName: db.name, version: 0, choice });
      if ('error' in a) throw new Error(a.error);
      expect(a.id).toBe(1);
      expect(a.dashboard.totals).toMatchObject({ tweets: 2, impressions: 400, engagements: 40 });
      expect(a.view.range).toEqual({ from: '2026-08-01', to: '2026-08-16' });
      // Another choice, the same data: not read again.
      await db.tweetMetrics.put(metric('4', '2026-08-15', 50));
      const b = await ask({ id: 2, dbName: db.name, version: 0, choice: { ...choice, preset: 1 } });
      if ('error' in b) throw new Error(b.error);
      expect(b.dashboard.totals).toMatchObject({ tweets: 1, impressions: 300 });
      expect(opened).toBe(1);
      // A new version: read again.
      const c = await ask({ id: 3, dbName: db.name, version: 1, choice });
      if ('error' in c) throw new Error(c.error);
      expect(c.dashboard.totals.tweets).toBe(3);
      expect(opened).toBe(2);
      // A database that cannot be read: the error, and a new read at the next ask.
      db.close();
      const d = await ask({ id: 4, dbName: db.name, version: 2, choice });
      expect(d).toEqual({ id: 4, error: expect.stringMatching(/closed/i) });
      await db.open();
      const e = await ask({ id: 5, dbName: db.name, version: 2, choice });
      expect('error' in e).toBe(false);
      expect(opened).toBe(4);
    } finally {
      await dropDb(db);
    }
  });
  it('gives the accounts whose tweets or days were imported, and the figures of one of them', async () => {
    const db = await freshDb();
    try {
      await db.tweetMetrics.bulkPut([
        { ...metric('1', '2026-08-01', 100), authorHandle: 'inria' },
        { ...metric('2', '2026-08-10', 300), authorHandle: 'inria' },
        { ...metric('3', '2026-08-05', 50), authorHandle: 'inria_en' },
      ]);
      await db.dailyFigures.bulkPut([
        { account: 'inria', day: '2026-08-02', impressions: 999, engagements: 9, engagementRate: 0.009 },
        { account: 'inria_en', day: '2026-08-02', impressions: 1, engagements: 1, engagementRate: 1 },
        { account: 'inria_en', day: '2026-08-03', impressions: 20, newFollows: 2 },
        { account: 'inria_fr', day: '2026-08-03', impressions: 7, unfollows: 1 },
      ]);
      const ask = dashboardAnswerer(() => db);
      const all = await ask({ id: 1, dbName: db.name, version: 0, choice: { range: null, preset: 0, by: null } });
      if ('error' in all) throw new Error(all.error);
      // Most tweets first; an account with days only comes after.
      expect(all.accounts).toEqual(['inria', 'inria_en', 'inria_fr']);
      expect(all.dashboard.totals).toMatchObject({ tweets: 3, impressions: 450 });
      // All the accounts: each day's figures added up, the rate of the sums.
      expect(all.dashboard.days).toEqual([
        { day: '2026-08-02', impressions: 1000, engagements: 10, engagementRate: 0.01 },
        { day: '2026-08-03', impressions: 27, newFollows: 2, unfollows: 1, engagementRate: 0 },
      ]);
      // All of several accounts: each one's tweets and days, to compare them, in the menu's order.
      expect(all.dashboard.byAccount.map((a) => [a.account, a.tweets.tweets, a.tweets.impressions, a.days.tweets, a.days.impressions, a.days.rate])).toEqual([
        ['inria', 2, 400, 1, 999, 9 / 999],
        ['inria_en', 1, 50, 2, 21, 1 / 21],
        ['inria_fr', 0, 0, 1, 7, 0],
      ]);
      // Over a period: the days in it only (one day: the day before it out, the day itself whole).
      const third = await ask({ id: 4, dbName: db.name, version: 0, choice: { range: { from: '2026-08-03', to: '2026-08-03' }, preset: 0, by: null } });
      if ('error' in third) throw new Error(third.error);
      expect(third.dashboard.byAccount.map((a) => [a.account, a.days.tweets, a.days.impressions])).toEqual([
        ['inria', 0, 0],
        ['inria_en', 1, 20],
        ['inria_fr', 1, 7],
      ]);
      // One account: its tweets, its days, and the span of both.
      const one = await ask({ id: 2, dbName: db.name, version: 0, choice: { range: null, preset: 0, by: null, account: 'inria_en' } });
      if ('error' in one) throw new Error(one.error);
      expect(one.dashboard.totals).toMatchObject({ tweets: 1, impressions: 50 });
      expect(one.view.range).toEqual({ from: '2026-08-02', to: '2026-08-05' });
      expect(one.dashboard.days).toEqual([
        { day: '2026-08-02', impressions: 1, engagements: 1, engagementRate: 1 },
        { day: '2026-08-03', impressions: 20, newFollows: 2 },
      ]);
      expect(one.accounts).toEqual(['inria', 'inria_en', 'inria_fr']);
      expect(one.unnamedDays).toBe(0);
      expect(one.dashboard.byAccount).toEqual([]);
      // An account with days and no tweet.
      const days = await ask({ id: 3, dbName: db.name, version: 0, choice: { range: null, preset: 0, by: null, account: 'inria_fr' } });
      if ('error' in days) throw new Error(days.error);
      expect(days.dashboard.totals.tweets).toBe(0);
      expect(days.dashboard.days).toEqual([{ day: '2026-08-03', impressions: 7, unfollows: 1 }]);
      // An account no longer there (its tweets gone): all of them.
      const gone = await ask({ id: 4, dbName: db.name, version: 0, choice: { range: null, preset: 0, by: null, account: 'nobody' } });
      if ('error' in gone) throw new Error(gone.error);
      expect(gone.dashboard.totals.tweets).toBe(3);
    } finally {
      await dropDb(db);
    }
  });
  it('shows an account overview imported alone: its days are what the quick ranges end on', async () => {
    const db = await freshDb();
    try {
      await db.dailyFigures.bulkPut([
        { account: '', day: '2025-03-20', impressions: 1303, engagements: 85, newFollows: 5, unfollows: 9 },
        { account: '', day: '2025-03-21', impressions: 1070, engagements: 32, newFollows: 14, unfollows: 3 },
      ]);
      const a = await dashboardAnswerer(() => db)({ id: 1, dbName: db.name, version: 0, choice: { range: null, preset: 0, by: null } });
      if ('error' in a) throw new Error(a.error);
      expect(a.view).toMatchObject({ imported: true, range: { from: '2025-03-20', to: '2025-03-21' } });
      // (Days no one named: said, so that the CM can name them.)
      expect(a).toMatchObject({ unnamedDays: 2, accounts: [] });
      expect(a.dashboard.days.map((d) => d.day)).toEqual(['2025-03-20', '2025-03-21']);
      // With tweets too, the quick ranges end on the latest of either.
      await db.tweetMetrics.put(metric('1', '2025-03-01', 100));
      const b = await dashboardAnswerer(() => db)({ id: 2, dbName: db.name, version: 1, choice: { range: null, preset: 0, by: null } });
      if ('error' in b) throw new Error(b.error);
      expect(b.view.range).toEqual({ from: '2025-03-01', to: '2025-03-21' });
    } finally {
      await dropDb(db);
    }
  });
  it('is asked again after writes to the analytics, the account days, the partners or the profiles; not after captures of tweets or topics', async () => {
    const db = await freshDb();
    const seen: boolean[] = [];
    const listen = (parts: Parameters<typeof mayChangeDashboard>[0]) => void seen.push(mayChangeDashboard(parts, db.name));
    Dexie.on('storagemutated', listen);
    const after = async (write: () => Promise<unknown>) => {
      seen.length = 0;
      await write();
      await new Promise((r) => setTimeout(r, 20));
      expect(seen.length).toBeGreaterThan(0);
      return seen.some(Boolean);
    };
    try {
      expect(await after(() => db.tweetMetrics.put({ tweetId: '9', capturedAt: 1, source: 'page', likes: 1 }))).toBe(false);
      expect(await after(() => db.topics.put({ id: 't', title: 'T', status: 'new', note: '', tags: [], hashtags: [], createdAt: 0, updatedAt: 0 }))).toBe(false);
      expect(await after(() => db.tweetMetrics.put(metric('1', '2026-08-01', 100)))).toBe(true);
      expect(await after(() => db.dailyFigures.put({ account: 'cnrs', day: '2026-08-01', impressions: 5 }))).toBe(true);
      expect(await after(() => db.partners.put({ id: 'p', handle: 'cnrs', name: '', category: 'academic', tags: [], note: '', createdAt: 0, updatedAt: 0 }))).toBe(true);
      expect(await after(() => db.profileSnapshots.put({ handle: 'cnrs', day: '2026-08-01', capturedAt: 1, followers: 1, following: 1, posts: 1 }))).toBe(true);
      expect(mayChangeDashboard({ all: { d: 0 } } as unknown as Parameters<typeof mayChangeDashboard>[0], db.name)).toBe(true);
    } finally {
      Dexie.on('storagemutated').unsubscribe(listen);
      await dropDb(db);
    }
  });
});
