/**
 * Counts as X writes them, in English and French: exact ("1776", "1,776", "1 776") or abbreviated
 * ("1.7K", "9.2M", "30K", "1,7 k", "2 M"). X truncates abbreviated counts, it does not round them:
 * 1776 shows as "1.7K", so "1.7K" means at least 1700 and is marked approximate.
 */
export interface Count {
  value: number;
  approximate: boolean;
}

const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, md: 1e9, mrd: 1e9, b: 1e9 };
const SPACES = /[\s\u00a0\u202f]+/g;
const EXACT = /^\d{1,3}(?:[ ,.]\d{3})+$|^\d+$/;
const ABBREVIATED = /^(\d+(?:[.,]\d{1,2})?) ?(k|m|md|mrd|b)\.?$/i;

export function parseCount(raw: string | null | undefined): Count | null {
  if (!raw) return null;
  const text = raw.replace(SPACES, ' ').trim();
  if (EXACT.test(text)) return { value: Number(text.replace(/[ ,.]/g, '')), approximate: false };
  const m = ABBREVIATED.exec(text);
  if (!m) return null;
  const mult = MULTIPLIERS[m[2]!.toLowerCase()]!;
  return { value: Math.round(Number(m[1]!.replace(',', '.')) * mult), approximate: true };
}

/** The first whole number in an accessibility label: "224 Likes. Like" → 224, "1 776 J’aime" → 1776. */
export function labelNumber(label: string | null | undefined): number | null {
  if (!label) return null;
  const m = /\d{1,3}(?:[,.\s\u00a0\u202f]\d{3})+(?!\d)|\d+/.exec(label);
  return m ? Number(m[0].replace(/[^\d]/g, '')) : null;
}

export const METRICS = ['replies', 'reposts', 'likes', 'bookmarks', 'views'] as const;
export type Metric = (typeof METRICS)[number];

/** Words of the action bar's group label, in the languages X's UI most often has here. */
const WORDS: [Metric, string][] = [
  ['replies', 'repl|répon|respon|respuest|antwort'],
  ['reposts', 'repost|retweet|republi|retuit|retwe'],
  ['likes', 'like|j.aime|me gusta|gefällt|mention'],
  ['bookmarks', 'bookmark|signet|marque|guardad|lesezeichen'],
  ['views', 'view|vue|affichage|visualis|reproduc|aufruf|ansicht'],
];
/** A number, then the word after it: which metric it names is the group that matched. */
const GROUP_ITEM = new RegExp(`(\\d{1,3}(?:[.\\s\u00a0\u202f]\\d{3})+|\\d+)\\s*(?:${WORDS.map(([, w]) => `(${w})`).join('|')})?[^\\d,;]*`, 'giu');

/**
 * The action bar's group label: "44 replies, 4 reposts, 224 likes, 24 bookmarks, 7451 views"
 * (or its French form). Counts of zero are left out by X. (Read for every tweet: one regular
 * expression does it.)
 */
export function parseGroupLabel(label: string | null | undefined): Partial<Record<Metric, number>> {
  const out: Partial<Record<Metric, number>> = {};
  if (!label) return out;
  GROUP_ITEM.lastIndex = 0;
  for (let m = GROUP_ITEM.exec(label); m; m = GROUP_ITEM.exec(label)) {
    for (let i = 0; i < WORDS.length; i++) {
      if (m[i + 2] === undefined) continue;
      const metric = WORDS[i]![0];
      if (out[metric] === undefined) out[metric] = Number(m[1]!.replace(/[^\d]/g, ''));
      break;
    }
  }
  return out;
}
