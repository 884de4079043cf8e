/**
 * Every selector Veille uses on X's pages, each with a name. This file and adapter.ts are the only
 * places that know X's markup: when X changes its page, fix it here.
 *
 * X generates its class names and changes them (css-1dbjc4n in 2023, css-175oi2r since 2024), so
 * nothing here selects on a class. The stable hooks are `data-testid` values and link shapes.
 */
export const Selectors = {
  /** The timeline and page content. */
  main: 'main[role="main"]',
  primaryColumn: '[data-testid=primaryColumn]',
  /** One timeline cell; X recycles them while scrolling. */
  cell: '[data-testid=cellInnerDiv]',
  /** A tweet, wherever it is shown (timeline, replies, own page, search, lists). */
  tweet: 'article[data-testid=tweet]',
  /** The author block of a tweet, and of a quoted tweet inside it. */
  userName: '[data-testid=User-Name]',
  /** A link to a tweet; its path must match STATUS_PATH. */
  statusLink: 'a[href*="/status/"]',
  time: 'time[datetime]',
  /** A quoted tweet's card inside a tweet. */
  quoteCard: 'div[role="link"]',
  /** A tweet's action bar; its aria-label lists the exact counts. */
  actionBar: '[role="group"]',
  /** Action buttons, as div[role=button] (2023-2024) or <button> (2025), in either state. */
  reply: '[data-testid=reply]',
  repost: '[data-testid=retweet], [data-testid=unretweet]',
  like: '[data-testid=like], [data-testid=unlike]',
  bookmark: '[data-testid=bookmark], [data-testid=removeBookmark]',
  /** The views link: its aria-label is "7451 views. View post analytics". */
  views: 'a[href$="/analytics"]',
  /** The visible (possibly abbreviated) count inside a button. */
  countText: '[data-testid=app-text-transition-container]',
  /** A tweet's text; its hashtags and links. */
  tweetText: '[data-testid=tweetText]',
  hashtag: 'a[href^="/hashtag/"]',
  textLink: 'a[href^="https://t.co/"], a[href^="http://"], a[href^="https://"]',
  /** Media: photos, and videos (player, or the preview of an embedded video). */
  photo: '[data-testid=tweetPhoto] img, [data-testid=tweetPhoto]',
  video: '[data-testid=videoPlayer], [data-testid=videoComponent], [data-testid=previewInterstitial], video',
  /** The profile page's header: name and @handle. */
  profileUserName: '[data-testid=UserName]',
  profileFollowing: 'a[href$="/following"]',
  profileFollowers: 'a[href$="/verified_followers"], a[href$="/followers"]',
  /** "111 posts" under the name in the profile's top bar. */
  profilePosts: 'h2[role="heading"] + div[dir="ltr"]',
  /** An account in a list of accounts (followers, following, a list's members, "Who to follow", people found). */
  userCell: '[data-testid=UserCell]',
  /** In a user cell, the links in the tab order: its name's first (the avatar's and the "@handle"'s are out of it). */
  userCellLink: 'a[href]:not([tabindex])',
  /** Follow buttons carry the numeric user id: data-testid="18188628-follow". */
  followButton: '[data-testid$="-follow"], [data-testid$="-unfollow"]',
} as const;

export type SelectorName = keyof typeof Selectors;

/** A tweet's path: /handle/status/123…, optionally followed by /photo/1, /analytics … */
export const STATUS_PATH = /^\/([A-Za-z0-9_]{1,15})\/status\/(\d+)/;
/** A profile link's path: exactly /handle. */
export const PROFILE_PATH = /^\/([A-Za-z0-9_]{1,15})\/?$/;
/** "@handle" as X writes it. */
export const AT_HANDLE = /^@([A-Za-z0-9_]{1,15})$/;
/** The user id in a follow button's data-testid. */
export const FOLLOW_TESTID = /^(\d+)-(?:un)?follow$/;
