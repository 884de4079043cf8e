/**
 * The one typed message protocol between the content script (and the extension pages) and the
 * background worker, which owns the database.
 *
 * Written with zod's mini build so that the content script stays small. Every request is
 * validated before it is sent and when it arrives; every response when it is sent and when it
 * arrives.
 */
import * as z from 'zod/mini';
import { errorCause, errorText } from './errors';
import { t } from './i18n';
import { PARTNER_CATEGORIES } from './categories';
import { METRICS } from './x/counts';
import { DATA_TABLES, OVERLAY_KINDS } from './messaging';

const handle = z.string().check(z.regex(/^[a-z0-9_]{1,15}$/));
const id = z.string().check(z.regex(/^\d{1,25}$/));
const n = z.number().check(z.gte(0));
const opt = z.optional(n);
/** A time or a count the database keeps whole (see schemas.ts): what it stores passes its backups' checks. */
const whole = z.int().check(z.gte(0));

/** What an overlay needs to know about a partner. */
export const partnerTagSchema = z.object({
  handle,
  name: z.string(),
  category: z.enum(PARTNER_CATEGORIES),
  tags: z.array(z.string()),
  note: z.string(),
});
export type PartnerTag = z.infer<typeof partnerTagSchema>;

const counts = { replies: opt, reposts: opt, likes: opt, bookmarks: opt, views: opt };

/** A tweet's counts as the content script read them on the page. */
export const capturedTweetSchema = z.object({
  tweetId: id,
  author: handle,
  postedAt: z.optional(whole),
  counts: z.object(counts),
  approximate: z.array(z.enum(METRICS)),
  /** Its hashtags (lower case) and link domains, with its first capture on a page (emerging topics). */
  terms: z.optional(z.array(z.string().check(z.maxLength(80))).check(z.maxLength(100))),
  /** The authors of the tweets it quotes, with its first capture on a page (when the CM last saw a partner). */
  quoted: z.optional(z.array(handle).check(z.maxLength(10))),
});
export type CapturedTweet = z.infer<typeof capturedTweetSchema>;

/** A profile header as the content script read it. */
export const capturedProfileSchema = z.object({
  handle,
  userId: z.optional(id),
  name: z.string(),
  followers: z.nullable(whole),
  following: z.nullable(whole),
  posts: z.nullable(whole),
});
export type CapturedProfile = z.infer<typeof capturedProfileSchema>;

/** What is stored about one tweet: its history (before this visit) and its analytics. */
export const tweetDataSchema = z.object({
  tweetId: id,
  history: z.array(z.object({ t: n, ...counts })),
  analytics: z.optional(
    z.object({ t: n, impressions: opt, engagements: opt, engagementRate: opt, urlClicks: opt, profileClicks: opt }),
  ),
});
export type TweetData = z.infer<typeof tweetDataSchema>;

/** What the profile card shows. */
export const profileCardSchema = z.object({
  handle,
  followers: z.array(z.object({ t: n, followers: n })),
  firstSeen: opt,
  lastSeen: opt,
  mentions: z.optional(z.object({ count: n, last: opt })),
});
export type ProfileCard = z.infer<typeof profileCardSchema>;

const fieldIssues = z.array(z.object({ field: z.string(), message: z.string() }));

/** A topic as a save gesture gives it (the worker validates it fully with the topic schema). */
export const topicDraftSchema = z.object({
  title: z.string(),
  url: z.optional(z.string()),
  note: z.optional(z.string()),
  tags: z.optional(z.array(z.string())),
  text: z.optional(z.string()),
  hashtags: z.optional(z.array(z.string())),
  mediaKind: z.optional(z.enum(['image', 'video', 'none'])),
  sourceTweetId: z.optional(id),
  sourceHandle: z.optional(handle),
  sourceName: z.optional(z.string()),
  postedAt: opt,
});
export type TopicDraft = z.infer<typeof topicDraftSchema>;

const savedTopicSchema = z.object({
  topic: z.nullable(z.object({ id: z.string(), title: z.string(), status: z.string() })),
  created: z.boolean(),
  issues: fieldIssues,
});

export { DATA_TABLES, type DataTable } from './messaging';

