import { CategoryBadge } from '@/components/CategoryBadge';
import { RelayLinks } from '@/components/RelayLinks';
import { TopicTitle } from '@/components/topics/TopicTitle';
import { TopList } from '@/components/analytics/TopList';
import { sparkPath } from '@/components/analytics/chart';
import { categoryLabelKey } from '@/lib/categories';
import { signed, tweetUrl } from '@/lib/dashboard';
import type { VeilleDB } from '@/lib/db';
import { t, tCount, tKey, uiLocale } from '@/lib/i18n';
import { ACTIVITY_DAYS, loadPartnerActivity, type PartnerActivity } from '@/lib/partner-activity';
import type { Partner } from '@/lib/schemas';
import { SEEN_COUNTS, TOP_COUNTS, seenFigures } from '@/lib/seen';
import { dateText } from '@/lib/time';
import { touchesTables } from '@/lib/watch';
import { useWatchedQuery } from '../useLiveQuery';
import { useModal } from '../useModal';
import { TagChips } from './TagChips';
import { daysAgo, useToday } from '../useToday';

const [W, H] = [240, 48];

/** Their followers at each visit: the figures, and a line through them where there are two visits or more. */
function Followers({ points, nf }: { points: PartnerActivity['followers']; nf: Intl.NumberFormat }) {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return <p class="muted">{t('pd_followers_none')}</p>;
  const day = (at: number) => dateText(at, uiLocale());
  const [lo, hi] = [Math.min(...points.map((p) => p.followers)), Math.max(...points.map((p) => p.followers))];
  const span = last.at - first.at || 1;
  const path = sparkPath(points.map((p) => [2 + ((p.at - first.at) / span) * (W - 4), H - 2 - (hi === lo ? 0.5 : (p.followers - lo) / (hi - lo)) * (H - 4)]));
  return (
    <>
      <p data-testid="pd-followers">
        {t('pd_followers_last', tCount('n_followers', last.followers), day(last.at))}
        {points.length > 1 && <> · {t('pd_followers_change', signed(nf, last.followers - first.followers), day(first.at))}</>}
      </p>
      {points.length > 1 && (
        <figure class="pd-spark" style={{ width: `${W}px` }}>
          <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={t('pd_followers_chart', nf.format(first.followers), day(first.at), nf.format(last.followers), day(last.at))}>
            <path d={path} />
          </svg>
          <figcaption aria-hidden="true" class="muted">
            <span>{day(first.at)}</span>
            <span>{day(last.at)}</span>
          </figcaption>
        </figure>
      )}
    </>
  );
}

/**
 * One partner as Veille knows them (see lib/partner-activity.ts), in a dialog over the partner
 * list: who they are, their followers, their tweets seen on X lately, the topics saved from them,
 * and the institution's tweets that mention them. It follows the CM's changes at once, and what
 * they browse on X within 30 s.
 */
export function PartnerDetail({ db, partner, onEdit, onClose }: { db: VeilleDB; partner: Partner; onEdit(p: Partner): void; onClose(): void }) {
  const dialog = useModal();
  const today = useToday();
  const activity = useWatchedQuery(
    () => loadPartnerActivity(db, partner.handle),
    (parts) => touchesTables(parts, db.name, ['topics']),
    [db, partner.handle, today],
    0,
    { affects: (parts) => touchesTables(parts, db.name, ['tweetMetrics', 'profileSnapshots']), gapMs: 30_000 },
  );
  const locale = uiLocale();
  const nf = new Intl.NumberFormat(locale);
  const name = partner.name || `@${partner.handle}`;
  return (
    <dialog ref={dialog} class="topic-detail partner-detail" aria-labelledby="pd-title" data-testid="partner-detail" onClose={onClose} onCancel={onClose}>
      <h2 id="pd-title">{name}</h2>
      <p>
        <a href={`https://x.com/${partner.handle}`} target="_blank" rel="noreferrer">
          @{partner.handle}
        </a>{' '}
        <CategoryBadge category={partner.category} /> <span class="muted">{t(categoryLabelKey(partner.category))}</span>
      </p>
      {!!partner.formerHandles?.length && (
        <p class="muted" data-testid="pd-former">
          {t('pd_former', partner.formerHandles.map((f) => `@${f.handle}`).join(', '))}
        </p>
      )}
      {partner.tags.length > 0 && (
        <p>
          <TagChips tags={partner.tags} />
        </p>
      )}
      {partner.note && <p class="note">{partner.note}</p>}
      {activity && (
        <>
          <p data-testid="pd-last-seen">{t('pd_last_seen', activity.lastSeen ? daysAgo(activity.lastSeen, today).text : t('last_seen_never'))}</p>
          <section aria-labelledby="pd-followers-title">
            <h3 id="pd-followers-title">{t('pd_followers')}</h3>
            <Followers points={activity.followers} nf={nf} />
          </section>
          <section aria-labelledby="pd-tweets-title" data-testid="pd-tweets">
            <h3 id="pd-tweets-title">{t('pd_tweets', ACTIVITY_DAYS)}</h3>
            {activity.tweets.tweets ? (
              <>
                <p>
                  {tCount('dash_seen_totals', activity.tweets.tweets, seenFigures(activity.tweets, SEEN_COUNTS, tKey, locale, ' · '))}
                  {activity.tweets.approximate && <span class="muted"> {t('report_seen_approximate')}</span>}
                </p>
                <TopList
                  sub
                  title={t('dash_seen_top')}
                  rows={activity.tweets.top}
                  figure={(x) => seenFigures(x, TOP_COUNTS, tKey, locale, ' · ')}
                  actions={(x) => <RelayLinks tweet={x} who={name} />}
                />
              </>
            ) : (
              <p class="muted">{t('pd_tweets_none', ACTIVITY_DAYS)}</p>
            )}
          </section>
          <section aria-labelledby="pd-topics-title" data-testid="pd-topics">
            <h3 id="pd-topics-title">{t('pd_topics')}</h3>
            {activity.topics.length ? (
              <ul>
                {activity.topics.map((x) => (
                  <li key={x.id}>
                    <TopicTitle topic={x} />{' '}
                    <span class="muted">
                      {dateText(x.createdAt, locale)} · {t(`status_${x.status}`)}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">{t('pd_topics_none')}</p>
            )}
          </section>
          <section aria-labelledby="pd-mentions-title" data-testid="pd-mentions">
            <h3 id="pd-mentions-title">{t('pd_mentions')}</h3>
            {activity.mentions === null ? (
              <p class="muted">{t('pd_mentions_no_analytics')}</p>
            ) : activity.mentions.count === 0 ? (
              <p class="muted">{t('pd_mentions_none')}</p>
            ) : (
              <p>
                {tCount('pd_mentions_count', activity.mentions.count)}
                {activity.mentions.last && (
                  <>
                    {' '}
                    {t('pd_mentions_last')}{' '}
                    <a href={tweetUrl(activity.mentions.last)} target="_blank" rel="noreferrer">
                      {dateText(activity.mentions.last.postedAt, locale)}
                    </a>
                  </>
                )}
              </p>
            )}
          </section>
        </>
      )}
      <div class="actions">
        <button type="button" onClick={() => onEdit(partner)}>
          {t('edit')}
        </button>
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('pd_close')}
        </button>
      </div>
    </dialog>
  );
}
