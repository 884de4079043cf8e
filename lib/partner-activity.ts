/**
 * One partner as Veille knows them, for the partner's details in the dashboard: their followers at
 * each visit of their profile, their tweets seen on X lately, the topics saved from them, and the
 * institution's tweets that mention them.
 */
import type { VeilleDB } from './db';
import { lastSeenOn, mentionsOf, type Mentions } from './profiles';
import type { Topic } from './schemas';
import { seenTweets, type SeenTweets } from './seen';
import { DAY_MS } from './time';

/** How far back the partner's tweets seen on X are counted. */
export const ACTIVITY_DAYS = 30;
/** How many of them are named, the most viewed first. */
export const ACTIVITY_TOP = 5;

export interface PartnerActivity {
  /** Their followers at each visit of their profile (those whose counts could be read), oldest first. */
  followers: { at: number; followers: number }[];
  /** When the CM last saw them on X (0: never). */
  lastSeen: number;
  /** Their tweets posted in the last `ACTIVITY_DAYS` days and seen on X. */
  tweets: SeenTweets;
  /** The topics saved from their tweets, the newest first. */
  topics: Pick<Topic, 'id' | 'title' | 'status' | 'createdAt' | 'url'>[];
  /** See `mentionsOf`. */
  mentions: Mentions | null;
}

/** What Veille knows of the account `handle` at `now`. */
export async function loadPartnerActivity(db: VeilleDB, handle: string, now = Date.now()): Promise<PartnerActivity> {
  const from = now - ACTIVITY_DAYS * DAY_MS;
  const [snapshots, lastSeen, captures, topics, mentions] = await Promise.all([
    db.profileSnapshots.where('handle').equals(handle).toArray(),
    lastSeenOn(db, handle),
    db.tweetMetrics.where('[authorHandle+capturedAt]').between([handle, from], [handle, Infinity], true, true).toArray(),
    // (Topics are a few thousand at most, and have no index by source: read whole, and filtered
    // here rather than by Dexie's cursor, one step per topic.)
    db.topics.toArray().then((all) => all.filter((t) => t.sourceHandle === handle)),
    mentionsOf(db, handle),
  ]);
  return {
    followers: snapshots
      .flatMap((s) => (s.followers === null ? [] : [{ at: s.capturedAt, followers: s.followers }]))
      .sort((a, b) => a.at - b.at),
    lastSeen,
    tweets: seenTweets(new Set([handle]), captures, from, now + 1, ACTIVITY_TOP),
    topics: topics
      .sort((a, b) => b.createdAt - a.createdAt)
      .map(({ id, title, status, createdAt, url }) => ({ id, title, status, createdAt, ...(url ? { url } : {}) })),
    mentions,
  };
}
