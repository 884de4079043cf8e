import { lastBackup } from '@/lib/backup';
import { holdsAny, type VeilleDB } from '@/lib/db';
import { t, type MessageKey } from '@/lib/i18n';
import { getSettings, saveSettings } from '@/lib/settings';
import { touchesTables } from '@/lib/watch';
import { useWatchedQuery } from './useLiveQuery';

/** What the dashboard's first steps need to know, each true once done. */
async function stepsDone(db: VeilleDB) {
  const [settings, partners, institution, captured, analytics, days, backup, places] = await Promise.all([
    getSettings(db),
    holdsAny(db.partners),
    holdsAny(db.partners.where('category').equals('institution')),
    holdsAny(db.tweetMetrics.where('source').equals('page')),
    holdsAny(db.tweetMetrics.where('source').equals('analytics')),
    holdsAny(db.dailyFigures),
    lastBackup(db),
    holdsAny(db.sources),
  ]);
  return {
    hidden: settings.gettingStartedHidden,
    steps: { partners, institution, browse: captured, round: places, import: analytics || days, backup: backup !== null },
  };
}

type Step = keyof Awaited<ReturnType<typeof stepsDone>>['steps'];

/** Each step: its words, and where it is done (a section of this page, or X). */
const STEPS: { step: Step; label: MessageKey; href: string }[] = [
  { step: 'partners', label: 'start_partners', href: '#partners' },
  { step: 'institution', label: 'start_institution', href: '#partners' },
  { step: 'browse', label: 'start_browse', href: 'https://x.com/home' },
  { step: 'round', label: 'start_round', href: '#veille-round' },
  { step: 'import', label: 'start_import', href: '#analytics' },
  { step: 'backup', label: 'start_backup', href: '#backup' },
];

/**
 * The first steps with Veille, at the top of the dashboard, each ticked once done, until they all
 * are or the CM hides them. (The captures of X, written every second or so while the CM browses,
 * are looked at every 30 s at most.)
 */
export function GettingStarted({ db }: { db: VeilleDB }) {
  const state = useWatchedQuery(
    () => stepsDone(db),
    (parts) => touchesTables(parts, db.name, ['partners', 'settings', 'dailyFigures', 'sources']),
    [db],
    0,
    { affects: (parts) => touchesTables(parts, db.name, ['tweetMetrics']), gapMs: 30_000 },
  );
  if (!state || state.hidden || Object.values(state.steps).every(Boolean)) return null;
  const done = STEPS.filter((s) => state.steps[s.step]).length;
  return (
    <section class="getting-started" aria-labelledby="start-title" data-testid="getting-started">
      <h2 id="start-title">{t('start_title')}</h2>
      <p class="muted">{t('start_progress', done, STEPS.length)}</p>
      <ol>
        {STEPS.map((s) => (
          <li key={s.step} class={state.steps[s.step] ? 'done' : ''}>
            <span aria-hidden="true" class="tick">
              {state.steps[s.step] ? '✓' : '○'}
            </span>{' '}
            <a href={s.href} {...(s.href.startsWith('http') ? { target: '_blank', rel: 'noreferrer' } : {})}>
              {t(s.label)}
            </a>
            {state.steps[s.step] && <span class="sr-only"> ({t('start_done')})</span>}
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => void saveSettings(db, { gettingStartedHidden: true })}
      >
        {t('start_hide')}
      </button>
    </section>
  );
}
