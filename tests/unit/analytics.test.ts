import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportRefused, accountOfFileName, parseArchive, parseCsvExport, parseExport, parseExportDate, readExportFile } from '@/lib/analytics';

describe('dates as the exports write them', () => {
  it.each([
    ['2019-01-31 17:05 +0000', Date.UTC(2019, 0, 31, 17, 5)],
    ['2016-02-29 16:55 +0000', Date.UTC(2016, 1, 29, 16, 55)],
    ['2021-08-01', Date.UTC(2021, 7, 1)],
    ['Sat, Aug 15, 2026', Date.UTC(2026, 7, 15)],
    ['Mon Feb 17 2025', Date.UTC(2025, 1, 17)],
    ['Thu Nov 03 08:50:26 +0000 2022', Date.UTC(2022, 10, 3, 8, 50, 26)],
    // As X writes dates in French, and in British English.
    ['sam. 15 août 2026', Date.UTC(2026, 7, 15)],
    ['15 août 2026', Date.UTC(2026, 7, 15)],
    ['ven. 21 mars 2025', Date.UTC(2025, 2, 21)],
    ['1 févr. 2025', Date.UTC(2025, 1, 1)],
    ['3 juin 2026', Date.UTC(2026, 5, 3)],
    ['3 juil. 2026', Date.UTC(2026, 6, 3)],
    ['mardi 1 décembre 2026', Date.UTC(2026, 11, 1)],
    ['Sat, 15 Aug 2026', Date.UTC(2026, 7, 15)],
    // Other offsets and forms of the same, and spaces as a spreadsheet may leave them.
    ['2019-01-31 23:32 -0500', Date.UTC(2019, 1, 1, 4, 32)],
    ['2019-01-31T23:32:10+01:30', Date.UTC(2019, 0, 31, 22, 2, 10)],
    ['2019-01-31 23:32Z', Date.UTC(2019, 0, 31, 23, 32)],
    ['  Sat,  Aug  15,  2026 ', Date.UTC(2026, 7, 15)],
    ['Aug 15 2026', Date.UTC(2026, 7, 15)],
    ['15 janvier 2026', Date.UTC(2026, 0, 15)],
    ['5 mai 2026', Date.UTC(2026, 4, 5)],
    ['jeu.,  30 avril 2026', Date.UTC(2026, 3, 30)],
    ['Tue, 1 Sept 2026', Date.UTC(2026, 8, 1)],
  ])('%s', (raw, t) => expect(parseExportDate(raw)).toBe(t));
  it.each(['', 'yesterday', '2026-02-30', '2026-13-01', 'Foo Aug 15, 2026', '15/08/2026', '15 foo 2026', '31 févr. 2026', '3 juil. 2026 12:00', 'Sat, Aug 15, 2026, 9:00', '2019-01-31 24:00', '2019-01-31 23:60 +0000', '2019-1-31', 'Feb 30, 2026', '1 Aug 1999'])('%j is not a date', (raw) => expect(parseExportDate(raw)).toBeNull());
});

import { localDayOf } from '@/lib/time';
import { ARCHIVE, DAILY, LEGACY_EN, LEGACY_FR, OVERVIEW, PREMIUM, PREMIUM_EARLY, PREMIUM_FR } from '../fixtures/analytics';

// (An export's period is made of the CM's days of its tweets' posting, where the tests run: Paris,
// or VEILLE_UNIT_TZ. time-zone-tokyo.test.ts shows a tweet changing day.)

