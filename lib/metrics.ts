/**
 * Tweet engagement snapshots: what the CM saw on the page, kept as dated snapshots, at most one per
 * tweet per hour and none when nothing changed.
 */
import type { VeilleDB } from './db';
import type { CapturedTweet, TweetData } from './protocol';
import type { TweetMetric } from './schemas';
import { METRICS } from './x/counts';

export const HOUR = 3_600_000;
/** The most history points sent to an overlay for one tweet (the first one always among them). */
export const MAX_POINTS = 48;

/** Should this capture be stored, given the tweet's latest page snapshot? */
export function shouldStore(last: TweetMetric | undefined, next: CapturedTweet, now: number): boolean {
  if (!last) return true;
  const changed = METRICS.some((m) => next.counts[m] !== undefined && next.counts[m] !== (last[m] ?? undefined));
  return changed && now - last.capturedAt >= HOUR;
}

function toRecord(c: CapturedTweet, now: number): TweetMetric {
  const r: TweetMetric = { tweetId: c.tweetId, capturedAt: now, source: 'page', authorHandle: c.author };
  if (c.postedAt !== undefined) r.postedAt = c.postedAt;
  for (const m of METRICS) {
    const v = c.counts[m];
    if (v !== undefined) r[m] = v;
  }
  if (c.approximate.length) r.approximate = [...c.approximate];
  return r;
}

function point(r: TweetMetric): TweetData['history'][number] {
  const p: TweetData['history'][number] = { t: r.capturedAt };
  for (const m of METRICS) {
    const v = r[m];
    if (typeof v === 'number') p[m] = v;
  }
  return p;
}

/** What is stored about these tweets: history (page and archive snapshots) and latest analytics. */
export function tweetData(tweetId: string, records: TweetMetric[]): TweetData | null {
  const sorted = [...records].sort((a, b) => a.capturedAt - b.capturedAt);
  const history = sorted.filter((r) => r.source !== 'analytics');
  const a = sorted.filter((r) => r.source === 'analytics').at(-1);
  if (!history.length && !a) return null;
  const kept = history.length > MAX_POINTS ? [history[0]!, ...history.slice(-(MAX_POINTS - 1))] : history;
  const data: TweetData = { tweetId, history: kept.map(point) };
  if (a) {
    const analytics: NonNullable<TweetData['analytics']> = { t: a.capturedAt };
    for (const k of ['impressions', 'engagements', 'engagementRate', 'urlClicks', 'profileClicks'] as const) {
      const v = a[k];
      if (typeof v === 'number') analytics[k] = v;
    }
    data.analytics = analytics;
  }
  return data;
}

/**
 * Store the captures that are worth storing, in one transaction, and answer what was stored about
 * these tweets before this visit.
 */
export async function recordTweets(db: VeilleDB, captures: readonly CapturedTweet[], store: boolean, now = Date.now()): Promise<TweetData[]> {
  if (!captures.length) return [];
  return db.transaction('rw', db.tweetMetrics, async () => {
    const ids = [...new Set(captures.map((c) => c.tweetId))];
    const all = await db.tweetMetrics.where('tweetId').anyOf(ids).toArray();
    const byId = new Map<string, TweetMetric[]>();
    for (const r of all) byId.set(r.tweetId, [...(byId.get(r.tweetId) ?? []), r]);
    const out: TweetData[] = [];
    const adds: TweetMetric[] = [];
    for (const id of ids) {
      const records = byId.get(id) ?? [];
      const data = tweetData(id, records);
      if (data) out.push(data);
    }
    if (store) {
      const seen = new Set<string>();
      for (const c of captures) {
        if (seen.has(c.tweetId)) continue;
        seen.add(c.tweetId);
        const last = (byId.get(c.tweetId) ?? [])
          .filter((r) => r.source === 'page')
          .reduce<TweetMetric | undefined>((a, r) => (!a || r.capturedAt > a.capturedAt ? r : a), undefined);
        if (shouldStore(last, c, now)) adds.push(toRecord(c, now));
      }
      // (put: two tabs may capture the same tweet in the same millisecond.)
      await db.tweetMetrics.bulkPut(adds);
    }
    return out;
  });
}
