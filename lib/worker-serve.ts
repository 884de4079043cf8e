/**
 * The two sides of the options page's workers (the dashboard's, the backups'): one message in,
 * one answer out, with the same answerer in the page where no worker starts.
 */
import { openDb, type VeilleDB } from './db';

/** Databases by name, each opened once. */
function opener(): (name: string) => VeilleDB {
  const dbs = new Map<string, VeilleDB>();
  return (name) => {
    let db = dbs.get(name);
    if (!db) dbs.set(name, (db = openDb(name)));
    return db;
  };
}

/** In a worker: answer each message with `answerer` (given the databases by name). */
export function serve<A, B>(answerer: (open: (name: string) => VeilleDB) => (ask: A) => Promise<B>): void {
  // (The worker's own scope: the project's types are the page's.)
  const scope = self as unknown as { onmessage: ((e: MessageEvent<A>) => void) | null; postMessage(b: B): void };
  const ask = answerer(opener());
  scope.onmessage = (e) => {
    void ask(e.data).then((b) => scope.postMessage(b));
  };
}

export interface Asker<A> {
  ask(a: A): void;
  stop(): void;
}

/**
 * In the page: send asks to the worker `make` starts, and hand its answers to `onAnswer`. Where no
 * worker starts, or it dies, the page answers with `answerer` itself (the last ask again, first).
 * `make` is the caller's, as `() => new Worker(new URL('…', import.meta.url), { type: 'module' })`:
 * the bundler finds the worker there.
 */
export function startWorker<A, B>(make: () => Worker, answerer: (open: (name: string) => VeilleDB) => (ask: A) => Promise<B>, onAnswer: (b: B) => void): Asker<A> {
  let fallback: ((a: A) => void) | undefined;
  const inPage = () => {
    const ask = answerer(opener());
    return (a: A) => void ask(a).then(onAnswer);
  };
  let worker: Worker;
  try {
    worker = make();
  } catch {
    fallback = inPage();
    return { ask: fallback, stop: () => {} };
  }
  let last: A | undefined;
  worker.onmessage = (e: MessageEvent<B>) => onAnswer(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    worker.terminate();
    fallback ??= inPage();
    if (last !== undefined) fallback(last);
  };
  return {
    ask: (a) => {
      last = a;
      if (fallback) fallback(a);
      else worker.postMessage(a);
    },
    stop: () => worker.terminate(),
  };
}
