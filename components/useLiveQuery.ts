import { liveQuery } from 'dexie';
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
