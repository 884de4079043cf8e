import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseExport } from '@/lib/analytics';
import { computeDashboard, medianImpressions, periodFor, periodsBetween, timeSpan, type TweetRow } from '@/lib/dashboard';
import type { Partner, TweetMetric } from '@/lib/schemas';
import { LEGACY_EN } from '../fixtures/analytics';

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
