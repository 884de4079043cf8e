/**
 * The X adapter: reads tweets and profiles out of X's DOM. It never throws on odd markup: what it
 * cannot read it returns as null, and the overlay for it is simply absent.
 */
import { labelNumber, METRICS, parseCount, parseGroupLabel, type Count, type Metric } from './counts';
import { AT_HANDLE, FOLLOW_TESTID, PROFILE_PATH, Selectors, STATUS_PATH, type SelectorName } from './selectors';

/** An account shown on the page, with the element its overlays attach to. */
export interface AccountRef {
  /** Lower case, without "@". */
  handle: string;
  /** The User-Name block (or the profile's UserName block, or a user cell's name: see `userCellAccount`). */
  el: Element;
}

export interface TweetRef {
  article: Element;
  /** Null when the tweet has no status link we can read (a quoted tweet, an ad, odd markup). */
  tweetId: string | null;
  author: AccountRef | null;
  /** The tweet's own status link (whose time element dates it: see `datetimeOf`), or null. */
  statusLink: Element | null;
  /** The authors of the tweets it quotes. */
  quoted: AccountRef[];
  /** Its action bar (not a quoted tweet's), or null. */
  bar: Element | null;
  /** Its text block (not a quoted tweet's), or null. */
  text: Element | null;
}

export interface ProfileRef extends AccountRef {
  userId: string | null;
  /** Display name as shown in the header. */
  name: string;
  followers: Count | null;
  following: Count | null;
  posts: Count | null;
}

/** The counts of a tweet's action bar, and which of them were read from abbreviated text. */
export interface TweetCounts {
  values: Partial<Record<Metric, number>>;
  approximate: Metric[];
}

/** The path of a link, relative or absolute. */
function pathOf(a: Element | null): string {
  const href = a?.getAttribute('href');
  if (!href) return '';
  if (href.startsWith('/')) return href;
  try {
    return new URL(href).pathname;
  } catch {
    return '';
  }
}

/** The handle an author block names: its profile link, or its "@handle" text. */
export function handleOf(userName: Element): string | null {
  // The first link is the profile link in X's markup: it is tried on its own first. (A quoted
  // tweet's block has no link at all: its "@handle" text is read.)
  const link = userName.querySelector('a[href]');
  if (link) {
    const first = PROFILE_PATH.exec(pathOf(link));
    if (first) return first[1]!.toLowerCase();
    for (const a of userName.querySelectorAll('a[href]')) {
      const m = PROFILE_PATH.exec(pathOf(a));
      if (m) return m[1]!.toLowerCase();
    }
  }
  for (const span of userName.querySelectorAll('span')) {
    if (span.childElementCount) continue;
    const m = AT_HANDLE.exec(span.textContent?.trim() ?? '');
    if (m) return m[1]!.toLowerCase();
  }
  return null;
}

/**
 * The accounts a page lists in its user cells (a list's members, followers, people found), each
 * once, in the page's order, with the name the cell shows (or ""): those of its primary column (X's
 * suggestions in the side column left out).
 */
export function accountsListed(root: ParentNode): { handle: string; name: string }[] {
  const found = new Map<string, string>();
  for (const cell of (root.querySelector(Selectors.primaryColumn) ?? root).querySelectorAll(Selectors.userCell)) {
    const handle = handleOf(cell);
    const row = userCellAccount(cell)?.el;
    if (handle && !found.has(handle)) found.set(handle, row ? displayNameOf(row) : '');
  }
  return Array.from(found, ([handle, name]) => ({ handle, name }));
}

/**
 * The account of a user cell (see `accountsListed`), and the row of its name, where its partner tag
 * goes: the name is the cell's first profile link that is not left out of the tab order (the
 * avatar's and the "@handle"'s are). Null when the cell has none.
 */
export function userCellAccount(cell: Element): AccountRef | null {
  try {
    for (const a of cell.querySelectorAll(Selectors.userCellLink)) {
      const m = PROFILE_PATH.exec(pathOf(a));
      if (m && a.firstElementChild) return { handle: m[1]!.toLowerCase(), el: a.firstElementChild };
    }
  } catch {
    // Odd markup: no account.
  }
  return null;
}

/** What an element of a tweet may lie in: a quoted tweet's card, or a tweet. */
const CARD_OR_TWEET = `${Selectors.quoteCard}, ${Selectors.tweet}`;

