/**
 * The one Veille database. Only the background worker and the extension's own pages (popup,
 * options) open it: in a content script IndexedDB would be x.com's, not ours.
 *
 * Versions are real Dexie versions. Never edit a version once it has shipped: add a new one,
 * with an upgrade function when records change shape, and a migration test.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type {
  AccountDay,
  Partner,
  ProfileSnapshot,
  SettingsRow,
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

export type VeilleDB = Dexie & {
  partners: EntityTable<Partner, 'id'>;
  profileSnapshots: Table<ProfileSnapshot, [string, string]>;
  tweetMetrics: Table<TweetMetric, [string, number]>;
  topics: EntityTable<Topic, 'id'>;
  veilleSessions: EntityTable<VeilleSession, 'id'>;
  settings: EntityTable<SettingsRow, 'key'>;
  termCounts: Table<TermCount, [string, string]>;
  accountDays: EntityTable<AccountDay, 'day'>;
};

export function openDb(name = DB_NAME): VeilleDB {
  const db = new Dexie(name) as VeilleDB;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2);
  db.version(3).stores(SCHEMA_V3);
  db.version(4).stores(SCHEMA_V4);
  return db;
}

let shared: VeilleDB | undefined;
/** The database of this extension context, opened on first use. */
export function getDb(): VeilleDB {
  shared ??= openDb();
  return shared;
}
