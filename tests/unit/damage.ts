/**
 * Files damaged at random, as a download cut short, a spreadsheet, an editor or a hand leave them:
 * the edits fast-check draws (and shrinks to the fewest, smallest), and the file they make.
 */
import fc from 'fast-check';

/** One edit of a file: what it does (`kind`), where (`at`), how much (`n`) and with what (`choice`), each taken modulo what there is. */
const edit = fc.record({ kind: fc.nat(5), at: fc.nat(), n: fc.nat(12), choice: fc.nat() });
export type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;
/** One to five edits: a damaged file. */
export const edits = fc.array(edit, { minLength: 1, maxLength: 5 });

/** `text` with these edits made, in order; `pieces`: what the file may gain. */
export function damage(text: string, list: readonly Edit[], pieces: readonly string[]): string {
  let s = text;
  for (const { kind, at: where, n, choice } of list) {
    const at = where % (s.length + 1);
    const any = <T,>(options: readonly T[]) => options[choice % options.length]!;
    switch (kind) {
      case 0: s = s.slice(0, at) + s.slice(at + 1 + n); break;
      case 1: s = s.slice(0, at) + any(pieces) + s.slice(at); break;
      case 2: s = s.slice(0, at); break;
      case 3: {
        // A line doubled or dropped.
        const lines = s.split('\n');
        const l = where % lines.length;
        if (n % 2) lines.splice(l, 0, lines[l]!);
        else lines.splice(l, 1);
        s = lines.join('\n');
        break;
      }
      // (A number from there on: ten times more, negative, cut, in fractions, abbreviated.)
      case 4: s = s.slice(0, at) + s.slice(at).replace(/\d+/, (d) => any([String(Number(d) * 10), '-' + d, d.slice(1), `${d}.5`, `${d}K`])); break;
      default: s = s.slice(0, at) + s.slice(at).replace(/[a-z]/i, (c) => any([c.toUpperCase(), '', 'ß', c + c]));
    }
  }
  return s;
}
