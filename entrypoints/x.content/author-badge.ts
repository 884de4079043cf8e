/**
 * Next to every author's name on X: the partner tag (a coloured label with the category and the
 * partner's name on hover), or, for an account that is not a partner, a small "+" to tag it.
 * Both are buttons that open the in-place tagging popover.
 *
 * There is one per tweet author, so they cost as little as DOM allows: a copy of a badge built once
 * per account and state, shadow root included (no framework, no WXT UI helper, no listener per
 * badge: one click listener on the document serves them all). All text goes through textContent.
 */
import { CATEGORY_COLORS, PARTNER_CATEGORIES, categoryLabelKey } from '@/lib/categories';
import { t, type MessageKey } from '@/lib/i18n';
import type { PartnerTag } from '@/lib/protocol';
import { OURS, copyHost, h, hostTemplate, nodeSlot, placed } from './dom';

export const TAG_ATTR = 'data-veille-tag';
const AUTHOR_ATTR = 'data-veille-author';

const CSS = `
:host { display: inline-flex; align-items: center; margin: 0 4px; vertical-align: middle; flex-shrink: 0; }
button {
  all: unset; display: inline-block; padding: 0 6px; border-radius: 9px; cursor: pointer; white-space: nowrap;
  font: 600 11px/18px -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
}
.tag { color: #fff; letter-spacing: .01em; }
${PARTNER_CATEGORIES.map((c) => `.c-${c} { background: ${CATEGORY_COLORS[c]}; }`).join('\n')}
.add { color: #536471; border: 1px dashed #8b98a5; line-height: 14px; padding: 0 5px; opacity: .45; }
.add:hover, .add:focus-visible { opacity: 1; }
button:focus-visible { outline: 2px solid #1d9bf0; outline-offset: 1px; }
`;

export type OpenEditor = (handle: string, name: string, partner: PartnerTag | undefined, trigger: HTMLElement) => void;

/** Author block → its badge, and the state that badge shows. */
const badges = nodeSlot<HTMLElement>();
const shown = nodeSlot<string>();

function existing(el: Element): HTMLElement | null {
  const host = badges.get(el);
  // X may drop the badge when it re-renders the block: check it is still there.
  return host && host.parentElement === el ? host : null;
}

/** A fingerprint of what a badge shows, to leave an up-to-date one alone. */
const stateOf = (handle: string, tag: PartnerTag | undefined) =>
  tag ? `${handle}|${tag.category}|${tag.name}|${tag.tags.join(',')}|${tag.note.length}` : `${handle}|-`;

/** The badge of each state (its host and button), built once and copied into every author block that shows it. */
const templates = new Map<string, HTMLElement>();

function templateFor(state: string, handle: string, tag: PartnerTag | undefined): HTMLElement {
  let template = templates.get(state);
  if (!template) {
    if (templates.size >= 2000) templates.clear();
    let button: Element;
    const attrs: Record<string, string> = { [AUTHOR_ATTR]: handle };
    if (tag) {
      const title = t('tag_title', t(categoryLabelKey(tag.category)), tag.name || `@${tag.handle}`);
      button = h('button', { class: `tag c-${tag.category}`, type: 'button', title, 'aria-label': `${title}. ${t('tag_edit')}` }, t(`catshort_${tag.category}` as MessageKey));
      Object.assign(attrs, { [TAG_ATTR]: tag.handle, 'data-category': tag.category, 'data-name': tag.name });
    } else {
      const label = t('tag_add', handle);
      button = h('button', { class: 'add', type: 'button', title: label, 'aria-label': label }, '+');
    }
    template = hostTemplate('author', 'span', attrs, button);
    templates.set(state, template);
  }
  return template;
}

/**
 * Make the author block `el` carry the right badge for `handle`. Idempotent: an up-to-date badge is
 * left alone, a stale one (recycled cell, changed partner) is replaced. With `lazy`, an account that
 * is not a partner gets no badge (its "+" comes when the CM points at or focuses the tweet).
 * True when the block shows a badge.
 */
export function applyAuthorBadge(el: Element, handle: string, tag: PartnerTag | undefined, where: 'tweet' | 'profile', lazy = true): boolean {
  const host = existing(el);
  // (Most authors are not partners and have nothing drawn: nothing to do.)
  if (!host && !tag && lazy) return false;
  const state = stateOf(handle, tag);
  if (host && shown.get(host) === state) return true;
  if (!tag && lazy) {
    // The "+" of an account that is not a partner is drawn on hover or focus only.
    host?.remove();
    return false;
  }
  const badge = copyHost(templateFor(state, handle, tag), CSS);
  shown.set(badge, state);
  badges.set(el, badge);
  // Next to the name: after the name block in a tweet, under name and handle on a profile.
  const first = where === 'tweet' && !host ? el.firstElementChild : null;
  if (host) host.replaceWith(badge);
  else if (first) first.after(badge);
  else el.appendChild(badge);
  placed(badge, el);
  return true;
}

/**
 * One listener for every badge's button: it opens the tagging popover. It listens while capturing, on the document, so that X's handlers
 * (the whole tweet is a link) never see the click.
 */
export function listenToBadges(
  doc: Document,
  partnerOf: (handle: string) => PartnerTag | undefined,
  nameOf: (host: Element) => string,
  open: OpenEditor,
  signal: AbortSignal,
): void {
  doc.addEventListener(
    'click',
    (e) => {
      const path = e.composedPath();
      const host = path.find((n): n is HTMLElement => n instanceof HTMLElement && n.getAttribute(OURS) === 'author');
      const handle = host?.getAttribute(AUTHOR_ATTR);
      // Only a click on the button itself: the host's margins are not part of it.
      const button = path[0];
      if (!host || !handle || !(button instanceof HTMLElement) || button.tagName !== 'BUTTON') return;
      e.stopPropagation();
      e.preventDefault();
      open(handle, nameOf(host), partnerOf(handle), button);
    },
    { capture: true, signal },
  );
}

export { OURS };
