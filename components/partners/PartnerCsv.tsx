import { useState } from 'preact/hooks';
import { errorSaid } from '@/components/errorSaid';
import { downloadText } from '@/components/download';
import { localDayOf } from '@/lib/time';
import type { VeilleDB } from '@/lib/db';
import { spreadsheetSeparator } from '@/lib/csv';
import { browserLocale, numberText, t, tCount, tKey, type MessageKey } from '@/lib/i18n';
import { importPartners, listPartners, renamesText } from '@/lib/partners';
import { parsePartnersCsv, partnersToCsv, samePartnerRows, type PartnerCsvResult } from '@/lib/partners-csv';
import { encodingName, notTextKey, readTextFile } from '@/lib/text-file';
import { chosenFiles, useFileDrop } from '../useFileDrop';

interface Props {
  db: VeilleDB;
  onImported(message: string): void;
}

const FIELD_LABEL: Record<string, MessageKey> = {
  handle: 'field_handle',
  name: 'field_name',
  category: 'field_category',
  tags: 'field_tags',
  note: 'field_note',
};

/** Import and export of the partner list as CSV. A file with errors stores nothing until the user chooses. */
export function PartnerCsv({ db, onImported }: Props) {
  /** A file with bad rows, waiting for the CM's choice (`read`: what it was read as, when not UTF-8). */
  const [pending, setPending] = useState<{ file: string; result: PartnerCsvResult; read: string | null } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function store(result: PartnerCsvResult, read: string | null) {
    setBusy(true);
    try {
      const s = await importPartners(db, result.rows);
      setPending(null);
      const renamed = s.renamed.length ? ` ${t('import_renamed', renamesText(s.renamed))}` : '';
      onImported(`${t('import_summary', numberText(s.added), numberText(s.updated), numberText(s.unchanged))}${read ? ` (${t('import_read_as', read)})` : ''}${renamed}`);
    } catch (e) {
      setFileError(errorSaid(e));
    } finally {
      setBusy(false);
    }
  }

  async function onFiles([file]: File[]) {
    if (!file) return;
    setFileError(null);
    setPending(null);
    let text: string;
    let read: string | null;
    try {
      // (UTF-8, or what Excel saved: Windows-1252, UTF-16.)
      let encoding;
      ({ text, encoding } = await readTextFile(file));
      read = encodingName(encoding);
    } catch (err) {
      const notText = notTextKey(err);
      setFileError(t('what_of', file.name, notText ? t(notText) : errorSaid(err, 'err_file_unreadable')));
      return;
    }
    let result = parsePartnersCsv(text);
    try {
      // (Two rows naming one partner, by its handle now and one it has left: see samePartnerRows.)
      if (result.rows.length) result = samePartnerRows(result, await listPartners(db));
    } catch (err) {
      setFileError(t('what_of', file.name, errorSaid(err)));
      return;
    }
    if (result.errors.length) {
      setPending({ file: file.name, result, read });
    } else if (!result.rows.length) {
      setFileError(t('what_of', file.name, t('err_file_empty')));
    } else {
      await store(result, read);
    }
  }

  async function exportCsv() {
    downloadText(`veille-partners-${localDayOf(Date.now())}.csv`, partnersToCsv(await listPartners(db), spreadsheetSeparator(browserLocale())), 'text/csv;charset=utf-8');
  }

  const badRows = pending ? new Set(pending.result.errors.map((e) => e.row)).size : 0;
  const drop = useFileDrop((files) => void onFiles(files), busy);
  return (
    <section class={`csv${drop.over ? ' drop-over' : ''}`} aria-labelledby="csv-title" {...drop.props}>
      <h2 id="csv-title">{t('csv_heading')}</h2>
      <p class="muted">{t('csv_help')}</p>
      <div class="actions">
        <label class="file-button">
          <span>{t('import_csv')}</span>
          <input type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void onFiles(chosenFiles(e))} disabled={busy} data-testid="partner-csv-input" />
        </label>
        <span class="muted">{t('drop_it_here')}</span>
        <button type="button" onClick={exportCsv}>
          {t('export_csv')}
        </button>
      </div>
      {fileError && (
        <p class="status error" role="alert">
          {fileError}
        </p>
      )}
      {pending && (
        <div class="status error import-errors" role="alert" data-testid="import-errors">
          <strong>{tCount('import_errors_title', badRows, pending.file)}</strong>
          <ul>
            {pending.result.errors.map((err, i) => (
              <li key={i}>
                {t('import_error_row', err.row, FIELD_LABEL[err.field] ? t(FIELD_LABEL[err.field]!) : err.field, tKey(err.message, ...(err.args ?? [])))}{' '}
                {err.value !== undefined && err.value !== '' && <span class="muted">{t('import_error_value', err.value)}</span>}
              </li>
            ))}
          </ul>
          <div class="actions">
            {pending.result.rows.length > 0 && (
              <button type="button" onClick={() => store(pending.result, pending.read)} disabled={busy}>
                {t('import_valid_only', numberText(pending.result.rows.length))}
              </button>
            )}
            <button
              type="button"
              onClick={() => {
                setPending(null);
                onImported(t('import_cancelled'));
              }}
            >
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
