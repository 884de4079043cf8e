/**
 * The dashboard's data, read and computed away from the options page: in a worker of that page
 * (`dashboard.worker.ts`), so that 50,000 imported tweets handed over by IndexedDB and counted never
 * freeze it. The page asks with what the CM chose and a version of the data (raised when a write
 * may have changed it); the worker reads the tables again only for a new version.
 */
import type { VeilleDB } from './db';
import { errorText } from './errors';
import { addUpFigures, computeDashboard, timeSpan, viewOf, type Dashboard, type DashboardChoice, type DashboardView } from './dashboard';
import type { AccountDay, DayFigures, Partner, ProfileSnapshot, TweetMetric } from './schemas';
import { mayChangeAnalytics, touchesTables } from './watch';
import type { ObservabilitySet } from 'dexie';
import { dayStartOf } from './time';

export interface DashboardData {
  metrics: TweetMetric[];
  days: AccountDay[];
  partners: Partner[];
  snapshots: ProfileSnapshot[];
  /** When the first and the last of `metrics` were posted. */
  span: { first: number; last: number } | null;
  /** The days of all the analytics imported, the account's days included: what the quick ranges end on. */
  extent: { first: number; last: number } | null;
  /** The accounts whose tweets or days were imported, the one with most tweets first. */
  accounts: string[];
}

/** The accounts of these tweets and days, the one with most tweets first (then most days). */
function accountsOf(metrics: readonly TweetMetric[], days: readonly AccountDay[]): string[] {
  const counts = new Map<string, [tweets: number, days: number]>();
  const count = (account: string, i: 0 | 1) => {
    const c = counts.get(account) ?? [0, 0];
    c[i]++;
    counts.set(account, c);
  };
  for (const m of metrics) if (m.authorHandle) count(m.authorHandle, 0);
  for (const d of days) if (d.account) count(d.account, 1);
  return [...counts.entries()].sort(([ha, a], [hb, b]) => b[0] - a[0] || b[1] - a[1] || ha.localeCompare(hb)).map(([h]) => h);
}

/** A day's figures without whose they are. */
const figuresOf = ({ account: _, ...figures }: AccountDay): DayFigures => figures;

/**
 * The days of several accounts, each day's figures added up (the institute's accounts together). The
 * engagement rate of a day of several accounts is their engagements over their impressions.
 */
function addUpDays(days: readonly AccountDay[]): DayFigures[] {
  const byDay = new Map<string, DayFigures[]>();
  for (const d of days) {
    const list = byDay.get(d.day);
    if (list) list.push(figuresOf(d));
    else byDay.set(d.day, [figuresOf(d)]);
  }
  const out: DayFigures[] = [];
  // (One account's day stays as its export gave it, its engagement rate included.)
  byDay.forEach((list, day) => void out.push(list.length === 1 ? list[0]! : addUpFigures(list, day)));
  return out.sort((a, b) => a.day.localeCompare(b.day));
}

/** The span of the tweets, widened to the account's days (an account overview imported alone is shown too). */
function extentOf(span: { first: number; last: number } | null, days: readonly DayFigures[]): { first: number; last: number } | null {
  let first = span?.first ?? Infinity;
  let last = span?.last ?? -Infinity;
  for (const d of days) {
    const t = dayStartOf(d.day);
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return last >= first ? { first, last } : null;
}

/** The tables the dashboard reads, in one transaction (an import never shows half-stored). */
async function readDashboardData(db: VeilleDB): Promise<DashboardData> {
  const [metrics, days, partners, snapshots] = await db.transaction('r', [db.tweetMetrics, db.dailyFigures, db.partners, db.profileSnapshots], () =>
    Promise.all([db.tweetMetrics.where('source').equals('analytics').toArray(), db.dailyFigures.toArray(), db.partners.toArray(), db.profileSnapshots.toArray()]),
  );
  const span = timeSpan(metrics);
  return { metrics, days, partners, snapshots, span, extent: extentOf(span, days), accounts: accountsOf(metrics, days) };
}

/** What the page asks. */
export interface DashboardAsk {
  id: number;
  dbName: string;
  /** Raised by the page when a write may have changed what the dashboard reads. */
  version: number;
  choice: DashboardChoice;
}

/** What it gets: the period its choice comes to and the figures, or what went wrong. */
export type DashboardAnswer =
  /** `unnamedDays`: the days imported before Veille asked whose they are (in all, whatever the choice). */
  | { id: number; view: DashboardView; dashboard: Dashboard; accounts: string[]; unnamedDays: number }
  | { id: number; error: string };

/**
 * The figures for a choice, from the data read: for one account, its tweets and its days; for all,
 * every tweet and each day's figures of all the accounts added up.
 */
function answer(id: number, data: DashboardData, choice: DashboardChoice): DashboardAnswer {
  const account = choice.account && data.accounts.includes(choice.account) ? choice.account : null;
  let input: Parameters<typeof computeDashboard>[0] & Pick<DashboardData, 'span' | 'extent'> = { ...data, days: addUpDays(data.days) };
  // (All of several accounts: each one's figures too, to compare them.)
  if (!account && data.accounts.length > 1) input = { ...input, byAccount: { accounts: data.accounts, days: data.days } };
  if (account) {
    const metrics = data.metrics.filter((m) => m.authorHandle === account);
    const days = data.days.filter((d) => d.account === account).map(figuresOf);
    const span = timeSpan(metrics);
    input = { ...data, metrics, days, span, extent: extentOf(span, days) };
  }
  const view = viewOf(input.extent, choice);
  const unnamedDays = data.days.reduce((n, d) => n + (d.account ? 0 : 1), 0);
  return { id, view, dashboard: computeDashboard(input, view.from, view.to, view.by, input.span), accounts: data.accounts, unnamedDays };
}

/** Could a write that touched these parts of database `dbName` have changed what the dashboard shows? */
export function mayChangeDashboard(parts: ObservabilitySet, dbName: string): boolean {
  return !!parts.all || mayChangeAnalytics(parts, dbName) || touchesTables(parts, dbName, ['dailyFigures', 'partners', 'profileSnapshots']);
}

/**
 * Answers asks, reading the data once per version (asks that come while it is read wait for it).
 * `open` gives the database of a name. Used by the worker, and by the page where no worker starts.
 */
export function dashboardAnswerer(open: (name: string) => VeilleDB): (ask: DashboardAsk) => Promise<DashboardAnswer> {
  let loaded: { key: string; data: Promise<DashboardData> } | undefined;
  return async (ask) => {
    const key = `${ask.dbName}#${ask.version}`;
    if (loaded?.key !== key) loaded = { key, data: readDashboardData(open(ask.dbName)) };
    try {
      return answer(ask.id, await loaded.data, ask.choice);
    } catch (e) {
      // (A failed read is tried again at the next ask.)
      if (loaded?.key === key) loaded = undefined;
      return { id: ask.id, error: errorText(e) };
    }
  };
}
