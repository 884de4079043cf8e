import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import fr from '../../public/_locales/fr/messages.json';
import { fakeGetMessage } from './setup';
import { draftFromPage, draftFromTweet, linkOfTweet, type TweetFacts } from '@/lib/topic-draft';
import { saveTopic } from '@/lib/topics';
import { postedAtOf } from '@/lib/x/tweet-id';
import { dropDb, freshDb } from './fresh-db';

describe('a tweet as a topic', () => {
  const facts: TweetFacts = { tweetId: '9101', handle: 'univnantes', name: 'Nantes Université', text: 'Portes ouvertes du labo', hashtags: [], mediaKind: 'none', datetime: null };
  it('is titled by its author and text, as the language writes "Name: text"', async () => {
    expect(draftFromTweet(facts).title).toBe('Nantes Université: Portes ouvertes du labo');
    expect(draftFromTweet({ ...facts, name: '' }).title).toBe('@univnantes: Portes ouvertes du labo');
    expect(draftFromTweet({ ...facts, text: '' }).title).toBe('@univnantes');
    fakeBrowser.i18n.getMessage = fakeGetMessage(fr);
    vi.resetModules();
    const fresh = await import('@/lib/topic-draft');
    expect(fresh.draftFromTweet(facts).title).toBe('Nantes Université : Portes ouvertes du labo');
  });
  it("carries its id, address and date: the page's, else its id's; without an id, neither address nor date", () => {
    const id = '1856000000000000001';
    expect(draftFromTweet({ ...facts, tweetId: id, hashtags: ['#chimie'], mediaKind: 'image', datetime: '2026-11-12T09:30:00.000Z' })).toEqual({
      title: 'Nantes Université: Portes ouvertes du labo',
      text: 'Portes ouvertes du labo',
      hashtags: ['#chimie'],
      mediaKind: 'image',
      sourceHandle: 'univnantes',
      sourceName: 'Nantes Université',
      sourceTweetId: id,
      url: `https://x.com/univnantes/status/${id}`,
      postedAt: Date.parse('2026-11-12T09:30:00.000Z'),
    });
    expect(draftFromTweet({ ...facts, tweetId: id }).postedAt).toBe(postedAtOf(id));
    // (An id older than X's snowflakes says nothing of its date.)
    expect(draftFromTweet(facts)).toMatchObject({ sourceTweetId: '9101', url: 'https://x.com/univnantes/status/9101' });
    expect(draftFromTweet(facts).postedAt).toBeUndefined();
    const unread = draftFromTweet({ ...facts, tweetId: null });
    expect([unread.url, unread.sourceTweetId, unread.postedAt]).toEqual([undefined, undefined, undefined]);
  });

  it("keeps what a topic holds of the longest tweet, its hashtags as long as X's page gives them: saving it is never refused", async () => {
    const db = await freshDb();
    try {
      const long: TweetFacts = {
        ...facts,
        tweetId: '1856000000000000001',
        name: 'N'.repeat(150),
        // (X Premium's tweets run to 25,000 characters; its hashtags as the adapter reads them, to 60 after "#".)
        text: `Journée\n\n  des   femmes ${'et des filles de science '.repeat(1000)}`,
        hashtags: ['#InternationalDayOfWomenAndGirlsInScience', `#${'a'.repeat(60)}`, ...Array.from({ length: 40 }, (_, i) => `#h${i}`)],
      };
      const d = draftFromTweet(long);
      // The title on one line, cut with "…" (after a word, not a space) where a topic's title ends.
      expect(d.title.length).toBeGreaterThan(195);
      expect(d.title.length).toBeLessThanOrEqual(200);
      expect(d.title).toMatch(/^N{150}: Journée des femmes et des .*\S…$/);
      expect([d.text!.length, d.hashtags!.length, d.sourceName!.length]).toEqual([1000, 30, 100]);
      const r = await saveTopic(db, d, { now: 1 });
      expect(r).toMatchObject({ ok: true, topic: { title: d.title, hashtags: d.hashtags } });
    } finally {
      await dropDb(db);
    }
  });
});

