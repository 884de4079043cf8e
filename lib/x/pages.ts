/**
 * X's pages: which hosts Veille runs on, and what kind of page a URL is. Pure functions, tested
 * over lists of real URLs.
 */
import { clip } from '../clip';
import { decoded } from '../web-address';

export const X_MATCHES = ['https://x.com/*', 'https://twitter.com/*', 'https://mobile.twitter.com/*'];
export const X_HOSTS = new Set(['x.com', 'twitter.com', 'mobile.twitter.com', 'www.x.com', 'www.twitter.com']);
/**
 * X Pro (formerly TweetDeck), where a CM may do their veille in columns. Veille only counts the time
 * spent there, and only once the CM allows it (an optional permission: Veille does not know X Pro's
 * markup, and its tabs' addresses are hidden from the worker without it).
 */
export const X_PRO_MATCHES = ['https://pro.x.com/*'];

/** First path segments that are X's own pages, never a profile. */
const RESERVED = new Set(
  ('home explore search notifications messages i settings compose login logout signup tos privacy jobs ' +
    'hashtag account intent share lists bookmarks communities premium premium_sign_up verified-choose grok').split(' '),
);

function parse(url: string): URL | null {
  try {
    const u = new URL(url);
    return X_HOSTS.has(u.hostname) ? u : null;
  } catch {
    return null;
  }
}

function segments(u: URL): string[] {
  return u.pathname.split('/').filter(Boolean);
}

export function isXUrl(url: string): boolean {
  return parse(url) !== null;
}

/** An X Pro page (pro.x.com). */
export function isXProUrl(url: string): boolean {
  try {
    return new URL(url).hostname === 'pro.x.com';
  } catch {
    return false;
  }
}

/**
 * Whether time on this page is time on X, for the veille's automatic counting: x.com and twitter.com,
 * and X Pro (whose tabs' addresses the worker sees only once the CM allows it).
 */
export function isTimeOnX(url: string): boolean {
  return isXUrl(url) || isXProUrl(url);
}

/** The handle of a profile page (its tweets, replies, media, likes tabs), lower case; else null. */
export function profileHandle(url: string): string | null {
  const u = parse(url);
  if (!u) return null;
  const [first, second, ...rest] = segments(u);
  if (!first || RESERVED.has(first.toLowerCase()) || !/^[A-Za-z0-9_]{1,15}$/.test(first)) return null;
  if (rest.length) return null;
  if (second !== undefined && !['with_replies', 'media', 'likes', 'highlights', 'articles', 'superfollows'].includes(second)) return null;
  return first.toLowerCase();
}

export function isProfile(url: string): boolean {
  return profileHandle(url) !== null;
}

/** A tweet's own page: /handle/status/123 (and its /photo/1, /analytics … sub-pages). */
export function isStatus(url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  return /^\/[A-Za-z0-9_]{1,15}\/status\/\d+(\/|$)/.test(u.pathname) || /^\/i\/web\/status\/\d+/.test(u.pathname);
}

/**
 * A page that lists accounts, and nothing else: a list's members or followers, an account's
 * followers or following, the people a search finds. (A profile's "Who to follow" cells are X's
 * suggestions, not a list the CM made.)
 */
export function listsAccounts(url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  const p = u.pathname.replace(/\/+$/, '');
  if (/^\/i\/lists\/\d+\/(members|followers)$/.test(p)) return true;
  if (p === '/search') return u.searchParams.get('f') === 'user';
  const m = /^\/([A-Za-z0-9_]{1,15})\/(followers|following|verified_followers|followers_you_follow)$/.exec(p);
  return !!m && !RESERVED.has(m[1]!.toLowerCase());
}

/**
 * X's own pages about nothing in particular: the home timeline, Explore, notifications, messages,
 * bookmarks, settings, the composer, X's suggestions of accounts. Their address and title say
 * nothing of what the CM saw there (a tweet, an account, a search, a list, an X article or a Space
 * do).
 */
export function isXFeed(url: string): boolean {
  const p = parse(url)?.pathname.toLowerCase();
  return p !== undefined && /^\/((home|explore|notifications|messages|settings|compose|i\/(bookmarks|connect_people|timeline|trends|grok))(\/|$)|$)/.test(p);
}

/** A tweet's address on X (its author unknown: X's `i/web`, which finds them). */
export function statusUrl(handle: string | undefined, tweetId: string): string {
  return `https://x.com/${handle ?? 'i/web'}/status/${tweetId}`;
}

/**
 * The tweet a tweet's address names ("https://x.com/Inria/status/123?s=20", twitter.com's too): its
 * author's handle (lower case) and its id; null for any other address.
 */
