/**
 * The impact dashboard's figures, computed from the stored analytics: the numbers shown are the
 * numbers in the files.
 */
import type { AccountDay, DayFigures, Partner, PartnerCategory, ProfileSnapshot, TweetMetric } from './schemas';
import { PARTNER_CATEGORIES } from './categories';
import { DAY_MS, dayEndOf, dayStartOf, localDayOf, weekStart } from './time';
import { dayBefore } from './veille';
import { statusUrl } from './x/pages';

export interface Bucket {
  /** The day, or the Monday of the week. */
  key: string;
  tweets: number;
  impressions: number;
  engagements: number;
  /** Engagements / impressions. */
  rate: number;
}

export interface TweetRow {
  tweetId: string;
  authorHandle?: string;
  /** What it says, when the export gave it. */
  text?: string;
  postedAt: number;
  impressions: number;
  engagements: number;
  rate: number;
}

export interface Dashboard {
  totals: Bucket;
  series: Bucket[];
  /** The tweets of highest engagement rate among those seen at least `rateFloor` times. */
  topByRate: TweetRow[];
  /**
   * The fewest impressions a tweet needs to rank by engagement rate: the period's median (of the
   * tweets seen at all). Without it, a tweet seen 7 times with 4 engagements tops the list.
   */
  rateFloor: number;
  topByImpressions: TweetRow[];
  /**
   * With and without media, where the exports say it (media views: analytics.twitter.com's per-tweet
   * exports); `unknown`, the period's other tweets, whose export does not say.
   */
  media: { withMedia: Bucket; without: Bucket; unknown: number } | null;
  /** Tweets mentioning a partner of each category, and tweets mentioning none. */
  mentions: { category: PartnerCategory | 'none'; bucket: Bucket }[];
  /** The partners the period's tweets mention most (MENTIONED_TOP at most), each with the tweets that mention them. */
  mentioned: { handle: string; name: string; category: PartnerCategory; bucket: Bucket }[];
  followers: { handle: string; name: string; points: { t: number; followers: number }[] }[];
  /** The account's figures per day (the per-day exports), when imported: all accounts' added up, or the one chosen's. */
  days: DayFigures[];
  /**
   * Those days' impressions and engagement rate per period of the grouping (`tweets`: the days of
   * the period the exports give), every period from the first of them to the last.
   */
  daySeries: Bucket[];
  /**
   * Where several accounts' analytics are shown together: each account's tweets of the period and
   * its days (`tweets`: how many days), in the order asked.
   */
  byAccount: { account: string; tweets: Bucket; days: Bucket }[];
  /**
   * The tweets of the as many days just before the period [from, to), to compare with; null where
   * none of the tweets imported were posted then.
   */
  previous: { from: number; to: number; days: number; totals: Bucket } | null;
  /** When the period's tweets were posted, and how far they went; null with too few tweets to tell. */
  timing: Timing | null;
}

/** Tweets posted in one slot of time (a day of the week, a band of hours): how many, how far the middle one went, their rate. */
export interface TimingRow {
  /** The day of the week, 1 (Monday) to 7; or the band's first hour, 0 to 21. */
  key: number;
  tweets: number;
  /** The median tweet's impressions: a tweet seen a hundred times more does not make a slot. */
  medianImpressions: number;
  rate: number;
}

export interface Timing {
  weekdays: TimingRow[];
  /** Bands of `HOURS_BAND` hours, local time. */
  hours: TimingRow[];
}

/** The fewest tweets a period needs for its timing to be given, and the hours of a band. */
export const TIMING_MIN_TWEETS = 10;
export const HOURS_BAND = 3;

/** A band of hours as the dashboard and its CSV name it: "09:00–12:00". */
export function bandLabel(hour: number): string {
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return `${hh(hour)}–${hh(hour + HOURS_BAND)}`;
}

