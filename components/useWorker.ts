import { useEffect, useRef } from 'preact/hooks';
import type { VeilleDB } from '@/lib/db';
import { t, tKey } from '@/lib/i18n';
import { startWorker, type Answerer, type Asker, type Progress } from '@/lib/worker-serve';

/** Distributes a union over its members (so that Omit keeps each member's own fields). */
type Each<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * One of the options page's workers (see lib/worker-serve.ts), started with the component and
 * stopped with it: each ask gets its answer, and `onProgress` what the worker tells before it.
 */
export function useWorker<A extends { id: number; dbName: string }, B extends { id: number }>(
  db: VeilleDB,
  make: () => Worker,
  answerer: Answerer<A, B | Progress>,
): (ask: Each<A, 'id' | 'dbName'>, onProgress?: (done: number) => void) => Promise<B> {
  const worker = useRef<Asker<A> | null>(null);
  const waiting = useRef(new Map<number, { done(b: B): void; progress?(p: number): void }>());
  const next = useRef(0);
  useEffect(() => {
    const asks = waiting.current;
    worker.current = startWorker(make, answerer, (b) => {
      const w = asks.get(b.id);
      if ('progress' in b) return w?.progress?.(b.progress);
      asks.delete(b.id);
      w?.done(b);
    });
    return () => {
      worker.current?.stop();
      worker.current = null;
    };
    // (make and answerer are the caller's constants.)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (ask, onProgress) =>
    new Promise((done) => {
      const id = ++next.current;
      waiting.current.set(id, { done, progress: onProgress });
      worker.current?.ask({ ...ask, id, dbName: db.name } as unknown as A);
    });
}

/** Why something was refused: a message key (`err_…`) in the page's language, or what a check said. */
export function reasonText(why: string): string {
  return why.startsWith('err_') ? tKey(why) : why;
}

/**
 * What a worker's refusal says: its message key, or what went wrong (a cause the CM can act on is a
 * message key too: see `errorDetail`).
 */
export function failureText(a: { key?: string; detail: string; why?: string }): string {
  const detail = reasonText(a.detail);
  return a.key ? tKey(a.key, a.why ? t('what_of', detail, reasonText(a.why)) : detail) : t('err_unexpected', detail);
}
