import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import '@/components/theme.css';
import './style.css';
import { CategoryBadge } from '@/components/CategoryBadge';
import { HealthBanner } from '@/components/HealthBanner';
import { UnsaidError } from '@/components/UnsaidError';
import { XAccessBanner } from '@/components/XAccessBanner';
import { OverlaysSwitch } from '@/components/OverlaysSwitch';
import { VeillePanel } from '@/components/veille/VeillePanel';
import { TodayRound } from '@/components/veille/Round';
import { currentTab } from '@/components/currentTab';
import { QuickSave } from '@/components/topics/QuickSave';
import { AccountsOnPage } from '@/components/partners/AccountsOnPage';
import { Emerging } from '@/components/topics/Emerging';
import { NextMeeting } from '@/components/topics/NextMeeting';
import { TopicTitle } from '@/components/topics/TopicTitle';
import { useFirstLoad, useSettled } from '@/components/settling';
import { useLiveQuery } from '@/components/useLiveQuery';
import { daysAgo, useToday } from '@/components/useToday';
import { PARTNER_CATEGORIES } from '@/lib/categories';
import { getDb } from '@/lib/db';
import { numberText, t, tCount, uiLocale } from '@/lib/i18n';
import { getSettings } from '@/lib/settings';
import { isXUrl } from '@/lib/x/pages';
import { pageOfReaderView } from '@/lib/web-address';

/** A section of the dashboard, by its hash: it opens in a new tab (and the popup closes). */
const dashboard = (hash: string) => `${browser.runtime.getURL('/options.html')}#${hash}`;

/** How long the popup waits at most for its parts' first loads before it shows (see `useSettled`). */
const SETTLE_MAX_MS = 700;

/** How many of the latest topics saved the popup names. */
const RECENT_TOPICS = 3;

/**
 * The board at a glance: the topics proposed for the meeting and the new ones, the latest saved (each
 * opening its source), when the next meeting is, and the board and the report a click away.
 */
function Topics() {
  const db = getDb();
  const counts = useLiveQuery(
    async () => ({
      proposed: await db.topics.where('status').equals('proposed').count(),
      fresh: await db.topics.where('status').equals('new').count(),
      recent: await db.topics.orderBy('createdAt').reverse().limit(RECENT_TOPICS).toArray(),
    }),
    [],
  );
  const today = useToday();
  if (!counts) return null;
  return (
    <section aria-label={t('nav_topics')} class="popup-topics" data-testid="popup-topics">
      <p>
        {tCount('popup_topics_proposed', counts.proposed)} · {tCount('popup_topics_new', counts.fresh)}
      </p>
      {counts.recent.length > 0 && (
        <ul class="recent" aria-label={t('popup_recent_topics')}>
          {counts.recent.map((x) => (
            <li key={x.id}>
              <TopicTitle topic={x} />{' '}
              <span class="muted small">
                {t(x.status === 'proposed' ? 'status_proposed_short' : `status_${x.status}`)} · {daysAgo(x.createdAt, today).text}
              </span>
            </li>
          ))}
        </ul>
      )}
      <NextMeeting db={db} settingsUrl={dashboard('settings')} />
      <p class="links">
        <a href={dashboard('topics')} target="_blank" rel="noreferrer">
          {t('popup_board')}
        </a>
        <a href={dashboard('report')} target="_blank" rel="noreferrer">
          {t('nav_report')}
        </a>
      </p>
    </section>
  );
}

function Popup() {
  const db = getDb();
  const partners = useLiveQuery(() => db.partners.toArray(), []);
  const settings = useLiveQuery(() => getSettings(db), [db]);
  const [onX, setOnX] = useState<boolean | null>(null);
  /** The page of the tab the CM is looking at (see `currentTab`). */
  const [page, setPage] = useState<{ url: string; title?: string } | null>(null);
  useEffect(() => {
    currentTab()
      .then((tab) => {
        setOnX(!!tab?.url && isXUrl(tab.url));
        // (A page in the browser's reader view is the article it shows: added to the round as that.)
        if (tab?.url) setPage({ url: pageOfReaderView(tab.url), ...(tab.title ? { title: tab.title } : {}) });
      })
      .catch(() => setOnX(false));
  }, []);
  useFirstLoad(onX !== null);
  // (Shown once its parts have what they show, rather than growing under the CM's pointer.)
  const settled = useSettled(SETTLE_MAX_MS);

  const counts = PARTNER_CATEGORIES.map((c) => [c, partners?.filter((p) => p.category === c).length ?? 0] as const).filter(
    ([, n]) => n > 0,
  );
  return (
    <main class={settled ? undefined : 'settling'} aria-busy={!settled}>
      <h1>{t('extName')}</h1>
      <XAccessBanner />
      <HealthBanner db={db} />
      <VeillePanel db={db} />
      <TodayRound db={db} page={page} manageUrl={dashboard('veille-round')} />
      <QuickSave db={db} />
      <AccountsOnPage db={db} />
      <Emerging db={db} limit={5} />
      <Topics />
      {partners && (
        <section aria-label={t('nav_partners')}>
          <p data-testid="popup-partners">{partners.length ? t('popup_partners', numberText(partners.length)) : t('popup_no_partners')}</p>
          {!partners.length && <p class="muted">{t('popup_no_partners_hint')}</p>}
          {counts.length > 0 && (
            <ul class="counts">
              {counts.map(([c, n]) => (
                <li key={c}>
                  <CategoryBadge category={c} /> {n}
                </li>
              ))}
            </ul>
          )}
          {/* (Where tags show: said only where there are partners to tag, and their tags are not switched off.) */}
          {partners.length > 0 && onX !== null && settings && !settings.overlaysPaused && !settings.hiddenOverlays.includes('author') && (
            <p class="muted" data-testid="popup-where">
              {onX ? t('popup_on_x') : t('popup_not_x')}
            </p>
          )}
        </section>
      )}
      <OverlaysSwitch db={db} />
      <button type="button" class="primary" onClick={() => void browser.runtime.openOptionsPage().then(() => window.close())}>
        {t('popup_manage_partners')}
      </button>
      <UnsaidError />
    </main>
  );
}

// The page's language is the interface's (screen readers read it with the right voice).
document.documentElement.lang = uiLocale();
render(<Popup />, document.getElementById('app')!);
