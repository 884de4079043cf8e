/**
 * Next to every author's name on X: the partner tag (a coloured label with the category and the
 * partner's name on hover), or, for an account that is not a partner, a small "+" to tag it.
 * Both are buttons that open the in-place tagging popover.
 *
 * One per tweet author, so plain DOM in a shadow root (no framework, no WXT UI helper: those cost
 * milliseconds each), and all text goes through textContent.
 */
import { CATEGORY_COLORS, categoryLabelKey } from '@/lib/categories';
import { t, type MessageKey } from '@/lib/i18n';
import type { PartnerTag } from '@/lib/protocol';
import { OURS, h, setContent, shadowHost } from './dom';

export const TAG_ATTR = 'data-veille-tag';
const AUTHOR_ATTR = 'data-veille-author';

const CSS = `
:host { display: inline-flex; align-items: center; margin: 0 4px; vertical-align: middle; flex-shrink: 0; }
button {
  all: unset; display: inline-block; padding: 0 6px; border-radius: 9px; cursor: pointer; white-space: nowrap;
  font: 600 11px/18px -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
}
.tag { color: #fff; letter-spacing: .01em; }
.add { color: #536471; border: 1px dashed #8b98a5; line-height: 14px; padding: 0 5px; opacity: .45; }
.add:hover, .add:focus-visible { opacity: 1; }
button:focus-visible { outline: 2px solid #1d9bf0; outline-offset: 1px; }
`;

export type OpenEditor = (handle: string, name: string, partner: PartnerTag | undefined, trigger: HTMLElement) => void;

/** The author's display name, read when the popover opens (not for every tweet). */
export type NameOf = () => string;

/** Author block → its badge. (X may drop the badge when it re-renders the block: check the parent.) */
const badges = new WeakMap<Element, HTMLElement>();

function existing(el: Element): HTMLElement | null {
  const host = badges.get(el);
  return host && host.parentElement === el ? host : null;
}

/** A fingerprint of what a badge shows, to leave an up-to-date one alone. */
const stateOf = (handle: string, tag: PartnerTag | undefined) =>
  tag ? `${handle}|${tag.category}|${tag.name}|${tag.tags.join(',')}|${tag.note.length}` : `${handle}|-`;

/**
 * Make the author block `el` carry the right badge for `handle`. Idempotent: an up-to-date badge is
 * left alone, a stale one (recycled cell, changed partner) is redrawn. With `lazy`, an account that is
 * not a partner gets no badge (its "+" comes when the CM points at or focuses the tweet).
 */
export function applyAuthorBadge(
  el: Element,
  handle: string,
  name: NameOf,
  tag: PartnerTag | undefined,
  where: 'tweet' | 'profile',
  open: OpenEditor,
  lazy = true,
): void {
  const state = stateOf(handle, tag);
  let host = existing(el);
  if (host?.dataset.state === state) return;
  if (!tag && lazy) {
    // The "+" of an account that is not a partner is drawn on hover or focus only.
    host?.remove();
    return;
  }
  if (!host) {
    host = shadowHost('author', CSS, 'span').host;
    badges.set(el, host);
    // Next to the name: after the name block in a tweet, under name and handle on a profile.
    if (where === 'tweet' && el.children.length > 1) el.insertBefore(host, el.children[1]!);
    else el.appendChild(host);
  }
  host.dataset.state = state;
  host.setAttribute(AUTHOR_ATTR, handle);
  let button: HTMLButtonElement;
  if (tag) {
    const title = t('tag_title', t(categoryLabelKey(tag.category)), tag.name || `@${tag.handle}`);
    button = h('button', { class: 'tag', type: 'button', title, 'aria-label': `${title}. ${t('tag_edit')}` }, t(`catshort_${tag.category}` as MessageKey));
    button.style.background = CATEGORY_COLORS[tag.category];
    host.setAttribute(TAG_ATTR, tag.handle);
    host.dataset.category = tag.category;
    host.dataset.name = tag.name;
  } else {
    const label = t('tag_add', handle);
    button = h('button', { class: 'add', type: 'button', title: label, 'aria-label': label }, '+');
    host.removeAttribute(TAG_ATTR);
    delete host.dataset.category;
    delete host.dataset.name;
  }
  button.addEventListener('click', (e) => {
    // The whole tweet is a link on X: keep the click for ourselves.
    e.stopPropagation();
    e.preventDefault();
    open(handle, name(), tag, button);
  });
  setContent(host.shadowRoot!, button);
}

export { OURS };
