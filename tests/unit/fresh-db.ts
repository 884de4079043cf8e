import { openDb, type VeilleDB } from '@/lib/db';

let n = 0;

/** A new, empty Veille database (fake-indexeddb), for one test. */
export async function freshDb(): Promise<VeilleDB> {
  const db = openDb(`test-${process.pid}-${++n}`);
  await db.open();
  return db;
}

export async function dropDb(db: VeilleDB): Promise<void> {
  db.close();
  await db.delete();
}
