// @vitest-environment happy-dom
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripPlace } from '@/entrypoints/x.content/engagement-strip';
import { findTweets, parseTweet } from '@/lib/x/adapter';

describe('where a strip goes in a tweet', () => {
  it('after the block around the action bar that lies in the same element as the author block', () => {
    // As on x.com: the action bar sits in wrappers of its own, below the text, in the column that
    // holds the author block.
    document.body.innerHTML = `<article><div id="column"><div id="names"><div id="author"></div></div><div id="text"></div>
      <div id="outer"><div id="inner"><div id="bar" role="group"></div></div></div></div></article>`;
    const place = stripPlace(document.getElementById('bar')!, document.getElementById('author')!);
    expect(place.id).toBe('outer');
    expect(place.parentElement!.id).toBe('column');
  });

  it('right after the action bar where the bar lies in that element itself', () => {
    document.body.innerHTML = `<article><div id="column"><div id="author"></div><div id="bar" role="group"></div></div></article>`;
    expect(stripPlace(document.getElementById('bar')!, document.getElementById('author')!).id).toBe('bar');
  });
});

/** The real captures, when ../shared/fixtures is there. */
const SHARED = resolve(__dirname, '../../../shared/fixtures/x-dom');
describe.skipIf(!existsSync(SHARED))('where a strip goes, on real captures from x.com', () => {
  it('below the action bar, in an element that holds the author block, never the tweet itself', () => {
    let tweets = 0;
    for (const file of readdirSync(SHARED).filter((f) => f.endsWith('.html'))) {
      document.body.innerHTML = readFileSync(resolve(SHARED, file), 'utf8'); // test fixture only
      for (const article of findTweets(document)) {
        const tw = parseTweet(article);
        if (!tw?.bar || !tw.author) continue;
        const place = stripPlace(tw.bar, tw.author.el);
        expect(place === tw.bar || place.contains(tw.bar)).toBe(true);
        expect(place.contains(tw.author.el)).toBe(false);
        expect(place.parentElement!.contains(tw.author.el)).toBe(true);
        expect(article.contains(place) && place !== article).toBe(true);
        tweets++;
      }
    }
    expect(tweets).toBeGreaterThan(10);
  });
});
