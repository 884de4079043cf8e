/**
 * Accounts as the CM saw them on X, over a period: what Veille captured from the page as they
 * browsed, with no analytics export. The institution's own accounts (partners of the category
 * Institution): the weekly report gives their week, the dashboard its period. The other partners:
 * the report names their most viewed tweets of the week, the board those to relay.
 */
import type { VeilleDB } from './db';
import type { Partner, PartnerCategory, ProfileSnapshot, TweetMetric } from './schemas';
import { getSettings } from './settings';
import { DAY_MS, localDayOf } from './time';
import { postedAtOf } from './x/tweet-id';

/** One of their tweets, by its latest capture. */
export interface SeenTweet {
  tweetId: string;
  authorHandle: string;
  postedAt: number;
  views: number;
  likes: number;
}

/** Some accounts' tweets posted in a period and seen on X, each by its latest capture (made then or since). */
export interface SeenTweets {
  tweets: number;
  /** The accounts of those tweets. */
  authors: string[];
  views: number;
  likes: number;
  reposts: number;
  replies: number;
  /** Some count added up was read from a label X abbreviates ("1.7K"). */
  approximate: boolean;
  /** The most viewed of those tweets, the most first (as many as asked). */
  top: SeenTweet[];
}

export interface SeenOnX extends SeenTweets {
  /** The institution's accounts, by handle. */
  accounts: string[];
  /**
   * The followers of each account seen on its profile during the period: at the last visit, and the
   * change since the last visit before the period (or the period's first visit), on day `since`.
   */
  followers: { handle: string; followers: number; change: { by: number; since: string } | null }[];
  /** The accounts whose profile was not visited during the period. */
  notVisited: string[];
  /** Capture from the page is on (settings): off, nothing new is seen. */
  capturing: boolean;
}

/** What the page showed of the institution's tweets, their profiles' snapshots, and whether capture is on. */
export interface SeenInput {
  captures: readonly TweetMetric[];
  snapshots: readonly ProfileSnapshot[];
  capturing: boolean;
}

/** The counts added up for the period, as `seenFigures` writes them; those of a tweet in a top list. */
export const SEEN_COUNTS = ['views', 'likes', 'reposts', 'replies'] as const;
export const TOP_COUNTS = ['views', 'likes'] as const;

/** The handles of the institution's own accounts: its partners of the category Institution. */
export function institutionAccounts(partners: readonly Partner[]): string[] {
  return partners.filter((p) => p.category === 'institution').map((p) => p.handle);
}

/** The latest capture of each tweet of `accounts` posted in [from, to) and seen on X. */
export function latestSeen(accounts: ReadonlySet<string>, captures: readonly TweetMetric[], from: number, to: number): Map<string, TweetMetric> {
  const latest = new Map<string, TweetMetric>();
  for (const m of captures) {
    if (m.source !== 'page' || !m.authorHandle || !accounts.has(m.authorHandle)) continue;
    const posted = postedAtOf(m.tweetId);
    if (posted === undefined || posted < from || posted >= to) continue;
    const had = latest.get(m.tweetId);
    if (!had || m.capturedAt > had.capturedAt) latest.set(m.tweetId, m);
  }
  return latest;
}

/** The tweets of `accounts` posted in [from, to) and seen on X, with the `topN` most viewed. */
export function seenTweets(accounts: ReadonlySet<string>, captures: readonly TweetMetric[], from: number, to: number, topN: number): SeenTweets {
  const latest = latestSeen(accounts, captures, from, to);
  const sums = { views: 0, likes: 0, reposts: 0, replies: 0 };
  let approximate = false;
  const tweets: SeenTweet[] = [];
  const authors = new Set<string>();
  for (const m of latest.values()) {
    for (const k of SEEN_COUNTS) sums[k] += m[k] ?? 0;
    approximate ||= SEEN_COUNTS.some((k) => m.approximate?.includes(k));
    authors.add(m.authorHandle!);
    tweets.push({ tweetId: m.tweetId, authorHandle: m.authorHandle!, postedAt: postedAtOf(m.tweetId)!, views: m.views ?? 0, likes: m.likes ?? 0 });
  }
  const top = tweets.sort((a, b) => b.views - a.views || b.likes - a.likes || b.postedAt - a.postedAt).slice(0, topN);
  return { tweets: latest.size, authors: [...authors].sort(), ...sums, approximate, top };
}

