import { useEffect, useState } from 'preact/hooks';
import { spreadsheetSeparator } from '@/lib/csv';
import { errorSaid } from '@/components/errorSaid';
import { downloadText } from '@/components/download';
import type { VeilleDB } from '@/lib/db';
import { browserLocale, t, tKey, uiLocale } from '@/lib/i18n';
import { loadReport, reportCsv, reportMarkdown, type ReportWords } from '@/lib/report';
import { loadWords } from '@/lib/report-words';
import { getSettings, saveSettings } from '@/lib/settings';
import { REPORT_WEEK_HASH } from '@/lib/meeting';
import { reportHtml } from '@/lib/report-html';
import { daySchema, type ReportLanguage, type Settings } from '@/lib/schemas';
import { dayStartOf, localDayOf, weekStart } from '@/lib/time';
import { dayBefore } from '@/lib/veille';
import { mayChangeAnalytics, touchesTables } from '@/lib/watch';
import { useLiveQuery, useWatchedQuery } from '../useLiveQuery';
import { useToday } from '../useToday';
import { sayCopied } from '../clipboard';
import { NextMeeting } from './NextMeeting';
import { ReportDocument } from './ReportDocument';
import { printAlone } from '../print';

/**
 * The report on the clipboard, as Markdown (for a text editor or a Markdown tool) and as HTML (for an
 * e-mail or a shared document: headings, lists, links and the table kept); as Markdown alone where
 * the browser cannot put both.
 */
function copyReport(markdown: string): Promise<void> {
  if (typeof ClipboardItem === 'undefined') return navigator.clipboard.writeText(markdown);
  const item = new ClipboardItem({
    'text/plain': new Blob([markdown], { type: 'text/plain' }),
    'text/html': new Blob([reportHtml(markdown)], { type: 'text/html' }),
  });
  return navigator.clipboard.write([item]);
}

type View = 'document' | 'markdown';
const VIEW_KEY = 'veille.reportView';

/** How the CM last chose to see the report (a document unless they chose its Markdown), kept in this browser. */
function useView(): [View, (v: View) => void] {
  const [view, setView] = useState<View>(() => (localStorage.getItem(VIEW_KEY) === 'markdown' ? 'markdown' : 'document'));
  return [
    view,
    (v) => {
      localStorage.setItem(VIEW_KEY, v);
      setView(v);
    },
  ];
}

/**
 * The week the page was opened on (`#report-week-2026-11-23`, from the meeting's notification), or
 * null; the address then names the report's section alone.
 */
function weekOpened(): string | null {
  if (!location.hash.startsWith(REPORT_WEEK_HASH)) return null;
  const day = location.hash.slice(REPORT_WEEK_HASH.length);
  history.replaceState(null, '', '#report');
  return daySchema.safeParse(day).success ? day : null;
}

/**
 * The report's words and the language its numbers are written in: the browser's, or those of the
 * language chosen for the report (in the settings), once read; null meanwhile. A file that cannot
 * be read is said through `fail`, and the browser's words are used.
 */
