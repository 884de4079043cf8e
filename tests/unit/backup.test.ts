import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupRefused, backupToJson, exportBackup, lastBackup, readBackup, readBackupFile, recordsHeld, recordsOf, restoreBackup, type Backup } from '@/lib/backup';
import type { VeilleDB } from '@/lib/db';
import { savePartner } from '@/lib/partners';
import { saveSettings } from '@/lib/settings';
import { saveTopic } from '@/lib/topics';
import { backupAnswerer, type BackupAnswer } from '@/lib/backup-service';
import { damage, edits } from './damage';
import { dropDb, freshDb } from './fresh-db';
import { VeilleClock } from '@/lib/veille-clock';
import en from '@/public/_locales/en/messages.json';

let db: VeilleDB;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => dropDb(db));

async function fill(target: VeilleDB) {
  await savePartner(target, { handle: 'UnivNantes', name: 'Nantes Université', category: 'academic', tags: ['région'], note: 'n' }, undefined, 1000);
  await saveTopic(target, { title: 'Sujet', url: 'https://example.org/a', tags: ['chimie'] }, { now: 2000 });
  await target.tweetMetrics.add({ tweetId: '1856000000000000001', capturedAt: 3000, source: 'analytics', impressions: 3423, engagementRate: 0.035, mentions: ['univnantes'] });
  await target.profileSnapshots.add({ handle: 'univnantes', day: '2026-11-12', capturedAt: 3000, followers: 12000, following: 10, posts: null, userId: '18188628' });
  await target.veilleSessions.add({ id: 's1', start: 1000, end: 2000, mode: 'manual' });
  await target.termCounts.add({ day: '2026-11-12', term: '#chimie', count: 4 });
  await target.dailyFigures.add({ account: 'univnantes', day: '2026-11-12', impressions: 1088, engagements: 13 });
  await saveSettings(target, { dailyGoalMinutes: 45 });
  await target.sources.add({ id: 'src1', label: '#chimie', url: 'https://x.com/search?q=%23chimie&f=live', order: 0, createdAt: 1000, updatedAt: 1000 });
  await target.sourceVisits.add({ source: 'src1', day: '2026-11-12', at: 3000 });
}

const strip = (b: Backup) => ({ ...b, exportedAt: 0 });

