/**
 * Saved topics: what the CM's veille finds, from "new" to the weekly meeting to "published".
 */
import MiniSearch from 'minisearch';
import type { VeilleDB } from './db';
import { statusUrl, tweetOfAnyone, tweetOfUrl } from './x/pages';
import { postedAtOf } from './x/tweet-id';
import { fold, type FieldIssue } from './partners';
import { LIMITS, topicInputSchema, uniqueTags, type PartnerCategory, type Topic, type TopicInput, type TopicStatus } from './schemas';
import { DAY_MS, dayEndOf, dayStartOf } from './time';
import { decoded } from './web-address';

const TRACKING = /^(utm_.*|fbclid|gclid|mc_cid|mc_eid|ref_src|ref_url)$/i;

/** The key of a query's pair as written ("utm%5Fsource=…"), read. */
function queryKey(pair: string): string {
  return decoded(pair.split('=')[0]!.replace(/\+/g, ' '));
}

/**
 * The URL that identifies a topic: lower-case host, no "www.", twitter.com and mobile.twitter.com as
 * x.com, no fragment, no tracking parameters, no trailing slash. A tweet's address is the one its
 * "☆" saves (`statusUrl`): its author's handle in lower case (X writes it as the account does,
 * `/UnivNantes/status/1`, and reads it in any case), without what X adds after the id
 * (`/photo/1`, `/analytics`) or in its query.
 */
export function normalizeUrl(raw: string): string {
  const tweet = tweetOfUrl(raw) ?? tweetOfAnyone(raw);
  if (tweet) return statusUrl(tweet.handle, tweet.tweetId);
  try {
    const u = new URL(raw.trim());
    u.hash = '';
    u.hostname = u.hostname.toLowerCase().replace(/^www\./, '');
    if (['twitter.com', 'mobile.twitter.com'].includes(u.hostname)) u.hostname = 'x.com';
    // X's share links add ?s=20&t=…, its searches ?src=typed_query (or trend_click, hashtag_click);
    // elsewhere s, t and src may mean something. (The rest of the query as written: read and written
    // again as form data, "doi=10.1038/x" would become "doi=10.1038%2Fx", another address than the
    // same page's without the tracking.)
    const tracking = (pair: string) => {
      const key = queryKey(pair);
      return TRACKING.test(key) || (u.hostname === 'x.com' && /^(s|t|src)$/.test(key));
    };
    const pairs = u.search.slice(1).split('&');
    if (pairs.some(tracking)) u.search = pairs.filter((p) => p && !tracking(p)).join('&');
    // (Every slash at the end of its path, where the path ends it: "/articles//" is "/articles", as
    // it is once normalised again; a query ending with one, "?next=/", keeps it.)
    if (u.pathname !== '/' && u.toString() === u.origin + u.pathname) u.pathname = u.pathname.replace(/\/+$/, '') || '/';
    return u.toString();
  } catch {
    return raw.trim();
  }
}

/**
 * The topic saved at this address (any form of it: see `normalizeUrl`), if any. A tweet's topic
 * saved before its handle was written in lower case (from a link or typed, `/UnivNantes/status/1`)
 * is found too.
 */
export function topicAt(db: VeilleDB, url: string): Promise<Topic | undefined> {
  const key = normalizeUrl(url);
  return (tweetOfUrl(key) ? db.topics.where('url').equalsIgnoreCase(key) : db.topics.where('url').equals(key)).first();
}

/** The dashboard's address for a topic's details (the popup links a topic saved already, a notification the one saved). */
export const TOPIC_HASH = '#topic-';

/** The topic a dashboard's address names (`TOPIC_HASH`), or null. */
export function topicOfHash(hash: string): string | null {
  return hash.startsWith(TOPIC_HASH) && hash.length > TOPIC_HASH.length ? decoded(hash.slice(TOPIC_HASH.length)) : null;
}