describe('the project fixtures, one of each format', () => {
  it('legacy per-tweet, English: exact ids, floats as counts, mentions', () => {
    const r = parseCsvExport(LEGACY_EN);
    expect(r).toMatchObject({ format: 'legacy-tweets', language: 'en', rows: 2, errors: [], period: { from: localDayOf(Date.UTC(2026, 10, 12, 9, 30)), to: localDayOf(Date.UTC(2026, 10, 13, 10)) } });
    expect(r.tweets[0]).toEqual({
      tweetId: '1856000000000000001', capturedAt: Date.UTC(2026, 10, 12, 9, 30), postedAt: Date.UTC(2026, 10, 12, 9, 30), source: 'analytics', authorHandle: 'chimiecnrs',
      impressions: 3423, engagements: 120, engagementRate: 0.035057, reposts: 12, replies: 3, likes: 80, profileClicks: 5, urlClicks: 9, detailExpands: 10,
      mentions: ['univnantes', 'minesnantes'],
      text: 'Bravo @UnivNantes et @minesnantes !\nNouvelle molécule #chimie',
    });
  });
  it('the text as the tweet says it: X\'s HTML entities read back', () => {
    const r = parseCsvExport(LEGACY_EN.replace('Nouvelle molécule #chimie', 'R &amp; D &lt;3 &gt; &amp;lt; &quot;ok&quot;'));
    expect(r.tweets[0]!.text).toBe('Bravo @UnivNantes et @minesnantes !\nR & D <3 > &lt; "ok"');
  });
  it('legacy per-tweet, French headers', () => {
    const r = parseCsvExport(`\uFEFF${LEGACY_FR}`);
    expect(r).toMatchObject({ format: 'legacy-tweets', language: 'fr', rows: 1 });
    expect(r.tweets[0]).toMatchObject({ tweetId: '704349316157194240', impressions: 100, engagementRate: 0.02, likes: 2 });
  });
  it('X Premium content, current and early', () => {
    const a = parseCsvExport(PREMIUM);
    expect(a.format).toBe('premium-content');
    expect(a.tweets[0]).toMatchObject({ tweetId: '2088707180694323466', postedAt: Date.parse('2026-08-15T19:19:32.837Z'), capturedAt: Date.UTC(2026, 7, 15), impressions: 44, likes: 1, engagements: 3, replies: 1, detailExpands: 1, mentions: ['cnrs'] });
    expect(a.tweets[0]!.engagementRate).toBeCloseTo(3 / 44);
    const b = parseCsvExport(PREMIUM_EARLY);
    expect(b).toMatchObject({ format: 'premium-content-early', period: { from: localDayOf(Date.parse('2025-03-20T07:24:41.552Z')), to: localDayOf(Date.parse('2025-03-20T07:24:41.552Z')) } });
    expect(b.tweets[0]).toMatchObject({ tweetId: '1902622306553184746', impressions: 33 });
  });
  it('the per-day export with French headers', () => {
    const text = ['"Date","Tweets publiés","impressions","engagements","taux d’engagement","Retweets","réponses","J\'aime","abonnements "', '"2016-02-01","2","1088","13","0.0119","1","0","2","3"'].join('\n');
    expect(parseCsvExport(text)).toMatchObject({
      format: 'legacy-daily',
      language: 'fr',
      errors: [],
      days: [{ day: '2016-02-01', posts: 2, impressions: 1088, engagements: 13, engagementRate: 0.0119, reposts: 1, replies: 0, likes: 2, newFollows: 3 }],
    });
  });
  it('a date without its time: the tweet\'s id dates it, when it falls on that day', () => {
    // (The X Premium exports write only the day; in New York, midnight UTC is the day before.)
    const day = (date: string, id: string) => parseCsvExport(PREMIUM.replace('"Sat, Aug 15, 2026"', date).replaceAll('2088707180694323466', id)).tweets[0]!;
    expect(day('"Sat, Aug 15, 2026"', '2088707180694323466')).toMatchObject({ postedAt: Date.parse('2026-08-15T19:19:32.837Z'), capturedAt: Date.UTC(2026, 7, 15) });
    // An id of another day (or no snowflake) leaves the day as written.
    expect(day('"Sun, Aug 16, 2026"', '2088707180694323466').postedAt).toBe(Date.parse('2026-08-15T19:19:32.837Z'));
    expect(day('"Tue, Aug 18, 2026"', '2088707180694323466').postedAt).toBe(Date.UTC(2026, 7, 18));
    expect(day('"Sat, Aug 15, 2026"', '12345').postedAt).toBe(Date.UTC(2026, 7, 15));
    // The same from a date a spreadsheet rewrote.
    expect(day('8/15/2026', '2088707180694323466')).toMatchObject({ postedAt: Date.parse('2026-08-15T19:19:32.837Z'), capturedAt: Date.UTC(2026, 7, 15) });
  });
  it('per-day exports', () => {
    expect(parseCsvExport(DAILY)).toMatchObject({ format: 'legacy-daily', days: [{ day: '2021-08-01', posts: 0, impressions: 1088, engagements: 13, likes: 2 }] });
    expect(parseCsvExport(OVERVIEW)).toMatchObject({ format: 'premium-overview', days: [{ day: '2025-03-21', impressions: 1070, likes: 11, engagements: 32, unfollows: 0, profileClicks: 6 }] });
  });
  it('the account archive', () => {
    const r = parseExport('tweets.js', ARCHIVE);
    expect(r).toMatchObject({ format: 'archive', rows: 1, errors: [] });
    expect(r.tweets[0]).toEqual({ tweetId: '1588091220244369409', capturedAt: Date.UTC(2022, 10, 3, 8, 50, 26) + 1, postedAt: Date.UTC(2022, 10, 3, 8, 50, 26), source: 'archive', likes: 12, reposts: 3, mentions: ['univnantes'] });
    expect(parseExport('tweet.js', ARCHIVE.replace('tweets.part0', 'tweet.part0')).tweets).toHaveLength(1);
  });
  it("dates the archive's counts by its file's date (the archive's, kept by its zip), never before the tweet", async () => {
    const made = Date.UTC(2026, 10, 20, 10);
    const file = new File([ARCHIVE], 'tweets.js', { lastModified: made });
    expect((await readExportFile(file, () => {}, new AbortController().signal)).tweets[0]).toMatchObject({ capturedAt: made, postedAt: Date.UTC(2022, 10, 3, 8, 50, 26) });
    const odd = new File([ARCHIVE], 'tweets.js', { lastModified: Date.UTC(1980, 0, 1) });
    expect((await readExportFile(odd, () => {}, new AbortController().signal)).tweets[0]!.capturedAt).toBe(Date.UTC(2022, 10, 3, 8, 50, 26) + 1);
  });
  it("the archive's reposts of others' tweets are left out (an id of their own, the original's figures)", () => {
    const repost = ARCHIVE.replace('"Avec @UnivNantes"', '"RT @UnivNantes: Portes ouvertes du labo"').replace('1588091220244369409', '1588091220244369410');
    const both = repost.replace(/\]\s*$/, `, ${/\{ "tweet".*\} \}/.exec(ARCHIVE)![0]} ]`);
    const r = parseExport('tweets.js', both);
    expect(r).toMatchObject({ rows: 2, errors: [] });
    expect(r.tweets.map((x) => x.tweetId)).toEqual(['1588091220244369409']);
  });
});

