import { useEffect, useState } from 'preact/hooks';
import { dayEndOf, localDayOf } from '@/lib/time';

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
