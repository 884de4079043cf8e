import { tCount } from '@/lib/i18n';

/** "Show more (N)": the button under a list drawn a page at a time (the board's columns, the partners). */
export function ShowMore({ left, onMore }: { left: number; onMore(): void }) {
  return (
    <button type="button" class="more" onClick={onMore}>
      {tCount('show_more', left)}
    </button>
  );
}
