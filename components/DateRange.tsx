import { t } from '@/lib/i18n';

/**
 * A span of days as a toolbar's filter, "From … To …", its two dates kept together on one line
 * where the toolbar wraps. `onFrom` and `onTo` are given the field's value ('' when cleared).
 */
export function DateRange({ from, to, onFrom, onTo }: { from: string; to: string; onFrom(v: string): void; onTo(v: string): void }) {
  return (
    <span class="date-range">
      <label class="inline">
        {t('board_from')}
        <input type="date" value={from} onInput={(e) => onFrom(e.currentTarget.value)} />
      </label>
      <label class="inline">
        {t('board_to')}
        <input type="date" value={to} onInput={(e) => onTo(e.currentTarget.value)} />
      </label>
    </span>
  );
}
