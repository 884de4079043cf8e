import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExportRefused, parseExport } from '@/lib/analytics';
import { parsePartnersCsv } from '@/lib/partners-csv';
import { accountDaySchema, partnerInputSchema, tweetMetricSchema } from '@/lib/schemas';
import en from '@/public/_locales/en/messages.json';
import { damage, edits } from './damage';
import { ARCHIVE, DAILY, LEGACY_EN, LEGACY_FR, OVERVIEW, PREMIUM, PREMIUM_EARLY, PREMIUM_FR } from '../fixtures/analytics';

/**
 * Files damaged at random, as a download cut short, a spreadsheet or a hand leave them: whatever
 * they hold, an import never breaks with an error of its own. It refuses the file with a reason
 * the CM can read, or reads it, naming each bad row's row and column with a reason, and what it
 * would store is valid.
 */

/** What a damaged file may gain: separators, quotes, line ends, numbers, signs and letters of the formats. */
const PIECES = [',', ';', '"', '""', '\n', '\r\n', '\t', ' ', '-', '+', '.', '0', '9', '1e+18', '1.47689E+18', 'NaN', '-1', '1,5', '١٢', '\uFEFF', '\u00A0', '/', ':', '@', '#', 'é', '€', '{', '}', '[', ']', 'null', '"tweet":'];

const messages = new Set(Object.keys(en));

describe('analytics exports damaged at random', () => {
  const files: [string, string][] = [
    ['tweet_activity_metrics.csv', LEGACY_EN],
    ['tweet_activity_metrics_fr.csv', LEGACY_FR],
    ['account_analytics_content.csv', PREMIUM],
    ['account_analytics_content_early.csv', PREMIUM_EARLY],
    ['account_analytics_content_fr.csv', PREMIUM_FR],
    ['daily_tweet_activity_metrics.csv', DAILY],
    ['account_overview_analytics.csv', OVERVIEW],
    ['tweets.js', ARCHIVE],
  ];
  it.each(files)('%s: refused with a reason, or read with each bad row named and only valid records', (name, text) => {
    const outcomes = { refused: 0, read: 0, errors: 0 };
    fc.assert(
      fc.property(edits, (list) => {
        const damaged = damage(text, list, PIECES);
        const context = JSON.stringify(damaged);
        let parsed: ReturnType<typeof parseExport>;
        try {
          parsed = parseExport(name, damaged);
        } catch (e) {
          expect(e, context).toBeInstanceOf(ExportRefused);
          expect(messages.has((e as ExportRefused).key), context).toBe(true);
          outcomes.refused++;
          return;
        }
        outcomes.read++;
        for (const error of parsed.errors) {
          expect(messages.has(error.message), `${context}: ${error.message}`).toBe(true);
          expect(error.row, context).toBeGreaterThanOrEqual(0);
          if (error.row > 0) expect(error.column, context).not.toBe('');
          outcomes.errors++;
        }
        const bad = new Set(parsed.errors.map((e) => e.row));
        expect(parsed.rows, context).toBeGreaterThanOrEqual(bad.size - (bad.has(0) ? 1 : 0));
        for (const t of parsed.tweets) expect(tweetMetricSchema.safeParse(t).error, context).toBeUndefined();
        for (const d of parsed.days) expect(accountDaySchema.safeParse({ ...d, account: 'inria' }).error, context).toBeUndefined();
      }),
      { numRuns: 300, seed: 2026 },
    );
    // (Much damage leaves a file that can still be read, with or without bad rows; an archive's
    // JSON or a file read by its columns' order is refused more often.)
    expect(outcomes.read).toBeGreaterThan(20);
    expect(outcomes.refused + outcomes.errors).toBeGreaterThan(20);
  });
});

describe('a partner list damaged at random', () => {
  const LIST = [
    'handle,name,category,tags,note',
    'UnivNantes,Nantes Université,academic,région;chimie,Partenaire historique',
    '@CNRS,"CNRS, le centre",public_authority,,"Contact : service presse"',
    'https://x.com/JACS_Au,JACS Au,journal,revue,',
    'Nature,Nature,presse,,',
  ].join('\n');
  it('reads it or names each bad row, its field and why; every partner it would add is valid', () => {
    let named = 0;
    fc.assert(
      fc.property(edits, (list) => {
        const damaged = damage(LIST, list, PIECES);
        const context = JSON.stringify(damaged);
        const r = parsePartnersCsv(damaged);
        for (const error of r.errors) {
          expect(messages.has(error.message), `${context}: ${error.message}`).toBe(true);
          expect(error.row, context).toBeGreaterThanOrEqual(0);
          named++;
        }
        for (const { partner } of r.rows) expect(partnerInputSchema.safeParse(partner).error, context).toBeUndefined();
      }),
      { numRuns: 400, seed: 2026 },
    );
    expect(named).toBeGreaterThan(50);
  });
});
