import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readCsvFile } from '@/lib/csv';
import { fileEncoding, readTextFile, textDecoder, type TextEncoding } from '@/lib/text-file';

/** "Université ; Région" as Windows-1252 (é = E9) writes it: not valid UTF-8. */
const CP1252 = new Uint8Array([0x55, 0x6e, 0x69, 0x76, 0x65, 0x72, 0x73, 0x69, 0x74, 0xe9, 0x20, 0x3b, 0x20, 0x52, 0xe9, 0x67, 0x69, 0x6f, 0x6e]);
/** `text` in UTF-16 with its byte order mark, code unit by code unit. */
const utf16 = (text: string, le: boolean) =>
  new Uint8Array([
    ...(le ? [0xff, 0xfe] : [0xfe, 0xff]),
    ...Array.from({ length: text.length }, (_, i) => text.charCodeAt(i)).flatMap((u) => (le ? [u & 255, u >> 8] : [u >> 8, u & 255])),
  ]);

describe('decoding a file as people save it', () => {
  it('UTF-8, with or without its byte order mark', async () => {
    const bytes = new TextEncoder().encode('Université ; Région ’');
    expect(await readTextFile(new Blob([bytes]))).toEqual({ text: 'Université ; Région ’', encoding: 'utf-8' });
    expect(await readTextFile(new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), bytes]))).toEqual({ text: 'Université ; Région ’', encoding: 'utf-8' });
  });
  it('Windows-1252, as French Excel saves "CSV", where UTF-8 would give "Universit�"', async () => {
    expect(new TextDecoder().decode(CP1252)).toBe('Universit\uFFFD ; R\uFFFDgion');
    expect(await readTextFile(new Blob([CP1252]))).toEqual({ text: 'Université ; Région', encoding: 'windows-1252' });
    // (Its own characters beyond Latin-1: ’ is 92, € is 80.)
    expect(textDecoder('windows-1252')(new Uint8Array([0x92, 0x80, 0xe9]), false)).toBe('’€é');
  });
  it('UTF-16 with its byte order mark, as Excel saves "Unicode text"', async () => {
    expect(await readTextFile(new Blob([utf16('Région', true)]))).toEqual({ text: 'Région', encoding: 'utf-16le' });
    expect(await readTextFile(new Blob([utf16('Région', false)]))).toEqual({ text: 'Région', encoding: 'utf-16be' });
  });
  it('UTF-8 with a few bad bytes among its accents (cut short, a stray character): still UTF-8, its accents whole', async () => {
    const accents = new TextEncoder().encode('Université, Région, été ');
    const cut = new Blob([accents, accents, new Uint8Array([0xc3])]);
    expect(await fileEncoding(cut)).toBe('utf-8');
    expect((await readTextFile(cut)).text).toBe('Université, Région, été Université, Région, été \uFFFD');
    expect(await fileEncoding(new Blob([accents, new Uint8Array([0xe9]), accents]))).toBe('utf-8');
    // Pure ASCII with one bad byte: either reading gives the same text but that byte.
    expect(await fileEncoding(new Blob([new TextEncoder().encode('plain text '), new Uint8Array([0xe9])]))).toBe('windows-1252');
  });
  it('a file valid as UTF-8 for its first megabytes, and not after: Windows-1252', async () => {
    const file = new Blob([new Uint8Array(3 << 20).fill(0x61), CP1252]);
    expect(await fileEncoding(file)).toBe('windows-1252');
    expect(await fileEncoding(new Blob([new Uint8Array(3 << 20).fill(0x61), new TextEncoder().encode('é')]))).toBe('utf-8');
  });
});

describe('a CSV file read as it streams in', () => {
  const csv = ['"id","text","n"', '1,"a line\nand, ""another""",3', '2,plain é ’ 🧪,4', '', '3,"x\n\ny",5', '4,été,6'].join('\r\n') + '\r\n';
  const whole = Papa.parse<string[]>(csv, { skipEmptyLines: 'greedy' }).data;
  const never = new AbortController().signal;
  async function read(bytes: Uint8Array<ArrayBuffer>, encoding: TextEncoding, size: number) {
    const rows: string[][] = [];
    const done: number[] = [];
    const delimiters = new Set<string>();
    await readCsvFile(new Blob([bytes]), encoding, (piece, delimiter, share) => (rows.push(...piece), done.push(share), delimiters.add(delimiter)), never, size);
    return { rows, done, delimiters };
  }

  it('gives the rows of one reading, whatever the size of its slices: no character cut, no quoted cell cut', async () => {
    const bytes = new TextEncoder().encode(csv);
    for (const size of [1, 2, 3, 7, 20, 1000]) {
      const { rows, done, delimiters } = await read(bytes, 'utf-8', size);
      expect(rows).toEqual(whole);
      expect(done.at(-1)).toBe(1);
      expect([...delimiters]).toEqual([',']);
    }
    // UTF-16 too, sliced between a character's bytes, and between the two halves of 🧪.
    for (const size of [1, 3, 5]) expect((await read(utf16(csv, true), 'utf-16le', size)).rows).toEqual(whole);
  });

  it('keeps the separator of the first rows for the next ones', async () => {
    const { rows, delimiters } = await read(new TextEncoder().encode('a;b\n1;"x, y"\n2;z\n'), 'utf-8', 4);
    expect(rows).toEqual([['a', 'b'], ['1', 'x, y'], ['2', 'z']]);
    expect([...delimiters]).toEqual([';']);
  });

  it('stops between slices when cancelled', async () => {
    const controller = new AbortController();
    let pieces = 0;
    const reading = readCsvFile(new Blob([new TextEncoder().encode(csv)]), 'utf-8', () => (pieces++, controller.abort()), controller.signal, 10);
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(pieces).toBe(1);
  });
});
