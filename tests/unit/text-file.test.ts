import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { pieceEnd, readCsvInPieces } from '@/lib/csv';
import { decodeText, readTextFile } from '@/lib/text-file';

/** "Université ; Région" as Windows-1252 (é = E9) writes it: not valid UTF-8. */
const CP1252 = new Uint8Array([0x55, 0x6e, 0x69, 0x76, 0x65, 0x72, 0x73, 0x69, 0x74, 0xe9, 0x20, 0x3b, 0x20, 0x52, 0xe9, 0x67, 0x69, 0x6f, 0x6e]);

describe('decoding a file as people save it', () => {
  it('UTF-8, with or without its byte order mark', () => {
    const bytes = new TextEncoder().encode('Université ; Région ’');
    expect(decodeText(bytes)).toEqual({ text: 'Université ; Région ’', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toEqual({ text: 'Université ; Région ’', encoding: 'utf-8' });
  });
  it('Windows-1252, as French Excel saves "CSV", where UTF-8 would give "Universit�"', () => {
    expect(new TextDecoder().decode(CP1252)).toBe('Universit\uFFFD ; R\uFFFDgion');
    expect(decodeText(CP1252)).toEqual({ text: 'Université ; Région', encoding: 'windows-1252' });
    // (Its own characters beyond Latin-1: ’ is 92, € is 80.)
    expect(decodeText(new Uint8Array([0x92, 0x80, 0xe9])).text).toBe('’€é');
  });
  it('UTF-16 with its byte order mark, as Excel saves "Unicode text"', () => {
    const le = [0xff, 0xfe, ...[...'Région'].flatMap((c) => [c.charCodeAt(0) & 255, c.charCodeAt(0) >> 8])];
    const be = [0xfe, 0xff, ...[...'Région'].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 255])];
    expect(decodeText(new Uint8Array(le))).toEqual({ text: 'Région', encoding: 'utf-16le' });
    expect(decodeText(new Uint8Array(be))).toEqual({ text: 'Région', encoding: 'utf-16be' });
  });
  it('reads a file the user chose', async () => {
    expect(await readTextFile(new Blob([CP1252]))).toEqual({ text: 'Université ; Région', encoding: 'windows-1252' });
  });
});

describe('a CSV text read in pieces', () => {
  const csv = ['"id","text","n"', '1,"a line\nand, ""another""",3', '2,plain,4', '', '3,"x\n\ny",5', '4,é,6'].join('\r\n') + '\r\n';

  it('cuts only at the end of a row, never in a quoted cell', () => {
    // From every size, every piece ends right after a row's line end, or at the text's end.
    const ends = new Set<number>();
    for (let size = 1; size < csv.length; size++) ends.add(pieceEnd(csv, 0, size));
    const rowEnds = [...csv.matchAll(/\r\n/g)].map((m) => m.index + 2);
    for (const end of ends) expect(rowEnds).toContain(end);
    expect(pieceEnd(csv, 0, csv.length + 5)).toBe(csv.length);
  });

  it('gives the same rows as one reading, whatever the size of its pieces', async () => {
    const whole = Papa.parse<string[]>(csv, { skipEmptyLines: 'greedy' }).data;
    for (const size of [1, 7, 20, 1000]) {
      const rows: string[][] = [];
      const done: number[] = [];
      await readCsvInPieces(csv, (piece, delimiter, share) => (rows.push(...piece), done.push(share), expect(delimiter).toBe(',')), new AbortController().signal, size);
      expect(rows).toEqual(whole);
      expect(done.at(-1)).toBe(1);
    }
  });

  it('keeps the separator of the first piece for the next ones', async () => {
    const text = 'a;b\n1;"x, y"\n2;z\n';
    const rows: string[][] = [];
    await readCsvInPieces(text, (piece, delimiter) => (rows.push(...piece), expect(delimiter).toBe(';')), new AbortController().signal, 4);
    expect(rows).toEqual([['a', 'b'], ['1', 'x, y'], ['2', 'z']]);
  });

  it('stops between pieces when cancelled', async () => {
    const controller = new AbortController();
    let pieces = 0;
    const reading = readCsvInPieces(csv, () => (pieces++, controller.abort()), controller.signal, 10);
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(pieces).toBe(1);
  });
});
