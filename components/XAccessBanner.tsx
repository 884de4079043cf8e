import { t } from '@/lib/i18n';
import { X_MATCHES } from '@/lib/x/pages';
import { useOriginRequest } from './useOriginAccess';

/** X's own address, without which Veille does nothing there. */
const X_HOME = [X_MATCHES[0]!];

/**
 * Says when Veille cannot read X, what that stops, and asks the browser for the access again (the
 * browser asks the CM). Nothing while it can.
 */
export function XAccessBanner() {
  // (The CM, or their browser's policy, may take it away: Chrome's "Site access: on click". Veille
  // then does nothing on X: no content script, and the worker no longer sees the tabs' addresses.)
  const { granted, refused, ask } = useOriginRequest(X_MATCHES, X_HOME);
  if (granted !== false) return null;
  return (
    <div class="status error health" role="alert" data-testid="x-access">
      <strong>{t('access_missing')}</strong> <span class="muted">{t('access_missing_detail')}</span>
      <p>
        <button type="button" onClick={ask}>
          {t('access_allow')}
        </button>
      </p>
      {refused && <p role="status">{t('access_refused')}</p>}
    </div>
  );
}
