/**
 * The backup reminder in the worker (see lib/backup-reminder.ts): checked when the worker starts and
 * every hour; its notification opens the dashboard's Backup section, which saves a backup at once
 * (see notify.ts).
 */
import { browser } from 'wxt/browser';
import type { VeilleDB } from '@/lib/db';
import { takeBackupReminder } from '@/lib/backup-reminder';
import { t } from '@/lib/i18n';
import { notify } from './notify';

const BACKUP_ALARM = 'veille-backup-reminder';
const NOTIFICATION_ID = 'veille-backup';

export function startBackupReminder(db: VeilleDB, now: () => number = Date.now): void {
  const check = async () => {
    const due = await takeBackupReminder(db, now());
    if (!due) return;
    await notify(NOTIFICATION_ID, t('notify_backup_title'), due.daysAgo === null ? t('notify_backup_never') : t('notify_backup_days', due.daysAgo));
  };
  const run = () => void check().catch((e: unknown) => console.error('veille backup reminder', e));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === BACKUP_ALARM) run();
  });
  // (Made again, it would start its hour again: the worker starts every few minutes.)
  void browser.alarms.get(BACKUP_ALARM).then((alarm) => {
    if (!alarm) return browser.alarms.create(BACKUP_ALARM, { periodInMinutes: 60 });
  });
  run();
}
