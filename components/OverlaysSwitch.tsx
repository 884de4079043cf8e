import type { VeilleDB } from '@/lib/db';
import { t } from '@/lib/i18n';
import { notifyChanged } from '@/lib/runtime';
import { getSettings, saveSettings } from '@/lib/settings';
import { useLiveQuery } from './useLiveQuery';

/**
 * The popup's switch of Veille's marks on X (tags, strips, card, star): off for a while, say while
 * the CM shares their screen, whatever the settings show; the X tabs already open follow at once.
 */
export function OverlaysSwitch({ db }: { db: VeilleDB }) {
  const settings = useLiveQuery(() => getSettings(db), [db]);
  if (!settings) return null;
  return (
    <label class="check overlays-switch">
      <input
        type="checkbox"
        checked={!settings.overlaysPaused}
        onChange={async (e) => {
          const box = e.currentTarget;
          try {
            await saveSettings(db, { overlaysPaused: !box.checked });
          } catch (err) {
            // The switch shows what is so (the setting unchanged); the page says why (UnsaidError).
            box.checked = !settings.overlaysPaused;
            throw err;
          }
          void notifyChanged('settings');
        }}
      />
      <span>
        {t('overlays_switch')}
        <span class="hint">{settings.overlaysPaused ? t('overlays_switch_off') : t('overlays_switch_hint')}</span>
      </span>
    </label>
  );
}
