/**
 * The one Veille database. Only the background worker and the extension's own pages (popup,
 * options) open it: in a content script IndexedDB would be x.com's, not ours.
 *
 * Versions are real Dexie versions. Never edit a version once it has shipped: add a new one,
 * with an upgrade function when records change shape, and a migration test.
 */
import { Dexie, type Collection, type EntityTable, type Table } from 'dexie';
import type {
  AccountDay,
  Partner,
  ProfileSnapshot,
  SettingsRow,
  Source,
  SourceVisit,
  TermCount,
  Topic,
  TweetMetric,
  VeilleSession,
} from './schemas';

export const DB_NAME = 'veille';

/** The stores of version 1, kept as data so tests can open a database at this exact version. */
export const SCHEMA_V1 = {
  partners: 'id, &handle, userId, category, updatedAt',
  profileSnapshots: '[handle+day], handle, userId, capturedAt',
  tweetMetrics: '[tweetId+capturedAt], tweetId, authorHandle, capturedAt, source',
  topics: 'id, status, url, createdAt, updatedAt, *tags',
  veilleSessions: 'id, start, end',
  settings: 'key',
} as const;

/**
 * Version 2: tweet metrics are indexed by author and time (when the CM last saw an account) and by
 * the handles they mention (how often the institute's tweets mention a partner).
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  tweetMetrics: '[tweetId+capturedAt], tweetId, authorHandle, [authorHandle+capturedAt], capturedAt, source, *mentions',
} as const;

/** Version 3: daily counts of the hashtags and link domains seen on X, for emerging topics. */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  termCounts: '[day+term], day, term',
} as const;

/** Version 4: the account's figures per day, from the per-day analytics exports. */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  accountDays: 'day',
} as const;

/**
 * Version 5: the figures of a day are an account's (an institute may run several accounts, and the
 * per-day exports of one must not overwrite another's): table `dailyFigures`, keyed by account and
 * day, in place of `accountDays`, keyed by day alone. Days stored before are given to the account
 * whose tweets were imported when there is only one, and to no one ("") otherwise.
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  dailyFigures: '[account+day], day, account',
} as const;

/** Version 6: `accountDays`, copied into `dailyFigures` by version 5, removed. */
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  accountDays: null,
} as const;

/**
 * Version 7: the veille's round, the places the CM checks every day (`sources`, in their order),
 * and the days each was visited (`sourceVisits`, one per source and day).
 */
export const SCHEMA_V7 = {
  ...SCHEMA_V6,
  sources: 'id, order',
  sourceVisits: '[source+day], day, source',
} as const;

/** The one account these tweets are by, or "" when they are by none or several. */
export function soleAccount(tweets: Iterable<Pick<TweetMetric, 'authorHandle'>>): string {
  let one = '';
  for (const t of tweets) {
    if (!t.authorHandle || t.authorHandle === one) continue;
    if (one) return '';
    one = t.authorHandle;
  }
  return one;
}

/**
 * Does this table or collection hold at least one record? Reads one key. (Dexie's
 * `limit(1).count()` counts the whole range and then takes the smaller: 100,000 captures on X
 * counted in 0.4 s of the database's time, while everything else the page asked waited.)
 */
export async function holdsAny(records: { limit(n: number): Pick<Collection, 'primaryKeys'> }): Promise<boolean> {
  return (await records.limit(1).primaryKeys()).length > 0;
}

export type VeilleDB = Dexie & {
  partners: EntityTable<Partner, 'id'>;
  profileSnapshots: Table<ProfileSnapshot, [string, string]>;
  tweetMetrics: Table<TweetMetric, [string, number]>;
  topics: EntityTable<Topic, 'id'>;
  veilleSessions: EntityTable<VeilleSession, 'id'>;
  settings: EntityTable<SettingsRow, 'key'>;
  termCounts: Table<TermCount, [string, string]>;
  dailyFigures: Table<AccountDay, [string, string]>;
  sources: EntityTable<Source, 'id'>;
  sourceVisits: Table<SourceVisit, [string, string]>;
};

export function openDb(name = DB_NAME): VeilleDB {
  const db = new Dexie(name) as VeilleDB;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2);
  db.version(3).stores(SCHEMA_V3);
  db.version(4).stores(SCHEMA_V4);
  db.version(5)
    .stores(SCHEMA_V5)
    .upgrade(async (tx) => {
      const tweets = await tx.table<TweetMetric>('tweetMetrics').where('source').equals('analytics').toArray();
      const account = soleAccount(tweets);
      const days = await tx.table<Omit<AccountDay, 'account'>>('accountDays').toArray();
      await tx.table<AccountDay>('dailyFigures').bulkPut(days.map((d) => ({ ...d, account })));
    });
  db.version(6).stores(SCHEMA_V6);
  db.version(7).stores(SCHEMA_V7);
  return db;
}

let shared: VeilleDB | undefined;
/** The database of this extension context, opened on first use. */
export function getDb(): VeilleDB {
  shared ??= openDb();
  return shared;
}
