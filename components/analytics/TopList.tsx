import type { ComponentChildren } from 'preact';
import { snippet, tweetUrl, type TweetRow } from '@/lib/dashboard';
import { dateText } from '@/lib/time';
import { uiLocale } from '@/lib/i18n';

/** A ranked list of tweets, each linking to X: what it says (its date where the export gave no text), then its figures. */
export function TopList<R extends Pick<TweetRow, 'tweetId' | 'authorHandle' | 'text' | 'postedAt'>>({
  title,
  note,
  rows,
  figure,
  actions,
  sub = false,
}: {
  title: string;
  note?: string;
  rows: R[];
  figure(r: R): string;
  /** What can be done with a tweet, after its figures. */
  actions?(r: R): ComponentChildren;
  /** Its title a heading under another section's (h4), not one of a page's sections (h3). */
  sub?: boolean;
}) {
  const Heading = sub ? 'h4' : 'h3';
  return (
    <div>
      <Heading>{title}</Heading>
      {note && <p class="muted note">{note}</p>}
      <ol>
        {rows.map((x) => (
          <li key={x.tweetId}>
            <a href={tweetUrl(x)} target="_blank" rel="noreferrer" title={x.text}>
              {x.text ? snippet(x.text) : dateText(x.postedAt, uiLocale())}
            </a>{' '}
            {x.text && <span class="muted">{dateText(x.postedAt, uiLocale())} · </span>}
            <span class="figures">{figure(x)}</span>
            {actions?.(x)}
          </li>
        ))}
      </ol>
    </div>
  );
}
