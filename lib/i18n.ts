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

/** Messages written for one and for several: `${key}_one` and `${key}_other` both exist. */
export type CountKey = { [K in MessageKey]: K extends `${infer B}_one` ? (`${B}_other` extends MessageKey ? B : never) : never }[MessageKey];

let plurals: Intl.PluralRules | undefined;
let numbers: Intl.NumberFormat | undefined;

/**
 * A message about `n` things, in the form the language gives that number ("1 day", "0 days";
 * "0 jour", "2 jours"): $1 is `n` as the language writes it ("4,210", "4 210"), then `subs`. Also a
 * count with its word given whole to a sentence ("1 engagement", in place of "$2 impressions").
 */
export function tCount(key: CountKey, n: number, ...subs: (string | number)[]): string {
  return t(countKey(key, n), numberText(n), ...subs);
}

/** A number as the browser's language writes it ("4,210"; "4 210"). */
export function numberText(n: number): string {
  numbers ??= new Intl.NumberFormat(uiLocale());
  return numbers.format(n);
}

/** The form of `key` for `n` things ("1 tweet", "2 tweets"), for a message that writes the number itself. */
export function countKey(key: CountKey, n: number): MessageKey {
  plurals ??= new Intl.PluralRules(uiLocale());
  return `${key}_${plurals.select(n) === 'one' ? 'one' : 'other'}`;
}

/** The browser's own language ("de-DE"): what its spreadsheet reads (see `spreadsheetSeparator`). */
export function browserLocale(): string {
  return browser.i18n.getUILanguage();
}

/**
 * The language Veille speaks in this browser, as the browser writes it: its language where Veille
 * has messages in it ("en-GB", "fr-CA"), otherwise the language of the messages shown ("en" in a
 * German browser, not "de": no German day names in English sentences). For dates, numbers, plural
 * forms and the pages' `lang`.
 */
export function uiLocale(): string {
  const browserSays = browserLocale();
  const spoken = t('locale');
  return browserSays.split(/[-_]/)[0]!.toLowerCase() === spoken ? browserSays : spoken;
}
