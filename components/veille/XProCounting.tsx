import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { X_PRO_MATCHES } from '@/lib/x/pages';
import { useOriginRequest } from '../useOriginAccess';

/**
 * Automatic counting in X Pro (pro.x.com, formerly TweetDeck), where a CM may do their veille in
 * columns: counted once the CM allows Veille to see which tabs are X Pro's (the browser asks them),
 * and no longer once they take that back. Veille draws and reads nothing there.
 */
export function XProCounting() {
  const { granted, refused, ask } = useOriginRequest(X_PRO_MATCHES);
  if (granted === null) return null;
  const stop = () => void browser.permissions.remove({ origins: X_PRO_MATCHES }).catch(() => undefined);
  return (
    <div class="xpro-counting" data-testid="xpro-counting">
      <p class="hint">{t(granted ? 'settings_xpro_on' : 'settings_xpro_off')}</p>
      <button type="button" onClick={granted ? stop : ask}>
        {t(granted ? 'settings_xpro_stop' : 'settings_xpro_allow')}
      </button>
      {refused && !granted && <p role="status">{t('settings_xpro_refused')}</p>}
    </div>
  );
}
