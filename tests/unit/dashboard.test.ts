import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseExport } from '@/lib/analytics';
import { computeDashboard } from '@/lib/dashboard';
import type { Partner } from '@/lib/schemas';
import { LEGACY_EN } from '../fixtures/analytics';

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

  it('keeps only the chosen period', () => {
    const parsed = parseExport('x.csv', LEGACY_EN);
    const d = computeDashboard({ metrics: parsed.tweets, days: [], partners: [], snapshots: [] }, Date.UTC(2026, 10, 13), Date.UTC(2026, 10, 14), 'day');
    expect(d.totals).toMatchObject({ tweets: 1, impressions: 100 });
  });
});
