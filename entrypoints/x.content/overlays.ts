/**
 * The overlay runner: finds tweets and profiles as X renders them, sends what the page shows, asks
 * what is stored when it does not know yet, and applies the overlays.
 *
 * - What is stored about recent tweets (those a timeline shows) is asked once, up front: their
 *   overlays are drawn as soon as X shows them, without a round trip, and what the page shows of
 *   them is sent about once a second (CAPTURE_EVERY_MS). An older tweet or a profile is asked about
 *   in one round trip per batch, which carries the captures waiting too.
 * - The browser tells of each author block X puts in the page (see SEEN), and a
 *   mutation observer of the links and labels X changes; a scan reads them in an animation frame,
 *   after X's own work for it (many at once: in a task right after it), at least BATCH_GAP_MS after
 *   the last scan.
 * - Each tweet's rendered state is remembered by a signature (tweet id and authors), so a cell that
 *   X recycles for another tweet is redone, and an unchanged one is skipped.
 * - Answers are cached for the page's life: a tweet or an account is asked about once.
 * - Nothing here throws into the page: a tweet the adapter cannot read gets no overlay.
 */
import type { CapturedProfile, CapturedTweet, PartnerTag, ProfileCard, Request, Response, TweetData } from '@/lib/protocol';
import {
  displayNameOf,
  findTweets,
  parseProfile,
  parseTweet,
  profileCardAnchor,
  readCounts,
  readTweetsOf,
  tweetTerms,
  userCellAccount,
  type AccountRef,
  type TweetCounts,
  type TweetRef,
} from '@/lib/x/adapter';
import { profileHandle, showsTweets } from '@/lib/x/pages';
import { idAtLeast } from '@/lib/x/tweet-id';
import { Selectors } from '@/lib/x/selectors';
import { applyAuthorBadge, badgeCss, clearTags, hiddenCss, listenToBadges, tagShown, type OpenEditor } from './author-badge';
import { OURS, STYLE_ID, documentStyle, nodeSlot, prepareFormats, xTheme } from './dom';
import { STRIP_CSS, applyStrip, drawChart } from './engagement-strip';
import { applyProfileCard } from './profile-card';
import { applySaveButton, type SaveTopic, type TopicStatus } from './save-topic';

export interface OverlayDeps {
  /** Every partner (asked once, and again when partners change). */
  partners(): Promise<Response<'overlay.partners'>>;
  /** What is stored about the recent tweets (asked once, again when metrics change, and for what changed every RECENT_REFRESH_MS). */
  recent(req: Request<'overlay.recent'>): Promise<Response<'overlay.recent'>>;
  /** One round trip to the background for a batch. */
  batch(req: Request<'overlay.batch'>): Promise<Response<'overlay.batch'>>;
  /** Record selector health (rare: on a change of state, or every few minutes). */
  report(checks: Record<string, boolean>): void;
  open: OpenEditor;
  /** Save a tweet as a topic. */
  saveTopic: SaveTopic;
  /** Where a tweet's topic stands, if it is one (its "☆" then shows "★"). */
  topicStatus?: TopicStatus;
  root: Document;
  signal: AbortSignal;
  /** Milliseconds after a page load or navigation before a missing selector counts as a failure. */
  settleMs?: number;
  /** Milliseconds between two requests for what other tabs stored about recent tweets. */
  refreshMs?: number;
}

export interface OverlayRunner {
  /** Queue a scan of the page. */
  schedule(): void;
  /** Forget what is known about these tables (their data changed) and redo every overlay. */
  invalidate(tables: readonly string[]): void;
  /** The tweet pointed at or focused last: the one its ☆ shows on (or a user cell, which is no tweet). */
  pointed(): Element | null;
}

/** What the counts of an action bar without a label stand for in a tweet's signature (see `scan`). */
const countsKey = (c: TweetCounts | null) => (c ? `${JSON.stringify(c.values)}${c.approximate}` : '-');

/** What a tweet's overlays depend on in its markup: its id, its authors, and its action bar's label (its counts). */
function signature(t: TweetRef, label: string): string {
  return `${t.tweetId}|${t.author?.handle}|${t.quoted.map((q) => q.handle).join(',')}|${label}`;
}

