/**
 * At the end of every author's line on X (name, @handle, time): the partner tag (a coloured label
 * with the category), or, for an account that is not a partner, a small "+" to tag it.
 *
 * There is one per tweet author, so they cost as little as DOM allows. On a tweet, a partner's tag
 * is first drawn by the overlay stylesheet from two attributes on the author block: no node is
 * made. When the CM points at or focuses the tweet, it becomes a button (with the partner's name
 * on hover) that opens the in-place tagging popover, as the "+" of other accounts does; on a
 * profile it is a button at once. A button is a copy of one built once per account and state, and
 * one click listener on the document serves them all. All text goes through textContent.
 */
import { CATEGORY_COLORS, PARTNER_CATEGORIES, categoryLabelKey } from '@/lib/categories';
import { t, type MessageKey } from '@/lib/i18n';
import type { OverlayKind } from '@/lib/messaging';
import type { PartnerTag } from '@/lib/protocol';
import { FONTS, OURS, h, nodeSlot } from './dom';

/** The attribute of what shows a partner tag (a drawn tag's author block, or a button's host), with the handle as value. */
export const TAG_ATTR = 'data-veille-tag';
/** The category of a drawn tag, on its author block. */
const CATEGORY_ATTR = 'data-veille-category';
const AUTHOR_ATTR = 'data-veille-author';

const BADGE = '[data-veille=author]';
const FONT = /* css */ `font: 600 11px/18px ${FONTS};`;
/** How a tag looks, drawn or as a button. */
const TAG_LOOK = /* css */ `display: inline-block; padding: 0 6px; border-radius: 9px; white-space: nowrap; color: #fff; letter-spacing: .01em; ${FONT}`;

/**
 * The badges' styles, in the page's overlay stylesheet (see `documentStyle`): the tags drawn after
 * an author block (a flex row on X: the tag is its last item), and the buttons. The category's
 * short name comes from the CM's language.
 */
export function badgeCss(): string {
  const drawn = `[${CATEGORY_ATTR}]::after`;
  return /* css */ `${drawn} { content: ""; align-self: center; flex-shrink: 0; margin: 0 4px; vertical-align: middle; ${TAG_LOOK} }
${PARTNER_CATEGORIES.map((c) => /* css */ `[${CATEGORY_ATTR}=${c}]::after { content: ${JSON.stringify(t(`catshort_${c}` as MessageKey))}; background: ${CATEGORY_COLORS[c]}; }`).join('\n')}
${BADGE} { all: initial; display: inline-flex; align-items: center; align-self: center; margin: 0 4px; vertical-align: middle; flex-shrink: 0; }
${BADGE} > button { all: initial; cursor: pointer; ${TAG_LOOK} }
${PARTNER_CATEGORIES.map((c) => /* css */ `${BADGE} > .c-${c} { background: ${CATEGORY_COLORS[c]}; }`).join('\n')}
${BADGE} > .add { color: #536471; border: 1px dashed #8b98a5; line-height: 14px; padding: 0 5px; opacity: .45; letter-spacing: normal; }
${BADGE} > .add:hover, ${BADGE} > .add:focus-visible { opacity: 1; }
${BADGE} > button:focus-visible { outline: 2px solid #1d9bf0; outline-offset: 1px; }
@media (forced-colors: active) { ${drawn}, ${BADGE} > button { border: 1px solid CanvasText; } }
`;
}

/** The rule that hides these overlays (the CM's settings); the partner tags drawn by CSS go with the author's buttons. */
export const hiddenCss = (kinds: readonly OverlayKind[]) =>
  kinds.length ? `${kinds.map((k) => `[${OURS}=${k}]`)}${kinds.includes('author') ? `,[${CATEGORY_ATTR}]::after` : ''}{display:none!important}` : '';

export type OpenEditor = (handle: string, name: string, partner: PartnerTag | undefined, trigger: HTMLElement) => void;

/** Author block → its badge button's host, and the state that badge shows. */
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
    const attrs: Record<string, string> = { [OURS]: 'author', [AUTHOR_ATTR]: handle };
    if (tag) {
      const title = t('tag_title', t(categoryLabelKey(tag.category)), tag.name || `@${tag.handle}`);
      button = h('button', { class: `tag c-${tag.category}`, type: 'button', title, 'aria-label': `${title}. ${t('tag_edit')}` }, t(`catshort_${tag.category}` as MessageKey));
      Object.assign(attrs, { [TAG_ATTR]: tag.handle, 'data-category': tag.category, 'data-name': tag.name });
    } else {
      const label = t('tag_add', handle);
      button = h('button', { class: 'add', type: 'button', title: label, 'aria-label': label }, '+');
    }
    template = h('span', attrs, button);
    templates.set(state, template);
  }
  return template;
}

/** Draw (or, with no tag, remove) the partner tag drawn by CSS on the author block `el`. */
function drawTag(el: Element, tag: PartnerTag | undefined): void {
  if (tag) {
    if (el.getAttribute(TAG_ATTR) !== tag.handle) el.setAttribute(TAG_ATTR, tag.handle);
    if (el.getAttribute(CATEGORY_ATTR) !== tag.category) el.setAttribute(CATEGORY_ATTR, tag.category);
  } else if (el.hasAttribute(TAG_ATTR)) {
    el.removeAttribute(TAG_ATTR);
    el.removeAttribute(CATEGORY_ATTR);
  }
}

/** Take the tags drawn by CSS off every author block of the page (the content script stops). */
export function clearTags(root: ParentNode): void {
  for (const el of root.querySelectorAll(`[${TAG_ATTR}]`)) drawTag(el, undefined);
}

/** Does the author block `el` show the tag `tag` calls for (or none, without a tag)? */
export function tagShown(el: Element, tag: PartnerTag | undefined): boolean {
  if (existing(el)) return true;
  return tag ? el.getAttribute(CATEGORY_ATTR) === tag.category : !el.hasAttribute(TAG_ATTR);
}

/**
 * Make the author block `el` carry the right badge for `handle`. Idempotent: an up-to-date badge is
 * left alone, a stale one (recycled cell, changed partner) is replaced. With `lazy` (a tweet not
 * pointed at nor focused), a partner's tag is drawn by CSS and an account that is not a partner
 * gets nothing; without, both get their button. True when the block shows a partner tag or a button.
 */
export function applyAuthorBadge(el: Element, handle: string, tag: PartnerTag | undefined, where: 'tweet' | 'profile', lazy = true): boolean {
  const host = existing(el);
  if (lazy && where === 'tweet' && !host) {
    drawTag(el, tag);
    return tag !== undefined;
  }
  const state = stateOf(handle, tag);
  if (host && shown.get(host) === state) return true;
  if (!tag && lazy) {
    // The "+" of an account that is not a partner is drawn on hover or focus only.
    host?.remove();
    return false;
  }
  // The button takes the place of a drawn tag.
  drawTag(el, undefined);
  const badge = templateFor(state, handle, tag).cloneNode(true) as HTMLElement;
  shown.set(badge, state);
  badges.set(el, badge);
  if (host) host.replaceWith(badge);
  else el.appendChild(badge);
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
