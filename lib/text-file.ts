/**
 * Text files as people's tools save them. X writes its exports in UTF-8, but a CM who opens one (or
 * the partner list) in Excel and saves it again gets another encoding: "CSV" from Excel on Windows
 * in French (and other Western European languages) is Windows-1252, and "Unicode text" is UTF-16
 * with a byte order mark. Read as UTF-8, "Université" would come out as "Universit�".
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** What a file read in `encoding` is said to have been read as ("Windows-1252"), or null for UTF-8, as expected. */
export function encodingName(encoding: TextEncoding | undefined): string | null {
  return encoding === 'windows-1252' ? 'Windows-1252' : encoding === 'utf-16le' || encoding === 'utf-16be' ? 'UTF-16' : null;
}

/** The encoding a byte order mark names, or null. */
function byteOrderMark(bytes: Uint8Array): TextEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Windows-1252's characters for the bytes 80 - 9F, where Latin-1 has control characters (five
 * bytes have none, and stay as they are). Browsers decode them so; Node's decoder (the tests) reads
 * Latin-1 there.
 */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * A decoder of `encoding` for a file read a slice at a time: a character whose bytes two slices
 * share comes out whole (`more`: slices follow). The byte order mark is dropped.
 */
export function textDecoder(encoding: TextEncoding): (bytes: Uint8Array, more: boolean) => string {
  const decoder = new TextDecoder(encoding);
  if (encoding !== 'windows-1252') return (bytes, more) => decoder.decode(bytes, { stream: more });
  return (bytes, more) => decoder.decode(bytes, { stream: more }).replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!);
}

/**
 * A spreadsheet's own file (Excel's .xlsx or .xls, LibreOffice's .ods, Numbers) where a text file
 * was expected: a CM who saved the export "as Excel" rather than as CSV. Read as text, it is noise.
 */
export class WorkbookFile extends Error {
  constructor() {
    super('a spreadsheet workbook, not a text file');
  }
}

/**
 * Another file that is no text (an image, a PDF, an archive): it holds NUL bytes, which a text file
 * of one-byte characters (UTF-8, Windows-1252) never does. (UTF-16 has them, and its byte order mark
 * says so first.)
 */
export class BinaryFile extends Error {
  constructor() {
    super('not a text file');
  }
}

/** The message that says why a file is no text file, for these errors (null: another error). */
export function notTextKey(e: unknown): 'err_file_workbook' | 'err_file_binary' | null {
  return e instanceof WorkbookFile ? 'err_file_workbook' : e instanceof BinaryFile ? 'err_file_binary' : null;
}

/** How much of a file's start is looked at for NUL bytes. */
const HEAD = 8192;

/** Do these first bytes open a zip (.xlsx, .ods, .numbers) or an OLE compound file (.xls)? */
function isWorkbook(bytes: Uint8Array): boolean {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  return starts([0x50, 0x4b, 0x03, 0x04]) || starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
}

/** How much of a file is read at a time. */
const SLICE = 1 << 20;

/**
 * A file's encoding: by its byte order mark; otherwise UTF-8 when it reads as UTF-8, and
 * Windows-1252 when it does not. A file of valid UTF-8 reads so, of course; so does one with a few
 * bad bytes among many good accents (cut short by a download, or with a stray character pasted in):
 * it is UTF-8 damaged, and read as Windows-1252 every accent of it would be garbled ("é" as "Ã©").
 * A Windows-1252 file with accents has bad bytes and (nearly) no good ones. The file is read a
 * slice at a time. A spreadsheet's workbook throws `WorkbookFile`, another file that is no text `BinaryFile`.
 */
export async function fileEncoding(file: Blob): Promise<TextEncoding> {
  const head = new Uint8Array(await file.slice(0, HEAD).arrayBuffer());
  if (isWorkbook(head)) throw new WorkbookFile();
  const marked = byteOrderMark(head);
  if (marked) return marked;
  if (head.includes(0)) throw new BinaryFile();
  const utf8 = new TextDecoder('utf-8');
  /** Characters beyond ASCII that read well, and bytes that did not (each a U+FFFD). */
  let good = 0;
  let bad = 0;
  for (let at = 0; at < file.size; at += SLICE) {
    const text = utf8.decode(new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer()), { stream: at + SLICE < file.size });
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0xfffd) bad++;
      else if (c > 0x7f) good++;
    }
  }
  return bad === 0 || good > bad ? 'utf-8' : 'windows-1252';
}

/** Read a file the user chose as text, whole (see `fileEncoding`). */
export async function readTextFile(file: Blob): Promise<{ text: string; encoding: TextEncoding }> {
  const encoding = await fileEncoding(file);
  return { text: textDecoder(encoding)(new Uint8Array(await file.arrayBuffer()), false), encoding };
}
