/**
 * Profile snapshots (followers, following, posts; at most one per account per day), the numeric user
 * id that keeps a renamed partner recognised, and what the profile card shows.
 */
import { localDayOf } from './time';
import { holdsAny, type VeilleDB } from './db';
import type { CapturedProfile, ProfileCard } from './protocol';
import { LIMITS, type TweetMetric } from './schemas';

export interface ProfileResult {
  card: ProfileCard;
  /** A partner was recognised by user id under a new handle, and renamed. */
  renamed: boolean;
  /** A partner who had no name took the one its profile shows. */
  named: boolean;
}

export async function recordProfile(db: VeilleDB, p: CapturedProfile, store: boolean, now = Date.now()): Promise<ProfileResult> {
  return db.transaction('rw', [db.profileSnapshots, db.partners, db.tweetMetrics], async () => {
    const snaps = (await db.profileSnapshots.where('handle').equals(p.handle).toArray()).sort((a, b) => a.capturedAt - b.capturedAt);
    const lastSeen = await lastSeenOn(db, p.handle);

    const card: ProfileCard = {
      handle: p.handle,
      followers: snaps.flatMap((s) => (s.followers === null ? [] : [{ t: s.capturedAt, followers: s.followers }])),
    };
    if (snaps[0]) card.firstSeen = snaps[0].capturedAt;
    if (lastSeen) card.lastSeen = lastSeen;

    const mentions = await mentionsOf(db, p.handle);
    if (mentions) card.mentions = mentions.last ? { count: mentions.count, last: mentions.last.postedAt } : { count: mentions.count };

    let renamed = false;
    let named = false;
    if (store) {
      await db.profileSnapshots.put({
        handle: p.handle,
        day: localDayOf(now),
        capturedAt: now,
        followers: p.followers,
        following: p.following,
        posts: p.posts,
        ...(p.userId ? { userId: p.userId } : {}),
      });
      if (p.userId) renamed = await rememberUserId(db, p.handle, p.userId, now);
      named = await nameIfUnnamed(db, p.handle, p.name, now);
    }
    return { card, renamed, named };
  });
}

/** The institution's tweets that mention an account (see `mentionsOf`). */
export interface Mentions {
  count: number;
  /** The latest of them, where the exports date them. */
  last?: { tweetId: string; authorHandle?: string; postedAt: number };
}

/**
 * The institution's tweets (its imported analytics) that mention this account: how many, and the
 * latest; null when no analytics were imported (none is then not an answer).
 */
export async function mentionsOf(db: VeilleDB, handle: string): Promise<Mentions | null> {
  if (!(await holdsAny(db.tweetMetrics.where('source').equals('analytics')))) return null;
  const mentioning = (await db.tweetMetrics.where('mentions').equals(handle).toArray()).filter((r) => r.source === 'analytics');
  const last = mentioning.reduce<TweetMetric | undefined>((a, r) => ((r.postedAt ?? 0) > (a?.postedAt ?? 0) ? r : a), undefined);
  const count = new Set(mentioning.map((r) => r.tweetId)).size;
  if (!last) return { count };
  return { count, last: { tweetId: last.tweetId, postedAt: last.postedAt!, ...(last.authorHandle ? { authorHandle: last.authorHandle } : {}) } };
}

/**
 * When the CM last saw this account on X, or 0 for never: its profile's latest snapshot, or its tweet
 * captured from the page last (an analytics export imported later is not a visit).
 */
export async function lastSeenOn(db: VeilleDB, handle: string): Promise<number> {
  const [snap, tweet] = await Promise.all([
    db.profileSnapshots.where('[handle+day]').between([handle, ''], [handle, '\uffff']).last(),
    db.tweetMetrics
      .where('[authorHandle+capturedAt]')
      .between([handle, 0], [handle, Infinity])
      .filter((r) => r.source === 'page')
      .last(),
  ]);
  return Math.max(snap?.capturedAt ?? 0, tweet?.capturedAt ?? 0);
}

/**
 * `lastSeenOn` for each of these handles, 100 handles to a transaction, one after the other: a
 * transaction for each read made the page's 1,500 partners a task of 300 ms (3,000 transactions
 * opened at once), and one for them all, of 150 ms.
 */
export async function lastSeenOf(db: VeilleDB, handles: readonly string[]): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  for (let i = 0; i < handles.length; i += LAST_SEEN_CHUNK) {
    const some = handles.slice(i, i + LAST_SEEN_CHUNK);
    const times = await db.transaction('r', db.profileSnapshots, db.tweetMetrics, () => Promise.all(some.map((h) => lastSeenOn(db, h))));
    some.forEach((h, j) => seen.set(h, times[j]!));
  }
  return seen;
}
const LAST_SEEN_CHUNK = 100;

/**
 * A partner added by handle alone (a pasted list, a CSV of handles) takes the name its profile
 * shows; a name the CM gave is never changed. True when the partner was named.
 */
async function nameIfUnnamed(db: VeilleDB, handle: string, name: string, now: number): Promise<boolean> {
  const shown = name.trim().slice(0, LIMITS.name);
  if (!shown) return false;
  const partner = await db.partners.where('handle').equals(handle).first();
  if (!partner || partner.name) return false;
  await db.partners.update(partner.id, { name: shown, updatedAt: now });
  return true;
}

/**
 * Keep the user id on the partner. A partner known by this id under another handle has renamed:
 * follow them to the new handle (unless another partner already has it). True when renamed.
 */
async function rememberUserId(db: VeilleDB, handle: string, userId: string, now: number): Promise<boolean> {
  const byId = await db.partners.where('userId').equals(userId).first();
  const byHandle = await db.partners.where('handle').equals(handle).first();
  if (byId && byId.handle !== handle && !byHandle) {
    await db.partners.update(byId.id, { handle, updatedAt: now });
    return true;
  }
  if (byHandle && byHandle.userId !== userId) await db.partners.update(byHandle.id, { userId });
  return false;
}
