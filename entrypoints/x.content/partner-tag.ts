/**
 * The partner tag: a small coloured label next to a partner's name on X.
 *
 * One tag per tweet author, so it is plain DOM in a shadow root (no framework, no WXT UI helper:
 * those cost milliseconds each), and all text goes through textContent, never innerHTML.
 */
import { CATEGORY_COLORS, categoryLabelKey } from '@/lib/categories';
import type { MessageKey } from '@/lib/i18n';
import { t } from '@/lib/i18n';
import type { PartnerTag } from '@/lib/protocol';

export const TAG_ATTR = 'data-veille-tag';

const CSS = `
:host { display: inline-flex; align-items: center; margin: 0 4px; vertical-align: middle; flex-shrink: 0; }
span {
  display: inline-block; padding: 0 6px; border-radius: 9px; color: #fff;
  font: 600 11px/18px -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  white-space: nowrap; cursor: default; letter-spacing: .01em;
}
`;

function render(host: HTMLElement, tag: PartnerTag): void {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CSS;
  const label = document.createElement('span');
  label.style.background = CATEGORY_COLORS[tag.category];
  label.textContent = t(`catshort_${tag.category}` as MessageKey);
  const title = t('tag_title', t(categoryLabelKey(tag.category)), tag.name || `@${tag.handle}`);
  label.title = title;
  label.setAttribute('role', 'note');
  label.setAttribute('aria-label', title);
  root.replaceChildren(style, label);
  host.setAttribute(TAG_ATTR, tag.handle);
  host.dataset.category = tag.category;
  host.dataset.name = tag.name;
}

/** The tag of this author block, if it has one. */
function existing(el: Element): HTMLElement | null {
  for (const child of el.children) {
    if (child.hasAttribute(TAG_ATTR)) return child as HTMLElement;
  }
  return null;
}

/**
 * Make `el` (an author block) carry the tag of `tag`, or no tag when `tag` is undefined.
 * Idempotent: an up-to-date tag is left alone, a stale one (recycled cell) is updated.
 */
export function applyPartnerTag(el: Element, tag: PartnerTag | undefined, where: 'tweet' | 'profile'): void {
  const host = existing(el);
  if (!tag) {
    host?.remove();
    return;
  }
  if (
    host &&
    host.getAttribute(TAG_ATTR) === tag.handle &&
    host.dataset.category === tag.category &&
    host.dataset.name === tag.name
  ) {
    return;
  }
  const target = host ?? document.createElement('span');
  render(target, tag);
  if (!host) {
    // Next to the name: after the name block in a tweet, under name and handle on a profile.
    if (where === 'tweet' && el.children.length > 1) el.insertBefore(target, el.children[1]!);
    else el.appendChild(target);
  }
}

/** Is this node one of ours? (Its insertion must not trigger another scan.) */
export function isOurs(node: Node): boolean {
  return node instanceof Element && node.hasAttribute(TAG_ATTR);
}
