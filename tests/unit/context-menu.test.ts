import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MENU_ID, announceRefused, startTopicGestures } from '@/entrypoints/background/topics';

/** The "Save to Veille" items made, by the background as it starts and as the browser tells it things. */
function menuMade() {
  const create = vi.fn((props: { id?: string }, done?: () => void) => {
    done?.();
    return props.id ?? 0;
  });
  fakeBrowser.contextMenus.create = create as unknown as typeof fakeBrowser.contextMenus.create;
  fakeBrowser.contextMenus.onClicked.addListener = (fn) => void (clicked = fn);
  fakeBrowser.commands.onCommand.addListener = () => undefined;
  return create;
}
let clicked: Parameters<typeof fakeBrowser.contextMenus.onClicked.addListener>[0] | undefined;

const handlers = { 'topic.saveFromPage': vi.fn(async () => ({ topic: { id: 't', title: 'A finding', status: 'new' }, created: true, issues: [] })) };

describe('the "Save to Veille" context menu item', () => {
  it('is made when the extension is installed or updated where the browser keeps it (Chrome, a service worker)', async () => {
    const create = menuMade();
    startTopicGestures(handlers, false);
    expect(create).not.toHaveBeenCalled();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]![0]).toMatchObject({ id: MENU_ID, title: 'Save to Veille', contexts: ['page', 'link', 'selection'] });
  });

  it('is made every time a persistent background page starts (Firefox keeps none of its items across restarts)', () => {
    const create = menuMade();
    // A browser restart: no install event, the page starts again.
    startTopicGestures(handlers, true);
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]![0]).toMatchObject({ id: MENU_ID });
    // Its click saves the page, the link or the selection.
    clicked!({ menuItemId: MENU_ID, editable: false, pageUrl: 'https://example.org/a', selectionText: 'A finding' }, { id: 3, title: 'A page' } as never);
    expect(handlers['topic.saveFromPage']).toHaveBeenCalledWith({ tabId: 3, url: 'https://example.org/a', title: 'A page', selection: 'A finding' });
  });
});

describe('a save without a form that saves nothing', () => {
  it('says so in a notification, and why', async () => {
    const create = vi.fn(async () => 'id');
    fakeBrowser.notifications.create = create as unknown as typeof fakeBrowser.notifications.create;
    announceRefused(['err_title_required']);
    announceRefused(['err_title_too_long']);
    await vi.waitFor(() => expect(create).toHaveBeenCalledTimes(2));
    const shown = create.mock.calls.map((c) => (c as unknown as [string, { title: string; message: string }])[1]);
    expect(shown.map((n) => [n.title, n.message])).toEqual([
      ['Nothing saved', "Nothing to save here: point at a tweet (or move to it with X’s j and k keys), or select some text, then save again."],
      ['Nothing saved', 'The title is longer than 200 characters.'],
    ]);
    // Clicking it opens nothing: it is no saved topic.
    expect((create.mock.calls[0] as unknown as [string])[0]).toMatch(/^veille-unsaved-\d+$/);
  });
});
