// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startOverlays, type OverlayRunner } from '@/entrypoints/x.content/overlays';
import { TAG_ATTR } from '@/entrypoints/x.content/partner-tag';
import type { PartnerTag } from '@/lib/protocol';
import { profileHeaderHtml, timelinePage, tweetHtml, cellHtml } from '../fixtures/x-dom';

const PARTNERS: PartnerTag[] = [
  { handle: 'univnantes', name: 'Nantes Université', category: 'academic' },
  { handle: 'jacs_au', name: 'JACS Au', category: 'journal' },
];

let controller: AbortController;
let known: PartnerTag[];
let lookup: ReturnType<typeof vi.fn<(handles: string[]) => Promise<PartnerTag[]>>>;
let runner: OverlayRunner;

function load(html: string) {
  document.documentElement.innerHTML = html.replace(/^<!doctype html>/, '');
}
const settle = () => new Promise((r) => setTimeout(r, 40));
const tagsOf = (article: Element) => Array.from(article.querySelectorAll(`[${TAG_ATTR}]`)).map((t) => t.getAttribute(TAG_ATTR));
const articles = () => Array.from(document.querySelectorAll('article[data-testid="tweet"]'));

beforeEach(() => {
  controller = new AbortController();
  known = [...PARTNERS];
  lookup = vi.fn(async (handles: string[]) => known.filter((p) => handles.includes(p.handle)));
});
afterEach(() => controller.abort());

function start() {
  runner = startOverlays({ root: document, signal: controller.signal, lookup });
}

describe('partner tags on a timeline', () => {
  it('tags partners once, quoted authors too, and no one else, in one round trip', async () => {
    load(
      timelinePage([
        { handle: 'UnivNantes', id: '1' },
        { handle: 'random_user', id: '2', quote: { handle: 'JACS_Au' } },
        { handle: 'univnantes', id: '3', markup: '2025' },
        { handle: 'other', id: '4' },
      ]),
    );
    start();
    await settle();
    expect(articles().map(tagsOf)).toEqual([['univnantes'], ['jacs_au'], ['univnantes'], []]);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(new Set(lookup.mock.calls[0]![0])).toEqual(new Set(['univnantes', 'random_user', 'jacs_au', 'other']));
    // The tag sits in the author block, text in a shadow root, with the name on hover.
    const host = articles()[0]!.querySelector(`[${TAG_ATTR}]`)!;
    expect(host.parentElement!.getAttribute('data-testid')).toBe('User-Name');
    const label = host.shadowRoot!.querySelector('span')!;
    expect(label.textContent).toBe('Academic');
    expect(label.title).toBe('Veille partner · Academic (lab or university) · Nantes Université');
    // A quoted partner's tag is in the quoted author's block.
    expect(articles()[1]!.querySelector(`[role="link"] [${TAG_ATTR}]`)).not.toBeNull();
  });

  it('tags tweets that load later, asking only about new accounts', async () => {
    load(timelinePage([{ handle: 'univnantes', id: '1' }]));
    start();
    await settle();
    const timeline = document.querySelector('.timeline')!;
    const cells = document.createElement('div');
    cells.innerHTML = [cellHtml({ handle: 'univnantes', id: '5' }, 1), cellHtml({ handle: 'jacs_au', id: '6' }, 2)].join('');
    timeline.append(...cells.children);
    await settle();
    expect(articles().map(tagsOf)).toEqual([['univnantes'], ['univnantes'], ['jacs_au']]);
    expect(lookup).toHaveBeenCalledTimes(2);
    expect(lookup.mock.calls[1]![0]).toEqual(['jacs_au']);
  });

  it('follows a recycled cell to its new tweet', async () => {
    load(timelinePage([{ handle: 'univnantes', id: '1' }, { handle: 'other', id: '2' }]));
    start();
    await settle();
    // X reuses the first cell for another tweet: its content is replaced.
    const first = document.querySelector('[data-testid="cellInnerDiv"] > div > div')!;
    first.innerHTML = tweetHtml({ handle: 'nobody', id: '9' });
    // And the second cell's author block is updated in place (href changes).
    const second = articles()[1]!;
    for (const a of second.querySelectorAll('a[href^="/other"]')) a.setAttribute('href', a.getAttribute('href')!.replace('/other', '/jacs_au'));
    await settle();
    expect(articles().map(tagsOf)).toEqual([[], ['jacs_au']]);
  });

  it('follows partner changes: invalidate redoes every tag', async () => {
    load(timelinePage([{ handle: 'univnantes', id: '1' }, { handle: 'jacs_au', id: '2' }]));
    start();
    await settle();
    known = [{ handle: 'jacs_au', name: 'JACS Au', category: 'media' }];
    runner.invalidate();
    await settle();
    expect(articles().map(tagsOf)).toEqual([[], ['jacs_au']]);
    const host = articles()[1]!.querySelector<HTMLElement>(`[${TAG_ATTR}]`)!;
    expect(host.dataset.category).toBe('media');
    expect(articles()[1]!.querySelectorAll(`[${TAG_ATTR}]`)).toHaveLength(1);
  });

  it('puts the tag in the header of a partner profile page', async () => {
    (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL('https://x.com/UnivNantes');
    load(timelinePage([]).replace('<div style', `${profileHeaderHtml({ handle: 'UnivNantes' })}<div style`));
    start();
    await settle();
    const header = document.querySelector('[data-testid="UserName"]')!;
    expect(header.querySelectorAll(`[${TAG_ATTR}]`)).toHaveLength(1);
  });

  it('leaves the page alone when the background cannot be reached', async () => {
    lookup.mockRejectedValue(new Error('Extension context invalidated.'));
    load(timelinePage([{ handle: 'univnantes', id: '1' }]));
    start();
    await settle();
    expect(articles().map(tagsOf)).toEqual([[]]);
  });

  it('stops when the content script is invalidated', async () => {
    load(timelinePage([{ handle: 'univnantes', id: '1' }]));
    start();
    await settle();
    controller.abort();
    const timeline = document.querySelector('.timeline')!;
    const cells = document.createElement('div');
    cells.innerHTML = cellHtml({ handle: 'jacs_au', id: '6' }, 2);
    timeline.append(...cells.children);
    await settle();
    expect(lookup).toHaveBeenCalledTimes(1);
  });
});
