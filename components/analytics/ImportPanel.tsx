import { useState } from 'preact/hooks';
import type { ImportSummary } from '@/lib/analytics-import';
import type { VeilleDB } from '@/lib/db';
import { t, tCount, tKey, type MessageKey } from '@/lib/i18n';
import { ERRORS_SHOWN, importAnswerer, type ImportAnswer, type ImportAsk, type ReadExport } from '@/lib/import-service';
import { notifyChanged } from '@/lib/runtime';
import { failureText, useWorker } from '../useWorker';

type State =
  | { step: 'idle' }
  | { step: 'reading'; file: string; progress: number }
  | { step: 'storing'; file: string }
  | { step: 'errors'; file: string; read: ReadExport }
  | { step: 'done'; file: string; read: ReadExport; summary: ImportSummary }
  | { step: 'failed'; file: string; message: string };

type Final = Exclude<ImportAnswer, { progress: number }>;

/** Import X/Twitter Analytics exports and the account archive, with progress, cancel and a summary. */
export function ImportPanel({ db }: { db: VeilleDB }) {
  const [state, setState] = useState<State>({ step: 'idle' });
  // (Read and stored in the page's import worker: see import-service.ts.)
  const ask = useWorker<ImportAsk, Final>(db, () => new Worker(new URL('../../lib/import.worker.ts', import.meta.url), { type: 'module' }), importAnswerer);

  async function store(file: string, read: ReadExport) {
    setState({ step: 'storing', file });
    const a = await ask({ op: 'store' });
    if (a.ok && a.summary) {
      setState({ step: 'done', file, read, summary: a.summary });
      void notifyChanged('tweetMetrics');
    } else if (!a.ok) setState({ step: 'failed', file, message: failureText(a) });
  }

  async function onFile(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setState({ step: 'reading', file: file.name, progress: 0 });
    const a = await ask({ op: 'read', file }, (progress) => setState({ step: 'reading', file: file.name, progress }));
    if (!a.ok) return setState({ step: 'failed', file: file.name, message: a.cancelled ? t('import_cancelled') : failureText(a) });
    if (!a.read) return;
    if (a.read.errorCount) setState({ step: 'errors', file: file.name, read: a.read });
    else await store(file.name, a.read);
  }

  const formatName = (p: ReadExport) => `${t(`format_${p.format.replace(/-/g, '_')}` as MessageKey)}${p.language === 'fr' ? ` (${t('lang_fr')})` : ''}`;
  return (
    <section aria-labelledby="import-title" class="import">
      <h2 id="import-title">{t('import_analytics_title')}</h2>
      <p class="muted">{t('import_analytics_help')}</p>
      <label class="file-button">
        <span>{t('import_analytics_choose')}</span>
        <input type="file" accept=".csv,.js,text/csv,application/javascript" onChange={onFile} disabled={state.step === 'reading' || state.step === 'storing'} data-testid="analytics-input" />
      </label>
      {state.step === 'reading' && (
        <div class="progress-row" role="status">
          <progress max={1} value={state.progress} aria-label={t('import_reading', state.file)} />
          <span>{t('import_reading', state.file)}</span>
          <button type="button" onClick={() => void ask({ op: 'cancel' })}>
            {t('cancel')}
          </button>
        </div>
      )}
      {state.step === 'storing' && (
        <div class="progress-row" role="status">
          <progress aria-label={t('import_storing', state.file)} />
          <span>{t('import_storing', state.file)}</span>
        </div>
      )}
      {state.step === 'failed' && (
        <p class="status error" role="alert" data-testid="import-result">
          {state.file}: {state.message}
        </p>
      )}
      {state.step === 'errors' && (
        <div class="status error" role="alert" data-testid="import-result">
          <strong>{tCount('import_errors_title', state.read.errorRows, state.file)}</strong>
          <ul>
            {state.read.errors.map((e, i) => (
              <li key={i}>
                {t('import_error_row', e.row, e.column, tKey(e.message))} {e.value !== undefined && <span class="muted">{t('import_error_value', e.value)}</span>}
              </li>
            ))}
          </ul>
          {state.read.errorCount > ERRORS_SHOWN && <p class="muted">{t('import_more_errors', state.read.errorCount - ERRORS_SHOWN)}</p>}
          <div class="actions">
            {state.read.records > 0 && (
              <button type="button" onClick={() => void store(state.file, state.read)}>
                {t('import_valid_only', state.read.records)}
              </button>
            )}
            <button
              type="button"
              onClick={() => {
                void ask({ op: 'cancel' });
                setState({ step: 'failed', file: state.file, message: t('import_cancelled') });
              }}
            >
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {state.step === 'done' && (
        <p class="status" role="status" data-testid="import-result">
          {t(
            'import_analytics_summary',
            state.file,
            formatName(state.read),
            state.read.period ? `${state.read.period.from} → ${state.read.period.to}` : '—',
            state.summary.added,
            state.summary.updated,
            state.summary.rejected,
          )}{' '}
          {state.summary.unchanged > 0 && t('import_unchanged', state.summary.unchanged)}
        </p>
      )}
    </section>
  );
}
