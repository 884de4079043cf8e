/**
 * X handles, without zod, so that the content script can use them at no cost.
 * A handle is 1 to 15 letters, digits or "_". Veille stores it in lower case without "@".
 */
export const HANDLE_RE = /^[A-Za-z0-9_]{1,15}$/;

/** "@UnivNantes" → "univnantes"; null when it is not a handle. */
export function normalizeHandle(raw: string): string | null {
  const h = raw.trim().replace(/^@/, '');
  return HANDLE_RE.test(h) ? h.toLowerCase() : null;
}
