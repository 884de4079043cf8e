import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CategoryOptions } from '@/components/CategorySelect';
import type { VeilleDB } from '@/lib/db';
import { normalizeHandle } from '@/lib/handle';
import { browserLocale, t, tKey } from '@/lib/i18n';
import { leftBy, savePartner, type FieldIssue } from '@/lib/partners';
import { dateText } from '@/lib/time';
import { errorSaid } from '@/components/errorSaid';
import type { Partner, PartnerCategory } from '@/lib/schemas';

interface Props {
  db: VeilleDB;
  /** The partner being edited, or null to add one. */
  editing: Partner | null;
  /** The partners (to say when a handle added is one a partner has left). */
  partners: readonly Partner[];
  onDone(message: string): void;
  onCancel(): void;
}

const EMPTY = { handle: '', name: '', category: 'academic' as PartnerCategory, tags: '', note: '' };

/** Add or edit a partner. Errors are shown next to their field, in the user's language. */
export function PartnerForm({ db, editing, partners, onDone, onCancel }: Props) {
  // The form starts from the partner edited (its owner gives each partner its own form, by key):
  // filled on the first render, so nothing typed or chosen can be overwritten by a later fill.
  const [form, setForm] = useState(() =>
    editing
      ? { handle: editing.handle, name: editing.name, category: editing.category, tags: editing.tags.join(', '), note: editing.note }
      : EMPTY,
  );
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [saving, setSaving] = useState(false);
  /** The CM says the new handle is a rename the account made on X (see `savePartner`). */
  const [renamed, setRenamed] = useState(false);
  // (Asked only where an edited partner's handle becomes another valid one.)
  const newHandle = editing ? normalizeHandle(form.handle) : null;
  const renaming = !!newHandle && newHandle !== editing?.handle;
  /** A handle added that a partner has left (Veille followed its rename): that partner, most likely. */
  const added = editing ? null : normalizeHandle(form.handle);
  const left = useMemo(() => (added ? leftBy(partners, added) : undefined), [added, partners]);
  /** What went wrong saving (the database's refusal), said under the form. */
  const [failure, setFailure] = useState('');
  const handleRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (editing) handleRef.current?.focus();
  }, [editing]);

  const errorOf = (field: string) => issues.find((i) => i.field === field);
  const set = (key: keyof typeof EMPTY) => (e: Event) =>
    setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });

  async function submit(e: Event) {
    e.preventDefault();
    setSaving(true);
    setFailure('');
    try {
      const moving = renaming && renamed;
      const result = await savePartner(db, { ...form, tags: form.tags.split(/[,;]/) }, editing?.id, Date.now(), { renamed: moving });
      if (!result.ok) {
        setIssues(result.issues);
        return;
      }
      setIssues([]);
      setForm(EMPTY);
      setRenamed(false);
      onDone(moving && editing ? t('saved_partner_renamed', result.partner.handle, editing.handle) : t('saved_partner', result.partner.handle));
    } catch (err) {
      setFailure(errorSaid(err));
    } finally {
      setSaving(false);
    }
  }

  const field = (name: string) => {
    const err = errorOf(name);
    return {
      'aria-invalid': err ? true : undefined,
      'aria-describedby': err ? `err-${name}` : undefined,
    };
  };
  const errorText = (name: string) => {
    const err = errorOf(name);
    return err ? (
      <span class="field-error" id={`err-${name}`} role="alert">
        {tKey(err.message)}
      </span>
    ) : null;
  };

  return (
    <form class="partner-form" onSubmit={submit} aria-labelledby="partner-form-title" data-testid="partner-form">
      <h2 id="partner-form-title">{editing ? t('partners_edit', editing.handle) : t('partners_add')}</h2>
      <div class="grid">
        <label>
          {t('field_handle')}
          <input
            ref={handleRef}
            name="handle"
            value={form.handle}
            onInput={set('handle')}
            placeholder="@UnivNantes"
            autoComplete="off"
            spellcheck={false}
            required
            {...field('handle')}
          />
          <span class="hint">{t('field_handle_hint')}</span>
          {errorText('handle')}
        </label>
        {added && left && (
          <p class="wide hint warn" role="status" data-testid="partner-left-handle">
            {t('partner_left_handle', added, left.handle, dateText(left.until, browserLocale()))}
          </p>
        )}
        {renaming && editing && (
          <label class="wide check" data-testid="partner-renamed">
            <input type="checkbox" checked={renamed} onChange={(e) => setRenamed(e.currentTarget.checked)} />
            <span>
              {t('partner_renamed', editing.handle, newHandle)}
              <span class="hint">{t('partner_renamed_hint')}</span>
            </span>
          </label>
        )}
        <label>
          {t('field_name')}
          <input name="name" value={form.name} onInput={set('name')} maxLength={100} {...field('name')} />
          {errorText('name')}
        </label>
        <label>
          {t('field_category')}
          <select name="category" value={form.category} onChange={set('category')} {...field('category')}>
            <CategoryOptions />
          </select>
          {errorText('category')}
        </label>
        <label>
          {t('field_tags')}
          <input name="tags" value={form.tags} onInput={set('tags')} {...field('tags')} />
          <span class="hint">{t('field_tags_hint')}</span>
          {errorText('tags')}
        </label>
        <label class="wide">
          {t('field_note')}
          <textarea name="note" rows={2} value={form.note} onInput={set('note')} maxLength={2000} {...field('note')} />
          {errorText('note')}
        </label>
      </div>
      {failure && (
        <p class="status error" role="alert">
          {failure}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={saving}>
          {t('save')}
        </button>
        {editing && (
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