describe("X Premium's exports in another language: read by their columns' order", () => {
  // (The columns of the English export, in its order; the headers in X's French, or Japanese.)
  const FR_CONTENT = PREMIUM_FR;
  it('the content export in French: each figure in its place, the date read', () => {
    const r = parseCsvExport(FR_CONTENT);
    expect(r).toMatchObject({ format: 'premium-content', language: 'fr', errors: [], period: { from: localDayOf(Date.parse('2026-08-15T19:19:32.837Z')), to: localDayOf(Date.parse('2026-08-15T19:19:32.837Z')) } });
    expect(r.tweets).toEqual([
      {
        tweetId: '2088707180694323466', capturedAt: Date.UTC(2026, 7, 15), postedAt: Date.parse('2026-08-15T19:19:32.837Z'), source: 'analytics', authorHandle: 'chimiecnrs',
        impressions: 44, likes: 1, engagements: 3, engagementRate: 3 / 44, bookmarks: 2, replies: 1, reposts: 5, profileClicks: 7, detailExpands: 1, urlClicks: 4,
        mentions: ['cnrs'], text: '@cnrs bravo',
      },
    ]);
  });
  it('in a language whose dates Veille does not read, the tweet id dates each row', () => {
    const ja = ['ポストID,日付,ポスト本文,ポストのリンク,インプレッション数,いいね,エンゲージメント,ブックマーク,共有,新しいフォロー,返信,リポスト,プロフィールへのアクセス数,詳細のクリック数,URLのクリック数,ハッシュタグのクリック数,固定リンクのクリック数', '2088707180694323466,2026年8月15日 土曜日,t,https://x.com/ChimieCNRS/status/2088707180694323466,44,1,3,0,0,0,1,0,0,1,0,0,0'].join('\n');
    const r = parseCsvExport(ja);
    expect(r).toMatchObject({ format: 'premium-content', language: null, errors: [] });
    expect(r.tweets[0]).toMatchObject({ tweetId: '2088707180694323466', capturedAt: Date.UTC(2026, 7, 15), postedAt: Date.parse('2026-08-15T19:19:32.837Z'), impressions: 44, likes: 1 });
  });
  it('a row that is not what the order says is named; a file of no such row is no export', () => {
    const bad = `${FR_CONTENT}\n2088707180694323467,sam. 15 août 2026,t,https://x.com/a/status/1,1,1,1,0,0,0,0,0,0,0,0,0,0\n2088707180694323468,sam. 15 août 2026,t,,1,1,1,0,0,0,0,0,0,0,0,0,0`;
    expect(parseCsvExport(bad).errors).toEqual([
      { row: 3, column: 'ID du post', message: 'err_analytics_id_link', value: '2088707180694323467' },
      { row: 4, column: 'Lien du post', message: 'err_analytics_link', value: '' },
    ]);
    const other = `${'abcdefghijklmnopq'.split('').join(',')}\n${'12345678901234567'.split('').join(',')}\n`;
    expect(() => parseCsvExport(other)).toThrow(expect.objectContaining({ key: 'err_analytics_unknown', detail: 'a, b, c, d, e, f' }));
  });
  it('the account overview in French', () => {
    const text = ['Date,Impressions,J’aime,Engagements,Signets,Partages,Nouveaux abonnements,Désabonnements,Réponses,Reposts,Visites du profil,Créer un post,Vues de vidéos,Vues des médias', '"ven. 21 mars 2025",1070,11,32,0,0,3,1,2,1,6,1,0,0'].join('\n');
    expect(parseCsvExport(text)).toMatchObject({
      format: 'premium-overview',
      language: 'fr',
      errors: [],
      days: [{ day: '2025-03-21', impressions: 1070, likes: 11, engagements: 32, newFollows: 3, unfollows: 1, replies: 2, reposts: 1, profileClicks: 6, posts: 1 }],
    });
  });
});

