/**
 * The background's handlers for the message protocol: one per message type.
 * Kept apart from the worker's entrypoint so that tests can call them on a fake database.
 */
import type { CaptureQueue } from './capture-queue';
import type { VeilleDB } from './db';
import { RECENT_RECORDS, recentTweetData, recordTweets } from './metrics';
import { partnersByHandle, savePartner } from './partners';
import { PROFILE_TABLES, recordProfile, seenQuoted } from './profiles';
import type { Handlers, PartnerTag, TabEvent, TopicDraft } from './protocol';
import { recordTerms, termsOf } from './emerging';
import { saveTopic, topicAt } from './topics';
import { draftFromPage, linkOfTweet } from './topic-draft';
import { VeilleClock } from './veille-clock';
import type { Partner } from './schemas';
import { getSettings, recordSelectorHealth } from './settings';
import { OVERLAY_KINDS } from './messaging';

export interface HandlerEnv {
  /** Send an event to every open X tab; resolves to how many tabs received it. */
  notifyXTabs(event: TabEvent): Promise<number>;
  /** What the content script of a tab says about the tweet shown (on X), with the selection. */
  describeTab?(tabId: number): Promise<{ tweet: TopicDraft | null; selection: string } | null>;
  /** Tell the CM a topic was saved by a gesture without a form (context menu, shortcut). */
  saved?(result: { id: string; title: string; created: boolean }): void;
  /** Tell the CM such a gesture saved nothing, and why (the messages' keys). */
  refused?(messages: string[]): void;
  /** The veille clock of the worker (badge, notifications), when there is one. */
  veille?: { toggle(): Promise<boolean>; refresh(): Promise<void> };
  /** Where captures wait to be written together (the worker's); without one, each batch writes its own. */
  captures?: CaptureQueue;
  now?(): number;
}

const tagOf = (p: Partner): PartnerTag => ({ handle: p.handle, name: p.name, category: p.category, tags: p.tags, note: p.note });

export function createHandlers(db: VeilleDB, env: HandlerEnv): Handlers {
  const now = () => env.now?.() ?? Date.now();
  const partnersChanged = () => env.notifyXTabs({ event: 'data.changed', tables: ['partners'] }).catch(() => 0);
  /** Save, linked to the veille session running if any. */
  async function save({ retitle, ...draft }: TopicDraft & { retitle?: boolean }) {
    const running = await new VeilleClock(db, now).open();
    const r = await saveTopic(db, draft, { now: now(), ...(running ? { sessionId: running.id } : {}), ...(retitle ? { retitle } : {}) });
    if (!r.ok) return { topic: null, created: false, issues: r.issues };
    return { topic: { id: r.topic.id, title: r.topic.title, status: r.topic.status }, created: r.created, issues: [] };
  }

  return {
    async 'overlay.partners'() {
      const [list, settings] = await Promise.all([db.partners.toArray(), getSettings(db)]);
      return { partners: list.map(tagOf), hidden: settings.overlaysPaused ? [...OVERLAY_KINDS] : settings.hiddenOverlays };
    },
    async 'overlay.recent'({ after }) {
      return recentTweetData(db, now(), env.captures, RECENT_RECORDS, after);
    },
    async 'overlay.batch'({ tweets, ask, profile }) {
      const t = now();
      // One transaction for the whole batch: a batch comes every few frames while the CM scrolls.
      // (A profile's visit may follow a renamed account in more tables: see `recordProfile`.)
      const tables = [...new Set([db.settings, db.termCounts, db.profileSnapshots, db.partners, db.tweetMetrics, ...(profile ? PROFILE_TABLES(db) : [])])];
      const result = await db.transaction('rw', tables, async () => {
        const { captureEnabled } = await getSettings(db);
        // A partner recognised by user id under a new handle is renamed, one without a name takes the
        // profile's (the tabs then ask for the partners again).
        const prof = profile ? await recordProfile(db, profile, captureEnabled, t) : null;
        const first = new Set<string>();
        const reply = { tweets: await recordTweets(db, tweets, captureEnabled, t, env.captures, ask, first), profile: prof?.card ?? null };
        // Emerging topics: the terms of the tweets Veille sees for the first time (a tweet seen again,
        // on another page or another day, is not a term seen more).
        const terms = termsOf(tweets.filter((c) => first.has(c.tweetId)));
        if (terms && !env.captures) await recordTerms(db, terms, t);
        if (captureEnabled) await seenQuoted(db, tweets, t);
        return { terms, partnerChanged: !!prof?.renamed || !!prof?.named, reply };
      });
      // (Queued once the batch is through: a batch that failed is sent again, and would count twice.)
      if (result.terms) env.captures?.addTerms(result.terms, t);
      if (result.partnerChanged) void partnersChanged();
      return result.reply;
    },
    async 'partner.save'(input) {
      const existing = (await partnersByHandle(db, [input.handle])).get(input.handle);
      const result = await savePartner(db, input, existing?.id, now());
      if (!result.ok) return { partner: null, issues: result.issues };
      void partnersChanged();
      return { partner: tagOf(result.partner), issues: [] };
    },
    async 'partner.delete'({ handle }) {
      const existing = (await partnersByHandle(db, [handle])).get(handle);
      if (existing) {
        await db.partners.delete(existing.id);
        void partnersChanged();
      }
      return { deleted: !!existing };
    },
    async 'health.report'({ checks }) {
      await recordSelectorHealth(db, checks, now());
      return {};
    },
    async 'data.changed'({ tables }) {
      // Sessions edited or settings changed in a page: the badge follows.
      if (tables.includes('veilleSessions') || tables.includes('settings')) await env.veille?.refresh();
      return { tabsNotified: await env.notifyXTabs({ event: 'data.changed', tables }) };
    },
    async 'topic.save'(draft) {
      return save(draft);
    },
    async 'topic.status'({ url }) {
      return { status: (await topicAt(db, url))?.status ?? null };
    },
    async 'topic.saveFromPage'(p) {
      const { linkUrl, ...page } = p;
      // (On X, a link of the tweet the CM right-clicked stands for the tweet: see `linkOfTweet`. A tab
      // that is not X's has no content script to answer.)
      const described = p.tabId !== undefined ? await env.describeTab?.(p.tabId).catch(() => null) : null;
      const tweet = described?.tweet && (!linkUrl || linkOfTweet(linkUrl, described.tweet)) ? described.tweet : null;
      // (The menu gives the selection it was opened on; the shortcut's is the page's.)
      const selection = p.selection || (linkUrl ? '' : described?.selection) || '';
      const result = await save(draftFromPage({ ...page, ...(linkUrl && !tweet ? { linkUrl } : {}), selection }, tweet));
      if (result.topic) env.saved?.({ id: result.topic.id, title: result.topic.title, created: result.created });
      else env.refused?.(result.issues.map((i) => i.message));
      return result;
    },
    async 'veille.toggle'() {
      if (!env.veille) throw new Error('no veille clock here');
      return { running: await env.veille.toggle() };
    },
  };
}
