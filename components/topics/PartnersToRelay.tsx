import { CategoryBadge } from '@/components/CategoryBadge';
import { RelayLinks } from '@/components/RelayLinks';
import { tweetUrl } from '@/lib/dashboard';
import type { VeilleDB } from '@/lib/db';
import { t, tKey, uiLocale } from '@/lib/i18n';
import { RELAY_DAYS, TOP_COUNTS, loadPartnersToRelay, seenFigures, type PartnerTweet } from '@/lib/seen';
import { dateText } from '@/lib/time';
import { touchesTables } from '@/lib/watch';
import { useWatchedQuery } from '../useLiveQuery';
import { useToday } from '../useToday';

/**
 * The partners' tweets to relay, beside the board: each partner's most viewed tweet of the last
 * days, as the CM saw it on X (see `loadPartnersToRelay`), linked to X (where its ☆ saves it as a
 * topic), to X's composer to quote it and to X's repost of it. Read again at once when partners or topics change, at most every 30 s for the captures
 * written while the CM browses X, and at midnight. Nothing without partners.
 */
export function PartnersToRelay({ db }: { db: VeilleDB }) {
  const today = useToday();
  const relay = useWatchedQuery(
    () => loadPartnersToRelay(db, Date.now()),
    (parts) => touchesTables(parts, db.name, ['partners', 'topics']),
    [db, today],
    0,
    { affects: (parts) => touchesTables(parts, db.name, ['tweetMetrics']), gapMs: 30_000 },
  );
  if (!relay?.partners) return null;
  const locale = uiLocale();
  const who = (x: PartnerTweet) => x.name || `@${x.authorHandle}`;
  const rule = t('relay_rule', RELAY_DAYS);
  return (
    <section class="relay" aria-labelledby="relay-title" data-testid="relay">
      <h2 id="relay-title">
        {t('relay_title')}{' '}
        <span class="help" title={rule} aria-label={rule} tabIndex={0} role="note">
          ?
        </span>
      </h2>
      {relay.tweets.length === 0 ? (
        <p class="muted small">{t('relay_empty', RELAY_DAYS)}</p>
      ) : (
        <ul class="relay-list">
          {relay.tweets.map((x) => (
            <li key={x.tweetId} data-handle={x.authorHandle}>
              <CategoryBadge category={x.category} /> <strong>{who(x)}</strong>{' '}
              <a href={tweetUrl(x)} target="_blank" rel="noreferrer" aria-label={t('relay_open', who(x), dateText(x.postedAt, locale))}>
                {dateText(x.postedAt, locale)}
              </a>{' '}
              <span class="muted small">{seenFigures(x, TOP_COUNTS, tKey, locale, ' · ')}</span>{' '}
              <RelayLinks tweet={x} who={who(x)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
