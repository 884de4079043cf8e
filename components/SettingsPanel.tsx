import { useState } from 'preact/hooks';
import type { VeilleDB } from '@/lib/db';
import { t } from '@/lib/i18n';
import { notifyChanged } from '@/lib/runtime';
import { getSettings, saveSettings } from '@/lib/settings';
import type { Settings } from '@/lib/schemas';
import { useLiveQuery } from './useLiveQuery';

/** The settings of the options page. */
export function SettingsPanel({ db }: { db: VeilleDB }) {
  const stored = useLiveQuery(() => getSettings(db), [db]);
  // What the user just chose shows at once, before the database answers.
  const [pending, setPending] = useState<Partial<Settings>>({});
  const [status, setStatus] = useState('');
  if (!stored) return null;
  const settings = { ...stored, ...pending };
  const change = async (patch: Partial<Settings>) => {
    setPending((p) => ({ ...p, ...patch }));
    await saveSettings(db, patch);
    setStatus(t('settings_saved'));
    void notifyChanged('settings');
  };
  return (
    <section aria-labelledby="settings-title" class="settings">
      <h2 id="settings-title">{t('nav_settings')}</h2>
      <label class="check">
        <input
          type="checkbox"
          name="captureEnabled"
          checked={settings.captureEnabled}
          onChange={(e) => void change({ captureEnabled: e.currentTarget.checked })}
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
