/**
 * What went wrong, as a person reads it: the error's message, or what was thrown. Dexie's errors
 * say again what IndexedDB said after their own words ("…\n QuotaExceededError: …"): once is enough.
 */
export function errorText(e: unknown): string {
  const said = e instanceof Error ? e.message : String(e);
  const inner = (e as { inner?: Error } | null | undefined)?.inner?.message;
  return inner && said.startsWith(inner) ? inner : said;
}
