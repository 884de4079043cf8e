/**
 * X/Twitter Analytics exports, recognised from their header (no need to say which kind a file is):
 * - the legacy analytics.twitter.com per-tweet export, English or French headers;
 * - the legacy per-day export;
 * - the X Premium content export, current ("Post Link", "Shares") and early ("Link", "Share");
 * - the X Premium account overview (one row per day);
 * - the account archive's tweets.js (window.YTD.tweets.part0, or tweet.js / window.YTD.tweet.part0).
 *
 * Tweet ids stay strings, exactly; a file whose ids a spreadsheet turned into 1.47689E+18 is refused.
 */
import Papa from 'papaparse';
import { readCsvFile } from './csv';
import { postedAtOf } from './x/tweet-id';
import { errorDetail, errorText } from './errors';
import { localDayOf } from './time';
import { z } from 'zod';
import { fold } from './partners';
import { HANDLE_RE } from './handle';
import { TWEET_TEXT_MAX, type DayFigures, type TweetMetric } from './schemas';
import { fileEncoding, notTextKey, readTextFile, type TextEncoding } from './text-file';

export type AnalyticsFormat = 'legacy-tweets' | 'legacy-daily' | 'premium-content' | 'premium-content-early' | 'premium-overview' | 'archive';

export interface ImportError {
  /** Row as a spreadsheet shows it (the header is row 1); 0 for the whole file. */
  row: number;
  column: string;
  /** An i18n message key. */
  message: string;
  value?: string;
}

export interface ParsedExport {
  format: AnalyticsFormat;
  language: 'en' | 'fr' | null;
  tweets: TweetMetric[];
  days: DayFigures[];
  /** Whose days these are, where the file's name says it (see `accountOfFileName`). */
  account?: string;
  errors: ImportError[];
  /** First and last day covered, YYYY-MM-DD, as the dashboard places the records (`periodOf`). */
  period: { from: string; to: string } | null;
  /** Data rows read. */
  rows: number;
  /** How the file was read, where it was read from a file (see `fileEncoding`). */
  encoding?: TextEncoding;
}

export class ExportRefused extends Error {
  constructor(
    readonly key: string,
    readonly detail = '',
    /** Why a record named in `detail` was refused, as a message key (see `issueReason`). */
    readonly why?: string,
  ) {
    super(key);
  }
}

type Field =
  | 'id' | 'permalink' | 'text' | 'time' | 'impressions' | 'engagements' | 'engagementRate' | 'reposts' | 'replies' | 'likes'
  | 'profileClicks' | 'urlClicks' | 'detailExpands' | 'bookmarks' | 'newFollows' | 'unfollows' | 'posts' | 'videoViews' | 'mediaViews';

/** Header names, folded (lower case, no accents, straight apostrophes, trimmed). */
const ALIASES: Record<Field, string[]> = {
  id: ['tweet id', 'identifiant du tweet', 'post id', 'ツイートid', 'ポストid'],
  permalink: ['tweet permalink', 'permalien du tweet', 'post link', 'link'],
  text: ['tweet text', 'texte du tweet', 'post text'],
  time: ['time', 'heure', 'date'],
  impressions: ['impressions'],
  engagements: ['engagements'],
  engagementRate: ['engagement rate', "taux d'engagement"],
  reposts: ['retweets', 'reposts'],
  replies: ['replies', 'reponses'],
  likes: ['likes', "j'aime"],
  profileClicks: ['user profile clicks', "clics sur le profil de l'utilisateur", 'profile visits'],
  urlClicks: ['url clicks', "clics sur l'url"],
  detailExpands: ['detail expands', 'ouvertures des details'],
  bookmarks: ['bookmarks'],
  newFollows: ['new follows', 'follows', 'abonnements'],
  unfollows: ['unfollows'],
  posts: ['tweets published', 'tweets publies', 'create post'],
  videoViews: ['video views'],
  mediaViews: ['media views', 'vues du media'],
};

const norm = (h: string) => fold(h).replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();

