import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeFormulaCell, readCsv, spreadsheetSeparator, toCsv, unescapeFormulaCell } from '@/lib/csv';
import { PARTNER_CSV_COLUMNS, parseCategory, parsePartnersCsv, partnersToCsv, samePartnerRows } from '@/lib/partners-csv';
import type { Partner } from '@/lib/schemas';

describe('categories in English and French', () => {
  it.each([
    ['academic', 'academic'],
    ['Université', 'academic'],
    ['laboratoire', 'academic'],
    ['Academic (lab or university)', 'academic'],
    ['INDUSTRIE', 'industry'],
    ['Revue', 'journal'],
    ['éditeur', 'journal'],
    ['Autorité publique', 'public_authority'],
    ['public_authority', 'public_authority'],
    ['Public', 'public_authority'],
    ['secteur public', 'public_authority'],
    ['Agence', 'public_authority'],
    ['médias', 'media'],
    ['presse', 'media'],
    ['Média', 'media'],
    ['institution', 'institution'],
    ['Autre', 'other'],
    ['', 'other'],
  ])('%j is %s', (raw, cat) => expect(parseCategory(raw)).toBe(cat));
  it('refuses an unknown name', () => expect(parseCategory('bakery')).toBeNull());
});

describe('reading a partner CSV', () => {
  it('reads commas, with a BOM', () => {
    const r = parsePartnersCsv('\uFEFFhandle,name,category,tags,note\n@UnivNantes,Nantes Université,academic,région;université,"Note, with comma"\n');
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { row: 2, partner: { handle: 'univnantes', name: 'Nantes Université', category: 'academic', tags: ['région', 'université'], note: 'Note, with comma' }, blank: [] },
    ]);
  });

  it('reads semicolons as French Excel writes them, with French headers and categories and CRLF', () => {
    const r = parsePartnersCsv('Identifiant;Nom;Catégorie;Étiquettes;Note\r\nJACS_Au;JACS Au;Revue;"chimie;revue";\r\nOuestFrance;Ouest-France;presse;;\r\n');
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.partner.handle, x.partner.category, x.partner.tags])).toEqual([
      ['jacs_au', 'journal', ['chimie', 'revue']],
      ['ouestfrance', 'media', []],
    ]);
  });

  it('reads two columns of semicolons, the last line ended, as a French spreadsheet saves a short list', () => {
    // (Papa Parse counted the empty line after the last as a row of one cell, and never guessed ";".)
    for (const csv of ['Identifiant;Catégorie\r\nUnivNantes;Université\r\n', 'handle;category\r\nunivnantes;academic\r\ncnrs;public_authority\r\n\r\n']) {
      const r = parsePartnersCsv(csv);
      expect(r.errors, csv).toEqual([]);
      expect(r.rows.map((x) => [x.row, x.partner.handle, x.partner.category])[0], csv).toEqual([2, 'univnantes', 'academic']);
    }
  });

  it('reads a team\'s own list: its "Twitter" column of profile addresses, its "Organisation" and "Commentaires"', () => {
    const r = parsePartnersCsv('Organisation;Site web;Compte Twitter;Catégorie;Commentaires\r\nNantes Université;https://www.univ-nantes.fr;https://twitter.com/UnivNantes;Université;Labo partenaire\r\n');
    expect(r.errors).toEqual([]);
    expect(r.rows[0]!.partner).toEqual({ handle: 'univnantes', name: 'Nantes Université', category: 'academic', tags: [], note: 'Labo partenaire' });
  });

  it('names the row, the field and the reason for each bad row', () => {
    const csv = ['handle,name,category,tags,note', 'good_one,Good,academic,,', 'bad handle!,Bad,academic,,', 'other_one,Other,bakery,,', '', 'Good_One,Again,industry,,'].join('\n');
    const r = parsePartnersCsv(csv);
    expect(r.rows.map((x) => x.row)).toEqual([2]);
    expect(r.errors).toEqual([
      { row: 3, field: 'handle', message: 'err_handle_format', value: 'bad handle!' },
      { row: 4, field: 'category', message: 'err_category', value: 'bakery' },
      { row: 6, field: 'handle', message: 'err_csv_duplicate_handle', value: 'good_one', args: ['2'] },
    ]);
  });

  it('refuses a file without a handle column', () => {
    expect(parsePartnersCsv('name,category\nA,academic\n')).toEqual({
      rows: [],
      errors: [{ row: 1, field: 'handle', message: 'err_csv_missing_handle_column' }],
    });
  });

  it('finds no partner, and no wrong row, in a file with nothing in it', () => {
    for (const empty of ['', '\uFEFF', '\r\n\r\n', ' \n']) expect(parsePartnersCsv(empty)).toEqual({ rows: [], errors: [] });
    // (A header alone still has to name the handle's column.)
    expect(parsePartnersCsv('name\n').errors).toEqual([{ row: 1, field: 'handle', message: 'err_csv_missing_handle_column' }]);
  });

  it('accepts a file with only handles (category other)', () => {
    const r = parsePartnersCsv('handle\nabc\n');
    expect(r.rows[0]!.partner).toMatchObject({ handle: 'abc', category: 'other', tags: [], name: '', note: '' });
  });
});

