import { useEffect, useRef, useState } from 'preact/hooks';
import type { ImportSummary } from '@/lib/analytics-import';
import type { VeilleDB } from '@/lib/db';
import { numberText, t, tCount, tKey, uiLocale, type MessageKey } from '@/lib/i18n';
import { ERRORS_SHOWN, importAnswerer, type ImportAnswer, type ImportAsk, type ReadExport } from '@/lib/import-service';
import { notifyChanged } from '@/lib/runtime';
import { normalizeHandle } from '@/lib/handle';
import { encodingName } from '@/lib/text-file';
import { periodText } from '@/lib/time';
import { chosenFiles, useFileDrop } from '../useFileDrop';
import { failureText, useWorker } from '../useWorker';

type State =
  | { step: 'idle' }
  | { step: 'reading'; file: string; progress: number; at: number; of: number }
  | { step: 'storing'; file: string; at: number; of: number }
  | { step: 'errors'; file: string; read: ReadExport; more: boolean }
  | { step: 'account'; file: string; read: ReadExport; more: boolean };

/** What became of a file: stored (a per-day export's days as `account`'s), or not (`message` says why). */
type Result = { file: string } & ({ read: ReadExport; summary: ImportSummary; account?: string } | { message: string });

/** The CM's choice for a file with bad rows: its valid rows, none of it, or none of it nor of the files after it. */
type Choice = 'valid' | 'skip' | 'stop';
/** The CM's answer for a per-day export whose name does not say whose days they are: an account, or skip or stop. */
type AccountChoice = { account: string; forTheRest: boolean } | Exclude<Choice, 'valid'>;

type Final = Exclude<ImportAnswer, { progress: number }>;

/**
 * Import X/Twitter Analytics exports and the account archive, with progress, cancel and a summary.
 * Several files chosen at once (a year of monthly exports) are imported one after the other, each
 * in its own transaction; a file with bad rows waits for the CM's choice before the next one.
 */
