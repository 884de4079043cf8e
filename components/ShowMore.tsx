import { t, uiLocale } from '@/lib/i18n';

/** "Show more (N)": the button under a list drawn a page at a time (the board's columns, the partners). */
export function ShowMore({ left, onMore }: { left: number; onMore(): void }) {
  return (
    <button type="button" class="more" onClick={onMore}>
      {t('show_more', new Intl.NumberFormat(uiLocale()).format(left))}
    </button>
  );
}
