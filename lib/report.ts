/**
 * The weekly meeting report: the topics proposed for the meeting (images and video first, as the
 * team's method asks), the topics saved during the week by status, the veille minutes per day
 * against the goal, the partners the topics involve, the impact of the week's tweets where their
 * analytics were imported, the hashtags and sites seen most in the tweets the CM saw that week, and
 * the institution's own accounts as the CM saw them on X that week. As Markdown and as CSV.
 */
import type { VeilleDB } from './db';
import { toCsv } from './csv';
import { mentionsOf } from './analytics';
import { getSettings } from './settings';
import { TOPIC_STATUSES, type AccountDay, type Partner, type PartnerCategory, type Topic, type TopicStatus, type TweetMetric } from './schemas';
import {
  SEEN_COUNTS,
  TOP_COUNTS,
  counted,
  institutionAccounts,
  partnersOnX,
  pluralOf,
  readPeriodCaptures,
  readSeenInput,
  seenFigures,
  seenOnX,
  type PartnerTweet,
  type PartnersOnX,
  type SeenInput,
  type SeenOnX,
} from './seen';
import { addUpFigures, changeText, percent, periodImpact, signed, snippet, tweetUrl, weekBefore, type PeriodImpact } from './dashboard';
import { ALWAYS, dateText, dayOff, daysKept, localDayOf, weekEnd, weekStart, type VeilleCalendar } from './time';
import { searchUrl, tweetOfUrl } from './x/pages';
import { idAtLeast, snowflakeAt } from './x/tweet-id';
import { MINUTE, dayBefore, hoursMinutes, msByDay, wholeMinutes } from './veille';
import { visitsByDay } from './sources';
import { sessionsSince } from './veille-history';
import { BASELINE_DAYS, KEEP_DAYS, termCountsSince, weekTerms, type WeekTerm } from './emerging';

export interface WeekReport {
  /** Monday 00:00, local. */
  from: number;
  /** The next Monday 00:00, local. */
  to: number;
  proposed: Topic[];
  /** The topics the board took to "published" that week, in that order, each with its tweet's figures. */
  published: PublishedTopic[];
  saved: Record<TopicStatus, Topic[]>;
  /** The veille time of each day of the week (ms); null for the days still to come. `off`: no day of veille, and why (see `dayOff`). */
  days: { day: string; ms: number | null; off: 'away' | 'off' | null }[];
  /**
   * The days at the goal (`visited`), out of (`of`) the days of veille gone by since the first veille
   * (today once at the goal) and the days off or away at the goal all the same (see `daysKept`).
   */
  kept: { visited: number; of: number };
  /** The week's days away gone by (today's included). */
  away: number;
  goalMinutes: number;
  partners: { handle: string; name: string; category: PartnerCategory; topics: number }[];
  /** The week's tweets with imported analytics: their sums and the most seen; null when none were imported. */
  impact: PeriodImpact | null;
  /** The week before's, to compare with (see `impact`). */
  impactBefore: PeriodImpact | null;
  /** Each account's week from its per-day exports (all its tweets together), the most seen first. */
  accounts: AccountWeek[];
  /** The institution's accounts as the CM saw them on X that week. */
  seen: SeenOnX;
  /** The partners' tweets of the week seen on X; the most viewed each with its topic's status, if saved as one. */
  partnersSeen: Omit<PartnersOnX, 'top'> & { top: (PartnerTweet & { topic?: TopicStatus })[] };
  /**
   * The veille's round: its places now, how many were visited each day of the week (as `days`; null
   * to come), and its days visited whole out of its days since its first place was added (as
   * `kept`); null without a round.
   */
  round: { size: number; visits: (number | null)[]; kept: { visited: number; of: number } } | null;
  /** The hashtags and sites seen most in the tweets the CM saw that week (see `weekTerms`); null for a week older than their counts are kept. */
  terms: WeekTerm[] | null;
}

/** How many of the partners' tweets of the week the report names. */
export const PARTNER_TWEETS_TOP = 5;

export interface PublishedTopic {
  topic: Topic;
  /** Its published tweet's latest figures seen on X (null: never seen), and its impressions where an export gave them. */
  seen: { views: number; likes: number } | null;
  impressions?: number;
}

