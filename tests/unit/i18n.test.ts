import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import { numberText, t, tCount } from '@/lib/i18n';
import { fakeGetMessage } from './setup';

type Messages = Record<string, { message: string }>;
const placeholders = (m: string) => [...m.matchAll(/\$\d/g)].map((x) => x[0]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

describe('French and English messages', () => {
  it('have the same keys and the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of Object.entries(en as Messages)) {
      expect(placeholders((fr as Messages)[key]!.message), key).toEqual(placeholders(message));
      expect((fr as Messages)[key]!.message.trim(), key).not.toBe('');
    }
  });

  it("fit the stores' limits: the name 45 characters at most, the description 132 (the Chrome Web Store refuses more)", () => {
    for (const [lang, messages] of Object.entries({ en, fr } as Record<string, Messages>)) {
      expect(messages.extName!.message.length, `${lang} extName`).toBeLessThanOrEqual(45);
      expect(messages.extDescription!.message.length, `${lang} extDescription`).toBeLessThanOrEqual(132);
    }
  });

  it("follow French typography: a space that never breaks before ':' ';' '?' '!' and inside « », never an ordinary one", () => {
    const wrong = Object.entries(fr as Messages).filter(([, { message }]) => / [:;?!]|« | »/.test(message.replace(/https?:\/\/\S+/g, '')));
    expect(wrong.map(([key]) => key)).toEqual([]);
    // (Something and what is said of it, as the code composes them: a file and its error.)
    expect(fakeGetMessage(fr as Messages)('what_of', ['partenaires.csv', 'le fichier est vide'])).toBe('partenaires.csv\u00a0: le fichier est vide');
  });

  it('hold every key the code and the schemas use', () => {
    const root = resolve(__dirname, '../..');
    const used = new Set<string>();
    for (const file of ['entrypoints', 'components', 'lib'].flatMap((d) => sources(join(root, d)))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-z_]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/\b(?:tCount|countKey)\(\s*'([a-z_]+)'/g)) used.add(`${m[1]!}_one`).add(`${m[1]!}_other`);
      for (const m of text.matchAll(/'(err_[a-z_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
  });

  it('substitutes values', () => {
    expect(tCount('partners_count', 10, 3)).toBe('Showing 3 of 10 partners');
    expect(tCount('partners_count', 1, 1)).toBe('Showing 1 of 1 partner');
    expect(t('strip_since', 'Nov 12, 2026')).toBe('since Nov 12, 2026');
  });

  it('write a count as the language does: one day, 0 days in English; 0 jour, 2 jours in French', async () => {
    expect([0, 1, 2].map((n) => tCount('veille_streak', n))).toEqual([
      'Streak: 0 days at the goal',
      'Streak: 1 day at the goal',
      'Streak: 2 days at the goal',
    ]);
    expect(tCount('import_errors_title', 1, 'a.csv')).toBe('a.csv: errors in 1 row. Nothing has been stored.');
    // A count inside a message gets its own form: "1 engagement", not "1 engagements".
    expect(tCount('dash_days_totals', 1, tCount('n_impressions', 1088), tCount('n_engagements', 13))).toBe('1 day: 1,088 impressions, 13 engagements');
    expect(tCount('dash_days_totals', 2, tCount('n_impressions', 1), tCount('n_engagements', 1))).toBe('2 days: 1 impression, 1 engagement');
    expect(tCount('n_engagements', 0)).toBe('0 engagements');
    // Its number as the language writes it.
    expect(tCount('backup_replaced', 4210)).toBe('Replaced: 4,210 records restored.');
    expect(numberText(1_234_567)).toBe('1,234,567');
    // In French, with the module read afresh (the language's rules are read once).
    fakeBrowser.i18n.getMessage = fakeGetMessage(fr as Messages);
    fakeBrowser.i18n.getUILanguage = () => 'fr';
    vi.resetModules();
    const fresh = await import('@/lib/i18n');
    expect([0, 1, 2].map((n) => fresh.tCount('veille_streak', n))).toEqual([
      'Série\u00a0: 0 jour à l’objectif',
      'Série\u00a0: 1 jour à l’objectif',
      'Série\u00a0: 2 jours à l’objectif',
    ]);
    expect(fresh.tCount('dash_tweets', 1500)).toBe('1\u202f500 tweets');
    expect([0, 1, 12_000].map((n) => fresh.tCount('n_followers', n))).toEqual(['0 abonné', '1 abonné', '12\u202f000 abonnés']);
  });
});

