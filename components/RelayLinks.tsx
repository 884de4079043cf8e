import { tweetUrl } from '@/lib/dashboard';
import { t, uiLocale } from '@/lib/i18n';
import { dateText } from '@/lib/time';
import { composeUrl, repostUrl } from '@/lib/x/pages';

/** A partner's tweet relayed in one click: X's composer to quote it, X's repost of it. `who` names the partner. */
export function RelayLinks({ tweet, who }: { tweet: { tweetId: string; authorHandle?: string; postedAt: number }; who: string }) {
  // (Named to the minute: a partner may post twice a day.)
  const day = dateText(tweet.postedAt, uiLocale(), 'minute');
  return (
    <span class="relay-actions">
      <a href={composeUrl('', tweetUrl(tweet))} target="_blank" rel="noreferrer" aria-label={t('relay_quote_label', who, day)}>
        {t('relay_quote')}
      </a>
      <a href={repostUrl(tweet.tweetId)} target="_blank" rel="noreferrer" aria-label={t('relay_repost_label', who, day)}>
        {t('relay_repost')}
      </a>
    </span>
  );
}
