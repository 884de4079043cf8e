/**
 * Queries read again when a write may have changed their result, told by Dexie's `storagemutated`
 * event (fired for writes in this page, in the extension's other pages and in its worker), without
 * a live query: a live query notes the key of every row it reads (for 50,000 rows, a task of about
 * 0.4 s more), and reads again on every write that touches its rows.
 */
import { Dexie, cmp, type IntervalTree, type IntervalTreeNode, type ObservabilitySet } from 'dexie';

/** Did a write that touched these parts of database `dbName` touch one of these tables? */
export function touchesTables(parts: ObservabilitySet, dbName: string, tables: readonly string[]): boolean {
  const prefixes = tables.map((table) => `idb://${dbName}/${table}/`);
  return Object.keys(parts).some((part) => prefixes.some((p) => part.startsWith(p)));
}

/** The nodes of one part of the parts a write touched (a tree of key ranges). */
function* rangesOf(tree: IntervalTree | null | undefined): Generator<IntervalTreeNode> {
  if (!tree || !('from' in tree)) return;
  yield tree;
  yield* rangesOf(tree.l);
  yield* rangesOf(tree.r);
}

/**
 * Could a write that touched these parts of database `dbName` (Dexie's `storagemutated` event, for
 * writes in this page, the extension's other pages and its worker) have changed the imported
 * analytics? Captures of tweets, written every second or so while the CM browses X, have not: the
 * dashboard and the weekly report are not read again for them.
 */
export function mayChangeAnalytics(parts: ObservabilitySet, dbName: string): boolean {
  if (!touchesTables(parts, dbName, ['tweetMetrics'])) return false;
  const table = `idb://${dbName}/tweetMetrics/`;
  // A write of rows names the `source` of each row it wrote (every source, for a large write); a
  // delete names only keys.
  const source = parts[`${table}source`];
  if (!source) return true;
  for (const r of rangesOf(source)) if (cmp(r.from, 'analytics') <= 0 && cmp(r.to, 'analytics') >= 0) return true;
  // The table cleared (a backup restored in place of everything) names a range of keys.
  for (const r of rangesOf(parts[table])) if (cmp(r.from, r.to) !== 0) return true;
  return false;
}

/**
 * Read `query` now, and again when `affects` says a write may have changed its result: at once for
 * the first write, then at most once every `gapMs` (the writes of a gap are read together at its
 * end). Writes that `slow` says may have changed it are read at most once every `slow.gapMs`: rows
 * written every second or so (captures), next to rows a person changes and expects to see at once.
 * Only the latest read's result goes to `onValue`. Returns what stops the watch.
 */
export function watchQuery<T>(
  query: () => Promise<T>,
  affects: (parts: ObservabilitySet) => boolean,
  onValue: (value: T) => void,
  gapMs = 0,
  slow?: { affects: (parts: ObservabilitySet) => boolean; gapMs: number },
): () => void {
  let latest = 0;
  let lastRead = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When the read waited for is due (Infinity: none is). */
  let due = Infinity;
  const read = () => {
    timer = undefined;
    due = Infinity;
    lastRead = Date.now();
    const n = ++latest;
    query().then(
      (value) => {
        if (n === latest) onValue(value);
      },
      (e: unknown) => console.error(e),
    );
  };
  /** Read `gap` after the last read, or at once; sooner than a read already waited for only. */
  const readAfter = (gap: number) => {
    const now = Date.now();
    const at = Math.max(now, lastRead + gap);
    if (at >= due) return;
    clearTimeout(timer);
    due = at;
    if (at <= now) read();
    else timer = setTimeout(read, at - now);
  };
  const onWrite = (parts: ObservabilitySet) => {
    // (Dexie names `all` when anything may have changed: a page back from the browser's cache.)
    if (parts.all || affects(parts)) readAfter(gapMs);
    else if (slow?.affects(parts)) readAfter(slow.gapMs);
  };
  Dexie.on('storagemutated', onWrite);
  read();
  lastRead = -Infinity;
  return () => {
    latest = -1;
    clearTimeout(timer);
    Dexie.on('storagemutated').unsubscribe(onWrite);
  };
}
