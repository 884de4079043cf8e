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

/** Words of the action bar's group label, in the languages X's UI most often has here ("." is any character). */
const WORDS: [Metric, string[]][] = [
  ['replies', ['repl', 'répon', 'respon', 'respuest', 'antwort']],
  ['reposts', ['repost', 'retweet', 'republi', 'retuit', 'retwe']],
  ['likes', ['like', 'j.aime', 'me gusta', 'gefällt', 'mention']],
  ['bookmarks', ['bookmark', 'signet', 'marque', 'guardad', 'lesezeichen']],
  ['views', ['view', 'vue', 'affichage', 'visualis', 'reproduc', 'aufruf', 'ansicht']],
];
const isDigit = (c: number) => c > 47 && c < 58;
/** Spaces (those X writes in numbers and between words). */
const isSpace = (c: number) => c === 32 || c === 160 || c === 0x202f || (c > 8 && c < 14);

/** Does `word` stand at `i` in `s`? */
function wordAt(s: string, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (word[k] !== '.' && s[i + k] !== word[k]) return false;
  return true;
}

/**
 * The action bar's group label: "44 replies, 4 reposts, 224 likes, 24 bookmarks, 7451 views"
 * (or its French form). Counts of zero are left out by X. Each number, grouped by thousands or
 * not ("1 776", "12.345.678", "7,451"), is named by the word after it; only the first of each metric counts.
 * (Read for every tweet: one pass over the label, with nothing made but the result.)
 */
export function parseGroupLabel(label: string | null | undefined): Partial<Record<Metric, number>> {
  const out: Partial<Record<Metric, number>> = {};
  const s = label ? label.toLowerCase() : '';
  for (let i = 0; i < s.length; ) {
    if (!isDigit(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let value = 0;
    while (isDigit(s.charCodeAt(i))) value = value * 10 + s.charCodeAt(i++) - 48;
    // Thousands grouped ("1 776", "12.345.678", "7,451": a comma in a number, not the ", " between
    // counts), when the first group has three digits at most and every group three exactly.
    if (i - start < 4) {
      for (
        let c = s.charCodeAt(i);
        (c === 44 || c === 46 || isSpace(c)) && isDigit(s.charCodeAt(i + 1)) && isDigit(s.charCodeAt(i + 2)) && isDigit(s.charCodeAt(i + 3)) && !isDigit(s.charCodeAt(i + 4));
        c = s.charCodeAt(i)
      ) {
        value = value * 1000 + Number(s.slice(i + 1, (i += 4)));
      }
    }
    while (isSpace(s.charCodeAt(i))) i++;
    // (Indexed loops, no destructuring: while this code is cold, those make an iterator and its results.)
    word: for (let m = 0; m < WORDS.length; m++) {
      const words = WORDS[m]![1];
      for (let w = 0; w < words.length; w++) {
        if (wordAt(s, i, words[w]!)) {
          out[WORDS[m]![0]] ??= value;
          break word;
        }
      }
    }
  }
  return out;
}
