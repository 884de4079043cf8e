import { useEffect, useState } from 'preact/hooks';
import { t, tCount } from '@/lib/i18n';
import { dayEndOf, dayStartOf, daysBetween, localDayOf } from '@/lib/time';

/**
 * Today, as a local day (YYYY-MM-DD), that moves on at midnight: an extension page the CM leaves
 * open overnight shows the new day's lists and ages without a reload. Read again when the page is
 * shown (a timer is late after the machine slept).
 */
export function useToday(): string {
  const [today, setToday] = useState(() => localDayOf(Date.now()));
  useEffect(() => {
    const update = () => setToday(localDayOf(Date.now()));
    const timer = setTimeout(update, dayEndOf(today) - Date.now() + 1000);
    document.addEventListener('visibilitychange', update);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', update);
    };
  }, [today]);
  return today;
}

/** How long ago `at` was, in days, as of `today` (see `useToday`): "today", "3 days ago". */
export function daysAgo(at: number, today: string): { days: number; text: string } {
  const days = daysBetween(at, dayStartOf(today));
  return { days, text: days <= 0 ? t('ago_today') : tCount('ago_days', days) };
}
