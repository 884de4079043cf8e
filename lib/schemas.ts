/**
 * The record types of Veille. zod schemas are the single source: every type is `z.infer`-ed from
 * here, and every record that comes from outside (forms, CSV, backups) is validated with these.
 *
 * Error messages are i18n message keys (see public/_locales/*), so the UI can show them in the
 * user's language: `t(issue.message)`.
 */
import { z } from 'zod';
import { HANDLE_RE, handleInput } from './handle';
import { PARTNER_CATEGORIES } from './categories';
import { PLACE_NAME_MAX, tweetOfUrl } from './x/pages';
import { OVERLAY_KINDS } from './messaging';
import { withScheme } from './web-address';

export { PARTNER_CATEGORIES, type PartnerCategory } from './categories';
export const partnerCategorySchema = z.enum(PARTNER_CATEGORIES, { error: 'err_category' });

/** A handle as typed by a person: "@UnivNantes", " univnantes ", "https://x.com/UnivNantes" → "univnantes". */
export const handleSchema = z
  .string({ error: 'err_handle_required' })
  .transform(handleInput)
  .pipe(
    z
      .string()
      .min(1, { error: 'err_handle_required' })
      .max(15, { error: 'err_handle_format' })
      .regex(HANDLE_RE, { error: 'err_handle_format' }),
  );

/** A handle as Veille stores it (lower case, without "@"): what a backup's records must hold. */
const storedHandle = z.string().regex(HANDLE_RE, { error: 'err_stored_handle' });

export const LIMITS = { name: 100, note: 2000, tag: 40, tags: 30 } as const;

const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.tag, { error: 'err_tag_too_long' });

/** Tags trimmed, emptied ones dropped and duplicates (ignoring case) removed, the first kept. */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    const key = tag.toLowerCase();
    if (tag && !seen.has(key)) {
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}

/** Tags are trimmed, emptied ones dropped and duplicates (ignoring case) removed. */
export const tagsSchema = z
  .array(z.string())
  .transform(uniqueTags)
  .pipe(z.array(tagSchema).max(LIMITS.tags, { error: 'err_too_many_tags' }));

const timestamp = z.number().int().nonnegative();
/** A numeric X user id, kept as a string: it does not fit in a double. */
export const userIdSchema = z.string().regex(/^\d{1,25}$/);
/** A tweet id, kept as a string, exactly. */
export const tweetIdSchema = z.string().regex(/^\d{1,25}$/);
/** A local calendar day, YYYY-MM-DD. */
export const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** What a person enters for a partner, in the options page, a CSV row or (later) an overlay. */
export const partnerInputSchema = z.object({
  handle: handleSchema,
  name: z.string().trim().max(LIMITS.name, { error: 'err_name_too_long' }).default(''),
  category: partnerCategorySchema,
  tags: tagsSchema.default([]),
  note: z.string().trim().max(LIMITS.note, { error: 'err_note_too_long' }).default(''),
});
export type PartnerInput = z.input<typeof partnerInputSchema>;
export type PartnerFields = z.output<typeof partnerInputSchema>;

/** How many of a partner's former handles Veille keeps (the latest). */
export const FORMER_HANDLES_MAX = 10;

/** A handle an account had before, and when Veille saw it renamed (on its profile, by its user id). */
export const formerHandleSchema = z.object({ handle: storedHandle, until: timestamp });
export type FormerHandle = z.infer<typeof formerHandleSchema>;