const SCIENTIFIC = /^\d(?:[.,]\d+)?e\+?\d+$/i;
/** A tweet's address in an export: its author and its id. */
const PERMALINK = /^https?:\/\/(?:mobile\.)?(?:x|twitter)\.com\/([A-Za-z0-9_]{1,15})\/status\/(\d{1,25})/;
/** A spreadsheet keeps 15 significant digits: a longer id it took for a number is rounded there, zeros after. */
const SPREADSHEET_DIGITS = 15;
/** Does a long id end in zeros past its 15th digit, as a spreadsheet leaves one it rounded? */
const looksRounded = (id: string) => id.length > SPREADSHEET_DIGITS && /^0+$/.test(id.slice(SPREADSHEET_DIGITS));
/** Could `id` be `whole` rounded by a spreadsheet (rounded-looking, off by less than the zeros' span)? */
function roundedFrom(id: string, whole: string): boolean {
  if (id.length !== whole.length || !looksRounded(id)) return false;
  const off = BigInt(id) - BigInt(whole);
  const span = 10n ** BigInt(id.length - SPREADSHEET_DIGITS);
  return off < span && -off < span;
}
const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };
/** The French months, folded, as far as X's abbreviations keep them apart ("janv.", "févr.", "juil."). */
const MOIS = ['janv', 'fevr', 'mars', 'avr', 'mai', 'juin', 'juil', 'aout', 'sept', 'oct', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');
const dayOfUtc = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/**
 * The days an export's records fall on, as the dashboard shows them: a tweet on the CM's day of its
 * posting (a tweet posted at 23:30 UTC is on the next day in Paris), an account's day on the date the
 * export writes. Null when it has none.
 */
function periodOf({ tweets, days }: ParsedExport): ParsedExport['period'] {
  let from = '';
  let to = '';
  const see = (day: string) => {
    if (!from || day < from) from = day;
    if (day > to) to = day;
  };
  tweets.forEach((t) => see(localDayOf(t.postedAt ?? t.capturedAt)));
  days.forEach((d) => see(d.day));
  return from ? { from, to } : null;
}

/** No tweet was posted before 2006, when Twitter began: an export's date before it is a damaged one. */
const FIRST_YEAR = 2006;

/**
 * A date as the exports write it, as a UTC timestamp: "2019-01-31 23:32 +0000", "2021-08-01",
 * "Sat, Aug 15, 2026", "Mon Feb 17 2025", "Thu Nov 03 08:50:26 +0000 2022". Null when it is none,
 * or before X was (see FIRST_YEAR).
 */
export function parseExportDate(raw: string): number | null {
  const t = readExportDate(raw);
  return t !== null && new Date(t).getUTCFullYear() >= FIRST_YEAR ? t : null;
}

function readExportDate(raw: string): number | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2}):?(\d{2})|Z)?)?$/.exec(s);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', se = '0', sign, oh = '0', om = '0'] = m;
    // No rollover: 2026-02-30 is not a date.
    if (new Date(Date.UTC(+y!, +mo! - 1, +d!)).getUTCDate() !== +d! || +mo! > 12 || +h > 23 || +mi > 59) return null;
    const off = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
    return Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +se) - off * 60_000;
  }
  m = /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?([A-Za-z]{3})\s+(\d{1,2}),?\s+(?:(\d{2}):(\d{2}):(\d{2})\s+\+0000\s+)?(\d{4})$/.exec(s);
  if (m) {
    const mo = MONTHS[m[1]!.toLowerCase()];
    if (mo === undefined) return null;
    const t = Date.UTC(+m[6]!, mo, +m[2]!, +(m[3] ?? 0), +(m[4] ?? 0), +(m[5] ?? 0));
    return new Date(t).getUTCMonth() === mo ? t : null;
  }
  // The day first, the month in words, as X writes dates in French ("sam. 15 août 2026",
  // "15 août 2026") and in British English ("Sat, 15 Aug 2026").
  m = /^(?:\p{L}{2,9}\.?,?\s+)?(\d{1,2})\s+(\p{L}{3,9})\.?,?\s+(\d{4})$/u.exec(s);
  if (m) {
    const word = fold(m[2]!);
    const mo = MONTHS[word.slice(0, 3)] ?? MOIS.findIndex((mois) => mois.startsWith(word) || word.startsWith(mois));
    if (mo === undefined || mo < 0) return null;
    const t = Date.UTC(+m[3]!, mo, +m[1]!);
    return new Date(t).getUTCMonth() === mo ? t : null;
  }
  return null;
}

