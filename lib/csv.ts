/**
 * CSV reading and writing over Papa Parse, shared by every import and export in Veille.
 */
import Papa from 'papaparse';
import { textDecoder, type TextEncoding } from './text-file';

/**
 * Cells starting with one of these are run as formulas by spreadsheets; and cells that start with
 * one after apostrophes, which would read back as escaped ones (a note "'=x" as "=x").
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A cell `escapeFormulaCell` escaped. */
const ESCAPED = /^'+[=+\-@\t\r]/;

/** Make a cell safe to open in a spreadsheet: a leading `'` makes it plain text. */
export function escapeFormulaCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undo `escapeFormulaCell`, so that an exported file imports back to the same values. */
export function unescapeFormulaCell(value: string): string {
  return ESCAPED.test(value) ? value.slice(1) : value;
}

/**
 * The separator a spreadsheet in `locale` reads as columns: where numbers are written with a
 * decimal comma (French, German, Spanish …), Excel's list separator is ";", and a file of commas
 * opens there as one column.
 */
export function spreadsheetSeparator(locale: string): ',' | ';' {
  return new Intl.NumberFormat(locale).format(1.5).includes(',') ? ';' : ',';
}

/** A CSV file (with a BOM, so that Excel reads it as UTF-8), every cell escaped; `delimiter`: see `spreadsheetSeparator`. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[], delimiter: ',' | ';' = ','): string {
  const body = Papa.unparse(
    { fields: [...header], data: rows.map((r) => r.map(escapeFormulaCell)) },
    { newline: '\r\n', quotes: false, delimiter },
  );
  return `\uFEFF${body}\r\n`;
}

export interface CsvTable {
  /** Header cells as written, trimmed. */
  header: string[];
  /** Data rows, each with its row number as a spreadsheet shows it (the header is row 1). */
  rows: { row: number; cells: string[] }[];
  delimiter: string;
}

/**
 * Read a CSV text: UTF-8 with or without a BOM, `,` or `;` as separator (French Excel writes `;`).
 * Empty lines are skipped.
 */
export function readCsv(text: string): CsvTable {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // (The separator guessed from the first rows that are not empty: Papa Parse counts an empty line as a
  // row of one cell, and a file of two columns with its last line ended, as a spreadsheet writes it,
  // never reads as two columns then.)
  const guess = Papa.parse<string[]>(clean, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: 'greedy', preview: 10 });
  const result = Papa.parse<string[]>(clean, { delimiter: guess.meta.delimiter, skipEmptyLines: false });
  const all = result.data;
  const header = (all[0] ?? []).map((h) => h.trim());
  const rows: CsvTable['rows'] = [];
  for (let i = 1; i < all.length; i++) {
    const cells = all[i] ?? [];
    if (cells.every((c) => c.trim() === '')) continue;
    rows.push({ row: i + 1, cells });
  }
  return { header, rows, delimiter: result.meta.delimiter };
}

/**
 * Read a CSV file as it streams in: a slice of `size` bytes at a time, decoded (`encoding`) without
 * cutting a character in two, its whole rows parsed (empty ones skipped) and given to `onRows`, with
 * the file's separator (guessed from its first rows) and the share of the file read. A row ends at a
 * line end outside quotes (a quoted cell may hold line ends). Between two slices the event loop
 * runs: a cancel comes through (`signal`), a page stays free.
 */
export async function readCsvFile(
  file: Blob,
  encoding: TextEncoding,
  onRows: (rows: string[][], delimiter: string, done: number) => void,
  signal: AbortSignal,
  size = 256 * 1024,
): Promise<void> {
  const decode = textDecoder(encoding);
  let format: { delimiter: string } | null = null;
  /** The text decoded and not parsed yet (it starts at a row's start); how far it was looked at, its quotes then, and the end of its last whole row. */
  let pending = '';
  let scanned = 0;
  let quotes = 0;
  let rowEnd = 0;
  let at = 0;
  do {
    const bytes = new Uint8Array(await file.slice(at, at + size).arrayBuffer());
    if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
    at += size;
    const more = at < file.size;
    pending += decode(bytes, more);
    for (; scanned < pending.length; scanned++) {
      const c = pending.charCodeAt(scanned);
      if (c === 34) quotes++;
      else if (c === 10 && quotes % 2 === 0) rowEnd = scanned + 1;
    }
    const end = more ? rowEnd : pending.length;
    if (!end) continue;
    const result: Papa.ParseResult<string[]> = Papa.parse<string[]>(pending.slice(0, end), { skipEmptyLines: 'greedy', ...format });
    format ??= { delimiter: result.meta.delimiter };
    // (The quotes before `end` were even in number: what is left keeps the count's parity.)
    pending = pending.slice(end);
    scanned -= end;
    rowEnd = 0;
    onRows(result.data, format.delimiter, Math.min(1, at / file.size));
  } while (at < file.size);
}
