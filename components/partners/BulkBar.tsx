import { useState } from 'preact/hooks';
import type { PartnerCategory } from '@/lib/categories';
import { CategoryOptions } from '@/components/CategorySelect';
import { t, tCount } from '@/lib/i18n';
import type { BulkChange } from '@/lib/partners';

/**
 * What can be done to the partners selected in the list, all at once: set their category, add or
 * remove a tag, delete them; or clear the selection.
 */
export function BulkBar({ count, onChange, onClear }: { count: number; onChange(change: BulkChange): void; onClear(): void }) {
  const [category, setCategory] = useState<PartnerCategory>('academic');
  const [tag, setTag] = useState('');
  return (
    <div class="bulk-bar" role="group" aria-label={t('bulk_label')} data-testid="bulk-bar">
      <strong aria-live="polite">{tCount('bulk_selected', count)}</strong>
      <span class="bulk-action">
        <select aria-label={t('bulk_category')} value={category} onChange={(e) => setCategory(e.currentTarget.value as PartnerCategory)}>
          <CategoryOptions />
        </select>
        <button type="button" onClick={() => onChange({ kind: 'category', category })}>
          {t('bulk_set_category')}
        </button>
      </span>
      <span class="bulk-action">
        <input type="text" aria-label={t('bulk_tag')} placeholder={t('bulk_tag')} value={tag} onInput={(e) => setTag(e.currentTarget.value)} />
        <button type="button" onClick={() => onChange({ kind: 'addTag', tag })}>
          {t('bulk_add_tag')}
        </button>
        <button type="button" onClick={() => onChange({ kind: 'removeTag', tag })}>
          {t('bulk_remove_tag')}
        </button>
      </span>
      <button type="button" class="danger" onClick={() => onChange({ kind: 'delete' })}>
        {t('bulk_delete')}
      </button>
      <button type="button" onClick={onClear}>
        {t('bulk_clear')}
      </button>
    </div>
  );
}