describe('bad files and rows', () => {
  /** A legacy export of these rows (id, permalink, text, time, impressions, engagements). */
  const legacy = (...rows: string[]) => ['Tweet id,Tweet permalink,Tweet text,time,impressions,engagements', ...rows].join('\r\n');
  it('names a date from before X was, as a damaged file has it, rather than store it', () => {
    // (Year 210 was read as a day "210-08-01", which made every later backup refused at its restore.)
    const days = parseCsvExport(DAILY.replace('"2021-08-01"', '"0210-08-01"'));
    expect(days).toMatchObject({ days: [], errors: [{ row: 2, column: 'Date', message: 'err_analytics_date', value: '0210-08-01' }] });
    const tweets = parseCsvExport(legacy('1856000000000000001,x,t,1999-11-12 09:30 +0000,1,1', '1856000000000000002,x,t,13/11/1921 9:30,1,1', '1856000000000000003,x,t,2006-03-21 20:50 +0000,1,1'));
    expect(tweets.errors.map((e) => [e.row, e.message])).toEqual([[2, 'err_analytics_date'], [3, 'err_analytics_date']]);
    expect(tweets.tweets.map((t) => t.tweetId)).toEqual(['1856000000000000003']);
  });
  it("names the field of an archive's entry that is wrong, and the tweet an entry lacks", () => {
    const entry = ARCHIVE.slice(ARCHIVE.indexOf('{'), ARCHIVE.lastIndexOf('}') + 1);
    const list = (...entries: string[]) => `window.YTD.tweets.part0 = [ ${entries.join(', ')} ]`;
    const r = parseArchive(list(entry, entry.replace('"tweet"', '"weet"'), '5', entry.replace('"favorite_count": "12"', '"favorite_count": "douze"'), entry.replace('"created_at": "Thu Nov 03 08:50:26 +0000 2022"', '"created_at": "hier"')));
    expect(r.errors).toEqual([
      { row: 2, column: 'tweet', message: 'err_archive_entry' },
      { row: 3, column: 'tweet', message: 'err_archive_entry' },
      { row: 4, column: 'favorite_count', message: 'err_archive_entry' },
      { row: 5, column: 'created_at', message: 'err_analytics_date' },
    ]);
    expect(r.tweets).toHaveLength(1);
  });
  it("keeps of an archive's mentions only those that are handles", () => {
    const r = parseArchive(ARCHIVE.replace('"screen_name": "UnivNantes"', '"screen_name": "ßnivNantes" }, { "screen_name": "CNRS"'));
    expect(r.tweets[0]!.mentions).toEqual(['cnrs', 'univnantes']);
  });
  it('refuses ids destroyed by a spreadsheet, and says so', () => {
    const damaged = legacy('1.47689E+18,x,t,2026-11-12 09:30 +0000,1,1');
    expect(() => parseCsvExport(damaged)).toThrow(ExportRefused);
    try {
      parseCsvExport(damaged);
    } catch (e) {
      expect((e as ExportRefused).key).toBe('err_analytics_scientific_ids');
    }
  });
  it('refuses ids a spreadsheet rounded past their 15th digit, which its links keep whole', () => {
    // (Excel shows a long id as 1.47689E+18; formatted as a number, it is saved rounded: zeros after.)
    const rounded = legacy(
      '1476890123456790000,https://twitter.com/ChimieCNRS/status/1476890123456789012,t,2026-11-12 09:30 +0000,1,1',
      '1476890123456780000,https://twitter.com/ChimieCNRS/status/1476890123456775000,u,2026-11-12 10:30 +0000,1,1',
    );
    expect(() => parseCsvExport(rounded)).toThrow(expect.objectContaining({ key: 'err_analytics_rounded_ids', detail: '1476890123456790000' }));
    // An 18-digit id of 2016, rounded up (the carry runs through its digits).
    const older = legacy('700000000000000000,https://twitter.com/a/status/699999999999999512,t,2016-02-12 09:30 +0000,1,1');
    expect(() => parseCsvExport(older)).toThrow(expect.objectContaining({ key: 'err_analytics_rounded_ids' }));
  });
  it("names the row whose id is not that of its link's tweet, and keeps the others", () => {
    const text = legacy(
      '1476890123456789012,https://twitter.com/ChimieCNRS/status/1476890123456789012,t,2026-11-12 09:30 +0000,1,1',
      '1476890123456789013,https://twitter.com/ChimieCNRS/status/1476890123456000000,u,2026-11-12 10:30 +0000,1,1',
    );
    const r = parseCsvExport(text);
    expect(r.errors).toEqual([{ row: 3, column: 'Tweet id', message: 'err_analytics_id_link', value: '1476890123456789013' }]);
    expect(r.tweets.map((t) => t.tweetId)).toEqual(['1476890123456789012']);
  });
  it('without links, refuses ids that all end in zeros past their 15th digit, two or more of them', () => {
    const rows = (...ids: string[]) => ['Tweet id,Tweet text,time,impressions,engagements', ...ids.map((id) => `${id},t,2026-11-12 09:30 +0000,1,1`)].join('\n');
    expect(() => parseCsvExport(rows('1476890123456790000', '1476890123456780000'))).toThrow(expect.objectContaining({ key: 'err_analytics_rounded_ids', detail: '1476890123456790000' }));
    // One such id may be a tweet's own (one in ten thousand ends so); one that does not end so tells
    // the column was not rounded; short ids are whole.
    expect(parseCsvExport(rows('1476890123456790000')).tweets).toHaveLength(1);
    expect(parseCsvExport(rows('1476890123456790000', '1476890123456789012')).tweets).toHaveLength(2);
    expect(parseCsvExport(rows('123450000', '987650000')).tweets).toHaveLength(2);
  });
  it('refuses a file of unknown shape, or without the required columns', () => {
    expect(() => parseCsvExport('a,b\n1,2\n')).toThrow('err_analytics_unknown');
    expect(() => parseCsvExport('"Tweet id","Tweet text","time"\n"1","t","2026-11-12 09:30 +0000"\n')).toThrow('err_analytics_missing_columns');
  });
  it('says a file holds nothing to import: an export of a week without posts (its header alone), an empty archive', () => {
    for (const header of [LEGACY_EN, DAILY, OVERVIEW].map((text) => text.split('\n')[0]!)) {
      expect(() => parseCsvExport(`${header}\r\n`)).toThrow(expect.objectContaining({ key: 'err_analytics_no_rows' }));
    }
    expect(() => parseExport('tweets.js', 'window.YTD.tweets.part0 = []')).toThrow(expect.objectContaining({ key: 'err_archive_no_tweets' }));
  });
  it('names the row and the column of a bad date or number, and keeps the good rows', () => {
    const text = LEGACY_EN.replace('"2026-11-13 10:00 +0000"', '"hier"').replace('"3423.0"', '"beaucoup"');
    const r = parseCsvExport(text);
    expect(r.errors).toEqual([
      { row: 2, column: 'impressions', message: 'err_analytics_number', value: 'beaucoup' },
      { row: 3, column: 'time', message: 'err_analytics_date', value: 'hier' },
    ]);
    expect(r.tweets).toHaveLength(0);
  });
});