describe('backup and restore', () => {
  it('export, wipe, restore, export again gives the same data', async () => {
    await fill(db);
    const first = await exportBackup(db, 1);
    expect(first.tables.partners).toHaveLength(1);
    // The veille's round and its days, too.
    expect([first.tables.sources.length, first.tables.sourceVisits.length]).toEqual([1, 1]);
    const text = backupToJson(first);
    const other = await freshDb();
    try {
      await restoreBackup(other, readBackup(text), 'replace');
      expect(strip(await exportBackup(other, 2))).toEqual(strip(first));
    } finally {
      await dropDb(other);
    }
  });

  it('counts the records this browser holds: those a backup holds, and this browser\'s own rows', async () => {
    expect(await recordsHeld(db)).toBe(0);
    await fill(db);
    const held = await recordsHeld(db);
    const backup = await exportBackup(db, 1);
    // (The export wrote this browser's last-backup row, which the backup does not hold.)
    expect(await recordsHeld(db)).toBe(held + 1);
    expect(recordsOf(backup)).toBe(held);
  });

  it('refuses a truncated or invalid file, saying what is wrong, and changes nothing', async () => {
    await fill(db);
    const before = await exportBackup(db, 1);
    const text = backupToJson(before);
    expect(() => readBackup(text.slice(0, text.length / 2))).toThrow('err_backup_json');
    // A file that is no backup cut short: empty, or no JSON at all (a CSV, an image chosen by mistake).
    for (const empty of ['', '\uFEFF', ' \n']) expect(() => readBackup(empty)).toThrow('err_backup_empty');
    for (const other of ['handle,name,category\ncnrs,CNRS,academic\n', '\uFFFDPNG\r\n\u001a\n', '[1,2]']) expect(() => readBackup(other)).toThrow('err_backup_not_json');
    // (A backup that starts with a byte order mark or a blank line, as an editor may save it, is read.)
    expect(readBackup(`\uFEFF\n${text}`)).toEqual(readBackup(text));
    const broken = JSON.parse(text) as Backup;
    (broken.tables.partners[0] as { handle: string }).handle = 'Not A Handle!';
    try {
      readBackup(JSON.stringify(broken));
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(BackupRefused);
      expect((e as BackupRefused).detail).toMatch(/^tables\.partners\.0\.handle/);
    }
    expect(() => readBackup(JSON.stringify({ ...before, format: 'something-else' }))).toThrow('err_backup_format');
    expect(() => readBackup(JSON.stringify({ ...before, schema: 99 }))).toThrow('err_backup_newer');
    expect(strip(await exportBackup(db, 2))).toEqual(strip(before));
  });

  it('restores a backup made by an older schema version', async () => {
    // Version 1 had no term counts nor account days, and fewer settings.
    const old = {
      format: 'veille-backup',
      schema: 1,
      exportedAt: 5,
      tables: {
        partners: [{ id: 'p', handle: 'cnrs', name: 'CNRS', category: 'institution', tags: [], note: '', createdAt: 1, updatedAt: 1 }],
        profileSnapshots: [],
        tweetMetrics: [],
        topics: [],
        veilleSessions: [],
        settings: [{ key: 'settings', value: { dailyGoalMinutes: 30 } }],
      },
    };
    await restoreBackup(db, readBackup(JSON.stringify(old)), 'replace');
    expect(await db.partners.count()).toBe(1);
    expect((await exportBackup(db)).tables.settings).toEqual([{ key: 'settings', value: { dailyGoalMinutes: 30 } }]);
  });

  it("restores a schema 4 backup's days (by day alone) as the one imported account's, merged beside another account's", async () => {
    const days = [{ day: '2026-11-12', impressions: 1088, engagements: 13 }];
    const tweet = { tweetId: '1856000000000000001', capturedAt: 3000, source: 'analytics', authorHandle: 'chimiecnrs', impressions: 10 };
    const old = { format: 'veille-backup', schema: 4, exportedAt: 5, tables: { tweetMetrics: [tweet], accountDays: days } };
    expect(readBackup(JSON.stringify(old)).tables.dailyFigures).toEqual([{ account: 'chimiecnrs', ...days[0] }]);
    // Several accounts' tweets: the days are no one's.
    const two = { ...old, tables: { ...old.tables, tweetMetrics: [tweet, { ...tweet, tweetId: '2', authorHandle: 'inria' }] } };
    expect(readBackup(JSON.stringify(two)).tables.dailyFigures).toEqual([{ account: '', ...days[0] }]);
    await db.dailyFigures.put({ account: 'inria', day: '2026-11-12', impressions: 7 });
    expect(await restoreBackup(db, readBackup(JSON.stringify(old)), 'merge')).toMatchObject({ added: 2, kept: 0 });
    expect((await db.dailyFigures.toArray()).map((d) => [d.account, d.impressions])).toEqual([['chimiecnrs', 1088], ['inria', 7]]);
    // A bad day in such a file: refused, named as the file names it.
    const bad = { ...old, tables: { ...old.tables, accountDays: [{ day: '12/11/2026', impressions: 1 }] } };
    expect(() => readBackup(JSON.stringify(bad))).toThrow(/^err_backup_invalid: tables\.accountDays\.0\.day: /);
    // The same day of one account twice: refused, saying where.
    const twice = { ...old, schema: 6, tables: { dailyFigures: [{ account: 'inria', ...days[0] }, { account: 'inria', ...days[0] }] } };
    expect(() => readBackup(JSON.stringify(twice))).toThrow(/^err_backup_invalid: tables\.dailyFigures\.1: err_record_twice$/);
  });

  it("remembers this browser's last backup, which backups do not hold; a restore that replaces everything makes the file the last one", async () => {
    await fill(db);
    expect(await lastBackup(db)).toBeNull();
    const first = await exportBackup(db, 5000);
    const records = Object.values(first.tables).reduce((n, list) => n + list.length, 0);
    expect(await lastBackup(db)).toEqual({ at: 5000, records });
    expect(first.tables.settings.map((r) => r.key)).not.toContain('lastBackup');
    // (The second backup holds the same records: the first one's note is not among them.)
    expect(strip(await exportBackup(db, 6000))).toEqual(strip(first));
    expect(await lastBackup(db)).toEqual({ at: 6000, records });
    const other = await freshDb();
    try {
      await restoreBackup(other, first, 'replace');
      expect(await lastBackup(other)).toEqual({ at: 5000, records });
      // A merge changes nothing of it.
      await restoreBackup(db, { ...first, exportedAt: 1 }, 'merge');
      expect(await lastBackup(db)).toEqual({ at: 6000, records });
    } finally {
      await dropDb(other);
    }
  });

  it('merges: the newest record wins, nothing is lost', async () => {
    await fill(db);
    const backup = await exportBackup(db, 1);
    const p = backup.tables.partners[0]!;
    // Meanwhile the partner was edited here; the backup's copy is older.
    await db.partners.update(p.id, { note: 'newer here', updatedAt: 9999 });
    await db.partners.add({ ...p, id: 'only-here', handle: 'onlyhere', updatedAt: 1 });
    backup.tables.partners.push({ ...p, id: 'only-there', handle: 'onlythere' });
    const s = await restoreBackup(db, backup, 'merge');
    expect(s.added).toBe(1);
    expect((await db.partners.get(p.id))!.note).toBe('newer here');
    expect((await db.partners.toArray()).map((x) => x.handle).sort()).toEqual(['onlyhere', 'onlythere', 'univnantes']);
  });

  it('takes the partner of a backup made before they renamed their handle (here, by user id) as the same partner', async () => {
    await savePartner(db, { handle: 'oldname', name: 'Labo', category: 'academic' }, undefined, 1000);
    await db.partners.toCollection().modify({ userId: '42' });
    const before = await exportBackup(db, 2000);
    // Here, the profile was seen under its new handle: the partner followed it.
    await db.partners.toCollection().modify({ handle: 'newname', updatedAt: 3000 });
    await restoreBackup(db, before, 'merge');
    expect((await db.partners.toArray()).map((x) => x.handle)).toEqual(['newname']);
    // Edited later in the browser that made the backup, which never saw the new handle: its note
    // wins, the handle known here stays.
    before.tables.partners[0] = { ...before.tables.partners[0]!, note: 'edited there', updatedAt: 4000 };
    const s = await restoreBackup(db, before, 'merge');
    expect(s).toMatchObject({ added: 0, updated: 1 });
    expect(await db.partners.toArray()).toMatchObject([{ handle: 'newname', note: 'edited there', userId: '42' }]);
  });
});

