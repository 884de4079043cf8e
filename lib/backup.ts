/**
 * Backup and restore: nothing is ever lost.
 *
 * "Export everything" writes one versioned JSON file with every table and the settings. "Restore"
 * validates the whole file with zod before touching anything, then merges (the newest record wins)
 * or replaces, in one transaction: a bad or truncated file changes nothing and says what is wrong.
 * A backup made by an older schema version restores into the current one.
 */
import { z } from 'zod';
import { errorText } from './errors';
import { holdsAny, soleAccount, type VeilleDB } from './db';
import { moveAccount } from './profiles';
import { placeKey } from './sources';
import { sameTopic, topicUrlKey } from './topics';
import {
  FORMER_HANDLES_MAX,
  SETTINGS_ROWS,
  accountDaySchema,
  issueReason,
  lastBackupSchema,
  type FormerHandle,
  type LastBackup,
  partnerSchema,
  profileSnapshotSchema,
  termCountSchema,
  sourceSchema,
  sourceVisitSchema,
  topicSchema,
  type Topic,
  tweetMetricSchema,
  veilleSessionSchema,
} from './schemas';

export const BACKUP_FORMAT = 'veille-backup';
/** The database schema version this build writes (see db.ts). */
export const BACKUP_SCHEMA = 7;

const settingsRowSchema = z
  .object({ key: z.string(), value: z.unknown() })
  .superRefine((row, ctx) => {
    const schema = SETTINGS_ROWS[row.key as keyof typeof SETTINGS_ROWS];
    if (!schema) return ctx.addIssue({ code: 'custom', message: 'err_setting_unknown', path: ['key'] });
    const r = schema.safeParse(row.value);
    // (Why, as a message key: the page says it in the CM's language.)
    const issue = r.error?.issues[0];
    if (issue) ctx.addIssue({ code: 'custom', message: issueReason(issue, missingAt(row.value, issue.path)), path: ['value', ...issue.path] });
  });

/**
 * A table's records that are the same as an earlier one, by their key: each named by its key's field
 * (`field`, where the key is one field), with the earlier one's place in the list (`params.same`).
 */
const unique = <T>(key: (x: T) => string, field?: string) => (list: T[], ctx: z.RefinementCtx) => {
  const seen = new Map<string, number>();
  list.forEach((x, i) => {
    const k = key(x);
    const first = seen.get(k);
    if (first !== undefined) ctx.addIssue({ code: 'custom', message: 'err_record_twice', path: field ? [i, field] : [i], params: { same: first } });
    else seen.set(k, i);
  });
};

/** Does a file's `tables` keep its days as before schema 5, in `accountDays` without the account (see `readBackup`)? */
const daysAsBefore = (tables: unknown): tables is Record<string, unknown> =>
  !!tables && typeof tables === 'object' && 'accountDays' in tables && !('dailyFigures' in tables);

/** Every table, as the current schema has it. Tables that an older version did not have default to empty. */
const tablesSchema = z.preprocess(
  (tables) => (daysAsBefore(tables) ? Object.fromEntries(Object.entries(tables).map(([k, v]) => [k === 'accountDays' ? 'dailyFigures' : k, v])) : tables),
  z.object({
    partners: z
      .array(partnerSchema)
      .default([])
      .superRefine(unique((p) => p.id, 'id'))
      .superRefine(unique((p) => p.handle, 'handle')),
    profileSnapshots: z.array(profileSnapshotSchema).default([]),
    tweetMetrics: z.array(tweetMetricSchema).default([]),
    topics: z.array(topicSchema).default([]),
    veilleSessions: z.array(veilleSessionSchema).default([]),
    settings: z.array(settingsRowSchema).default([]),
    termCounts: z.array(termCountSchema).default([]),
    dailyFigures: z.array(accountDaySchema).default([]).superRefine(unique((d) => `${d.account}|${d.day}`)),
    sources: z.array(sourceSchema).default([]).superRefine(unique((s) => s.id, 'id')),
    sourceVisits: z.array(sourceVisitSchema).default([]).superRefine(unique((v) => `${v.source}|${v.day}`)),
  }),
);
export type BackupTables = z.infer<typeof tablesSchema>;
export const TABLES = Object.keys(tablesSchema.out.shape) as (keyof BackupTables)[];

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: 'err_backup_format' }),
  /** The database schema version that wrote it: 1 to the current one. */
  schema: z.number().int().min(1).max(BACKUP_SCHEMA, { error: 'err_backup_newer' }),
  exportedAt: z.number(),
  tables: tablesSchema,
});
export type Backup = z.infer<typeof backupSchema>;

