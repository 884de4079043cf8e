import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { X_MATCHES } from '@/lib/x/pages';

/** X's own address, without which Veille does nothing there. */
const X_HOME = X_MATCHES[0]!;

/**
 * Does Veille have its access to X? The CM, or their browser's policy, may take it away (Chrome's
 * "Site access: on click"), and Veille then does nothing on X: no content script, and the worker no
 * longer sees the tabs' addresses. Follows the browser's changes; null until known.
 */
function useXAccess(): boolean | null {
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    const check = () =>
      void browser.permissions.contains({ origins: [X_HOME] }).then(
        (yes) => live && setGranted(yes),
        () => live && setGranted(true),
      );
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      live = false;
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, []);
  return granted;
}

/**
 * Says when Veille cannot read X, what that stops, and asks the browser for the access again (the
 * browser asks the CM). Nothing while it can.
 */
export function XAccessBanner() {
  const granted = useXAccess();
  const [refused, setRefused] = useState(false);
  if (granted !== false) return null;
  const ask = () => {
    setRefused(false);
    browser.permissions.request({ origins: X_MATCHES }).then(
      (yes) => setRefused(!yes),
      () => setRefused(true),
    );
  };
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