/** The moves the board allows: each status can go to these. */
export const TRANSITIONS: Record<TopicStatus, TopicStatus[]> = {
  new: ['watching', 'proposed', 'dropped'],
  watching: ['new', 'proposed', 'dropped'],
  proposed: ['watching', 'published', 'dropped'],
  published: ['proposed'],
  dropped: ['new', 'watching'],
};

export function canMove(from: TopicStatus, to: TopicStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

export type SaveTopicResult = { ok: true; topic: Topic; created: boolean } | { ok: false; issues: FieldIssue[] };

const issuesOf = (e: { issues: { path: PropertyKey[]; message: string }[] }): FieldIssue[] =>
  e.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));

/**
 * A note saved again on a topic that has one: the CM's note stays, and the new words (a passage
 * selected, a note typed in the popup) follow it, unless it holds them already (or they hold it: the
 * popup's note, written on), within the note's length.
 */
export function addToNote(kept: string, added: string): string {
  if (!added || kept.includes(added)) return kept;
  if (added.includes(kept)) return added;
  return `${kept}\n\n${added}`.slice(0, LIMITS.note);
}

/**
 * Save a topic in one gesture. Saving the same URL twice updates the topic already saved instead of
 * adding a duplicate; `created` says which happened. What the CM wrote stays: the status, the
 * creation date, the title (unless `retitle`: a title the CM typed, in the popup), the note (the
 * new words are added after it) and the tags (the new ones are added); what the source says (its
 * text, hashtags, media, author, date) is taken anew where the save has it.
 */
export async function saveTopic(
  db: VeilleDB,
  input: TopicInput,
  opts: { sessionId?: string; now?: number; retitle?: boolean } = {},
): Promise<SaveTopicResult> {
  const parsed = topicInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  const now = opts.now ?? Date.now();
  const v = { ...parsed.data, url: parsed.data.url ? normalizeUrl(parsed.data.url) : undefined };
  if (!v.url) delete v.url;
  // A tweet saved from a link to it (or its address typed) is that tweet's topic, as one saved with
  // its ☆: it leaves the partners' tweets to relay, and counts among its author's topics.
  const tweet = v.url && !v.sourceTweetId ? tweetOfUrl(v.url) : null;
  if (tweet) {
    v.sourceTweetId = tweet.tweetId;
    v.sourceHandle ??= tweet.handle;
    const posted = postedAtOf(tweet.tweetId);
    if (v.postedAt === undefined && posted !== undefined) v.postedAt = posted;
  }
  return db.transaction('rw', db.topics, async () => {
    const same = v.url ? await topicAt(db, v.url) : undefined;
    if (same) {
      const merged: Topic = {
        ...same,
        ...v,
        title: opts.retitle ? v.title : same.title,
        note: addToNote(same.note, v.note),
        // (The tags saved, then the new ones, within 30.)
        tags: uniqueTags([...same.tags, ...v.tags]).slice(0, LIMITS.tags),
        hashtags: v.hashtags.length ? v.hashtags : same.hashtags,
        updatedAt: now,
      };
      await db.topics.put(merged);
      return { ok: true, topic: merged, created: false } as SaveTopicResult;
    }
    const topic: Topic = { ...v, id: crypto.randomUUID(), status: 'new', createdAt: now, updatedAt: now };
    if (opts.sessionId) topic.sessionId = opts.sessionId;
    await db.topics.add(topic);
    return { ok: true, topic, created: true } as SaveTopicResult;
  });
}

/**
 * What identifies a topic by its address across browsers: its address as `normalizeUrl` writes it,
 * and a tweet's in lower case (as `topicAt` finds it).
 */
export function topicUrlKey(url: string): string {
  const key = normalizeUrl(url);
  return tweetOfUrl(key) ? key.toLowerCase() : key;
}

/**
 * Two records of one topic, saved from the same address in two browsers (a backup merged): one
 * topic, under `kept`'s id. The one edited last gives its status, title and what its source says;
 * neither's words are lost: its note gets the other's after it, its tags the other's, and it was
 * saved when the first of them was.
 */
