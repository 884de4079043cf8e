import { useState } from 'preact/hooks';
import { downloadBlob } from '@/components/download';
import { lastBackup } from '@/lib/backup';
import { backupAnswerer, type BackupAnswer, type BackupAsk, type BackupContents } from '@/lib/backup-service';
import type { VeilleDB } from '@/lib/db';
import { countKey, t, tCount, uiLocale } from '@/lib/i18n';
import { notifyChanged } from '@/lib/runtime';
import { dayStartOf, daysBetween, localDayOf } from '@/lib/time';
import { useLiveQuery } from './useLiveQuery';
import { useToday } from './useToday';
import { chosenFiles, useFileDrop } from './useFileDrop';
import { failureText, useWorker } from './useWorker';

/** Export everything, and restore (merge or replace) from a backup file. */
export function BackupPanel({ db }: { db: VeilleDB }) {
  const [pending, setPending] = useState<{ file: string; contents: BackupContents } | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  /** What is being done (the buttons wait meanwhile). */
  const [busy, setBusy] = useState<string | null>(null);
  // (Written, read and restored in the page's backup worker: see backup-service.ts.)
  const ask = useWorker<BackupAsk, BackupAnswer>(db, () => new Worker(new URL('../lib/backup.worker.ts', import.meta.url), { type: 'module' }), backupAnswerer);
  // (null: none made here; undefined: not read yet.)
  const last = useLiveQuery(() => lastBackup(db), [db]);
  const today = useToday();

  async function exportAll() {
    setBusy(t('backup_exporting'));
    const a = await ask({ op: 'export', now: Date.now() });
    setBusy(null);
    if (a.ok && a.file) downloadBlob(`veille-backup-${localDayOf(Date.now())}.json`, a.file);
    else if (!a.ok) setMessage({ text: failureText(a), error: true });
  }

  async function onFiles([file]: File[]) {
    if (!file) return;
    setPending(null);
    setBusy(t('import_reading', file.name));
    const a = await ask({ op: 'read', file });
    setBusy(null);
    if (a.ok && a.contents) {
      setPending({ file: file.name, contents: a.contents });
      setMessage(null);
    } else if (!a.ok) setMessage({ text: `${file.name}: ${failureText(a)} ${t('backup_nothing_changed')}`, error: true });
  }

  async function restore(mode: 'merge' | 'replace') {
    if (!pending) return;
    if (mode === 'replace' && !confirm(t('backup_confirm_replace'))) return;
    setBusy(t('backup_restoring', pending.file));
    const a = await ask({ op: 'restore', mode });
    setBusy(null);
    if (a.ok && a.summary) {
      const s = a.summary;
      setMessage({ text: mode === 'merge' ? t('backup_merged', s.added, s.updated, s.kept) : tCount('backup_replaced', s.added), error: false });
      setPending(null);
      void notifyChanged('partners', 'topics', 'tweetMetrics', 'veilleSessions', 'settings');
    } else if (!a.ok) {
      setMessage({ text: `${failureText(a)} ${t('backup_nothing_changed')}`, error: true });
    }
  }

  const drop = useFileDrop((files) => void onFiles(files), !!busy);
  return (
    <section aria-labelledby="backup-title" class={`backup${drop.over ? ' drop-over' : ''}`} {...drop.props}>
      <h2 id="backup-title">{t('backup_title')}</h2>
      <p class="muted">{t('backup_help')}</p>
      <div class="actions">
        <button type="button" onClick={exportAll} disabled={!!busy}>
          {t('backup_export')}
        </button>
        <label class="file-button">
          <span>{t('backup_restore')}</span>
          <input type="file" accept=".json,application/json" onChange={(e) => void onFiles(chosenFiles(e))} disabled={!!busy} data-testid="backup-input" />
        </label>
        <span class="muted">{t('drop_it_here')}</span>
      </div>
      {last !== undefined && <LastBackupLine last={last} today={today} />}
      <p role="status" aria-live="polite" class="muted" data-testid="backup-busy">
        {busy}
      </p>
      {pending && (
        <div class="status" data-testid="backup-pending">
          <p>
            {t(
              'backup_contents',
              pending.file,
              new Date(pending.contents.exportedAt).toLocaleString(uiLocale()),
              pending.contents.records,
            )}
          </p>
          <div class="actions">
            <button type="button" class="primary" onClick={() => void restore('merge')} disabled={!!busy}>
              {t('backup_merge')}
            </button>
            <button type="button" class="danger" onClick={() => void restore('replace')} disabled={!!busy}>
              {t('backup_replace')}
            </button>
            <button
              type="button"
              onClick={() => {
                void ask({ op: 'forget' });
                setPending(null);
              }}
              disabled={!!busy}
            >
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

/** When this browser's data was last backed up, and how long ago; or that it never was. */
function LastBackupLine({ last, today }: { last: { at: number; records: number } | null; today: string }) {
  if (!last) return <p data-testid="backup-last">{t('backup_never')}</p>;
  const days = daysBetween(last.at, dayStartOf(today));
  const ago = days <= 0 ? t('backup_today') : tCount('backup_days_ago', days);
  return (
    <p class={days > 30 ? 'status error' : 'muted'} data-testid="backup-last">
      {t(countKey('backup_last', last.records), new Intl.NumberFormat(uiLocale()).format(last.records), new Date(last.at).toLocaleDateString(uiLocale(), { dateStyle: 'long' }), ago)}
    </p>
  );
}
