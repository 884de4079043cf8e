// @vitest-environment happy-dom
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountsListed, userCellAccount, datetimeOf, displayNameOf, findTweets, handleOf, isFocal, parseProfile, parseTweet, readCounts, readTweetsOf, tweetTerms, type TweetRef } from '@/lib/x/adapter';
import { composeUrl, searchUrl, isProfile, isStatus, isTimeOnX, isXFeed, isXProUrl, isXUrl, listsAccounts, profileHandle, repostUrl, showsTweets, tweetOfUrl } from '@/lib/x/pages';
import { STATUS_PATH, Selectors } from '@/lib/x/selectors';
import { TOPIC_LIMITS } from '@/lib/schemas';
import { accountsPage, profileHeaderHtml, timelinePage, tweetHtml, type Markup } from '../fixtures/x-dom';

function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html; // test fixture only: the extension itself never uses innerHTML
  return div;
}

/**
 * The reading of a tweet as the adapter first did it, in one pass over every part in document order:
 * the oracle that parseTweet's targeted queries must agree with, on every fixture.
 */
function referenceParse(article: Element) {
  const is = (el: Element, name: keyof typeof Selectors) => el.matches(Selectors[name]);
  let author: { handle: string; el: Element } | null = null;
  const quoted: { handle: string; el: Element }[] = [];
  let status: { tweetId: string; datetime: string | null } | null = null;
  let timed = false;
  let bar: Element | null = null;
  let text: Element | null = null;
  let nested: Element | null = null;
  let card: Element | null = null;
  const all = ['tweet', 'quoteCard', 'userName', 'statusLink', 'actionBar', 'tweetText'] as const;
  for (const el of article.querySelectorAll(all.map((n) => Selectors[n]).join(', '))) {
    if (nested?.contains(el)) continue;
    if (card && !card.contains(el)) card = null;
    if (is(el, 'tweet')) nested = el;
    else if (is(el, 'quoteCard')) card ??= el;
    else if (is(el, 'userName')) {
      const handle = handleOf(el);
      if (!handle) continue;
      if (!author && !card) author = { handle, el };
      else quoted.push({ handle, el });
    } else if (card) continue;
    else if (is(el, 'actionBar')) bar ??= el;
    else if (is(el, 'tweetText')) text ??= el;
    else if (!timed) {
      const m = STATUS_PATH.exec(el.getAttribute('href') ?? '');
      if (!m) continue;
      const time = el.querySelector(Selectors.time);
      if (time || !status) status = { tweetId: m[2]!, datetime: time?.getAttribute('datetime') ?? null };
      timed = time !== null;
    }
  }
  if (!author) return null;
  return { author, quoted, tweetId: status?.tweetId ?? null, datetime: status?.datetime ?? null, bar, text };
}

/**
 * parseTweet reads every tweet under `root` as the one-pass reading does, and readTweetsOf, given all
 * their author blocks (as for tweets X just put in the page), reads them as parseTweet does.
 */
function expectSameReading(root: ParentNode): number {
  const tweets = findTweets(root);
  // (In any order: a nested tweet's author block may come before its outer tweet's.)
  const byId = (list: (TweetRef | null)[]) => list.filter((t) => t !== null).sort((a, b) => (a.tweetId ?? '').localeCompare(b.tweetId ?? ''));
  expect(byId(readTweetsOf(root.querySelectorAll(Selectors.userName), () => true))).toEqual(byId(tweets.map((a) => parseTweet(a))));
  for (const article of tweets) {
    const got = parseTweet(article);
    const want = referenceParse(article);
    expect(got && { author: got.author, quoted: got.quoted, tweetId: got.tweetId, datetime: datetimeOf(got), bar: got.bar, text: got.text }).toEqual(want);
    if (got) for (const k of ['bar', 'text'] as const) expect(got[k]).toBe(want![k]);
  }
  return tweets.length;
}

