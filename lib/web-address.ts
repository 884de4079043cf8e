import { INVISIBLE } from './handle';

/**
 * A web page's address as people type or paste it: "nature.com/articles/…" or "www.inserm.fr/…"
 * without its "https://", which is then added. Anything else stays as written (and the schemas'
 * checks refuse it if it is no web page's address). Light: the popup uses it as the CM types.
 */
export function withScheme(address: string): string {
  // (What shows nothing, pasted from a document with the address, is no part of it: see INVISIBLE.)
  const a = address.replace(INVISIBLE, '').trim();
  return !/^[a-z][a-z\d+.-]*:/i.test(a) && /^(?:[a-z\d-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#]|$)/i.test(a) ? `https://${a}` : a;
}

/**
 * A part of an address, its escapes ("%C3%A9") read; as written where they are not UTF-8's
 * ("%E2%82", "%"), which an address bar lets through and `decodeURIComponent` throws on.
 */
export function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The page a browser's reader view shows (Firefox's `about:reader?url=…`, Edge's `read://…?url=…`), or the address as it is. */
export function pageOfReaderView(url: string): string {
  const m = /^(?:about:reader|read:\/\/[^?]*)\?url=([^&#]+)/i.exec(url);
  if (!m) return url;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return url;
  }
}