/** The period [from, to) of the institution's `accounts`, with its `topN` most viewed tweets. */
export function seenOnX(accounts: readonly string[], { captures, snapshots, capturing }: SeenInput, from: number, to: number, topN = 1): SeenOnX {
  const own = new Set(accounts);
  const [first, last] = [localDayOf(from), localDayOf(to - 1)];
  const followers: SeenOnX['followers'] = [];
  const notVisited: string[] = [];
  for (const handle of [...own].sort()) {
    const mine = snapshots.filter((x) => x.handle === handle && x.followers !== null && x.day <= last).sort((a, b) => a.day.localeCompare(b.day));
    const inPeriod = mine.filter((x) => x.day >= first);
    const end = inPeriod.at(-1);
    if (!end) {
      notVisited.push(handle);
      continue;
    }
    const start = mine.filter((x) => x.day < first).at(-1) ?? (inPeriod.length > 1 ? inPeriod[0] : undefined);
    followers.push({ handle, followers: end.followers!, change: start ? { by: end.followers! - start.followers!, since: start.day } : null });
  }
  return { accounts: [...own].sort(), ...seenTweets(own, captures, from, to, topN), followers, notVisited, capturing };
}

/** A partner's tweet seen on X, with who the partner is. */
export interface PartnerTweet extends SeenTweet {
  name: string;
  category: PartnerCategory;
}

/** The partners' tweets (the institution's own accounts aside) posted in a period and seen on X. */
export interface PartnersOnX extends SeenTweets {
  /** How many partners there are, the institution's own accounts aside. */
  partners: number;
  top: PartnerTweet[];
}

/** The partners' tweets posted in [from, to) and seen on X in `captures`, with the `topN` most viewed. */
export function partnersOnX(partners: readonly Partner[], captures: readonly TweetMetric[], from: number, to: number, topN: number): PartnersOnX {
  const others = new Map(partners.filter((p) => p.category !== 'institution').map((p) => [p.handle, p]));
  const seen = seenTweets(new Set(others.keys()), captures, from, to, topN);
  const top = seen.top.map((x) => ({ ...x, name: others.get(x.authorHandle)!.name, category: others.get(x.authorHandle)!.category }));
  return { ...seen, partners: others.size, top };
}

/** How many days back the partners' tweets to relay are taken from, and how many are named. */
export const RELAY_DAYS = 3;
export const RELAY_TOP = 5;

/**
 * The partners' tweets to relay at `now`: of those posted in the last `RELAY_DAYS` days and seen on
 * X, each partner's most viewed, the most viewed partners first (a few big accounts would otherwise
 * fill the list), those already saved as topics aside.
 */
export async function loadPartnersToRelay(db: VeilleDB, now: number): Promise<{ partners: number; tweets: PartnerTweet[] }> {
  const from = now - RELAY_DAYS * DAY_MS;
  const [partners, captures, saved] = await Promise.all([
    db.partners.toArray(),
    readPeriodCaptures(db, from, now),
    // (Read whole and filtered here: Dexie reads a filtered table by a cursor, one step per topic,
    // seconds for a year of them.)
    db.topics.toArray().then((all) => all.filter((t) => t.sourceTweetId !== undefined)),
  ]);
  const savedIds = new Set(saved.map((t) => t.sourceTweetId));
  const seen = partnersOnX(partners, captures.filter((m) => !savedIds.has(m.tweetId)), from, now + 1, Infinity);
  const byPartner = new Map<string, PartnerTweet>();
  for (const x of seen.top) if (!byPartner.has(x.authorHandle)) byPartner.set(x.authorHandle, x);
  return { partners: seen.partners, tweets: [...byPartner.values()].slice(0, RELAY_TOP) };
}

/** How long after a period its tweets' captures are read for their latest counts (`readPeriodCaptures`). */
export const CAPTURES_AFTER_MS = 7 * DAY_MS;