describe('partners in a merge', () => {
  it("takes the partner of a backup made before a rename Veille knows without a user id (said in the form) as the same partner; not another account's", async () => {
    const saved = await savePartner(db, { handle: 'univ_nantes', name: 'Nantes Université', category: 'academic' }, undefined, 1000);
    if (!saved.ok) throw new Error('save failed');
    const before = await exportBackup(db, 2000);
    // Here, the CM said the account renamed itself.
    await savePartner(db, { handle: 'univnantes', name: 'Nantes Université', category: 'academic' }, saved.partner.id, 3000, { renamed: true });
    before.tables.partners[0] = { ...before.tables.partners[0]!, note: 'edited there', updatedAt: 4000 };
    expect(await restoreBackup(db, before, 'merge')).toMatchObject({ added: 0, updated: 1 });
    expect(await db.partners.toArray()).toMatchObject([{ handle: 'univnantes', note: 'edited there', formerHandles: [{ handle: 'univ_nantes', until: 3000 }] }]);
    // The old handle taken since by another account, as the file's browser knows by its user id: two partners.
    await db.partners.toCollection().modify({ userId: '42' });
    before.tables.partners[0] = { ...before.tables.partners[0]!, id: 'other', userId: '77', note: 'another account' };
    expect(await restoreBackup(db, before, 'merge')).toMatchObject({ added: 1 });
    expect((await db.partners.toArray()).map((x) => x.handle).sort()).toEqual(['univ_nantes', 'univnantes']);
  });

  it('follows a rename the file knows and this browser does not: one partner, under its new handle, with what this browser kept under the old one', async () => {
    const saved = await savePartner(db, { handle: 'univ_nantes', name: 'Nantes Université', category: 'academic', note: 'here' }, undefined, 1000);
    if (!saved.ok) throw new Error('save failed');
    const snap = (handle: string, day: string, followers: number) => ({ handle, day, capturedAt: Date.parse(`${day}T12:00:00Z`), followers, following: 1, posts: 1 });
    await db.profileSnapshots.put(snap('univ_nantes', '2026-11-01', 5000));
    await db.sources.put({ id: 'r1', label: '@univ_nantes', url: 'https://x.com/univ_nantes', order: 0, createdAt: 1, updatedAt: 1 });
    // There, the CM said it renamed itself, and a later visit of its profile was kept.
    const file = await exportBackup(db, 2000);
    const p = file.tables.partners[0]!;
    file.tables.partners = [{ ...p, handle: 'univnantes', formerHandles: [{ handle: 'univ_nantes', until: 3000 }], updatedAt: 3000 }];
    file.tables.profileSnapshots = [snap('univnantes', '2026-11-01', 5000), snap('univnantes', '2026-11-20', 5200)];
    file.tables.sources = [{ id: 'r1', label: '@univnantes', url: 'https://x.com/univnantes', order: 0, createdAt: 1, updatedAt: 3000 }];
    expect(await restoreBackup(db, file, 'merge')).toMatchObject({ added: 1 });
    expect(await db.partners.toArray()).toMatchObject([{ id: p.id, handle: 'univnantes', note: 'here', formerHandles: [{ handle: 'univ_nantes', until: 3000 }] }]);
    expect((await db.profileSnapshots.toArray()).map((x) => [x.handle, x.day])).toEqual([
      ['univnantes', '2026-11-01'],
      ['univnantes', '2026-11-20'],
    ]);
    expect((await db.sources.toArray()).map((x) => x.url)).toEqual(['https://x.com/univnantes']);
    // Merged again: nothing changes.
    expect(await restoreBackup(db, file, 'merge')).toMatchObject({ added: 0, updated: 0 });
    // The other way: the rename known here, the file of before it brings the old handle's snapshots
    // back: they follow the partner.
    const before = await exportBackup(db, 4000);
    before.tables.partners = [{ ...before.tables.partners[0]!, handle: 'univ_nantes', formerHandles: undefined, updatedAt: 500 }];
    before.tables.profileSnapshots = [snap('univ_nantes', '2026-10-01', 4900)];
    await restoreBackup(db, before, 'merge');
    expect((await db.partners.toArray()).map((x) => x.handle)).toEqual(['univnantes']);
    expect((await db.profileSnapshots.toArray()).map((x) => [x.handle, x.day])).toEqual([
      ['univnantes', '2026-10-01'],
      ['univnantes', '2026-11-01'],
      ['univnantes', '2026-11-20'],
    ]);
  });

  it("keeps what either browser saw of the account (its user id, when it was last seen quoted), whichever's edit wins", async () => {
    // Here, the profile was visited (its user id) and the partner seen quoted; there, its note was edited later.
    await savePartner(db, { handle: 'cnrs', category: 'public_authority', note: 'here' }, undefined, 1000);
    await db.partners.toCollection().modify({ userId: '42', quotedAt: 5000 });
    const file = await exportBackup(db, 1);
    const p = file.tables.partners[0]!;
    file.tables.partners = [{ id: p.id, handle: 'cnrs', name: '', category: 'public_authority', tags: [], note: 'there', createdAt: 1000, updatedAt: 2000, quotedAt: 3000 }];
    expect(await restoreBackup(db, file, 'merge')).toMatchObject({ updated: 1 });
    expect(await db.partners.get(p.id)).toMatchObject({ note: 'there', userId: '42', quotedAt: 5000, updatedAt: 2000 });
    // The other way: the stored edit is the newest, the file's browser saw the account since.
    file.tables.partners = [{ ...file.tables.partners[0]!, note: 'older', updatedAt: 1500, quotedAt: 9000, userId: '42' }];
    await db.partners.update(p.id, { userId: undefined });
    expect(await restoreBackup(db, file, 'merge')).toMatchObject({ updated: 1, kept: expect.any(Number) });
    expect(await db.partners.get(p.id)).toMatchObject({ note: 'there', quotedAt: 9000, userId: '42', updatedAt: 2000 });
    // Merged again: nothing to change.
    expect(await restoreBackup(db, file, 'merge')).toMatchObject({ updated: 0 });
  });
  it('keeps the handles the partner had, as either browser saw them renamed', async () => {
    await savePartner(db, { handle: 'third', category: 'academic' }, undefined, 1000);
    await db.partners.toCollection().modify({ formerHandles: [{ handle: 'first', until: 100 }, { handle: 'second', until: 300 }] });
    const file = await exportBackup(db, 1);
    const p = file.tables.partners[0]!;
    // There, 'second' was seen renamed later, and 'zero' before.
    file.tables.partners = [{ ...p, note: 'there', updatedAt: 2000, formerHandles: [{ handle: 'zero', until: 50 }, { handle: 'second', until: 400 }] }];
    expect(await restoreBackup(db, file, 'merge')).toMatchObject({ updated: 1 });
    expect((await db.partners.get(p.id))!.formerHandles).toEqual([{ handle: 'zero', until: 50 }, { handle: 'first', until: 100 }, { handle: 'second', until: 400 }]);
    expect(await restoreBackup(db, file, 'merge')).toMatchObject({ updated: 0 });
  });
});