/** The settings row that says when this browser's data was last backed up (see `lastBackupSchema`). */
const LAST_BACKUP = 'lastBackup';
/** Settings rows about this browser, not about the data: never written into a backup, nor restored. */
const BROWSER_ROWS: readonly string[] = [LAST_BACKUP, 'backupState', 'meetingState'];

/** How many records a backup holds. */
export const recordsOf = (b: Backup) => TABLES.reduce((n, k) => n + b.tables[k].length, 0);

/**
 * Everything, as a backup made `now`; and this browser remembers it was made (its last backup,
 * which the backup itself does not hold).
 */
export async function exportBackup(db: VeilleDB, now = Date.now()): Promise<Backup> {
  return db.transaction('rw', TABLES.map((t) => db.table(t)), async () => {
    const tables = {} as Record<keyof BackupTables, unknown[]>;
    for (const t of TABLES) tables[t] = await db.table(t).toArray();
    tables.settings = tables.settings.filter((r) => !BROWSER_ROWS.includes((r as { key: string }).key));
    const backup: Backup = { format: BACKUP_FORMAT, schema: BACKUP_SCHEMA, exportedAt: now, tables: tables as BackupTables };
    await db.settings.put({ key: LAST_BACKUP, value: { at: now, records: recordsOf(backup) } satisfies LastBackup });
    return backup;
  });
}

/** This browser's last backup, or null when none was made here. */
export async function lastBackup(db: VeilleDB): Promise<LastBackup | null> {
  const r = lastBackupSchema.safeParse((await db.settings.get(LAST_BACKUP))?.value);
  return r.success ? r.data : null;
}

/** The file's text: stable key order, one record per line is not needed, but readable. */
export function backupToJson(b: Backup): string {
  return `${JSON.stringify(b, null, 1)}\n`;
}

export class BackupRefused extends Error {
  constructor(
    readonly key: string,
    readonly detail: string,
    /** Why a record named in `detail` was refused, as a message key (the page says it in its language). */
    readonly why?: string,
  ) {
    super(`${key}: ${detail}${why ? `: ${why}` : ''}`);
  }
}

/** A record of a backup file that cannot be restored: its table, its place in the table (from 1), its field, and why. */
export interface LeftOut {
  table: string;
  record: number;
  field: string;
  /** A message key (`err_…`), or what the check said. */
  why: string;
  /** The field's value in the file, as JSON, cut to VALUE_SHOWN characters (absent for a record refused whole). */
  value?: string;
  /** For a record that is the same as an earlier one (`err_record_twice`): that one's place in the table (from 1). */
  same?: number;
}

/** The most characters of a value a record left out shows. */
const VALUE_SHOWN = 40;

/** The value at `path` in `json` (undefined where there is none). */
function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), json);
}

/** Is the field at `path` in `json` not there at all (a reason "missing", where the schema only says "wrong kind")? */
const missingAt = (json: unknown, path: readonly PropertyKey[]) => path.length > 0 && valueAt(json, path) === undefined;

/** A backup file read: what can be restored, and the records left out. */
export interface BackupRead {
  backup: Backup;
  leftOut: LeftOut[];
}

/** Read and validate a backup file completely, before anything is touched: refused if any record is out of shape. */
export function readBackup(text: string): Backup {
  return readBackupFile(text, false).backup;
}