/** When the tweets of `rows` were posted (local time), by day of the week and by band of hours. */
export function timingOf(rows: readonly TweetRow[]): Timing | null {
  if (rows.length < TIMING_MIN_TWEETS) return null;
  const slots = (keys: number[], keyOf: (d: Date) => number): TimingRow[] => {
    const by = new Map<number, TweetRow[]>(keys.map((k) => [k, []]));
    for (const r of rows) by.get(keyOf(new Date(r.postedAt)))!.push(r);
    return keys.map((key) => {
      const list = by.get(key)!;
      return { key, tweets: list.length, medianImpressions: medianImpressions(list), rate: bucket('', list).rate };
    });
  };
  return {
    weekdays: slots([1, 2, 3, 4, 5, 6, 7], (d) => ((d.getDay() + 6) % 7) + 1),
    hours: slots(
      Array.from({ length: 24 / HOURS_BAND }, (_, i) => i * HOURS_BAND),
      (d) => d.getHours() - (d.getHours() % HOURS_BAND),
    ),
  };
}

/** The change from `then` to `now`, as a fraction (0.12 for +12 %); null where there was nothing then. */
export function change(then: number, now: number): number | null {
  return then ? (now - then) / then : null;
}

/** That change as the dashboard and the report write it: "+12 %", "−3 %", "0 %"; "—" where there was nothing then. */
export function changeText(nf: Intl.NumberFormat, then: number, now: number): string {
  const c = change(then, now);
  return c === null ? '—' : `${signed(nf, Math.round(c * 100))} %`;
}

export const bucket = (key: string, rows: TweetRow[]): Bucket => {
  const impressions = rows.reduce((n, r) => n + r.impressions, 0);
  const engagements = rows.reduce((n, r) => n + r.engagements, 0);
  return { key, tweets: rows.length, impressions, engagements, rate: impressions ? engagements / impressions : 0 };
};

