/**
 * Analytics exports read and stored away from the options page: in a worker of that page
 * (`import.worker.ts`). The page sends the file; the worker tells how far it has read, keeps what it
 * read, and answers with what the page shows of it (format, period, counts, the first errors).
 * Stored then at once, or, when some rows are refused, when the CM chooses to store the valid rows.
 */
import { readExportFile, ExportRefused, type ImportError, type ParsedExport } from './analytics';
import { errorDetail } from './errors';
import { AccountNeeded, storeExport, type ImportSummary } from './analytics-import';
import type { VeilleDB } from './db';

/** The most errors the page lists (it says how many more there are). */
export const ERRORS_SHOWN = 50;

/** `account`, for a per-day export: whose days they are (see `storeExport`). */
export type ImportAsk = { id: number; dbName: string } & ({ op: 'read'; file: File } | { op: 'cancel' } | { op: 'store'; account?: string });

/** What the page shows of a file read. */
export type ReadExport = Pick<ParsedExport, 'format' | 'language' | 'period' | 'rows' | 'encoding' | 'account'> & {
  /** Records that can be stored: tweets, and days of the per-day exports. */
  records: number;
  /** Days of a per-day export: whose they are must be said, where the file's name does not say it. */
  days: number;
  /** For such a file: the institute's accounts Veille knows (see `knownAccounts`), to choose from. */
  accounts?: string[];
  /** The first errors, how many in all, and in how many rows. */
  errors: ImportError[];
  errorCount: number;
  errorRows: number;
};

export type ImportAnswer = { id: number } & (
  | { progress: number }
  | { ok: true; read?: ReadExport; summary?: ImportSummary }
  /** `key`: a message key (the file refused, and why); otherwise what went wrong. */
  | { ok: false; cancelled?: true; key?: string; detail: string; why?: string }
);

/** The institute's accounts Veille knows: of the days and tweets imported, and its partners of the category Institution, in alphabetical order. */
async function knownAccounts(db: VeilleDB): Promise<string[]> {
  const found = new Set((await db.dailyFigures.orderBy('account').uniqueKeys()).map(String));
  // (Read whole, not by Dexie's each, a cursor's step per record: a year of exports is 50,000.)
  for (const p of await db.partners.where('category').equals('institution').toArray()) found.add(p.handle);
  for (const m of await db.tweetMetrics.where('source').equals('analytics').toArray()) if (m.authorHandle) found.add(m.authorHandle);
  found.delete('');
  return [...found].sort();
}

/**
 * Answers asks. A store stores the last file read, once; a cancel stops the read under way (its
 * ask then answers "cancelled") and forgets the file read.
 */
export function importAnswerer(open: (name: string) => VeilleDB): (ask: ImportAsk, tell: (a: ImportAnswer) => void) => Promise<ImportAnswer> {
  let parsed: ParsedExport | null = null;
  let reading: AbortController | null = null;
  return async (ask, tell) => {
    const { id } = ask;
    try {
      if (ask.op === 'cancel') {
        reading?.abort();
        parsed = null;
        return { id, ok: true };
      }
      if (ask.op === 'store') {
        if (!parsed) return { id, ok: false, detail: 'no export read' };
        const p = parsed;
        parsed = null;
        return { id, ok: true, summary: await storeExport(open(ask.dbName), p, ask.account ?? p.account) };
      }
      parsed = null;
      reading?.abort();
      const controller = (reading = new AbortController());
      const p = await readExportFile(ask.file, (progress) => tell({ id, progress }), controller.signal);
      if (reading === controller) reading = null;
      parsed = p;
      const read: ReadExport = {
        format: p.format,
        language: p.language,
        period: p.period,
        rows: p.rows,
        ...(p.encoding ? { encoding: p.encoding } : {}),
        ...(p.account ? { account: p.account } : {}),
        records: p.tweets.length + p.days.length,
        days: p.days.length,
        ...(p.days.length && !p.account ? { accounts: await knownAccounts(open(ask.dbName)) } : {}),
        errors: p.errors.slice(0, ERRORS_SHOWN),
        errorCount: p.errors.length,
        errorRows: new Set(p.errors.map((e) => e.row)).size,
      };
      return { id, ok: true, read };
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return { id, ok: false, cancelled: true, detail: 'cancelled' };
      if (e instanceof ExportRefused) return { id, ok: false, key: e.key, detail: e.detail, ...(e.why ? { why: e.why } : {}) };
      if (e instanceof AccountNeeded) return { id, ok: false, key: 'err_import_account', detail: e.message };
      return { id, ok: false, detail: errorDetail(e) };
    }
  };
}