/**
 * Read and validate a backup file completely, before anything is touched. With `lenient`, a file
 * whose records are out of shape (a field a version of Veille wrote wrongly, a record twice) is
 * read without them, each named: one bad record need not make a whole backup unrestorable. What is
 * not a backup, or has no record left, is refused.
 */
export function readBackupFile(text: string, lenient = true): BackupRead {
  // (An empty file, or one that is no JSON at all, a CSV or an image chosen by mistake, is said to
  // be so: it is no backup cut short. A byte order mark, as an editor may save one, is no reason.)
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!body) throw new BackupRefused('err_backup_empty', '');
  if (!body.startsWith('{')) throw new BackupRefused('err_backup_not_json', '');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    throw new BackupRefused('err_backup_json', errorText(e));
  }
  // (Where the file calls the days `accountDays`, as before schema 5, the place is named as in the file.)
  const older = daysAsBefore((json as { tables?: unknown } | null)?.tables);
  const tableName = (t: string) => (older && t === 'dailyFigures' ? 'accountDays' : t);
  /** The file refused for `issue`, found in `read` (the file as that check read it). */
  const refusal = (issue: z.core.$ZodIssue, read: unknown = json) => {
    const path = issue.path.map((p, i) => (i === 1 ? tableName(String(p)) : p));
    const where = path.map(String).join('.');
    const keyed = issue.message.startsWith('err_');
    // (What is wrong with the file itself, as its key says; otherwise the place named, and why in the page's language.)
    if (keyed && !(issue.path[0] === 'tables' && issue.path.length > 2)) return new BackupRefused(issue.message, where);
    return new BackupRefused('err_backup_invalid', where, issueReason(issue, missingAt(read, path)));
  };
  const leftOut: LeftOut[] = [];
  /** Each table's records still read, by their place in the file. */
  const places = new Map<string, number[]>();
  let r = backupSchema.safeParse(json);
  // (Records out of shape are left out, and the rest read again: a record twice shows only then.)
  for (let round = 0; !r.success; round++) {
    const bad = lenient && round < 3 ? badRecords(r.error.issues) : null;
    if (!bad) throw refusal(r.error.issues[0]!);
    const read = json;
    const tables = { ...(json as { tables: Record<string, unknown[]> }).tables };
    for (const [table, issues] of bad) {
      const name = tableName(table);
      const list = tables[name]!;
      const place = places.get(table) ?? list.map((_, i) => i);
      for (const [i, issue] of issues) {
        const field = issue.path.slice(3).join('.');
        const held = field ? valueAt(list[i], issue.path.slice(3)) : undefined;
        const value = typeof held === 'string' ? held : JSON.stringify(held);
        const missing = !!field && held === undefined;
        const same: unknown = issue.code === 'custom' ? issue.params?.same : undefined;
        leftOut.push({
          table: name,
          record: place[i]! + 1,
          field,
          why: issueReason(issue, missing),
          ...(value === undefined ? {} : { value: value.length > VALUE_SHOWN ? `${value.slice(0, VALUE_SHOWN - 1)}…` : value }),
          ...(typeof same === 'number' ? { same: place[same]! + 1 } : {}),
        });
      }
      tables[name] = list.filter((_, i) => !issues.has(i));
      places.set(table, place.filter((_, i) => !issues.has(i)));
    }
    json = { ...(json as object), tables };
    const next = backupSchema.safeParse(json);
    if (next.success && recordsOf(next.data) === 0) throw refusal(r.error.issues[0]!, read);
    r = next;
  }
  leftOut.sort((a, b) => TABLES.indexOf(a.table as keyof BackupTables) - TABLES.indexOf(b.table as keyof BackupTables) || a.record - b.record);
  const backup = r.data;
  // (Days of a backup made before Veille asked whose they are: the one account's, as db.ts does.)
  if (backup.schema < 5) {
    const account = soleAccount(backup.tables.tweetMetrics.filter((m) => m.source === 'analytics'));
    backup.tables.dailyFigures = backup.tables.dailyFigures.map((d) => ({ ...d, account }));
  }
  return { backup, leftOut };
}