describe('X adapter on the project fixtures', () => {
  it('reads a tweet whole from one new author block, when its blocks are not all given: its quoted authors, bar and text too', () => {
    const root = dom(timelinePage([{ handle: 'a', id: '1', markup: '2025', full: true, quote: { handle: 'd' } }]));
    const article = findTweets(root)[0]!;
    const name = article.querySelector('[data-testid="User-Name"]')!;
    const [tweet] = readTweetsOf([name], (a) => a !== article);
    expect(tweet?.bar).toBe(parseTweet(article)!.bar);
    expect(tweet?.text).toBe(parseTweet(article)!.text);
    expect(tweet?.bar).not.toBeNull();
    expect(tweet?.quoted.map((q) => q.handle)).toEqual(['d']);
  });

  it('reads each part of a tweet where a one-pass reading of every part finds it', () => {
    const root = dom(
      timelinePage([
        { handle: 'a', id: '1', markup: '2024', full: true },
        { handle: 'b', id: '2', markup: '2025', full: true, liked: true },
        { handle: 'c', id: '3', quote: { handle: 'd' } },
        { handle: 'e', id: '4', markup: '2025', full: true, quote: { handle: 'f', text: 'Quoted #tag' } },
      ]) + tweetHtml({ handle: 'g', id: '5', focal: true, full: true }),
    );
    expect(expectSameReading(root)).toBe(5);
  });

  it('leaves the text of a quoted tweet, and the parts of a nested tweet, to them', () => {
    // A tweet without text of its own, quoting one with text: the first text in it is the quote's.
    const root = dom(tweetHtml({ handle: 'a', id: '1', markup: '2025', full: true, quote: { handle: 'q', text: 'Quoted' } }));
    const [article] = findTweets(root);
    article!.querySelector(Selectors.tweetText)!.remove();
    expect(parseTweet(article!)!.text).toBeNull();
    // A tweet nested in another one's own part, before its author block and action bar.
    const outer = dom(tweetHtml({ handle: 'outer', id: '2', markup: '2024', full: true }));
    const inner = findTweets(dom(tweetHtml({ handle: 'inner', id: '3', markup: '2025', full: true })))[0]!;
    const outerArticle = findTweets(outer)[0]!;
    outerArticle.querySelector(Selectors.userName)!.before(inner);
    const [o, i] = findTweets(outer).map(parseTweet);
    expect([o!.author!.handle, o!.tweetId, o!.quoted, outerArticle.contains(o!.bar), inner.contains(o!.bar)]).toEqual(['outer', '2', [], true, false]);
    expect([i!.author!.handle, i!.tweetId, inner.contains(i!.bar)]).toEqual(['inner', '3', true]);
    expect(expectSameReading(root) + expectSameReading(outer)).toBe(3);
  });

  for (const markup of ['2024', '2025'] as Markup[]) {
    it(`reads author, id and date of a ${markup} timeline tweet`, () => {
      const root = dom(tweetHtml({ handle: 'UnivNantes', name: 'Nantes Université', id: '1856000000000000001', markup, datetime: '2026-11-12T09:30:00.000Z' }));
      const [article] = findTweets(root);
      const t = parseTweet(article!);
      expect(t).toMatchObject({ tweetId: '1856000000000000001', quoted: [] });
      expect([datetimeOf(t!), isFocal(article!)]).toEqual(['2026-11-12T09:30:00.000Z', false]);
      expect(t!.author!.handle).toBe('univnantes');
      expect(t!.author!.el.getAttribute('data-testid')).toBe('User-Name');
    });
  }

  it('reads the liked and reposted state markup the same way', () => {
    const t = parseTweet(findTweets(dom(tweetHtml({ handle: 'cnrs', id: '42', liked: true })))[0]!);
    expect(t!.author!.handle).toBe('cnrs');
    expect(t!.tweetId).toBe('42');
  });

  it('gives the quoted author their own entry', () => {
    const root = dom(tweetHtml({ handle: 'ChimieCNRS', id: '1856000000000000002', quote: { handle: 'JACS_Au', name: 'JACS Au' } }));
    const t = parseTweet(findTweets(root)[0]!);
    expect(t!.author!.handle).toBe('chimiecnrs');
    expect(t!.tweetId).toBe('1856000000000000002');
    expect(t!.quoted.map((q) => q.handle)).toEqual(['jacs_au']);
    expect(t!.quoted[0]!.el).not.toBe(t!.author!.el);
  });

  it("reads the main tweet of a tweet's own page (tabindex=-1, time link below the text)", () => {
    const t = parseTweet(findTweets(dom(tweetHtml({ handle: 'minesnantes', id: '1856000000000000003', focal: true })))[0]!);
    expect(t).toMatchObject({ tweetId: '1856000000000000003' });
    expect([datetimeOf(t!), isFocal(t!.article)]).toEqual(['2026-11-12T09:30:00.000Z', true]);
    expect(t!.author!.handle).toBe('minesnantes');
  });

  it('never throws on broken markup, and returns null when no author can be read', () => {
    const noName = parseTweet(findTweets(dom(tweetHtml({ handle: 'a', id: '1', omit: ['userName'] })))[0]!);
    expect(noName).toBeNull();
    // Without the time link, the id comes from the tweet's own analytics link.
    const noTimeLink = parseTweet(findTweets(dom(tweetHtml({ handle: 'abc', id: '2', omit: ['statusLink'] })))[0]!);
    expect(noTimeLink).toMatchObject({ tweetId: '2' });
    expect(datetimeOf(noTimeLink!)).toBeNull();
    const bare = dom('<article data-testid="tweet"><div data-testid="User-Name"><a href="/abc">ABC</a></div></article>');
    expect(parseTweet(bare.firstElementChild!)).toMatchObject({ tweetId: null, quoted: [] });
    const textOnly = parseTweet(findTweets(dom(tweetHtml({ handle: 'def', id: '3', omit: ['profileLink'] })))[0]!);
    expect(textOnly!.author!.handle).toBe('def');
    expect(parseTweet(dom('<article data-testid="tweet"></article>').firstElementChild!)).toBeNull();
  });

  for (const markup of ['2024', '2025'] as Markup[]) {
    it(`reads the counts of a ${markup} action bar, exact from the labels`, () => {
      const root = dom(tweetHtml({ handle: 'a', id: '1', markup, counts: { replies: 3, reposts: 12, likes: 1776, views: 9281975 } }));
      expect(readCounts(findTweets(root)[0]!)).toEqual({
        values: { replies: 3, reposts: 12, likes: 1776, bookmarks: 0, views: 9281975 },
        approximate: [],
      });
    });
  }

  it('falls back to the visible text, marked approximate, when X gives no labels', () => {
    const root = dom(tweetHtml({ handle: 'a', id: '1', liked: true, counts: { replies: 0, reposts: 12, likes: 1776, views: 9281975 } }));
    const bar = root.querySelector('[role="group"]')!;
    bar.removeAttribute('aria-label');
    for (const el of bar.querySelectorAll('[aria-label]')) el.removeAttribute('aria-label');
    expect(readCounts(findTweets(root)[0]!)).toEqual({
      values: { replies: 0, reposts: 12, likes: 1700, views: 9200000 },
      approximate: ['likes', 'views'],
    });
  });

  it('gives no counts for a tweet without an action bar, and ignores a quoted tweet', () => {
    expect(readCounts(dom('<article data-testid="tweet"></article>').firstElementChild!)).toBeNull();
  });

  it('reads the display name of an author block', () => {
    const t = parseTweet(findTweets(dom(tweetHtml({ handle: 'UnivNantes', name: 'Nantes Université', id: '1' })))[0]!);
    expect(displayNameOf(t!.author!.el)).toBe('Nantes Université');
  });

  it('reads a profile header and its numeric user id', () => {
    const root = dom(profileHeaderHtml({ handle: 'UnivNantes', name: 'Nantes Université', userId: '123456', followers: '12.3K', following: '1,017' }));
    const p = parseProfile(root);
    expect(p).toMatchObject({
      handle: 'univnantes',
      userId: '123456',
      name: 'Nantes Université',
      followers: { value: 12300, approximate: true },
      following: { value: 1017, approximate: false },
    });
    expect(p!.el.getAttribute('data-testid')).toBe('UserName');
  });

  it('finds every tweet of a timeline page', () => {
    document.documentElement.innerHTML = timelinePage([
      { handle: 'a_lab', id: '1' },
      { handle: 'b_univ', id: '2', quote: { handle: 'c_journal' } },
      { handle: 'd_press', id: '3', markup: '2025' },
    ]).replace(/^<!doctype html>/, '');
    const tweets = findTweets(document).map(parseTweet);
    expect(tweets.map((t) => [t!.author!.handle, t!.tweetId])).toEqual([
      ['a_lab', '1'],
      ['b_univ', '2'],
      ['d_press', '3'],
    ]);
    expect(document.querySelector(Selectors.primaryColumn)).not.toBeNull();
  });

  it("reads X's full markup (avatar, verified badge, menus, icons, share button) as it reads the plain one", () => {
    for (const markup of ['2024', '2025'] as Markup[]) {
      const spec = { handle: 'UnivNantes', name: 'Nantes Université', id: '77', markup, quote: { handle: 'JACS_Au' }, hashtags: ['#CRISPR'], links: ['nature.com/articles/x'], counts: { replies: 3, reposts: 12, likes: 1776, views: 9281975 } };
      const plain = findTweets(dom(tweetHtml(spec)))[0]!;
      const full = findTweets(dom(tweetHtml({ ...spec, full: true })))[0]!;
      expect(full.querySelectorAll('*').length).toBeGreaterThan(plain.querySelectorAll('*').length + 60);
      const facts = (a: Element) => {
        const t = parseTweet(a)!;
        return { id: t.tweetId, author: t.author!.handle, quoted: t.quoted.map((q) => q.handle), datetime: datetimeOf(t), counts: readCounts(a), name: displayNameOf(t.author!.el), terms: tweetTerms(a) };
      };
      const f = facts(full);
      expect(f).toEqual({ ...facts(plain), terms: { ...facts(plain).terms, textEl: f.terms.textEl } });
      expect(f.counts!.values).toEqual({ replies: 3, reposts: 12, likes: 1776, bookmarks: 0, views: 9281975 });
      expect(f.quoted).toEqual(['jacs_au']);
      expect(f.terms.hashtags).toEqual(['#CRISPR']);
    }
  });

  it("lists the accounts of a page's user cells, each once, and none of its tweets' authors", () => {
    const page = dom(accountsPage([{ handle: 'UnivNantes', name: 'Nantes Université' }, { handle: 'minesnantes' }, { handle: 'UnivNantes' }]) + timelinePage([{ handle: 'other', id: '1' }]));
    expect(accountsListed(page)).toEqual([
      { handle: 'univnantes', name: 'Nantes Université' },
      { handle: 'minesnantes', name: 'minesnantes' },
    ]);
    expect(accountsListed(dom(timelinePage([{ handle: 'other', id: '1' }])))).toEqual([]);
    // A cell whose links name no account (X's markup changed) gives nothing, and breaks nothing.
    expect(accountsListed(dom('<div data-testid="UserCell"><a href="/i/lists/1">x</a></div>'))).toEqual([]);
    // X's suggestions in the side column are left out where the page has a primary column.
    const withSide = dom(`${accountsPage([{ handle: 'jacs_au' }])}<div data-testid="sidebarColumn"><div data-testid="UserCell"><a href="/suggested">s</a></div></div>`);
    expect(accountsListed(withSide).map((a) => a.handle)).toEqual(['jacs_au']);
  });

  it("reads a user cell's account and the row of its name, where its tag goes", () => {
    const page = dom(accountsPage([{ handle: 'UnivNantes', name: 'Nantes Université' }]));
    const account = userCellAccount(page.querySelector('[data-testid="UserCell"]')!);
    expect(account?.handle).toBe('univnantes');
    expect(account?.el.textContent).toBe('Nantes Université');
    expect(account?.el.parentElement?.getAttribute('tabindex')).toBeNull();
    expect(userCellAccount(dom('<div data-testid="UserCell"><a href="/i/lists/1"><div>x</div></a></div>').firstElementChild!)).toBeNull();
  });

  it('knows the pages that list accounts, and those that do not', () => {
    for (const url of [
      'https://x.com/i/lists/1234567/members',
      'https://twitter.com/i/lists/42/followers/',
      'https://x.com/UnivNantes/followers',
      'https://x.com/UnivNantes/following',
      'https://x.com/UnivNantes/verified_followers',
      'https://x.com/UnivNantes/followers_you_follow',
      'https://x.com/search?q=chimie&src=typed_query&f=user',
    ]) expect(listsAccounts(url), url).toBe(true);
    for (const url of [
      'https://x.com/home',
      'https://x.com/UnivNantes',
      'https://x.com/i/lists/42',
      'https://x.com/search?q=chimie&f=live',
      'https://x.com/home/followers',
      'https://x.com/UnivNantes/status/1/retweets',
      'https://example.org/UnivNantes/followers',
    ]) expect(listsAccounts(url), url).toBe(false);
  });

  it('handleOf ignores links that are not profiles', () => {
    const el = dom('<div data-testid="User-Name"><a href="/i/status/1">x</a><a href="/Lab_A/">h</a><span>@Real_One</span></div>').firstElementChild!;
    expect(handleOf(el)).toBe('lab_a');
    const el2 = dom('<div data-testid="User-Name"><a href="/search?q=x">x</a><span>@Real_One</span></div>').firstElementChild!;
    expect(handleOf(el2)).toBe('real_one');
  });
});

