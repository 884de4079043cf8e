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
import { errorText } from './errors';
import { z } from 'zod';
import { fold } from './partners';
import { TWEET_TEXT_MAX, type AccountDay, type TweetMetric } from './schemas';

export type AnalyticsFormat = 'legacy-tweets' | 'legacy-daily' | 'premium-content' | 'premium-content-early' | 'premium-overview' | 'archive';

export type { AccountDay } from './schemas';

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
  days: AccountDay[];
  errors: ImportError[];
  /** First and last day covered, YYYY-MM-DD. */
  period: { from: string; to: string } | null;
  /** Data rows read. */
  rows: number;
}

export class ExportRefused extends Error {
  constructor(
    readonly key: string,
    readonly detail = '',
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
  posts: ['tweets published', 'create post'],
  videoViews: ['video views'],
  mediaViews: ['media views', 'vues du media'],
};

const norm = (h: string) => fold(h).replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();

const SCIENTIFIC = /^\d(?:[.,]\d+)?e\+?\d+$/i;
const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };
const pad = (n: number) => String(n).padStart(2, '0');
const dayOfUtc = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/**
 * A date as the exports write it, as a UTC timestamp: "2019-01-31 23:32 +0000", "2021-08-01",
 * "Sat, Aug 15, 2026", "Mon Feb 17 2025", "Thu Nov 03 08:50:26 +0000 2022". Null when it is none.
 */
export function parseExportDate(raw: string): number | null {
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
  return null;
}

