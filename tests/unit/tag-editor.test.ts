// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTagEditor } from '@/entrypoints/x.content/tag-editor';
import type { PartnerTag } from '@/lib/protocol';
import { NO_ANSWER } from '@/lib/messaging';

const PARTNER: PartnerTag = { handle: 'univnantes', name: 'Nantes Université', category: 'academic', tags: ['région'], note: 'Rencontrée au salon' };

/** The popover's parts, in its shadow root. */
function popover() {
  const root = document.querySelector('[data-veille=editor]')?.shadowRoot ?? null;
  const button = (name: string) => Array.from(root?.querySelectorAll('button') ?? []).find((b) => b.textContent === name) ?? null;
  const alerts = () => Array.from(root?.querySelectorAll('[role=alert]') ?? [], (el) => el.textContent).filter(Boolean);
  return { root, button, alerts };
}

function openOn(remove: (handle: string) => Promise<unknown>) {
  const trigger = document.createElement('button');
  document.body.append(trigger);
  const editor = createTagEditor({ save: vi.fn(), remove, theme: () => 'light' });
  editor.open('univnantes', 'Nantes Université', PARTNER, trigger);
  return { editor, trigger };
}

afterEach(() => {
  document.body.innerHTML = '';
  for (const el of document.querySelectorAll('[data-veille=editor]')) el.remove();
});

describe('the tagging popover: removing a partner', () => {
  it('asks first, removes on the second click, and closes', async () => {
    const remove = vi.fn(async () => undefined);
    const { trigger } = openOn(remove);
    popover().button('Remove partner')!.click();
    // Nothing removed yet: the question is below the buttons.
    expect(remove).not.toHaveBeenCalled();
    expect(popover().alerts()).toEqual(['Remove @univnantes from the partners? Its category, tags and note will be deleted.']);
    expect(popover().button('Remove partner')).toBeNull();
    popover().button('Yes, remove')!.click();
    await vi.waitFor(() => expect(popover().root).toBeNull());
    expect(remove).toHaveBeenCalledExactlyOnceWith('univnantes');
    expect(document.activeElement).toBe(trigger);
  });

  it('says why when the removal fails, and stays open for another try', async () => {
    // The worker stopped as it was asked (the port's requests fail with NO_ANSWER), then the worker's own refusal.
    const remove = vi
      .fn<(handle: string) => Promise<unknown>>()
      .mockRejectedValueOnce(new Error(NO_ANSWER))
      .mockRejectedValueOnce(new Error('The partner list is locked.'))
      .mockResolvedValueOnce(undefined);
    openOn(remove);
    popover().button('Remove partner')!.click();
    popover().button('Yes, remove')!.click();
    await vi.waitFor(() => expect(popover().alerts()).toEqual(['Something went wrong: Veille did not answer (it may have been restarting); try again.']));
    popover().button('Yes, remove')!.click();
    await vi.waitFor(() => expect(popover().alerts()).toEqual(['Something went wrong: The partner list is locked.']));
    expect(popover().root).not.toBeNull();
    popover().button('Yes, remove')!.click();
    await vi.waitFor(() => expect(popover().root).toBeNull());
    expect(remove).toHaveBeenCalledTimes(3);
  });

  it('offers no removal to an account that is not a partner', () => {
    const trigger = document.createElement('button');
    document.body.append(trigger);
    createTagEditor({ save: vi.fn(), remove: vi.fn(), theme: () => 'light' }).open('labo_x', 'Labo X', undefined, trigger);
    expect(popover().root).not.toBeNull();
    expect(popover().button('Remove partner')).toBeNull();
    expect(popover().button('Save')).not.toBeNull();
  });
});
