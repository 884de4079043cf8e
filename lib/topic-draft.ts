/**
 * Turning what the CM points at into a topic draft: a tweet, a page, a link or a selection.
 * Plain functions, used by the content script, the popup and the worker.
 */
import { clip } from './clip';
import { t as msg } from './i18n';
import type { TopicDraft } from './protocol';
import { isXFeed, isXUrl, profileHandle, statusUrl, tweetOfUrl, xPlaceOf, xTitle } from './x/pages';
import { postedAtOf } from './x/tweet-id';
import { pageOfReaderView } from './web-address';

/** `s` on one line, cut to `n` characters (see `clip`). */
const clipLine = (s: string, n: number) => clip(s.replace(/\s+/g, ' ').trim(), n);

export interface TweetFacts {
  tweetId: string | null;
  handle: string;
  name: string;
  text: string;
  hashtags: string[];
  mediaKind: 'image' | 'video' | 'none';
  datetime: string | null;
}

/** A tweet as a topic: its author, text, hashtags, media kind, link and date. */
export function draftFromTweet(t: TweetFacts): TopicDraft {
  const posted = t.datetime ? Date.parse(t.datetime) : (t.tweetId && postedAtOf(t.tweetId)) || NaN;
  const d: TopicDraft = {
    // ("Name: text", as the language writes it: "Nom : texte" in French.)
    title: clipLine(t.text ? msg('topic_from_tweet', t.name || `@${t.handle}`, t.text) : `@${t.handle}`, 200),
    text: t.text.slice(0, 1000),
    hashtags: t.hashtags.slice(0, 30),
    mediaKind: t.mediaKind,
    sourceHandle: t.handle,
    sourceName: t.name.slice(0, 100),
  };
  if (t.tweetId) {
    d.sourceTweetId = t.tweetId;
    d.url = statusUrl(t.handle, t.tweetId);
  }
  if (Number.isFinite(posted)) d.postedAt = posted;
  return d;
}

/**
 * Is this link one of the tweet's own, which stands for the tweet (the CM right-clicks a tweet, and
 * hits its time, its author's name or picture, one of its hashtags or X's t.co link to an article)?
 * A link elsewhere on the page (another account, a trend) stays the topic.
 */
export function linkOfTweet(linkUrl: string, tweet: TopicDraft): boolean {
  if (/^https:\/\/t\.co\//i.test(linkUrl)) return true;
  const status = tweetOfUrl(linkUrl);
  if (status) return status.tweetId === tweet.sourceTweetId;
  const handle = profileHandle(linkUrl);
  if (handle) return handle === tweet.sourceHandle;
  const place = xPlaceOf(linkUrl);
  return !!place?.startsWith('search:#') && (tweet.hashtags ?? []).some((h) => `search:${h.toLowerCase()}` === place);
}

/** What the browser tells of the page a topic is saved from. */
type PageFacts = { url?: string; title?: string; linkUrl?: string; selection?: string };

/**
 * A page, a link or a selection as a topic (the context menu and the shortcut save these at once).
 * X's home timeline, notifications and the like are no topic (see `isXFeed`), nor the browser's own
 * pages (`chrome://newtab`, `about:…`, an extension's): there only a tweet or the selection is, and
 * with neither the draft has no title (saving it is refused: nothing to save).
 * (Were "Home" and x.com/home saved, every idea saved there would update the one topic of that
 * address, each over the one before.)
 */
export function draftFromPage(given: PageFacts, tweet?: TopicDraft | null): TopicDraft {
  const p: PageFacts = given.url ? { ...given, url: pageOfReaderView(given.url) } : given;
  const selection = p.selection?.trim() ?? '';
  if (p.linkUrl) return { title: clipLine(selection || p.linkUrl, 200), url: p.linkUrl, note: selection.slice(0, 2000) };
  if (tweet) return { ...tweet, note: selection.slice(0, 2000) };
  // (Nor is a page of the browser's own, a new tab or its settings, nor an extension's: with the
  // shortcut pressed there, "New Tab" was saved as a topic without an address.)
  const page = p.url && (isXFeed(p.url) || !/^(https?|file):/i.test(p.url)) ? {} : p;
  // (An X page's title less what X adds to it: "(3) Nantes Université (@UnivNantes) / X".)
  const title = page.title && page.url && isXUrl(page.url) ? xTitle(page.title) : page.title;
  return {
    title: clipLine(selection || title || page.url || '', 200),
    ...(page.url && /^https?:/i.test(page.url) ? { url: page.url } : {}),
    // (The page's title, then the words selected, as they were: on lines of their own.)
    note: (selection && title ? `${title.trim()}\n${selection}` : selection).slice(0, 2000),
  };
}
