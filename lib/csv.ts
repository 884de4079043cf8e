/**
 * CSV reading and writing over Papa Parse, shared by every import and export in Veille.
 */
import Papa from 'papaparse';

/** Cells starting with one of these are run as formulas by spreadsheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Make a cell safe to open in a spreadsheet: a leading `'` makes it plain text. */
export function escapeFormulaCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undo `escapeFormulaCell`, so that an exported file imports back to the same values. */
export function unescapeFormulaCell(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** A CSV file (with a BOM, so that Excel reads it as UTF-8), every cell escaped. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const body = Papa.unparse(
    { fields: [...header], data: rows.map((r) => r.map(escapeFormulaCell)) },
    { newline: '\r\n', quotes: false },
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
  const result = Papa.parse<string[]>(clean, {
    delimitersToGuess: [',', ';', '\t'],
    skipEmptyLines: false,
  });
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
 * Where the piece of `text` that starts at `from` (a row's start) ends: at the first line end past
 * `from + size` that is outside quotes (a quoted cell may hold line ends), or at the text's end.
 */
export function pieceEnd(text: string, from: number, size: number): number {
  const end = from + size;
  if (end >= text.length) return text.length;
  let quotes = 0;
  for (let i = text.indexOf('"', from); i !== -1 && i < end; i = text.indexOf('"', i + 1)) quotes++;
  for (let i = end; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quotes++;
    else if (c === 10 && quotes % 2 === 0) return i + 1;
  }
  return text.length;
}

/**
 * Read a CSV text in pieces of about `size` characters, each ending at a row's end, and give each
 * piece's rows (empty ones skipped) to `onRows`, with the file's separator and the share of the
 * text read so far. The separator is guessed from the first piece. Between two
 * pieces the event loop runs: a cancel comes through (`signal`), a page stays free.
 */
export async function readCsvInPieces(
  text: string,
  onRows: (rows: string[][], delimiter: string, done: number) => void,
  signal: AbortSignal,
  size = 256 * 1024,
): Promise<void> {
  let format: { delimiter: string } | null = null;
  for (let from = 0; from < text.length; ) {
    if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
    const end = pieceEnd(text, from, size);
    const result: Papa.ParseResult<string[]> = Papa.parse<string[]>(text.slice(from, end), { skipEmptyLines: 'greedy', ...format });
    format ??= { delimiter: result.meta.delimiter };
    from = end;
    onRows(result.data, format.delimiter, from / text.length);
    if (from < text.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