describe('the other tables in a merge', () => {
  it("takes the file's record of a key stored here where it is newer, by each table's rule, and keeps the stored one otherwise", async () => {
    await fill(db);
    // Sessions running here (the worker's clock has one open; the other, say, a backup merged back).
    await db.veilleSessions.add({ id: 'running', start: 2500, mode: 'auto' });
    await db.veilleSessions.add({ id: 'here', start: 2600, mode: 'manual' });
    await db.termCounts.add({ day: '2026-11-12', term: 'nature.com', count: 5 });
    await db.profileSnapshots.add({ handle: 'cnrs', day: '2026-11-12', capturedAt: 3000, followers: 900, following: 1, posts: 2 });
    const file = await exportBackup(db, 5000);
    const t = file.tables;
    // The file's browser saw more that day, visited a profile later the same day, and ended the session there.
    t.termCounts = [{ day: '2026-11-12', term: '#chimie', count: 6 }, { day: '2026-11-12', term: 'nature.com', count: 2 }];
    t.profileSnapshots = [
      { ...t.profileSnapshots.find((p) => p.handle === 'univnantes')!, capturedAt: 4000, followers: 12100 },
      { handle: 'cnrs', day: '2026-11-12', capturedAt: 2000, followers: 800, following: 1, posts: 2 },
    ];
    t.veilleSessions = [
      { id: 's1', start: 1000, end: 2000, mode: 'manual' },
      { id: 'running', start: 2500, end: 2900, mode: 'auto' },
      { id: 'here', start: 2600, mode: 'manual' },
    ];
    // Records keyed by their time, and the settings: what is stored here stays.
    t.tweetMetrics = [{ ...t.tweetMetrics[0]!, impressions: 9999 }];
    t.settings = t.settings.map((row) => (row.key === 'settings' ? { ...row, value: { ...(row.value as object), dailyGoalMinutes: 30 } } : row));
    expect(t.settings.some((row) => row.key === 'settings')).toBe(true);
    const summary = await restoreBackup(db, file, 'merge');
    expect(summary).toEqual({ added: 0, updated: 3, kept: recordsOf(file) - 3 });
    expect((await db.termCounts.toArray()).map((c) => [c.term, c.count]).sort()).toEqual([['#chimie', 6], ['nature.com', 5]]);
    expect((await db.profileSnapshots.toArray()).map((p) => [p.handle, p.followers]).sort()).toEqual([['cnrs', 900], ['univnantes', 12100]]);
    expect(await db.veilleSessions.get('running')).toMatchObject({ end: 2900 });
    expect(await db.veilleSessions.get('s1')).toMatchObject({ end: 2000 });
    expect((await db.veilleSessions.get('here'))?.end).toBeUndefined();
    expect((await db.tweetMetrics.toArray()).map((m) => m.impressions)).toEqual([3423]);
    expect((await db.settings.get('settings'))?.value).toMatchObject({ dailyGoalMinutes: 45 });
    // Merged again: all of it is here already.
    expect(await restoreBackup(db, file, 'merge')).toEqual({ added: 0, updated: 0, kept: recordsOf(file) });
  });
});

describe('veille sessions in a restore', () => {
  it("a session still running in the browser that made the file ends when the file was made: this browser's own runs on", async () => {
    const M = 60_000;
    // (9:00 on the clock of the machine, wherever it is.)
    const t0 = new Date(2026, 11, 1, 9).getTime();
    let now = t0;
    const clock = new VeilleClock(db, () => now);
    // (The worker's tick: a heartbeat a minute.)
    const until = async (t: number) => {
      while (now < t) {
        now = Math.min(t, now + M);
        await clock.heartbeat();
      }
    };
    await clock.start();
    // The colleague's backup, made at 9:20 while their veille (started at 9:10) ran.
    const file = readBackup(JSON.stringify({ format: 'veille-backup', schema: 7, exportedAt: t0 + 20 * M, tables: {} }));
    file.tables.veilleSessions = [{ id: 'there', start: t0 + 10 * M, mode: 'manual' }];
    await until(t0 + 30 * M);
    await restoreBackup(db, file, 'merge');
    expect((await clock.open())?.id).not.toBe('there');
    expect(await db.veilleSessions.get('there')).toMatchObject({ end: t0 + 20 * M });
    // At 10:00, this browser's veille has run an hour, and theirs' ten minutes lie within it.
    await until(t0 + 60 * M);
    expect((await clock.today()).ms).toBe(60 * M);
    expect((await clock.today()).running).not.toBeNull();
    // The same file restored whole in place of everything: its session ended too.
    await restoreBackup(db, file, 'replace');
    expect(await db.veilleSessions.toArray()).toEqual([{ id: 'there', start: t0 + 10 * M, end: t0 + 20 * M, mode: 'manual' }]);
    // A backup of this browser merged back while its session runs: that session runs on.
    await clock.start();
    const own = await exportBackup(db, now);
    await until(now + 5 * M);
    await restoreBackup(db, own, 'merge');
    expect((await clock.today()).running).not.toBeNull();
  });
});