/** The protocol map: one request and one response schema for each message type. */
export const protocol = {
  /**
   * Every partner, as the overlays tag them: asked once by an X page, and again when partners
   * change, so that the batches carry no accounts and the worker looks none up. With them, the
   * overlays the CM chose to hide (asked again when the settings change).
   */
  'overlay.partners': {
    request: z.object({}),
    response: z.object({ partners: z.array(partnerTagSchema), hidden: z.array(z.enum(OVERLAY_KINDS)) }),
  },
  /**
   * What is stored about the recent tweets, asked once by an X page (and again when metrics change):
   * every tweet posted since `since` (a tweet id) with stored data is in `tweets`, so the page draws
   * those strips without a round trip, and knows that a recent tweet it does not find there has none.
   * With `after` (the `at` of an earlier answer), only the tweets of the window with a record stored
   * since then: what other tabs captured meanwhile.
   */
  'overlay.recent': {
    request: z.object({ after: opt }),
    response: z.object({ since: id, tweets: z.array(tweetDataSchema), at: n }),
  },
  /**
   * Store what the page shows (when capture is on), and answer what is stored about the tweets in
   * `ask` (without it, about every tweet sent) and about this profile. Sent when the page needs an
   * answer (an older tweet, a profile), and otherwise every second or so while the CM scrolls.
   */
  'overlay.batch': {
    request: z.object({
      tweets: z.array(capturedTweetSchema).check(z.maxLength(2000)),
      ask: z.optional(z.array(id).check(z.maxLength(2000))),
      profile: z.nullable(capturedProfileSchema),
    }),
    response: z.object({
      tweets: z.array(tweetDataSchema),
      profile: z.nullable(profileCardSchema),
    }),
  },
  /** Tag an account in place, from X: add or edit the partner with this handle. */
  'partner.save': {
    request: z.object({
      handle,
      name: z.string(),
      category: z.enum(PARTNER_CATEGORIES),
      tags: z.array(z.string()),
      note: z.string(),
    }),
    response: z.object({ partner: z.nullable(partnerTagSchema), issues: fieldIssues }),
  },
  'partner.delete': {
    request: z.object({ handle }),
    response: z.object({ deleted: z.boolean() }),
  },
  /** Which named selectors matched, or failed on a page that should have them. */
  'health.report': {
    request: z.object({ checks: z.record(z.string(), z.boolean()) }),
    response: z.object({}),
  },
  /** Save a topic in one gesture (a tweet's action, the popup's form). */
  'topic.save': {
    /** `retitle`: the title is one the CM typed (the popup's), to replace a title saved before. */
    request: z.extend(topicDraftSchema, { retitle: z.optional(z.boolean()) }),
    response: savedTopicSchema,
  },
  /**
   * Where the topic of an address stands on the board (null: there is none): a tweet's "☆" on X shows
   * "★" when saving it again would update a topic saved before.
   */
  'topic.status': {
    request: z.object({ url: z.string().check(z.maxLength(2000)) }),
    response: z.object({ status: z.nullable(z.string()) }),
  },
  /** Save the page, a link or a selection of a tab at once (the context menu, the shortcut). */
  'topic.saveFromPage': {
    request: z.object({
      tabId: z.optional(z.number()),
      url: z.optional(z.string()),
      title: z.optional(z.string()),
      linkUrl: z.optional(z.string()),
      selection: z.optional(z.string()),
    }),
    response: savedTopicSchema,
  },
  /** Start or pause the veille (the popup's button; the shortcut goes straight to the worker). */
  'veille.toggle': {
    request: z.object({}),
    response: z.object({ running: z.boolean() }),
  },
  /** An extension page changed data: the worker tells the open X tabs. */
  'data.changed': {
    request: z.object({ tables: z.array(z.enum(DATA_TABLES)).check(z.minLength(1)) }),
    response: z.object({ tabsNotified: z.number() }),
  },
} as const;

export type MessageType = keyof typeof protocol;
export type Request<K extends MessageType> = z.infer<(typeof protocol)[K]['request']>;
export type Response<K extends MessageType> = z.infer<(typeof protocol)[K]['response']>;

export const envelopeSchema = z.object({
  type: z.enum(Object.keys(protocol) as [MessageType, ...MessageType[]]),
  payload: z.unknown(),
});

const replySchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type Reply = z.infer<typeof replySchema>;

/** A request on a content script's port: its id, and the message. */
export const portFrameSchema = z.object({ id: z.number(), msg: z.unknown() });

/** From the worker to the content scripts in X tabs. */
export const tabEventSchema = z.object({
  event: z.literal('data.changed'),
  tables: z.array(z.enum(DATA_TABLES)),
});
export type TabEvent = z.infer<typeof tabEventSchema>;

/** Ask the background. Throws when the request or the reply is not what the protocol says. */
export async function send<K extends MessageType>(
  type: K,
  payload: Request<K>,
  transport: (msg: unknown) => Promise<unknown>,
): Promise<Response<K>> {
  const request = protocol[type].request.parse(payload);
  const reply = replySchema.parse(await transport({ type, payload: request }));
  // (What went wrong, as the worker says it: the gesture that asked is named where it is said.)
  if (!reply.ok) throw new Error(reply.error);
  return protocol[type].response.parse(reply.data) as Response<K>;
}

export type Handlers = { [K in MessageType]: (payload: Request<K>) => Promise<Response<K>> };

/**
 * The worker's side: validate a message, run its one handler, validate the answer.
 * Returns undefined for messages that are not ours, so other listeners may answer them.
 */
export function dispatch(handlers: Handlers, message: unknown): Promise<Reply> | undefined {
  const env = envelopeSchema.safeParse(message);
  if (!env.success) return undefined;
  const type = env.data.type;
  const run = async (): Promise<Reply> => {
    try {
      const payload = protocol[type].request.parse(env.data.payload);
      const handler = handlers[type] as (p: unknown) => Promise<unknown>;
      const data = protocol[type].response.parse(await handler(payload));
      return { ok: true, data };
    } catch (e) {
      // (A cause the CM can act on in its own sentence, in the interface's language: see errorSaid.)
      const cause = errorCause(e);
      return { ok: false, error: cause ? t(cause) : errorText(e) };
    }
  };
  return run();
}
