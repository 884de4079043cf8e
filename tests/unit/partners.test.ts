import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VeilleDB } from '@/lib/db';
import { dropDb, freshDb } from './fresh-db';
import { normalizeHandle } from '@/lib/handle';
import { parsePartnersCsv } from '@/lib/partners-csv';
import { addHandles, changePartners, filterPartners, handleNow, handlesIn, importPartners, listPartners, savePartner, validatePartner } from '@/lib/partners';
import { partnerInputSchema, type Partner } from '@/lib/schemas';

let db: VeilleDB;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => dropDb(db));

describe('handles', () => {
  it.each([
    ['@UnivNantes', 'univnantes'],
    ['UnivNantes', 'univnantes'],
    ['  @JACS_Au ', 'jacs_au'],
    ['a', 'a'],
    ['abcdefghijklmno', 'abcdefghijklmno'],
    // A profile's address, as copied from the browser or a spreadsheet.
    ['https://x.com/UnivNantes', 'univnantes'],
    ['https://twitter.com/UnivNantes/', 'univnantes'],
    ['http://mobile.twitter.com/JACS_Au?lang=fr', 'jacs_au'],
    [' x.com/@UnivNantes ', 'univnantes'],
    ['www.x.com/a', 'a'],
    // The addresses Twitter gave until 2012, in a team's older lists.
    ['http://twitter.com/#!/JACS_Au', 'jacs_au'],
    // The one account named among other words, as a team's list writes it.
    ['Nantes Université (@UnivNantes)', 'univnantes'],
    ['@JACS_Au (Journal of the American Chemical Society)', 'jacs_au'],
    ['Inria @inria', 'inria'],
    ['« @CNRS »', 'cnrs'],
    // Copied with what shows nothing: a zero-width space, the marks of a right-to-left page.
    ['@Univ\u200bNantes', 'univnantes'],
    ['\u2066@UnivNantes\u2069', 'univnantes'],
    ['\u200e@CNRS\u200f ', 'cnrs'],
  ])('accepts %j as %j', (raw, handle) => {
    expect(normalizeHandle(raw)).toBe(handle);
    expect(partnerInputSchema.parse({ handle: raw, category: 'academic' }).handle).toBe(handle);
  });
  it.each(['', '@', 'abcdefghijklmnop', 'univ nantes', 'univ-nantes', 'é', '@@a', 'https://x.com/UnivNantes/status/1', 'https://example.com/a', 'x.com/home', 'https://x.com/', 'x.com/abcdefghijklmnop', 'http://twitter.com/#!/', 'https://twitter.com/#!/search', 'contact @alice or @bob', 'presse@cnrs.fr', 'Nantes (@UnivNantes, @UnivNantes_EN)', 'Nantes (@abcdefghijklmnop)'])('refuses %j', (raw) => {
    expect(normalizeHandle(raw)).toBeNull();
    const v = validatePartner({ handle: raw, category: 'academic' });
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.issues[0]).toMatchObject({ field: 'handle' });
      expect(['err_handle_format', 'err_handle_required']).toContain(v.issues[0]!.message);
    }
  });
});

describe("a mention's handle now", () => {
  const partner = (id: string, handle: string, formerHandles?: Partner['formerHandles']): Partner => ({ id, handle, name: '', category: 'academic', tags: [], note: '', createdAt: 1, updatedAt: 1, ...(formerHandles ? { formerHandles } : {}) });
  it("is a partner's handle now for its former one, in a tweet posted before it left it; any other handle is itself", () => {
    const now = handleNow([partner('a', 'nantesuniv', [{ handle: 'univnantes', until: 1000 }]), partner('b', 'cnrs')]);
    expect(now('univnantes', 999)).toBe('nantesuniv');
    expect(now('univnantes', 1000)).toBe('univnantes');
    expect([now('cnrs', 1), now('inria', 1)]).toEqual(['cnrs', 'inria']);
  });
  it('is, for a handle two partners had in turn, the one who had it when the tweet was posted', () => {
    const now = handleNow([partner('a', 'first', [{ handle: 'shared', until: 1000 }]), partner('b', 'second', [{ handle: 'shared', until: 2000 }])]);
    expect([now('shared', 500), now('shared', 1500), now('shared', 2500)]).toEqual(['first', 'second', 'shared']);
  });
  it('is the partner that has the handle now, whoever had it before', () => {
    const now = handleNow([partner('a', 'nantesuniv', [{ handle: 'univnantes', until: 1000 }]), partner('b', 'univnantes')]);
    expect(now('univnantes', 1)).toBe('univnantes');
  });
});

