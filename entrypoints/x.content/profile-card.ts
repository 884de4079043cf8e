/**
 * The profile card, under a profile's header: partner tag, category, tags and note (or a button to
 * make the account a partner), the follower history, when the CM last saw the account, and how often
 * the institute's own tweets mention it (once analytics are imported).
 */
import { CATEGORY_COLORS, categoryLabelKey } from '@/lib/categories';
import { t } from '@/lib/i18n';
import type { PartnerTag, ProfileCard } from '@/lib/protocol';
import type { ProfileRef } from '@/lib/x/adapter';
import type { OpenEditor } from './author-badge';
import { BORDER, FONTS, THEME_CSS, fmtDate, fmtNumber, formOf, h, setContent, shadowHost, sparkline } from './dom';

// (Said here, outside the stylesheet, whose bytes count: `.note` wraps anywhere, as a note's address
// of one long word widened the card past X's column.)
const CSS = /* css */ `${THEME_CSS}
:host { display: block; margin: 12px 16px 4px; }
.card {
  ${BORDER}; border-radius: 12px; padding: 10px 12px; color: var(--fg);
  font: 13px/19px ${FONTS};
  display: grid; gap: 4px;
}
.muted { color: var(--muted); }
.row { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.tag { color: #fff; border-radius: 9px; padding: 0 7px; font-size: 11px; font-weight: 600; line-height: 18px; }
.chip { ${BORDER}; border-radius: 9px; padding: 0 6px; font-size: 12px; color: var(--muted); }
.note { white-space: pre-wrap; overflow-wrap: anywhere; }
.brand, svg { color: var(--accent); }
.brand { font-weight: 700; }
.up { color: var(--up); } .down { color: var(--down); }
button {
  font: inherit; font-weight: 600; color: var(--accent); background: none; ${BORDER};
  border-radius: 14px; padding: 1px 10px; cursor: pointer; margin-left: auto;
}
:focus-visible { outline: 2px solid var(--accent); }
`;

/** When the CM last saw the account: "today", "yesterday", or its day (as the partner list says it). */
function lastSeenText(at: number): string {
  // (Local midnights, today's then yesterday's: a day is 23 or 25 hours when the clocks change.)
  const day = new Date();
  day.setHours(0, 0, 0, 0);
  if (at >= +day) return t('card_last_seen_today');
  day.setDate(day.getDate() - 1);
  return at >= +day ? t('card_last_seen_yesterday') : t('card_last_seen', fmtDate(at));
}

export function applyProfileCard(
  anchor: Element,
  profile: ProfileRef,
  card: ProfileCard | undefined,
  partner: PartnerTag | undefined,
  theme: string,
  open: OpenEditor,
): void {
  const parent = anchor.parentElement;
  if (!parent) return;
  let host: HTMLElement | null = null;
  for (const el of parent.querySelectorAll(':scope > [data-veille="card"]')) host = el as HTMLElement;
  const followers = profile.followers?.value;
  const state = JSON.stringify([profile.handle, card, partner, theme, followers]);
  if (host?.dataset.state === state) return;
  if (!host) {
    host = shadowHost('card', CSS).host;
    anchor.after(host);
  }
  host.dataset.state = state;
  host.dataset.theme = theme;
  host.dataset.handle = profile.handle;

  const el = h('section', { class: 'card', 'aria-label': t('card_label', profile.handle) });
  const head = h('div', { class: 'row' }, h('span', { class: 'brand' }, 'Veille'));
  if (partner) {
    const tag = h('span', { class: 'tag' }, t(categoryLabelKey(partner.category)));
    tag.style.background = CATEGORY_COLORS[partner.category];
    head.append(h('b', {}, partner.name || `@${partner.handle}`), tag, ...partner.tags.map((x) => h('span', { class: 'chip' }, x)));
  } else {
    head.append(h('span', { class: 'muted' }, t('card_not_partner')));
  }
  const button = h('button', { type: 'button' }, partner ? t('tag_edit') : t('card_make_partner'));
  button.addEventListener('click', (e) => {
    e.stopPropagation();
    open(profile.handle, profile.name, partner, button);
  });
  head.append(button);
  el.append(head);
  if (partner?.note) el.append(h('div', { class: 'note' }, partner.note));

  // Follower history: what was stored before, and what the page shows now.
  const points = (card?.followers ?? []).map((p) => ({ t: p.t, v: p.followers }));
  if (followers !== undefined) points.push({ t: Date.now(), v: followers });
  const first = card?.firstSeen;
  const fol = h('div', { class: 'row', 'data-part': 'followers' });
  // (An abbreviated count, "12.3K", is X's truncation: at least that many, as on the strips.)
  if (followers !== undefined) fol.append(h('b', {}, `${profile.followers!.approximate ? '≥ ' : ''}${fmtNumber(followers)}`), ` ${t(`card_followers_${formOf(followers)}`)}`);
  if (first !== undefined && points.length > 1) {
    const delta = points.at(-1)!.v - points[0]!.v;
    fol.append(
      // (From a truncated count the change is only roughly known.)
      h('span', { class: delta >= 0 ? 'up' : 'down' }, `${profile.followers?.approximate ? '≈ ' : ''}${delta >= 0 ? '+' : '−'}${fmtNumber(Math.abs(delta))}`),
      ` ${t('card_since_first_visit', fmtDate(first))}`,
      sparkline(points, 120, 24),
    );
  }
  if (fol.childNodes.length) el.append(fol);
  el.append(
    h('div', { class: 'muted', 'data-part': 'seen' }, card?.lastSeen ? lastSeenText(card.lastSeen) : t('card_first_visit')),
  );
  if (card?.mentions) {
    const m = card.mentions;
    el.append(
      h(
        'div',
        { 'data-part': 'mentions' },
        m.count ? t(`card_mentions_${formOf(m.count)}`, fmtNumber(m.count), m.last ? fmtDate(m.last) : '—') : t('card_no_mentions'),
      ),
    );
  }
  setContent(host.shadowRoot!, el);
}
