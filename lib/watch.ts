/**
 * Queries read again when a write may have changed their result, told by Dexie's `storagemutated`
 * event (fired for writes in this page, in the extension's other pages and in its worker), without
 * a live query: a live query notes the key of every row it reads (for 50,000 rows, a task of about
 * 0.4 s more), and reads again on every write that touches its rows.
 */
import { Dexie, type ObservabilitySet } from 'dexie';

/** Did a write that touched these parts of database `dbName` touch one of these tables? */
export function touchesTables(parts: ObservabilitySet, dbName: string, tables: readonly string[]): boolean {
  const prefixes = tables.map((table) => `idb://${dbName}/${table}/`);
  return Object.keys(parts).some((part) => prefixes.some((p) => part.startsWith(p)));
}

/**
 * Read `query` now, and again when `affects` says a write may have changed its result: at once for
 * the first write, then at most once every `gapMs` (the writes of a gap are read together at its
 * end). Only the latest read's result goes to `onValue`. Returns what stops the watch.
 */
export function watchQuery<T>(
  query: () => Promise<T>,
  affects: (parts: ObservabilitySet) => boolean,
  onValue: (value: T) => void,
  gapMs = 0,
): () => void {
  let latest = 0;
  let lastRead = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const read = () => {
    timer = undefined;
    lastRead = Date.now();
    const n = ++latest;
    query().then(
      (value) => {
        if (n === latest) onValue(value);
      },
      (e: unknown) => console.error(e),
    );
  };
  const onWrite = (parts: ObservabilitySet) => {
    if (timer !== undefined || !affects(parts)) return;
    const wait = lastRead + gapMs - Date.now();
    if (wait <= 0) read();
    else timer = setTimeout(read, wait);
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
