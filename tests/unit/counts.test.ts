import { describe, expect, it } from 'vitest';
import { labelNumber, parseCount, parseGroupLabel } from '@/lib/x/counts';

describe('counts as X writes them', () => {
  it.each([
    ['0', 0],
    ['44', 44],
    ['1776', 1776],
    ['1,776', 1776],
    ['1 776', 1776],
    ['1\u202f776', 1776],
    ['12\u00a0345\u00a0678', 12345678],
  ])('%j is exactly %d', (text, value) => expect(parseCount(text)).toEqual({ value, approximate: false }));

  it.each([
    ['1.7K', 1700],
    ['9.2M', 9200000],
    ['30K', 30000],
    ['393.2K', 393200],
    ['1,7 k', 1700],
    ['1,7\u00a0k', 1700],
    ['2 M', 2000000],
    ['12,3 k', 12300],
    ['1,2 Md', 1200000000],
    ['4.56M', 4560000],
  ])('%j is at least %d, approximately', (text, value) => expect(parseCount(text)).toEqual({ value, approximate: true }));

  it('truncates, as X does: "1.7K" is 1700, the floor of what 1776 shows as', () => {
    expect(parseCount('1.7K')!.value).toBeLessThanOrEqual(1776);
    expect(parseCount('9.2M')!.value).toBeLessThanOrEqual(9281975);
  });

  it.each([
    [' 1.7K ', 1700, true],
    ['1\t776\n', 1776, false],
    ['\u00a0 30K', 30000, true],
  ])('%j, with spaces around or inside, is %d', (text, value, approximate) => expect(parseCount(text)).toEqual({ value, approximate }));

  it.each(['x1,776', '1,776 likes', 'about 1.7K', '1.7K views'])('%j, with more than a count, is not one', (text) => expect(parseCount(text)).toBeNull());

  it.each(['', 'abc', '1.7KK', 'K', '1.2.3', '-5', null, undefined])('%j is not a count', (text) => expect(parseCount(text)).toBeNull());

  it('reads the exact number in an aria-label, in English and French', () => {
    expect(labelNumber('224 Likes. Like')).toBe(224);
    expect(labelNumber('7451 views. View post analytics')).toBe(7451);
    expect(labelNumber('1 776 J’aime. J’aime')).toBe(1776);
    expect(labelNumber('12,345 Replies. Reply')).toBe(12345);
    expect(labelNumber('1,234,567 views. View post analytics')).toBe(1234567);
    expect(labelNumber('9\u202f281\u202f975 vues. Voir les statistiques')).toBe(9281975);
    expect(labelNumber('Reply')).toBeNull();
  });

  it('reads the action bar group label, in English and French, with zero counts left out', () => {
    expect(parseGroupLabel('44 replies, 4 reposts, 224 likes, 24 bookmarks, 7451 views')).toEqual({
      replies: 44, reposts: 4, likes: 224, bookmarks: 24, views: 7451,
    });
    expect(parseGroupLabel('3 réponses, 12 reposts, 1776 J’aime, 2 signets, 9281975 vues')).toEqual({
      replies: 3, reposts: 12, likes: 1776, bookmarks: 2, views: 9281975,
    });
    expect(parseGroupLabel('1 like, 10 views')).toEqual({ likes: 1, views: 10 });
    expect(parseGroupLabel('')).toEqual({});
  });

  it('reads grouped numbers, and only the first number of each metric, whatever the separators', () => {
    expect(parseGroupLabel('1 776 J’aime, 12.345.678 vues')).toEqual({ likes: 1776, views: 12345678 });
    expect(parseGroupLabel('12345 678 likes')).toEqual({ likes: 678 });
    expect(parseGroupLabel('2 likes, 5 likes, 7 Replies')).toEqual({ likes: 2, replies: 7 });
    expect(parseGroupLabel('1\t776\nlikes, 3\r\nreplies')).toEqual({ likes: 1776, replies: 3 });
    expect(parseGroupLabel('1\u202f000\u00a0000 views; 9 reposts')).toEqual({ views: 1_000_000, reposts: 9 });
    // A comma between digits groups thousands; the ", " between counts does not.
    expect(parseGroupLabel('1,224 likes, 12,345,678 views')).toEqual({ likes: 1224, views: 12_345_678 });
    expect(parseGroupLabel('44 replies,4 reposts, 1,2345 likes')).toEqual({ replies: 44, reposts: 4, likes: 2345 });
  });

  it('reads labels as the regular expression it replaced did, on labels made at random', () => {
    // The former reader: one regular expression, each metric's words in a group of their own.
    const words = [
      ['replies', 'repl|répon|respon|respuest|antwort'],
      ['reposts', 'repost|retweet|republi|retuit|retwe'],
      ['likes', 'like|j.aime|me gusta|gefällt|mention'],
      ['bookmarks', 'bookmark|signet|marque|guardad|lesezeichen'],
      ['views', 'view|vue|affichage|visualis|reproduc|aufruf|ansicht'],
    ] as const;
    // (Since then, a comma groups thousands too, and a group has three digits exactly.)
    const item = new RegExp(`(\\d{1,3}(?:[.,\\s\u00a0\u202f]\\d{3}(?!\\d))+|\\d+)\\s*(?:${words.map(([, w]) => `(${w})`).join('|')})?[^\\d,;]*`, 'giu');
    const former = (label: string) => {
      const out: Record<string, number> = {};
      for (const m of label.matchAll(item)) {
        const i = words.findIndex((_, k) => m[k + 2] !== undefined);
        if (i >= 0) out[words[i]![0]] ??= Number(m[1]!.replace(/[^\d]/g, ''));
      }
      return out;
    };
    const pieces = ['1', '12', '776', '4000', '12345', ' ', '\u00a0', '\u202f', '.', ',', ', ', '; ', 'x', 'Likes', 'likes', 'J’aime', 'vues',
      'views', 'Replies', 'réponses', 'reposts', 'Retweets', 'signets', 'bookmarks', 'me gusta', 'Gefällt', 'ANSICHT', 'view'];
    let seed = 7;
    // (xorshift: the same labels on every run.)
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % pieces.length;
    };
    for (let n = 0; n < 3000; n++) {
      let label = '';
      for (let k = 1 + (n % 12); k > 0; k--) {
        const piece = pieces[next()]!;
        // (No two numbers in a row: counts stay below 2^53, where both readers are exact.)
        if (!(/\d$/.test(label) && /^\d/.test(piece))) label += piece;
      }
      expect(parseGroupLabel(label), label).toEqual(former(label));
    }
  });
});