/**
 * What a comma in a number is, by the file's separator: a decimal comma where it is ";" (French
 * Excel), a thousands' one where it is ",", and where it is a tab (Excel's "Unicode text", in
 * either language) a decimal comma only where it cannot be a thousands' one ("0,0155", "1,5"; not
 * "3,423").
 */
type Comma = 'decimal' | 'thousands' | 'unsure';

/**
 * A count or a rate as the exports write it: "3423.0", "12", "0.0155"; or as a spreadsheet saved the
 * file again: "0,0155" and "3 423" with a decimal comma, "3,423" with a thousands' one (see `Comma`).
 * Null when it is none; "-" and "" are absent.
 */
function parseNumber(raw: string, comma: Comma): number | null | undefined {
  let s = raw.trim();
  if (s === '' || s === '-') return undefined;
  if (comma === 'thousands') {
    if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  } else if (/^\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?$|^\d+,\d+$/.test(s) && (comma === 'decimal' || !/^[1-9]\d{0,2},\d{3}$/.test(s))) {
    s = s.replace(/[ \u00a0\u202f]/g, '').replace(',', '.');
  }
  if (!/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * A date as a spreadsheet writes it when it saves an export again ("01/08/2021" in French,
 * "8/1/2021 17:05" in American English): day and month, in an order the file as a whole tells.
 */
const SPREADSHEET_DATE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * X writes a tweet's text in its exports with "&", "<" and ">" as HTML entities ("R &amp; D"):
 * read back in one pass ("&amp;lt;" is "&lt;", as typed).
 */
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescapeText = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

const HOUR_MS = 3_600_000;
/** The start (00:00 UTC) of the day holding `t`. */
const dayStartUtc = (t: number) => t - (((t % 86_400_000) + 86_400_000) % 86_400_000);
/**
 * When a tweet of the day `day` (midnight UTC of a date written without its time, as the X Premium
 * exports write "Sat, Aug 15, 2026") was posted: its id says so to the millisecond, when it is a
 * snowflake that falls on that day somewhere on Earth (UTC−12 to UTC+14); otherwise the day.
 */
function postedOn(tweetId: string, day: number): number {
  const exact = postedAtOf(tweetId);
  return exact !== undefined && exact >= day - 14 * HOUR_MS && exact < day + 36 * HOUR_MS ? exact : day;
}

const MENTION = /(?:^|[^\w@])@([A-Za-z0-9_]{1,15})\b/g;
export const mentionsOf = (text: string) => [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!.toLowerCase()))];

function detect(header: string[]): { format: AnalyticsFormat; language: 'en' | 'fr' | null } | null {
  const h = new Set(header.map(norm));
  if (h.has('identifiant du tweet')) return { format: 'legacy-tweets', language: 'fr' };
  if (h.has('tweet id')) return { format: 'legacy-tweets', language: 'en' };
  if (h.has('post id') && h.has('post link')) return { format: 'premium-content', language: 'en' };
  if (h.has('post id') && h.has('link')) return { format: 'premium-content-early', language: 'en' };
  if (h.has('date') && h.has('tweets published')) return { format: 'legacy-daily', language: 'en' };
  // The per-day export in French: "Tweets publiés", and the per-tweet export's French words.
  if (h.has('date') && (h.has('tweets publies') || h.has("taux d'engagement"))) return { format: 'legacy-daily', language: 'fr' };
  if (h.has('date') && (h.has('create post') || h.has('unfollows'))) return { format: 'premium-overview', language: 'en' };
  return null;
}

/**
 * X Premium's exports in another language than English have their headers in that language (in
 * Japanese, "ポストID"…) and their columns in the same order: a file of the content export's
 * 17 columns, or of the overview's 14, whose headers Veille does not know is read by that order.
 * Every row must then show it is what it seems: a content row's id is that of the tweet its link
 * names, an overview row's first cell is a date; a file without one such row is not an export.
 */