/** Did the board take this topic to "published" in [from, to) (and it still is)? */
function publishedIn(t: Topic, from: number, to: number): boolean {
  return t.status === 'published' && t.publishedAt !== undefined && t.publishedAt >= from && t.publishedAt < to;
}

/** A published topic with what Veille has of its tweet, from `metrics` (any tweets' rows: its own are found by id). */
function withFigures(topic: Topic, metrics: readonly TweetMetric[]): PublishedTopic {
  const id = topic.publishedUrl ? tweetOfUrl(topic.publishedUrl)?.tweetId : undefined;
  const latest = (source: 'page' | 'analytics') =>
    metrics.filter((m) => m.tweetId === id && m.source === source).reduce<TweetMetric | null>((a, m) => (!a || m.capturedAt > a.capturedAt ? m : a), null);
  const [page, analytics] = id ? [latest('page'), latest('analytics')] : [null, null];
  const out: PublishedTopic = { topic, seen: page ? { views: page.views ?? 0, likes: page.likes ?? 0 } : null };
  if (typeof analytics?.impressions === 'number') out.impressions = analytics.impressions;
  return out;
}

export interface AccountWeek {
  /** "" for days imported before Veille asked whose they were. */
  account: string;
  /** The days of the week the exports gave. */
  days: number;
  impressions: number;
  engagements: number;
  rate: number;
  newFollows?: number;
  unfollows?: number;
}

/** The week's days of each account, added up (see `WeekReport.accounts`). */
function accountWeeks(days: readonly AccountDay[], from: number, to: number): AccountWeek[] {
  const [first, last] = [localDayOf(from), localDayOf(to - 1)];
  const byAccount = new Map<string, AccountDay[]>();
  for (const d of days) {
    if (d.day < first || d.day > last) continue;
    const list = byAccount.get(d.account);
    if (list) list.push(d);
    else byAccount.set(d.account, [d]);
  }
  return [...byAccount.entries()]
    .map(([account, list]) => {
      const { impressions = 0, engagements = 0, engagementRate = 0, newFollows, unfollows } = addUpFigures(list, first);
      return { account, days: list.length, impressions, engagements, rate: engagementRate, ...(newFollows === undefined ? {} : { newFollows }), ...(unfollows === undefined ? {} : { unfollows }) };
    })
    .sort((a, b) => b.impressions - a.impressions || a.account.localeCompare(b.account));
}

const MEDIA_ORDER = { video: 0, image: 1, none: 2 } as const;

/** Images and video first, then the oldest first. */
export function mediaFirst(a: Topic, b: Topic): number {
  return MEDIA_ORDER[a.mediaKind ?? 'none'] - MEDIA_ORDER[b.mediaKind ?? 'none'] || a.createdAt - b.createdAt;
}

