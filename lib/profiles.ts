/**
 * Profile snapshots (followers, following, posts; at most one per account per day), the numeric user
 * id that keeps a renamed partner recognised, and what the profile card shows.
 */
import { localDayOf } from './time';
import { holdsAny, type VeilleDB } from './db';
import type { CapturedProfile, CapturedTweet, ProfileCard } from './protocol';
import { FORMER_HANDLES_MAX, LIMITS, type FormerHandle, type Partner, type ProfileSnapshot, type TweetMetric } from './schemas';
import { placeKey } from './sources';
import { statusUrl, tweetOfUrl } from './x/pages';

export interface ProfileResult {
  card: ProfileCard;
  /** A partner was recognised by user id under a new handle, and renamed. */
  renamed: boolean;
  /** A partner who had no name took the one its profile shows. */
  named: boolean;
}

/** The tables a profile's visit may change (see `followRename`). */
export const PROFILE_TABLES = (db: VeilleDB) => [db.profileSnapshots, db.partners, db.tweetMetrics, db.topics, db.dailyFigures, db.sources];

export async function recordProfile(db: VeilleDB, p: CapturedProfile, store: boolean, now = Date.now()): Promise<ProfileResult> {
  return db.transaction('rw', PROFILE_TABLES(db), async () => {
    // An account that renamed its handle: what Veille keeps of it under its old handle is moved to
    // this one first (its follower history goes on), and its partner follows.
    const renamed = store && p.userId ? await followRename(db, p.handle, p.userId, now) : false;
    // (Stored, its snapshots under an old handle were just moved: none is left to read there.)
    const snaps = await historyOf(db, p.handle, p.userId, !store);
    const lastSeen = await lastSeenOn(db, p.handle);

    const card: ProfileCard = {
      handle: p.handle,
      followers: snaps.flatMap((s) => (s.followers === null ? [] : [{ t: s.capturedAt, followers: s.followers }])),
    };
    if (snaps[0]) card.firstSeen = snaps[0].capturedAt;
    if (lastSeen) card.lastSeen = lastSeen;

    const mentions = await mentionsOf(db, p.handle);
    if (mentions) card.mentions = mentions.last ? { count: mentions.count, last: mentions.last.postedAt } : { count: mentions.count };

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
 * The institution's tweets (its imported analytics exports and account archive) that mention this
 * account: how many, and the latest; null when neither was imported (none is then not an answer).
 */
export async function mentionsOf(db: VeilleDB, handle: string): Promise<Mentions | null> {
  if (!(await holdsAny(db.tweetMetrics.where('source').anyOf(['analytics', 'archive'])))) return null;
  const mentioning = (await db.tweetMetrics.where('mentions').equals(handle).toArray()).filter((r) => r.source !== 'page');
  const last = mentioning.reduce<TweetMetric | undefined>((a, r) => ((r.postedAt ?? 0) > (a?.postedAt ?? 0) ? r : a), undefined);
  const count = new Set(mentioning.map((r) => r.tweetId)).size;
  if (!last) return { count };
  return { count, last: { tweetId: last.tweetId, postedAt: last.postedAt!, ...(last.authorHandle ? { authorHandle: last.authorHandle } : {}) } };
}

/**
 * When the CM last saw this account on X, or 0 for never: its profile's latest snapshot, its tweet
 * captured from the page last (an analytics export imported later is not a visit), or, for a
 * partner, its tweet seen quoted in another's last.
 */
export async function lastSeenOn(db: VeilleDB, handle: string): Promise<number> {
  const [snap, tweet, partner] = await Promise.all([
    db.profileSnapshots.where('[handle+day]').between([handle, ''], [handle, '\uffff']).last(),
    db.tweetMetrics
      .where('[authorHandle+capturedAt]')
      .between([handle, 0], [handle, Infinity])
      .filter((r) => r.source === 'page')
      .last(),
    db.partners.where('handle').equals(handle).first(),
  ]);
  return Math.max(snap?.capturedAt ?? 0, tweet?.capturedAt ?? 0, partner?.quotedAt ?? 0);
}

/**
 * The partners whose tweets these captures quote were seen at `now` (a quoted tweet has no counts
 * of its own to capture): written at most once an hour for each (the partner list follows its
 * table), and their `updatedAt` stays, the CM changed nothing.
 */
export async function seenQuoted(db: VeilleDB, captures: readonly Pick<CapturedTweet, 'quoted'>[], now: number): Promise<void> {
  const handles = [...new Set(captures.flatMap((c) => c.quoted ?? []))];
  if (!handles.length) return;
  await db.partners
    .where('handle')
    .anyOf(handles)
    .filter((p) => (p.quotedAt ?? 0) <= now - QUOTED_EVERY_MS)
    .modify({ quotedAt: now });
}
const QUOTED_EVERY_MS = 3_600_000;

/**
 * `lastSeenOn` for each of these handles, 100 handles to a transaction, one after the other: a
 * transaction for each read made the page's 1,500 partners a task of 300 ms (3,000 transactions
 * opened at once), and one for them all, of 150 ms.
 */
export async function lastSeenOf(db: VeilleDB, handles: readonly string[]): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  for (let i = 0; i < handles.length; i += LAST_SEEN_CHUNK) {
    const some = handles.slice(i, i + LAST_SEEN_CHUNK);
    const times = await db.transaction('r', db.profileSnapshots, db.tweetMetrics, db.partners, () => Promise.all(some.map((h) => lastSeenOn(db, h))));
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
 * A profile's snapshots, oldest first: those of its handle, but another account's (a handle left
 * and taken since by someone else: by `userId`, where known), and, with `former` (capture off, where
 * nothing was moved), those `userId` has under a handle it had before, one a day.
 */
async function historyOf(db: VeilleDB, handle: string, userId: string | undefined, former: boolean): Promise<ProfileSnapshot[]> {
  const [own, before] = await Promise.all([
    db.profileSnapshots
      .where('handle')
      .equals(handle)
      .filter((s) => !userId || !s.userId || s.userId === userId)
      .toArray(),
    userId && former ? db.profileSnapshots.where('userId').equals(userId).filter((s) => s.handle !== handle).toArray() : [],
  ]);
  const days = new Set(own.map((s) => s.day));
  return [...own, ...before.filter((s) => !days.has(s.day) && days.add(s.day))].sort((a, b) => a.capturedAt - b.capturedAt);
}

/**
 * The account `userId`, seen now as `handle`, had other handles before: those of its profile's
 * snapshots, and its partner's. What Veille keeps by handle moves to the new one: the snapshots (the
 * follower history), and, unless someone else has taken the old handle since, its tweets seen on X,
 * the institute's tweets that mention it, the topics saved from its tweets (their addresses too:
 * the ☆ of such a tweet, now shown under the new handle, shows it saved), the round's place of its
 * profile, and, for an institute's account, its days of analytics. Its partner follows
 * (unless another partner has the new handle), keeps the user id, and remembers the handles it had
 * (see `formerHandles`): the institute's tweets imported later still mention the old one. True when a
 * partner was renamed.
 */
async function followRename(db: VeilleDB, handle: string, userId: string, now: number): Promise<boolean> {
  const [moved, byId, byHandle] = await Promise.all([
    db.profileSnapshots.where('userId').equals(userId).filter((s) => s.handle !== handle).toArray(),
    db.partners.where('userId').equals(userId).first(),
    db.partners.where('handle').equals(handle).first(),
  ]);
  const old = new Set(moved.map((s) => s.handle));
  if (byId && byId.handle !== handle) old.add(byId.handle);
  await moveSnapshots(db, moved, handle);
  /** The old handles whose records moved to the new one. */
  const movedFrom: string[] = [];
  for (const was of old) {
    const [otherProfile, otherPartner] = await Promise.all([
      holdsAny(db.profileSnapshots.where('handle').equals(was).filter((s) => !!s.userId && s.userId !== userId)),
      db.partners.where('handle').equals(was).first(),
    ]);
    if (otherProfile || (otherPartner?.userId && otherPartner.userId !== userId)) continue;
    movedFrom.push(was);
    await moveHandle(db, was, handle);
  }
  const formerly = (p: Partner) => (movedFrom.length ? { formerHandles: withFormer(p.formerHandles, movedFrom, handle, now) } : {});
  if (byId && byId.handle !== handle && !byHandle) {
    await db.partners.update(byId.id, { handle, updatedAt: now, ...formerly(byId) });
    return true;
  }
  // The partner of this handle learns the account's user id, unless it is known as another account
  // (which left this handle, someone else has taken it since, and its partner follows it where it
  // is seen under its new one), or another partner is known as this one: one partner to an account.
  const learns = byHandle && (byHandle.userId === userId || (!byHandle.userId && !byId));
  if (learns && (byHandle.userId !== userId || movedFrom.length)) await db.partners.update(byHandle.id, { userId, ...formerly(byHandle) });
  return false;
}

/**
 * What Veille keeps by handle, but the profile's snapshots, moved from `was` to `handle`: the tweets
 * seen on X by `was`, the institute's tweets that mention it, and, for an institute's account, its
 * days of analytics; the round's place of its profile; the topics saved from its tweets (their
 * addresses too). In the caller's transaction over PROFILE_TABLES.
 */
async function moveHandle(db: VeilleDB, was: string, handle: string): Promise<void> {
  await db.tweetMetrics.where('authorHandle').equals(was).modify({ authorHandle: handle });
  await db.tweetMetrics.where('mentions').equals(was).modify((r) => {
    r.mentions = [...new Set(r.mentions!.map((m) => (m === was ? handle : m)))];
  });
  // (An institute's account: its days of the per-day exports. A day imported under the new handle
  // already stays.)
  const days = await db.dailyFigures.where('account').equals(was).toArray();
  const held = await db.dailyFigures.bulkGet(days.map((d) => [handle, d.day] as [string, string]));
  await db.dailyFigures.bulkPut(days.filter((_, i) => !held[i]).map((d) => ({ ...d, account: handle })));
  await db.dailyFigures.bulkDelete(days.map((d) => [was, d.day] as [string, string]));
  // (The round's place of its profile, named by its handle unless the CM named it otherwise; not
  // when the round has the new handle's already.)
  const places = await db.sources.toArray();
  const [oldPlace, newPlace] = [placeKey(`https://x.com/${was}`), placeKey(`https://x.com/${handle}`)];
  if (!places.some((r) => placeKey(r.url) === newPlace)) {
    await db.sources
      .filter((r) => placeKey(r.url) === oldPlace)
      .modify((r) => {
        r.url = `https://x.com/${handle}`;
        if (r.label.toLowerCase() === `@${was}`) r.label = `@${handle}`;
      });
  }
  await db.topics
    .filter((t) => t.sourceHandle === was)
    .modify((t) => {
      t.sourceHandle = handle;
      if (t.url && t.sourceTweetId && tweetOfUrl(t.url)?.handle === was) t.url = statusUrl(handle, t.sourceTweetId);
    });
}

/**
 * The account renamed itself on X from `was` to `handle`, as the CM says in a partner's form (where
 * Veille has not seen the rename by the account's user id: see `followRename`): what Veille keeps
 * under the old handle moves to the new one, its follower history too, a day's snapshot held under
 * the new handle already staying. In the caller's transaction over PROFILE_TABLES.
 */
export async function moveAccount(db: VeilleDB, was: string, handle: string): Promise<void> {
  await moveSnapshots(db, await db.profileSnapshots.where('handle').equals(was).toArray(), handle);
  await moveHandle(db, was, handle);
}

/** Profile snapshots moved to `handle`: a day's there already stays where it is the later. */
async function moveSnapshots(db: VeilleDB, snaps: readonly ProfileSnapshot[], handle: string): Promise<void> {
  for (const s of snaps) {
    const there = await db.profileSnapshots.get([handle, s.day]);
    if (!there || there.capturedAt < s.capturedAt) await db.profileSnapshots.put({ ...s, handle });
    await db.profileSnapshots.delete([s.handle, s.day]);
  }
}

/**
 * A partner's former handles with `moved` added, left `now` (each once, the latest date; not the
 * handle it has again, `handle`), oldest first, the latest FORMER_HANDLES_MAX.
 */
export function withFormer(former: readonly FormerHandle[] | undefined, moved: readonly string[], handle: string, now: number): FormerHandle[] {
  const kept = (former ?? []).filter((f) => !moved.includes(f.handle) && f.handle !== handle);
  return [...kept, ...moved.filter((h) => h !== handle).map((h) => ({ handle: h, until: now }))].slice(-FORMER_HANDLES_MAX);
}
