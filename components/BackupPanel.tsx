import { useState } from 'preact/hooks';
import { downloadText } from '@/components/download';
import { BackupRefused, TABLES, backupToJson, exportBackup, readBackup, restoreBackup, type Backup } from '@/lib/backup';
import type { VeilleDB } from '@/lib/db';
import { t, tCount, tKey, uiLocale } from '@/lib/i18n';
import { notifyChanged } from '@/lib/runtime';
import { localDayOf } from '@/lib/time';

/** Export everything, and restore (merge or replace) from a backup file. */
export function BackupPanel({ db }: { db: VeilleDB }) {
  const [pending, setPending] = useState<{ file: string; backup: Backup } | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  async function exportAll() {
    const backup = await exportBackup(db);
    downloadText(`veille-backup-${localDayOf(Date.now())}.json`, backupToJson(backup), 'application/json');
  }

  async function onFile(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setPending(null);
    try {
      setPending({ file: file.name, backup: readBackup(await file.text()) });
      setMessage(null);
    } catch (err) {
      const text = err instanceof BackupRefused ? tKey(err.key, err.detail) : t('err_unexpected', String(err));
      setMessage({ text: `${file.name}: ${text} ${t('backup_nothing_changed')}`, error: true });
    }
  }

  async function restore(mode: 'merge' | 'replace') {
    if (!pending) return;
    if (mode === 'replace' && !confirm(t('backup_confirm_replace'))) return;
    try {
      const s = await restoreBackup(db, pending.backup, mode);
      setMessage({ text: mode === 'merge' ? t('backup_merged', s.added, s.updated, s.kept) : tCount('backup_replaced', s.added), error: false });
      setPending(null);
      void notifyChanged('partners', 'topics', 'tweetMetrics', 'veilleSessions', 'settings');
    } catch (err) {
      setMessage({ text: `${t('err_unexpected', err instanceof Error ? err.message : String(err))} ${t('backup_nothing_changed')}`, error: true });
    }
  }

  return (
    <section aria-labelledby="backup-title" class="backup">
      <h2 id="backup-title">{t('backup_title')}</h2>
      <p class="muted">{t('backup_help')}</p>
      <div class="actions">
        <button type="button" onClick={exportAll}>
          {t('backup_export')}
        </button>
        <label class="file-button">
          <span>{t('backup_restore')}</span>
          <input type="file" accept=".json,application/json" onChange={onFile} data-testid="backup-input" />
        </label>
      </div>
      {pending && (
        <div class="status" data-testid="backup-pending">
          <p>
            {t(
              'backup_contents',
              pending.file,
              new Date(pending.backup.exportedAt).toLocaleString(uiLocale()),
              TABLES.reduce((n, k) => n + pending.backup.tables[k].length, 0),
            )}
          </p>
          <div class="actions">
            <button type="button" class="primary" onClick={() => void restore('merge')}>
              {t('backup_merge')}
            </button>
            <button type="button" class="danger" onClick={() => void restore('replace')}>
              {t('backup_replace')}
            </button>
            <button type="button" onClick={() => setPending(null)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {message && (
        <p class={message.error ? 'status error' : 'status'} role={message.error ? 'alert' : 'status'} data-testid="backup-result">
          {message.text}
        </p>
      )}
    </section>
  );
}