/**
 * Where `el` lies in `article`: in the tweet's own part, in a quoted tweet's card, or in a tweet
 * nested in this one (left to that tweet).
 */
function placeOf(el: Element, article: Element): 'own' | 'quote' | 'nested' {
  const around = el.closest(CARD_OR_TWEET);
  if (around === article) return 'own';
  if (!around || around.localName === 'article') return 'nested';
  return around.parentElement?.closest(Selectors.tweet) === article ? 'quote' : 'nested';
}

/**
 * The first element of the tweet's own part that matches `selector`. The first match in the tweet
 * usually is (a quoted tweet's card comes after the text and has no action bar): the whole tweet is
 * searched only when it is not.
 */
function firstOwn(article: Element, selector: string): Element | null {
  const first = article.querySelector(selector);
  if (!first || placeOf(first, article) === 'own') return first;
  for (const el of article.querySelectorAll(selector)) if (placeOf(el, article) === 'own') return el;
  return null;
}

/** An author block of a tweet: its own, or a quoted tweet's. */
interface NameBlock {
  el: Element;
  quote: boolean;
}

/** The author blocks of a tweet, in document order (not those of a tweet nested in it). */
function namesOf(article: Element): NameBlock[] {
  const names: NameBlock[] = [];
  for (const el of article.querySelectorAll(Selectors.userName)) {
    const place = placeOf(el, article);
    if (place !== 'nested') names.push({ el, quote: place === 'quote' });
  }
  return names;
}

/**
 * The parts of one tweet: its authors, status link, action bar and text. What lies in a tweet
 * nested in this one is left to that tweet; what lies in a quoted tweet's card only gives a quoted
 * author. (A tweet is read for every cell X shows: each part is looked for with its own query,
 * which stops at the first match, rather than one query for all that visits the whole tweet with
 * every selector.)
 */
function partsOf(article: Element, names: readonly NameBlock[] = namesOf(article)) {
  let author: AccountRef | null = null;
  let status: { tweetId: string; link: Element } | null = null;
  const quoted: AccountRef[] = [];
  for (const { el, quote } of names) {
    if (!author && !quote) {
      // On a timeline, the tweet's own status link (around its time) is in its author block: its
      // path names both the author and the tweet.
      const link = el.querySelector(Selectors.statusLink);
      const m = link && STATUS_PATH.exec(pathOf(link));
      if (m) {
        author = { handle: m[1]!.toLowerCase(), el };
        status = { tweetId: m[2]!, link: link! };
        continue;
      }
    }
    const handle = handleOf(el);
    if (!handle) continue;
    if (!author && !quote) author = { handle, el };
    else quoted.push({ handle, el });
  }
  // Elsewhere (below the text on the tweet's own page) the own status link is the one wrapping a
  // time element; another one (the views link) is a fallback.
  if (author && !status) {
    for (const el of article.querySelectorAll(Selectors.statusLink)) {
      const own = STATUS_PATH.exec(pathOf(el));
      if (!own || placeOf(el, article) !== 'own') continue;
      const timed = el.querySelector(Selectors.time) !== null;
      if (timed || !status) status = { tweetId: own[2]!, link: el };
      if (timed) break;
    }
  }
  return { author, quoted, status, bar: firstOwn(article, Selectors.actionBar), text: firstOwn(article, Selectors.tweetText) };
}

/** Read one tweet. Null when it has no author we can read. */
export function parseTweet(article: Element): TweetRef | null {
  return readTweet(article);
}

/** Read one tweet, whose author blocks may be known already. */
function readTweet(article: Element, names?: readonly NameBlock[]): TweetRef | null {
  try {
    const { author, quoted, status, bar, text } = partsOf(article, names);
    if (!author) return null;
    return { article, tweetId: status?.tweetId ?? null, author, statusLink: status?.link ?? null, quoted, bar, text };
  } catch {
    return null;
  }
}

/** The ISO date of a tweet, from the time element of its status link (null when it has none). */
export function datetimeOf(tweet: TweetRef): string | null {
  try {
    return tweet.statusLink?.querySelector(Selectors.time)?.getAttribute('datetime') ?? null;
  } catch {
    return null;
  }
}

