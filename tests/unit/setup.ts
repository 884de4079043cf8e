import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  fakeBrowser.reset();
});

import en from '../../public/_locales/en/messages.json';

type Messages = Record<string, { message: string }>;

/** browser.i18n.getMessage over the English message file, as Chrome does it ($1 … substitutions). */
export function fakeGetMessage(messages: Messages) {
  return (key: string, subs?: string | (string | number)[]): string => {
    const m = messages[key]?.message;
    if (m === undefined) return '';
    const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    return m.replace(/\$(\d)/g, (_, i: string) => String(list[Number(i) - 1] ?? ''));
  };
}

beforeEach(() => {
  fakeBrowser.i18n.getMessage = fakeGetMessage(en as Messages);
  fakeBrowser.i18n.getUILanguage = () => 'en';
});
