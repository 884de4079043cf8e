import { tAmount, uiLocale } from '@/lib/i18n';

/** "Show more (N)": the button under a list drawn a page at a time (the board's columns, the partners). */
export function ShowMore({ left, onMore }: { left: number; onMore(): void }) {
  return (
    <button type="button" class="more" onClick={onMore}>
      {tAmount('show_more', left, new Intl.NumberFormat(uiLocale()))}
    </button>
  );
}