describe('partner validation', () => {
  it('cleans tags: trimmed, empty ones dropped, duplicates ignoring case removed', () => {
    const v = validatePartner({ handle: 'a', category: 'media', tags: [' chimie ', '', 'Chimie', 'presse'] });
    expect(v.ok && v.value.tags).toEqual(['chimie', 'presse']);
  });
  it('names the field and the reason for each problem', () => {
    const v = validatePartner({ handle: 'ok', category: 'nope' as 'other', name: 'x'.repeat(101), note: 'n'.repeat(2001), tags: ['t'.repeat(41)] });
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(Object.fromEntries(v.issues.map((i) => [i.field, i.message]))).toEqual({
        category: 'err_category',
        name: 'err_name_too_long',
        note: 'err_note_too_long',
        tags: 'err_tag_too_long',
      });
    }
  });
});

describe('saving partners', () => {
  it('adds, then matches the handle without regard to case or "@"', async () => {
    const a = await savePartner(db, { handle: '@UnivNantes', name: 'Nantes Université', category: 'academic', tags: ['région'] }, undefined, 1000);
    expect(a.ok).toBe(true);
    const dup = await savePartner(db, { handle: 'univnantes', category: 'other' });
    expect(dup).toEqual({ ok: false, issues: [{ field: 'handle', message: 'err_handle_taken' }] });
    expect(await db.partners.count()).toBe(1);
  });

  it('edits in place, keeping id and creation date', async () => {
    const a = await savePartner(db, { handle: 'cnrs', category: 'academic' }, undefined, 1000);
    if (!a.ok) throw new Error('save failed');
    const b = await savePartner(db, { handle: 'CNRS', name: 'CNRS', category: 'institution', note: 'Tutelle' }, a.partner.id, 2000);
    expect(b.ok && b.partner).toMatchObject({ id: a.partner.id, createdAt: 1000, updatedAt: 2000, category: 'institution', note: 'Tutelle' });
    expect(await db.partners.count()).toBe(1);
  });

  it('refuses renaming a partner to the handle of another', async () => {
    await savePartner(db, { handle: 'a', category: 'academic' });
    const b = await savePartner(db, { handle: 'b', category: 'academic' });
    if (!b.ok) throw new Error('save failed');
    expect((await savePartner(db, { handle: '@A', category: 'academic' }, b.partner.id)).ok).toBe(false);
    expect((await listPartners(db)).map((p) => p.handle)).toEqual(['a', 'b']);
  });

  it("a handle changed as the account renamed itself on X: what Veille keeps under the old one follows, and the partner remembers it", async () => {
    const a = await savePartner(db, { handle: 'univ_nantes', name: 'Nantes Université', category: 'academic' }, undefined, 1000);
    if (!a.ok) throw new Error('save failed');
    const snap = (handle: string, day: string, capturedAt: number, followers: number) => ({ handle, day, capturedAt, followers, following: 1, posts: 1 });
    // Its follower history, one day of it seen under the new handle too (later that day: it stays).
    await db.profileSnapshots.bulkPut([snap('univ_nantes', '2026-11-01', 100, 5000), snap('univ_nantes', '2026-11-02', 200, 5100), snap('univnantes', '2026-11-02', 300, 5150)]);
    // Its tweet seen on X, the institute's tweet that mentions it, a topic saved from its tweet, the round's place of its profile.
    await db.tweetMetrics.bulkPut([
      { tweetId: '1856000000000000001', capturedAt: 100, source: 'page', authorHandle: 'univ_nantes', likes: 3 },
      { tweetId: '1856000000000000002', capturedAt: 100, source: 'analytics', authorHandle: 'chimiecnrs', mentions: ['univ_nantes', 'cnrs'], impressions: 10 },
    ]);
    await db.topics.put({ id: 't1', title: 'Portes ouvertes', status: 'new', note: '', tags: [], hashtags: [], url: 'https://x.com/univ_nantes/status/1856000000000000001', sourceHandle: 'univ_nantes', sourceTweetId: '1856000000000000001', createdAt: 1, updatedAt: 1 });
    await db.sources.put({ id: 'r1', label: '@univ_nantes', url: 'https://x.com/univ_nantes', order: 0, createdAt: 1, updatedAt: 1 });
    const b = await savePartner(db, { handle: '@UnivNantes', name: 'Nantes Université', category: 'academic' }, a.partner.id, 2000, { renamed: true });
    expect(b.ok && b.partner).toMatchObject({ id: a.partner.id, handle: 'univnantes', formerHandles: [{ handle: 'univ_nantes', until: 2000 }] });
    expect((await db.profileSnapshots.toArray()).map((x) => [x.handle, x.day, x.followers])).toEqual([
      ['univnantes', '2026-11-01', 5000],
      ['univnantes', '2026-11-02', 5150],
    ]);
    expect((await db.tweetMetrics.get(['1856000000000000001', 100]))?.authorHandle).toBe('univnantes');
    expect((await db.tweetMetrics.get(['1856000000000000002', 100]))?.mentions).toEqual(['univnantes', 'cnrs']);
    expect(await db.topics.get('t1')).toMatchObject({ sourceHandle: 'univnantes', url: 'https://x.com/univnantes/status/1856000000000000001' });
    expect(await db.sources.get('r1')).toMatchObject({ label: '@univnantes', url: 'https://x.com/univnantes' });
  });

  it('a handle corrected (typed wrong) moves nothing; a rename refused moves nothing either', async () => {
    const a = await savePartner(db, { handle: 'cnrs_', category: 'academic' }, undefined, 1000);
    const other = await savePartner(db, { handle: 'inria', category: 'academic' }, undefined, 1000);
    if (!a.ok || !other.ok) throw new Error('save failed');
    await db.profileSnapshots.put({ handle: 'cnrs_', day: '2026-11-01', capturedAt: 100, followers: 12, following: 1, posts: 1 });
    const fixed = await savePartner(db, { handle: 'cnrs', category: 'academic' }, a.partner.id, 2000);
    expect(fixed.ok && fixed.partner.formerHandles).toBeUndefined();
    expect((await db.profileSnapshots.toArray()).map((x) => x.handle)).toEqual(['cnrs_']);
    // Renamed to a handle another partner has: refused, and nothing moved.
    expect(await savePartner(db, { handle: 'inria', category: 'academic' }, a.partner.id, 3000, { renamed: true })).toEqual({ ok: false, issues: [{ field: 'handle', message: 'err_handle_taken' }] });
    expect((await db.profileSnapshots.toArray()).map((x) => x.handle)).toEqual(['cnrs_']);
    expect((await db.partners.get(a.partner.id))?.handle).toBe('cnrs');
  });

  it('lists partners by name as a person reads them: numbers by value, accents and case aside', async () => {
    for (const [handle, name] of [['lab10', 'Lab 10'], ['lab9', 'Lab 9'], ['equipe', 'Équipe'], ['alpha', ''], ['ens', 'ENS'], ['zeta', 'zeta']]) {
      await savePartner(db, { handle: handle!, name, category: 'academic' });
    }
    expect((await listPartners(db)).map((p) => p.name || p.handle)).toEqual(['alpha', 'ENS', 'Équipe', 'Lab 9', 'Lab 10', 'zeta']);
  });
});

