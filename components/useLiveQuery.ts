import { liveQuery, type ObservabilitySet } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { watchQuery } from '@/lib/watch';
import { useFirstLoad } from './settling';

/**
 * The result of a Dexie query, kept current as the database changes (in this page or another
 * extension page). `undefined` until the first result.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[] = []): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [read, setRead] = useState(false);
  useFirstLoad(read);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({
      next: (v) => {
        setValue(() => v);
        setRead(true);
      },
      error: (e: unknown) => {
        setRead(true);
        console.error(e);
      },
    });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}

/**
 * The result of a Dexie query, read again when `affects` says a write may have changed it (in this
 * page or another extension page), at most once every `gapMs`: for queries of many rows, or of rows
 * written every second; and `slow`, writes read at most once in a longer gap (see `watchQuery`).
 * `undefined` until the first result.
 */
export function useWatchedQuery<T>(
  query: () => Promise<T>,
  affects: (parts: ObservabilitySet) => boolean,
  deps: unknown[] = [],
  gapMs = 0,
  slow?: Parameters<typeof watchQuery>[4],
): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [read, setRead] = useState(false);
  useFirstLoad(read);
  useEffect(
    () =>
      watchQuery(
        query,
        affects,
        (v) => {
          setValue(() => v);
          setRead(true);
        },
        gapMs,
        slow,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps,
  );
  return value;
}
