import { CATEGORY_COLORS, categoryLabelKey, type PartnerCategory } from '@/lib/categories';
import { t, type MessageKey } from '@/lib/i18n';

/** The same coloured label as the tag on X, for the extension's pages. */
export function CategoryBadge({ category }: { category: PartnerCategory }) {
  return (
    <span class="badge" style={{ background: CATEGORY_COLORS[category] }} title={t(categoryLabelKey(category))}>
      {t(`catshort_${category}` as MessageKey)}
    </span>
  );
}
