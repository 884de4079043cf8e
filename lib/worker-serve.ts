/**
 * The two sides of the options page's workers (the dashboard's, the backups', the imports'): one
 * message in, one answer out (and, before it, what `tell` says of the work's progress), with the
 * same answerer in the page where no worker starts.
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

/** A message that comes before an ask's answer: how far the work has gone (0 - 1). */
export type Progress = { id: number; progress: number };

/** Answers asks, given the databases by name; `tell` sends a message before the answer. */
export type Answerer<A, B> = (open: (name: string) => VeilleDB) => (ask: A, tell: (b: B) => void) => Promise<B>;

/** In a worker: answer each message with `answerer`. */
export function serve<A, B>(answerer: Answerer<A, B>): void {
  // (The worker's own scope: the project's types are the page's.)
  const scope = self as unknown as { onmessage: ((e: MessageEvent<A>) => void) | null; postMessage(b: B): void };
  const ask = answerer(opener());
  scope.onmessage = (e) => {
    const tell = (b: B) => scope.postMessage(b);
    void ask(e.data, tell).then(tell);
  };
}

export interface Asker<A> {
  ask(a: A): void;
  stop(): void;
}

/**
 * In the page: send asks to the worker `make` starts, and hand its answers to `onAnswer`. Where no
 * worker starts, or it dies, the page answers with `answerer` itself (the asks not answered yet
 * again, first).
 * `make` is the caller's, as `() => new Worker(new URL('…', import.meta.url), { type: 'module' })`:
 * the bundler finds the worker there.
 */
export function startWorker<A extends { id: number }, B extends { id: number }>(make: () => Worker, answerer: Answerer<A, B>, onAnswer: (b: B) => void): Asker<A> {
  let fallback: ((a: A) => void) | undefined;
  const inPage = () => {
    const ask = answerer(opener());
    return (a: A) => void ask(a, onAnswer).then(onAnswer);
  };
  let worker: Worker;
  try {
    worker = make();
  } catch {
    fallback = inPage();
    return { ask: fallback, stop: () => {} };
  }
  const pending = new Map<number, A>();
  worker.onmessage = (e: MessageEvent<B>) => {
    if (!('progress' in e.data)) pending.delete(e.data.id);
    onAnswer(e.data);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    worker.terminate();
    fallback ??= inPage();
    const asks = [...pending.values()];
    pending.clear();
    for (const a of asks) fallback(a);
  };
  return {
    ask: (a) => {
      if (fallback) fallback(a);
      else {
        pending.set(a.id, a);
        worker.postMessage(a);
      }
    },
    stop: () => worker.terminate(),
  };
}
