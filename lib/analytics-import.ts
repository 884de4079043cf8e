/**
 * Storing a parsed analytics export: in one transaction, all of it or none of it. Importing the same
 * file twice changes nothing; overlapping exports merge by tweet id and date (and by day), and for a
 * tweet the export with the higher counts (the newer one) wins.
 */
import type { ParsedExport } from './analytics';
import type { VeilleDB } from './db';
import type { AccountDay, TweetMetric } from './schemas';

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

export async function storeExport(db: VeilleDB, parsed: Pick<ParsedExport, 'tweets' | 'days' | 'errors'>): Promise<ImportSummary> {
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, rejected: new Set(parsed.errors.map((e) => e.row)).size };
  await db.transaction('rw', db.tweetMetrics, db.accountDays, async () => {
    const tweets = new Map<string, TweetMetric>();
    for (const t of parsed.tweets) tweets.set(`${t.tweetId}|${t.capturedAt}`, t);
    const list = [...tweets.values()];
    const old = await inSlices(list, (part) => db.tweetMetrics.bulkGet(part.map((t) => [t.tweetId, t.capturedAt] as [string, number])));
    const puts: TweetMetric[] = [];
    list.forEach((t, i) => {
      const o = old[i];
      if (!o) summary.added++;
      // A tweet's counts only grow: an older export never takes the place of a newer one.
      else if (same(o, t) || (o.impressions ?? 0) > (t.impressions ?? 0) || (o.likes ?? 0) > (t.likes ?? 0)) return void summary.unchanged++;
      else summary.updated++;
      puts.push(t);
    });
    await inSlices(puts, async (part) => [await db.tweetMetrics.bulkPut(part)]);

    const days = new Map<string, AccountDay>();
    for (const d of parsed.days) days.set(d.day, d);
    const dayList = [...days.values()];
    const oldDays = await db.accountDays.bulkGet(dayList.map((d) => d.day));
    const dayPuts: AccountDay[] = [];
    dayList.forEach((d, i) => {
      const o = oldDays[i];
      if (!o) summary.added++;
      else if (same(o, d)) return void summary.unchanged++;
      else summary.updated++;
      dayPuts.push(d);
    });
    await db.accountDays.bulkPut(dayPuts);
  });
  return summary;
}