describe('exports saved again by a spreadsheet', () => {
  // French Excel writes ";", decimal commas, and its own dates (here the legacy per-day export).
  const FRENCH_DAILY = [
    'Date;Tweets published;impressions;engagements;engagement rate;retweets;replies;likes',
    '01/08/2021;0;1088;13;0,0119;0;0;2',
    '13/08/2021;2;1 250;25;0,02;1;0;9',
  ].join('\r\n');

  it('reads French Excel\'s separator, decimal commas and day-first dates', () => {
    const r = parseCsvExport(FRENCH_DAILY);
    expect(r).toMatchObject({ format: 'legacy-daily', errors: [], period: { from: '2021-08-01', to: '2021-08-13' } });
    expect(r.days).toEqual([
      { day: '2021-08-01', posts: 0, impressions: 1088, engagements: 13, engagementRate: 0.0119, reposts: 0, replies: 0, likes: 2 },
      { day: '2021-08-13', posts: 2, impressions: 1250, engagements: 25, engagementRate: 0.02, reposts: 1, replies: 0, likes: 9 },
    ]);
  });

  it('reads American Excel\'s month-first dates, with their time, and thousands with commas', () => {
    const text = [
      'Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,engagement rate',
      '1856000000000000001,https://twitter.com/ChimieCNRS/status/1856000000000000001,Bravo,11/12/2026 9:30,"3,423",120,0.035057',
      '1856000000000000002,https://twitter.com/ChimieCNRS/status/1856000000000000002,Texte,11/13/2026 10:00,100,2,0.02',
    ].join('\r\n');
    const r = parseCsvExport(text);
    expect(r).toMatchObject({ errors: [], period: { from: localDayOf(Date.UTC(2026, 10, 12, 9, 30)), to: localDayOf(Date.UTC(2026, 10, 13, 10)) } });
    expect(r.tweets[0]).toMatchObject({ tweetId: '1856000000000000001', postedAt: Date.UTC(2026, 10, 12, 9, 30), capturedAt: Date.UTC(2026, 10, 12, 9, 30), impressions: 3423 });
    expect(r.tweets[1]).toMatchObject({ postedAt: Date.UTC(2026, 10, 13, 10, 0) });
  });

  it('refuses a file whose dates could be day or month first, rather than store wrong dates', () => {
    const text = ['Date,Tweets published,impressions,engagements', '01/08/2021,0,1088,13', '02/08/2021,1,900,10'].join('\n');
    expect(() => parseCsvExport(text)).toThrow(expect.objectContaining({ key: 'err_analytics_date_order', detail: '01/08/2021' }));
    // Nor one that writes them both ways.
    expect(() => parseCsvExport(`${text}\n13/08/2021,0,1,1\n08/14/2021,0,1,1`)).toThrow('err_analytics_date_order');
    // With ";", a European spreadsheet wrote it: the day comes first.
    expect(parseCsvExport(text.replaceAll(',', ';')).days.map((d) => d.day)).toEqual(['2021-08-01', '2021-08-02']);
  });

  it('names the row of a date that is none, in the order the file tells, and keeps the others', () => {
    const r = parseCsvExport(`${FRENCH_DAILY}\r\n30/02/2021;0;1;1;0;0;0;0\r\n05/08/2021;0;x;1;0;0;0;0`);
    expect(r.errors).toEqual([
      { row: 4, column: 'Date', message: 'err_analytics_date', value: '30/02/2021' },
      { row: 5, column: 'impressions', message: 'err_analytics_number', value: 'x' },
    ]);
    expect(r.days.map((d) => d.day)).toEqual(['2021-08-01', '2021-08-13']);
    expect(r.period).toEqual({ from: '2021-08-01', to: '2021-08-13' });
  });

  it('in a tab-separated file (Excel\'s "Unicode text"), a comma is decimal only where it cannot mark thousands', () => {
    const text = ['Date\tTweets published\timpressions\tengagements\tengagement rate', '2021-08-01\t0\t1 250\t13\t0,0119', '2021-08-02\t1\t3,423\t1,5\t0.02'].join('\r\n');
    const r = parseCsvExport(text);
    expect(r.days).toEqual([{ day: '2021-08-01', posts: 0, impressions: 1250, engagements: 13, engagementRate: 0.0119 }]);
    // "3,423" is 3423 in English and 3.423 in French: the row is refused, never stored wrong.
    expect(r.errors).toEqual([{ row: 3, column: 'impressions', message: 'err_analytics_number', value: '3,423' }]);
  });

  it('a comma is a decimal comma only where the separator is not one', () => {
    // (In a comma-separated file, "0,5" in quotes is neither a count nor a rate.)
    const text = ['Date,Tweets published,impressions,engagements,engagement rate', '2021-08-01,0,1088,13,"0,5"'].join('\n');
    expect(parseCsvExport(text).errors).toEqual([{ row: 2, column: 'engagement rate', message: 'err_analytics_number', value: '0,5' }]);
  });
});