describe('rows naming one partner by its handle now and one it has left', () => {
  const partner = (handle: string, former: string[] = []): Partner => ({
    id: handle,
    handle,
    name: '',
    category: 'academic',
    tags: [],
    note: '',
    createdAt: 1,
    updatedAt: 1,
    formerHandles: former.map((h, i) => ({ handle: h, until: 10 + i })),
  });
  // @univnantes was @univ_nantes and @un_fr before (in the order it left them); @inria was @cnrs_old.
  const partners = [partner('univnantes', ['univ_nantes', 'un_fr']), partner('cnrs'), partner('inria', ['cnrs_old'])];

  it('keeps the first and names the later one, whichever of the two handles comes first', () => {
    const file = parsePartnersCsv('handle,tags\nunivnantes,chimie\ncnrs,\n@Univ_Nantes,climat\nun_fr,\ncnrs_old,\n');
    const checked = samePartnerRows(file, partners);
    expect(checked.rows.map((r) => r.row)).toEqual([2, 3, 6]);
    expect(checked.errors).toEqual([
      { row: 4, field: 'handle', message: 'err_csv_same_partner', value: 'univ_nantes', args: ['2', 'univ_nantes', 'univnantes'] },
      { row: 5, field: 'handle', message: 'err_csv_same_partner', value: 'un_fr', args: ['2', 'un_fr', 'univnantes'] },
    ]);
    // The former handle first: the row of the handle now is the later one, and says which handle was left.
    const later = samePartnerRows(parsePartnersCsv('handle\nuniv_nantes\nunivnantes\n'), partners);
    expect(later.rows.map((r) => r.partner.handle)).toEqual(['univ_nantes']);
    expect(later.errors).toEqual([{ row: 3, field: 'handle', message: 'err_csv_same_partner', value: 'univnantes', args: ['2', 'univ_nantes', 'univnantes'] }]);
  });

  it("keeps the file's own errors, in row order, and leaves a file without such rows as it was", () => {
    const file = parsePartnersCsv('handle,category\nunivnantes,\nbad handle!,\nuniv_nantes,\nnew_one,boulangerie\n');
    expect(samePartnerRows(file, partners).errors.map((e) => [e.row, e.message])).toEqual([
      [3, 'err_handle_format'],
      [4, 'err_csv_same_partner'],
      [5, 'err_category'],
    ]);
    const clean = parsePartnersCsv('handle\nunivnantes\ncnrs\nnew_one\n');
    expect(samePartnerRows(clean, partners)).toBe(clean);
    // Without partners who renamed themselves, nothing is the same partner.
    expect(samePartnerRows(parsePartnersCsv('handle\nuniv_nantes\nunivnantes\n'), []).errors).toEqual([]);
  });
});

