import { useEffect, useState } from 'preact/hooks';
import { downloadBlob } from '@/components/download';
import { TABLES, lastBackup, recordsHeld } from '@/lib/backup';
import { BACKUP_NOW_HASH } from '@/lib/backup-reminder';
import { backupAnswerer, type BackupAnswer, type BackupAsk, type BackupContents } from '@/lib/backup-service';
import type { VeilleDB } from '@/lib/db';
import { numberText, t, tCount, uiLocale } from '@/lib/i18n';
import { notifyChanged } from '@/lib/runtime';
import { BACKUP_REMINDER_DAYS, type Settings } from '@/lib/schemas';
import { getSettings, saveSettings } from '@/lib/settings';
import { dateText, localDayOf, localMinuteOf } from '@/lib/time';
import { touchesTables } from '@/lib/watch';
import { useLiveQuery, useWatchedQuery } from './useLiveQuery';
import { WhenNear } from './WhenNear';
import { daysAgo, useToday } from './useToday';
import { chosenFiles, useFileDrop } from './useFileDrop';
import { failureText, reasonText, useWorker } from './useWorker';

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
  const settings = useLiveQuery(() => getSettings(db), [db]);
  const today = useToday();
  // Opened from the backup reminder's notification: save a backup at once.
  useEffect(() => {
    if (location.hash !== BACKUP_NOW_HASH) return;
    history.replaceState(null, '', '#backup');
    // (In view again once saved: the sections above it have drawn their data meanwhile.)
    const show = () => document.getElementById('backup')?.scrollIntoView();
    show();
    void exportAll().then(show);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** Save a backup of everything, as a file named `name`; true once saved. */
  async function exportAll(name = `veille-backup-${localDayOf(Date.now())}.json`): Promise<boolean> {
    setBusy(t('backup_exporting'));
    const a = await ask({ op: 'export', now: Date.now() });
    setBusy(null);
    if (a.ok && a.file) downloadBlob(name, a.file);
    else if (!a.ok) setMessage({ text: failureText(a), error: true });
    return !!(a.ok && a.file);
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
    } else if (!a.ok) setMessage({ text: `${t('what_of', file.name, failureText(a))} ${t('backup_nothing_changed')}`, error: true });
  }

  async function restore(mode: 'merge' | 'replace') {
    if (!pending) return;
    if (mode === 'replace' && !confirm(t('backup_confirm_replace'))) return;
    // (What a replace removes is saved first: a wrong file chosen loses nothing.)
    // (Named by the time on the CM's clock, to the second.)
    const now = new Date();
    const before = `veille-backup-before-restore-${localMinuteOf(now.getTime()).replace(/[ :]/g, '-')}-${String(now.getSeconds()).padStart(2, '0')}.json`;
    if (mode === 'replace' && !(await exportAll(before))) return;
    setBusy(t('backup_restoring', pending.file));
    const a = await ask({ op: 'restore', mode });
    setBusy(null);
    if (a.ok && a.summary) {
      const s = a.summary;
      setMessage({ text: mode === 'merge' ? t('backup_merged', numberText(s.added), numberText(s.updated), numberText(s.kept)) : `${tCount('backup_replaced', s.added)} ${t('backup_saved_before', before)}`, error: false });
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
        <button type="button" onClick={() => void exportAll()} disabled={!!busy}>
          {t('backup_export')}
        </button>
        <label class="file-button">
          <span>{t('backup_restore')}</span>
          <input type="file" accept=".json,application/json" onChange={(e) => void onFiles(chosenFiles(e))} disabled={!!busy} data-testid="backup-input" />
        </label>
        <span class="muted">{t('drop_it_here')}</span>
      </div>
      {last !== undefined && settings && <LastBackupLine last={last} today={today} overdueDays={settings.backupReminderDays || 30} />}
      {/* (Counting a year's 100,000 captures takes the database a tenth of a second, which the rest
          of the page would wait for: counted once the line is in sight. The line is there, blank,
          meanwhile: the settings below it do not move under the CM's pointer when it is filled.) */}
      <p class="muted" data-testid="backup-held">
        <WhenNear margin="0px" inline>
          <HeldText db={db} />
        </WhenNear>
      </p>
      {settings && <ReminderChoice db={db} days={settings.backupReminderDays} />}
      <p role="status" aria-live="polite" class="muted" data-testid="backup-busy">
        {busy}
      </p>
      {pending && (
        <div class="status" data-testid="backup-pending">
          <p>
            {t(
              'backup_contents',
              pending.file,
              dateText(pending.contents.exportedAt, uiLocale(), 'minute'),
              tCount('n_records', pending.contents.records),
            )}
          </p>
          {pending.contents.leftOut > 0 && <LeftOutList contents={pending.contents} />}
          <div class="actions">
            <button type="button" class="primary" onClick={() => void restore('merge')} disabled={!!busy}>
              {t(pending.contents.leftOut ? 'backup_merge_others' : 'backup_merge')}
            </button>
            <button type="button" class="danger" onClick={() => void restore('replace')} disabled={!!busy}>
              {t(pending.contents.leftOut ? 'backup_replace_others' : 'backup_replace')}
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

/** How often the worker reminds the CM to back up (see lib/backup-reminder.ts). */
function ReminderChoice({ db, days }: { db: VeilleDB; days: Settings['backupReminderDays'] }) {
  const [status, setStatus] = useState('');
  return (
    <div class="reminder-choice">
      <label class="inline">
        {t('backup_reminder')}
        <select
          value={days}
          aria-describedby="backup-reminder-hint"
          onChange={(e) => {
            const value = Number(e.currentTarget.value) as Settings['backupReminderDays'];
            void saveSettings(db, { backupReminderDays: value }).then(() => setStatus(t('settings_saved')));
          }}
        >
          {BACKUP_REMINDER_DAYS.map((d) => (
            <option key={d} value={d}>
              {t(`backup_reminder_${d}`)}
            </option>
          ))}
        </select>
      </label>{' '}
      <span role="status" class="muted" aria-live="polite">
        {status}
      </span>
      <p id="backup-reminder-hint" class="hint">
        {t('backup_reminder_hint')}
      </p>
    </div>
  );
}

/** The tables written every second or so while the CM browses X. */
const CAPTURED: readonly string[] = ['tweetMetrics', 'profileSnapshots', 'termCounts'];

/** The records out of shape a backup file leaves out, each named by its table, place and field, and why. */
function LeftOutList({ contents }: { contents: BackupContents }) {
  return (
    <div role="alert" class="left-out" data-testid="backup-left-out">
      <p>{tCount('backup_left_out', contents.leftOut)}</p>
      <ul>
        {contents.leftOutShown.map((r) => {
          // (A record the same as an earlier one says which.)
          const why = r.same === undefined ? reasonText(r.why) : t('backup_left_out_same', numberText(r.same));
          return (
            <li key={`${r.table}|${r.record}`}>
              {r.field ? t('backup_left_out_field', r.table, numberText(r.record), r.field, why) : t('backup_left_out_record', r.table, numberText(r.record), why)}
              {r.value !== undefined && ` ${t('import_error_value', r.value)}`}
            </li>
          );
        })}
      </ul>
      {contents.leftOut > contents.leftOutShown.length && <p>{t('backup_left_out_more', numberText(contents.leftOut - contents.leftOutShown.length))}</p>}
    </div>
  );
}

/**
 * How much Veille holds in this browser: its records, and the room they take where the browser says
 * it. Read again at once after the CM's own changes, and at most every 30 s after captures (written
 * every second while the CM browses X).
 */
function HeldText({ db }: { db: VeilleDB }) {
  const held = useWatchedQuery(
    async () => {
      const [records, estimate] = await Promise.all([recordsHeld(db), navigator.storage?.estimate?.().catch(() => undefined)]);
      return { records, bytes: estimate?.usage };
    },
    (parts) => touchesTables(parts, db.name, TABLES.filter((x) => !CAPTURED.includes(x))),
    [db],
    0,
    { affects: (parts) => touchesTables(parts, db.name, CAPTURED), gapMs: 30_000 },
  );
  if (!held) return <>{'\u00a0'}</>;
  const nf = new Intl.NumberFormat(uiLocale(), { maximumFractionDigits: 1 });
  return <>{held.bytes === undefined ? tCount('backup_held', held.records) : tCount('backup_held_size', held.records, nf.format(held.bytes / 1_048_576))}</>;
}

/**
 * When this browser's data was last backed up, and how long ago; or that it never was. Marked when
 * the backup is older than `overdueDays`.
 */
function LastBackupLine({ last, today, overdueDays }: { last: { at: number; records: number } | null; today: string; overdueDays: number }) {
  if (!last) return <p data-testid="backup-last">{t('backup_never')}</p>;
  const { days, text: ago } = daysAgo(last.at, today);
  return (
    <p class={days >= overdueDays ? 'status error' : 'muted'} data-testid="backup-last">
      {tCount('backup_last', last.records, dateText(last.at, uiLocale(), 'long'), ago)}
    </p>
  );
}
