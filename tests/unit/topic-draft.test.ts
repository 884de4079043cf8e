import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import fr from '../../public/_locales/fr/messages.json';
import { fakeGetMessage } from './setup';
import { draftFromPage, draftFromTweet, type TweetFacts } from '@/lib/topic-draft';

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
