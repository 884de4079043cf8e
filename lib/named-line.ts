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
 * A spreadsheet's row, pasted, has its cells between tabs: the name is then the words of the
 * thing's cell, or else the nearest cell before it, or after it; the other cells are other columns.
 */
export function namedLine<T>(line: string, take: (word: string) => T | null, mistyped: (word: string) => boolean): { value: T; name: string } | null {
  const cells = line.split('\t').map((cell) => cell.split(/\s+/).filter(Boolean));
  const words = cells.flat();
  const read = words.map(take);
  const found = read.flatMap((v, i) => (v === null ? [] : [i]));
  if (found.length !== 1 || words.length < 2) return null;
  const i = found[0]!;
  if (words.some((w, j) => j !== i && mistyped(w.replace(AROUND, '')))) return null;
  // (The thing's cell, and where the thing stands in it.)
  let at = i;
  const c = cells.findIndex((cell) => (at -= cell.length) < 0);
  const own = cells[c]!;
  at += own.length;
  const name = [own.slice(0, at), own.slice(at + 1), ...cells.slice(0, c).reverse(), ...cells.slice(c + 1)]
    .map((some) => some.join(' ').replace(AROUND, ''))
    .find(Boolean);
  return { value: read[i]!, name: name ?? '' };
}
