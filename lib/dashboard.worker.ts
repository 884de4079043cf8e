/**
 * The options page's dashboard worker: reads the imported analytics and computes the dashboard's
 * figures off the page (see dashboard-data.ts). One message in, one out.
 */
import { openDb, type VeilleDB } from './db';
import { dashboardAnswerer, type DashboardAnswer, type DashboardAsk } from './dashboard-data';

/** The worker's own scope (the project's types are the page's). */
const scope = self as unknown as { onmessage: ((e: MessageEvent<DashboardAsk>) => void) | null; postMessage(a: DashboardAnswer): void };

const dbs = new Map<string, VeilleDB>();
const ask = dashboardAnswerer((name) => {
  let db = dbs.get(name);
  if (!db) dbs.set(name, (db = openDb(name)));
  return db;
});

scope.onmessage = (e) => {
  void ask(e.data).then((a) => scope.postMessage(a));
};