describe('an export file as the import worker reads it', () => {
  const never = new AbortController().signal;
  it('a French file saved by Excel in Windows-1252: its headers and accents come out whole', async () => {
    const text = [
      'Identifiant du Tweet;Permalien du Tweet;Texte du Tweet;heure;impressions;engagements;taux d\'engagement;Retweets;réponses;J\'aime',
      '704349316157194240;https://twitter.com/DataBzh/status/704349316157194240;Données ouvertes à Rennes;29/02/2016 16:55;100;2;0,02;0;1;2',
    ].join('\r\n');
    const file = new File([Buffer.from(text, 'latin1')], 'DataBzh.csv');
    const r = await readExportFile(file, () => {}, never);
    expect(r).toMatchObject({ format: 'legacy-tweets', language: 'fr', errors: [], period: { from: localDayOf(Date.UTC(2016, 1, 29, 16, 55)), to: localDayOf(Date.UTC(2016, 1, 29, 16, 55)) }, encoding: 'windows-1252' });
    expect(r.tweets[0]).toMatchObject({ text: 'Données ouvertes à Rennes', replies: 1, likes: 2, engagementRate: 0.02, postedAt: Date.UTC(2016, 1, 29, 16, 55) });
  });

  it('a large UTF-8 file: no character is cut in two, and the progress reaches the end', async () => {
    const header = LEGACY_EN.split('\n')[0]!;
    const rows = Array.from({ length: 4000 }, (_, i) => {
      const id = String(1856000000000000000n + BigInt(i));
      return `"${id}","https://twitter.com/ChimieCNRS/status/${id}","Molécule n° ${i} — été ’26 🧪","2026-11-12 09:30 +0000","100.0","2.0","0.02","0.0","0.0","2.0","0.0","0.0","0.0","0.0","0.0","-"`;
    });
    const bytes = Buffer.from([header, ...rows].join('\n'), 'utf8');
    expect(bytes.length).toBeGreaterThan(3 * 256 * 1024);
    const progress: number[] = [];
    const r = await readExportFile(new File([bytes], 'big.csv'), (p) => progress.push(p), never);
    expect(r.errors).toEqual([]);
    expect(r.tweets).toHaveLength(4000);
    r.tweets.forEach((t, i) => expect(t.text).toBe(`Molécule n° ${i} — été ’26 🧪`));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(1);
  });

  it('a spreadsheet\'s workbook (.xlsx, .xls) is refused as such, not read as noise', async () => {
    const xlsx = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08])], 'export.xlsx');
    const xls = new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00])], 'export.xls');
    for (const f of [xlsx, xls]) await expect(readExportFile(f, () => {}, never)).rejects.toMatchObject({ key: 'err_file_workbook' });
  });

  it('an empty file is refused as such, in the words of analytics (not of partners)', async () => {
    await expect(readExportFile(new File([''], 'empty.csv'), () => {}, never)).rejects.toMatchObject({ key: 'err_analytics_empty' });
    await expect(readExportFile(new File(['\n\n'], 'blank.csv'), () => {}, never)).rejects.toMatchObject({ key: 'err_analytics_empty' });
  });

  it('a file that is no text (an image, a PDF) is refused as such, not read as columns of noise', async () => {
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])], 'photo.csv');
    const pdf = new File([`%PDF-1.7\n${'x'.repeat(100)}\u0000stream`], 'report.csv');
    for (const f of [png, pdf]) await expect(readExportFile(f, () => {}, never)).rejects.toMatchObject({ key: 'err_file_binary' });
    // (UTF-16, which holds NUL bytes too, says so by its byte order mark: it is read.)
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('Tweet id,Tweet permalink\n', (c) => [c.charCodeAt(0), 0]).flat()]);
    await expect(readExportFile(new File([utf16], 'utf16.csv'), () => {}, never)).rejects.toMatchObject({ key: 'err_analytics_missing_columns' });
  });
});

const SHARED = resolve(__dirname, '../../../shared/fixtures');
describe.skipIf(!existsSync(SHARED))('real exports from ../shared/fixtures', () => {
  const read = (f: string) => readFileSync(resolve(SHARED, f), 'utf8');
  it('rOpenSci legacy English: 31 tweets, values checked by hand', () => {
    const r = parseExport('x.csv', read('analytics/tweet_activity_metrics_rOpenSci_20190101_20190201_en.csv'));
    expect(r).toMatchObject({ format: 'legacy-tweets', language: 'en', rows: 31, errors: [] });
    expect(r.tweets[0]).toMatchObject({ tweetId: '1091117122825084928', impressions: 2633, engagements: 41, reposts: 5, likes: 7, urlClicks: 16, postedAt: Date.UTC(2019, 0, 31, 23, 32) });
    expect(r.tweets[0]!.engagementRate).toBeCloseTo(0.015571591340676035, 12);
    // Its texts as the tweets say them, without X's "&amp;".
    expect(r.tweets.filter((t) => /&(amp|lt|gt);/.test(t.text ?? ''))).toEqual([]);
    expect(r.tweets.map((t) => t.text)).toContainEqual(expect.stringContaining('Fishbase API is back up & on a new server'));
  });
  it('DataBzh legacy French: 118 tweets', () => {
    const r = parseExport('x.csv', read('analytics/DataBzh_2016-02.csv'));
    expect(r).toMatchObject({ format: 'legacy-tweets', language: 'fr', rows: 118, errors: [] });
    expect(r.tweets[0]).toMatchObject({ tweetId: '704349316157194240', impressions: 100, engagements: 2, engagementRate: 0.02, likes: 2 });
  });
  it('LisaDeBruine legacy per day: 31 days', () => {
    const r = parseExport('x.csv', read('analytics/daily_tweet_activity_metrics_LisaDeBruine_20210801_20210901_en.csv'));
    expect(r).toMatchObject({ format: 'legacy-daily', rows: 31, errors: [], period: { from: '2021-08-01', to: '2021-08-31' } });
    expect(r.days[0]).toMatchObject({ day: '2021-08-01', impressions: 1088, engagements: 13, likes: 2, posts: 0 });
  });
  it('X Premium content, current: 40 posts', () => {
    const r = parseExport('x.csv', read('analytics/account_analytics_content_2026-08-10_2026-08-16.csv'));
    expect(r).toMatchObject({ format: 'premium-content', rows: 40, errors: [] });
    expect(r.tweets[0]).toMatchObject({ tweetId: '2088707180694323466', impressions: 44, likes: 1, engagements: 3, authorHandle: 'hestysinvest' });
  });
  it('X Premium content, early: 173 posts, CRLF', () => {
    const r = parseExport('x.csv', read('analytics/kaiadevintern_account_analytics_content_2024-12-22_2025-03-22.csv'));
    expect(r).toMatchObject({ format: 'premium-content-early', rows: 173, errors: [] });
    expect(r.tweets[0]).toMatchObject({ tweetId: '1902622306553184746', impressions: 33, postedAt: Date.parse('2025-03-20T07:24:41.552Z') });
  });
  it('X Premium account overview: 271 days', () => {
    const r = parseExport('x.csv', read('analytics/kaiadevintern_account_overview_analytics.csv'));
    expect(r).toMatchObject({ format: 'premium-overview', rows: 271, errors: [] });
    expect(r.days[0]).toMatchObject({ day: '2025-03-21', impressions: 1070, likes: 11, engagements: 32, replies: 2, reposts: 1, profileClicks: 6 });
  });
  it('the archive excerpt: 5 tweets with likes and retweets', () => {
    const r = parseExport('tweets.js', read('archive/tweets-excerpt.js'));
    expect(r).toMatchObject({ format: 'archive', rows: 5, errors: [] });
    expect(r.tweets[0]).toMatchObject({ tweetId: '1588091220244369409', source: 'archive' });
  });
});

