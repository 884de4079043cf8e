/**
 * A line of a list as a team writes it: a name and the thing it names, an account or a web page
 * ("Nantes Université (@UnivNantes)", "Nature Chemistry – https://www.nature.com/nchem/", or a
 * spreadsheet's two columns pasted).
 */

/** What may stand around a name or the thing it names in such a line: brackets, quotes, dashes, bars. */
export const AROUND = /^[\s()[\]«»"“”'‘’<>\-–—:|·•]+|[\s()[\]«»"“”'‘’<>\-–—:|·•.,;]+$/g;

/**
 * The one word of `line` that `take` reads as a thing (an account, an address: null for any other
 * word), and as its name the words before it (or, where none are, after it), without what stands
 * around them. Null for a line with no such word, with two, with nothing else, or with another word
 * that `mistyped` says looks like one of those things written wrong (an "@" or an address that is
 * none): that line is read word by word, and such a word refused, rather than taken for a name.
 */
export function namedLine<T>(line: string, take: (word: string) => T | null, mistyped: (word: string) => boolean): { value: T; name: string } | null {
  const words = line.split(/\s+/).filter(Boolean);
  const read = words.map(take);
  const found = read.flatMap((v, i) => (v === null ? [] : [i]));
  if (found.length !== 1 || words.length < 2) return null;
  const i = found[0]!;
  if (words.some((w, j) => j !== i && mistyped(w.replace(AROUND, '')))) return null;
  const named = (some: string[]) => some.join(' ').replace(AROUND, '');
  return { value: read[i]!, name: named(words.slice(0, i)) || named(words.slice(i + 1)) };
}