/** The start of a tweet's text, for a list: its first line, cut at a word near `max` characters. */
export function snippet(text: string, max = 90): string {
  const line = text.split('\n').find((l) => l.trim())?.trim() ?? '';
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A rate as the dashboard and the report write it: "2.5 %", to a tenth. */
export function percent(nf: Intl.NumberFormat, x: number): string {
  return `${nf.format(Math.round(x * 1000) / 10)} %`;
}

/** A change as the dashboard and the report write it: "+1,234", "−56" (a minus sign), "0". */
export function signed(nf: Intl.NumberFormat, n: number): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : ''}${nf.format(Math.abs(n))}`;
}

/** A tweet's address on X. */
export function tweetUrl(r: Pick<TweetRow, 'tweetId' | 'authorHandle'>): string {
  return statusUrl(r.authorHandle, r.tweetId);
}

/** The tweets of a period with imported analytics: their sums, and the most seen of them. */
export interface PeriodImpact {
  totals: Bucket;
  top: TweetRow;
}

/** The impact of the tweets posted in [from, to) (the weekly report's), or null when none has analytics. */
export function periodImpact(metrics: readonly TweetMetric[], from: number, to: number): PeriodImpact | null {
  const rows = analyticsTweets(metrics, from, to);
  if (!rows.length) return null;
  const top = rows.reduce((a, b) => (b.impressions > a.impressions ? b : a));
  const { metric: _, ...row } = top;
  return { totals: bucket('week', rows), top: row };
}

/** The week before [from, to) (a week: its Monday to this one). */
export function weekBefore(from: number): [number, number] {
  return [weekStart(from - DAY_MS / 2), from];
}

/** The latest imported analytics of each tweet posted in [from, to). */
export function analyticsTweets(metrics: readonly TweetMetric[], from: number, to: number): (TweetRow & { metric: TweetMetric })[] {
  const latest = new Map<string, TweetMetric>();
  for (const m of metrics) {
    if (m.source !== 'analytics') continue;
    const posted = m.postedAt ?? m.capturedAt;
    if (posted < from || posted >= to) continue;
    const old = latest.get(m.tweetId);
    if (!old || m.capturedAt > old.capturedAt) latest.set(m.tweetId, m);
  }
  return [...latest.values()].map((m) => {
    const impressions = m.impressions ?? 0;
    const engagements = m.engagements ?? 0;
    return {
      metric: m,
      tweetId: m.tweetId,
      ...(m.authorHandle ? { authorHandle: m.authorHandle } : {}),
      ...(m.text ? { text: m.text } : {}),
      postedAt: m.postedAt ?? m.capturedAt,
      impressions,
      engagements,
      rate: m.engagementRate ?? (impressions ? engagements / impressions : 0),
    };
  });
}

/**
 * When the first and the last of these tweets were posted; null when there are none. (A loop, not
 * Math.min(...times): past about 120,000 tweets, spreading them overflows the stack.)
 */
export function timeSpan(metrics: readonly TweetMetric[]): { first: number; last: number } | null {
  let first = Infinity;
  let last = -Infinity;
  for (const m of metrics) {
    const t = m.postedAt ?? m.capturedAt;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return last >= first ? { first, last } : null;
}

/** What the CM chose: a range typed (null: the quick range's), a quick range in days up to the latest tweet (0: all), a grouping (null: the one that suits the range). */
export interface DashboardChoice {
  range: { from: string; to: string } | null;
  preset: number;
  by: Period | null;
  /** One of the accounts whose tweets were imported (its handle), or all of them (null, absent). */
  account?: string | null;
}

/** The period a choice comes to, given the days of the imported analytics (tweets and the account's days). */
export interface DashboardView {
  /** The days of the imported analytics (the last 90 days when there are none). */
  span: { from: string; to: string };
  /** Whether any analytics are imported. */
  imported: boolean;
  /** The days shown, both included, and the same as [from, to) in time. */
  range: { from: string; to: string };
  from: number;
  to: number;
  by: Period;
}

export function viewOf(all: { first: number; last: number } | null, choice: DashboardChoice, now = Date.now()): DashboardView {
  const last = all?.last ?? now;
  const span = { from: all ? localDayOf(all.first) : dayBefore(last, 89), to: localDayOf(last) };
  const range = choice.range ?? (choice.preset ? { from: dayBefore(last, choice.preset - 1), to: span.to } : span);
  const from = dayStartOf(range.from);
  const to = dayEndOf(range.to);
  return { span, imported: all !== null, range, from, to, by: choice.by ?? periodFor(from, to) };
}

/** The most periods a chart shows: beyond (years of daily data), only the periods with tweets are. */
export const MAX_PERIODS = 4000;

/** The periods a chart groups tweets by. */
export type Period = 'day' | 'week' | 'month';

/**
 * The grouping a chart of [from, to) reads best in: days up to about six weeks, weeks up to two
 * years, months beyond (ten years by week would be 500 thin bars, most of them empty).
 */
export function periodFor(from: number, to: number): Period {
  const days = (to - from) / DAY_MS;
  return days <= 45 ? 'day' : days <= 731 ? 'week' : 'month';
}

/** The key of the period `t` lies in: its local day, its week's Monday (YYYY-MM-DD), or its month (YYYY-MM). */
export function periodOf(t: number, by: Period): string {
  if (by === 'month') return localDayOf(t).slice(0, 7);
  return localDayOf(by === 'day' ? t : weekStart(t));
}

/**
 * Every day, Monday or month from `first` to `last`, both keys of periods (see `periodOf`); null
 * when there would be more than MAX_PERIODS.
 */
export function periodsBetween(first: string, last: string, by: Period): string[] | null {
  const [y, m, d = 1] = first.split('-').map(Number) as [number, number, number?];
  const step = by === 'week' ? 7 : 1;
  const keys: string[] = [];
  for (let k = 0; k <= MAX_PERIODS; k++) {
    // (Local calendar arithmetic: a day is not always 24 hours, a month not always 30 days.)
    const key = by === 'month' ? localDayOf(new Date(y, m - 1 + k, 1)).slice(0, 7) : localDayOf(new Date(y, m - 1, d + k * step));
    if (key > last) return keys;
    keys.push(key);
    if (key === last) return keys;
  }
  return null;
}

/** The median impressions of the tweets seen at all (the lower one of an even count): half of them reach it. 0 when none. */
export function medianImpressions(rows: readonly TweetRow[]): number {
  const seen = rows.map((r) => r.impressions).filter((n) => n > 0).sort((a, b) => a - b);
  return seen.length ? seen[Math.floor((seen.length - 1) / 2)]! : 0;
}

/** How many partners `Dashboard.mentioned` names. */
export const MENTIONED_TOP = 10;

export function computeDashboard(
  input: {
    metrics: readonly TweetMetric[];
    days: readonly DayFigures[];
    partners: readonly Partner[];
    snapshots: readonly ProfileSnapshot[];
    /** The accounts to give the figures of one by one (see `Dashboard.byAccount`), with their own days. */
    byAccount?: { accounts: readonly string[]; days: readonly AccountDay[] };
  },
  from: number,
  to: number,
  by: Period,
  /** When the first and the last of `input.metrics` were posted, when known already. */
  span = timeSpan(input.metrics),
): Dashboard {
  const rows = analyticsTweets(input.metrics, from, to);
  const groups = new Map<string, TweetRow[]>();
  for (const r of rows) {
    const key = periodOf(r.postedAt, by);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const keys = [...groups.keys()].sort();
  // Every period of the range chosen is shown, empty ones too (a week without a tweet is a fact of
  // the period, and the chart's axis stays the calendar's), within the span of the tweets imported:
  // a range reaching beyond them adds no empty years.
  const axis = span && periodsBetween(periodOf(Math.max(from, span.first), by), periodOf(Math.min(to - 1, span.last), by), by);
  const shown = keys.length ? (axis ?? periodsBetween(keys[0]!, keys.at(-1)!, by) ?? keys) : keys;
  const series = shown.map((k) => bucket(k, groups.get(k) ?? []));
  const withViews = rows.filter((r) => r.metric.mediaViews !== undefined && r.metric.mediaViews !== null);
  const partnerOf = new Map(input.partners.map((p) => [p.handle, p]));
  // Each tweet counts once in each category it mentions a partner of, and once for each partner it
  // mentions (one pass over the tweets).
  const byCategory = new Map<PartnerCategory | 'none', TweetRow[]>();
  const byPartner = new Map<string, TweetRow[]>();
  const add = <K>(map: Map<K, TweetRow[]>, key: K, r: TweetRow) => {
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  };
  for (const r of rows) {
    const cats: PartnerCategory[] = [];
    for (const h of new Set(r.metric.mentions ?? [])) {
      const p = partnerOf.get(h);
      if (!p) continue;
      add(byPartner, h, r);
      if (!cats.includes(p.category)) cats.push(p.category);
    }
    if (!cats.length) add(byCategory, 'none', r);
    for (const c of cats) add(byCategory, c, r);
  }
  const mentions = [...PARTNER_CATEGORIES, 'none' as const].map((category) => ({ category, bucket: bucket(category, byCategory.get(category) ?? []) }));
  const own = input.partners.filter((p) => p.category === 'institution');
  const followers = own
    .map((p) => ({
      handle: p.handle,
      name: p.name,
      points: input.snapshots
        .filter((s) => s.handle === p.handle && s.followers !== null && s.capturedAt >= from && s.capturedAt < to)
        .sort((a, b) => a.capturedAt - b.capturedAt)
        .map((s) => ({ t: s.capturedAt, followers: s.followers! })),
    }))
    .filter((f) => f.points.length > 0);
  const rateFloor = medianImpressions(rows);
  const fromDay = localDayOf(from);
  const toDay = localDayOf(to - 1);
  const days = input.days.filter((d) => d.day >= fromDay && d.day <= toDay).sort((a, b) => a.day.localeCompare(b.day));
  return {
    totals: bucket('total', rows),
    series,
    topByRate: rows.filter((r) => r.impressions > 0 && r.impressions >= rateFloor).sort((a, b) => b.rate - a.rate || b.impressions - a.impressions).slice(0, 5),
    rateFloor,
    topByImpressions: [...rows].sort((a, b) => b.impressions - a.impressions).slice(0, 5),
    media: withViews.length
      ? {
          withMedia: bucket('media', withViews.filter((r) => (r.metric.mediaViews ?? 0) > 0)),
          without: bucket('text', withViews.filter((r) => (r.metric.mediaViews ?? 0) === 0)),
          unknown: rows.length - withViews.length,
        }
      : null,
    mentions: mentions.filter((m) => m.bucket.tweets > 0),
    mentioned: [...byPartner.entries()]
      .map(([handle, list]) => ({ handle, name: partnerOf.get(handle)!.name, category: partnerOf.get(handle)!.category, bucket: bucket(handle, list) }))
      .sort((a, b) => b.bucket.tweets - a.bucket.tweets || b.bucket.impressions - a.bucket.impressions || a.handle.localeCompare(b.handle))
      .slice(0, MENTIONED_TOP),
    followers,
    days,
    daySeries: daySeries(days, by),
    byAccount: input.byAccount ? accountTotals(rows, input.byAccount, fromDay, toDay) : [],
    previous: previousPeriod(input.metrics, from, to, span),
    timing: timingOf(rows),
  };
}

/** See `Dashboard.previous`. */
function previousPeriod(metrics: readonly TweetMetric[], from: number, to: number, span: { first: number } | null): Dashboard['previous'] {
  if (!span || span.first >= from) return null;
  // (Calendar days: a day of a change of clocks is 23 or 25 hours long.)
  const days = Math.round((to - from) / DAY_MS);
  const start = dayStartOf(dayBefore(from, days));
  const rows = analyticsTweets(metrics, start, from);
  return rows.length ? { from: start, to: from, days, totals: bucket('previous', rows) } : null;
}

/** Each account's tweets (of `rows`, the period's) and days of [fromDay, toDay]. */
function accountTotals(rows: readonly TweetRow[], by: NonNullable<Parameters<typeof computeDashboard>[0]['byAccount']>, fromDay: string, toDay: string): Dashboard['byAccount'] {
  const tweets = new Map<string, TweetRow[]>();
  for (const r of rows) {
    if (!r.authorHandle) continue;
    const list = tweets.get(r.authorHandle);
    if (list) list.push(r);
    else tweets.set(r.authorHandle, [r]);
  }
  const days = new Map<string, AccountDay[]>();
  for (const d of by.days) {
    if (d.day < fromDay || d.day > toDay) continue;
    const list = days.get(d.account);
    if (list) list.push(d);
    else days.set(d.account, [d]);
  }
  return by.accounts.map((account) => {
    const own = days.get(account) ?? [];
    const { impressions = 0, engagements = 0, engagementRate = 0 } = addUpFigures(own, '');
    return { account, tweets: bucket(account, tweets.get(account) ?? []), days: { key: account, tweets: own.length, impressions, engagements, rate: engagementRate } };
  });
}

/**
 * Days' figures added up (several days of an account, or one day of several accounts): each count
 * that any of them gives, summed, and the engagement rate of the sums.
 */
export function addUpFigures(list: readonly DayFigures[], day: string): DayFigures {
  const sum: Record<string, number> = {};
  for (const figures of list) for (const [k, v] of Object.entries(figures)) if (typeof v === 'number' && k !== 'engagementRate') sum[k] = (sum[k] ?? 0) + v;
  return { ...sum, day, ...(sum.impressions ? { engagementRate: (sum.engagements ?? 0) / sum.impressions } : {}) };
}

/** The days' figures per period (see `Dashboard.daySeries`); `days` sorted by day. */
function daySeries(days: readonly DayFigures[], by: Period): Bucket[] {
  if (!days.length) return [];
  const groups = new Map<string, DayFigures[]>();
  for (const d of days) {
    const key = periodOf(dayStartOf(d.day), by);
    const list = groups.get(key);
    if (list) list.push(d);
    else groups.set(key, [d]);
  }
  const keys = periodsBetween(periodOf(dayStartOf(days[0]!.day), by), periodOf(dayStartOf(days.at(-1)!.day), by), by) ?? [...groups.keys()];
  return keys.map((key) => {
    const list = groups.get(key) ?? [];
    const { impressions = 0, engagements = 0, engagementRate = 0 } = addUpFigures(list, key);
    return { key, tweets: list.length, impressions, engagements, rate: engagementRate };
  });
}