describe('storing an export', () => {
  it('adds, then changes nothing the second time, and merges an overlapping export', async () => {
    const { freshDb, dropDb } = await import('./fresh-db');
    const { storeExport } = await import('@/lib/analytics-import');
    const db = await freshDb();
    try {
      const first = parseCsvExport(LEGACY_EN);
      expect(await storeExport(db, first)).toEqual({ added: 2, updated: 0, unchanged: 0, rejected: 0 });
      expect(await storeExport(db, first)).toEqual({ added: 0, updated: 0, unchanged: 2, rejected: 0 });
      // A later export of the same period: one tweet has moved on.
      const later = parseCsvExport(LEGACY_EN.replace('"3423.0","120.0"', '"5000.0","150.0"'));
      expect(await storeExport(db, later)).toEqual({ added: 0, updated: 1, unchanged: 1, rejected: 0 });
      expect(await db.tweetMetrics.count()).toBe(2);
      expect((await db.tweetMetrics.get(['1856000000000000001', Date.UTC(2026, 10, 12, 9, 30)]))!.impressions).toBe(5000);
      // The same impressions: an export with fewer likes is the older one, kept out; one with more is taken.
      const likes = (n: string) => parseCsvExport(LEGACY_EN.replace('"3423.0","120.0"', '"5000.0","150.0"').replace('"12.0","3.0","80.0"', `"12.0","3.0","${n}"`));
      expect(await storeExport(db, likes('79.0'))).toEqual({ added: 0, updated: 0, unchanged: 2, rejected: 0 });
      expect(await storeExport(db, likes('81.0'))).toEqual({ added: 0, updated: 1, unchanged: 1, rejected: 0 });
      expect((await db.tweetMetrics.get(['1856000000000000001', Date.UTC(2026, 10, 12, 9, 30)]))!.likes).toBe(81);
      expect(await storeExport(db, parseCsvExport(DAILY), 'cnrs')).toEqual({ added: 1, updated: 0, unchanged: 0, rejected: 0 });
      expect(await storeExport(db, parseCsvExport(DAILY), 'cnrs')).toMatchObject({ unchanged: 1 });
      // An older export does not undo the newer one; rows with errors are counted as rejected.
      const bad = parseCsvExport(LEGACY_EN.replace('"2026-11-13 10:00 +0000"', '"hier"'));
      expect(await storeExport(db, bad)).toEqual({ added: 0, updated: 0, unchanged: 1, rejected: 1 });
      // A record out of shape, had the reading let one through: the import is refused whole, and
      // what was stored stays.
      const before = await db.tweetMetrics.toArray();
      const wrong = { ...first, tweets: [{ ...first.tweets[0]!, impressions: 9999 }, { ...first.tweets[1]!, likes: -1 }], days: [] };
      // (Why, in words the page translates: a message key.)
      await expect(storeExport(db, wrong)).rejects.toMatchObject({ key: 'err_analytics_invalid_record', detail: '1856000000000000002, likes', why: 'err_record_bounds' });
      const wrongHandle = { ...first, tweets: [{ ...first.tweets[0]!, authorHandle: 'not a handle' }], days: [] };
      await expect(storeExport(db, wrongHandle)).rejects.toMatchObject({ detail: '1856000000000000001, authorHandle', why: 'err_stored_handle' });
      const wrongDay = { tweets: [], errors: [], days: [{ day: '210-08-01', impressions: 1 }] };
      await expect(storeExport(db, wrongDay, 'cnrs')).rejects.toMatchObject({ key: 'err_analytics_invalid_record', detail: '210-08-01, day', why: 'err_record_format' });
      expect(await db.tweetMetrics.toArray()).toEqual(before);
      expect(await db.dailyFigures.count()).toBe(1);
    } finally {
      await dropDb(db);
    }
  });
});

describe("an export's mentions of a partner who renamed since", () => {
  it("are the partner's, under its handle now, for the tweets posted before Veille saw it renamed", async () => {
    const { freshDb, dropDb } = await import('./fresh-db');
    const { storeExport } = await import('@/lib/analytics-import');
    const db = await freshDb();
    try {
      // @UnivNantes became @NantesUniv: Veille saw it on 1 December 2026. The export (of November
      // 2026) mentions @UnivNantes and @minesnantes, as the tweet did.
      const renamed = Date.UTC(2026, 11, 1);
      await db.partners.add({ id: 'p1', handle: 'nantesuniv', name: '', category: 'academic', tags: [], note: '', userId: '18188628', formerHandles: [{ handle: 'univnantes', until: renamed }], createdAt: 1, updatedAt: 1 });
      const parsed = parseCsvExport(LEGACY_EN);
      expect(parsed.tweets[0]!.mentions).toEqual(['univnantes', 'minesnantes']);
      expect(await storeExport(db, parsed)).toMatchObject({ added: 2 });
      expect((await db.tweetMetrics.get(['1856000000000000001', Date.UTC(2026, 10, 12, 9, 30)]))!.mentions).toEqual(['nantesuniv', 'minesnantes']);
      // (Imported again: nothing changes.)
      expect(await storeExport(db, parsed)).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
      // A tweet posted after Veille saw it renamed mentions whoever has @univnantes now: it stays.
      await db.partners.update('p1', { formerHandles: [{ handle: 'univnantes', until: Date.UTC(2026, 10, 1) }] });
      await db.tweetMetrics.clear();
      await storeExport(db, parsed);
      expect((await db.tweetMetrics.get(['1856000000000000001', Date.UTC(2026, 10, 12, 9, 30)]))!.mentions).toEqual(['univnantes', 'minesnantes']);
      // And where another partner has that handle now, it is that partner's.
      await db.partners.update('p1', { formerHandles: [{ handle: 'univnantes', until: renamed }] });
      await db.partners.add({ id: 'p2', handle: 'univnantes', name: '', category: 'academic', tags: [], note: '', createdAt: 1, updatedAt: 1 });
      await db.tweetMetrics.clear();
      await storeExport(db, parsed);
      expect((await db.tweetMetrics.get(['1856000000000000001', Date.UTC(2026, 10, 12, 9, 30)]))!.mentions).toEqual(['univnantes', 'minesnantes']);
    } finally {
      await dropDb(db);
    }
  });
});