/**
 * The tweets captured from the page in [from, to + `CAPTURES_AFTER_MS`), by the index of capture
 * time: every account's, for the tweets of [from, to) by the latest counts seen within a week after
 * it (a tweet's counts settle within days; reading every capture since would read a year of them
 * for a week a year ago).
 */
export async function readPeriodCaptures(db: VeilleDB, from: number, to: number): Promise<TweetMetric[]> {
  const rows = await db.tweetMetrics.where('capturedAt').between(from, to + CAPTURES_AFTER_MS, true, false).toArray();
  return rows.filter((m) => m.source === 'page');
}

/**
 * What `seenOnX` reads for these accounts: their tweets captured since `from` (by the index of
 * author and time, not every tweet of the period), their profiles' snapshots, and whether capture is on.
 */
export async function readSeenInput(db: VeilleDB, accounts: readonly string[], from: number): Promise<SeenInput> {
  const [captures, snapshots, settings] = await Promise.all([
    Promise.all(accounts.map((h) => db.tweetMetrics.where('[authorHandle+capturedAt]').between([h, from], [h, Infinity], true, true).toArray())),
    // (An account at a time: Dexie's anyOf steps a cursor through every snapshot, one at a time.)
    Promise.all(accounts.map((h) => db.profileSnapshots.where('handle').equals(h).toArray())).then((each) => each.flat()),
    getSettings(db),
  ]);
  return { captures: captures.flat(), snapshots, capturing: settings.captureEnabled };
}

/** The institution's accounts, or `only` if it is one of them. */
async function accountsOf(db: VeilleDB, only: string | null): Promise<string[]> {
  const own = institutionAccounts(await db.partners.where('category').equals('institution').toArray());
  return only === null ? own : own.filter((h) => h === only);
}

/** The period [from, to) of the institution's accounts (or of `only`, if it is one of them), from the database. */
export async function loadSeenOnX(db: VeilleDB, from: number, to: number, topN: number, only: string | null = null): Promise<SeenOnX> {
  const accounts = await accountsOf(db, only);
  return seenOnX(accounts, await readSeenInput(db, accounts, from), from, to, topN);
}

/** Each of the institution's tweets (or `only`'s) posted in [from, to) and seen on X, by its latest capture, the oldest first. */
export async function loadSeenList(db: VeilleDB, from: number, to: number, only: string | null = null): Promise<TweetMetric[]> {
  const accounts = await accountsOf(db, only);
  const { captures } = await readSeenInput(db, accounts, from);
  return [...latestSeen(new Set(accounts), captures, from, to).values()].sort((a, b) => postedAtOf(a.tweetId)! - postedAtOf(b.tweetId)! || a.tweetId.localeCompare(b.tweetId));
}

/** A language's plural rules and number format, made once each (a report or a list asks for dozens of counts). */
const formats = new Map<string, { plurals: Intl.PluralRules; numbers: Intl.NumberFormat }>();
function formatsOf(locale: string) {
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = { plurals: new Intl.PluralRules(locale), numbers: new Intl.NumberFormat(locale) }));
  return f;
}

/** The form of a message about `n` things in `locale`: "one" or "other". */
export function pluralOf(locale: string, n: number): 'one' | 'other' {
  return formatsOf(locale).plurals.select(n) === 'one' ? 'one' : 'other';
}

/**
 * A count and its word, in the form its number takes in `locale`, the number written as `locale`
 * writes it: `w` gives the message `${key}_one|other` ("1 engagement", "1,250 impressions"; "0 vue").
 */
export function counted(w: (key: string, ...subs: string[]) => string, locale: string, key: string, n: number): string {
  return w(`${key}_${pluralOf(locale, n)}`, formatsOf(locale).numbers.format(n));
}

/**
 * Counts as words, each in the form its number takes ("1 reply", "2 replies"; "0 vue"), written as
 * `locale` writes numbers, joined by `separator`. `w` gives the messages `seen_<count>_one|other`.
 */
export function seenFigures<K extends (typeof SEEN_COUNTS)[number]>(
  counts: Record<K, number>,
  keys: readonly K[],
  w: (key: string, ...subs: string[]) => string,
  locale: string,
  separator: string,
): string {
  return keys.map((k) => counted(w, locale, `seen_${k}`, counts[k])).join(separator);
}
