import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBackup, readBackup, backupToJson, restoreBackup } from '@/lib/backup';
import { REMIND_AGAIN_MS, backupReminderDue, takeBackupReminder } from '@/lib/backup-reminder';
import type { VeilleDB } from '@/lib/db';
import { savePartner } from '@/lib/partners';
import { saveSettings } from '@/lib/settings';
import { DAY_MS } from '@/lib/time';
import { dropDb, freshDb } from './fresh-db';

let db: VeilleDB;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => dropDb(db));

const T0 = new Date(2026, 10, 2, 9).getTime();
const days = (n: number) => T0 + n * DAY_MS;

describe('when a backup reminder is due', () => {
  const last = { at: T0, records: 12 };
  it.each([
    ['the last backup is younger than the days chosen', days(29.9), 30, last, {}, null],
    ['it is as old as them', days(30), 30, last, {}, { daysAgo: 30 }],
    ['older, with a shorter choice', days(9), 7, last, {}, { daysAgo: 9 }],
    ['never, whatever the age', days(400), 0, last, {}, null],
    ['never backed up: counted from the first data seen', days(31), 30, null, { since: T0 }, { daysAgo: null }],
    ['never backed up, no data seen yet', days(400), 30, null, {}, null],
    ['reminded three days ago', days(40), 30, last, { remindedAt: days(37) }, null],
    ['reminded a week ago, still not backed up', days(44), 30, last, { remindedAt: days(37) }, { daysAgo: 44 }],
    // (Reminded before the last backup: that reminder was heard.)
    ['reminded before the last backup, due again', days(31), 30, last, { remindedAt: days(-2) }, { daysAgo: 31 }],
  ] as const)('%s', (_what, now, choice, lastBackup, state, due) => {
    expect(backupReminderDue(now, choice, lastBackup, state)).toEqual(due);
  });
});

describe('the worker takes a reminder', () => {
  it('counts from the first data, reminds once a week while due, and no more once backed up', async () => {
    // Nothing held: nothing to lose, nothing counted.
    expect(await takeBackupReminder(db, days(0))).toBeNull();
    expect(await db.settings.get('backupState')).toBeUndefined();
    await savePartner(db, { handle: 'UnivNantes', category: 'academic' }, undefined, days(0));
    expect(await takeBackupReminder(db, days(1))).toBeNull();
    expect((await db.settings.get('backupState'))?.value).toEqual({ since: days(1) });
    expect(await takeBackupReminder(db, days(30))).toBeNull();
    expect(await takeBackupReminder(db, days(31))).toEqual({ daysAgo: null });
    // Said once; again a week later.
    expect(await takeBackupReminder(db, days(31) + 60_000)).toBeNull();
    expect(await takeBackupReminder(db, days(31) + REMIND_AGAIN_MS - 60_000)).toBeNull();
    expect(await takeBackupReminder(db, days(31) + REMIND_AGAIN_MS)).toEqual({ daysAgo: null });
    // Backed up: quiet for the days chosen, then due again.
    await exportBackup(db, days(40));
    expect(await takeBackupReminder(db, days(41))).toBeNull();
    expect(await takeBackupReminder(db, days(70))).toEqual({ daysAgo: 30 });
    // Every week instead; then never.
    await exportBackup(db, days(71));
    await saveSettings(db, { backupReminderDays: 7 });
    expect(await takeBackupReminder(db, days(78))).toEqual({ daysAgo: 7 });
    await saveSettings(db, { backupReminderDays: 0 });
    expect(await takeBackupReminder(db, days(200))).toBeNull();
  });

  it("keeps its memory out of backups: it is this browser's, not the data's", async () => {
    await savePartner(db, { handle: 'UnivNantes', category: 'academic' }, undefined, days(0));
    await takeBackupReminder(db, days(1));
    const backup = await exportBackup(db, days(2));
    expect(backup.tables.settings.map((r) => r.key)).toEqual([]);
    // A file that holds one anyway (written by hand) restores without it.
    const file = readBackup(backupToJson({ ...backup, tables: { ...backup.tables, settings: [{ key: 'backupState', value: { since: 1 } }] } }));
    await restoreBackup(db, file, 'merge');
    expect((await db.settings.get('backupState'))?.value).toEqual({ since: days(1) });
    await restoreBackup(db, file, 'replace');
    expect(await db.settings.get('backupState')).toBeUndefined();
  });
});