describe('topics in a merge', () => {
  it('takes a topic saved from the same address in another browser as the same topic: one card, neither note lost', async () => {
    const here = await saveTopic(db, { title: 'CRISPR et blé', url: 'https://x.com/UnivNantes/status/1900000000000000000', tags: ['santé'], note: 'À proposer' }, { now: 1000 });
    await saveTopic(db, { title: 'Only here', url: 'https://example.org/here' }, { now: 1000 });
    if (!here.ok) throw new Error('not saved');
    // A colleague's browser saved the same tweet (its address as they had it), moved it on, noted something else.
    const file = readBackup(JSON.stringify({ format: 'veille-backup', schema: 7, exportedAt: 5, tables: {} }));
    const theirs = { id: 'there-1', title: 'Blé CRISPR (Nantes)', url: 'https://x.com/UnivNantes/status/1900000000000000000', status: 'proposed' as const, tags: ['agri'], hashtags: ['#crispr'], note: 'Vu par la presse', createdAt: 500, updatedAt: 3000 };
    file.tables.topics = [theirs, { ...theirs, id: 'there-2', title: 'Only there', url: 'https://example.org/there', note: '', tags: [] }];
    expect(await restoreBackup(db, file, 'merge')).toMatchObject({ added: 1, updated: 1 });
    const topics = await db.topics.toArray();
    expect(topics.map((t) => t.title).sort()).toEqual(['Blé CRISPR (Nantes)', 'Only here', 'Only there']);
    expect(await db.topics.get(here.topic.id)).toMatchObject({
      status: 'proposed',
      note: 'Vu par la presse\n\nÀ proposer',
      tags: ['agri', 'santé'],
      hashtags: ['#crispr'],
      createdAt: 500,
      updatedAt: 3000,
      sourceTweetId: '1900000000000000000',
      // (Its address as this browser wrote it.)
      url: 'https://x.com/univnantes/status/1900000000000000000',
    });
    // Merged again: nothing changes, both of the file's topics are here already.
    expect(await restoreBackup(db, file, 'merge')).toEqual({ added: 0, updated: 0, kept: 2 });
    expect(await db.topics.count()).toBe(3);
    // Edited here since: this browser's status and title win; the colleague's words stay.
    await db.topics.update(here.topic.id, { status: 'published', publishedAt: 4000, title: 'Publié', updatedAt: 4000 });
    await restoreBackup(db, file, 'merge');
    expect(await db.topics.get(here.topic.id)).toMatchObject({ status: 'published', publishedAt: 4000, title: 'Publié', note: 'Vu par la presse\n\nÀ proposer' });
    expect(await db.topics.count()).toBe(3);
  });

  it('makes one topic of two saved from one address in the file', async () => {
    const file = readBackup(JSON.stringify({ format: 'veille-backup', schema: 7, exportedAt: 5, tables: {} }));
    const t = { title: 'A', url: 'https://example.org/a?utm_source=x', status: 'new' as const, tags: [], hashtags: [], note: 'one', createdAt: 1, updatedAt: 1 };
    file.tables.topics = [{ ...t, id: 'a' }, { ...t, id: 'b', url: 'https://www.example.org/a', note: 'two', updatedAt: 2 }];
    await restoreBackup(db, file, 'merge');
    expect(await db.topics.toArray()).toMatchObject([{ id: 'a', note: 'two\n\none', updatedAt: 2 }]);
  });
});

describe("the veille's round in a merge", () => {
  it('takes a place held under another id (another browser) as the same place, and its visits follow it', async () => {
    const place = (id: string, url: string, label: string, updatedAt = 1000) => ({ id, label, url, order: 0, createdAt: 1000, updatedAt });
    await db.sources.bulkAdd([place('here-1', 'https://x.com/search?q=%23chimie', '#chimie'), place('shared-id', 'https://example.org/here', 'Here')]);
    await db.sourceVisits.add({ source: 'here-1', day: '2026-12-01', at: 1 });
    // A file from another browser, holding only its round.
    const file = readBackup(JSON.stringify({ format: 'veille-backup', schema: 7, exportedAt: 5, tables: {} }));
    file.tables.sources = [
      // The same search (a hashtag's page), renamed there later: the newest wins, under this browser's id.
      place('there-1', 'https://twitter.com/hashtag/Chimie', '#chimie (there)', 2000),
      // Another place, whose id is taken here: a new id.
      place('shared-id', 'https://example.org/there', 'There'),
    ];
    file.tables.sourceVisits = [
      { source: 'there-1', day: '2026-12-01', at: 2 },
      { source: 'there-1', day: '2026-12-02', at: 3 },
      { source: 'shared-id', day: '2026-12-02', at: 4 },
    ];
    await restoreBackup(db, file, 'merge');
    const sources = await db.sources.toArray();
    expect(sources.map((x) => [x.id, x.label]).sort()).toEqual(
      [['here-1', '#chimie (there)'], ['shared-id', 'Here'], [sources.find((x) => x.label === 'There')!.id, 'There']].sort(),
    );
    const there = sources.find((x) => x.label === 'There')!.id;
    expect(there).not.toBe('shared-id');
    const visits = (await db.sourceVisits.toArray()).map((v) => `${v.source} ${v.day}`).sort();
    expect(visits).toEqual([`${there} 2026-12-02`, 'here-1 2026-12-01', 'here-1 2026-12-02'].sort());
  });
});