describe('a page, a link or a selection as a topic', () => {
  it('a web page is its title and address; an X page its title less what X adds', () => {
    expect(draftFromPage({ url: 'https://www.nature.com/articles/s41557', title: 'A CO2-capturing molecule' })).toEqual({
      title: 'A CO2-capturing molecule',
      url: 'https://www.nature.com/articles/s41557',
      note: '',
    });
    expect(draftFromPage({ url: 'https://x.com/search?q=%23chimie', title: '(3) #chimie - Search / X' }).title).toBe('#chimie - Search');
  });

  it('the selection is the title, and follows the page title in the note, its lines kept', () => {
    expect(draftFromPage({ url: 'https://example.org/a', title: 'Page', selection: '  a finding  ' })).toEqual({ title: 'a finding', url: 'https://example.org/a', note: 'Page\na finding' });
    const selection = 'First paragraph.\n\nSecond paragraph.';
    expect(draftFromPage({ url: 'https://example.org/a', title: 'Page', selection })).toEqual({ title: 'First paragraph. Second paragraph.', url: 'https://example.org/a', note: `Page\n${selection}` });
  });

  it("a link is the topic, whatever page it is on", () => {
    expect(draftFromPage({ url: 'chrome://newtab/', title: 'New Tab', linkUrl: 'https://example.org/b' })).toEqual({ title: 'https://example.org/b', url: 'https://example.org/b', note: '' });
  });

  it("X's feeds and the browser's own pages are no topic: without a selection, there is no title to save", () => {
    for (const [url, title] of [
      ['https://x.com/home', 'Home / X'],
      ['chrome://newtab/', 'New Tab'],
      ['chrome://extensions/', 'Extensions'],
      ['about:blank', ''],
      ['about:newtab', 'New Tab'],
      ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html', 'Veille'],
      ['moz-extension://0b7d9c1e-0000-4000-8000-000000000000/options.html', 'Veille'],
      ['edge://settings/', 'Settings'],
    ]) {
      expect(draftFromPage({ url, title }), url).toEqual({ title: '', note: '' });
      expect(draftFromPage({ url, title, selection: 'an idea' }), url).toEqual({ title: 'an idea', note: 'an idea' });
    }
  });

  it("a page in the browser's reader view is the page it shows", () => {
    const title = 'A CO2-capturing molecule';
    const article = draftFromPage({ url: 'https://www.nature.com/articles/s41557', title });
    for (const url of ['about:reader?url=https%3A%2F%2Fwww.nature.com%2Farticles%2Fs41557', 'read://https_www.nature.com/?url=https%3A%2F%2Fwww.nature.com%2Farticles%2Fs41557']) {
      expect(draftFromPage({ url, title }), url).toEqual(article);
    }
  });

  it('a file opened in the browser keeps its title (a report read locally), with no address to share', () => {
    expect(draftFromPage({ url: 'file:///home/cm/rapport.pdf', title: 'rapport.pdf' })).toEqual({ title: 'rapport.pdf', note: '' });
  });
});

describe('a link of the tweet the CM right-clicked', () => {
  const tweet = { title: 'T', url: 'https://x.com/inria/status/7', sourceHandle: 'inria', sourceTweetId: '7', hashtags: ['#IA', '#Santé'] };
  it('stands for the tweet: its own address, its author, any of its hashtags, an X t.co link', () => {
    for (const link of ['https://x.com/inria/status/7/photo/1', 'https://x.com/Inria', 'https://x.com/hashtag/sant%C3%A9', 'https://x.com/hashtag/IA', 'https://t.co/abc']) {
      expect(linkOfTweet(link, tweet), link).toBe(true);
    }
  });
  it("is the topic itself anywhere else: another tweet, account or hashtag, a page outside X, a t.co address within another's", () => {
    for (const link of ['https://x.com/inria/status/8', 'https://x.com/cnrs', 'https://x.com/hashtag/chimie', 'https://example.org/?u=https://t.co/abc']) {
      expect(linkOfTweet(link, tweet), link).toBe(false);
    }
    expect(linkOfTweet('https://x.com/hashtag/IA', { ...tweet, hashtags: undefined })).toBe(false);
  });
});
