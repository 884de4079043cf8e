/**
 * Tweet engagement snapshots: what the CM saw on the page, kept as dated snapshots, at most one per
 * tweet per hour and none when nothing changed.
 */
import type { CaptureQueue } from './capture-queue';
import type { VeilleDB } from './db';
import type { CapturedTweet, TweetData } from './protocol';
import type { TweetMetric } from './schemas';
import { METRICS } from './x/counts';
import { DAY_MS } from './time';
import { idAtLeast, postedAtOf, snowflakeAt } from './x/tweet-id';

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
  const postedAt = c.postedAt ?? postedAtOf(c.tweetId);
  if (postedAt !== undefined) r.postedAt = postedAt;
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
  // (An archive's counts imported without their date, stamped just after the tweet, would stand first
  // in a captured history, with the archive's later counts: a fall, and a change "since" the tweet.
  // They show only where nothing else is known.)
  const dated = sorted.filter((r) => r.source === 'page' || (r.source === 'archive' && r.capturedAt !== (r.postedAt ?? 0) + 1));
  const history = dated.length ? dated : sorted.filter((r) => r.source === 'archive');
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

/** How far back the tweets an X page is told about up front go (see `recentTweetData`). */
export const RECENT_DAYS = 7;
/** The most stored records read for them: beyond it, the window starts later. */
export const RECENT_RECORDS = 20_000;

/**
 * What is stored about the tweets posted in the last RECENT_DAYS (those a timeline shows), for an X
 * page to draw their strips without asking: every tweet of id `since` or later with stored data is
 * in `tweets`. Tweet ids are snowflakes, ordered by time, so this is one range of the tweetId index,
 * read from the newest; past `limit` records, `since` moves up to the oldest tweet read whole.
 * With `after`, only the tweets of the window with a record stored after that time (by other tabs,
 * since the page's last answer), whole. `at` is the time of this answer.
 */
export async function recentTweetData(
  db: VeilleDB,
  now = Date.now(),
  queue?: CaptureQueue,
  limit = RECENT_RECORDS,
  after?: number,
): Promise<{ since: string; tweets: TweetData[]; at: number }> {
  let since = snowflakeAt(now - RECENT_DAYS * DAY_MS);
  const top = '9'.repeat(since.length);
  /** (Read when called: past the limit, `since` moves up before it is used.) */
  const inWindow = (id: string) => id.length === since.length && idAtLeast(id, since);
  if (after !== undefined) {
    const ids = new Set<string>();
    for (const r of await db.tweetMetrics.where('capturedAt').above(after).toArray()) if (inWindow(r.tweetId)) ids.add(r.tweetId);
    for (const r of queue?.pending() ?? []) if (r.capturedAt > after && inWindow(r.tweetId)) ids.add(r.tweetId);
    const records = ids.size ? await db.tweetMetrics.where('tweetId').anyOf([...ids]).toArray() : [];
    return { since, tweets: group(records, queue, inWindow), at: now };
  }
  const read = await db.tweetMetrics.where('tweetId').between(since, top, true, true).reverse().limit(limit + 1).toArray();
  // (Ids of this length sort as numbers do; shorter ids in the range, older tweets, are left out.)
  let records = read.filter((r) => r.tweetId.length === since.length);
  if (read.length > limit) {
    // The oldest tweet read may have more records than were read: it is left out, and the window starts after it.
    const cut = records.at(-1)?.tweetId;
    records = records.filter((r) => r.tweetId !== cut);
    since = records.at(-1)?.tweetId ?? top;
  }
  return { since, tweets: group(records, queue, inWindow), at: now };
}

/** The data of each tweet `keep` takes among these records and the snapshots waiting in the queue (which count as stored). */
function group(records: readonly TweetMetric[], queue: CaptureQueue | undefined, keep: (tweetId: string) => boolean): TweetData[] {
  const byId = new Map<string, TweetMetric[]>();
  const add = (r: TweetMetric) => {
    if (!keep(r.tweetId)) return;
    const list = byId.get(r.tweetId);
    if (list) list.push(r);
    else byId.set(r.tweetId, [r]);
  };
  records.forEach(add);
  for (const r of queue?.pending() ?? []) if (!byId.get(r.tweetId)?.some((x) => x.capturedAt === r.capturedAt && x.source === r.source)) add(r);
  const tweets: TweetData[] = [];
  for (const [id, list] of byId) {
    const data = tweetData(id, list);
    if (data) tweets.push(data);
  }
  return tweets;
}

/**
 * Store the captures that are worth storing, in one transaction, and answer what was stored about
 * these tweets before this visit (only those in `ask`, when given). With a queue, the new snapshots
 * wait there to be written with others, and those already waiting count as stored. `firstSeen`
 * receives the ids (when storing) of the tweets never captured before.
 */
export async function recordTweets(
  db: VeilleDB,
  captures: readonly CapturedTweet[],
  store: boolean,
  now = Date.now(),
  queue?: CaptureQueue,
  ask?: readonly string[],
  firstSeen?: Set<string>,
): Promise<TweetData[]> {
  if (!captures.length && !ask?.length) return [];
  return db.transaction('rw', db.tweetMetrics, async () => {
    const ids = [...new Set([...captures.map((c) => c.tweetId), ...(ask ?? [])])];
    const wanted = ask ? new Set(ask) : null;
    // One request per tweet, all sent at once (a cursor jumping from key to key waits for each step).
    const stored = await Promise.all(ids.map((id) => db.tweetMetrics.where('tweetId').equals(id).toArray()));
    const byId = new Map<string, TweetMetric[]>();
    ids.forEach((id, i) => {
      const records = stored[i]!;
      const waiting = queue?.pendingFor(id);
      if (waiting && !records.some((r) => r.capturedAt === waiting.capturedAt && r.source === waiting.source)) records.push(waiting);
      byId.set(id, records);
    });
    const out: TweetData[] = [];
    const adds: TweetMetric[] = [];
    for (const id of ids) {
      if (wanted && !wanted.has(id)) continue;
      const data = tweetData(id, byId.get(id)!);
      if (data) out.push(data);
    }
    if (store) {
      // Of two captures of a tweet in one batch, the later (the page saw its counts change) is the one.
      const seen = new Set<string>();
      for (let i = captures.length - 1; i >= 0; i--) {
        const c = captures[i]!;
        if (seen.has(c.tweetId)) continue;
        seen.add(c.tweetId);
        const last = byId
          .get(c.tweetId)!
          .filter((r) => r.source === 'page')
          .reduce<TweetMetric | undefined>((a, r) => (!a || r.capturedAt > a.capturedAt ? r : a), undefined);
        if (shouldStore(last, c, now)) adds.push(toRecord(c, now));
        if (!last) firstSeen?.add(c.tweetId);
      }
      // (put: two tabs may capture the same tweet in the same millisecond.)
      if (queue) queue.addSnapshots(adds);
      else await db.tweetMetrics.bulkPut(adds);
    }
    return out;
  });
}
