import type { VeilleDB } from '@/lib/db';
import { t, uiLocale } from '@/lib/i18n';
import { brokenSelectors, getSelectorHealth } from '@/lib/settings';
import { useLiveQuery } from './useLiveQuery';

/** "X's page has changed" when the core selectors last failed on pages that should have them. */
export function HealthBanner({ db }: { db: VeilleDB }) {
  const health = useLiveQuery(() => getSelectorHealth(db), [db]);
  if (!health) return null;
  const broken = brokenSelectors(health);
  if (!broken.length) return null;
  const since = Math.min(...broken.map((name) => health[name]!.lastFail!));
  return (
    <div class="status error health" role="alert" data-testid="health-warning">
      <strong>{t('health_warning')}</strong>{' '}
      <span class="muted">
        {t('health_detail', new Date(since).toLocaleString(uiLocale()), broken.join(', '))}
      </span>
    </div>
  );
}