export function buildReport(
  topics: readonly Topic[],
  sessions: Parameters<typeof msByDay>[0],
  partners: readonly Partner[],
  weekOf: number,
  goalMinutes: number,
  now: number,
  analytics: readonly TweetMetric[] = [],
  /** The per-day exports' days (those of the week are kept). */
  accountDays: readonly AccountDay[] = [],
  /** See `SeenOnX`; its captures also give the partners' tweets (see `PartnersOnX`). */
  seen: SeenInput = { captures: [], snapshots: [], capturing: true },
  /** What Veille has of the published tweets (see `PublishedTopic`). */
  publishedMetrics: readonly TweetMetric[] = [],
  /**
   * The veille's round: how many places it has, how many were visited each day (see lib/sources.ts),
   * and the day its first place was added (its whole days are counted from then).
   */
  round: { size: number; visits: ReadonlyMap<string, number>; since?: string } = { size: 0, visits: new Map() },
  /** Each term's counts by day, over the week and the BASELINE_DAYS before it (see lib/emerging.ts). */
  termCounts: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map(),
  /** When the veille is kept (the settings'); the other days are days off or away. */
  calendar: VeilleCalendar = ALWAYS,
  /** The day of the CM's first veille: the days at the goal are counted from then. */
  veilleSince = '',
): WeekReport {
  const from = weekStart(weekOf);
  const to = weekEnd(from);
  const proposed = topics.filter((t) => t.status === 'proposed').sort(mediaFirst);
  const published = topics
    .filter((t) => publishedIn(t, from, to))
    .sort((a, b) => a.publishedAt! - b.publishedAt!)
    .map((topic) => withFigures(topic, publishedMetrics));
  const inWeek = topics.filter((t) => t.createdAt >= from && t.createdAt < to);
  const saved = Object.fromEntries(TOPIC_STATUSES.map((s) => [s, inWeek.filter((t) => t.status === s).sort(mediaFirst)])) as Record<TopicStatus, Topic[]>;
  const byDay = msByDay(sessions, Math.min(now, to));
  const today = localDayOf(now);
  const days = Array.from({ length: 7 }, (_, i) => {
    const day = localDayOf(new Date(new Date(from).setDate(new Date(from).getDate() + i)).getTime());
    return { day, ms: day > today ? null : (byDay.get(day) ?? 0), off: dayOff(day, calendar) };
  });
  // (The days gone by, today's included: what the goal and the round are counted out of, each from
  // its first day.)
  const gone = days.filter((d) => d.ms !== null).map((d) => d.day);
  const roundDays = gone.filter((day) => day >= (round.since ?? ''));
  const atGoal = new Set(days.filter((d) => d.ms !== null && d.ms >= goalMinutes * MINUTE).map((d) => d.day));
  const byHandle = new Map(partners.map((p) => [p.handle, p]));
  const involved = new Map<string, number>();
  for (const t of new Set([...proposed, ...inWeek])) {
    const handles = new Set<string>();
    if (t.sourceHandle) handles.add(t.sourceHandle);
    for (const h of mentionsOf(`${t.text ?? ''} ${t.note}`)) handles.add(h);
    for (const h of handles) if (byHandle.has(h)) involved.set(h, (involved.get(h) ?? 0) + 1);
  }
  const boardOf = new Map(topics.flatMap((t) => (t.sourceTweetId ? [[t.sourceTweetId, t.status] as const] : [])));
  const others = partnersOnX(partners, seen.captures, from, to, PARTNER_TWEETS_TOP);
  const partnersSeen = { ...others, top: others.top.map((x) => (boardOf.has(x.tweetId) ? { ...x, topic: boardOf.get(x.tweetId)! } : x)) };
  return {
    from,
    to,
    proposed,
    published,
    saved,
    days,
    kept: daysKept(
      atGoal,
      gone.filter((day) => day >= veilleSince),
      calendar,
      today,
    ),
    away: days.filter((d) => d.ms !== null && d.off === 'away').length,
    goalMinutes,
    impact: periodImpact(analytics, from, to),
    impactBefore: periodImpact(analytics, ...weekBefore(from)),
    accounts: accountWeeks(accountDays, from, to),
    seen: seenOnX(institutionAccounts(partners), seen, from, to),
    partnersSeen,
    // (The week's days begun; the days before it, to tell a rise. A week whose last day's counts
    // were deleted has none to give.)
    terms:
      days[6]!.day < dayBefore(now, KEEP_DAYS)
        ? null
        : weekTerms(
            termCounts,
            days.filter((d) => d.ms !== null).map((d) => d.day),
            Array.from({ length: BASELINE_DAYS }, (_, i) => dayBefore(from, i + 1)),
          ),
    round:
      round.size || days.some((d) => round.visits.has(d.day))
        ? {
            size: round.size,
            visits: days.map((d) => (d.ms === null ? null : (round.visits.get(d.day) ?? 0))),
            kept: daysKept(new Set(roundDays.filter((day) => round.size && (round.visits.get(day) ?? 0) >= round.size)), roundDays, calendar, today),
          }
        : null,
    partners: [...involved.entries()]
      .map(([handle, n]) => ({ handle, name: byHandle.get(handle)!.name, category: byHandle.get(handle)!.category, topics: n }))
      .sort((a, b) => b.topics - a.topics || a.handle.localeCompare(b.handle)),
  };
}

