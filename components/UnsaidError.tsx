import { useEffect, useState } from 'preact/hooks';
import { errorSaid } from '@/components/errorSaid';
import { t } from '@/lib/i18n';

/**
 * What went wrong that no part of the page said: a promise of the page rejected with no one to say
 * it (a write the browser refused where no handler expected one). Each gesture says its own errors
 * where it was made; this is the net under them, so that no failure passes unseen: said at the
 * bottom of the window, in the CM's words, until dismissed. (The browser still reports it, for the
 * developers and the tests.)
 */
export function UnsaidError() {
  const [said, setSaid] = useState<string | null>(null);
  useEffect(() => {
    const onRejection = (e: PromiseRejectionEvent) => setSaid(errorSaid(e.reason));
    window.addEventListener('unhandledrejection', onRejection);
    return () => window.removeEventListener('unhandledrejection', onRejection);
  }, []);
  if (!said) return null;
  return (
    <div class="unsaid-error status error" role="alert" data-testid="unsaid-error">
      <span>{said}</span>
      <button type="button" onClick={() => setSaid(null)}>
        {t('dismiss')}
      </button>
    </div>
  );
}