describe('search and filter', () => {
  const p = (handle: string, name: string, category: Partner['category'], tags: string[] = [], note = ''): Partner => ({
    id: handle, handle, name, category, tags, note, createdAt: 0, updatedAt: 0,
  });
  const all = [
    p('univnantes', 'Nantes Université', 'academic', ['Pays de la Loire']),
    p('jacs_au', 'JACS Au', 'journal', ['chimie']),
    p('ouestfrance', 'Ouest-France', 'media', [], 'Contact : rédaction sciences'),
  ];
  it('matches handle, name, tags and note, ignoring case and accents', () => {
    expect(filterPartners(all, 'universite', 'all').map((x) => x.handle)).toEqual(['univnantes']);
    expect(filterPartners(all, '@JACS', 'all').map((x) => x.handle)).toEqual(['jacs_au']);
    expect(filterPartners(all, 'CHIMIE', 'all').map((x) => x.handle)).toEqual(['jacs_au']);
    expect(filterPartners(all, 'redaction', 'all').map((x) => x.handle)).toEqual(['ouestfrance']);
    expect(filterPartners(all, 'nantes loire', 'all').map((x) => x.handle)).toEqual(['univnantes']);
    // Every word must match, each anywhere, however spaced; words across two fields do not.
    expect(filterPartners(all, 'nantes chimie', 'all')).toEqual([]);
    expect(filterPartners(all, '  au   jacs ', 'all').map((x) => x.handle)).toEqual(['jacs_au']);
    expect(filterPartners(all, 'francecontact', 'all')).toEqual([]);
  });
  it('finds a partner by a handle it had', () => {
    const renamed = [{ ...all[0]!, formerHandles: [{ handle: 'univ_nantes', until: 1 }] }, ...all.slice(1)];
    expect(filterPartners(renamed, '@univ_nantes', 'all').map((x) => x.handle)).toEqual(['univnantes']);
    expect(filterPartners(all, '@univ_nantes', 'all')).toEqual([]);
  });
  it('filters by category', () => {
    expect(filterPartners(all, '', 'media').map((x) => x.handle)).toEqual(['ouestfrance']);
    expect(filterPartners(all, 'nantes', 'media')).toEqual([]);
    expect(filterPartners(all, '', 'all')).toHaveLength(3);
  });
});

