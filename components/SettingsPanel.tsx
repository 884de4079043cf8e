import { useState } from 'preact/hooks';
import type { VeilleDB } from '@/lib/db';
import { t } from '@/lib/i18n';
import { notifyChanged } from '@/lib/runtime';
import { getSettings, saveSettings } from '@/lib/settings';
import { useLiveQuery } from './useLiveQuery';

/** The settings of the options page. */
export function SettingsPanel({ db }: { db: VeilleDB }) {
  const settings = useLiveQuery(() => getSettings(db), [db]);
  const [status, setStatus] = useState('');
  if (!settings) return null;
  return (
    <section aria-labelledby="settings-title" class="settings">
      <h2 id="settings-title">{t('nav_settings')}</h2>
      <label class="check">
        <input
          type="checkbox"
          name="captureEnabled"
          checked={settings.captureEnabled}
          onChange={async (e) => {
            await saveSettings(db, { captureEnabled: e.currentTarget.checked });
            setStatus(t('settings_saved'));
            void notifyChanged('settings');
          }}
        />
        <span>
          {t('settings_capture')}
          <span class="hint">{t('settings_capture_hint')}</span>
        </span>
      </label>
      <p role="status" class="muted" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
