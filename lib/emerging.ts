/**
 * Emerging topics, computed locally: the content script reads the hashtags and the links' domains
 * of the tweets the CM actually sees, and the worker counts them, each tweet once, the day it first
 * sees the tweet (counts only, per day; no tweet text is kept for this).
 *
 * The rule, kept simple so that it can be explained in a tooltip and tested:
 *   a term is emerging when it was seen in at least MIN_RECENT tweets over the last 3 days, and its
 *   daily average over those 3 days is at least RATIO times its daily average over the 14 days
 *   before (a term never seen before counts as 0.5 a day). Averages are over the days Veille counted
 *   (days the CM spent on X: a weekend away lowers neither); until one of the 14 days was counted,
 *   nothing is compared, and so nothing emerges: on Veille's first days every term would.
 */
import type { VeilleDB } from './db';
import type { CapturedTweet } from './protocol';
import { getDismissedTerms } from './settings';
import { localDayOf } from './time';
import { dayBefore } from './veille';

export const RECENT_DAYS = 3;
export const BASELINE_DAYS = 14;
export const MIN_RECENT = 5;
export const RATIO = 3;

export interface Emerging {
  term: string;
  recent: number;
  baseline: number;
  /** How many times its baseline's daily rate. */
  lift: number;
}

type DayCounts = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** Those of `days` on which Veille counted anything (the CM was on X, capturing). */
function countedDays(counts: DayCounts, days: readonly string[]): string[] {
  return days.filter((d) => {
    for (const byDay of counts.values()) if (byDay.has(d)) return true;
    return false;
  });
}

/** The rule's days Veille counted: of the last RECENT_DAYS, and of the BASELINE_DAYS before them. */
function ruleDays(counts: DayCounts, now: number): { recentDays: string[]; baseDays: string[] } {
  return {
    recentDays: countedDays(counts, Array.from({ length: RECENT_DAYS }, (_, i) => dayBefore(now, i))),
    baseDays: countedDays(counts, Array.from({ length: BASELINE_DAYS }, (_, i) => dayBefore(now, RECENT_DAYS + i))),
  };
}

/** Apply the rule to day counts (day → count) of each term. Pure, for tests. */
export function emergingTerms(counts: DayCounts, now: number, limit = 20): Emerging[] {
  const { recentDays, baseDays } = ruleDays(counts, now);
  if (!baseDays.length) return [];
  const out: Emerging[] = [];
  for (const [term, byDay] of counts) {
    const recent = recentDays.reduce((n, d) => n + (byDay.get(d) ?? 0), 0);
    if (recent < MIN_RECENT) continue;
    const baseline = baseDays.reduce((n, d) => n + (byDay.get(d) ?? 0), 0);
    const lift = recent / recentDays.length / Math.max(baseline / baseDays.length, 0.5);
    if (lift >= RATIO) out.push({ term, recent, baseline, lift: Math.round(lift * 10) / 10 });
  }
  return out.sort((a, b) => b.lift - a.lift || b.recent - a.recent).slice(0, limit);
}

/**
 * While Veille has counted only in the last RECENT_DAYS (its first days), the day from which a term
 * can emerge (YYYY-MM-DD): the first counted day is then one of the days before. Null once it can,
 * and where nothing was counted at all.
 */
export function emergingFrom(counts: DayCounts, now: number): string | null {
  const { recentDays, baseDays } = ruleDays(counts, now);
  if (baseDays.length || !recentDays.length) return null;
  const first = recentDays[recentDays.length - 1]!;
  return dayBefore(new Date(`${first}T12:00:00`).getTime(), -RECENT_DAYS);
}

/** A term of the week (see `weekTerms`): how often it was seen, and whether that is new or a rise. */
export interface WeekTerm {
  term: string;
  count: number;
  /**
   * 'new': not seen in the BASELINE_DAYS before the week; 'rising': seen per day at least RATIO times
   * as often as then; null otherwise, and for every term where nothing was counted then (Veille was
   * not counting yet: every term would read new).
   */
  trend: 'new' | 'rising' | null;
}

/** How many terms the weekly report names, and how often a term must have been seen to be named. */
export const WEEK_TERMS_TOP = 10;
export const WEEK_TERMS_MIN = 3;

/**
 * The terms seen most in the `days` of a week (those already begun), the most seen first, each
 * marked new or rising against the `baseDays` before the week (see `WeekTerm`): its daily average
 * over the week's days against theirs, as the emerging rule measures a rise. Pure, for tests.
 */