const BY_ORDER: { format: 'premium-content' | 'premium-overview'; columns: (Field | null)[] }[] = [
  {
    format: 'premium-content',
    // Post id, Date, Post text, Post Link, Impressions, Likes, Engagements, Bookmarks, Shares, New
    // follows, Replies, Reposts, Profile visits, Detail Expands, URL Clicks, Hashtag Clicks, Permalink Clicks
    columns: ['id', 'time', 'text', 'permalink', 'impressions', 'likes', 'engagements', 'bookmarks', null, 'newFollows', 'replies', 'reposts', 'profileClicks', 'detailExpands', 'urlClicks', null, null],
  },
  {
    format: 'premium-overview',
    // Date, Impressions, Likes, Engagements, Bookmarks, Shares, New follows, Unfollows, Replies,
    // Reposts, Profile visits, Create Post, Video views, Media views
    columns: ['time', 'impressions', 'likes', 'engagements', 'bookmarks', null, 'newFollows', 'unfollows', 'replies', 'reposts', 'profileClicks', 'posts', 'videoViews', 'mediaViews'],
  },
];
/** Headers that say a file is in French. */
const FRENCH_WORDS = new Set(["j'aime", 'reponses', 'signets', 'partages', 'date de publication']);

const REQUIRED: Record<Exclude<AnalyticsFormat, 'archive'>, Field[]> = {
  'legacy-tweets': ['id', 'time', 'impressions', 'engagements'],
  'premium-content': ['id', 'time', 'impressions', 'engagements'],
  'premium-content-early': ['id', 'time', 'impressions', 'engagements'],
  'legacy-daily': ['time', 'impressions', 'engagements'],
  'premium-overview': ['time', 'impressions', 'engagements'],
};

const TWEET_COUNTS: Field[] = ['impressions', 'engagements', 'engagementRate', 'reposts', 'replies', 'likes', 'profileClicks', 'urlClicks', 'detailExpands', 'bookmarks', 'mediaViews'];
const DAY_COUNTS: Field[] = ['impressions', 'engagements', 'engagementRate', 'likes', 'reposts', 'replies', 'profileClicks', 'urlClicks', 'newFollows', 'unfollows', 'posts', 'videoViews', 'mediaViews'];

/**
 * Reads the rows of one CSV export, one at a time (so that a large file can be read in chunks).
 * `delimiter`: the file's separator, which says what a comma in a number is (see `Comma`) and,
 * where a spreadsheet rewrote the dates, which comes first, day or month (see `dateRewritten`).
 */