/**
 * The records a validation's issues name, by table and place (the first issue of each), when all of
 * them are about records; null when one is about the file itself (its format, its schema, a table
 * that is no list).
 */
function badRecords(issues: readonly z.core.$ZodIssue[]): Map<string, Map<number, z.core.$ZodIssue>> | null {
  const bad = new Map<string, Map<number, z.core.$ZodIssue>>();
  for (const issue of issues) {
    const [top, table, place] = issue.path;
    if (top !== 'tables' || typeof table !== 'string' || typeof place !== 'number') return null;
    const records = bad.get(table) ?? new Map<number, z.core.$ZodIssue>();
    if (!records.has(place)) records.set(place, issue);
    bad.set(table, records);
  }
  return bad.size ? bad : null;
}

/** The primary key of a record of each table, as a string. */
const KEYS: Record<keyof BackupTables, (r: Record<string, unknown>) => string> = {
  // A partner is their handle: the same account under another id is the same partner.
  partners: (r) => String(r.handle),
  profileSnapshots: (r) => `${r.handle}|${r.day}`,
  tweetMetrics: (r) => `${r.tweetId}|${r.capturedAt}`,
  topics: (r) => String(r.id),
  veilleSessions: (r) => String(r.id),
  settings: (r) => String(r.key),
  termCounts: (r) => `${r.day}|${r.term}`,
  dailyFigures: (r) => `${r.account}|${r.day}`,
  // A place of the round is its place: the same search under another id (another browser's) is the same.
  sources: (r) => placeKey(String(r.url)),
  sourceVisits: (r) => `${r.source}|${r.day}`,
};

/** Do two records hold the same (their keys in any order)? */
const sorted = (r: object) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
const sameRecord = (a: object, b: object) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

/**
 * A partner as merged, `kept` with what the other browser saw of the account and `kept` has not: its
 * user id (which recognises it renamed), the handles it had before, the last time it was seen quoted.
 * (None is the CM's edit: the newest edit wins, and these are not lost with the older one.)
 */
function seenBoth(kept: Record<string, unknown>, other: Record<string, unknown>): Record<string, unknown> {
  const out = { ...kept };
  if (out.userId === undefined && other.userId !== undefined) out.userId = other.userId;
  if (typeof other.quotedAt === 'number' && !(Number(out.quotedAt) >= other.quotedAt)) out.quotedAt = other.quotedAt;
  const former = [out.formerHandles, other.formerHandles].flatMap((f) => (Array.isArray(f) ? (f as FormerHandle[]) : []));
  if (former.length) {
    // (Each handle once, left at the latest date either browser saw; not the one the partner has.)
    const latest = new Map<string, FormerHandle>();
    for (const f of former) {
      const had = latest.get(f.handle);
      if (f.handle !== out.handle && !(had && had.until >= f.until)) latest.set(f.handle, f);
    }
    out.formerHandles = [...latest.values()].sort((a, b) => a.until - b.until).slice(-FORMER_HANDLES_MAX);
  }
  return out;
}

/** In a merge, does the incoming record win over the one stored? The newest wins. */
function newer(table: keyof BackupTables, incoming: Record<string, unknown>, stored: Record<string, unknown>): boolean {
  if (typeof incoming.updatedAt === 'number' && typeof stored.updatedAt === 'number') return incoming.updatedAt > stored.updatedAt;
  if (table === 'veilleSessions') return stored.end === undefined && incoming.end !== undefined;
  if (table === 'termCounts') return Number(incoming.count) > Number(stored.count);
  if (table === 'profileSnapshots') return Number(incoming.capturedAt) > Number(stored.capturedAt);
  // Snapshots keyed by their time, settings: the stored one stays.
  return false;
}

/**
 * The file's veille sessions as this browser takes them: one still running in the browser that made
 * the file ran until the file was made, as far as anyone here knows (left open, this browser's clock
 * would take it for its own running session, and count it on and on); one running here, under its
 * id (this browser's own backup merged back), runs on.
 */