/** The report of the week holding `weekOf`, from the database. */
export async function loadReport(db: VeilleDB, weekOf: number, now = Date.now()): Promise<WeekReport> {
  const from = weekStart(weekOf);
  const to = weekEnd(from);
  const [topics, sessions, partners, settings, analytics, days] = await Promise.all([
    db.topics.toArray(),
    sessionsSince(db, from),
    db.partners.toArray(),
    getSettings(db),
    // (And the week before's, to compare with.)
    weekAnalytics(db, weekBefore(from)[0], to),
    db.dailyFigures.where('day').between(localDayOf(from), localDayOf(to - 1), true, true).toArray(),
  ]);
  const [own, week, places, visits, terms, first] = await Promise.all([
    readSeenInput(db, institutionAccounts(partners), from),
    readPeriodCaptures(db, from, to),
    db.sources.toArray(),
    visitsByDay(db, localDayOf(from)),
    termCountsSince(db, dayBefore(from, BASELINE_DAYS)),
    db.veilleSessions.orderBy('start').first(),
  ]);
  const size = places.length;
  const roundSince = size ? localDayOf(Math.min(...places.map((p) => p.createdAt))) : undefined;
  // (The institution's tweets by every capture since, the partners' by those of the week after:
  // a capture read twice is the same row.)
  const seen = { ...own, captures: [...own.captures, ...week] };
  // The tweets that published the week's published topics, by id.
  const ids = topics.flatMap((t) => {
    const id = publishedIn(t, from, to) && t.publishedUrl ? tweetOfUrl(t.publishedUrl)?.tweetId : undefined;
    return id ? [id] : [];
  });
  const publishedMetrics = await db.tweetMetrics.where('tweetId').anyOf(ids).toArray();
  return buildReport(topics, sessions, partners, weekOf, settings.dailyGoalMinutes, now, analytics, days, seen, publishedMetrics, { size, visits, ...(roundSince ? { since: roundSince } : {}) }, terms, settings, first ? localDayOf(first.start) : '');
}

/**
 * The imported analytics of the tweets posted in [from, to). A tweet's id dates it: the week's tweets
 * are a range of ids, read without going through years of exports. (Ids are kept as text: where in
 * the week they grew from 18 to 19 digits, in 2018, the week is two ranges of text, one for each
 * length, and a range of text can hold ids of another length, which are left out.)
 */
async function weekAnalytics(db: VeilleDB, from: number, to: number): Promise<TweetMetric[]> {
  const [lo, hi] = [snowflakeAt(from), snowflakeAt(to)];
  const ranges: [string, string][] = lo.length === hi.length ? [[lo, hi]] : [[lo, '9'.repeat(lo.length)], [`1${'0'.repeat(hi.length - 1)}`, hi]];
  // (A range each, read whole: Dexie's inAnyRange steps a cursor through every capture of the
  // week's tweets, seconds for a CM who browses X all week.)
  const rows = (await Promise.all(ranges.map(([a, b]) => db.tweetMetrics.where('tweetId').between(a, b, true, true).toArray()))).flat();
  return rows.filter((m) => m.source === 'analytics' && idAtLeast(m.tweetId, lo) && !idAtLeast(m.tweetId, hi));
}

/** The words of the report, in the user's language (passed in: this module has no browser API). */
export type ReportWords = (key: string, ...subs: (string | number)[]) => string;

/** Text for Markdown: no line breaks, no stray markup characters. */
function md(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1').trim();
}

function topicLine(t: Topic, w: ReportWords): string {
  const title = t.url ? `[${md(t.title)}](${t.url.replace(/[()\s]/g, encodeURIComponent)})` : md(t.title);
  const bits = [
    t.mediaKind && t.mediaKind !== 'none' ? w(`media_${t.mediaKind}`) : '',
    t.sourceHandle ? `@${t.sourceHandle}` : '',
    t.tags.length ? t.tags.map((x) => `#${md(x).replace(/\s+/g, '_')}`).join(' ') : '',
    // (The institution's tweet that published it: an address Veille wrote, x.com/<handle>/status/<id>.)
    t.publishedUrl ? `[${w('report_published')}](${t.publishedUrl})` : '',
  ].filter(Boolean);
  return `- ${title}${bits.length ? ` — ${bits.join(' · ')}` : ''}${t.note ? `\n  ${md(t.note)}` : ''}`;
}

