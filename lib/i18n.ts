/**
 * French and English, following the browser's language, through the extension's own message files
 * (public/_locales/{en,fr}/messages.json).
 */
import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

const cache = new Map<string, string>();

/** A message in the browser's language. Messages never change while the extension runs: cached. */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const id = subs.length ? `${key}\u0000${subs.join('\u0001')}` : key;
  let text = cache.get(id);
  if (text === undefined) {
    text = browser.i18n.getMessage(key, subs.map(String)) || key;
    if (cache.size > 5000) cache.clear();
    cache.set(id, text);
  }
  return text;
}

/** A message whose key comes from data (a validation error): the key itself when unknown. */
export function tKey(key: string, ...subs: (string | number)[]): string {
  return t(key as MessageKey, ...subs);
}

/** The browser's UI language, for dates and numbers. */
export function uiLocale(): string {
  return browser.i18n.getUILanguage();
}
