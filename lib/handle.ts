/**
 * X handles, without zod, so that the content script can use them at no cost.
 * A handle is 1 to 15 letters, digits or "_". Veille stores it in lower case without "@".
 */
export const HANDLE_RE = /^[A-Za-z0-9_]{1,15}$/;

/**
 * A profile's address, as a CM copies it from the browser or a spreadsheet: its handle is the path
 * (or, in the addresses Twitter gave until 2012, what follows "#!/": a team's list may be older).
 */
const PROFILE_URL = /^(?:https?:\/\/)?(?:www\.|mobile\.)?(?:x|twitter)\.com\/(?:#!\/)?([^/?#\s]+)\/?(?:[?#]\S*)?$/i;
/** Paths of X's own pages, which are no one's profile. */
const X_PAGES = new Set(['home', 'explore', 'notifications', 'messages', 'search', 'settings', 'i', 'compose', 'login', 'signup', 'tos', 'privacy']);

/**
 * What a person typed or pasted for an account, as Veille keeps it: "@UnivNantes", " univnantes ",
 * "https://x.com/UnivNantes" or "twitter.com/UnivNantes/" → "univnantes". (An address that is not
 * a profile's, as "x.com/home", is kept as typed: the handle check refuses it.)
 */
export function handleInput(raw: string): string {
  const s = raw.trim();
  const path = PROFILE_URL.exec(s)?.[1];
  const h = path !== undefined && !X_PAGES.has(path.toLowerCase()) ? path : s;
  return h.replace(/^@/, '').toLowerCase();
}

/** "@UnivNantes" (or its profile's address) → "univnantes"; null when it is not a handle. */
export function normalizeHandle(raw: string): string | null {
  const h = handleInput(raw);
  return HANDLE_RE.test(h) ? h : null;
}