describe('a backup with records out of shape', () => {
  /** This browser's backup as a file's JSON, changed by `damage`. */
  async function damaged(damage: (tables: Record<string, Record<string, unknown>[]>) => void): Promise<string> {
    await fill(db);
    const json = JSON.parse(backupToJson(await exportBackup(db, 5))) as { tables: Record<string, Record<string, unknown>[]> };
    damage(json.tables);
    return JSON.stringify(json);
  }

  it('is read without them, each named by its table, place and field, and the others restore', async () => {
    const text = await damaged((tables) => {
      const partner = tables.partners![0]!;
      // A handle no one can have; then two partners of one handle (seen once the first is left out).
      tables.partners = [{ ...partner, id: 'p-bad', handle: 'not a handle!' }, partner, { ...partner, id: 'p-twice' }, { ...partner, id: 'p-cnrs', handle: 'cnrs' }];
      // A time in fractions, and a day before Twitter.
      tables.tweetMetrics!.push({ tweetId: '1856000000000000009', capturedAt: 4000.5, source: 'page', likes: 1 });
      tables.dailyFigures!.push({ account: 'univnantes', day: '210-08-01', impressions: 1, engagements: 0 });
    });
    // Strictly read, as before: refused, naming the first.
    expect(() => readBackup(text)).toThrow(BackupRefused);
    const { backup, leftOut } = readBackupFile(text);
    expect(leftOut).toEqual([
      { table: 'partners', record: 1, field: 'handle', why: 'err_stored_handle', value: 'not a handle!' },
      { table: 'partners', record: 3, field: 'handle', why: 'err_record_twice', value: 'univnantes', same: 2 },
      { table: 'tweetMetrics', record: 2, field: 'capturedAt', why: expect.stringMatching(/^err_record_/), value: '4000.5' },
      { table: 'dailyFigures', record: 2, field: 'day', why: expect.stringMatching(/^err_/), value: '210-08-01' },
    ]);
    expect(backup.tables.partners.map((p) => p.handle)).toEqual(['univnantes', 'cnrs']);
    expect(recordsOf(backup)).toBe(11);
    // Restored: all the others, nothing of the ones left out.
    const other = await freshDb();
    try {
      expect(await restoreBackup(other, backup, 'merge')).toMatchObject({ added: 11 });
      expect((await other.partners.toArray()).map((p) => p.handle).sort()).toEqual(['cnrs', 'univnantes']);
      expect(await other.tweetMetrics.count()).toBe(1);
      expect(await other.dailyFigures.count()).toBe(1);
    } finally {
      await dropDb(other);
    }
  });

  it("names settings whose time away is out of shape, and says why in the CM's words", async () => {
    await saveSettings(db, { awayPeriods: [{ from: '2026-12-21', to: '2027-01-03' }] });
    const whole = await damaged(() => undefined);
    for (const [awayPeriods, field, why] of [
      [[{ from: '2026-12-21', to: '2028-01-03' }], 'value.awayPeriods.0', 'err_away_long'],
      [[{ from: '2026-12-21', to: '2027-01-03' }, { from: '2027-01-02', to: '2027-01-05' }], 'value.awayPeriods', 'err_away_overlap_any'],
      [[{ from: '2026-02-30', to: '2026-03-01' }], 'value.awayPeriods.0.from', 'err_away_day'],
    ] as const) {
      const json = JSON.parse(whole) as { tables: Record<string, Record<string, unknown>[]> };
      const row = json.tables.settings!.find((r) => r.key === 'settings')!;
      row.value = { ...(row.value as object), awayPeriods };
      expect(readBackupFile(JSON.stringify(json)).leftOut).toEqual([expect.objectContaining({ table: 'settings', field, why })]);
    }
  });

  it("names settings rows out of shape, and a setting it does not know, and says why in the CM's words", async () => {
    const whole = await damaged(() => undefined);
    /** The file with its settings row changed, and more rows. */
    const withSettings = (change: Record<string, unknown>, ...rows: Record<string, unknown>[]) => {
      const json = JSON.parse(whole) as { tables: Record<string, Record<string, unknown>[]> };
      const row = json.tables.settings!.find((r) => r.key === 'settings')!;
      row.value = { ...(row.value as object), ...change };
      json.tables.settings!.push(...rows);
      return JSON.stringify(json);
    };
    const { backup, leftOut } = readBackupFile(withSettings({ veilleDays: [1, 10] }, { key: 'colour', value: 'blue' }));
    expect(leftOut).toEqual([
      { table: 'settings', record: 1, field: 'value.veilleDays.1', why: 'err_record_bounds', value: '10' },
      { table: 'settings', record: 2, field: 'key', why: 'err_setting_unknown', value: 'colour' },
    ]);
    expect(backup.tables.settings).toEqual([]);
    // A value of the wrong kind within a row; a field its schema names a reason for.
    expect(readBackupFile(withSettings({ veilleDays: ['lundi'] })).leftOut).toEqual([{ table: 'settings', record: 1, field: 'value.veilleDays.0', why: 'err_record_type', value: 'lundi' }]);
    expect(readBackupFile(withSettings({ awayPeriods: [{ from: '2026-12-21' }] })).leftOut).toEqual([{ table: 'settings', record: 1, field: 'value.awayPeriods.0.to', why: 'err_away_day' }]);
  });

  it('names a record twice, seen only once a record of the wrong type is left out, by its place in the file', async () => {
    const text = await damaged((tables) => {
      const partner = tables.partners![0]!;
      // (A record of the wrong type stops the check for records twice: it runs once that one is left out.)
      tables.partners = [{ ...partner, id: 'p-bad', createdAt: 'yesterday' }, { ...partner, id: 'p-cnrs', handle: 'cnrs' }, partner, { ...partner, id: 'p-twice' }];
    });
    const { backup, leftOut } = readBackupFile(text);
    expect(leftOut).toEqual([
      { table: 'partners', record: 1, field: 'createdAt', why: 'err_record_type', value: 'yesterday' },
      // (The earlier one by its place in the file, though the check ran without record 1.)
      { table: 'partners', record: 4, field: 'handle', why: 'err_record_twice', value: 'univnantes', same: 3 },
    ]);
    expect(backup.tables.partners.map((p) => p.handle)).toEqual(['cnrs', 'univnantes']);
  });

  it("says why in words the page translates, with the value in the file, cut when long; a field missing, as missing", async () => {
    const text = await damaged((tables) => {
      const topic = tables.topics![0]!;
      tables.topics!.push({ ...topic, id: 't-status', status: 'archived' }, { ...topic, id: 't-title', title: 'x'.repeat(500) });
      const { title: _, ...untitled } = topic;
      tables.topics!.push({ ...untitled, id: 't-none' });
      tables.veilleSessions!.push({ id: 's-text', start: 'yesterday', mode: 'manual' });
    });
    expect(readBackupFile(text).leftOut).toEqual([
      { table: 'topics', record: 2, field: 'status', why: 'err_record_value', value: 'archived' },
      { table: 'topics', record: 3, field: 'title', why: expect.stringMatching(/^err_/), value: `${'x'.repeat(39)}…` },
      { table: 'topics', record: 4, field: 'title', why: expect.stringMatching(/^err_/) },
      { table: 'veilleSessions', record: 2, field: 'start', why: 'err_record_type', value: 'yesterday' },
    ]);
  });

  it("names a day of a backup made before schema 5 in the file's own table, accountDays", async () => {
    const text = await damaged(() => {});
    const json = JSON.parse(text) as { schema: number; tables: Record<string, unknown> };
    json.schema = 4;
    json.tables.accountDays = [{ day: '2026-11-12', impressions: 1, engagements: 0 }, { day: 'hier', impressions: 1, engagements: 0 }];
    delete json.tables.dailyFigures;
    const { backup, leftOut } = readBackupFile(JSON.stringify(json));
    expect(leftOut).toMatchObject([{ table: 'accountDays', record: 2, field: 'day' }]);
    expect(backup.tables.dailyFigures.map((d) => d.day)).toEqual(['2026-11-12']);
  });

  it('is refused when what is wrong is the file itself, or when no record is left', async () => {
    const text = await damaged(() => {});
    expect(() => readBackupFile(text.replace('"veille-backup"', '"other-app"'))).toThrow(expect.objectContaining({ key: 'err_backup_format' }));
    const json = JSON.parse(text) as { tables: Record<string, unknown> };
    json.tables.partners = 'none';
    // (Where, and why in words the page translates.)
    expect(() => readBackupFile(JSON.stringify(json))).toThrow(expect.objectContaining({ key: 'err_backup_invalid', detail: 'tables.partners', why: 'err_record_type' }));
    const { exportedAt: _, ...undated } = JSON.parse(text) as Record<string, unknown>;
    expect(() => readBackupFile(JSON.stringify(undated))).toThrow(expect.objectContaining({ key: 'err_backup_invalid', detail: 'exportedAt', why: 'err_record_missing' }));
    // No record left once those out of shape are: the first named, in the file's own table (before schema 5, accountDays).
    const days = { format: 'veille-backup', schema: 4, exportedAt: 1, tables: { accountDays: [{ day: '12/11/2026', impressions: 1 }] } };
    expect(() => readBackupFile(JSON.stringify(days))).toThrow(expect.objectContaining({ key: 'err_backup_invalid', detail: 'tables.accountDays.0.day', why: 'err_record_format' }));
    const nothing = { format: 'veille-backup', schema: 7, exportedAt: 1, tables: { partners: [{ handle: '!' }], topics: [{ id: 1 }] } };
    expect(() => readBackupFile(JSON.stringify(nothing))).toThrow(expect.objectContaining({ key: 'err_backup_invalid', detail: 'tables.partners.0.handle', why: 'err_stored_handle' }));
  });

  it("damaged at random, is refused or read, and whatever it says is said in the CM's language; what it reads restores", async () => {
    const text = await damaged(() => undefined);
    /** What a damaged backup may gain: JSON's own pieces, and values of the wrong kind. */
    const pieces = [',', '"', '\n', ' ', '-', '.', '0', '9', '1e+18', '-1', 'null', 'true', '[]', '{}', '"x"', '{"a":1}', '"key":', 'é', '\uFEFF'];
    const messages = new Set(Object.keys(en));
    const said = { refused: 0, leftOut: 0 };
    await fc.assert(
      fc.asyncProperty(edits, async (list) => {
        const context = JSON.stringify(list);
        let read: ReturnType<typeof readBackupFile>;
        try {
          read = readBackupFile(damage(text, list, pieces));
        } catch (e) {
          expect(e, context).toBeInstanceOf(BackupRefused);
          const { key, why } = e as BackupRefused;
          expect(messages.has(key), `${context}: ${key}`).toBe(true);
          if (why !== undefined) expect(messages.has(why), `${context}: ${why}`).toBe(true);
          said.refused++;
          return;
        }
        for (const r of read.leftOut) {
          expect(messages.has(r.why), `${context}: ${JSON.stringify(r)}`).toBe(true);
          expect(r.record, context).toBeGreaterThan(r.same ?? 0);
          said.leftOut++;
        }
        const other = await freshDb();
        try {
          await restoreBackup(other, read.backup, 'merge');
          await restoreBackup(other, read.backup, 'replace');
        } finally {
          await dropDb(other);
        }
      }),
      { numRuns: 500, seed: 2026 },
    );
    // (Most damage breaks the JSON; some leaves records out of shape.)
    expect(said.refused).toBeGreaterThan(200);
    expect(said.leftOut).toBeGreaterThan(20);
  }, 60_000);

  it('is read by the backup worker, which counts the records left out and names the first five', async () => {
    const text = await damaged((tables) => {
      for (let i = 0; i < 7; i++) tables.termCounts!.push({ day: `2026-11-2${i}`, term: '#x', count: -i - 1 });
    });
    const other = await freshDb();
    try {
      const ask = backupAnswerer((name) => (name === db.name ? db : other));
      const read = await ask({ id: 1, dbName: other.name, op: 'read', file: new Blob([text]) });
      expect(read).toMatchObject({ ok: true, contents: { records: 10, leftOut: 7 } });
      const shown = read.ok ? read.contents!.leftOutShown : [];
      expect(shown.map((r) => `${r.table} ${r.record} ${r.field} ${r.why} ${r.value}`)).toEqual([
        'termCounts 2 count err_record_bounds -1',
        'termCounts 3 count err_record_bounds -2',
        'termCounts 4 count err_record_bounds -3',
        'termCounts 5 count err_record_bounds -4',
        'termCounts 6 count err_record_bounds -5',
      ]);
      expect(await ask({ id: 2, dbName: other.name, op: 'restore', mode: 'replace' })).toMatchObject({ ok: true, summary: { added: 10 } });
      expect(await other.termCounts.count()).toBe(1);
    } finally {
      await dropDb(other);
    }
  });
});