export function sameTopic(kept: Topic, other: Topic): Topic {
  const [last, first] = other.updatedAt > kept.updatedAt ? [other, kept] : [kept, other];
  const out: Topic = {
    ...first,
    ...last,
    id: kept.id,
    url: kept.url,
    note: addToNote(last.note, first.note),
    tags: uniqueTags([...last.tags, ...first.tags]).slice(0, LIMITS.tags),
    hashtags: last.hashtags.length ? last.hashtags : first.hashtags,
    createdAt: Math.min(kept.createdAt, other.createdAt),
  };
  // (Published: when the last one says; a topic not published has no date of it.)
  if (last.publishedAt === undefined) delete out.publishedAt;
  return out;
}

/** Edit a topic from its detail view. */
export async function updateTopic(db: VeilleDB, id: string, input: TopicInput, status: TopicStatus, now = Date.now()): Promise<SaveTopicResult> {
  const parsed = topicInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  return db.transaction('rw', db.topics, async () => {
    const old = await db.topics.get(id);
    if (!old) return { ok: false, issues: [{ field: '', message: 'err_topic_gone' }] } as SaveTopicResult;
    const url = parsed.data.url ? normalizeUrl(parsed.data.url) : undefined;
    if (url) {
      const other = await topicAt(db, url);
      if (other && other.id !== id) return { ok: false, issues: [{ field: 'url', message: 'err_topic_url_taken' }] } as SaveTopicResult;
    }
    if (!canMove(old.status, status)) return { ok: false, issues: [{ field: 'status', message: 'err_topic_move' }] } as SaveTopicResult;
    // (The published tweet by its address as X gives it today: x.com, no query.)
    const tweet = parsed.data.publishedUrl ? tweetOfUrl(parsed.data.publishedUrl) : null;
    const topic: Topic = withStatus({ ...old, ...parsed.data, url }, status, now);
    if (!url) delete topic.url;
    if (tweet) topic.publishedUrl = statusUrl(tweet.handle, tweet.tweetId);
    else delete topic.publishedUrl;
    await db.topics.put(topic);
    return { ok: true, topic, created: false } as SaveTopicResult;
  });
}

/** The topic with status `to`, changed at `now`: published then if it was not before, and not published any more if it leaves. */
function withStatus(t: Topic, to: TopicStatus, now: number): Topic {
  const next: Topic = { ...t, status: to, updatedAt: now };
  if (to !== 'published') delete next.publishedAt;
  else if (t.status !== 'published') next.publishedAt = now;
  return next;
}

/** Move a card on the board. Refused (false) when the board does not allow that move. */
export async function moveTopic(db: VeilleDB, id: string, to: TopicStatus, now = Date.now()): Promise<boolean> {
  return db.transaction('rw', db.topics, async () => {
    const t = await db.topics.get(id);
    if (!t || !canMove(t.status, to)) return false;
    if (t.status !== to) await db.topics.put(withStatus(t, to, now));
    return true;
  });
}

/**
 * A first draft of the post that publishes a topic: its title, the account it came from named by
 * handle (X links it and lets them know), and its first two hashtags, each unless the title has it;
 * the composer adds the topic's address.
 */
