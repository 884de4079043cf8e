/**
 * The partner list as CSV: `handle,name,category,tags,note`, tags separated by `;`.
 */
import { fold, holderNow, leftHandles, type BlankField } from './partners';
import { readCsv, toCsv, unescapeFormulaCell } from './csv';
import { partnerInputSchema, PARTNER_CATEGORIES, type Partner, type PartnerCategory, type PartnerFields } from './schemas';

export const PARTNER_CSV_COLUMNS = ['handle', 'name', 'category', 'tags', 'note'] as const;
type Column = (typeof PARTNER_CSV_COLUMNS)[number];

/** Header names accepted for each column, English and French, folded. */
const COLUMN_ALIASES: Record<Column, string[]> = {
  // (As a team's own list names its columns: "Twitter", "Compte X"… A profile's address in it reads as its handle.)
  handle: ['handle', 'compte', 'identifiant', 'pseudo', 'username', 'twitter', 'x', 'compte twitter', 'compte x', 'twitter handle', 'x handle', 'account'],
  name: ['name', 'nom', 'display name', 'organisation', 'organization', 'partenaire', 'partner'],
  category: ['category', 'categorie', 'type'],
  tags: ['tags', 'etiquettes', 'mots-cles', 'mots cles', 'keywords'],
  note: ['note', 'notes', 'commentaire', 'commentaires', 'comment', 'comments', 'remarques'],
};

/** Category names accepted in a CSV, English and French, folded (lower case, no accents). */
const CATEGORY_NAMES: Record<PartnerCategory, string[]> = {
  academic: ['academic', 'academia', 'lab', 'laboratory', 'university', 'academique', 'laboratoire', 'labo', 'universite', 'recherche', 'research'],
  industry: ['industry', 'company', 'industrial', 'industrie', 'industriel', 'entreprise'],
  journal: ['journal', 'publisher', 'journal or publisher', 'revue', 'editeur', 'revue ou editeur', 'journal scientifique'],
  public_authority: [
    'public authority', 'public_authority', 'public', 'public body', 'public sector', 'authority', 'agency', 'government',
    'autorite publique', 'pouvoirs publics', 'secteur public', 'organisme public', 'agence', 'collectivite', 'ministere',
    'region', 'ville',
  ],
  media: ['media', 'medias', 'press', 'news', 'media or press', 'presse', 'media ou presse', 'journalist', 'journaliste'],
  institution: ['institution', 'own', 'institute', 'institut', 'comptes de l\'institution'],
  other: ['other', 'autre', 'autres', ''],
};

const categoryLookup = new Map<string, PartnerCategory>();
for (const cat of PARTNER_CATEGORIES) {
  for (const name of CATEGORY_NAMES[cat]) categoryLookup.set(name, cat);
}

/** A category from its English or French name ("Université", "press", "public_authority" …). */
export function parseCategory(raw: string): PartnerCategory | null {
  const key = fold(raw).trim().replace(/\s+/g, ' ');
  return categoryLookup.get(key) ?? categoryLookup.get(key.split(/[()]/)[0]!.trim()) ?? null;
}

export interface CsvRowError {
  /** Row number as a spreadsheet shows it; the header is row 1. */
  row: number;
  field: string;
  /** An i18n message key. */
  message: string;
  value?: string;
  /** Substitutions for the message ($1 …). */
  args?: string[];
}

export interface PartnerCsvResult {
  /** `blank`: the fields the row leaves blank, which an import leaves as a partner already has them. */
  rows: { row: number; partner: PartnerFields; blank: BlankField[] }[];
  errors: CsvRowError[];
}

