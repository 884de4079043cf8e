/**
 * Storing a parsed analytics export: in one transaction, all of it or none of it. Importing the same
 * file twice changes nothing (nor does a copy of an archive dated otherwise); overlapping exports
 * merge by tweet id and date (and by day), and for a tweet the export with the higher counts (the
 * newer one) wins. A per-day export's days are the account's the CM named: another account's days
 * are never overwritten.
 */
import { ExportRefused, type ParsedExport } from './analytics';
import type { VeilleDB } from './db';
import type { z } from 'zod';
import { accountDaySchema, issueReason, tweetMetricSchema, type AccountDay, type TweetMetric } from './schemas';
import { HANDLE_RE } from './handle';
import { handleNow } from './partners';

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** Records are read and written in slices, so that a 50,000-row import never blocks the page long. */
const SLICE = 2000;
async function inSlices<T, R>(items: T[], fn: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += SLICE) out.push(...(await fn(items.slice(i, i + SLICE))));
  return out;
}

const same = (a: object, b: object) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** The latest archive record stored of each of these tweets that come from an archive. */
async function latestArchived(db: VeilleDB, tweets: readonly TweetMetric[]): Promise<Map<string, TweetMetric>> {
  const latest = new Map<string, TweetMetric>();
  const ids = [...new Set(tweets.filter((t) => t.source === 'archive').map((t) => t.tweetId))];
  const stored = await inSlices(ids, (part) => db.tweetMetrics.where('tweetId').anyOf(part).toArray());
  for (const r of stored) if (r.source === 'archive' && r.capturedAt > (latest.get(r.tweetId)?.capturedAt ?? -1)) latest.set(r.tweetId, r);
  return latest;
}

/**
 * Every record as the database and its backups want it, or the import refused whole. The reading
 * lets no bad value through (it names the row instead); this holds if it ever did: one record
 * stored out of shape would make every later backup of the browser refused at its restore.
 */
function checkRecords(parsed: Pick<ParsedExport, 'tweets' | 'days'>, account: string): void {
  const refuse = (what: string, issue: z.core.$ZodIssue) => {
    throw new ExportRefused('err_analytics_invalid_record', `${what}, ${issue.path.map(String).join('.')}`, issueReason(issue));
  };
  for (const t of parsed.tweets) {
    const r = tweetMetricSchema.safeParse(t);
    if (!r.success) refuse(t.tweetId, r.error.issues[0]!);
  }
  for (const d of parsed.days) {
    const r = accountDaySchema.safeParse({ ...d, account });
    if (!r.success) refuse(d.day, r.error.issues[0]!);
  }
}

/** A per-day export stored without saying whose days they are. */
export class AccountNeeded extends Error {}

/**
 * `account`: whose days a per-day export's are, a handle as stored (required when it has days).
 * An unnamed day ("", stored before Veille asked) with the same figures is the same day: it takes the name.
 */
export async function storeExport(db: VeilleDB, parsed: Pick<ParsedExport, 'tweets' | 'days' | 'errors'>, account?: string): Promise<ImportSummary> {
  if (parsed.days.length && !(account && HANDLE_RE.test(account) && account === account.toLowerCase())) throw new AccountNeeded(account ?? '');
  checkRecords(parsed, account ?? '');
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, rejected: new Set(parsed.errors.map((e) => e.row)).size };
  await db.transaction('rw', db.tweetMetrics, db.dailyFigures, db.partners, async () => {
    // (A partner renamed since the tweet: its mention is the partner's, under the handle it has now.)
    const named = handleNow(await db.partners.toArray());
    const tweets = new Map<string, TweetMetric>();
    for (const t of parsed.tweets) {
      const mentions = t.mentions && [...new Set(t.mentions.map((m) => named(m, t.postedAt ?? t.capturedAt)))];
      tweets.set(`${t.tweetId}|${t.capturedAt}`, mentions ? { ...t, mentions } : t);
    }
    const list = [...tweets.values()];
    const old = await inSlices(list, (part) => db.tweetMetrics.bulkGet(part.map((t) => [t.tweetId, t.capturedAt] as [string, number])));
    const archived = await latestArchived(db, list);
    const puts: TweetMetric[] = [];
    list.forEach((t, i) => {
      const o = old[i];
      // (An archive's counts, dated by its file, stored already from another copy of it, of another date.)
      const a = t.source === 'archive' ? archived.get(t.tweetId) : undefined;
      if (!o && a && a.likes === t.likes && a.reposts === t.reposts) return void summary.unchanged++;
      if (!o) summary.added++;
      // A tweet's counts only grow: an older export never takes the place of a newer one.
      else if (same(o, t) || (o.impressions ?? 0) > (t.impressions ?? 0) || (o.likes ?? 0) > (t.likes ?? 0)) return void summary.unchanged++;
      else summary.updated++;
      puts.push(t);
    });
    await inSlices(puts, async (part) => [await db.tweetMetrics.bulkPut(part)]);

    if (!parsed.days.length) return;
    const days = new Map<string, AccountDay>();
    for (const d of parsed.days) days.set(d.day, { ...d, account: account! });
    const dayList = [...days.values()];
    const [oldDays, unnamed] = await Promise.all([
      db.dailyFigures.bulkGet(dayList.map((d) => [d.account, d.day] as [string, string])),
      db.dailyFigures.bulkGet(dayList.map((d) => ['', d.day] as [string, string])),
    ]);
    const dayPuts: AccountDay[] = [];
    const claimed: [string, string][] = [];
    dayList.forEach((d, i) => {
      const o = oldDays[i];
      const u = unnamed[i];
      const claim = !!u && same({ ...u, account: d.account }, d);
      if (claim) claimed.push(['', d.day]);
      if (!o) summary[claim ? 'updated' : 'added']++;
      else if (same(o, d)) return void summary.unchanged++;
      else summary.updated++;
      dayPuts.push(d);
    });
    await db.dailyFigures.bulkDelete(claimed);
    await db.dailyFigures.bulkPut(dayPuts);
  });
  return summary;
}
