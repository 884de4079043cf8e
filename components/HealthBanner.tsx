import type { VeilleDB } from '@/lib/db';
import { t, uiLocale } from '@/lib/i18n';
import { METRIC_SELECTORS, brokenSelectors, getSelectorHealth } from '@/lib/settings';
import { dateText } from '@/lib/time';
import { useLiveQuery } from './useLiveQuery';

/**
 * "X's page has changed" when the core selectors last failed on pages that should have them (tags
 * and metrics may be missing), or the tweets' action bars did (their figures).
 */
export function HealthBanner({ db }: { db: VeilleDB }) {
  const health = useLiveQuery(() => getSelectorHealth(db), [db]);
  if (!health) return null;
  const core = brokenSelectors(health);
  const broken = core.length ? core : brokenSelectors(health, METRIC_SELECTORS);
  if (!broken.length) return null;
  const since = Math.min(...broken.map((name) => health[name]!.lastFail!));
  return (
    <div class="status error health" role="alert" data-testid="health-warning">
      <strong>{t(core.length ? 'health_warning' : 'health_warning_metrics')}</strong>{' '}
      <span class="muted">
        {t('health_detail', dateText(since, uiLocale(), 'minute'), broken.join(', '))}
      </span>
    </div>
  );
}
