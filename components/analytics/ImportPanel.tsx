import { useRef, useState } from 'preact/hooks';
import { ExportRefused, readExportFile, type ParsedExport } from '@/lib/analytics';
import { storeExport, type ImportSummary } from '@/lib/analytics-import';
import type { VeilleDB } from '@/lib/db';
import { t, tCount, tKey, type MessageKey } from '@/lib/i18n';
import { notifyChanged } from '@/lib/runtime';

type State =
  | { step: 'idle' }
  | { step: 'reading'; file: string; progress: number }
  | { step: 'errors'; file: string; parsed: ParsedExport }
  | { step: 'done'; file: string; parsed: ParsedExport; summary: ImportSummary }
  | { step: 'failed'; file: string; message: string };

/** Import X/Twitter Analytics exports and the account archive, with progress, cancel and a summary. */
export function ImportPanel({ db }: { db: VeilleDB }) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const abort = useRef<AbortController | null>(null);

  async function store(file: string, parsed: ParsedExport) {
    try {
      const summary = await storeExport(db, parsed);
      setState({ step: 'done', file, parsed, summary });
      void notifyChanged('tweetMetrics');
    } catch (e) {
      setState({ step: 'failed', file, message: t('err_unexpected', e instanceof Error ? e.message : String(e)) });
    }
  }

  async function onFile(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const controller = new AbortController();
    abort.current = controller;
    setState({ step: 'reading', file: file.name, progress: 0 });
    try {
      const parsed = await readExportFile(file, (progress) => setState({ step: 'reading', file: file.name, progress }), controller.signal);
      if (parsed.errors.length) setState({ step: 'errors', file: file.name, parsed });
      else await store(file.name, parsed);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return setState({ step: 'failed', file: file.name, message: t('import_cancelled') });
      const message = err instanceof ExportRefused ? tKey(err.key, err.detail) : t('err_unexpected', err instanceof Error ? err.message : String(err));
      setState({ step: 'failed', file: file.name, message });
    }
  }

  const formatName = (p: ParsedExport) => `${t(`format_${p.format.replace(/-/g, '_')}` as MessageKey)}${p.language === 'fr' ? ` (${t('lang_fr')})` : ''}`;
  return (
    <section aria-labelledby="import-title" class="import">
      <h2 id="import-title">{t('import_analytics_title')}</h2>
      <p class="muted">{t('import_analytics_help')}</p>
      <label class="file-button">
        <span>{t('import_analytics_choose')}</span>
        <input type="file" accept=".csv,.js,text/csv,application/javascript" onChange={onFile} disabled={state.step === 'reading'} data-testid="analytics-input" />
      </label>
      {state.step === 'reading' && (
        <div class="progress-row" role="status">
          <progress max={1} value={state.progress} aria-label={t('import_reading', state.file)} />
          <span>{t('import_reading', state.file)}</span>
          <button type="button" onClick={() => abort.current?.abort()}>
            {t('cancel')}
          </button>
        </div>
      )}
      {state.step === 'failed' && (
        <p class="status error" role="alert" data-testid="import-result">
          {state.file}: {state.message}
        </p>
      )}
      {state.step === 'errors' && (
        <div class="status error" role="alert" data-testid="import-result">
          <strong>{tCount('import_errors_title', new Set(state.parsed.errors.map((e) => e.row)).size, state.file)}</strong>
          <ul>
            {state.parsed.errors.slice(0, 50).map((e, i) => (
              <li key={i}>
                {t('import_error_row', e.row, e.column, tKey(e.message))} {e.value !== undefined && <span class="muted">{t('import_error_value', e.value)}</span>}
              </li>
            ))}
          </ul>
          {state.parsed.errors.length > 50 && <p class="muted">{t('import_more_errors', state.parsed.errors.length - 50)}</p>}
          <div class="actions">
            {state.parsed.tweets.length + state.parsed.days.length > 0 && (
              <button type="button" onClick={() => void store(state.file, state.parsed)}>
                {t('import_valid_only', state.parsed.tweets.length + state.parsed.days.length)}
              </button>
            )}
            <button type="button" onClick={() => setState({ step: 'failed', file: state.file, message: t('import_cancelled') })}>
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
            formatName(state.parsed),
            state.parsed.period ? `${state.parsed.period.from} → ${state.parsed.period.to}` : '—',
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