describe('importing partners', () => {
  const row = (handle: string, category: Partner['category'] = 'academic', name = '') => ({ partner: partnerInputSchema.parse({ handle, category, name }) });

  it('counts added, updated and unchanged, and never duplicates', async () => {
    await savePartner(db, { handle: 'keep', category: 'academic' });
    const old = await savePartner(db, { handle: 'change', category: 'academic' }, undefined, 500);
    if (!old.ok) throw new Error('save failed');
    const s = await importPartners(db, [row('keep'), row('change', 'industry'), row('new1'), row('new2')], 900);
    expect(s).toEqual({ added: 2, updated: 1, unchanged: 1 , renamed: [] });
    expect(await db.partners.count()).toBe(4);
    const changed = await db.partners.where('handle').equals('change').first();
    expect(changed).toMatchObject({ id: old.partner.id, createdAt: 500, updatedAt: 900, category: 'industry' });
    expect(await importPartners(db, [row('keep'), row('change', 'industry')])).toEqual({ added: 0, updated: 0, unchanged: 2 , renamed: [] });
  });

  it('leaves what a row leaves blank as the partner has it: an import never erases', async () => {
    await savePartner(db, { handle: 'UnivNantes', name: 'Nantes Université', category: 'academic', tags: ['chimie'], note: 'Labo partenaire' }, undefined, 500);
    // A list of handles and names only (no category, tags or note columns), then one whose cells are empty.
    const names = parsePartnersCsv('Compte Twitter,Organisation\n@UnivNantes,Université de Nantes\n@CNRS,CNRS\n');
    expect(await importPartners(db, names.rows, 900)).toEqual({ added: 1, updated: 1, unchanged: 0 , renamed: [] });
    const empty = parsePartnersCsv('handle,name,category,tags,note\nunivnantes,,,;,\n');
    expect(await importPartners(db, empty.rows, 950)).toEqual({ added: 0, updated: 0, unchanged: 1 , renamed: [] });
    expect(await db.partners.where('handle').equals('univnantes').first()).toMatchObject({
      name: 'Université de Nantes',
      category: 'academic',
      tags: ['chimie'],
      note: 'Labo partenaire',
      updatedAt: 900,
    });
    // A partner new to Veille gets what a blank means: no name, the category Other.
    expect(await db.partners.where('handle').equals('cnrs').first()).toMatchObject({ name: 'CNRS', category: 'other', tags: [], note: '' });
    // What a row gives changes the partner.
    const given = parsePartnersCsv('handle,category,tags,note\nunivnantes,autre,climat,Nouveau labo\n');
    expect(await importPartners(db, given.rows, 990)).toEqual({ added: 0, updated: 1, unchanged: 0 , renamed: [] });
    expect(await db.partners.where('handle').equals('univnantes').first()).toMatchObject({ name: 'Université de Nantes', category: 'other', tags: ['climat'], note: 'Nouveau labo' });
  });

  it('updates a partner a row names by a handle it has left, under its handle now, and says so', async () => {
    // @univ_nantes renamed itself @univnantes (said by hand); @cnrs_old was left by two partners in turn.
    const u = await savePartner(db, { handle: 'univ_nantes', category: 'academic', note: 'Labo' }, undefined, 100);
    if (!u.ok) throw new Error('save failed');
    await savePartner(db, { handle: 'univnantes', category: 'academic', note: 'Labo' }, u.partner.id, 200, { renamed: true });
    await db.partners.bulkPut([
      { id: 'a', handle: 'cnrs_a', name: '', category: 'public_authority', tags: [], note: '', createdAt: 1, updatedAt: 1, formerHandles: [{ handle: 'cnrs_old', until: 300 }] },
      { id: 'b', handle: 'cnrs_b', name: '', category: 'public_authority', tags: [], note: '', createdAt: 1, updatedAt: 1, formerHandles: [{ handle: 'cnrs_old', until: 900 }] },
      // A handle a partner left and another partner has now is that partner's.
      { id: 'c', handle: 'taken_now', name: '', category: 'media', tags: [], note: '', createdAt: 1, updatedAt: 1 },
      { id: 'd', handle: 'media_new', name: '', category: 'media', tags: [], note: '', createdAt: 1, updatedAt: 1, formerHandles: [{ handle: 'taken_now', until: 50 }] },
    ]);
    const file = parsePartnersCsv('handle,category,tags\n@Univ_Nantes,academic,chimie\ncnrs_old,,climat\ntaken_now,,presse\nnew_one,,\n');
    expect(await importPartners(db, file.rows, 1000)).toEqual({
      added: 1,
      updated: 3,
      unchanged: 0,
      renamed: [
        { from: 'univ_nantes', to: 'univnantes' },
        { from: 'cnrs_old', to: 'cnrs_b' },
      ],
    });
    const byHandle = new Map((await listPartners(db)).map((p) => [p.handle, p]));
    // No second partner under a handle no account of theirs has.
    expect([...byHandle.keys()].sort()).toEqual(['cnrs_a', 'cnrs_b', 'media_new', 'new_one', 'taken_now', 'univnantes']);
    expect(byHandle.get('univnantes')).toMatchObject({ id: u.partner.id, tags: ['chimie'], note: 'Labo', updatedAt: 1000 });
    expect(byHandle.get('cnrs_b')?.tags).toEqual(['climat']);
    expect(byHandle.get('cnrs_a')?.tags).toEqual([]);
    expect(byHandle.get('taken_now')?.tags).toEqual(['presse']);
    expect(byHandle.get('media_new')?.tags).toEqual([]);
  });

  it('stores all of it or none of it', async () => {
    await savePartner(db, { handle: 'before', category: 'academic' });
    // A record that breaks the unique handle index half-way through the transaction.
    const bad = { ...row('before').partner, handle: 'x1' };
    await expect(
      db.transaction('rw', db.partners, async () => {
        await importPartners(db, [row('x1'), row('x2')]);
        await db.partners.add({ ...bad, id: 'dup', createdAt: 0, updatedAt: 0 });
      }),
    ).rejects.toThrow();
    expect((await listPartners(db)).map((p) => p.handle)).toEqual(['before']);
  });
});