/** The report's section on the institution's accounts as seen on X (see `SeenOnX`). */
function seenLines(s: SeenOnX, w: ReportWords, locale: string): string[] {
  const out = [`## ${w('report_seen')}`, ''];
  if (!s.accounts.length) return [...out, `_${w('report_seen_no_accounts')}_`, ''];
  if (!s.capturing) out.push(`_${w('report_seen_capture_off')}_`, '');
  const nf = new Intl.NumberFormat(locale);
  const handles = (list: readonly string[]) => list.map((h) => `@${h}`).join(', ');
  const top = s.top[0];
  if (top) {
    const line = w(`report_seen_tweets_${pluralOf(locale, s.tweets)}`, handles(s.authors), nf.format(s.tweets), seenFigures(s, SEEN_COUNTS, w, locale, ', '));
    out.push(s.approximate ? `${line} ${w('report_seen_approximate')}` : line, '');
    out.push(w('report_seen_top', `[@${top.authorHandle}, ${dateText(top.postedAt, locale)}](${tweetUrl(top)})`, seenFigures(top, TOP_COUNTS, w, locale, ', ')), '');
  } else out.push(`_${w('report_seen_no_tweets')}_`, '');
  for (const f of s.followers) {
    const change = f.change ? w('report_seen_change', signed(nf, f.change.by), dateText(f.change.since, locale)) : w('report_seen_first_visit');
    out.push(`- ${w('report_seen_followers', `@${f.handle}`, counted(w, locale, 'n_followers', f.followers))} (${change})`);
  }
  // (Linked: a visit to the profile is what gives its followers.)
  const profiles = s.notVisited.map((h) => `[@${h}](https://x.com/${h})`).join(', ');
  if (s.notVisited.length) out.push(`- ${w(`report_seen_not_visited_${pluralOf(locale, s.notVisited.length)}`, profiles)}`);
  if (s.followers.length || s.notVisited.length) out.push('');
  return out;
}

/** The report's last section, on the partners' tweets of the week seen on X (see `PartnersOnX`); none without partners. */
function partnersSeenLines(p: WeekReport['partnersSeen'], capturing: boolean, w: ReportWords, locale: string): string[] {
  if (!p.partners) return [];
  const out = ['', `## ${w('report_partners_seen')}`, ''];
  if (!capturing) out.push(`_${w('report_seen_capture_off')}_`, '');
  if (!p.tweets) return [...out, `_${w('report_partners_seen_none')}_`];
  const nf = new Intl.NumberFormat(locale);
  const line = w(`report_partners_seen_tweets_${pluralOf(locale, p.tweets)}`, nf.format(p.tweets), seenFigures(p, SEEN_COUNTS, w, locale, ', '));
  const by = w(`report_partners_seen_authors_${pluralOf(locale, p.authors.length)}`, nf.format(p.authors.length), nf.format(p.partners));
  out.push(`${line} ${by}${p.approximate ? ` ${w('report_seen_approximate')}` : ''}`, '', w('report_partners_seen_top'), '');
  for (const x of p.top) {
    const who = `[${md(x.name || x.authorHandle)} (@${x.authorHandle}), ${dateText(x.postedAt, locale)}](${tweetUrl(x)})`;
    const board = x.topic ? ` · ${w('report_partners_seen_on_board', w(`status_${x.topic}`))}` : '';
    out.push(`- ${w('report_partners_seen_item', who, w(`cat_${x.category}`), seenFigures(x, TOP_COUNTS, w, locale, ', '))}${board}`);
  }
  return out;
}

/** The report's section on the hashtags and sites seen most that week, each linked to its X search. */
function termLines(terms: readonly WeekTerm[] | null, w: ReportWords, locale: string): string[] {
  const out = [`## ${w('report_terms')}`, ''];
  if (!terms) return [...out, `_${w('report_terms_expired', KEEP_DAYS)}_`, ''];
  if (!terms.length) return [...out, `_${w('report_terms_none')}_`, ''];
  const nf = new Intl.NumberFormat(locale);
  for (const x of terms) out.push(`- ${w('report_terms_item', `[${md(x.term)}](${searchUrl(x.term)})`, nf.format(x.count))}${x.trend ? ` · ${w(`report_terms_${x.trend}`)}` : ''}`);
  if (terms.some((x) => x.trend)) out.push('', `_${w('report_terms_rule')}_`);
  return [...out, ''];
}

