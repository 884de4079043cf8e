// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { numberFormatter } from '@/entrypoints/x.content/dom';
import { chartOf, stripModel, word } from '@/entrypoints/x.content/engagement-strip';
import fr from '../../public/_locales/fr/messages.json';
import { fakeGetMessage } from './setup';

describe('number formatting on X overlays', () => {
  it.each(['en', 'fr', 'de', 'es', 'en-IN'.replace('-IN', '')])('formats like Intl in %s', (locale) => {
    const fmt = numberFormatter(locale);
    const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
    for (const n of [0, 7, 44, 224, 1776, 12345, 393200, 9281975, 1234567890, 3.2, 12345.5, -120]) {
      expect(fmt(n), `${locale} ${n}`).toBe(intl.format(n).replace('−', '-'));
    }
  });
});

describe("the strip's words", () => {
  it('say one like and 0 likes in English, 0 réponse and 2 réponses in French', async () => {
    expect([0, 1, 2].map((n) => `${n} ${word('likes', n)}`)).toEqual(['0 likes', '1 like', '2 likes']);
    expect(`1 ${word('replies', 1)}, 1 ${word('views', 1)}, 1 ${word('bookmarks', 1)}, 1 ${word('reposts', 1)}`).toBe('1 reply, 1 view, 1 bookmark, 1 repost');
    // Without a number (the chart's series), the word for several.
    expect(word('likes')).toBe('likes');
    // In French, with the module read afresh (the language is read once).
    fakeBrowser.i18n.getMessage = fakeGetMessage(fr);
    fakeBrowser.i18n.getUILanguage = () => 'fr';
    vi.resetModules();
    const fresh = await import('@/entrypoints/x.content/engagement-strip');
    expect([0, 1, 2].map((n) => `${n} ${fresh.word('replies', n)}`)).toEqual(['0 réponse', '1 réponse', '2 réponses']);
    expect(`${fresh.word('views', 1)} ${fresh.word('reposts', 2)}`).toBe('vue republications');
  });
});

describe('the strip model', () => {
  const day = (d: number) => Date.UTC(2026, 10, d);
  it('takes the latest figures from the page and the change since the first snapshot', () => {
    const m = stripModel(
      { tweetId: '1', history: [{ t: day(12), likes: 100, reposts: 5, views: 1000 }, { t: day(13), likes: 150, reposts: 5, views: 2000 }] },
      { values: { likes: 220, reposts: 4, views: 2500 }, approximate: [] },
      day(14),
    );
    expect(m.latest).toMatchObject({ likes: 220, reposts: 4, views: 2500, t: day(14) });
    expect(m.since).toBe(day(12));
    expect(m.changes).toEqual([
      { metric: 'likes', delta: 120 },
      { metric: 'reposts', delta: -1 },
      { metric: 'views', delta: 1500 },
    ]);
    const chart = chartOf(
      { tweetId: '1', history: [{ t: day(12), likes: 100, reposts: 5, views: 1000 }, { t: day(13), likes: 150, reposts: 5, views: 2000 }] },
      { values: { likes: 220, reposts: 4, views: 2500 }, approximate: [] },
      day(14),
    );
    expect(chart.metric).toBe('likes');
    expect(chart.points).toEqual([
      { t: day(12), v: 100 },
      { t: day(13), v: 150 },
      { t: day(14), v: 220 },
    ]);
  });
  it('shows no change when nothing moved, and stored figures when the page shows none', () => {
    const m = stripModel({ tweetId: '1', history: [{ t: day(12), likes: 100 }] }, null, day(14));
    expect(m.latest.likes).toBe(100);
    expect(m.since).toBeUndefined();
    expect(chartOf({ tweetId: '1', history: [{ t: day(12), likes: 100 }] }, null, day(14)).points).toHaveLength(1);
    expect(chartOf({ tweetId: '1', history: [{ t: day(12), views: 10 }, { t: day(13), views: 30 }] }, null, day(14))).toEqual({
      metric: 'views',
      points: [
        { t: day(12), v: 10 },
        { t: day(13), v: 30 },
      ],
    });
  });
});
