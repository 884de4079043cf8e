/**
 * "Save as topic" on a tweet: a small button after the action bar, next to the engagement strip,
 * drawn when the CM points at or focuses the tweet. It saves the tweet with its author, text,
 * hashtags, media kind and link; the partner tag comes from the author when the board shows it.
 */
import { t } from '@/lib/i18n';
import type { Response, TopicDraft } from '@/lib/protocol';
import { draftFromTweet, type TweetFacts } from '@/lib/topic-draft';
import { actionBarOf, datetimeOf, displayNameOf, isFocal, parseTweet, tweetDetails } from '@/lib/x/adapter';
import { STATUS_PATH } from '@/lib/x/selectors';
import { FONTS, THEME_CSS, h, setContent, shadowHost } from './dom';
import { STRIP } from './engagement-strip';

const CSS = /* css */ `${THEME_CSS}
:host { display: block; margin: 4px 0 0; }
button {
  font: 600 12px/18px ${FONTS};
  color: var(--accent); background: transparent; border: 1px solid var(--line); border-radius: 12px;
  padding: 1px 10px; cursor: pointer;
}
button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
button[disabled] { cursor: default; color: var(--muted); }
[role=status] { font: 12px/18px ${FONTS}; color: var(--muted); margin-left: 6px; }
`;

/** What the content script knows of a tweet, for a topic. */
export function factsOf(article: Element): TweetFacts | null {
  const tw = parseTweet(article);
  if (!tw?.author) return null;
  return { tweetId: tw.tweetId, handle: tw.author.handle, name: displayNameOf(tw.author.el), datetime: datetimeOf(tw), ...tweetDetails(article) };
}

/** The tweet a status page is about (its id is in the URL), among the tweets of the page. */
export function focalTweet(doc: Document, articles: Element[]): Element | null {
  const id = STATUS_PATH.exec(doc.location.pathname)?.[2];
  if (!id) return null;
  return articles.find((a) => parseTweet(a)?.tweetId === id) ?? articles.find(isFocal) ?? null;
}

export type SaveTopic = (draft: TopicDraft) => Promise<Response<'topic.save'>>;

/** Draw the save button of this tweet, if it is not there yet. */
export function applySaveButton(article: Element, save: SaveTopic, theme: string): void {
  const bar = actionBarOf(article);
  if (!bar || article.querySelector('[data-veille="save"]')) return;
  const { host, root } = shadowHost('save', CSS);
  host.dataset.theme = theme;
  const status = h('span', { role: 'status' });
  const button = h('button', { type: 'button', title: t('topic_save_tweet_hint') }, t('topic_save_tweet'));
  button.addEventListener('click', async (e) => {
    e.stopPropagation();
    e.preventDefault();
    const facts = factsOf(article);
    if (!facts) return;
    button.disabled = true;
    try {
      const r = await save(draftFromTweet(facts));
      status.textContent = r.topic ? t(r.created ? 'topic_saved' : 'topic_updated') : t('err_unexpected', r.issues.map((i) => i.message).join(', '));
    } catch (err) {
      status.textContent = t('err_unexpected', err instanceof Error ? err.message : String(err));
    } finally {
      button.disabled = false;
    }
  });
  setContent(root, h('div', {}, button, status));
  // After the strip if there is one (see stripPlace), else right after the action bar.
  (article.querySelector(STRIP) ?? bar).after(host);
}