describe('the language of dates and numbers', () => {
  /** lib/i18n read afresh in a browser of `browserSays`, showing the messages of `messages`. */
  async function inBrowser(browserSays: string, messages: Messages) {
    fakeBrowser.i18n.getMessage = fakeGetMessage(messages);
    fakeBrowser.i18n.getUILanguage = () => browserSays;
    vi.resetModules();
    return import('@/lib/i18n');
  }

  it("is the browser's where Veille speaks it, with its region; otherwise that of the messages shown", async () => {
    const { spreadsheetSeparator } = await import('@/lib/csv');
    // A German browser gets the English messages: its days and numbers are English too, and the
    // pages say they are English. Its spreadsheet is German all the same: ";" between columns.
    const de = await inBrowser('de-DE', en as Messages);
    expect(de.uiLocale()).toBe('en');
    expect(de.numberText(1234)).toBe('1,234');
    expect(de.tCount('n_followers', 1)).toBe('1 follower');
    expect(de.browserLocale()).toBe('de-DE');
    expect(spreadsheetSeparator(de.browserLocale())).toBe(';');
    // Where Veille has the language, the browser's own variant of it.
    expect((await inBrowser('en-GB', en as Messages)).uiLocale()).toBe('en-GB');
    const ca = await inBrowser('fr-CA', fr as Messages);
    expect(ca.uiLocale()).toBe('fr-CA');
    expect(ca.numberText(12_000)).toBe('12\u00a0000');
    expect(spreadsheetSeparator(ca.browserLocale())).toBe(';');
    expect((await inBrowser('fr', fr as Messages)).uiLocale()).toBe('fr');
  });
});

describe("the weekly report's words in a language chosen for it", () => {
  it("reads a messages file as the browser does, whatever the browser's language", async () => {
    const { wordsFrom } = await import('@/lib/report-words');
    const words = wordsFrom(fr as Messages);
    expect(words('report_proposed')).toBe('Proposés pour la réunion');
    expect(words('dash_tweets_other', '1\u202f500')).toBe('1\u202f500 tweets');
    expect(words('report_title', '2026-11-23', '2026-11-29')).toBe(fr.report_title.message.replace('$1', '2026-11-23').replace('$2', '2026-11-29'));
    // A key it lacks comes back as is; "$$" is a dollar; a value not given is nothing.
    expect(words('no_such_key')).toBe('no_such_key');
    expect(wordsFrom({ a: { message: 'US$$ $1 $2' } })('a', 5)).toBe('US$ 5 ');
    // The whole report, in French from an English browser.
    const { buildReport, reportMarkdown } = await import('@/lib/report');
    const md = reportMarkdown(buildReport([], [], [], Date.UTC(2026, 10, 25), 60, Date.UTC(2026, 10, 25)), words, 'fr');
    expect(md).toContain(`## ${fr.report_proposed.message} (0)`);
    // Its days as French writes them (the report's CSV keeps YYYY-MM-DD).
    expect(md).toContain(`# ${fr.report_title.message.replace('$1', '23 novembre 2026').replace('$2', '29 novembre 2026')}\n`);
    expect(md).toContain('| lun. 23 nov. | 0 |');
    expect(md).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  });

  it('loads the file of the language chosen from the extension, and says when it cannot', async () => {
    const { loadWords } = await import('@/lib/report-words');
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return url.endsWith('/_locales/fr/messages.json') ? new Response(JSON.stringify(fr)) : new Response('', { status: 404 });
    });
    try {
      expect((await loadWords('fr'))('report_proposed')).toBe('Proposés pour la réunion');
      await expect(loadWords('en')).rejects.toThrow('messages of en: 404');
      expect(fetched).toEqual(['chrome-extension://test-extension-id/_locales/fr/messages.json', 'chrome-extension://test-extension-id/_locales/en/messages.json']);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('keyboard shortcuts', () => {
  it('are written as the language writes them: Shift is a word of its own, other keys and Mac symbols stay', async () => {
    const { shortcutLabel } = await import('@/components/useShortcut');
    expect(shortcutLabel('Alt+Shift+V')).toBe('Alt+Shift+V');
    expect(shortcutLabel('Ctrl+Shift+S')).toBe('Ctrl+Shift+S');
    expect(shortcutLabel('⌥⇧V')).toBe('⌥⇧V');
    expect(fr.key_shift.message).toBe('Maj');
  });
});