describe("storing an account archive's counts", () => {
  it('adds a copy of the archive of another date only where its counts moved on', async () => {
    const { freshDb, dropDb } = await import('./fresh-db');
    const { storeExport } = await import('@/lib/analytics-import');
    const { parseArchive } = await import('@/lib/analytics');
    const db = await freshDb();
    try {
      const day = (d: number) => Date.UTC(2026, 10, d, 12);
      expect(await storeExport(db, parseArchive(ARCHIVE, day(20)))).toMatchObject({ added: 1, unchanged: 0 });
      // The same archive taken out of its zip again, its files dated otherwise: nothing new.
      expect(await storeExport(db, parseArchive(ARCHIVE, day(22)))).toMatchObject({ added: 0, unchanged: 1 });
      // A newer archive, whose likes moved on: a second point.
      expect(await storeExport(db, parseArchive(ARCHIVE.replace('"favorite_count": "12"', '"favorite_count": "15"'), day(30)))).toMatchObject({ added: 1, unchanged: 0 });
      expect((await db.tweetMetrics.toArray()).map((r) => [r.capturedAt, r.likes])).toEqual([[day(20), 12], [day(30), 15]]);
    } finally {
      await dropDb(db);
    }
  });
});

describe("a per-day export's days are an account's", () => {
  it("stores them as the account named, and never over another account's days", async () => {
    const { freshDb, dropDb } = await import('./fresh-db');
    const { AccountNeeded, storeExport } = await import('@/lib/analytics-import');
    const db = await freshDb();
    try {
      const inria = parseCsvExport(OVERVIEW);
      const other = parseCsvExport(OVERVIEW.replace(',1070,11,32,', ',50,1,2,'));
      expect(await storeExport(db, inria, 'inria')).toEqual({ added: 1, updated: 0, unchanged: 0, rejected: 0 });
      // The same day of another account: added beside it, not over it.
      expect(await storeExport(db, other, 'inria_en')).toEqual({ added: 1, updated: 0, unchanged: 0, rejected: 0 });
      expect(await db.dailyFigures.get(['inria', '2025-03-21'])).toMatchObject({ impressions: 1070 });
      expect(await db.dailyFigures.get(['inria_en', '2025-03-21'])).toMatchObject({ impressions: 50 });
      // Without an account, or with one that is not a stored handle: refused, and nothing written.
      for (const account of [undefined, '', '@Inria', 'not a handle']) await expect(storeExport(db, other, account)).rejects.toBeInstanceOf(AccountNeeded);
      expect(await db.dailyFigures.count()).toBe(2);
      // (A per-tweet export has no days: no account needed.)
      expect(await storeExport(db, parseCsvExport(LEGACY_EN))).toMatchObject({ added: 2 });
    } finally {
      await dropDb(db);
    }
  });

  it('gives an unnamed day (stored before Veille asked) to the account named, where the figures are the same', async () => {
    const { freshDb, dropDb } = await import('./fresh-db');
    const { storeExport } = await import('@/lib/analytics-import');
    const db = await freshDb();
    try {
      const parsed = parseCsvExport(OVERVIEW);
      await db.dailyFigures.bulkPut([
        { ...parsed.days[0]!, account: '' },
        // (Another day, and a day whose figures differ: not the same, left alone.)
        { account: '', day: '2025-03-22', impressions: 5 },
      ]);
      expect(await storeExport(db, parsed, 'inria')).toEqual({ added: 0, updated: 1, unchanged: 0, rejected: 0 });
      expect((await db.dailyFigures.toArray()).map((d) => `${d.account}|${d.day}`)).toEqual(['|2025-03-22', 'inria|2025-03-21']);
      await db.dailyFigures.put({ account: '', day: '2025-03-21', impressions: 1 });
      expect(await storeExport(db, parsed, 'inria')).toEqual({ added: 0, updated: 0, unchanged: 1, rejected: 0 });
      expect(await db.dailyFigures.count()).toBe(3);
    } finally {
      await dropDb(db);
    }
  });

  it("reads the account from the file's name where it says it", () => {
    expect(accountOfFileName('daily_tweet_activity_metrics_LisaDeBruine_20210801_20210901_en.csv')).toBe('lisadebruine');
    expect(accountOfFileName('daily_tweet_activity_metrics_Chimie_CNRS_20210801_20210901_fr (1).csv')).toBe('chimie_cnrs');
    expect(accountOfFileName('kaiadevintern_account_overview_analytics.csv')).toBe('kaiadevintern');
    expect(accountOfFileName('account_overview_analytics.csv')).toBeNull();
    expect(accountOfFileName('daily.csv')).toBeNull();
    expect(accountOfFileName('tweet_activity_metrics_rOpenSci_20190101_20190201_en.csv')).toBeNull();
  });
});
