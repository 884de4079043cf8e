/**
 * What the page capture stores, written a second at a time.
 *
 * While the CM scrolls, the content script sends a batch every few frames, each with a handful of
 * tweets. Writing each batch's snapshots and term counts at once cost the worker and the browser's
 * IndexedDB more than everything else the extension does, on the same two cores as the page. The
 * worker keeps them here instead, and writes them all in one transaction at most FLUSH_MS later.
 *
 * Nothing waiting is hidden from the overlays: the worker adds the snapshot waiting for a tweet to
 * what the database holds about it, both to answer and to apply the one-per-hour rule. A worker
 * stopped within that second (the extension updated or reloaded) loses what waited: counts seen on
 * the page, which the next visit captures again; nothing the CM entered goes through here.
 */
import type { VeilleDB } from './db';
import { addTermCounts } from './emerging';
import type { TweetMetric } from './schemas';
import { localDayOf } from './time';

/** The longest a capture waits before it is written. */
export const FLUSH_MS = 1000;
/** A failed write is tried again this many times, then dropped (with a warning). */
const ATTEMPTS = 3;

interface Pending {
  /** Page snapshots by tweet id (at most one per tweet: the rule allows one an hour). */
  snapshots: Map<string, TweetMetric>;
  /** Term counts by day, then by term. */
  terms: Map<string, Map<string, number>>;
}

const empty = (): Pending => ({ snapshots: new Map(), terms: new Map() });

/** Add `counts` to the day's in `into`; true when there was any. */
function addCounts(into: Pending['terms'], day: string, counts: Iterable<[string, number]>): boolean {
  let byTerm = into.get(day);
  for (const [term, n] of counts) {
    if (!byTerm) into.set(day, (byTerm = new Map()));
    byTerm.set(term, (byTerm.get(term) ?? 0) + n);
  }
  return byTerm !== undefined;
}

export class CaptureQueue {
  private waiting = empty();
  /** What the flush under way is writing: still visible until its transaction commits. */
  private writing: Pending | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private failures = 0;

  constructor(
    private readonly db: VeilleDB,
    private readonly delayMs = FLUSH_MS,
  ) {}

  /** The snapshot of this tweet not yet in the database, if any. */
  pendingFor(tweetId: string): TweetMetric | undefined {
    return this.waiting.snapshots.get(tweetId) ?? this.writing?.snapshots.get(tweetId);
  }

  /** Every snapshot not yet in the database. */
  pending(): TweetMetric[] {
    return [...(this.writing?.snapshots.values() ?? []), ...this.waiting.snapshots.values()];
  }

  /** How many snapshots wait to be written. */
  get size(): number {
    return this.waiting.snapshots.size + (this.writing?.snapshots.size ?? 0);
  }

  addSnapshots(records: readonly TweetMetric[]): void {
    for (const r of records) this.waiting.snapshots.set(r.tweetId, r);
    if (records.length) this.schedule();
  }

  /** Add one batch's hashtag and domain counts to the day of `now`. */
  addTerms(terms: Readonly<Record<string, number>>, now: number): void {
    if (addCounts(this.waiting.terms, localDayOf(now), Object.entries(terms))) this.schedule();
  }

  /** Write everything waiting now, in one transaction. Resolves when it is written (or dropped). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.running.then(() => this.write());
    return this.running;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  private async write(): Promise<void> {
    const batch = this.waiting;
    if (!batch.snapshots.size && !batch.terms.size) return;
    this.waiting = empty();
    this.writing = batch;
    try {
      await this.db.transaction('rw', this.db.tweetMetrics, this.db.termCounts, async () => {
        await this.db.tweetMetrics.bulkPut([...batch.snapshots.values()]);
        for (const [day, counts] of batch.terms) await addTermCounts(this.db, day, counts);
      });
      this.failures = 0;
    } catch (e) {
      // Nothing was written (one transaction). Try again with what came meanwhile, a few times.
      if (++this.failures < ATTEMPTS) {
        for (const [id, r] of batch.snapshots) if (!this.waiting.snapshots.has(id)) this.waiting.snapshots.set(id, r);
        for (const [day, counts] of batch.terms) addCounts(this.waiting.terms, day, counts);
        this.schedule();
      } else {
        this.failures = 0;
        console.warn(`Veille: ${batch.snapshots.size} captured snapshots could not be stored`, e);
      }
    } finally {
      this.writing = null;
    }
  }
}
