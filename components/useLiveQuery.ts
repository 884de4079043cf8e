import { liveQuery, type ObservabilitySet } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { watchQuery } from '@/lib/watch';
import { useFirstLoad } from './settling';

/**
 * A query's result, `undefined` until read, and what takes a result (`took`) or says the query
 * failed (`failed`): the first of either is the part's first load (see `useFirstLoad`).
 */
function useResult<T>(): { value: T | undefined; took(value: T): void; failed(): void } {
  const [state, setState] = useState<{ value?: T; read: boolean }>({ read: false });
  useFirstLoad(state.read);
  return {
    value: state.value,
    took: (value) => setState({ value, read: true }),
    failed: () => setState((s) => ({ ...s, read: true })),
  };
}

/**
 * The result of a Dexie query, kept current as the database changes (in this page or another
 * extension page). `undefined` until the first result.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[] = []): T | undefined {
  const result = useResult<T>();
  useEffect(() => {
    const sub = liveQuery(query).subscribe({
      next: result.took,
      error: (e: unknown) => {
        result.failed();
        console.error(e);
      },
    });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return result.value;
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
  const result = useResult<T>();
  useEffect(
    () => watchQuery(query, affects, result.took, gapMs, slow),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps,
  );
  return result.value;
}
