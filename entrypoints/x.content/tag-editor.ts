/**
 * The in-place tagging popover: make an account a partner, or edit its category, name, tags and note,
 * without leaving X. Keyboard first: it opens on the first field, Tab stays inside, Escape closes and
 * gives the focus back to the button that opened it.
 */
import { PARTNER_CATEGORIES, categoryLabelKey } from '@/lib/categories';
import { t, type MessageKey } from '@/lib/i18n';
import type { PartnerTag, Request, Response } from '@/lib/protocol';
import { BORDER, FONTS, THEME_CSS, failed, h, shadowHost } from './dom';

const CSS = /* css */ `${THEME_CSS}
:host { position: fixed; z-index: 2147483000; }
form {
  width: 300px; box-sizing: border-box; padding: 12px; border-radius: 12px; ${BORDER};
  background: var(--bg); color: var(--fg); box-shadow: 0 8px 28px rgba(0,0,0,.25); display: grid; gap: 8px;
  font: 13px/18px ${FONTS};
}
h2 { font-size: 14px; margin: 0; }
label { display: grid; gap: 2px; font-weight: 600; }
input, select, textarea { font: inherit; font-weight: 400; color: inherit; background: transparent; ${BORDER}; border-radius: 6px; padding: 4px 6px; }
select option { color: #0f1419; }
.err { color: var(--down); font-weight: 400; margin: 0; }
.err:empty { display: none; }
.row, .row > span { display: flex; flex-wrap: wrap; gap: 6px; justify-content: flex-end; }
button { font: inherit; font-weight: 600; border-radius: 14px; padding: 3px 12px; cursor: pointer; ${BORDER}; background: transparent; color: inherit; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--on-accent); }
button.danger { color: var(--down); margin-right: auto; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
`;

export interface EditorDeps {
  save(req: Request<'partner.save'>): Promise<Response<'partner.save'>>;
  remove(handle: string): Promise<unknown>;
  theme(): string;
}

export function createTagEditor(deps: EditorDeps) {
  let current: { host: HTMLElement; trigger: HTMLElement } | null = null;

  function close(): void {
    if (!current) return;
    const { host, trigger } = current;
    current = null;
    host.remove();
    if (trigger.isConnected) trigger.focus();
  }

  function open(handle: string, name: string, partner: PartnerTag | undefined, trigger: HTMLElement): void {
    close();
    const { host, root } = shadowHost('editor', CSS);
    host.dataset.theme = deps.theme();
    current = { host, trigger };

    const field = (label: string, input: HTMLElement, key: string) => {
      const err = h('span', { class: 'err', role: 'alert', 'data-field': key });
      return { el: h('label', {}, label, input, err), err };
    };
    const nameIn = h('input', { name: 'name', maxlength: '100' });
    // (A partner added without a name, from a list of handles, gets the one X shows.)
    nameIn.value = partner?.name || name;
    const cat = h('select', { name: 'category' });
    for (const c of PARTNER_CATEGORIES) cat.append(h('option', { value: c }, t(categoryLabelKey(c))));
    cat.value = partner?.category ?? 'academic';
    const tags = h('input', { name: 'tags', placeholder: t('field_tags_hint') });
    tags.value = partner?.tags.join(', ') ?? '';
    const note = h('textarea', { name: 'note', rows: '2', maxlength: '2000' });
    note.value = partner?.note ?? '';
    const fields = {
      category: field(t('field_category'), cat, 'category'),
      name: field(t('field_name'), nameIn, 'name'),
      tags: field(t('field_tags'), tags, 'tags'),
      note: field(t('field_note'), note, 'note'),
    };
    const general = h('p', { class: 'err', role: 'alert' });
    const cancel = h('button', { type: 'button' }, t('cancel'));
    cancel.addEventListener('click', close);
    const actions = h('div', { class: 'row' });
    // (Below the buttons, so that asking moves none of them.)
    const asking = h('p', { class: 'err', role: 'alert' });
    if (partner) {
      // A partner's category, tags and note go with it: the button asks first, as the options page does.
      const del = h('button', { type: 'button', class: 'danger' }, t('tag_remove'));
      del.addEventListener('click', async () => {
        if (!asking.textContent) {
          del.textContent = t('tag_remove_confirm');
          asking.textContent = t('tag_remove_ask', handle);
          return;
        }
        try {
          await deps.remove(handle);
          close();
        } catch (err) {
          asking.textContent = failed(err);
        }
      });
      actions.append(del);
    }
    // (Cancel and Save stay together: where the remove button leaves no room for them, they go below it, on the right.)
    actions.append(h('span', {}, cancel, h('button', { type: 'submit', class: 'primary' }, t('save'))));

    const title = partner ? t('partners_edit', handle) : t('tag_add', handle);
    const form = h('form', {}, h('h2', {}, title), ...Object.values(fields).map((f) => f.el), general, actions, asking);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      for (const f of Object.values(fields)) f.err.textContent = '';
      general.textContent = '';
      try {
        const res = await deps.save({ handle, name: nameIn.value, category: cat.value as PartnerTag['category'], tags: tags.value.split(/[,;]/), note: note.value });
        if (res.partner) return close();
        for (const issue of res.issues) {
          const target = fields[issue.field as keyof typeof fields]?.err ?? general;
          // (The worker's issues carry message keys.)
          target.textContent = t(issue.message as MessageKey);
        }
      } catch (err) {
        general.textContent = failed(err);
      }
    });
    // Keys stay inside the popover: X's own shortcuts (j, k, l …) must not fire while typing.
    form.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Escape') {
        e.preventDefault();
        close();
      } else if (e.key === 'Tab') {
        const focusables = Array.from(form.querySelectorAll<HTMLElement>('input, select, textarea, button'));
        const i = focusables.indexOf(root.activeElement as HTMLElement);
        const next = e.shiftKey ? (i <= 0 ? focusables.length - 1 : i - 1) : (i + 1) % focusables.length;
        e.preventDefault();
        focusables[next]!.focus();
      }
    });
    for (const type of ['click', 'keyup', 'keypress'] as const) form.addEventListener(type, (e) => e.stopPropagation());
    // (A form may not be a dialog itself.)
    root.append(h('div', { role: 'dialog', 'aria-label': title }, form));

    const r = trigger.getBoundingClientRect();
    const left = Math.max(8, Math.min(r.left, innerWidth - 316));
    const below = r.bottom + 6;
    host.style.left = `${left}px`;
    host.style.top = below + 330 < innerHeight ? `${below}px` : `${Math.max(8, r.top - 336)}px`;
    document.documentElement.append(host);
    cat.focus();
  }

  // A click elsewhere closes it.
  document.addEventListener('mousedown', (e) => {
    if (current && !e.composedPath().includes(current.host)) close();
  });

  return { open, close };
}