const HEALTH_REPEAT_MS = 10 * 60_000;
/** How often the selector health check runs at most. */
const SLOW_CHECK_MS = 3000;
/** After a failed round trip (the worker restarting), the page is looked at again this much later. */
const RETRY_MS = 1500;
/**
 * The shortest time between two scans (and so between two round trips to the worker): while X puts
 * a cell in the page every frame, one frame in two.
 */
const BATCH_GAP_MS = 25;
/** How long the captures of tweets that need no answer wait to be sent together, at most. */
const CAPTURE_EVERY_MS = 1000;
/**
 * How often a page asks what was stored about recent tweets since its last answer (captured in other
 * tabs): an X tab stays open all day, and its up-front answer would age.
 */
const RECENT_REFRESH_MS = 60_000;
/**
 * The most tweets a page keeps what it knows and sent of: past it (a tab left open for days), it
 * forgets them and asks for the recent tweets whole again (the worker answers 20,000 at most).
 */
const MAX_KNOWN = 50_000;
/** The most captures sent in one message (the protocol's limit): more are sent at once. */
const MAX_CAPTURES = 2000;
/** The page's clock, in ms. */
const now = () => performance.now();
/**
 * How long a frame may have run when the scan is due: past that, X's own work made it long, and the
 * scan would make it longer still (a long task, 50 ms, with only a few ms of ours).
 */
const BUSY_FRAME_MS = 20;
/** More new author blocks than this are read outside X's frame (see `run`). While X scrolls, a scan has 2 or 3. */
const BIG_BATCH = 8;
/** Where CSS animations are off, how often the whole page is read. */
const POLL_MS = 500;
/**
 * What X puts in the page is known from an empty CSS animation, paused, on its author blocks (of
 * tweets, quoted tweets and the profile): the browser tells of each one X puts in the page with an
 * `animationstart` event, at the start of the next frame. Paused, the animation never ends, so it
 * sends no other event and needs no work in later frames. Every overlay of a tweet lies in an
 * element X cannot render anew without a new author block (see `stripPlace`). (A mutation observer
 * of the whole page is told of every node X adds, moves and removes, frame after frame: noting them
 * cost the page about a third of what the overlays cost it; see docs/performance.md.)
 */
export const SEEN = 'veille-seen';
export const SEEN_TARGETS = `${Selectors.userName},${Selectors.profileUserName}`;
/** The same for the user cells X puts in the page (a list's members, followers, X's suggestions): their partner tags. */
export const CELL_SEEN = 'veille-cell';
/** What pointing at or focusing reveals: a tweet, or a user cell. */
const REVEALED = `${Selectors.tweet},${Selectors.userCell}`;
const SEEN_CSS = `@keyframes ${SEEN}{}${SEEN_TARGETS}{animation:${SEEN} 1s paused!important}@keyframes ${CELL_SEEN}{}${Selectors.userCell}{animation:${CELL_SEEN} 1s paused!important}`;

/**
 * `npm run bench` serves a page marked data-veille-bench: there the runner keeps the extension's own
 * work per scan and its messages, and hands them to the page when it asks (an event on the document,
 * named as the attribute of the page's root where the answer goes), so that measuring adds nothing to
 * the work measured. Only the benchmark's build has it (`import.meta.env.VEILLE_BENCH`): the
 * extension as shipped has no measuring code.
 */
const BENCH_REPORT = 'data-veille-bench-report';
function benchProbe(doc: Document, signal: AbortSignal) {
  if (!doc.documentElement.hasAttribute('data-veille-bench')) return null;
  const scans: number[] = [];
  /** Tweet id → when its first overlay went in the page. */
  const overlays = new Map<string, number>();
  let messages = 0;
  let reports = 0;
  let lists = 0;
  let flushes = 0;
  doc.addEventListener(
    BENCH_REPORT,
    () => doc.documentElement.setAttribute(BENCH_REPORT, JSON.stringify({ scans, reports, lists, flushes, overlays: [...overlays] })),
    { signal },
  );
  return {
    /** Scans are kept flat: start, duration, tweets, messages. */
    work(tweets: number, ms: number, end: number) {
      scans.push(end - ms, ms, tweets, messages);
      messages = 0;
    },
    /** These tweets have an overlay in the page (a partner tag or a strip) since now. */
    overlaid(tweetIds: string[], at: number) {
      for (const id of tweetIds) if (!overlays.has(id)) overlays.set(id, at);
    },
    message: () => messages++,
    /** The partner list or the recent tweets' data asked for: a message, but not for a batch of tweets. */
    list: () => lists++,
    /** Captures sent on their own (no answer awaited), for the batches of a second or so. */
    flush: () => flushes++,
    /** Selector health reports: messages too, but not for a batch of tweets. */
    report: () => reports++,
  };
}