describe('changing several partners at once', () => {
  const add = async (handle: string, tags: string[] = []) => {
    const r = await savePartner(db, { handle, category: 'other', tags }, undefined, 1);
    if (!r.ok) throw new Error('save failed');
    return r.partner;
  };

  it('sets a category, adds and removes a tag (ignoring case), and deletes, each in one go', async () => {
    const [a, b, c] = [await add('lab_a', ['chimie']), await add('lab_b', ['Région']), await add('lab_c')];
    expect(await changePartners(db, [a.id, b.id], { kind: 'category', category: 'academic' }, 10)).toEqual({ ok: true, changed: 2 });
    expect((await db.partners.get(a.id))).toMatchObject({ category: 'academic', updatedAt: 10 });
    expect((await db.partners.get(c.id))).toMatchObject({ category: 'other', updatedAt: 1 });
    // Added where missing: a partner that has it (in any case) is left as it is.
    expect(await changePartners(db, [a.id, b.id, c.id], { kind: 'addTag', tag: ' région ' }, 20)).toEqual({ ok: true, changed: 2 });
    expect((await listPartners(db)).map((p) => [p.handle, p.tags, p.updatedAt])).toEqual([
      ['lab_a', ['chimie', 'région'], 20],
      ['lab_b', ['Région'], 10],
      ['lab_c', ['région'], 20],
    ]);
    expect(await changePartners(db, [a.id, b.id], { kind: 'removeTag', tag: ' RÉGION ' }, 30)).toEqual({ ok: true, changed: 2 });
    expect((await db.partners.get(b.id))!.tags).toEqual([]);
    // (Its other tags kept.)
    expect((await db.partners.get(a.id))!.tags).toEqual(['chimie']);
    expect(await changePartners(db, [a.id, c.id, 'gone'], { kind: 'delete' })).toEqual({ ok: true, changed: 2 });
    expect((await listPartners(db)).map((p) => p.handle)).toEqual(['lab_b']);
  });

  it('changes none where one would be invalid, and names the partners it could not change', async () => {
    const full = await add('full', Array.from({ length: 30 }, (_, i) => `t${i}`));
    const other = await add('other_lab');
    const r = await changePartners(db, [other.id, full.id], { kind: 'addTag', tag: 'nouveau' }, 50);
    expect(r).toEqual({ ok: false, issues: [{ handle: 'full', field: 'tags', message: 'err_too_many_tags' }] });
    expect((await db.partners.get(other.id))!.tags).toEqual([]);
    expect(await changePartners(db, [other.id], { kind: 'addTag', tag: 'x'.repeat(41) })).toMatchObject({ ok: false, issues: [{ handle: 'other_lab', message: 'err_tag_too_long' }] });
    expect(await changePartners(db, [other.id], { kind: 'addTag', tag: '  ' })).toMatchObject({ ok: false, issues: [{ field: 'tags', message: 'err_tag_required' }] });
  });
});

