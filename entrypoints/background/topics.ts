/**
 * Saving topics from the worker: the "Save to Veille" context menu (page, link, selection) and the
 * keyboard shortcut, which save at once, without a form. On an X tweet, the content script tells
 * what the tweet is.
 */
import { browser } from 'wxt/browser';
import type { Handlers, TopicDraft } from '@/lib/protocol';
import { t, tKey } from '@/lib/i18n';
import { notify } from './notify';

export const MENU_ID = 'veille-save';
export const SAVE_COMMAND = 'save-topic';

/** Ask the content script of a tab what it shows (null where there is none: not an X tab). */
export async function describeTab(tabId: number): Promise<{ tweet: TopicDraft | null; selection: string } | null> {
  const answer = (await browser.tabs.sendMessage(tabId, { type: 'topic.describe' }).catch(() => null)) as {
    tweet?: TopicDraft | null;
    selection?: string;
  } | null;
  return answer ? { tweet: answer.tweet ?? null, selection: typeof answer.selection === 'string' ? answer.selection : '' } : null;
}

/** Tell the CM what a save without a form did (clicking it opens the topic: see notify.ts). */
export function announceSaved({ id, title, created }: { id: string; title: string; created: boolean }): void {
  void notify(`veille-topic-${id}`, t(created ? 'notify_saved_title' : 'notify_updated_title'), title);
}

/**
 * Tell the CM a save without a form saved nothing, and why: on X's home timeline (or notifications …)
 * with no tweet pointed at, focused or selected in, there is nothing to save.
 */
export function announceRefused(messages: string[]): void {
  const why = messages.includes('err_title_required') ? t('notify_unsaved_nothing') : messages.map((m) => tKey(m)).join(' ');
  void notify(`veille-unsaved-${Date.now()}`, t('notify_unsaved_title'), why);
}

/**
 * `persistentPage`: the background is a page that lives as long as the browser (the Firefox build,
 * manifest v2). Chrome keeps an extension's menu items across restarts, so there the item is made
 * when the extension is installed or updated; Firefox never keeps the items of a persistent
 * background page, so there it is made every time the page starts.
 */
export function startTopicGestures(handlers: Pick<Handlers, 'topic.saveFromPage'>, persistentPage = import.meta.env.MANIFEST_VERSION === 2): void {
  const save = (p: Parameters<Handlers['topic.saveFromPage']>[0]) => handlers['topic.saveFromPage'](p).catch((e: unknown) => console.error('veille', e));
  const createMenu = () => {
    browser.contextMenus.create({ id: MENU_ID, title: t('menu_save'), contexts: ['page', 'link', 'selection'] }, () => void browser.runtime.lastError);
  };
  if (persistentPage) createMenu();
  else browser.runtime.onInstalled.addListener(createMenu);
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID) return;
    void save({
      ...(tab?.id !== undefined ? { tabId: tab.id } : {}),
      url: info.pageUrl ?? tab?.url,
      title: tab?.title,
      ...(info.linkUrl ? { linkUrl: info.linkUrl } : {}),
      ...(info.selectionText ? { selection: info.selectionText } : {}),
    });
  });
  browser.commands.onCommand.addListener(async (command) => {
    if (command !== SAVE_COMMAND) return;
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (!tab) return;
    void save({ ...(tab.id !== undefined ? { tabId: tab.id } : {}), url: tab.url, title: tab.title });
  });
}