describe('page detection', () => {
  const profiles: [string, string][] = [
    ['https://x.com/UnivNantes', 'univnantes'],
    ['https://x.com/UnivNantes/', 'univnantes'],
    ['https://twitter.com/CNRS/with_replies', 'cnrs'],
    ['https://x.com/minesnantes/media', 'minesnantes'],
    ['https://mobile.twitter.com/JACS_Au?lang=fr', 'jacs_au'],
  ];
  const notProfiles = [
    'https://x.com/home',
    'https://x.com/explore',
    'https://x.com/search?q=%23chimie',
    'https://x.com/i/lists/123',
    'https://x.com/notifications',
    'https://x.com/UnivNantes/status/1856000000000000001',
    'https://x.com/UnivNantes/followers',
    'https://x.com/a_name_that_is_too_long',
    'https://example.com/UnivNantes',
    'not a url',
  ];
  it.each(profiles)('%s is the profile of %s', (url, handle) => {
    expect(profileHandle(url)).toBe(handle);
    expect(isProfile(url)).toBe(true);
  });
  it.each(notProfiles)('%s is not a profile', (url) => {
    expect(isProfile(url)).toBe(false);
  });
  it("tells X's pages about nothing in particular (a topic saved there is what the CM points at, not the page)", () => {
    for (const url of [
      'https://x.com/home',
      'https://x.com/',
      'https://twitter.com',
      'https://x.com/explore/tabs/trending',
      'https://x.com/notifications/mentions',
      'https://x.com/messages/123-456',
      'https://x.com/i/bookmarks',
      'https://x.com/i/connect_people?user_id=1',
      'https://x.com/settings/account',
      'https://x.com/compose/post',
      'https://x.com/Home',
    ]) expect(isXFeed(url), url).toBe(true);
    for (const url of [
      'https://x.com/UnivNantes',
      'https://x.com/homer',
      'https://x.com/UnivNantes/status/1856000000000000001',
      'https://x.com/search?q=%23chimie',
      'https://x.com/hashtag/chimie',
      'https://x.com/i/lists/123',
      'https://x.com/i/communities/456',
      'https://x.com/i/spaces/1dRJZlbLkMLKB',
      'https://x.com/i/article/1',
      'https://example.org/home',
      'not a url',
    ]) expect(isXFeed(url), url).toBe(false);
  });
  it('detects status pages', () => {
    expect(isStatus('https://x.com/UnivNantes/status/1856000000000000001')).toBe(true);
    expect(isStatus('https://twitter.com/a/status/1/photo/1')).toBe(true);
    // The tweet an address names (a topic's published tweet, pasted by the CM).
    expect(tweetOfUrl(' https://twitter.com/Inria/status/2088707180694323466?s=20 ')).toEqual({ handle: 'inria', tweetId: '2088707180694323466' });
    expect(tweetOfUrl('https://x.com/inria/status/1/photo/1')).toEqual({ handle: 'inria', tweetId: '1' });
    for (const not of ['https://x.com/inria', 'https://x.com/i/status/1', 'https://example.org/a/status/1', 'x.com/inria/status/1', 'https://x.com/inria/status/abc']) {
      expect(tweetOfUrl(not), not).toBeNull();
    }
    expect(isStatus('https://x.com/UnivNantes')).toBe(false);
    expect(isStatus('https://x.com/UnivNantes/statuses')).toBe(false);
    expect(isStatus('https://example.com/a/status/1')).toBe(false);
  });
  it("opens X's composer on a draft, cut to leave room for its link, and X's repost of a tweet", () => {
    const read = (url: string) => Object.fromEntries(new URL(url).searchParams);
    expect(composeUrl('Une molécule qui capte le CO2 @cnrs #chimie', 'https://x.com/cnrs/status/1')).toBe(
      'https://x.com/intent/tweet?text=Une+mol%C3%A9cule+qui+capte+le+CO2+%40cnrs+%23chimie&url=https%3A%2F%2Fx.com%2Fcnrs%2Fstatus%2F1',
    );
    // 280 characters with the link counted as 23 (and a space): the text is cut at 256, with "…".
    const long = read(composeUrl('é'.repeat(300), 'https://example.org/a'));
    expect([[...long.text!].length, long.text!.endsWith('…'), long.url]).toEqual([256, true, 'https://example.org/a']);
    expect(read(composeUrl(`${'a'.repeat(279)}b`)).text).toBe(`${'a'.repeat(279)}b`);
    expect(read(composeUrl(`${'a'.repeat(280)}b`)).text).toBe(`${'a'.repeat(279)}…`);
    expect(repostUrl('2088707180694323466')).toBe('https://x.com/intent/retweet?tweet_id=2088707180694323466');
    // An emerging term's latest tweets: a hashtag as it is, a domain by X's url: operator.
    expect(searchUrl('#santé')).toBe('https://x.com/search?q=%23sant%C3%A9&f=live');
    expect(searchUrl('nature.com')).toBe('https://x.com/search?q=url%3Anature.com&f=live');
  });
  it('knows the X hosts and the pages that show tweets', () => {
    expect(isXUrl('https://x.com/home')).toBe(true);
    expect(isXUrl('https://mobile.twitter.com/home')).toBe(true);
    expect(isXUrl('https://x.com.evil.example/home')).toBe(false);
    // X Pro: its time is time on X, for the veille; its pages are none Veille reads.
    expect(isXUrl('https://pro.x.com/i/decks/1234')).toBe(false);
    expect(isXProUrl('https://pro.x.com/i/decks/1234')).toBe(true);
    expect(isXProUrl('https://pro.x.com.evil.example/')).toBe(false);
    expect(['https://x.com/home', 'https://pro.x.com/i/decks/1234', 'https://twitter.com/search?q=a', 'https://example.org/', 'not a url'].map(isTimeOnX)).toEqual([true, true, true, false, false]);
    expect(showsTweets('https://x.com/home')).toBe(true);
    expect(showsTweets('https://x.com/search?q=chimie')).toBe(true);
    expect(showsTweets('https://x.com/settings/account')).toBe(false);
    expect(['https://x.com/CNRS', 'https://x.com/CNRS/with_replies', 'https://x.com/mediapart', 'https://x.com/i/lists/123', 'https://x.com/search?q=chimie&f=live'].map(showsTweets)).toEqual([true, true, true, true, true]);
    // The media a profile or a search shows: a grid of pictures, where no tweet is missing; the lists a search finds.
    expect(['https://x.com/CNRS/media', 'https://x.com/search?q=chimie&f=media', 'https://x.com/search?q=chimie&f=list'].map(showsTweets)).toEqual([false, false, false]);
  });
});