describe('several accounts pasted at once', () => {
  it('reads handles and profile addresses however they are separated, once each, and names the words that are none', () => {
    expect(handlesIn('@UnivNantes, https://x.com/CNRS\n  inserm;twitter.com/Inria/ @univnantes\tpas-un-compte https://x.com/home @')).toEqual({
      handles: ['univnantes', 'cnrs', 'inserm', 'inria'],
      names: new Map(),
      refused: ['pas-un-compte', 'https://x.com/home', '@'],
    });
    expect(handlesIn('  \n ')).toEqual({ handles: [], names: new Map(), refused: [] });
    // (What shows nothing, alone between two accounts, is no word to refuse.)
    expect(handlesIn('@UnivNantes \u200b\n\u2066@CNRS\u2069')).toEqual({ handles: ['univnantes', 'cnrs'], names: new Map(), refused: [] });
  });

  it('reads a line that names one account among other words as that account, its words its name', () => {
    const r = handlesIn(
      [
        'Nantes Université (@UnivNantes)',
        'Sorbonne Université @Sorbonne_Univ_',
        'Inserm\thttps://x.com/Inserm\tinstitut',
        '@CNRS — Centre national de la recherche scientifique',
        '« Nature » [@Nature].',
        'Inria - twitter.com/inria/',
        '(@JACS_Au)',
        '@univnantes',
      ].join('\n'),
    );
    expect(r).toEqual({
      handles: ['univnantes', 'sorbonne_univ_', 'inserm', 'cnrs', 'nature', 'inria', 'jacs_au'],
      names: new Map([
        ['univnantes', 'Nantes Université'],
        ['sorbonne_univ_', 'Sorbonne Université'],
        ['inserm', 'Inserm'],
        ['cnrs', 'Centre national de la recherche scientifique'],
        ['nature', 'Nature'],
        ['inria', 'Inria'],
      ]),
      refused: [],
    });
    // A spreadsheet's rows pasted (cells between tabs): the name is the account's cell's other
    // words, or else the nearest cell before it, or after it; the other columns are left out.
    expect(
      handlesIn(['@UnivNantes\tNantes Université\tuniversity\tpartenaire depuis 2019', 'organisme\tCNRS\t@CNRS', 'Inria (@inria)\tInstitut\t', '\t\t@Inserm\t\tInserm'].join('\r\n')),
    ).toEqual({
      handles: ['univnantes', 'cnrs', 'inria', 'inserm'],
      names: new Map([
        ['univnantes', 'Nantes Université'],
        ['cnrs', 'CNRS'],
        ['inria', 'Inria'],
        ['inserm', 'Inserm'],
      ]),
      refused: [],
    });
    // Beside an account, what looks like another written wrong is refused, not taken for a name.
    expect(handlesIn('Nantes Université @UnivNantes x.com/home')).toEqual({ handles: ['nantes', 'univnantes'], names: new Map(), refused: ['Université', 'x.com/home'] });
    // Two accounts on a line, or none but X's own pages, are read word by word, as before.
    expect(handlesIn('@UnivNantes https://x.com/CNRS\nNantes https://x.com/home')).toEqual({
      handles: ['univnantes', 'cnrs', 'nantes'],
      names: new Map(),
      refused: ['https://x.com/home'],
    });
  });

  it('adds the new ones with the category chosen, in one go, and leaves those already partners as they are', async () => {
    const old = await savePartner(db, { handle: 'cnrs', name: 'CNRS', category: 'public_authority', tags: ['tutelle'], note: 'Notre tutelle' }, undefined, 1);
    if (!old.ok) throw new Error('save failed');
    expect(await addHandles(db, ['univnantes', 'cnrs', 'inserm'], 'academic', 5)).toEqual({ added: 2, existing: 1, renamed: [] });
    expect((await listPartners(db)).map((p) => [p.handle, p.name, p.category, p.tags, p.createdAt])).toEqual([
      ['cnrs', 'CNRS', 'public_authority', ['tutelle'], 1],
      ['inserm', '', 'academic', [], 5],
      ['univnantes', '', 'academic', [], 5],
    ]);
  });

  it("takes a pasted handle a partner has left for that partner, but an X page's handle for the account that has it now", async () => {
    const u = await savePartner(db, { handle: 'univ_nantes', category: 'academic' }, undefined, 1);
    if (!u.ok) throw new Error('save failed');
    await savePartner(db, { handle: 'univnantes', category: 'academic' }, u.partner.id, 2, { renamed: true });
    // The CM's own list, made before the rename.
    expect(await addHandles(db, ['univ_nantes', 'cnrs'], 'media', 5, new Map(), { followLeft: true })).toEqual({
      added: 1,
      existing: 1,
      renamed: [{ from: 'univ_nantes', to: 'univnantes' }],
    });
    expect((await listPartners(db)).map((p) => p.handle)).toEqual(['cnrs', 'univnantes']);
    // An X page lists @univ_nantes: another account has that handle now.
    expect(await addHandles(db, ['univ_nantes'], 'media', 6)).toEqual({ added: 1, existing: 0, renamed: [] });
    expect((await listPartners(db)).map((p) => p.handle)).toEqual(['cnrs', 'univ_nantes', 'univnantes']);
  });

  it('names the new ones as the page listing them does, within the limit, and keeps the names of those already partners', async () => {
    await savePartner(db, { handle: 'cnrs', name: 'CNRS', category: 'public_authority' }, undefined, 1);
    const names = new Map([['cnrs', 'Centre national'], ['inria', '  Inria  '], ['long', 'x'.repeat(150)]]);
    expect(await addHandles(db, ['cnrs', 'inria', 'long', 'noname'], 'academic', 5, names)).toEqual({ added: 3, existing: 1, renamed: [] });
    expect((await listPartners(db)).map((p) => [p.handle, p.name]).sort()).toEqual([
      ['cnrs', 'CNRS'],
      ['inria', 'Inria'],
      ['long', 'x'.repeat(100)],
      ['noname', ''],
    ]);
  });
});