export function tweetOfUrl(url: string): { handle: string; tweetId: string } | null {
  const m = /^\/([A-Za-z0-9_]{1,15})\/status\/(\d{1,25})(?:\/|$)/.exec(parse(url.trim())?.pathname ?? '');
  return m && !RESERVED.has(m[1]!.toLowerCase()) ? { handle: m[1]!.toLowerCase(), tweetId: m[2]! } : null;
}

/** X's address of a tweet whose author it does not name (`/i/web/status/1`, `/i/status/1`): its id. */
export function tweetOfAnyone(raw: string): { handle: undefined; tweetId: string } | null {
  const m = /^https?:\/\/(?:(?:www\.|mobile\.)?twitter\.com|(?:www\.)?x\.com)\/i\/(?:web\/)?status\/(\d{1,25})(?:[/?#]|$)/i.exec(raw.trim());
  return m ? { handle: undefined, tweetId: m[1]! } : null;
}

/**
 * Which place of X an address is, for the veille's round (see lib/sources.ts): an account
 * ("@inria", its tabs too), a search ("search:#chimie", whatever X adds to its address, a hashtag's
 * page the same as its search), a list ("list:123") or a community; another page of X by its path.
 * Null for an address that is not X's.
 */
export function xPlaceOf(url: string): string | null {
  const u = parse(url.trim());
  if (!u) return null;
  const handle = profileHandle(u.href);
  if (handle) return `@${handle}`;
  const [first = '', second = '', third = ''] = segments(u).map(decoded);
  const words = (q: string) => q.toLowerCase().replace(/\s+/g, ' ').trim();
  if (first === 'search') return `search:${words(u.searchParams.get('q') ?? '')}`;
  if (first === 'hashtag' && second) return `search:#${words(second)}`;
  if (first === 'i' && (second === 'lists' || second === 'communities') && /^\d+$/.test(third)) return `${second === 'lists' ? 'list' : 'community'}:${third}`;
  return `path:${u.pathname.toLowerCase().replace(/\/+$/, '')}`;
}

/** An X page's title less what X adds to it: "(3) Chimie FR / X" is "Chimie FR". */
export function xTitle(title: string): string {
  return title.replace(/^\(\d+\)\s*/, '').replace(/\s*\/\s*(X|Twitter)$/, '').trim();
}

/** The longest name of a place of the round. */
export const PLACE_NAME_MAX = 80;

/**
 * A name for a place of the round: an account's handle, a search's words; else the page's title
 * (less what X adds to it, see `xTitle`), or the site and its path.
 */
export function placeName(url: string, title = ''): string {
  const place = xPlaceOf(url);
  const u = new URL(url.trim());
  const name = place?.startsWith('@')
    ? `@${segments(u)[0]}`
    : place?.startsWith('search:')
      ? u.searchParams.get('q')?.trim() || `#${decoded(segments(u)[1] ?? '')}`
      : (place ? xTitle(title) : title.trim()) || `${u.hostname.replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}`;
  // (As long as a place's name can be: an advanced search runs longer, "(from:CNRS OR from:Inserm …) lang:fr".)
  return clip(name, PLACE_NAME_MAX);
}

/**
 * Pages that show tweets: where the core selectors must find something once the page has loaded.
 * (Not the media a profile or a search shows, which X lays out as a grid of pictures, nor the lists
 * a search finds.)
 */
export function showsTweets(url: string): boolean {
  const u = parse(url);
  if (!u || /\/media$|f=(media|list)/.test(u.pathname + u.search)) return false;
  const p = u.pathname;
  return (
    p === '/home' || p.startsWith('/search') || /^\/i\/lists\/\d+/.test(p) || isStatus(url) || isProfile(url)
  );
}

/** The most characters a post holds, and what X counts for any link in it (shortened by t.co). */
const POST_MAX = 280;
const LINK_LENGTH = 23;

/**
 * X's composer, opened on a post to write (its web intent): `text`, cut with "…" to leave room for
 * `url` (which X shows as a quote where it is a tweet's address).
 */
export function composeUrl(text: string, url?: string): string {
  const room = POST_MAX - (url ? LINK_LENGTH + 1 : 0);
  const chars = [...text.trim()];
  const cut = chars.length > room ? `${chars.slice(0, room - 1).join('').trimEnd()}…` : chars.join('');
  const q = new URLSearchParams({ text: cut });
  if (url) q.set('url', url);
  return `https://x.com/intent/tweet?${q}`;
}

/** X's dialog that reposts a tweet (its web intent). */
export function repostUrl(tweetId: string): string {
  return `https://x.com/intent/retweet?tweet_id=${encodeURIComponent(tweetId)}`;
}

/** X's search of the latest tweets about an emerging term: a hashtag as it is, a link's domain by X's `url:`. */
export function searchUrl(term: string): string {
  const q = term.startsWith('#') ? term : `url:${term}`;
  return `https://x.com/search?${new URLSearchParams({ q, f: 'live' })}`;
}
