/**
 * The backup reminder. Everything Veille keeps lives in this browser profile: removing the
 * extension, or losing the profile, loses it, unless a backup file exists. When the last backup is
 * older than the CM chose (30 days unless told), or none was ever made for that long since Veille
 * first held data, the worker says so once, and again a week later while it still is.
 */
import { holdsAny, type VeilleDB } from './db';
import { lastBackup } from './backup';
import { backupStateSchema, type BackupState, type LastBackup } from './schemas';
import { getSettings } from './settings';
import { DAY_MS } from './time';

/** The dashboard's hash that saves a backup as the page opens: the reminder's notification opens it. */
export const BACKUP_NOW_HASH = '#backup-now';

/** While a backup is still due, the reminder comes again after this long. */
export const REMIND_AGAIN_MS = 7 * DAY_MS;

/** A reminder to give: how many days old the last backup is, or null when there never was one. */
export interface BackupReminder {
  daysAgo: number | null;
}

/** Is a reminder due at `now`, given the days the CM chose (0: never), the last backup and the reminder's memory? */
export function backupReminderDue(now: number, days: number, last: LastBackup | null, state: BackupState): BackupReminder | null {
  const since = last?.at ?? state.since;
  if (!days || since === undefined || now - since < days * DAY_MS) return null;
  // (Reminded since the last backup, and less than a week ago: not again yet.)
  if (state.remindedAt !== undefined && state.remindedAt >= since && now - state.remindedAt < REMIND_AGAIN_MS) return null;
  return { daysAgo: last ? Math.floor((now - last.at) / DAY_MS) : null };
}

async function backupState(db: VeilleDB): Promise<BackupState> {
  const r = backupStateSchema.safeParse((await db.settings.get('backupState'))?.value);
  return r.success ? r.data : {};
}

/** Does Veille hold anything a backup would keep, but its settings? */
async function holdsData(db: VeilleDB): Promise<boolean> {
  const tables = [db.partners, db.topics, db.veilleSessions, db.tweetMetrics, db.profileSnapshots, db.dailyFigures];
  for (const table of tables) if (await holdsAny(table)) return true;
  return false;
}

async function noteBackupState(db: VeilleDB, patch: BackupState): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: 'backupState', value: { ...(await backupState(db)), ...patch } });
  });
}

/**
 * The reminder to give now, if one is due (and noted as given), or null. The first time Veille is
 * seen holding data without a backup starts the count.
 */
export async function takeBackupReminder(db: VeilleDB, now = Date.now()): Promise<BackupReminder | null> {
  const [settings, last, state] = await Promise.all([getSettings(db), lastBackup(db), backupState(db)]);
  if (!last && state.since === undefined) {
    if (await holdsData(db)) await noteBackupState(db, { since: now });
    return null;
  }
  const due = backupReminderDue(now, settings.backupReminderDays, last, state);
  if (due) await noteBackupState(db, { remindedAt: now });
  return due;
}