/** The report as Markdown, its numbers written as `locale` writes them. */
export function reportMarkdown(r: WeekReport, w: ReportWords, locale = 'en'): string {
  const out: string[] = [`# ${w('report_title', dateText(r.from, locale, 'long'), dateText(r.to - 1, locale, 'long'))}`, ''];
  out.push(`## ${w('report_proposed')} (${r.proposed.length})`, '');
  out.push(...(r.proposed.length ? r.proposed.map((t) => topicLine(t, w)) : [`_${w('report_none')}_`]), '');
  if (r.published.length) {
    out.push(`## ${w('report_published_heading')} (${r.published.length})`, '');
    const nf = new Intl.NumberFormat(locale);
    for (const { topic, seen, impressions } of r.published) {
      const bits = [...(seen ? [seenFigures(seen, TOP_COUNTS, w, locale, ', ')] : []), ...(impressions !== undefined ? [`${nf.format(impressions)} ${w('a_impressions').toLowerCase()}`] : [])];
      out.push(`${topicLine(topic, w)}${bits.length ? `\n  ${w('report_published_figures', bits.join(' · '))}` : ''}`);
    }
    out.push('');
  }
  out.push(`## ${w('report_saved')}`, '');
  for (const s of TOPIC_STATUSES) {
    if (!r.saved[s].length) continue;
    out.push(`### ${w(`status_${s}`)} (${r.saved[s].length})`, '', ...r.saved[s].map((t) => topicLine(t, w)), '');
  }
  if (TOPIC_STATUSES.every((s) => !r.saved[s].length)) out.push(`_${w('report_none')}_`, '');
  out.push(...termLines(r.terms, w, locale));
  out.push(`## ${w('report_impact')}`, '');
  const i = r.impact;
  if (i) {
    const nf = new Intl.NumberFormat(locale);
    const pct = (x: number) => percent(nf, x);
    const top = `[${md(i.top.text ? snippet(i.top.text, 80) : dateText(i.top.postedAt, locale))}](${tweetUrl(i.top)})`;
    out.push(w(`dash_totals_${pluralOf(locale, i.totals.tweets)}`, nf.format(i.totals.tweets), counted(w, locale, 'n_impressions', i.totals.impressions), counted(w, locale, 'n_engagements', i.totals.engagements), pct(i.totals.rate)), '');
    const b = r.impactBefore?.totals;
    if (b) out.push(w('report_impact_before', changeText(nf, b.impressions, i.totals.impressions), changeText(nf, b.engagements, i.totals.engagements), counted(w, locale, 'dash_tweets', b.tweets), counted(w, locale, 'n_impressions', b.impressions)), '');
    out.push(w('report_impact_top', top, counted(w, locale, 'n_impressions', i.top.impressions), pct(i.top.rate)), '');
  } else out.push(`_${w('report_impact_none')}_`, '');
  if (r.accounts.length) {
    const nf = new Intl.NumberFormat(locale);
    out.push(w('report_accounts'), '');
    for (const a of r.accounts) {
      const follows =
        a.unfollows !== undefined ? `, ${w('report_account_follows', nf.format(a.newFollows ?? 0), nf.format(a.unfollows))}` : a.newFollows !== undefined ? `, ${w('report_account_new_follows', nf.format(a.newFollows))}` : '';
      const who = a.account ? `@${a.account}` : w('report_account_unnamed');
      out.push(`- ${w(`report_account_week_${pluralOf(locale, a.days)}`, who, nf.format(a.days), counted(w, locale, 'n_impressions', a.impressions), counted(w, locale, 'n_engagements', a.engagements), percent(nf, a.rate))}${follows}`);
    }
    out.push('');
  }
  out.push(...seenLines(r.seen, w, locale));
  // (With a round, each day's places visited: "4 / 6".)
  const round = r.round;
  out.push(
    `## ${w('report_veille', r.goalMinutes)}`,
    '',
    `| ${w('report_day')} | ${w('report_minutes')} | ${w('report_goal_met')} |${round ? ` ${w('report_round_col')} |` : ''}`,
    `|---|---:|---|${round ? '---:|' : ''}`,
  );
  // (A day still to come has no figure yet: "–", not 0; a day of a few seconds "< 1", as the popup says.)
  const met = (d: WeekReport['days'][number]) => d.ms !== null && d.ms >= r.goalMinutes * MINUTE;
  r.days.forEach((d, i) => {
    const n = round?.visits[i];
    const visited = round ? ` ${n === null ? '–' : round.size ? `${n} / ${round.size}` : n} |` : '';
    const day = dateText(d.day, locale, 'weekday');
    out.push(`| ${d.off ? w(d.off === 'away' ? 'report_day_away' : 'report_day_off', day) : day} | ${d.ms === null ? '–' : wholeMinutes(d.ms)} | ${met(d) ? '✓' : ''} |${visited}`);
  });
  // (The week in one line, for the meeting: its time in all, and its days at the goal out of its
  // days of veille gone by; its days away, if any.)
  const total = r.days.reduce((n, d) => n + (d.ms ?? 0), 0);
  const nf = new Intl.NumberFormat(locale);
  const kept = r.kept.of
    ? w(`report_veille_total_${pluralOf(locale, r.kept.of)}`, hoursMinutes(total), nf.format(r.kept.visited), nf.format(r.kept.of))
    : w(r.days.some((d) => d.ms === null) ? 'report_veille_total_none_yet' : 'report_veille_total_none', hoursMinutes(total));
  out.push('', r.away ? `${kept} ${w(`report_veille_away_${pluralOf(locale, r.away)}`, nf.format(r.away))}` : kept);
  if (round?.size && round.kept.of) out.push('', w('report_round_total', nf.format(round.kept.visited), nf.format(round.kept.of)));
  out.push('', `## ${w('report_partners')}`, '');
  out.push(...(r.partners.length ? r.partners.map((p) => `- ${md(p.name || p.handle)} (@${p.handle}) — ${w('what_of', w(`cat_${p.category}`), counted(w, locale, 'report_partner_topics', p.topics))}`) : [`_${w('report_none')}_`]));
  out.push(...partnersSeenLines(r.partnersSeen, r.seen.capturing, w, locale));
  return `${out.join('\n')}\n`;
}

