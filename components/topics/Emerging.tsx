import { useState } from 'preact/hooks';
import type { VeilleDB } from '@/lib/db';
import { BASELINE_DAYS, MIN_RECENT, RATIO, RECENT_DAYS, currentEmerging } from '@/lib/emerging';
import { t, tKey, uiLocale } from '@/lib/i18n';
import { notifyChanged } from '@/lib/runtime';
import { dismissTerm } from '@/lib/settings';
import { dateText, localDayOf } from '@/lib/time';
import { listSources, placeKey, saveSource } from '@/lib/sources';
import { normalizeUrl, saveTopic } from '@/lib/topics';
import { searchUrl } from '@/lib/x/pages';
import { touchesTables } from '@/lib/watch';
import { useLiveQuery, useWatchedQuery } from '../useLiveQuery';
import { useToday } from '../useToday';

/** "Emerging" on X: terms rising above their own baseline in the tweets the CM saw. */
export function Emerging({ db, limit = 8 }: { db: VeilleDB; limit?: number }) {
  // Read again when the day counts or the dismissed terms change, at most every 10 s (the counts
  // change with every second of browsing X, and a list of terms over days needs no more), and at
  // midnight, when the days of the rule move on.
  const today = useToday();
  const now = useWatchedQuery(() => currentEmerging(db), (parts) => touchesTables(parts, db.name, ['termCounts', 'settings']), [db, today], 10_000);
  const found = now?.terms;
  // Terms dismissed here go at once.
  const [dismissed, setDismissed] = useState<string[]>([]);
  const terms = found?.filter((e) => !dismissed.includes(e.term));
  const [status, setStatus] = useState('');
  // The places of the veille's round: a term followed there says so.
  const round = useLiveQuery(async () => new Set((await listSources(db)).map((x) => placeKey(x.url))), [db]);
  // The terms saved as topics already (a term's topic is its search on X: saved again, it is the
  // same topic, not a second one).
  const addressOf = (term: string) => normalizeUrl(searchUrl(term));
  const addresses = (found ?? []).map((e) => addressOf(e.term));
  const onBoard = useLiveQuery(
    async () => new Set((await db.topics.where('url').anyOf(addresses).toArray()).map((x) => x.url)),
    [db, addresses.join('\n')],
  );
  const rule = t('emerging_rule', MIN_RECENT, RECENT_DAYS, RATIO, BASELINE_DAYS);
  if (!terms) return null;
  return (
    <section class="emerging" aria-labelledby="emerging-title">
      <h2 id="emerging-title">
        {t('emerging_title')}{' '}
        <span class="help" title={rule} aria-label={rule} tabIndex={0} role="note">
          ?
        </span>
      </h2>
      {terms.length === 0 ? (
        <p class="muted small">{now?.from ? t('emerging_learning', dateText(now.from, uiLocale(), 'weekday')) : t('emerging_empty')}</p>
      ) : (
        <ul class="terms">
          {terms.slice(0, limit).map((e) => (
            <li key={e.term} data-term={e.term}>
              <a href={searchUrl(e.term)} target="_blank" rel="noreferrer" title={t('emerging_search', e.term)} aria-label={t('emerging_search', e.term)}>
                <strong>{e.term}</strong>
              </a>{' '}
              <span class="muted small" title={t('emerging_numbers', e.recent, RECENT_DAYS, e.baseline, BASELINE_DAYS)}>
                ×{e.lift}
              </span>
              {onBoard?.has(addressOf(e.term)) ? (
                <span class="muted small">{t('emerging_on_board')}</span>
              ) : (
                <button
                  type="button"
                  aria-label={t('emerging_save_label', e.term)}
                  onClick={async () => {
                    const r = await saveTopic(db, { title: e.term, url: searchUrl(e.term), tags: [e.term.replace(/^#/, '')] });
                    setStatus(r.ok ? t(r.created ? 'topic_saved' : 'topic_updated') : '');
                    void notifyChanged('topics');
                  }}
                >
                  {t('emerging_save')}
                </button>
              )}
              {round?.has(placeKey(searchUrl(e.term))) ? (
                <span class="muted small">{t('emerging_in_round')}</span>
              ) : (
                <button
                  type="button"
                  aria-label={t('emerging_follow_label', e.term)}
                  onClick={async () => {
                    const r = await saveSource(db, { url: searchUrl(e.term), label: e.term });
                    setStatus(r.ok ? t('emerging_followed', e.term) : tKey(r.issues[0]!.message));
                  }}
                >
                  {t('emerging_follow')}
                </button>
              )}
              <button
                type="button"
                class="link"
                aria-label={t('emerging_dismiss_label', e.term)}
                onClick={() => {
                  setDismissed([...dismissed, e.term]);
                  void dismissTerm(db, e.term, localDayOf(Date.now()));
                }}
              >
                {t('dismiss')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" class="muted small" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
