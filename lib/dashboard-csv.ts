/**
 * The dashboard's figures for a period as a CSV table, for the CM's own reports (a quarter's
 * impact, the year's): the totals, each day, week or month, the top tweets and the partners
 * mentioned, in the CM's words and separated as their spreadsheet reads (see `spreadsheetSeparator`).
 */
import { categoryLabelKey } from './categories';
import { toCsv } from './csv';
import { bandLabel, tweetUrl, type Bucket, type Dashboard, type Period, type TimingRow, type TweetRow } from './dashboard';
import type { ReportWords } from './report';
import type { TweetMetric } from './schemas';
import { localDayOf, localMinuteOf, weekdayName } from './time';
import { postedAtOf } from './x/tweet-id';

/**
 * The table: one row for the period (and one for the as many days before it), one for each of its
 * days, weeks or months (`by`), then the top tweets, the partners' categories, the partners
 * mentioned most (their name as the text, their profile as the tweet's address), each account's tweets
 * where several are shown together, the account's own days (from the per-day exports), and when the
 * tweets were posted (by day of the week and band of hours, local time, named in `locale`: the
 * median tweet's impressions in the impressions column, as the section says). Rates
 * are fractions (0.035 for 3.5 %), written with the decimal comma where the separator is ";" (a
 * spreadsheet there reads them as numbers).
 */
export function dashboardCsv(d: Dashboard, range: { from: string; to: string }, by: Period, w: ReportWords, delimiter: ',' | ';' = ',', locale = 'en'): string {
  const rate = (x: number) => {
    const s = String(Math.round(x * 1e6) / 1e6);
    return delimiter === ';' ? s.replace('.', ',') : s;
  };
  const figures = (b: Bucket) => [String(b.tweets), String(b.impressions), String(b.engagements), rate(b.rate)];
  const tweet = (section: string, x: TweetRow) => [section, localDayOf(x.postedAt), '1', String(x.impressions), String(x.engagements), rate(x.rate), tweetUrl(x), x.text ?? ''];
  const rows: string[][] = [[w('dash_csv_period'), `${range.from} → ${range.to}`, ...figures(d.totals), '', '']];
  // (The as many days before, to compare with, where tweets were imported for them.)
  const p = d.previous;
  if (p) rows.push([w('dash_csv_previous'), `${localDayOf(p.from)} → ${localDayOf(p.to - 1)}`, ...figures(p.totals), '', '']);
  const per = w(`dash_csv_by_${by}`);
  for (const b of d.series) rows.push([per, b.key, ...figures(b), '', '']);
  for (const x of d.topByImpressions) rows.push(tweet(w('dash_top_impressions'), x));
  for (const x of d.topByRate) rows.push(tweet(w('dash_top_rate'), x));
  for (const m of d.mentions) rows.push([w('dash_mentions'), m.category === 'none' ? w('dash_no_partner') : w(categoryLabelKey(m.category)), ...figures(m.bucket), '', '']);
  // The partners mentioned most: each one's handle (without "@"), its profile's address.
  for (const m of d.mentioned) rows.push([w('dash_mentioned'), m.handle, ...figures(m.bucket), `https://x.com/${m.handle}`, m.name]);
  // Where several accounts are shown together: each one's tweets (its handle, without "@": a spreadsheet reads "@" as a formula).
  for (const a of d.byAccount) rows.push([w('dash_by_account'), a.account, ...figures(a.tweets), '', '']);
  // The account's own days (the per-day exports): its posts as its tweets.
  const days = w('dash_account_days');
  for (const x of d.days) {
    const impressions = x.impressions ?? 0;
    const engagements = x.engagements ?? 0;
    rows.push([days, x.day, x.posts === undefined ? '' : String(x.posts), String(impressions), String(engagements), rate(x.engagementRate ?? (impressions ? engagements / impressions : 0)), '', '']);
  }
  // When the tweets were posted (from TIMING_MIN_TWEETS tweets in the period): no engagements there.
  const slot = (section: string, when: string, r: TimingRow) => [section, when, String(r.tweets), r.tweets ? String(r.medianImpressions) : '', '', r.tweets ? rate(r.rate) : '', '', ''];
  for (const r of d.timing?.weekdays ?? []) rows.push(slot(w('dash_csv_timing_days'), weekdayName(r.key, locale), r));
  for (const r of d.timing?.hours ?? []) rows.push(slot(w('dash_csv_timing_hours'), bandLabel(r.key), r));
  const header = ['section', 'when', 'tweets', 'impressions', 'engagements', 'rate', 'tweet', 'text'].map((c) => w(`dash_csv_col_${c}`));
  return toCsv(header, rows, delimiter);
}

/** The counts of a tweet seen on X, in the CSV's order. */
const SEEN_CSV_COUNTS = ['views', 'likes', 'reposts', 'replies', 'bookmarks'] as const;

/**
 * The institution's tweets as the CM saw them on X (`loadSeenList`), a row each: its account (without
 * "@"), when it was posted and its address, its latest counts seen (empty where X did not show one),
 * those read from an abbreviated label ("1.7K": approximate), and when they were seen. For a CM
 * without analytics exports: what Veille captured, for their own reports.
 */
export function seenCsv(tweets: readonly TweetMetric[], w: ReportWords, delimiter: ',' | ';' = ','): string {
  const rows = tweets.map((m) => [
    m.authorHandle ?? '',
    localMinuteOf(postedAtOf(m.tweetId)!),
    tweetUrl(m),
    ...SEEN_CSV_COUNTS.map((k) => (m[k] === undefined || m[k] === null ? '' : String(m[k]))),
    SEEN_CSV_COUNTS.filter((k) => m.approximate?.includes(k))
      .map((k) => w(`m_${k}_other`))
      .join(', '),
    localMinuteOf(m.capturedAt),
  ]);
  const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const header = [w('seen_csv_col_account'), w('seen_csv_col_posted'), w('dash_csv_col_tweet'), ...SEEN_CSV_COUNTS.map((k) => title(w(`m_${k}_other`))), w('seen_csv_col_approximate'), w('seen_csv_col_seen')];
  return toCsv(header, rows, delimiter);
}
