import { PARTNER_CATEGORIES, categoryLabelKey, type PartnerCategory } from '@/lib/categories';
import { t } from '@/lib/i18n';

/** A filter by partner category, "all" included. */
export function CategorySelect({ label, value, onChange }: { label: string; value: PartnerCategory | 'all'; onChange(v: PartnerCategory | 'all'): void }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.currentTarget.value as PartnerCategory | 'all')}>
      <option value="all">{t('filter_all')}</option>
      {PARTNER_CATEGORIES.map((c) => (
        <option key={c} value={c}>
          {t(categoryLabelKey(c))}
        </option>
      ))}
    </select>
  );
}