export function ImportPanel({ db }: { db: VeilleDB }) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const [results, setResults] = useState<Result[]>([]);
  /** Answers the question a file with bad rows asks. */
  const choose = useRef<((c: Choice) => void) | null>(null);
  /** Answers the question of whose days a per-day export's are. */
  const chooseAccount = useRef<((c: AccountChoice) => void) | null>(null);
  /** The account last named for a per-day export: the next one's first guess. */
  const lastAccount = useRef('');
  /** The account the CM named for every per-day export left in the files chosen together, if they did. */
  const accountForTheRest = useRef<string | null>(null);
  // (Read and stored in the page's import worker: see import-service.ts.)
  const ask = useWorker<ImportAsk, Final>(db, () => new Worker(new URL('../../lib/import.worker.ts', import.meta.url), { type: 'module' }), importAnswerer);

  async function store(file: string, read: ReadExport, at: number, of: number, account?: string): Promise<Result> {
    setState({ step: 'storing', file, at, of });
    const a = await ask({ op: 'store', ...(account ? { account } : {}) });
    if (a.ok && a.summary) {
      void notifyChanged('tweetMetrics');
      return { file, read, summary: a.summary, ...(account ?? read.account ? { account: account ?? read.account } : {}) };
    }
    return { file, message: a.ok ? t('err_unexpected', 'no summary') : failureText(a) };
  }

  /** Read and store one file (`at` of `of`). True when the CM stopped the files after it. */
  async function importOne(file: File, at: number, of: number, done: (r: Result) => void): Promise<boolean> {
    setState({ step: 'reading', file: file.name, progress: 0, at, of });
    const a = await ask({ op: 'read', file }, (progress) => setState({ step: 'reading', file: file.name, progress, at, of }));
    if (!a.ok) {
      done({ file: file.name, message: a.cancelled ? t('import_cancelled') : failureText(a) });
      return !!a.cancelled;
    }
    if (!a.read) {
      done({ file: file.name, message: t('err_unexpected', 'no read') });
      return false;
    }
    let choice: Choice = 'valid';
    if (a.read.errorCount) {
      setState({ step: 'errors', file: file.name, read: a.read, more: at < of });
      choice = await new Promise<Choice>((resolve) => (choose.current = resolve));
      choose.current = null;
    }
    let account: string | undefined;
    if (choice === 'valid' && a.read.days > 0 && !a.read.account) account = accountForTheRest.current ?? undefined;
    if (choice === 'valid' && a.read.days > 0 && !a.read.account && !account) {
      setState({ step: 'account', file: file.name, read: a.read, more: at < of });
      const answer = await new Promise<AccountChoice>((resolve) => (chooseAccount.current = resolve));
      chooseAccount.current = null;
      if (typeof answer === 'string') choice = answer;
      else {
        account = lastAccount.current = answer.account;
        if (answer.forTheRest) accountForTheRest.current = account;
      }
    }
    if (choice !== 'valid') {
      void ask({ op: 'cancel' });
      done({ file: file.name, message: t(choice === 'skip' ? 'import_skipped' : 'import_cancelled') });
      return choice === 'stop';
    }
    done(await store(file.name, a.read, at, of, account));
    return false;
  }

  async function onFiles(files: File[]) {
    if (!files.length) return;
    const done: Result[] = [];
    setResults([]);
    accountForTheRest.current = null;
    for (let i = 0; i < files.length; i++) {
      const stopped = await importOne(files[i]!, i + 1, files.length, (r) => {
        done.push(r);
        setResults([...done]);
      });
      if (stopped) {
        // (The files after it are left as they were: nothing of them is stored.)
        for (const rest of files.slice(i + 1)) done.push({ file: rest.name, message: t('import_not_started') });
        setResults([...done]);
        break;
      }
    }
    setState({ step: 'idle' });
  }

  const busy = state.step !== 'idle';
  const drop = useFileDrop((files) => void onFiles(files), busy);
  const where = (s: { at: number; of: number }) => (s.of > 1 ? ` ${t('import_file_of', s.at, s.of)}` : '');
  // (Read otherwise than as UTF-8, as a file a spreadsheet saved again: said so.)
  const formatName = (p: ReadExport, account?: string) => {
    const read = encodingName(p.encoding);
    const whose = account && p.days ? ` ${t('import_of_account', account)}` : '';
    return `${t(`format_${p.format.replace(/-/g, '_')}` as MessageKey)}${whose}${p.language === 'fr' ? ` (${t('lang_fr')})` : ''}${read ? `, ${t('import_read_as', read)}` : ''}`;
  };
  return (
    <section aria-labelledby="import-title" class={`import${drop.over ? ' drop-over' : ''}`} {...drop.props}>
      <h2 id="import-title">{t('import_analytics_title')}</h2>
      <p class="muted">{t('import_analytics_help')}</p>
      <label class="file-button">
        <span>{t('import_analytics_choose')}</span>
        <input type="file" multiple accept=".csv,.js,text/csv,application/javascript" onChange={(e) => void onFiles(chosenFiles(e))} disabled={busy} data-testid="analytics-input" />
      </label>{' '}
      <span class="muted">{t('drop_them_here')}</span>
      {results.map((r, i) =>
        'summary' in r ? (
          <p key={i} class="status" role="status" data-testid="import-result">
            {t(
              'import_analytics_summary',
              r.file,
              formatName(r.read, r.account),
              r.read.period ? periodText(r.read.period.from, r.read.period.to, uiLocale()) : '—',
              numberText(r.summary.added),
              numberText(r.summary.updated),
              numberText(r.summary.rejected),
            )}
            {r.summary.unchanged > 0 && ` ${tCount('import_unchanged', r.summary.unchanged)}`}
          </p>
        ) : (
          <p key={i} class="status error" role="alert" data-testid="import-result">
            {r.file}: {r.message}
          </p>
        ),
      )}
      {state.step === 'reading' && (
        <div class="progress-row" role="status">
          <progress max={1} value={state.progress} aria-label={t('import_reading', state.file)} />
          <span>
            {t('import_reading', state.file)}
            {where(state)}
          </span>
          <button type="button" onClick={() => void ask({ op: 'cancel' })}>
            {t('cancel')}
          </button>
        </div>
      )}
      {state.step === 'storing' && (
        <div class="progress-row" role="status">
          <progress aria-label={t('import_storing', state.file)} />
          <span>
            {t('import_storing', state.file)}
            {where(state)}
          </span>
        </div>
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
          {state.read.errorCount > ERRORS_SHOWN && <p class="muted">{t('import_more_errors', numberText(state.read.errorCount - ERRORS_SHOWN))}</p>}
          <div class="actions">
            {state.read.records > 0 && (
              <button type="button" onClick={() => choose.current?.('valid')}>
                {t('import_valid_only', numberText(state.read.records))}
              </button>
            )}
            {state.more && (
              <button type="button" onClick={() => choose.current?.('skip')}>
                {t('import_skip_file')}
              </button>
            )}
            <button type="button" onClick={() => choose.current?.('stop')}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {state.step === 'account' && (
        <AccountQuestion
          key={state.file}
          file={state.file}
          accounts={state.read.accounts ?? []}
          guess={lastAccount.current || (state.read.accounts?.length === 1 ? state.read.accounts[0]! : '')}
          more={state.more}
          answer={(c) => chooseAccount.current?.(c)}
        />
      )}
    </section>
  );
}

/**
 * Whose days a per-day export's are, where its name does not say it: a handle typed or chosen among
 * the accounts Veille knows (the last one named first), checked before anything is stored.
 */
function AccountQuestion(p: { file: string; accounts: string[]; guess: string; more: boolean; answer: (c: AccountChoice) => void }) {
  const [value, setValue] = useState(p.guess ? `@${p.guess}` : '');
  const [error, setError] = useState('');
  const [forTheRest, setForTheRest] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // (The question comes while the CM waits on the import: the keyboard goes to its answer.)
  useEffect(() => input.current?.focus(), []);
  const onSubmit = (e: Event) => {
    e.preventDefault();
    const account = normalizeHandle(value);
    if (account) p.answer({ account, forTheRest });
    else setError(tKey(value.trim() ? 'err_handle_format' : 'err_import_account'));
  };
  return (
    <form class="status account-question" aria-labelledby="import-account-question" onSubmit={onSubmit} data-testid="import-account">
      <p id="import-account-question">{t('import_account_question', p.file)}</p>
      <label>
        {t('import_account_label')}{' '}
        <input
          type="text"
          value={value}
          list="import-accounts"
          placeholder="@handle"
          ref={input}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'import-account-error' : undefined}
          onInput={(e) => {
            setValue(e.currentTarget.value);
            setError('');
          }}
        />
      </label>
      <datalist id="import-accounts">
        {p.accounts.map((h) => (
          <option key={h} value={`@${h}`} />
        ))}
      </datalist>
      {error && (
        <p id="import-account-error" class="field-error" role="alert">
          {error}
        </p>
      )}
      {p.more && (
        <label class="check">
          <input type="checkbox" checked={forTheRest} onChange={(e) => setForTheRest(e.currentTarget.checked)} />
          <span>{t('import_account_for_the_rest')}</span>
        </label>
      )}
      <div class="actions">
        <button type="submit">{t('import_account_store')}</button>
        {p.more && (
          <button type="button" onClick={() => p.answer('skip')}>
            {t('import_skip_file')}
          </button>
        )}
        <button type="button" onClick={() => p.answer('stop')}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