/** Is this the main tweet of a tweet's own page? (There X gives it tabindex="-1".) */
export function isFocal(article: Element): boolean {
  return article.getAttribute('tabindex') === '-1';
}

/**
 * The tweets of these author blocks, each read once. `allGiven(article)` says whether the blocks
 * given are all of that tweet's (then they are not looked for again); otherwise the tweet is read whole.
 */
export function readTweetsOf(blocks: Iterable<Element>, allGiven: (article: Element) => boolean): TweetRef[] {
  const names = new Map<Element, NameBlock[]>();
  const tweets: TweetRef[] = [];
  try {
    for (const el of blocks) {
      const around = el.closest(CARD_OR_TWEET);
      const quote = around?.localName !== 'article';
      const article = quote ? around?.parentElement?.closest(Selectors.tweet) : around;
      if (!article) continue;
      const list = names.get(article);
      if (list) list.push({ el, quote });
      else names.set(article, [{ el, quote }]);
    }
  } catch {
    // Odd markup: what was read so far is read.
  }
  // (forEach: iterating the map makes an entry for each tweet.)
  names.forEach((list, article) => {
    // A tweet whose other blocks may lie elsewhere is read whole.
    const tweet = allGiven(article) ? readTweet(article, list) : readTweet(article);
    if (tweet) tweets.push(tweet);
  });
  return tweets;
}

/** Every tweet under `root`, in document order. */
export function findTweets(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(Selectors.tweet));
}

/** The profile header of the page, or null when there is none. */
export function parseProfile(root: ParentNode): ProfileRef | null {
  try {
    const el = root.querySelector(Selectors.profileUserName);
    if (!el) return null;
    const handle = handleOf(el);
    if (!handle) return null;
    let userId: string | null = null;
    for (const btn of root.querySelectorAll(Selectors.followButton)) {
      // The header's own button names this handle; "who to follow" cells name others.
      const label = btn.getAttribute('aria-label') ?? '';
      if (!label.toLowerCase().includes(`@${handle}`)) continue;
      const m = FOLLOW_TESTID.exec(btn.getAttribute('data-testid') ?? '');
      if (m) {
        userId = m[1]!;
        break;
      }
    }
    const countOf = (sel: SelectorName): Count | null => {
      const a = root.querySelector(Selectors[sel]);
      if (!a) return null;
      for (const span of a.querySelectorAll('span')) {
        if (!span.childElementCount && /\d/.test(span.textContent ?? '')) return parseCount(span.textContent);
      }
      return parseCount((a.textContent ?? '').trim().split(/\s(?=\D)/)[0]);
    };
    const postsText = root.querySelector(Selectors.profilePosts)?.textContent ?? '';
    return {
      handle,
      el,
      userId,
      name: displayNameOf(el),
      followers: countOf('profileFollowers'),
      following: countOf('profileFollowing'),
      posts: parseCount(/^[\d.,\s\u00a0\u202f]+(?:[kKmM]\b|Md\b)?/.exec(postsText)?.[0]),
    };
  } catch {
    return null;
  }
}

/** The display name of an author block: its first text, without the "@handle". */
export function displayNameOf(userName: Element): string {
  for (const span of userName.querySelectorAll('span')) {
    const text = span.textContent?.trim() ?? '';
    if (text && !span.childElementCount && !text.startsWith('@') && text !== '·') return text;
  }
  return '';
}

/** The action bar of a tweet (not of a tweet it quotes), or null. */
export function actionBarOf(article: Element): Element | null {
  try {
    return firstOwn(article, Selectors.actionBar);
  } catch {
    return null;
  }
}

const BUTTONS: Record<Exclude<Metric, 'views'>, SelectorName> = {
  replies: 'reply',
  reposts: 'repost',
  likes: 'like',
  bookmarks: 'bookmark',
};

/**
 * Read the counts of a tweet's action bar: the exact integers of the aria-labels where X gives them,
 * otherwise the visible text, marked approximate when abbreviated. Null when there is no action bar.
 * (`label` is the bar's aria-label, when the caller has read it already.)
 */
