import { AROUND, namedLine } from './named-line';

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
 * Characters that show nothing and come with text copied from web pages and documents: zero-width
 * spaces and joiners, and the marks that set the direction of text (X wraps names in them in pages
 * of right-to-left languages). Pasted with a handle, they would make it "not a handle" unseen.
 */
export const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]/g;

/** An "@handle" written among other words ("Nantes Université (@UnivNantes)"). */
const MENTIONED = /(?:^|[\s(\[«"'])@([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_@.])/g;

/**
 * What a person typed or pasted for an account, as Veille keeps it: "@UnivNantes", " univnantes ",
 * "https://x.com/UnivNantes" or "twitter.com/UnivNantes/" → "univnantes"; and, as a team's list
 * often writes an account, the one "@handle" among other words: "Nantes Université (@UnivNantes)".
 * (An address that is not a profile's, as "x.com/home", or words naming two accounts, are kept as
 * typed: the handle check refuses them.)
 */
export function handleInput(raw: string): string {
  const s = raw.replace(INVISIBLE, '').trim();
  const path = PROFILE_URL.exec(s)?.[1];
  let h = path !== undefined && !X_PAGES.has(path.toLowerCase()) ? path : s;
  if (!HANDLE_RE.test(h.replace(/^@/, '')) && path === undefined) {
    const named = new Set([...s.matchAll(MENTIONED)].map((m) => m[1]!.toLowerCase()));
    if (named.size === 1) h = [...named][0]!;
  }
  return h.replace(/^@/, '').toLowerCase();
}

/** A word that names an account the way no name does: "@UnivNantes" or "x.com/UnivNantes". */
function accountWord(word: string): string | null {
  const w = word.replace(AROUND, '');
  if (w.startsWith('@')) return HANDLE_RE.test(w.slice(1)) ? w.slice(1).toLowerCase() : null;
  const path = PROFILE_URL.exec(w)?.[1];
  return path !== undefined && !X_PAGES.has(path.toLowerCase()) && HANDLE_RE.test(path) ? path.toLowerCase() : null;
}

/**
 * A line of a team's list that names one account among other words, by its "@handle" or its
 * profile's address (see `namedLine`): "Nantes Université (@UnivNantes)" is @univnantes, named
 * "Nantes Université".
 */
export function namedAccount(line: string): { handle: string; name: string } | null {
  const named = namedLine(line.replace(INVISIBLE, ''), accountWord, (w) => w.startsWith('@') || w.includes('/'));
  return named && { handle: named.value, name: named.name };
}

/** "@UnivNantes" (or its profile's address) → "univnantes"; null when it is not a handle. */
export function normalizeHandle(raw: string): string | null {
  const h = handleInput(raw);
  return HANDLE_RE.test(h) ? h : null;
}