function useReportWords(db: VeilleDB, fail: (message: string) => void): { chosen: Settings['reportLanguage']; w: ReportWords; locale: string } | null {
  const settings = useLiveQuery(() => getSettings(db), [db]);
  const chosen = settings?.reportLanguage;
  const [loaded, setLoaded] = useState<{ language: ReportLanguage; w: ReportWords } | { language: ReportLanguage; failed: true } | null>(null);
  useEffect(() => {
    if (!chosen || chosen === 'browser') return;
    let live = true;
    loadWords(chosen).then(
      (w) => live && setLoaded({ language: chosen, w }),
      (e: unknown) => {
        if (!live) return;
        fail(errorSaid(e));
        setLoaded({ language: chosen, failed: true });
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chosen]);
  if (!chosen) return null;
  if (chosen === 'browser' || (loaded?.language === chosen && 'failed' in loaded)) return { chosen, w: tKey, locale: uiLocale() };
  return loaded?.language === chosen && 'w' in loaded ? { chosen, w: loaded.w, locale: chosen } : null;
}

/**
 * The weekly meeting report: pick a week (this one by default, following the calendar while the
 * page stays open), export or copy it.
 */
export function WeeklyReport({ db }: { db: VeilleDB }) {
  const today = useToday();
  /** The day the CM picked, or null: this week. (The meeting's notification names a week: see lib/meeting.ts.) */
  const [opened] = useState(weekOpened);
  const [chosen, setChosen] = useState<string | null>(opened);
  const day = chosen ?? today;
  const [status, setStatus] = useState('');
  const at = new Date(`${day}T12:00:00`).getTime();
  // Read again when what it reports may have changed: at once for what the CM changes (topics,
  // partners, settings, imports); for the captures of the institution's tweets and profiles and
  // the hashtags and sites counted, written every second or so while the CM browses X, at most
  // every 30 s. And at midnight: the day's minutes are no longer to come.
  const report = useWatchedQuery(
    () => loadReport(db, Number.isFinite(at) ? at : Date.now()),
    (parts) => touchesTables(parts, db.name, ['topics', 'veilleSessions', 'partners', 'settings', 'dailyFigures', 'sources', 'sourceVisits']) || mayChangeAnalytics(parts, db.name),
    [db, day, today],
    0,
    { affects: (parts) => touchesTables(parts, db.name, ['tweetMetrics', 'profileSnapshots', 'termCounts']), gapMs: 30_000 },
  );
  const words = useReportWords(db, setStatus);
  const [view, setView] = useView();
  // Opened on a week: in view once drawn (the sections above it have drawn their data meanwhile).
  const drawn = !!report && !!words;
  useEffect(() => {
    if (drawn && opened) document.getElementById('report')?.scrollIntoView();
  }, [drawn, opened]);
  if (!report || !words) return null;
  // (The week shown is this one, or one to come: no later week to step to.)
  const thisWeek = weekStart(dayStartOf(day)) >= weekStart(dayStartOf(today));
  /** A day of this week is this week, following the calendar. */
  const thisWeekAgain = (d: string) => (weekStart(dayStartOf(d)) === weekStart(dayStartOf(today)) ? null : d);
  const markdown = reportMarkdown(report, words.w, words.locale);
  const name = `veille-week-${localDayOf(weekStart(report.from))}`;
  return (
    <section aria-labelledby="report-title" class="report">
      <h2 id="report-title">{t('report_heading')}</h2>
      <NextMeeting db={db} />
      <div class="toolbar">
        <label class="inline">
          {t('report_week_of')}
          <input type="date" value={day} onInput={(e) => setChosen(e.currentTarget.value || null)} />
        </label>
        {/* (A Monday's meeting looks back at the week before.) */}
        <div role="group" aria-label={t('report_weeks')} class="week-steps">
          <button type="button" onClick={() => setChosen(dayBefore(dayStartOf(day), 7))}>
            <span aria-hidden="true">← </span>
            {t('report_previous_week')}
          </button>
          <button type="button" disabled={thisWeek} onClick={() => setChosen(thisWeekAgain(dayBefore(dayStartOf(day), -7)))}>
            {t('report_next_week')}
            <span aria-hidden="true"> →</span>
          </button>
          {!thisWeek && (
            <button type="button" onClick={() => setChosen(null)}>
              {t('report_this_week')}
            </button>
          )}
        </div>
        <button type="button" onClick={() => downloadText(`${name}.md`, markdown, 'text/markdown;charset=utf-8')}>
          {t('report_export_md')}
        </button>
        <label class="inline">
          {t('report_language')}
          <select value={words.chosen} onChange={(e) => void saveSettings(db, { reportLanguage: e.currentTarget.value as Settings['reportLanguage'] })}>
            <option value="browser">{t('report_language_browser')}</option>
            {/* (Each language by its own name.) */}
            <option value="en" lang="en">
              English
            </option>
            <option value="fr" lang="fr">
              Français
            </option>
          </select>
        </label>
        <button type="button" onClick={() => downloadText(`${name}.csv`, reportCsv(report, words.w, spreadsheetSeparator(words.chosen === 'browser' ? browserLocale() : words.locale)), 'text/csv;charset=utf-8')}>
          {t('report_export_csv')}
        </button>
        <button
          type="button"
          onClick={() => sayCopied(copyReport(markdown), t('report_copied'), setStatus)}
        >
          {t('report_copy')}
        </button>
        <span role="status" class="muted" aria-live="polite">
          {status}
        </span>
      </div>
      <div class="toolbar">
        <div role="group" aria-label={t('report_view')} class="presets">
          {(['document', 'markdown'] as const).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
              {t(v === 'document' ? 'report_view_document' : 'report_view_markdown')}
            </button>
          ))}
        </div>
        {view === 'document' && (
          <button type="button" onClick={() => printAlone(document.querySelector('.report-doc'))}>
            {t('report_print')}
          </button>
        )}
      </div>
      {view === 'document' ? (
        <ReportDocument markdown={markdown} />
      ) : (
        <pre class="report-preview" data-testid="report-preview" tabIndex={0} aria-label={t('report_view_label')}>
          {markdown}
        </pre>
      )}
    </section>
  );
}
