/**
 * The dashboard's data, read and computed away from the options page: in a worker of that page
 * (`dashboard.worker.ts`), so that 50,000 imported tweets handed over by IndexedDB and counted never
 * freeze it. The page asks with what the CM chose and a version of the data (raised when a write
 * may have changed it); the worker reads the tables again only for a new version.
 */
import type { VeilleDB } from './db';
import { errorText } from './errors';
import { computeDashboard, timeSpan, viewOf, type Dashboard, type DashboardChoice, type DashboardView } from './dashboard';
import type { AccountDay, Partner, ProfileSnapshot, TweetMetric } from './schemas';
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
  /** The accounts whose tweets were imported, the one with most tweets first. */
  accounts: string[];
}

/** The accounts of these tweets, the one with most tweets first. */
function accountsOf(metrics: readonly TweetMetric[]): string[] {
  const counts = new Map<string, number>();
  for (const m of metrics) if (m.authorHandle) counts.set(m.authorHandle, (counts.get(m.authorHandle) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([h]) => h);
}

/** The span of the tweets, widened to the account's days (an account overview imported alone is shown too). */
function extentOf(span: { first: number; last: number } | null, days: readonly AccountDay[]): { first: number; last: number } | null {
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
  const [metrics, days, partners, snapshots] = await db.transaction('r', [db.tweetMetrics, db.accountDays, db.partners, db.profileSnapshots], () =>
    Promise.all([db.tweetMetrics.where('source').equals('analytics').toArray(), db.accountDays.toArray(), db.partners.toArray(), db.profileSnapshots.toArray()]),
  );
  const span = timeSpan(metrics);
  return { metrics, days, partners, snapshots, span, extent: extentOf(span, days), accounts: accountsOf(metrics) };
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
export type DashboardAnswer = { id: number; view: DashboardView; dashboard: Dashboard; accounts: string[] } | { id: number; error: string };

/**
 * The figures for a choice, from the data read. For one account, its tweets only, and no account
 * days: the per-day exports do not say whose days they are.
 */
function answer(id: number, data: DashboardData, choice: DashboardChoice): DashboardAnswer {
  const account = choice.account && data.accounts.includes(choice.account) ? choice.account : null;
  let input = data;
  if (account) {
    const metrics = data.metrics.filter((m) => m.authorHandle === account);
    const span = timeSpan(metrics);
    input = { ...data, metrics, days: [], span, extent: span };
  }
  const view = viewOf(input.extent, choice);
  return { id, view, dashboard: computeDashboard(input, view.from, view.to, view.by, input.span), accounts: data.accounts };
}

/** Could a write that touched these parts of database `dbName` have changed what the dashboard shows? */
export function mayChangeDashboard(parts: ObservabilitySet, dbName: string): boolean {
  return !!parts.all || mayChangeAnalytics(parts, dbName) || touchesTables(parts, dbName, ['accountDays', 'partners', 'profileSnapshots']);
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