/** The real captures, when ../shared/fixtures is there (it always is in CI). */
const SHARED = resolve(__dirname, '../../../shared/fixtures/x-dom');
describe.skipIf(!existsSync(SHARED))('X adapter on real captures from x.com', () => {
  const read = (f: string) => dom(readFileSync(resolve(SHARED, f), 'utf8'));
  const expected: Record<string, [string, string][]> = {
    'tweet-2025-11.html': [['shydev69', '1984649802517283174']],
    'general_posts__00.html': [['tehprom269887', '1708518870846202279']],
    'quotation_test__00.html': [['tehprom269887', '1704659922464444801']],
    'sequence_of_timeline_cells__00.html': [['rvinowise', '1706099190240088103']],
    'sequence_of_timeline_cells__01.html': [['tehprom269887', '1706099462379033033']],
    'sequence_of_timeline_cells__02.html': [['tehprom269887', '1734248650228855291']],
    'sequence_of_timeline_cells__03.html': [['tehprom269887', '1734248653919789531']],
    'Read_list_updates_test__00.html': [
      ['tehprom269887', '1735935432297160849'],
      ['tehprom269887', '1735935094374772845'],
      ['tehprom269887', '1735934804774854870'],
      ['tehprom269887', '1735933463205642706'],
      ['tehprom269887', '1735933254790766638'],
      ['tehprom269887', '1735933100780073369'],
    ],
  };
  it.each(Object.entries(expected))('%s: every tweet yields its author and id', (file, tweets) => {
    const got = findTweets(read(file)).map(parseTweet);
    expect(got.every((t) => t !== null)).toBe(true);
    expect(new Set(got.map((t) => `${t!.author!.handle} ${t!.tweetId}`))).toEqual(new Set(tweets.map(([h, id]) => `${h} ${id}`)));
    expect(got).toHaveLength(tweets.length);
  });
  it.each(Object.keys(expected))('%s: each part of its tweets is read where a one-pass reading finds it', (file) => {
    expect(expectSameReading(read(file))).toBeGreaterThan(0);
  });
  it('tweet-2025-11: every metric comes out exactly', () => {
    const [article] = findTweets(read('tweet-2025-11.html'));
    expect(readCounts(article!)).toEqual({
      values: { replies: 44, reposts: 4, likes: 224, bookmarks: 24, views: 7451 },
      approximate: [],
    });
  });
  it.each(['general_posts__00.html', 'quotation_test__00.html', 'sequence_of_timeline_cells__00.html', 'Read_list_updates_test__00.html'])(
    '%s: every tweet yields counts, none of them negative',
    (file) => {
      for (const article of findTweets(read(file))) {
        const c = readCounts(article);
        expect(c).not.toBeNull();
        expect(Object.keys(c!.values).length).toBeGreaterThanOrEqual(3);
        for (const v of Object.values(c!.values)) expect(v).toBeGreaterThanOrEqual(0);
      }
    },
  );
  it('Read_list_updates_test: the accounts of the "Who to follow" cells, not those their bios mention', () => {
    const page = read('Read_list_updates_test__00.html');
    // Each with the name its cell shows (its emoji are images: their text is not read).
    expect(accountsListed(page).map((a) => a.handle)).toEqual(['learn_fsharp', 'mikhailbatin', 'turchin']);
    expect(accountsListed(page).map((a) => a.name)).toEqual(['learn_fsharp', 'Mikhail Batin', 'A.V. Turchin-Bogemsky - Resurrect the dead!']);
    // Each cell's tag goes at the end of its name's row (the name, its emoji and badges), not in its bio.
    const rows = Array.from(page.querySelectorAll('[data-testid="UserCell"]'), (c) => userCellAccount(c));
    expect(rows.map((a) => a?.handle)).toEqual(['learn_fsharp', 'mikhailbatin', 'turchin']);
    for (const a of rows) {
      // (A row in X's markup of 2024, r-18u37iz: the tag drawn after its last item lies beside the name.)
      expect(a!.el.parentElement!.getAttribute('href')!.toLowerCase()).toBe(`/${a!.handle}`);
      expect(a!.el.className).toContain('r-18u37iz');
      expect(a!.el.querySelector('[dir="ltr"]')).not.toBeNull();
      expect(a!.el.textContent).not.toContain('@');
    }
  });
  it('quotation_test: the quoted author gets their own entry', () => {
    const [t] = findTweets(read('quotation_test__00.html')).map(parseTweet);
    expect(t!.quoted.map((q) => q.handle)).toEqual(['infidelnoodle']);
  });
  it.each([
    ['Parse_twitter_user_briefing__00.html', 'britisharmy', '22046686', { value: 393200, approximate: true }, { value: 1017, approximate: false }, null],
    ['Read_list_updates_test__00.html', 'tehprom269887', null, { value: 1, approximate: false }, { value: 2, approximate: false }, { value: 111, approximate: false }],
  ])('%s: the profile header yields %s', (file, handle, userId, followers, following, posts) => {
    expect(parseProfile(read(file))).toMatchObject({ handle, userId, followers, following, posts });
  });
});