export function draftOf(topic: Pick<Topic, 'title' | 'sourceHandle' | 'hashtags'>): string {
  const title = topic.title.trim();
  const has = (word: string) => new RegExp(`(^|[^\\p{L}\\p{N}_@#])${word}(?![\\p{L}\\p{N}_])`, 'iu').test(title);
  const words = [title];
  if (topic.sourceHandle && !has(`@${topic.sourceHandle}`)) words.push(`@${topic.sourceHandle}`);
  for (const tag of topic.hashtags.filter((h) => /^#[\p{L}\p{N}_]+$/u.test(h)).slice(0, 2)) if (!has(tag)) words.push(tag);
  return words.join(' ');
}

/** How long a topic waits as new or watched, untouched, before the board offers to drop it. */
export const STALE_DAYS = 30;

/** A new or watched topic untouched (not saved again, moved or edited) for `STALE_DAYS` days at `now`. */
export function isStale(t: Pick<Topic, 'status' | 'updatedAt'>, now: number): boolean {
  return (t.status === 'new' || t.status === 'watching') && t.updatedAt <= now - STALE_DAYS * DAY_MS;
}

/** Topics dropped together, as they were: what `undoDrop` puts back. */
export interface Dropped {
  at: number;
  topics: Topic[];
}

/**
 * Drop these topics at `now`, in one transaction: those still stale (see `isStale`) when it runs,
 * the others left as they are.
 */
export async function dropStale(db: VeilleDB, ids: readonly string[], now = Date.now()): Promise<Dropped> {
  return db.transaction('rw', db.topics, async () => {
    const topics = (await db.topics.bulkGet([...ids])).filter((t): t is Topic => !!t && isStale(t, now));
    await db.topics.bulkPut(topics.map((t) => withStatus(t, 'dropped', now)));
    return { at: now, topics };
  });
}

/**
 * Put back topics dropped together, as they were, in one transaction: those not changed since (a
 * topic moved or edited after is left as it is now). How many were put back.
 */
export async function undoDrop(db: VeilleDB, dropped: Dropped): Promise<number> {
  return db.transaction('rw', db.topics, async () => {
    const now = await db.topics.bulkGet(dropped.topics.map((t) => t.id));
    const back = dropped.topics.filter((_, i) => now[i]?.status === 'dropped' && now[i]?.updatedAt === dropped.at);
    await db.topics.bulkPut(back);
    return back.length;
  });
}

export async function deleteTopic(db: VeilleDB, id: string): Promise<void> {
  await db.topics.delete(id);
}

/**
 * Full-text search over titles, notes, tags and tweet text, forgiving accents and small typos. The
 * index is made at the first search, not before: for 2,000 topics it takes 40 – 75 ms (a long task
 * when the code is cold), which the board's opening and every card moved would otherwise pay.
 */
export function topicIndex(topics: readonly Topic[]): (query: string) => Set<string> {
  let index: MiniSearch<Topic> | undefined;
  return (query) => {
    index ??= indexOf(topics);
    return new Set(index.search(query).map((r) => String(r.id)));
  };
}

function indexOf(topics: readonly Topic[]): MiniSearch<Topic> {
  const index = new MiniSearch<Topic>({
    fields: ['title', 'note', 'tagText', 'text', 'sourceHandle', 'sourceName'],
    storeFields: [],
    extractField: (doc, field) => (field === 'tagText' ? [...doc.tags, ...doc.hashtags].join(' ') : String((doc as unknown as Record<string, unknown>)[field] ?? '')),
    processTerm: (term) => fold(term),
    searchOptions: { prefix: true, fuzzy: 0.2, combineWith: 'AND', boost: { title: 2 } },
  });
  index.addAll(topics);
  return index;
}

export interface TopicFilter {
  query: string;
  tag: string;
  category: PartnerCategory | 'all';
  /** Saved on or after, local YYYY-MM-DD. */
  from: string;
  to: string;
}

export function filterTopics(
  topics: readonly Topic[],
  f: TopicFilter,
  categoryOf: (handle: string | undefined) => PartnerCategory | undefined,
  search: (q: string) => Set<string>,
): Topic[] {
  const hits = f.query.trim() ? search(f.query) : null;
  const from = f.from ? dayStartOf(f.from) : -Infinity;
  const to = f.to ? dayEndOf(f.to) : Infinity;
  return topics.filter(
    (t) =>
      (!hits || hits.has(t.id)) &&
      (!f.tag || t.tags.some((x) => fold(x) === fold(f.tag)) || t.hashtags.some((x) => fold(x) === fold(f.tag))) &&
      (f.category === 'all' || categoryOf(t.sourceHandle) === f.category) &&
      t.createdAt >= from &&
      t.createdAt < to,
  );
}