export function rowReader(header: string[], delimiter = ',') {
  const named = detect(header);
  const order = named ? null : BY_ORDER.find((o) => o.columns.length === header.length && header.every((h) => /\p{L}/u.test(h)));
  const unknown = () => new ExportRefused('err_analytics_unknown', header.slice(0, 6).join(', '));
  const found = named ?? (order ? { format: order.format, language: header.some((h) => FRENCH_WORDS.has(norm(h))) ? ('fr' as const) : null } : null);
  if (!found) throw unknown();
  const col = new Map<Field, number>();
  if (order) order.columns.forEach((field, i) => field && col.set(field, i));
  else
    header.forEach((name, i) => {
      const key = norm(name);
      for (const [field, names] of Object.entries(ALIASES) as [Field, string[]][]) {
        if (!col.has(field) && names.includes(key)) col.set(field, i);
      }
    });
  const missing = REQUIRED[found.format as Exclude<AnalyticsFormat, 'archive'>].filter((f) => !col.has(f));
  if (missing.length) throw new ExportRefused('err_analytics_missing_columns', missing.join(', '));
  const perTweet = found.format.endsWith('tweets') || found.format.startsWith('premium-content');
  const result: ParsedExport = { ...found, tweets: [], days: [], errors: [], period: null, rows: 0 };
  const name = (f: Field) => header[col.get(f)!]!;
  const comma: Comma = delimiter === ';' ? 'decimal' : delimiter === ',' ? 'thousands' : 'unsure';
  /**
   * The rows whose date a spreadsheet rewrote ("01/08/2021"): dated once the whole file tells
   * which of its numbers is the day (see `dateRewritten`).
   */
  const rewritten: { row: number; raw: string; parts: RegExpExecArray; record: TweetMetric | DayFigures }[] = [];
  let firstMax = 0;
  let secondMax = 0;
  /**
   * The ids without a link to check them by: how many, and the first of them if every one ends in
   * zeros past its 15th digit (false once one does not).
   */
  let unlinked = 0;
  let roundedUnlinked: string | false | undefined;

  function add(cells: string[], row: number): void {
    result.rows++;
    const cell = (f: Field) => (col.has(f) ? (cells[col.get(f)!] ?? '') : '');
    const errors: ImportError[] = [];
    // (Read by the columns' order, a content row's date may be in a language Veille does not read:
    // its tweet's id dates it, to the millisecond.)
    const idTime = order && perTweet && parseExportDate(cell('time')) === null ? postedAtOf(cell('id').trim()) : undefined;
    const time = idTime !== undefined ? dayStartUtc(idTime) : parseExportDate(cell('time'));
    const parts = time === null ? SPREADSHEET_DATE.exec(cell('time').trim()) : null;
    if (time === null && !parts) errors.push({ row, column: name('time'), message: 'err_analytics_date', value: cell('time') });
    const numbers: Partial<Record<Field, number>> = {};
    for (const f of perTweet ? TWEET_COUNTS : DAY_COUNTS) {
      if (!col.has(f)) continue;
      const v = parseNumber(cell(f), comma);
      if (v === null) errors.push({ row, column: name(f), message: 'err_analytics_number', value: cell(f) });
      else if (v !== undefined) numbers[f] = v;
    }
    let id = '';
    const link = perTweet ? PERMALINK.exec(cell('permalink').trim()) : null;
    if (perTweet) {
      id = cell('id').trim();
      if (SCIENTIFIC.test(id)) throw new ExportRefused('err_analytics_scientific_ids', id);
      if (!/^\d{1,25}$/.test(id)) errors.push({ row, column: name('id'), message: 'err_analytics_id', value: id });
      // The row's link keeps the id whole, as text: a spreadsheet that took the ids for numbers
      // rounded them past 15 digits (1476890123456790000), and they name other tweets. Where the
      // link names another tweet for any other reason, the row is wrong.
      else if (link && link[2] !== id) {
        if (roundedFrom(id, link[2]!)) throw new ExportRefused('err_analytics_rounded_ids', id);
        errors.push({ row, column: name('id'), message: 'err_analytics_id_link', value: id });
      } else if (!link && order) {
        errors.push({ row, column: name('permalink'), message: 'err_analytics_link', value: cell('permalink') });
      } else if (!link) {
        unlinked++;
        if (looksRounded(id)) roundedUnlinked ??= id;
        else roundedUnlinked = false;
      }
    }
    if (errors.length) {
      result.errors.push(...errors);
      return;
    }
    if (numbers.engagementRate === undefined && numbers.impressions) numbers.engagementRate = (numbers.engagements ?? 0) / numbers.impressions;
    if (perTweet) {
      const text = unescapeText(cell('text'));
      const author = link?.[1];
      // (A date without its time: the tweet's id dates it. The snapshot keeps the day, its key in the store.)
      const posted = time !== null && !/\d:\d\d/.test(cell('time')) ? postedOn(id, time) : (time ?? 0);
      const metric: TweetMetric = { tweetId: id, capturedAt: time ?? 0, postedAt: posted, source: 'analytics' };
      for (const f of TWEET_COUNTS) if (numbers[f] !== undefined) (metric as unknown as Record<string, number>)[f] = numbers[f]!;
      if (author) metric.authorHandle = author.toLowerCase();
      const mentions = mentionsOf(text);
      if (mentions.length) metric.mentions = mentions;
      const said = text.trim();
      if (said) metric.text = said.slice(0, TWEET_TEXT_MAX);
      result.tweets.push(metric);
      if (parts) rewrite(row, cell('time'), parts, metric);
    } else {
      const day: DayFigures = { day: time === null ? '' : dayOfUtc(time) };
      for (const f of DAY_COUNTS) if (numbers[f] !== undefined) (day as unknown as Record<string, number>)[f] = numbers[f]!;
      result.days.push(day);
      if (parts) rewrite(row, cell('time'), parts, day);
    }
  }

  function rewrite(row: number, raw: string, parts: RegExpExecArray, record: TweetMetric | DayFigures): void {
    rewritten.push({ row, raw, parts, record });
    firstMax = Math.max(firstMax, Number(parts[1]));
    secondMax = Math.max(secondMax, Number(parts[2]));
  }

  /**
   * Date the rows whose date a spreadsheet rewrote. A first number above 12 somewhere says the
   * day comes first, a second one above 12 that the month does; where none is, the file's
   * separator tells: ";" is how a European spreadsheet writes, and it puts the day first.
   * A file that says both, or where nothing tells, is refused: a wrong date is never stored.
   */
  function dateRewritten(): void {
    const dayFirst = firstMax > 12 && secondMax > 12 ? null : firstMax > 12 ? true : secondMax > 12 ? false : comma === 'decimal' ? true : null;
    if (dayFirst === null) throw new ExportRefused('err_analytics_date_order', rewritten[0]!.raw);
    const wrong = new Set<TweetMetric | DayFigures>();
    for (const { row, raw, parts, record } of rewritten) {
      const [day, month] = dayFirst ? [+parts[1]!, +parts[2]!] : [+parts[2]!, +parts[1]!];
      const y = +parts[3]!;
      const [h, mi, se] = [+(parts[4] ?? 0), +(parts[5] ?? 0), +(parts[6] ?? 0)];
      const t = Date.UTC(y, month - 1, day, h, mi, se);
      // No rollover: 30/02/2021 is not a date.
      if (month < 1 || month > 12 || new Date(t).getUTCDate() !== day || h > 23 || mi > 59 || se > 59 || y < FIRST_YEAR) {
        result.errors.push({ row, column: name('time'), message: 'err_analytics_date', value: raw });
        wrong.add(record);
        continue;
      }
      if ('tweetId' in record) {
        record.capturedAt = t;
        record.postedAt = parts[4] === undefined ? postedOn(record.tweetId, t) : t;
      }
      else record.day = dayOfUtc(t);
    }
    if (wrong.size) {
      result.tweets = result.tweets.filter((r) => !wrong.has(r));
      result.days = result.days.filter((r) => !wrong.has(r));
      result.errors.sort((a, b) => a.row - b.row);
    }
  }

  return {
    add,
    finish(): ParsedExport {
      // Without links, two ids or more that all end in zeros past their 15th digit were rounded by
      // a spreadsheet (one id in ten thousand ends so by chance).
      if (unlinked > 1 && roundedUnlinked) throw new ExportRefused('err_analytics_rounded_ids', roundedUnlinked);
      // Its header alone: an export of a period without posts says so, rather than "added 0".
      if (!result.rows) throw new ExportRefused('err_analytics_no_rows');
      // Read by its columns' order, a file none of whose rows is what it should be is no export.
      if (order && !result.tweets.length && !result.days.length) throw unknown();
      if (rewritten.length) dateRewritten();
      result.period = periodOf(result);
      return result;
    },
  };
}