export function readCounts(article: Element, bar: Element | null = actionBarOf(article), label?: string | null): TweetCounts | null {
  try {
    if (!bar) return null;
    // The group label has every non-zero count exactly: when X gives it, it is enough (views aside,
    // which tweets older than view counts lack). (Read for every tweet: nothing more is made.)
    const group = parseGroupLabel(label === undefined ? bar.getAttribute('aria-label') : label);
    let given = false;
    for (const metric of METRICS) given ||= group[metric] !== undefined;
    if (given) {
      const views = group.views ?? labelNumber(bar.querySelector(Selectors.views)?.getAttribute('aria-label'));
      for (const metric of METRICS) group[metric] ??= 0;
      if (views === null) delete group.views;
      else group.views = views;
      return { values: group, approximate: [] };
    }
    const values: Partial<Record<Metric, number>> = {};
    const approximate = new Set<Metric>();
    for (const metric of METRICS) {
      const el = bar.querySelector(metric === 'views' ? Selectors.views : Selectors[BUTTONS[metric]]);
      if (!el) continue;
      const exact = labelNumber(el.getAttribute('aria-label'));
      if (exact !== null) {
        values[metric] = exact;
        continue;
      }
      const text = el.querySelector(Selectors.countText)?.textContent?.trim();
      const shown = parseCount(text);
      if (shown) {
        values[metric] = shown.value;
        if (shown.approximate) approximate.add(metric);
      } else if (!text && metric !== 'bookmarks' && metric !== 'views') {
        // X shows no number for zero replies, reposts or likes (the bookmark button never shows one).
        values[metric] = 0;
      }
    }
    return { values, approximate: [...approximate] };
  } catch {
    return null;
  }
}

/** Where the profile card goes: after the header's row of following / followers links. */
export function profileCardAnchor(profile: ProfileRef, root: ParentNode): Element {
  const followers = root.querySelector(Selectors.profileFollowers) ?? root.querySelector(Selectors.profileFollowing);
  const row = followers?.parentElement?.parentElement;
  return row && row.parentElement ? row : profile.el;
}

export interface TweetDetails {
  text: string;
  /** As written, with "#". */
  hashtags: string[];
  /** Domains of the links in the text ("nature.com"). */
  domains: string[];
  mediaKind: 'image' | 'video' | 'none';
}

/** The domain a link shows: X writes "nature.com/articles/…" as the text of a t.co link. */
function domainOf(a: Element): string | null {
  const shown = (a.textContent ?? '').trim().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/…$/, '');
  const m = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/:?#]|$)/i.exec(shown);
  return m ? m[1]!.toLowerCase() : null;
}

const TEXT_LINKS = `${Selectors.hashtag}, ${Selectors.textLink}`;

/** The hashtags and link domains of a tweet's own text (what emerging topics count). */
export function tweetTerms(
  article: Element,
  textEl: Element | undefined = firstOwn(article, Selectors.tweetText) ?? undefined,
): Pick<TweetDetails, 'hashtags' | 'domains'> & { textEl: Element | undefined } {
  const hashtags: string[] = [];
  const domains: string[] = [];
  if (textEl) {
    // (One query for both: this is read for every tweet. A tweet has a few: arrays, not sets. By
    // index: a for-of over a node list makes an iterator and a result for each node.)
    const links = textEl.querySelectorAll(TEXT_LINKS);
    for (let i = 0; i < links.length; i++) {
      const a = links[i]!;
      if (a.matches(Selectors.hashtag)) {
        const tag = (a.textContent ?? '').trim();
        if (/^#\S{1,60}$/.test(tag) && !hashtags.includes(tag)) hashtags.push(tag);
      } else {
        const d = domainOf(a);
        if (d && !domains.includes(d)) domains.push(d);
      }
    }
  }
  return { textEl, hashtags, domains };
}

/** What a tweet says, outside any tweet it quotes: text, hashtags, link domains, media kind. */
export function tweetDetails(article: Element): TweetDetails {
  const own = <T extends Element>(list: NodeListOf<T>): T[] =>
    Array.from(list).filter((el) => placeOf(el, article) === 'own');
  const { textEl, hashtags, domains } = tweetTerms(article);
  const mediaKind = own(article.querySelectorAll(Selectors.video)).length
    ? 'video'
    : own(article.querySelectorAll(Selectors.photo)).length
      ? 'image'
      : 'none';
  return { text: (textEl?.textContent ?? '').trim(), hashtags, domains, mediaKind };
}