describe('what a tweet says', () => {
  it('reads text, hashtags, link domains and media kind, not those of the quoted tweet', async () => {
    const { tweetDetails } = await import('@/lib/x/adapter');
    const root = dom(tweetHtml({ handle: 'a', id: '1', text: 'Découverte', hashtags: ['#chimie', '#CNRS'], links: ['nature.com/articles/s41557', 'www.cnrs.fr/fr/presse'], media: 'video', quote: { handle: 'b', text: 'quoted #other' } }));
    expect(tweetDetails(findTweets(root)[0]!)).toEqual({
      text: 'Découverte #chimie #CNRS nature.com/articles/s41557… www.cnrs.fr/fr/presse…',
      hashtags: ['#chimie', '#CNRS'],
      domains: ['nature.com', 'cnrs.fr'],
      mediaKind: 'video',
    });
    expect(tweetDetails(findTweets(dom(tweetHtml({ handle: 'a', id: '2', media: 'image' })))[0]!).mediaKind).toBe('image');
    expect(tweetDetails(findTweets(dom(tweetHtml({ handle: 'a', id: '3' })))[0]!)).toMatchObject({ mediaKind: 'none', hashtags: [], domains: [] });
  });

  it(`reads a hashtag of up to 60 characters after "#", as long as a topic's (${TOPIC_LIMITS.hashtag}), and leaves out a longer one`, () => {
    const longest = `#${'a'.repeat(60)}`;
    const root = dom(tweetHtml({ handle: 'a', id: '1', hashtags: ['#InternationalDayOfWomenAndGirlsInScience', longest, `#${'b'.repeat(61)}`] }));
    expect(tweetTerms(findTweets(root)[0]!).hashtags).toEqual(['#InternationalDayOfWomenAndGirlsInScience', longest]);
    expect(longest).toHaveLength(TOPIC_LIMITS.hashtag);
  });
});