/** Parse a whole CSV export held in memory (tests, small files). */
export function parseCsvExport(text: string): ParsedExport {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { data, meta } = Papa.parse<string[]>(clean, { skipEmptyLines: 'greedy' });
  const [header, ...rows] = data;
  if (!header) throw new ExportRefused('err_analytics_empty');
  const reader = rowReader(header, meta.delimiter);
  rows.forEach((cells, i) => reader.add(cells, i + 2));
  return reader.finish();
}

const archiveTweet = z.object({
  tweet: z.object({
    id_str: z.string().regex(/^\d{1,25}$/),
    created_at: z.string(),
    full_text: z.string().default(''),
    favorite_count: z.coerce.number().int().nonnegative(),
    retweet_count: z.coerce.number().int().nonnegative(),
    entities: z.object({ user_mentions: z.array(z.object({ screen_name: z.string() })).default([]) }).partial().default({}),
  }),
});

/** How the archive writes a repost of another account's tweet. */
const RETWEET = /^RT @[A-Za-z0-9_]{1,15}:/;

/**
 * The account archive's tweets.js: likes and retweets of the account's own tweets, as of the day the
 * archive was made, which the file does not say: `asOf`, the file's date (a file taken out of the
 * archive's zip keeps the archive's), dates them, no earlier than just after the tweet. Without it,
 * they are dated just after the tweet, and a tweet's strip shows them only where nothing was
 * captured of it (see `tweetData`).
 */
