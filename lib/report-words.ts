/**
 * The weekly report's words in a language chosen for it, whatever the browser's: a French team's
 * CM may browse in English. The messages are the extension's own files, read as the browser reads
 * them ($1 … $9 replaced by what is given).
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { ReportWords } from './report';
import type { ReportLanguage } from './schemas';

const messagesSchema = z.record(z.string(), z.object({ message: z.string() }));

/** The words of a messages file: a key it lacks is given back as is, as the browser's own do. */
export function wordsFrom(messages: z.infer<typeof messagesSchema>): ReportWords {
  return (key, ...subs) => {
    const message = messages[key]?.message;
    if (message === undefined) return key;
    return message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : String(subs[Number(d) - 1] ?? '')));
  };
}

/** The words of `language`, from the extension's own messages file. */
export async function loadWords(language: ReportLanguage): Promise<ReportWords> {
  const res = await fetch(browser.runtime.getURL(`/_locales/${language}/messages.json`));
  if (!res.ok) throw new Error(`messages of ${language}: ${res.status}`);
  return wordsFrom(messagesSchema.parse(await res.json()));
}