/** Take Veille's overlays off the page: its nodes, its stylesheet, the tags drawn on X's author blocks. */
function clearOverlays(root: Document): void {
  for (const el of root.querySelectorAll(`[${OURS}],#${STYLE_ID}`)) el.remove();
  clearTags(root);
}

export function startOverlays(deps: OverlayDeps): OverlayRunner {
  const { root, signal } = deps;
  const settleMs = deps.settleMs ?? 4000;
  /** handle → its partner tag; null until the worker sent them. */
  let partners: Map<string, PartnerTag> | null = null;
  /** tweet id → what is stored about it (null: nothing). */
  let tweets = new Map<string, TweetData | null>();
  /**
   * Every tweet of this id or a later one (a recent tweet) with stored data is in `tweets`, from the
   * up-front answer: the others have none. Null until that answer came.
   */
  let recentSince: string | null = null;
  /** When the worker gave its last answer about recent tweets (its clock), and when it was asked (the page's). */
  let recentAt = 0;
  let recentAskedAt = 0;
  const refreshMs = deps.refreshMs ?? RECENT_REFRESH_MS;
  /**
   * The tweets whose counts were sent from this page, with their action bar's label then: a tweet
   * is sent again when X shows other counts (the CM liked it, X updated its figures).
   */
  const sent = new Map<string, string>();
  /** Captures (a tweet new to this page with its terms) waiting to be sent, and since when. */
  let waiting: CapturedTweet[] = [];
  let waitingSince = 0;
  let flushTimer = 0;
  /**
   * handle → its profile card, for profiles seen on this page, and the day it was captured: an X tab
   * stays open for days, and the worker keeps a snapshot a day.
   */
  let cards = new Map<string, { card: ProfileCard | undefined; day: string }>();
  /** article → the signature its overlays were last applied for, in this generation of answers. */
  const done = nodeSlot<string>();
  /** Raised when what is known is forgotten (invalidate): every tweet is then redone. */
  let generation = 0;
  /** Tweets where X dropped one of our nodes: redo them even if the tweet is the same. */
  const damaged = new Set<Element>();
  /** The scan waiting for the next frame (> 0), or for a timer (< 0). */
  let frame = 0;
  let busy = false;
  let again = false;
  let href = root.URL ?? '';
  let navigatedAt = now();
  let settleTimer = 0;
  let retryTimer = 0;
  const reported = new Map<string, { ok: boolean; at: number }>();
  const bench = import.meta.env.VEILLE_BENCH ? benchProbe(root, signal) : null;
  /** The elements whose links or labels X changed since the last scan; null means: look at the whole page. */
  let dirty: Set<Element> | null = null;
  let lastHealth = -Infinity;
  /** The tweets the scans read since the last health check: all, those with an author, an id, an action bar. */
  let seenTweets = 0;
  let seenAuthors = 0;
  let seenIds = 0;
  let seenBars = 0;
  let pageHandleOf: { href: string; handle: string | null } = { href: '', handle: null };
  // (What a copy of this script left in the page: Firefox, updating Veille, ends the old copy
  // without telling it.)
  clearOverlays(root);
  /** The stylesheet of the tags and strips drawn in X's DOM. */
  const style = documentStyle(root, STRIP_CSS + badgeCss() + SEEN_CSS, signal);

  /**
   * X's theme, read when first wanted, and again when X changes the attributes of the page's root or
   * body, where it sets its theme: then every overlay is redrawn in the new theme's colours.
   */
  let theme: ReturnType<typeof xTheme> | null = null;
  const currentTheme = () => (theme ??= xTheme(root));
  const themeWatch = new MutationObserver(() => {
    const was = theme;
    theme = null;
    if (was && currentTheme() !== was) {
      generation++;
      rescan();
    }
  });
  for (const el of [root.documentElement, root.body]) if (el) themeWatch.observe(el, { attributes: true });

  /**
   * The tweets to look at, read: those X put in the page or changed, or every tweet after a reset
   * (null: a tweet the adapter cannot read).
   */
  function changedTweets(): Map<Element, TweetRef | null> {
    const changed = dirty;
    dirty = new Set();
    const news = newBlocks.splice(0);
    const found = new Map<Element, TweetRef | null>();
    if (!changed) {
      for (const a of findTweets(root)) found.set(a, parseTweet(a));
      newCells.push(...root.querySelectorAll(Selectors.userCell));
      return found;
    }
    const blocks: Element[] = [];
    for (const el of news) if (el.isConnected) blocks.push(el);
    const fresh = (article: Element) => {
      // A tweet seen for the first time has all its author blocks here (X put them in the page
      // together). A new author block in a tweet drawn before: X rendered part of it anew, and may
      // have dropped its tag or its strip with it (see `stripPlace`): it is redrawn.
      if (done.get(article) === undefined) return true;
      damaged.add(article);
      return false;
    };
    for (const t of readTweetsOf(blocks, fresh)) found.set(t.article, t);
    // A link or a label X changed: the whole tweet is read again.
    // (A user cell X reused for another account: its tag is drawn again.)
    for (const el of changed) {
      const article = el.isConnected ? el.closest(Selectors.tweet) : null;
      if (article && !found.has(article)) found.set(article, parseTweet(article));
      else if (!article) {
        const cell = el.isConnected ? el.closest(Selectors.userCell) : null;
        if (cell) newCells.push(cell);
      }
    }
    return found;
  }

  let lastBatchAt = -Infinity;
  /** How long until the next round trip may go (≤ 0: now). */
  const gapLeft = (at = now()) => lastBatchAt + BATCH_GAP_MS - at;
  /** Forget the scan waiting for a frame or a timer (one is about to run now). */
  const unschedule = () => {
    if (frame > 0) cancelAnimationFrame(frame);
    else if (frame < 0) clearTimeout(-frame);
    frame = 0;
  };
  /** Was the last scan put off to the next frame (see BUSY_FRAME_MS)? */
  let putOff = false;
  // (An animation frame's callback is given the frame's time.)
  const run = (frameAt?: number) => {
    frame = 0;
    // One scan every BATCH_GAP_MS at most: until then, the next frame (or, in a hidden tab, a timer).
    const wait = gapLeft(frameAt);
    if (wait > 0 && !signal.aborted) {
      frame = root.hidden ? -window.setTimeout(run, wait) : requestAnimationFrame(run);
      return;
    }
    // A frame X's own work made long already is left alone: the scan waits for the next one (once).
    putOff = !putOff && frameAt !== undefined && now() - frameAt > BUSY_FRAME_MS;
    if (putOff) frame = requestAnimationFrame(run);
    // Many author blocks at once (a page X draws whole; at first, the code still cold): they are
    // read in a task of their own, right after the frame, which they could make a long task.
    else if (frameAt !== undefined && newBlocks.length > BIG_BATCH) frame = -window.setTimeout(run);
    else void scan(frameAt);
  };
  const schedule = (): void => {
    if (signal.aborted || frame) return;
    // A hidden tab gets no animation frames: there a timer does (a partner edited in the options
    // page shows on the X tab behind it).
    frame = root.hidden ? -window.setTimeout(run, 0) : requestAnimationFrame(run);
  };

  /** Look at the whole page again. */
  const rescan = () => {
    dirty = null;
    schedule();
  };

  const onNavigate = () => {
    navigatedAt = now();
    lastHealth = -Infinity;
    seenTweets = seenAuthors = seenIds = seenBars = 0;
    clearTimeout(settleTimer);
    settleTimer = window.setTimeout(schedule, settleMs + 50);
  };
  onNavigate();

  const badge = (a: AccountRef, where: 'tweet' | 'profile', lazy = true) => applyAuthorBadge(a.el, a.handle, partners?.get(a.handle), where, lazy);
  listenToBadges(root, (handle) => partners?.get(handle), (host) => (host.parentElement ? displayNameOf(host.parentElement) : ''), deps.open, signal);

  /** Does the tweet show the tags of its partner authors (and no stale one)? */
  const tagsShown = (tw: TweetRef) => {
    if (!tagShown(tw.author!.el, partners?.get(tw.author!.handle))) return false;
    for (const q of tw.quoted) if (!tagShown(q.el, partners?.get(q.handle))) return false;
    return true;
  };

  /** Pointing at or focusing a tweet (or a user cell) shows the "+" of its authors who are not partners, and draws its strip's chart. */
  // mouseover fires for every child the pointer crosses: a tweet is revealed once, until it changes.
  let revealed: Element | null = null;
  const reveal = (e: Event) => {
    let target = e.target instanceof Element ? e.target : null;
    // (Browsers show a node in a shadow root as its host; some DOMs do not.)
    const root = target?.getRootNode();
    if (root instanceof ShadowRoot) target = root.host;
    // (A user cell, in a list of accounts, shows its account's "+" or tag button as a tweet does.
    // Neither lies in the other: one walk up finds either.)
    const article = target?.closest(REVEALED);
    if (!article || article === revealed) return;
    revealed = article;
    if (article.localName !== 'article') {
      const account = userCellAccount(article);
      if (account && partners) badge(account, 'tweet', false);
      return;
    }
    const tw = parseTweet(article);
    if (tw) showRevealed(tw);
  };
  /** What a tweet pointed at or focused shows: the "+" of its authors (once known), its save button, its strip's chart. */
  const showRevealed = (tw: TweetRef) => {
    if (partners) for (const a of [tw.author!, ...tw.quoted]) badge(a, 'tweet', false);
    applySaveButton(tw, deps.saveTopic, currentTheme(), deps.topicStatus);
    drawChart(tw.article);
  };
  root.addEventListener('mouseover', reveal, { passive: true, signal });
  root.addEventListener('focusin', reveal, { signal });

  /** The request for the captures waiting, which no longer wait. */
  function takeWaiting(ask: string[], profile: CapturedProfile | null): Request<'overlay.batch'> {
    // (Past the protocol's limit, only after failures, the oldest are dropped.)
    const tweets = waiting.length > MAX_CAPTURES ? waiting.slice(-MAX_CAPTURES) : waiting;
    waiting = [];
    waitingSince = now();
    clearTimeout(flushTimer);
    flushTimer = 0;
    return { tweets, ask, profile };
  }
  /** A request that failed (the worker restarting): its captures wait again, to go with the next one. */
  function putBack(req: Request<'overlay.batch'>): void {
    waiting = [...req.tweets, ...waiting];
  }
  /** Send the captures waiting, without waiting for the answer (nothing on the page depends on it). */
  function flush(): void {
    clearTimeout(flushTimer);
    flushTimer = 0;
    if (!waiting.length) return;
    bench?.flush();
    const req = takeWaiting([], null);
    deps.batch(req).catch(() => {
      if (signal.aborted) return;
      putBack(req);
      flushTimer ||= window.setTimeout(flush, RETRY_MS);
    });
  }
  /**
   * Ask what was stored about recent tweets since the last answer, and know it for the tweets X shows
   * next; or, past MAX_KNOWN, all of it, in place of what is known.
   */
  function refreshRecent(): void {
    recentAskedAt = now();
    const gen = generation;
    const whole = tweets.size + sent.size > MAX_KNOWN;
    bench?.list();
    deps
      .recent(whole ? {} : { after: recentAt })
      .then((res) => {
        if (gen !== generation || signal.aborted) return;
        if (whole) {
          tweets = new Map();
          sent.clear();
          recentSince = res.since;
        }
        for (const d of res.tweets) tweets.set(d.tweetId, d);
        recentAt = res.at;
      })
      .catch(() => undefined);
  }
  // What waits is sent before the page goes (a navigation away, the tab closed).
  root.defaultView?.addEventListener('pagehide', flush, { signal });

  /** Look at what X changed, send and ask what is new, and draw. `frameAt`: the animation frame's time. */
  async function scan(frameAt?: number): Promise<void> {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    let started = now();
    let workMs = 0;
    let tweetsDone = 0;
    try {
      // (document.URL follows pushState like location.href, and costs less to read.)
      if (root.URL !== href) {
        href = root.URL;
        onNavigate();
      }
      style.ensure();
      // The partners and the recent tweets' data, before anything is drawn (once per page, and
      // again when they change).
      if (!partners || recentSince === null) {
        const gen = generation;
        if (!partners) {
          bench?.list();
          // (While the first answer comes.)
          window.setTimeout(prepareFormats);
        }
        if (recentSince === null) bench?.list();
        workMs += now() - started;
        if (recentSince === null) recentAskedAt = now();
        const [list, recent] = await Promise.all([partners ? null : deps.partners(), recentSince === null ? deps.recent({}) : null]);
        started = now();
        if (signal.aborted) return;
        if (gen !== generation) {
          again = true;
          return;
        }
        if (list) {
          partners = new Map(list.partners.map((p) => [p.handle, p]));
          style.more(hiddenCss(list.hidden));
        }
        if (recent) {
          for (const d of recent.tweets) if (!tweets.has(d.tweetId)) tweets.set(d.tweetId, d);
          recentSince = recent.since;
          recentAt = recent.at;
        }
      } else if (started - recentAskedAt > refreshMs) refreshRecent();
      /**
       * The tweets to (re)draw, their signatures, their action bar's label (or what its buttons show,
       * where X gives the bar no label), and their counts as shown (undefined: not read yet).
       */
      const todo: { tw: TweetRef; sig: string; label: string; counts: TweetCounts | null | undefined }[] = [];
      const candidates = changedTweets();
      for (const a of damaged) if (a.isConnected && !candidates.has(a)) candidates.set(a, parseTweet(a));
      // (forEach: iterating the map makes an entry for each tweet.)
      candidates.forEach((tweet, article) => {
        seenTweets++;
        if (!tweet) return;
        seenAuthors++;
        if (tweet.tweetId) seenIds++;
        if (tweet.bar) seenBars++;
        // (X updates the counts in the action bar's label, as when the CM likes the tweet. Where the
        // bar has no label, the buttons' counts stand for it: a like changes the like button's label.)
        let label = tweet.bar?.getAttribute('aria-label') ?? '';
        let counts: TweetCounts | null | undefined;
        if (!label && tweet.bar) label = countsKey((counts = readCounts(article, tweet.bar, '')));
        const sig = `${generation}|${signature(tweet, label)}`;
        // (A tag drawn by CSS is an attribute of the author block: when X renders that block anew, the
        // tweet is the same but its tag is gone.)
        if (done.get(article) === sig && !damaged.has(article) && tagsShown(tweet)) return;
        todo.push({ tw: tweet, sig, label, counts });
      });

      if (pageHandleOf.href !== href) pageHandleOf = { href, handle: profileHandle(href) };
      const pageHandle = pageHandleOf.handle;
      const parsedProfile = pageHandle ? parseProfile(root) : null;
      const profile = parsedProfile?.handle === pageHandle ? parsedProfile : null;
      if (started - lastHealth > SLOW_CHECK_MS) checkHealth(pageHandle ? !!profile : null);

      // What to send: tweets not seen on this page yet or whose counts changed, the profile once.
      // What to ask: tweets whose stored data is not known here (older than the recent ones).
      const ask: string[] = [];
      const since = recentSince!;
      for (const item of todo) {
        const tw = item.tw;
        const counts = (item.counts = item.counts === undefined ? readCounts(tw.article, tw.bar, item.label) : item.counts);
        const id = tw.tweetId;
        if (id && counts && !tweets.has(id) && !idAtLeast(id, since) && !ask.includes(id)) ask.push(id);
        const before = id ? sent.get(id) : undefined;
        if (id && counts && before !== item.label) {
          sent.set(id, item.label);
          const capture: CapturedTweet = { tweetId: id, author: tw.author!.handle, counts: counts.values, approximate: counts.approximate };
          if (before === undefined) {
            // Emerging topics: the tweet's hashtags and link domains, with its first capture on this
            // page (the worker counts them once per tweet, the first time it is seen).
            const d = tweetTerms(tw.article, tw.text ?? undefined);
            // (The tweet's domains, and its hashtags lower-cased, each once: in the array read for it.)
            const terms = d.domains;
            for (const tag of d.hashtags) {
              const term = tag.toLowerCase();
              if (!terms.includes(term)) terms.push(term);
            }
            if (terms.length) capture.terms = terms;
            if (tw.quoted.length) capture.quoted = tw.quoted.map((q) => q.handle);
          }
          // (When it was posted, the worker reads from the tweet's id. Of two captures of a tweet in
          // one message, the worker keeps the later.)
          if (!waiting.length) waitingSince = started;
          waiting.push(capture);
        }
      }
      let capturedProfile: CapturedProfile | null = null;
      const day = profile ? new Date().toDateString() : '';
      if (profile && cards.get(profile.handle)?.day !== day) {
        capturedProfile = {
          handle: profile.handle,
          name: profile.name,
          followers: profile.followers?.value ?? null,
          following: profile.following?.value ?? null,
          posts: profile.posts?.value ?? null,
          ...(profile.userId ? { userId: profile.userId } : {}),
        };
      }
      tweetsDone = todo.length;
      const theme = currentTheme();
      const overlaid = bench ? ([] as string[]) : null;
      if (todo.length) lastBatchAt = frameAt ?? started;
      // The tags need only the partners: they go in first (before a round trip, when one is needed),
      // the strips with the answer. (Drawing them changes no link or label of the page: the
      // observer is not told of it.)
      for (const { tw } of todo) {
        try {
          let shown = badge(tw.author!, 'tweet');
          for (const q of tw.quoted) shown = badge(q, 'tweet') || shown;
          if (shown && overlaid && tw.tweetId) overlaid.push(tw.tweetId);
        } catch {
          // One odd tweet never stops the others.
        }
      }
      if (ask.length || capturedProfile) {
        // A round trip, which carries the captures waiting too.
        if (overlaid?.length) bench!.overlaid(overlaid.splice(0), now());
        const gen = generation;
        bench?.message();
        const req = takeWaiting(ask, capturedProfile);
        workMs += now() - started;
        let res: Response<'overlay.batch'>;
        try {
          res = await deps.batch(req);
        } catch (e) {
          putBack(req);
          throw e;
        }
        started = now();
        if (signal.aborted) return;
        // If everything was invalidated meanwhile, this answer may be stale: scan again.
        if (gen !== generation) {
          again = true;
          return;
        }
        for (const id of ask) tweets.set(id, null);
        for (const d of res.tweets) tweets.set(d.tweetId, d);
        if (capturedProfile) cards.set(capturedProfile.handle, { card: res.profile ?? cards.get(capturedProfile.handle)?.card, day });
      } else if (waiting.length) {
        if (started - waitingSince >= CAPTURE_EVERY_MS || waiting.length >= MAX_CAPTURES) flush();
        else flushTimer ||= window.setTimeout(flush, CAPTURE_EVERY_MS - (started - waitingSince));
      }

      for (const { tw, sig, counts } of todo) {
        try {
          const data = tw.tweetId ? (tweets.get(tw.tweetId) ?? undefined) : undefined;
          if (applyStrip(tw.article, tw.bar, tw.author!.el, data, counts ?? null, theme) && overlaid && tw.tweetId) overlaid.push(tw.tweetId);
          // The tweet pointed at or focused before its answer came shows now what that reveals.
          if (tw.article === revealed) showRevealed(tw);
          done.set(tw.article, sig);
        } catch {
          // One odd tweet never stops the others.
        }
      }
      damaged.clear();
      // The partners among the accounts of user cells: their tags, drawn by CSS as on tweets.
      if (newCells.length) {
        for (const cell of newCells.splice(0)) {
          const account = cell.isConnected ? userCellAccount(cell) : null;
          if (account) badge(account, 'tweet');
        }
      }
      if (profile) {
        badge(profile, 'profile');
        applyProfileCard(profileCardAnchor(profile, root), profile, cards.get(profile.handle)?.card, partners?.get(profile.handle), theme, deps.open);
      }
      if (bench) {
        const end = now();
        if (overlaid!.length) bench.overlaid(overlaid!, end);
        bench.work(tweetsDone, workMs + end - started, end);
      }
    } catch {
      // The worker may be restarting: look at the whole page again in a moment.
      if (!signal.aborted) {
        clearTimeout(retryTimer);
        retryTimer = window.setTimeout(rescan, RETRY_MS);
      }
    } finally {
      busy = false;
      // What came during a round trip is looked at now (the gap permitting), not a frame later.
      if (again && !signal.aborted) {
        again = false;
        unschedule();
        run();
      }
    }
  }

  /**
   * Selector health: on a page that shows tweets, once it has had time to load, the core selectors
   * must match. Reported when a state changes, and at most every ten minutes otherwise.
   * `profileShown`: on a profile page, whether the scan read its header (null elsewhere).
   */
  function checkHealth(profileShown: boolean | null): void {
    if (!showsTweets(href) || now() - navigatedAt < settleMs) return;
    lastHealth = now();
    // When the scans since the last check read tweets with their author, id and action bar, all is
    // well; otherwise the whole page is read (one odd tweet, an ad, is not a failure).
    let [tweetsFound, authors, ids, bars] = [seenTweets, seenAuthors, seenIds, seenBars];
    seenTweets = seenAuthors = seenIds = seenBars = 0;
    if (!authors || !ids || !bars) {
      tweetsFound = authors = ids = bars = 0;
      for (const a of findTweets(root)) {
        const tw = parseTweet(a);
        tweetsFound++;
        if (tw) authors++;
        if (tw?.tweetId) ids++;
        if (tw?.bar) bars++;
      }
    }
    const checks: Record<string, boolean> = {};
    if (root.querySelector(Selectors.primaryColumn)) checks.primaryColumn = true;
    // (The page's cells are counted only when no tweet was found: that query reads the whole page.
    // Cells of accounts, as a search's "People" or a list's members show, are no missing tweets.)
    if (tweetsFound) checks.tweet = true;
    else if (root.querySelector('article') || root.querySelectorAll(Selectors.cell).length - root.querySelectorAll(Selectors.userCell).length >= 3) checks.tweet = false;
    if (tweetsFound) checks.userName = authors > 0;
    // Tweets, and no animation event: CSS animations are off on this page (a user style, a browser
    // setting). From then on, the whole page is read every POLL_MS (the signatures skip what is drawn).
    if (authors && !animated && !polling && !root.hidden) {
      polling = window.setInterval(rescan, POLL_MS);
    }
    if (authors) {
      checks.statusLink = ids > 0;
      // (Without their action bars, tweets show no strip and their counts are not captured.)
      checks.actionBar = bars > 0;
      // A profile page that shows tweets has its header (the card, the follower counts) too.
      if (profileShown !== null) checks.profileUserName = profileShown;
    }
    const at = Date.now();
    const send: Record<string, boolean> = {};
    for (const [name, ok] of Object.entries(checks)) {
      const last = reported.get(name);
      if (!last || last.ok !== ok || at - last.at > HEALTH_REPEAT_MS) {
        send[name] = ok;
        reported.set(name, { ok, at });
      }
    }
    if (Object.keys(send).length) {
      bench?.report();
      deps.report(send);
    }
  }

  /** The author blocks X put in the page since the last scan (see SEEN), and its user cells (CELL_SEEN). */
  const newBlocks: Element[] = [];
  const newCells: Element[] = [];
  /** Did the browser tell of any? (See `checkHealth`.) */
  let animated = false;
  let polling = 0;
  // Heard first (the window, capturing), and kept from the page: X's own listeners (React's, at its
  // root, in both phases) would otherwise be run, and walk the page's tree, for each of our events.
  const onSeen = (e: Event) => {
    const name = (e as AnimationEvent).animationName;
    if (name !== SEEN && name !== CELL_SEEN) return;
    e.stopImmediatePropagation();
    animated = true;
    (name === SEEN ? newBlocks : newCells).push(e.target as Element);
    // (A frame's events all come before its animation frame callbacks: the scan waits for those.
    // In a frame too soon after the last scan, that callback asks for the next frame: two frame
    // requests cost the page less than a timer and its cancelling.)
    schedule();
  };
  (root.defaultView ?? root).addEventListener('animationstart', onSeen, { capture: true, signal });
  /**
   * The links and labels X changed (it reuses a tweet's nodes for another tweet by changing its links,
   * and shows new counts by changing its action bar's label): the next scan reads their tweets.
   */
  const observer = new MutationObserver((records) => {
    for (const r of records) dirty?.add(r.target as Element);
    schedule();
  });
  observer.observe(root.body ?? root.documentElement, { subtree: true, attributes: true, attributeFilter: ['href', 'aria-label'] });
  signal.addEventListener('abort', () => {
    flush();
    observer.disconnect();
    themeWatch.disconnect();
    clearTimeout(settleTimer);
    clearTimeout(retryTimer);
    clearInterval(polling);
    unschedule();
    // Stopped (a newer copy of the script starts in this page, as when Veille is updated, or Veille
    // is gone): its overlays go with it, and a newer copy draws its own.
    clearOverlays(root);
  });
  schedule();

  return {
    schedule,
    pointed: () => revealed,
    invalidate(tables) {
      // (The overlays the CM hides come with the partners.)
      if (tables.includes('partners') || tables.includes('settings')) partners = null;
      // (A profile's card is asked again, and the profile captured again, only when what it shows
      // changed: a partner edited on its profile would otherwise count this visit as one before it.)
      if (tables.includes('profileSnapshots') || tables.includes('tweetMetrics')) cards = new Map();
      if (tables.includes('tweetMetrics')) {
        tweets = new Map();
        recentSince = null;
      }
      generation++;
      rescan();
    },
  };
}
