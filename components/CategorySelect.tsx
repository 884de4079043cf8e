import { PARTNER_CATEGORIES, categoryLabelKey, type PartnerCategory } from '@/lib/categories';
import { t } from '@/lib/i18n';

/** Every partner category as a select's options, in the institute's order and the CM's words. */
export function CategoryOptions() {
  return (
    <>
      {PARTNER_CATEGORIES.map((c) => (
        <option key={c} value={c}>
          {t(categoryLabelKey(c))}
        </option>
      ))}
    </>
  );
}

/** A filter by partner category, "all" included. */
export function CategorySelect({ label, value, onChange }: { label: string; value: PartnerCategory | 'all'; onChange(v: PartnerCategory | 'all'): void }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.currentTarget.value as PartnerCategory | 'all')}>
      <option value="all">{t('filter_all')}</option>
      <CategoryOptions />
    </select>
  );
}

/** The category given to several accounts added at once, in a select labelled "Category". */
export function CategoryField({ value, onChange, inline = false }: { value: PartnerCategory; onChange(v: PartnerCategory): void; inline?: boolean }) {
  return (
    <label class={inline ? 'inline' : undefined}>
      {t('field_category')}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as PartnerCategory)}>
        <CategoryOptions />
      </select>
    </label>
  );
}