export function weekTerms(counts: DayCounts, days: readonly string[], baseDays: readonly string[]): WeekTerm[] {
  const out: WeekTerm[] = [];
  // (Per day of those Veille counted, as the emerging rule reads them.)
  const counted = countedDays(counts, baseDays);
  const weekDays = countedDays(counts, days);
  for (const [term, byDay] of counts) {
    const count = days.reduce((n, d) => n + (byDay.get(d) ?? 0), 0);
    if (count < WEEK_TERMS_MIN) continue;
    const baseline = counted.reduce((n, d) => n + (byDay.get(d) ?? 0), 0);
    const rising = count / Math.max(weekDays.length, 1) >= (RATIO * baseline) / Math.max(counted.length, 1);
    out.push({ term, count, trend: !counted.length ? null : baseline === 0 ? 'new' : rising ? 'rising' : null });
  }
  return out.sort((a, b) => b.count - a.count || a.term.localeCompare(b.term)).slice(0, WEEK_TERMS_TOP);
}

/** The day counts of each term from `since` (a day) on, as `emergingTerms` and `weekTerms` read them. */
export async function termCountsSince(db: VeilleDB, since: string): Promise<Map<string, Map<string, number>>> {
  const rows = await db.termCounts.where('day').aboveOrEqual(since).toArray();
  const counts = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = counts.get(r.term) ?? new Map<string, number>();
    m.set(r.day, r.count);
    counts.set(r.term, m);
  }
  return counts;
}

/** The terms of these captures, each counted once a tweet (null: none). */
export function termsOf(captures: readonly Pick<CapturedTweet, 'tweetId' | 'terms'>[]): Record<string, number> | null {
  const byTweet = new Map<string, Set<string>>();
  for (const c of captures) {
    if (!c.terms?.length) continue;
    let terms = byTweet.get(c.tweetId);
    if (!terms) byTweet.set(c.tweetId, (terms = new Set()));
    for (const term of c.terms) terms.add(term);
  }
  const counts: Record<string, number> = {};
  for (const terms of byTweet.values()) for (const term of terms) counts[term] = (counts[term] ?? 0) + 1;
  return byTweet.size ? counts : null;
}

/** Add the counts of one batch of tweets to today's. */
export async function recordTerms(db: VeilleDB, terms: Record<string, number>, now = Date.now()): Promise<void> {
  await addTermCounts(db, localDayOf(now), Object.entries(terms));
}

/**
 * How many days of counts are kept. The rule reads the last RECENT_DAYS + BASELINE_DAYS (17); a
 * CM who browses X all day sees thousands of distinct terms a day, and counts nobody reads would
 * make the database and its backups grow for ever. Older days are deleted as counts are added, once
 * a day.
 */
export const KEEP_DAYS = 90;
/** Database → the day before which its counts were last deleted. */
const prunedBefore = new WeakMap<VeilleDB, string>();

/** Add counts to those of a day (terms too short or too long for a hashtag or a domain are left out). */
export async function addTermCounts(db: VeilleDB, day: string, counts: Iterable<[string, number]>): Promise<void> {
  const entries = [...counts].filter(([term, n]) => term.length >= 2 && term.length <= 80 && n > 0);
  if (!entries.length) return;
  await db.transaction('rw', db.termCounts, async () => {
    const keys = entries.map(([term]) => [day, term] as [string, string]);
    const old = await db.termCounts.bulkGet(keys);
    await db.termCounts.bulkPut(entries.map(([term, n], i) => ({ day, term, count: (old[i]?.count ?? 0) + Math.round(n) })));
    const cutoff = dayBefore(new Date(`${day}T12:00:00`).getTime(), KEEP_DAYS);
    if (cutoff > (prunedBefore.get(db) ?? '')) {
      await db.termCounts.where('day').below(cutoff).delete();
      prunedBefore.set(db, cutoff);
    }
  });
}

/**
 * The emerging terms now, without those the CM dismissed; and, on Veille's first days, from which
 * day terms can emerge (see `emergingFrom`).
 */
export async function currentEmerging(db: VeilleDB, now = Date.now()): Promise<{ terms: Emerging[]; from: string | null }> {
  const counts = await termCountsSince(db, dayBefore(now, RECENT_DAYS + BASELINE_DAYS - 1));
  const dismissed = await getDismissedTerms(db);
  return { terms: emergingTerms(counts, now).filter((e) => !dismissed[e.term]), from: emergingFrom(counts, now) };
}