export function parseArchive(text: string, asOf?: number): ParsedExport {
  const m = /^\s*window\.YTD\.tweets?\.part\d+\s*=\s*/.exec(text);
  if (!m) throw new ExportRefused('err_analytics_unknown', text.slice(0, 40));
  let list: unknown;
  try {
    list = JSON.parse(text.slice(m[0].length));
  } catch (e) {
    throw new ExportRefused('err_archive_json', errorText(e));
  }
  if (!Array.isArray(list)) throw new ExportRefused('err_archive_json', 'not a list');
  if (!list.length) throw new ExportRefused('err_archive_no_tweets');
  const result: ParsedExport = { format: 'archive', language: null, tweets: [], days: [], errors: [], period: null, rows: list.length };
  list.forEach((entry, i) => {
    const p = archiveTweet.safeParse(entry);
    const posted = p.success ? parseExportDate(p.data.tweet.created_at) : null;
    if (!p.success || posted === null) {
      const issue = p.success ? null : p.error.issues[0]!;
      // (The field of the tweet that is wrong; an entry with no tweet in it, or no object at all, names the tweet it lacks.)
      const field = issue ? issue.path.slice(1).join('.') || 'tweet' : 'created_at';
      result.errors.push({ row: i + 1, column: field, message: issue ? 'err_archive_entry' : 'err_analytics_date' });
      return;
    }
    const t = p.data.tweet;
    // A repost of another's tweet ("RT @…: …") is no tweet of the account's: the archive gives it an
    // id of its own, no likes and the original's reposts. Left out, as X's analytics leave it out.
    if (RETWEET.test(t.full_text)) return;
    // (A name that is no handle, as a damaged file may hold, is no mention.)
    const named = (t.entities.user_mentions ?? []).map((u) => u.screen_name).filter((h) => HANDLE_RE.test(h));
    const mentions = [...new Set([...named.map((h) => h.toLowerCase()), ...mentionsOf(t.full_text)])];
    // At least one millisecond after the tweet: an archive snapshot never takes the place of
    // imported analytics (dated at the tweet).
    result.tweets.push({
      tweetId: t.id_str,
      capturedAt: Math.max(posted + 1, asOf ?? 0),
      postedAt: posted,
      source: 'archive',
      likes: t.favorite_count,
      reposts: t.retweet_count,
      ...(mentions.length ? { mentions } : {}),
    });
  });
  result.period = periodOf(result);
  return result;
}

/** Any export, from its name and text. */
export function parseExport(name: string, text: string): ParsedExport {
  return /\.js$/i.test(name) || /^\s*window\.YTD\./.test(text) ? parseArchive(text) : parseCsvExport(text);
}

/**
 * Read an export file as it streams in, so that a 50,000-row export never freezes the page: its
 * encoding is found first (UTF-8, or what a spreadsheet saved it in: see `fileEncoding`), then it
 * is read a slice at a time (`readCsvFile`); `onProgress` gets the share done, and `signal` cancels
 * between slices.
 */
export async function readExportFile(file: File, onProgress: (done: number) => void, signal: AbortSignal): Promise<ParsedExport> {
  let reader: ReturnType<typeof rowReader> | null = null;
  let row = 1;
  let encoding: TextEncoding = 'utf-8';
  try {
    if (/\.js$/i.test(file.name)) {
      const { text, encoding } = await readTextFile(file);
      return { ...parseArchive(text, file.lastModified || undefined), encoding };
    }
    encoding = await fileEncoding(file);
    await readCsvFile(
      file,
      encoding,
      (rows, delimiter, done) => {
        for (const cells of rows) {
          if (reader) reader.add(cells, ++row);
          else reader = rowReader(cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c)), delimiter);
        }
        onProgress(done);
      },
      signal,
    );
  } catch (e) {
    if (e instanceof ExportRefused || (e instanceof DOMException && e.name === 'AbortError')) throw e;
    const notText = notTextKey(e);
    if (notText) throw new ExportRefused(notText);
    throw new ExportRefused('err_file_unreadable', errorDetail(e));
  }
  if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
  // (TypeScript does not see the callback set it.)
  const read = reader as ReturnType<typeof rowReader> | null;
  if (!read) throw new ExportRefused('err_analytics_empty');
  const account = accountOfFileName(file.name);
  return { ...read.finish(), encoding, ...(account ? { account } : {}) };
}

/**
 * The account a per-day export's file name names, as Veille stores handles, or null:
 * analytics.twitter.com's "daily_tweet_activity_metrics_LisaDeBruine_20210801_20210901_en.csv", or
 * an account overview saved as "kaiadevintern_account_overview_analytics.csv".
 */
export function accountOfFileName(name: string): string | null {
  const m =
    /^daily_tweet_activity_metrics_([A-Za-z0-9_]{1,15})_\d{8}_\d{8}_[a-z]{2}\b/.exec(name) ??
    /^([A-Za-z0-9_]{1,15}?)_account_overview_analytics\b/.exec(name);
  return m ? m[1]!.toLowerCase() : null;
}