export const partnerSchema = partnerInputSchema.extend({
  id: z.string().min(1),
  handle: storedHandle,
  userId: userIdSchema.optional(),
  /**
   * The handles the partner had before, oldest first: the institute's tweets posted before a rename
   * mention the old one, and still mention the partner (see `handleNow`).
   */
  formerHandles: z.array(formerHandleSchema).max(FORMER_HANDLES_MAX).optional(),
  /** When the CM last saw a tweet of theirs quoted in another's (their own tweets and profile are captured). */
  quotedAt: timestamp.optional(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Partner = z.infer<typeof partnerSchema>;

/** Followers, following and posts of a profile, at most one per handle and day. */
export const profileSnapshotSchema = z.object({
  handle: storedHandle,
  day: daySchema,
  userId: userIdSchema.optional(),
  capturedAt: timestamp,
  followers: z.number().int().nonnegative().nullable(),
  following: z.number().int().nonnegative().nullable(),
  posts: z.number().int().nonnegative().nullable(),
});
export type ProfileSnapshot = z.infer<typeof profileSnapshotSchema>;

export const METRIC_SOURCES = ['page', 'analytics', 'archive'] as const;
const count = z.number().nonnegative().nullable().optional();

/** The most of a tweet's text kept (with its imported analytics, or in a topic saved from it): X's longest posts run past 280. */
export const TWEET_TEXT_MAX = 1000;

/** What a check's issue says, in words the page translates, by the kind of issue (schemas' own keys aside). */
const ISSUE_KEYS: Partial<Record<z.core.$ZodIssue['code'], string>> = {
  invalid_type: 'err_record_type',
  too_small: 'err_record_bounds',
  too_big: 'err_record_bounds',
  invalid_format: 'err_record_format',
  invalid_value: 'err_record_value',
  not_multiple_of: 'err_record_bounds',
};

/**
 * Why a record was refused, as a message key (a page says it in its language): the schema's own
 * ("err_stored_handle"), "missing" (`missing`: the field is not there at all), or the kind of issue.
 */
export function issueReason(issue: z.core.$ZodIssue, missing = false): string {
  return issue.message.startsWith('err_') ? issue.message : missing ? 'err_record_missing' : (ISSUE_KEYS[issue.code] ?? issue.message);
}

/** Engagement of one tweet at one time, captured from the page or imported. */
export const tweetMetricSchema = z.object({
  tweetId: tweetIdSchema,
  capturedAt: timestamp,
  source: z.enum(METRIC_SOURCES),
  authorHandle: storedHandle.optional(),
  postedAt: timestamp.optional(),
  replies: count,
  reposts: count,
  likes: count,
  bookmarks: count,
  views: count,
  impressions: count,
  engagements: count,
  engagementRate: count,
  urlClicks: count,
  profileClicks: count,
  detailExpands: count,
  /** Views of the tweet's media (legacy exports): above zero, the tweet had an image or a video. */
  mediaViews: count,
  /** Names of the counts that were read from an abbreviated label ("1.7K") and are approximate. */
  approximate: z.array(z.string()).optional(),
  /** Handles the tweet mentions, lower case (from imported analytics), to count partner mentions. */
  mentions: z.array(storedHandle).optional(),
  /** The tweet's text (from imported analytics: the dashboard names its tweets by it). */
  text: z.string().max(TWEET_TEXT_MAX).optional(),
});
export type TweetMetric = z.infer<typeof tweetMetricSchema>;

export const TOPIC_STATUSES = ['new', 'watching', 'proposed', 'published', 'dropped'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];
export const MEDIA_KINDS = ['image', 'video', 'none'] as const;
/**
 * A topic's limits. Its hashtags are X's, as the tweet it was saved from has them, not tags the CM
 * writes: one is as long as the adapter reads them (up to 60 characters after "#", `tweetTerms`),
 * and science's are long ("#InternationalDayOfWomenAndGirlsInScience" is 41), where a tag has 40.
 */
export const TOPIC_LIMITS = { title: 200, url: 2048, text: TWEET_TEXT_MAX, hashtags: 30, hashtag: 61 } as const;

/** What a person (or a save gesture) gives for a topic. */
export const topicInputSchema = z.object({
  title: z.string({ error: 'err_title_required' }).trim().min(1, { error: 'err_title_required' }).max(TOPIC_LIMITS.title, { error: 'err_title_too_long' }),
  url: z
    .string()
    .trim()
    .overwrite(withScheme)
    .max(TOPIC_LIMITS.url, { error: 'err_url_too_long' })
    .refine((u) => u === '' || /^https?:\/\//i.test(u), { error: 'err_url' })
    .optional(),
  note: z.string().trim().max(LIMITS.note, { error: 'err_note_too_long' }).default(''),
  tags: tagsSchema.default([]),
  /** The source tweet's text, kept as text. */
  text: z.string().max(TOPIC_LIMITS.text, { error: 'err_text_too_long' }).optional(),
  hashtags: z
    .array(z.string().max(TOPIC_LIMITS.hashtag, { error: 'err_hashtag_too_long' }))
    .max(TOPIC_LIMITS.hashtags, { error: 'err_too_many_hashtags' })
    .default([]),
  mediaKind: z.enum(MEDIA_KINDS).optional(),
  sourceTweetId: tweetIdSchema.optional(),
  sourceHandle: storedHandle.optional(),
  sourceName: z.string().max(LIMITS.name).optional(),
  /** When the source tweet was posted. */
  postedAt: timestamp.optional(),
  /** The institution's tweet that published the topic, by its address on X ("" or absent: none yet). */
  publishedUrl: z
    .string()
    .trim()
    .overwrite(withScheme)
    .max(TOPIC_LIMITS.url, { error: 'err_url_too_long' })
    .refine((u) => u === '' || tweetOfUrl(u) !== null, { error: 'err_published_url' })
    .optional(),
});
export type TopicInput = z.input<typeof topicInputSchema>;

export const topicSchema = topicInputSchema.extend({
  id: z.string().min(1),
  status: z.enum(TOPIC_STATUSES),
  /** When the board last took it to "published" (absent while it is not published). */
  publishedAt: timestamp.optional(),
  sessionId: z.string().optional(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Topic = z.infer<typeof topicSchema>;

/**
 * An account's figures on one day (the per-day analytics exports). `account`: whose figures they
 * are, a handle as stored; "" where it was never said (days imported before Veille asked, when no
 * one account's tweets told).
 */
const dayCount = z.number().nonnegative().optional();
export const accountDaySchema = z.object({
  account: z.string().regex(/^[a-z0-9_]{0,15}$/).default(''),
  day: daySchema,
  impressions: dayCount,
  engagements: dayCount,
  engagementRate: dayCount,
  likes: dayCount,
  reposts: dayCount,
  replies: dayCount,
  profileClicks: dayCount,
  urlClicks: dayCount,
  newFollows: dayCount,
  unfollows: dayCount,
  posts: dayCount,
  videoViews: dayCount,
  mediaViews: dayCount,
});
export type AccountDay = z.infer<typeof accountDaySchema>;
/** A day's figures as an export has them: whose they are is said at import. */
export type DayFigures = Omit<AccountDay, 'account'>;

/** How often a hashtag or a link's domain appeared in the tweets the CM saw, one row per day. */
export const termCountSchema = z.object({
  day: daySchema,
  term: z.string().min(2).max(80),
  count: z.number().int().positive(),
});
export type TermCount = z.infer<typeof termCountSchema>;

/** One stretch of veille. `end` is absent while the session runs. */
export const veilleSessionSchema = z
  .object({
    id: z.string().min(1),
    start: timestamp,
    end: timestamp.optional(),
    mode: z.enum(['manual', 'auto']),
  })
  .refine((s) => s.end === undefined || s.end > s.start, { error: 'err_session_order', path: ['end'] });
export type VeilleSession = z.infer<typeof veilleSessionSchema>;

/** The most places a veille's round holds. */
export const MAX_SOURCES = 50;

/**
 * A place the CM checks in their daily veille (an X search, a list, an account, a journal's page):
 * its name, its address, and its rank in the round.
 */
export const sourceInputSchema = z.object({
  label: z.string().trim().max(PLACE_NAME_MAX, { error: 'err_source_label' }),
  url: z
    .string()
    .trim()
    .overwrite(withScheme)
    .min(1, { error: 'err_source_url' })
    .max(2000, { error: 'err_source_url' })
    .refine(
      (u) => {
        try {
          return ['http:', 'https:'].includes(new URL(u).protocol);
        } catch {
          return false;
        }
      },
      { error: 'err_source_url' },
    ),
});
export type SourceInput = z.input<typeof sourceInputSchema>;
export const sourceSchema = sourceInputSchema.extend({
  id: z.string().min(1),
  label: z.string().trim().min(1).max(PLACE_NAME_MAX),
  order: z.number().int().nonnegative(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Source = z.infer<typeof sourceSchema>;

/** The CM went to a source that day (the first time that day). */
export const sourceVisitSchema = z.object({ source: z.string().min(1), day: daySchema, at: timestamp });
export type SourceVisit = z.infer<typeof sourceVisitSchema>;

/** "HH:MM", local time. */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'err_time_of_day' });

/** The choices of days after which Veille reminds the CM to back up (0: never). */
export const BACKUP_REMINDER_DAYS = [7, 14, 30, 0] as const;
/** The veille's days unless the CM chooses: Monday to Friday. */
export const WORKING_DAYS = [1, 2, 3, 4, 5] as const;

/** The longest span of time away (days), and how many spans the settings keep (as err_away_long and err_away_many say). */
export const AWAY_DAYS_MAX = 366;
export const AWAY_PERIODS_MAX = 100;

/** A real calendar day, YYYY-MM-DD (not "2026-02-30"). */
const calendarDay = z
  .string({ error: 'err_away_day' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'err_away_day' })
  .refine(
    (d) => {
      const [y, m, n] = d.split('-').map(Number);
      const at = new Date(Date.UTC(y!, m! - 1, n!));
      return at.getUTCFullYear() === y && at.getUTCMonth() === m! - 1 && at.getUTCDate() === n;
    },
    { error: 'err_away_day' },
  );

/** A span of time away (holidays, leave), its first and last days included: no day of veille. */
export const awayPeriodSchema = z
  .object({ from: calendarDay, to: calendarDay }, { error: 'err_away_day' })
  .refine((p) => p.from <= p.to, { error: 'err_away_order' })
  .refine((p) => (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 < AWAY_DAYS_MAX, { error: 'err_away_long' });
export type AwayPeriod = z.infer<typeof awayPeriodSchema>;

/** The languages Veille speaks (its messages files). */
export const REPORT_LANGUAGES = ['en', 'fr'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export const settingsSchema = z.object({
  dailyGoalMinutes: z.number({ error: 'err_goal' }).int({ error: 'err_goal' }).min(5, { error: 'err_goal' }).max(600, { error: 'err_goal' }).default(60),
  autoTracking: z.boolean().default(true),
  /**
   * A session started by hand ends after this many minutes without keyboard or mouse, at the last
   * use of either (0: never; it then counts until paused or the screen is locked).
   */
  manualIdleMinutes: z
    .number({ error: 'err_manual_idle' })
    .int({ error: 'err_manual_idle' })
    .min(0, { error: 'err_manual_idle' })
    .max(240, { error: 'err_manual_idle' })
    .refine((m) => m === 0 || m >= 5, { error: 'err_manual_idle' })
    .default(30),
  captureEnabled: z.boolean().default(true),
  /** Say when the day's goal is reached (once a day). */
  goalNotification: z.boolean().default(true),
  /**
   * The days of the week the CM keeps the daily veille, 1 (Monday) to 7 (Sunday): the reminder comes
   * on these only, and a day off does not break the streak (one at the goal still counts).
   */
  veilleDays: z
    .array(z.number().int().min(1).max(7))
    .min(1, { error: 'err_veille_days' })
    .default([...WORKING_DAYS])
    .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
  /**
   * The CM's time away (holidays, leave), oldest first, none overlapping: no day of veille, whatever
   * the weekday (no reminder, no automatic counting, and the streak waits for their return).
   */
  awayPeriods: z
    .array(awayPeriodSchema)
    .max(AWAY_PERIODS_MAX, { error: 'err_away_many' })
    .default([])
    .transform((periods) => [...periods].sort((a, b) => a.from.localeCompare(b.from)))
    .refine((periods) => periods.every((p, i) => i === 0 || periods[i - 1]!.to < p.from), { error: 'err_away_overlap_any' }),
  /** A gentle reminder at `reminderTime` if the veille has not started that day (a veille day). */
  reminderEnabled: z.boolean().default(false),
  reminderTime: timeOfDaySchema.default('14:00'),
  /** Remind the CM to back up when the last backup is this many days old (0: never). */
  backupReminderDays: z.literal(BACKUP_REMINDER_DAYS).default(30),
  /** The dashboard's first steps, hidden by the CM. */
  gettingStartedHidden: z.boolean().default(false),
  /** The day of the weekly meeting, 1 (Monday) to 7 (Sunday), when the report is to be announced; 0: none. */
  meetingDay: z.number().int().min(0).max(7).default(0),
  /** When, that day, the report is announced. */
  meetingTime: timeOfDaySchema.default('09:00'),
  /** The weekly report's language: the browser's, or one chosen for it. */
  reportLanguage: z.enum(['browser', ...REPORT_LANGUAGES]).default('browser'),
  /** Every overlay hidden for a while (the popup's switch: a screen shared, a screenshot), whatever `hiddenOverlays` says. */
  overlaysPaused: z.boolean().default(false),
  /** The overlays the CM does not want on X's pages (all shown unless hidden here). */
  hiddenOverlays: z
    .array(z.enum(OVERLAY_KINDS))
    .default([])
    .transform((kinds) => [...new Set(kinds)]),
});
export type Settings = z.infer<typeof settingsSchema>;

/** When each named X selector last matched, and last failed on a page where it should match. */
export const selectorHealthSchema = z.record(
  z.string(),
  z.object({ lastMatch: timestamp.optional(), lastFail: timestamp.optional() }),
);
export type SelectorHealth = z.infer<typeof selectorHealthSchema>;

/** The veille clock's own memory: its heartbeat and what it already said today. */
export const veilleStateSchema = z.object({
  /** The last moment the extension knew the CM was at it, written at most once a minute. */
  heartbeat: timestamp.optional(),
  /** The CM paused while on X: automatic counting waits until they leave X and come back. */
  autoPaused: z.boolean().default(false),
  /**
   * A session started by hand that Veille ended, not the CM: when, and why (`lock`: the screen was
   * locked; `left`: no sign of the CM since, the computer asleep or the browser closed; `idle`: no
   * keyboard or mouse since, for the settings' `manualIdleMinutes`). The popup says so until a
   * session starts again.
   */
  stopped: z.object({ at: timestamp, why: z.enum(['lock', 'left', 'idle']) }).optional(),
  notifiedDay: daySchema.optional(),
  /** The goal (minutes) that day's notification said was reached: a goal raised later is said again. */
  notifiedGoal: z.number().int().positive().optional(),
  remindedDay: daySchema.optional(),
});

/** Emerging terms the CM dismissed, with the day they did. */
export const dismissedTermsSchema = z.record(z.string(), daySchema);
export type VeilleState = z.infer<typeof veilleStateSchema>;

/**
 * The last backup of this browser's data: when it was exported (or, after a restore that replaced
 * everything, the file's own date) and how many records it held. Not written into backups: it is
 * about this browser.
 */
export const lastBackupSchema = z.object({ at: timestamp, records: z.number().int().nonnegative() });
export type LastBackup = z.infer<typeof lastBackupSchema>;

/**
 * The backup reminder's own memory, about this browser (not written into backups): since when it has
 * known data that was never backed up, and when it last reminded.
 */
export const backupStateSchema = z.object({ since: timestamp.optional(), remindedAt: timestamp.optional() });
export type BackupState = z.infer<typeof backupStateSchema>;

/** The meeting reminder's own memory, about this browser (not written into backups): the day it last said the report was ready. */
export const meetingStateSchema = z.object({ remindedDay: daySchema.optional() });
export type MeetingState = z.infer<typeof meetingStateSchema>;

/** The settings table: small key-value rows, each validated by its own schema. */
export const SETTINGS_ROWS = {
  settings: settingsSchema,
  selectorHealth: selectorHealthSchema,
  veilleState: veilleStateSchema,
  dismissedTerms: dismissedTermsSchema,
  lastBackup: lastBackupSchema,
  backupState: backupStateSchema,
  meetingState: meetingStateSchema,
} as const;
export type SettingsKey = keyof typeof SETTINGS_ROWS;
export interface SettingsRow {
  key: SettingsKey;
  value: unknown;
}