describe('writing a partner CSV', () => {
  const p = (over: Partial<Partner>): Partner => ({
    id: '1', handle: 'a', name: '', category: 'academic', tags: [], note: '', createdAt: 0, updatedAt: 0, ...over,
  });

  it('escapes cells a spreadsheet would run as formulas', () => {
    for (const bad of ['=1+1', '+33 6', '-2', '@SUM(A1)', '\tx', '\rx']) {
      expect(escapeFormulaCell(bad)).toBe(`'${bad}`);
      expect(unescapeFormulaCell(escapeFormulaCell(bad))).toBe(bad);
    }
    expect(escapeFormulaCell('plain')).toBe('plain');
    expect(unescapeFormulaCell("'plain")).toBe("'plain");
    // (A name with an apostrophe first is no formula: Gerard 't Hooft's lab.)
    expect(escapeFormulaCell("'t Hooft lab")).toBe("'t Hooft lab");
    expect(unescapeFormulaCell("'t Hooft lab")).toBe("'t Hooft lab");
    expect(unescapeFormulaCell("'")).toBe("'");
    const csv = partnersToCsv([p({ name: '=HYPERLINK("http://evil")', note: '@cmd', tags: ['-x', 'ok'] })]);
    const table = readCsv(csv);
    expect(table.header).toEqual(['handle', 'name', 'category', 'tags', 'note']);
    expect(table.rows[0]!.cells).toEqual(['a', `'=HYPERLINK("http://evil")`, 'academic', "'-x;ok", "'@cmd"]);
  });

  it('reads back every cell it escapes as it was, apostrophes first included', () => {
    // (Was: a note "'=x" written as it is, and read back as "=x".)
    expect(escapeFormulaCell("'=x")).toBe("''=x");
    expect(unescapeFormulaCell("''=x")).toBe("'=x");
    const cell = fc.oneof(fc.string(), fc.tuple(fc.constantFrom("'", "''", ''), fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string()).map((p) => p.join('')));
    fc.assert(fc.property(cell, (value) => unescapeFormulaCell(escapeFormulaCell(value)) === value));
  });

  it('reads back the cells of any file it writes, with either separator', () => {
    const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.stringMatching(/^[a-z ,;\t"'=+\-@\r\n]{0,6}$/), fc.constantFrom('', ' ', '1,5', 'a;b', '"', "'=1", '=SUM(A1)', 'é', 'x\ty'));
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.constantFrom<',' | ';'>(',', ';'), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (n, delimiter, cells) => {
        const header = [...PARTNER_CSV_COLUMNS].slice(0, n);
        const rows = cells.map((r) => r.slice(0, n));
        const table = readCsv(toCsv(header, rows, delimiter));
        expect(table.header).toEqual(header);
        expect(table.delimiter).toBe(delimiter);
        // (A row of blank cells is no row.)
        const written = rows.filter((r) => !r.every((c) => escapeFormulaCell(c).trim() === ''));
        expect(table.rows.map((r) => r.cells.map(unescapeFormulaCell))).toEqual(written);
      }),
      { numRuns: 3000, seed: 2026 },
    );
  });

  it('imports back what it exported', () => {
    const partners = [
      p({ handle: 'univnantes', name: 'Nantes Université; "quoted", comma', tags: ['région', 'a b'], note: 'line 1\nline 2' }),
      p({ id: '2', handle: 'x_y', category: 'public_authority', name: '=danger', note: '+note', tags: ['-t'] }),
    ];
    // With commas, and with the ";" a French spreadsheet reads as columns.
    for (const delimiter of [',', ';'] as const) {
      const csv = partnersToCsv(partners, delimiter);
      expect(csv.startsWith(`\uFEFFhandle${delimiter}name${delimiter}category${delimiter}tags${delimiter}note\r\n`)).toBe(true);
      const back = parsePartnersCsv(csv);
      expect(back.errors).toEqual([]);
      expect(back.rows.map((r) => r.partner)).toEqual(
        partners.map(({ handle, name, category, tags, note }) => ({ handle, name, category, tags, note })),
      );
    }
  });

  it('writes for the CM\'s spreadsheet: ";" where numbers have a decimal comma', () => {
    expect(spreadsheetSeparator('fr')).toBe(';');
    expect(spreadsheetSeparator('fr-CA')).toBe(';');
    expect(spreadsheetSeparator('de-DE')).toBe(';');
    expect(spreadsheetSeparator('en-US')).toBe(',');
    expect(spreadsheetSeparator('en-GB')).toBe(',');
    expect(readCsv(partnersToCsv([p({ tags: ['a', 'b'] })], ';')).rows[0]!.cells).toEqual(['a', '', 'academic', 'a;b', '']);
  });
});
