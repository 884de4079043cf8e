import type { MessageKey } from './i18n';

/**
 * What went wrong, as a person reads it: the error's message, or what was thrown. Dexie's errors
 * say again what IndexedDB said after their own words ("…\n QuotaExceededError: …"): once is enough.
 */
export function errorText(e: unknown): string {
  const said = e instanceof Error ? e.message : String(e);
  const inner = (e as { inner?: Error } | null | undefined)?.inner?.message;
  return inner && said.startsWith(inner) ? inner : said;
}

/**
 * The causes the browser names that a CM can act on, each said in Veille's words and the
 * interface's language, where the browser's own text is English whatever the page's ("Encountered
 * full disk quota", "The requested file could not be read, typically due to permission problems…").
 * A file's errors are the DOM's own (Dexie has a NotFoundError of its own, for a missing store).
 */
const CAUSES: Record<string, { key: MessageKey; dom?: true }> = {
  QuotaExceededError: { key: 'err_cause_quota' },
  NotReadableError: { key: 'err_cause_file_changed', dom: true },
  NotFoundError: { key: 'err_cause_file_changed', dom: true },
  NotAllowedError: { key: 'err_cause_not_allowed', dom: true },
};

/**
 * The message of a cause the CM can act on (see CAUSES), in the error or the errors it wraps
 * (Dexie's `inner`: an aborted transaction whose cause was a full disk), or undefined.
 */
export function errorCause(e: unknown): MessageKey | undefined {
  for (let x = e, depth = 0; x && typeof x === 'object' && depth < 5; x = (x as { inner?: unknown }).inner, depth++) {
    const name = (x as { name?: unknown }).name;
    const cause = typeof name === 'string' && Object.hasOwn(CAUSES, name) ? CAUSES[name] : undefined;
    if (cause && (!cause.dom || x instanceof DOMException)) return cause.key;
  }
  return undefined;
}

/**
 * What went wrong, as a worker without the browser's messages answers it (an import's, a backup's):
 * a cause's message key, which the page says in its language (`reasonText`), or the error's text.
 */
export function errorDetail(e: unknown): string {
  return errorCause(e) ?? errorText(e);
}