/** A count or a rate as the exports write it: "3423.0", "12", "0.0155". Null when it is none; "-" and "" are absent. */
function parseNumber(raw: string): number | null | undefined {
  const s = raw.trim();
  if (s === '' || s === '-') return undefined;
  if (!/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : null;
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
  if (h.has('date') && (h.has('create post') || h.has('unfollows'))) return { format: 'premium-overview', language: 'en' };
  return null;
}

const REQUIRED: Record<Exclude<AnalyticsFormat, 'archive'>, Field[]> = {
  'legacy-tweets': ['id', 'time', 'impressions', 'engagements'],
  'premium-content': ['id', 'time', 'impressions', 'engagements'],
  'premium-content-early': ['id', 'time', 'impressions', 'engagements'],
  'legacy-daily': ['time', 'impressions', 'engagements'],
  'premium-overview': ['time', 'impressions', 'engagements'],
};

const TWEET_COUNTS: Field[] = ['impressions', 'engagements', 'engagementRate', 'reposts', 'replies', 'likes', 'profileClicks', 'urlClicks', 'detailExpands', 'bookmarks', 'mediaViews'];
const DAY_COUNTS: Field[] = ['impressions', 'engagements', 'engagementRate', 'likes', 'reposts', 'replies', 'profileClicks', 'urlClicks', 'newFollows', 'unfollows', 'posts', 'videoViews', 'mediaViews'];

/** Reads the rows of one CSV export, one at a time (so that a large file can be read in chunks). */
export function rowReader(header: string[]) {
  const found = detect(header);
  if (!found) throw new ExportRefused('err_analytics_unknown', header.slice(0, 6).join(', '));
  const col = new Map<Field, number>();
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
  let from = Infinity;
  let to = -Infinity;

  function add(cells: string[], row: number): void {
    result.rows++;
    const cell = (f: Field) => (col.has(f) ? (cells[col.get(f)!] ?? '') : '');
    const errors: ImportError[] = [];
    const time = parseExportDate(cell('time'));
    if (time === null) errors.push({ row, column: name('time'), message: 'err_analytics_date', value: cell('time') });
    const numbers: Partial<Record<Field, number>> = {};
    for (const f of perTweet ? TWEET_COUNTS : DAY_COUNTS) {
      if (!col.has(f)) continue;
      const v = parseNumber(cell(f));
      if (v === null) errors.push({ row, column: name(f), message: 'err_analytics_number', value: cell(f) });
      else if (v !== undefined) numbers[f] = v;
    }
    let id = '';
    if (perTweet) {
      id = cell('id').trim();
      if (SCIENTIFIC.test(id)) throw new ExportRefused('err_analytics_scientific_ids', id);
      if (!/^\d{1,25}$/.test(id)) errors.push({ row, column: name('id'), message: 'err_analytics_id', value: id });
    }
    if (errors.length) {
      result.errors.push(...errors);
      return;
    }
    from = Math.min(from, time!);
    to = Math.max(to, time!);
    if (numbers.engagementRate === undefined && numbers.impressions) numbers.engagementRate = (numbers.engagements ?? 0) / numbers.impressions;
    if (perTweet) {
      const text = cell('text');
      const author = /^https?:\/\/(?:mobile\.)?(?:x|twitter)\.com\/([A-Za-z0-9_]{1,15})\/status\//.exec(cell('permalink'))?.[1];
      const metric: TweetMetric = { tweetId: id, capturedAt: time!, postedAt: time!, source: 'analytics' };
      for (const f of TWEET_COUNTS) if (numbers[f] !== undefined) (metric as unknown as Record<string, number>)[f] = numbers[f]!;
      if (author) metric.authorHandle = author.toLowerCase();
      const mentions = mentionsOf(text);
      if (mentions.length) metric.mentions = mentions;
      const said = text.trim();
      if (said) metric.text = said.slice(0, TWEET_TEXT_MAX);
      result.tweets.push(metric);
    } else {
      const day: AccountDay = { day: dayOfUtc(time!) };
      for (const f of DAY_COUNTS) if (numbers[f] !== undefined) (day as unknown as Record<string, number>)[f] = numbers[f]!;
      result.days.push(day);
    }
  }

  return {
    add,
    finish(): ParsedExport {
      result.period = from <= to ? { from: dayOfUtc(from), to: dayOfUtc(to) } : null;
      return result;
    },
  };
}

/** Parse a whole CSV export held in memory (tests, small files). */
export function parseCsvExport(text: string): ParsedExport {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { data } = Papa.parse<string[]>(clean, { skipEmptyLines: 'greedy' });
  const [header, ...rows] = data;
  if (!header) throw new ExportRefused('err_file_empty');
  const reader = rowReader(header);
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

/** The account archive's tweets.js: likes and retweets of the account's own tweets. */
export function parseArchive(text: string): ParsedExport {
  const m = /^\s*window\.YTD\.tweets?\.part\d+\s*=\s*/.exec(text);
  if (!m) throw new ExportRefused('err_analytics_unknown', text.slice(0, 40));
  let list: unknown;
  try {
    list = JSON.parse(text.slice(m[0].length));
  } catch (e) {
    throw new ExportRefused('err_archive_json', errorText(e));
  }
  if (!Array.isArray(list)) throw new ExportRefused('err_archive_json', 'not a list');
  const result: ParsedExport = { format: 'archive', language: null, tweets: [], days: [], errors: [], period: null, rows: list.length };
  let from = Infinity;
  let to = -Infinity;
  list.forEach((entry, i) => {
    const p = archiveTweet.safeParse(entry);
    const posted = p.success ? parseExportDate(p.data.tweet.created_at) : null;
    if (!p.success || posted === null) {
      const issue = p.success ? null : p.error.issues[0]!;
      result.errors.push({ row: i + 1, column: issue ? issue.path.slice(1).join('.') : 'created_at', message: issue ? 'err_archive_entry' : 'err_analytics_date' });
      return;
    }
    const t = p.data.tweet;
    from = Math.min(from, posted);
    to = Math.max(to, posted);
    const mentions = [...new Set([...(t.entities.user_mentions ?? []).map((u) => u.screen_name.toLowerCase()), ...mentionsOf(t.full_text)])];
    // One millisecond after the tweet: an archive snapshot never takes the place of imported analytics.
    result.tweets.push({
      tweetId: t.id_str,
      capturedAt: posted + 1,
      postedAt: posted,
      source: 'archive',
      likes: t.favorite_count,
      reposts: t.retweet_count,
      ...(mentions.length ? { mentions } : {}),
    });
  });
  result.period = from <= to ? { from: dayOfUtc(from), to: dayOfUtc(to) } : null;
  return result;
}

/** Any export, from its name and text. */
export function parseExport(name: string, text: string): ParsedExport {
  return /\.js$/i.test(name) || /^\s*window\.YTD\./.test(text) ? parseArchive(text) : parseCsvExport(text);
}

/**
 * Read an export file in chunks, so that a 50,000-row export never freezes the page: Papa Parse
 * reads the file piece by piece, `onProgress` gets the share done, and `signal` cancels.
 */
export function readExportFile(file: File, onProgress: (done: number) => void, signal: AbortSignal): Promise<ParsedExport> {
  if (/\.js$/i.test(file.name)) return file.text().then((text) => parseArchive(text));
  return new Promise((resolve, reject) => {
    let reader: ReturnType<typeof rowReader> | null = null;
    let row = 1;
    let failed = false;
    Papa.parse<string[]>(file, {
      skipEmptyLines: 'greedy',
      chunkSize: 256 * 1024,
      chunk(results, parser) {
        if (signal.aborted) {
          parser.abort();
          return;
        }
        try {
          for (const cells of results.data) {
            if (!reader) {
              reader = rowReader(cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c)));
              continue;
            }
            reader.add(cells, ++row);
          }
        } catch (e) {
          failed = true;
          parser.abort();
          reject(e);
          return;
        }
        onProgress(Math.min(1, results.meta.cursor / Math.max(1, file.size)));
      },
      complete() {
        if (failed) return;
        if (signal.aborted) reject(new DOMException('cancelled', 'AbortError'));
        else if (!reader) reject(new ExportRefused('err_file_empty'));
        else resolve(reader.finish());
      },
      error(e) {
        reject(new ExportRefused('err_file_unreadable', e.message));
      },
    });
  });
}