describe("the options page's backup worker", () => {
  it('writes a file, reads one (saying what it holds), restores what it read once; refuses a bad file and changes nothing', async () => {
    await fill(db);
    const other = await freshDb();
    try {
      const ask = backupAnswerer((name) => (name === db.name ? db : other));
      const ok = (a: BackupAnswer) => {
        if (!a.ok) throw new Error(a.detail);
        return a;
      };
      const written = ok(await ask({ id: 1, dbName: db.name, op: 'export', now: 5 }));
      expect(written.id).toBe(1);
      const file = written.file!;
      expect(file.type).toBe('application/json');
      expect(readBackup(await file.text())).toEqual(await exportBackup(db, 5));
      // Nothing read yet: nothing to restore.
      expect(await ask({ id: 2, dbName: other.name, op: 'restore', mode: 'merge' })).toEqual({ id: 2, ok: false, detail: 'no backup file read' });
      expect(ok(await ask({ id: 3, dbName: other.name, op: 'read', file })).contents).toEqual({ exportedAt: 5, records: 10, leftOut: 0, leftOutShown: [] });
      expect(ok(await ask({ id: 4, dbName: other.name, op: 'restore', mode: 'merge' })).summary).toEqual({ added: 10, updated: 0, kept: 0 });
      expect(strip(await exportBackup(other, 6))).toEqual(strip(await exportBackup(db, 6)));
      // Restored once: not again.
      expect((await ask({ id: 5, dbName: other.name, op: 'restore', mode: 'replace' })).ok).toBe(false);
      // A truncated file: refused with its reason, and what was read before it is forgotten.
      const text = await file.text();
      expect(ok(await ask({ id: 6, dbName: other.name, op: 'read', file })).contents?.records).toBe(10);
      expect(await ask({ id: 7, dbName: other.name, op: 'read', file: new Blob([text.slice(0, 100)]) })).toMatchObject({ id: 7, ok: false, key: 'err_backup_json' });
      expect((await ask({ id: 8, dbName: other.name, op: 'restore', mode: 'replace' })).ok).toBe(false);
      expect(strip(await exportBackup(other, 6))).toEqual(strip(await exportBackup(db, 6)));
      // A file read, then the CM cancels: forgotten.
      expect(ok(await ask({ id: 9, dbName: other.name, op: 'read', file })).contents?.records).toBe(10);
      expect(await ask({ id: 10, dbName: other.name, op: 'forget' })).toEqual({ id: 10, ok: true });
      expect((await ask({ id: 11, dbName: other.name, op: 'restore', mode: 'replace' })).ok).toBe(false);
    } finally {
      await dropDb(other);
    }
  });

  it("says a disk full as a restore writes in Veille's words, and the restore changes nothing", async () => {
    await fill(db);
    const other = await freshDb();
    try {
      const ask = backupAnswerer((name) => (name === db.name ? db : other));
      const written = await ask({ id: 1, dbName: db.name, op: 'export', now: 5 });
      if (!written.ok) throw new Error(written.detail);
      expect((await ask({ id: 2, dbName: other.name, op: 'read', file: written.file! })).ok).toBe(true);
      other.partners.hook('creating', () => {
        throw new DOMException('Encountered full disk quota', 'QuotaExceededError');
      });
      expect(await ask({ id: 3, dbName: other.name, op: 'restore', mode: 'replace' })).toEqual({ id: 3, ok: false, detail: 'err_cause_quota' });
      expect(await other.partners.count()).toBe(0);
      expect(await other.veilleSessions.count()).toBe(0);
    } finally {
      await dropDb(other);
    }
  });
});

