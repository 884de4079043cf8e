/**
 * Backups made and restored away from the options page: in a worker of that page
 * (`backup.worker.ts`), so that a year of data (150,000 records, 30 MB of JSON) never freezes it
 * (in the page: tasks of 0.2 - 0.8 s while it wrote, read and merged them). The page sends a file
 * to read, and then the restore to make of it; the file's records stay in the worker between the two.
 */
import { BackupRefused, backupToJson, exportBackup, readBackupFile, recordsOf, restoreBackup, type Backup, type LeftOut, type RestoreSummary } from './backup';
import { errorDetail } from './errors';
import type { VeilleDB } from './db';

export type BackupAsk = { id: number; dbName: string } & (
  | { op: 'export'; now: number }
  | { op: 'read'; file: Blob }
  | { op: 'restore'; mode: 'merge' | 'replace' }
  | { op: 'forget' }
);

/** What a backup file holds, to show before it is restored. */
export interface BackupContents {
  exportedAt: number;
  /** The records it restores. */
  records: number;
  /** The records out of shape it leaves out: how many, and the first LEFT_OUT_SHOWN of them. */
  leftOut: number;
  leftOutShown: LeftOut[];
}

/** The most records left out a file's contents name (the others are counted). */
export const LEFT_OUT_SHOWN = 5;

export type BackupAnswer = { id: number } & (
  | { ok: true; file?: Blob; contents?: BackupContents; summary?: RestoreSummary }
  /** `key`: a message key (the file refused, and why); otherwise what went wrong. */
  | { ok: false; key?: string; detail: string; why?: string }
);

/**
 * Answers asks. `open` gives the database of a name. Used by the worker, and by the page where no
 * worker starts. A restore restores the last file read; reading another file, or `forget` (the CM
 * cancelled), forgets it.
 */
export function backupAnswerer(open: (name: string) => VeilleDB): (ask: BackupAsk) => Promise<BackupAnswer> {
  let read: Backup | null = null;
  return async (ask) => {
    const { id } = ask;
    try {
      if (ask.op === 'export') {
        const backup = await exportBackup(open(ask.dbName), ask.now);
        return { id, ok: true, file: new Blob([backupToJson(backup)], { type: 'application/json' }) };
      }
      if (ask.op === 'read') {
        read = null;
        const { backup, leftOut } = readBackupFile(await ask.file.text());
        read = backup;
        return { id, ok: true, contents: { exportedAt: read.exportedAt, records: recordsOf(read), leftOut: leftOut.length, leftOutShown: leftOut.slice(0, LEFT_OUT_SHOWN) } };
      }
      if (ask.op === 'forget') {
        read = null;
        return { id, ok: true };
      }
      if (!read) return { id, ok: false, detail: 'no backup file read' };
      const summary = await restoreBackup(open(ask.dbName), read, ask.mode);
      read = null;
      return { id, ok: true, summary };
    } catch (e) {
      if (e instanceof BackupRefused) return { id, ok: false, key: e.key, detail: e.detail, ...(e.why ? { why: e.why } : {}) };
      return { id, ok: false, detail: errorDetail(e) };
    }
  };
}