/**
 * One row per topic of the report, then one per day (with a round, its places visited that day), in
 * the user's words (`w`), as a table for the
 * meeting; every cell escaped for spreadsheets; separated by `delimiter` (see `spreadsheetSeparator`).
 */
export function reportCsv(r: WeekReport, w: ReportWords, delimiter: ',' | ';' = ','): string {
  const rows: string[][] = [];
  const topicRow = (section: string, t: Topic) => [
    section,
    w(`status_${t.status}`),
    t.title,
    t.url ?? '',
    // (The account's address: "@…" would be escaped as a formula, and show its "'".)
    t.sourceHandle ? `https://x.com/${t.sourceHandle}` : '',
    w(`media_${t.mediaKind ?? 'none'}`),
    t.tags.join(';'),
    t.note,
    localDayOf(t.createdAt),
    '',
  ];
  for (const t of r.proposed) rows.push(topicRow(w('report_proposed'), t));
  for (const s of TOPIC_STATUSES) for (const t of r.saved[s]) rows.push(topicRow(w('report_saved'), t));
  // (The week's terms: new or rising in the status's column, how often seen in the note's.)
  for (const x of r.terms ?? []) rows.push([w('report_terms'), x.trend ? w(`report_terms_${x.trend}`) : '', x.term, searchUrl(x.term), '', '', '', w('report_terms_count', x.count), '', '']);
  const veille = w('report_col_veille');
  r.days.forEach((d, i) => {
    const row = [veille, '', '', '', '', '', '', '', d.day, d.ms === null ? '' : String(Math.floor(d.ms / MINUTE))];
    // (With a round, each day's places visited, as a number.)
    const visited = r.round?.visits[i];
    rows.push(r.round ? [...row, visited === null || visited === undefined ? '' : String(visited)] : row);
  });
  const columns = ['section', 'status', 'title', 'url', 'source', 'media', 'tags', 'note'].map((c) => w(`report_col_${c}`));
  const header = [...columns, w('report_day'), w('report_minutes'), ...(r.round ? [w('report_round_col')] : [])];
  return toCsv(header, r.round ? rows.map((row) => (row.length < header.length ? [...row, ''] : row)) : rows, delimiter);
}
