import { Dexie, liveQuery, type ObservabilitySet } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * The result of a Dexie query, kept current as the database changes (in this page or another
 * extension page). `undefined` until the first result.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[] = []): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({ next: setValue, error: (e: unknown) => console.error(e) });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}

/**
 * The result of a Dexie query of many rows, read again when a write may have changed it, as
 * `affects` tells from the parts of the database the write touched (in this page or another
 * extension page). A live query notes the key of every row it reads, which for 50,000 rows cost the
 * page a task of about 0.4 s more; this one reads the rows outside a live query.
 */
export function useWatchedQuery<T>(query: () => Promise<T>, affects: (parts: ObservabilitySet) => boolean, deps: unknown[] = []): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    // Only the latest read's result is shown.
    let latest = 0;
    const read = () => {
      const n = ++latest;
      query().then(
        (v) => n === latest && setValue(() => v),
        (e: unknown) => console.error(e),
      );
    };
    const onWrite = (parts: ObservabilitySet) => {
      if (affects(parts)) read();
    };
    Dexie.on('storagemutated', onWrite);
    read();
    return () => {
      latest = -1;
      Dexie.on('storagemutated').unsubscribe(onWrite);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