describe('properties', () => {
  const handle = fc.stringMatching(/^[a-z0-9_]{1,15}$/);
  const partner = fc.record({
    id: fc.uuid(),
    handle,
    name: fc.string({ maxLength: 100 }).map((s) => s.trim()),
    category: fc.constantFrom('academic', 'industry', 'journal', 'public_authority', 'media', 'institution', 'other' as const),
    tags: fc.uniqueArray(fc.stringMatching(/^[a-zé]{1,10}$/), { maxLength: 5, selector: (x) => x.toLowerCase() }),
    note: fc.string({ maxLength: 200 }).map((s) => s.trim()),
    createdAt: fc.nat(),
    updatedAt: fc.nat(),
  });
  const session = fc.record({ id: fc.uuid(), start: fc.nat({ max: 1e12 }), mode: fc.constantFrom('manual', 'auto' as const) }).chain((s) =>
    fc.nat({ max: 1e7 }).map((d) => ({ ...s, end: s.start + d + 1 })),
  );
  const metric = fc.record({
    tweetId: fc.stringMatching(/^[1-9]\d{0,18}$/),
    capturedAt: fc.nat({ max: 1e12 }),
    source: fc.constantFrom('page', 'analytics', 'archive' as const),
    likes: fc.nat(),
    impressions: fc.nat(),
  });

  it('export then restore is the identity, on random valid data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(partner, { selector: (p) => p.handle, maxLength: 8 }),
        fc.uniqueArray(session, { selector: (s) => s.id, maxLength: 8 }),
        fc.uniqueArray(metric, { selector: (m) => `${m.tweetId}|${m.capturedAt}`, maxLength: 8 }),
        async (partners, sessions, metrics) => {
          const a = await freshDb();
          const b = await freshDb();
          try {
            await a.partners.bulkAdd(partners);
            await a.veilleSessions.bulkAdd(sessions);
            await a.tweetMetrics.bulkAdd(metrics);
            const backup = await exportBackup(a, 1);
            await restoreBackup(b, readBackup(backupToJson(backup)), 'replace');
            expect(strip(await exportBackup(b, 1))).toEqual(strip(backup));
          } finally {
            await dropDb(a);
            await dropDb(b);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a corrupt file changes nothing', async () => {
    await fill(db);
    const before = await exportBackup(db, 1);
    const text = backupToJson(before);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: text.length - 2 }), fc.integer({ min: 1, max: 40 }), async (at, cut) => {
        // Truncate the file, or cut a piece out of it.
        const corrupt = cut > 30 ? text.slice(0, at) : text.slice(0, at) + text.slice(Math.min(text.length, at + cut));
        let parsed: Backup | null = null;
        try {
          parsed = readBackup(corrupt);
        } catch (e) {
          expect(e).toBeInstanceOf(BackupRefused);
        }
        // Some cuts leave valid JSON of the same shape (a space, a letter of an id): those restore
        // as valid data, and merge without breaking anything.
        if (parsed) await restoreBackup(db, parsed, 'merge');
        else expect(strip(await exportBackup(db, 1))).toEqual(strip(before));
        await db.transaction('rw', db.tables, async () => {
          for (const t of db.tables) await t.clear();
        });
        await restoreBackup(db, before, 'replace');
      }),
      { numRuns: 60 },
    );
  });
});
