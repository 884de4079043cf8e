import { useState } from 'preact/hooks';
import type { PartnerCategory } from '@/lib/categories';
import { CategoryField } from '@/components/CategorySelect';
import type { VeilleDB } from '@/lib/db';
import { numberText, t } from '@/lib/i18n';
import { addHandles, handlesIn, renamesText } from '@/lib/partners';
import { errorSaid } from '@/components/errorSaid';

/**
 * Several accounts added at once, pasted as a person or a spreadsheet column has them (handles or
 * profile addresses, or a name with its "@handle"), all of one category; a word that is no account
 * stops it, named.
 */
export function PasteHandles({ db, onAdded }: { db: VeilleDB; onAdded(message: string): void }) {
  const [text, setText] = useState('');
  const [category, setCategory] = useState<PartnerCategory>('academic');
  const [error, setError] = useState('');

  async function add(e: Event) {
    e.preventDefault();
    const { handles, names, refused } = handlesIn(text);
    if (refused.length) return setError(t('paste_refused', refused.join(', ')));
    if (!handles.length) return setError(t('paste_none'));
    setError('');
    try {
      const r = await addHandles(db, handles, category, Date.now(), names, { followLeft: true });
      // (Emptied, unless the CM has pasted more while these were saved: the list shows them first.)
      setText((now) => (now === text ? '' : now));
      const renamed = r.renamed.length ? ` ${t('paste_renamed', renamesText(r.renamed))}` : '';
      onAdded(`${t('paste_added', numberText(r.added), numberText(r.existing))}${renamed}`);
    } catch (err) {
      // (What was pasted stays, to try again.)
      setError(errorSaid(err));
    }
  }

  return (
    <details class="paste-handles">
      <summary>{t('paste_title')}</summary>
      <form onSubmit={add}>
        <label>
          {t('paste_label')}
          <textarea rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} aria-invalid={error ? true : undefined} aria-describedby="paste-hint" />
        </label>
        <p id="paste-hint" class="muted hint">
          {t('paste_hint')}
        </p>
        {error && (
          <p class="field-error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <CategoryField inline value={category} onChange={setCategory} />
          <button type="submit" class="primary">
            {t('paste_add')}
          </button>
        </div>
      </form>
    </details>
  );
}
