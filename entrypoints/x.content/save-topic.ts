/**
 * "Save as topic" on a tweet: a small star at the end of the author's line, next to the partner tag
 * or the "+", drawn when the CM points at or focuses the tweet. (Below the action bar, it made the
 * tweet taller, and X's list moved every tweet below it.) It saves the tweet with its author, text,
 * hashtags, media kind and link; the partner tag comes from the author when the board shows it.
 */
import { t, type MessageKey } from '@/lib/i18n';
import type { Response, TopicDraft } from '@/lib/protocol';
import { draftFromTweet, type TweetFacts } from '@/lib/topic-draft';
import { datetimeOf, displayNameOf, isFocal, parseTweet, tweetDetails, type TweetRef } from '@/lib/x/adapter';
import { STATUS_PATH } from '@/lib/x/selectors';
import { statusUrl } from '@/lib/x/pages';
import { FONTS, THEME_CSS, failed, h, setContent, shadowHost } from './dom';

const CSS = /* css */ `${THEME_CSS}
:host { display: inline-flex; align-self: center; flex-shrink: 0; margin: 0 4px; font: 12px/18px ${FONTS}; color: var(--muted); }
button { all: unset; cursor: pointer; font-size: 16px; color: var(--accent); }
:focus-visible { outline: 2px solid var(--accent); }
:disabled { cursor: default; color: inherit; }
button + span { margin-left: 6px; }
`;

/** What the content script knows of a tweet, for a topic. */
export function factsOf(article: Element): TweetFacts | null {
  const tw = parseTweet(article);
  if (!tw?.author) return null;
  return { tweetId: tw.tweetId, handle: tw.author.handle, name: displayNameOf(tw.author.el), datetime: datetimeOf(tw), ...tweetDetails(article) };
}

/**
 * The tweet the CM means, among the tweets of the page: the one holding the selection; else the one
 * pointed at or focused last (`pointed`, the one its ☆ shows on), while the pointer or the focus is
 * still in it; else the one pointed at; else the one a tweet's own page is about (its id is in the
 * URL); else the one focused (X's j and k keys focus tweets; a right click focuses one too). Null on
 * a timeline where none is (the page itself is then no topic: see `draftFromPage`).
 */
export function focalTweet(doc: Document, articles: Element[], pointed?: Element | null): Element | null {
  const id = STATUS_PATH.exec(doc.location.pathname)?.[2];
  const holding = (n: Node | null | undefined) => n && articles.find((a) => a.contains(n));
  const selection = doc.getSelection();
  const focused = holding(doc.activeElement);
  const hovered = articles.find((a) => a.matches(':hover'));
  return (
    // (A click leaves a caret, a selection of nothing, where it was: that is no choice of a tweet.)
    holding(selection?.isCollapsed ? null : selection?.anchorNode) ||
    (pointed && (pointed === hovered || pointed === focused) && pointed) ||
    hovered ||
    (id && (articles.find((a) => parseTweet(a)?.tweetId === id) || articles.find(isFocal))) ||
    focused ||
    null
  );
}

export type SaveTopic = (draft: TopicDraft) => Promise<Response<'topic.save'>>;
/** Where the topic of an address stands on the board (see the protocol's `topic.status`). */
export type TopicStatus = (url: string) => Promise<Response<'topic.status'>>;

/**
 * Draw the save button of this tweet (one with an action bar), if it is not there yet: "★" when the
 * tweet is a topic already (saved in another visit, another tab), "☆" otherwise.
 */
export function applySaveButton({ article, bar, author, tweetId }: TweetRef, save: SaveTopic, theme: string, known?: TopicStatus): void {
  if (!bar || author!.el.querySelector('[data-veille="save"]')) return;
  const { host, root } = shadowHost('save', CSS, 'span');
  host.dataset.theme = theme;
  const status = h('span', { role: 'status' });
  const button = h('button', { type: 'button', title: t('topic_save_tweet_hint'), 'aria-label': t('topic_save_tweet') }, '☆');
  let clear: ReturnType<typeof setTimeout> | undefined;
  /** The tweet is a topic: the star filled, and its label says so (a screen reader is not told by the star). */
  const saved = () => {
    button.textContent = '★';
    button.title = t('topic_saved_tweet');
    button.setAttribute('aria-label', button.title);
  };
  button.addEventListener('click', async (e) => {
    e.stopPropagation();
    e.preventDefault();
    const facts = factsOf(article);
    if (!facts) return;
    button.disabled = true;
    try {
      const r = await save(draftFromTweet(facts));
      // Saved: the star stays filled, and the word of it goes after a moment (in the author's line,
      // it would shorten a long name for as long as the tweet is shown): 4 s. An error stays.
      if (r.topic) {
        saved();
        // (A second save within those 4 s gets its own 4 s.)
        clearTimeout(clear);
        clear = setTimeout(() => (status.textContent = ''), 4000);
      }
      status.textContent = r.topic ? t(r.created ? 'topic_saved' : 'topic_updated') : t('err_unexpected', r.issues.map((i) => t(i.message as MessageKey)).join(', '));
    } catch (err) {
      status.textContent = failed(err);
    } finally {
      button.disabled = false;
    }
  });
  setContent(root, h('span', {}, button, status));
  author!.el.append(host);
  if (tweetId) known?.(statusUrl(author!.handle, tweetId)).then((r) => void (r.status && saved()), () => undefined);
}