function endedWhenMade(rows: Record<string, unknown>[], exportedAt: number, runningHere: readonly unknown[]): Record<string, unknown>[] {
  return rows.flatMap((s) => {
    if (s.end !== undefined || runningHere.includes(s.id)) return [s];
    return exportedAt > Number(s.start) ? [{ ...s, end: exportedAt }] : [];
  });
}

export interface RestoreSummary {
  added: number;
  updated: number;
  kept: number;
}

/** Restore a validated backup, in one transaction. "replace" empties every table first. */
export async function restoreBackup(db: VeilleDB, backup: Backup, mode: 'merge' | 'replace'): Promise<RestoreSummary> {
  const summary: RestoreSummary = { added: 0, updated: 0, kept: 0 };
  /** In a merge, the id each of the file's places of the round has here (the stored place's, or a new one). */
  const sourceIds = new Map<string, string>();
  /** In a merge, the partners renamed in one browser and not the other: their old handle and new, and user id. */
  const moves: { was: string; handle: string; userId: string | undefined }[] = [];
  /**
   * What Veille keeps under a renamed partner's old handle moved to its new one (see `moveAccount`),
   * as at a visit of the profile: not where a partner has the old handle now, or another account
   * (by its user id) was seen under it.
   */
  const follow = async ({ was, handle, userId }: (typeof moves)[number]) => {
    if (was === handle || (await db.partners.where('handle').equals(was).first())) return;
    if (userId && (await holdsAny(db.profileSnapshots.where('handle').equals(was).filter((s) => !!s.userId && s.userId !== userId)))) return;
    await moveAccount(db, was, handle);
  };
  await db.transaction('rw', TABLES.map((t) => db.table(t)), async () => {
    for (const t of TABLES) {
      const table = db.table(t);
      const rows = backup.tables[t] as Record<string, unknown>[];
      const incoming =
        t === 'settings'
          ? rows.filter((r) => !BROWSER_ROWS.includes(r.key as string))
          : t === 'veilleSessions'
            ? endedWhenMade(rows, backup.exportedAt, mode === 'merge' ? await table.filter((s) => s.end === undefined).primaryKeys() : [])
            : rows;
      if (mode === 'replace') {
        await table.clear();
        // (This browser's data is now the file's: the file is its last backup.)
        await table.bulkPut(t === 'settings' ? [...incoming, { key: LAST_BACKUP, value: { at: backup.exportedAt, records: recordsOf(backup) } }] : incoming);
        summary.added += incoming.length;
        continue;
      }
      const storedRows: Record<string, unknown>[] = await table.toArray();
      const stored = new Map(storedRows.map((r) => [KEYS[t](r), r]));
      // (A partner who renamed their handle here is the file's partner of the old handle: by user id.)
      const byUser = t === 'partners' ? new Map(storedRows.filter((r) => r.userId).map((r) => [String(r.userId), r])) : null;
      // (Or by the handle it left, as Veille saw it renamed here, at a visit or by the CM's word in its
      // form, where the file's browser has no user id to tell: unless the two are known as two accounts.)
      const byFormer =
        t === 'partners'
          ? new Map(storedRows.flatMap((r) => (Array.isArray(r.formerHandles) ? (r.formerHandles as FormerHandle[]).map((f) => [f.handle, r] as const) : [])))
          : null;
      /** Not known as two accounts by their user ids. */
      const same = (a: Record<string, unknown>, b: Record<string, unknown> | undefined) => !!b && !(a.userId && b.userId && a.userId !== b.userId);
      const formerOf = (r: Record<string, unknown>) => {
        const was = byFormer?.get(String(r.handle));
        return same(r, was) ? was : undefined;
      };
      // (The other way: the file's browser saw the account leave the handle a partner has here.)
      const leftThere = (r: Record<string, unknown>) =>
        (Array.isArray(r.formerHandles) ? (r.formerHandles as FormerHandle[]) : []).map((f) => stored.get(f.handle)).find((p) => same(r, p));
      // (A new partner or place whose id is taken by a stored one of another handle or place gets a new id.)
      const byKey = t === 'partners' || t === 'sources';
      const ids = byKey ? new Set([...stored.values()].map((r) => r.id)) : null;
      const puts: Record<string, unknown>[] = [];
      // (The visits of a place follow its id here: see `sourceIds`.)
      const rowsIn: Record<string, unknown>[] = t === 'sourceVisits' ? incoming.map((v) => ({ ...v, source: sourceIds.get(String(v.source)) ?? v.source })) : incoming;
      // (A topic saved from the same address in another browser is the same topic: see `sameTopic`.)
      const byUrl = t === 'topics' ? new Map(storedRows.filter((r) => r.url).map((r) => [topicUrlKey(String(r.url)), r])) : null;
      for (const r of rowsIn) {
        const twin = byUrl && r.url && !stored.has(KEYS[t](r)) ? byUrl.get(topicUrlKey(String(r.url))) : undefined;
        if (twin) {
          const one = sameTopic(twin as Topic, r as Topic);
          if (sameRecord(one, twin)) summary.kept++;
          else {
            summary.updated++;
            byUrl!.set(topicUrlKey(String(r.url)), one);
            stored.set(KEYS[t](one), one);
            puts.push(one);
          }
          continue;
        }
        const renamed =
          t !== 'partners' || stored.has(KEYS[t](r)) ? undefined : ((byUser && r.userId ? byUser.get(String(r.userId)) : undefined) ?? formerOf(r) ?? leftThere(r));
        if (renamed) {
          // One partner of two handles: the one it has now is the one the other browser saw it leave
          // (by user id alone, this browser's). What either keeps under the other moves to it.
          const fileNewer = leftThere(r) === renamed && !byFormer?.has(String(r.handle));
          const handle = String(fileNewer ? r.handle : renamed.handle);
          const was = String(fileNewer ? renamed.handle : r.handle);
          const merged = newer(t, r, renamed) ? seenBoth({ ...r, id: renamed.id, handle }, renamed) : seenBoth({ ...renamed, handle }, r);
          stored.delete(String(renamed.handle));
          stored.set(handle, merged);
          if (sameRecord(merged, renamed)) summary.kept++;
          else {
            summary.updated++;
            await table.put(merged);
          }
          // (What this browser kept under the old handle moves now, before the file's tables are
          // merged: its place of the round, say, is then the file's under the new handle.)
          const move = { was, handle, userId: merged.userId as string | undefined };
          moves.push(move);
          await follow(move);
          continue;
        }
        const old = stored.get(KEYS[t](r));
        const id = old ? old.id : ids?.has(r.id) ? crypto.randomUUID() : r.id;
        if (t === 'sources') sourceIds.set(String(r.id), String(id));
        if (!old) {
          summary.added++;
          puts.push(byKey ? { ...r, id } : r);
          // (Two topics of one address in the file become one too.)
          if (byUrl && r.url) byUrl.set(topicUrlKey(String(r.url)), r);
        } else if (newer(t, r, old)) {
          summary.updated++;
          // Keep the stored primary key, so that nothing else has to follow.
          const put = byKey ? { ...r, id } : r;
          puts.push(t === 'partners' ? seenBoth(put, old) : put);
        } else if (t === 'partners' && !sameRecord(seenBoth(old, r), old)) {
          // (The stored partner stays, with what the file's browser saw of the account.)
          summary.updated++;
          puts.push(seenBoth(old, r));
        } else summary.kept++;
      }
      await table.bulkPut(puts);
    }
    // Then the file's (its snapshots, tweets, topics and place under the old handle, merged above),
    // as at a visit of the profile: not where a partner has the old handle now.
    for (const move of moves) await follow(move);
  });
  return summary;
}

/** How many records this browser holds, in all the tables a backup holds. */
export async function recordsHeld(db: VeilleDB): Promise<number> {
  const counts = await Promise.all(TABLES.map((t) => db.table(t).count()));
  return counts.reduce((a, b) => a + b, 0);
}