export function parsePartnersCsv(text: string): PartnerCsvResult {
  const table = readCsv(text);
  const errors: CsvRowError[] = [];
  const index = new Map<Column, number>();
  table.header.forEach((h, i) => {
    const key = fold(h).trim();
    for (const col of PARTNER_CSV_COLUMNS) {
      if (!index.has(col) && COLUMN_ALIASES[col].includes(key)) index.set(col, i);
    }
  });
  // (A file with nothing in it holds no partner: no row is wrong, it has none.)
  if (!table.header.some((h) => h.trim()) && !table.rows.length) return { rows: [], errors };
  if (!index.has('handle')) {
    errors.push({ row: 1, field: 'handle', message: 'err_csv_missing_handle_column' });
    return { rows: [], errors };
  }
  const cell = (cells: string[], col: Column): string => {
    const i = index.get(col);
    return i === undefined ? '' : unescapeFormulaCell((cells[i] ?? '').trim());
  };

  const rows: PartnerCsvResult['rows'] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const rawCategory = cell(cells, 'category');
    const category = parseCategory(rawCategory);
    const parsed = partnerInputSchema.safeParse({
      handle: cell(cells, 'handle'),
      name: cell(cells, 'name'),
      category: category ?? 'other',
      tags: cell(cells, 'tags').split(';'),
      note: cell(cells, 'note'),
    });
    const rowErrors: CsvRowError[] = parsed.success
      ? []
      : parsed.error.issues.map((issue) => {
          const field = String(issue.path[0] ?? '');
          const col = PARTNER_CSV_COLUMNS.find((c) => c === field);
          return { row, field, message: issue.message, value: col ? cell(cells, col) : undefined };
        });
    if (category === null) rowErrors.push({ row, field: 'category', message: 'err_category', value: rawCategory });
    // In the order of the columns.
    rowErrors.sort((a, b) => PARTNER_CSV_COLUMNS.indexOf(a.field as Column) - PARTNER_CSV_COLUMNS.indexOf(b.field as Column));
    errors.push(...rowErrors);
    if (!parsed.success || category === null) continue;
    const first = firstRowOf.get(parsed.data.handle);
    if (first !== undefined) {
      errors.push({ row, field: 'handle', message: 'err_csv_duplicate_handle', value: parsed.data.handle, args: [String(first)] });
      continue;
    }
    firstRowOf.set(parsed.data.handle, row);
    const blank = (['name', 'category', 'note'] as const).filter((col) => !cell(cells, col));
    rows.push({ row, partner: parsed.data, blank: parsed.data.tags.length ? blank : [...blank, 'tags'] });
  }
  return { rows, errors };
}

/**
 * A file's rows checked against the partners Veille has: a row naming a partner that an earlier row
 * named already, one by the handle it has now and the other by one it has left (a list made before
 * the account renamed itself, with a row added since), is an error, as a handle written twice is,
 * where the import would update that partner twice, the later row winning unseen. The first row is
 * kept.
 */
export function samePartnerRows(result: PartnerCsvResult, partners: readonly Partner[]): PartnerCsvResult {
  const left = leftHandles(partners);
  /** A partner's handle now → the first row naming it, and the handle that row wrote. */
  const first = new Map<string, { row: number; handle: string }>();
  const rows: PartnerCsvResult['rows'] = [];
  const errors: CsvRowError[] = [];
  for (const r of result.rows) {
    const named = r.partner.handle;
    const now = holderNow(left, named) ?? named;
    const before = first.get(now);
    if (!before) {
      first.set(now, { row: r.row, handle: named });
      rows.push(r);
      continue;
    }
    const former = named === now ? before.handle : named;
    errors.push({ row: r.row, field: 'handle', message: 'err_csv_same_partner', value: named, args: [String(before.row), former, now] });
  }
  if (!errors.length) return result;
  // (Each row's errors stay in the order of its columns.)
  return { rows, errors: [...result.errors, ...errors].sort((a, b) => a.row - b.row) };
}

/** The partner list as CSV, separated by `delimiter` (see `spreadsheetSeparator`). */
export function partnersToCsv(partners: readonly Partner[], delimiter: ',' | ';' = ','): string {
  return toCsv(
    PARTNER_CSV_COLUMNS,
    partners.map((p) => [p.handle, p.name, p.category, p.tags.join(';'), p.note]),
    delimiter,
  );
}
