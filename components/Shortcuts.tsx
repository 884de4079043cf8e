import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/lib/i18n';
import { openShortcutSettings } from '@/lib/runtime';
import { useShortcut, type CommandName } from './useShortcut';

/**
 * "Change": the browser's page of the extension's keyboard shortcuts; where no page can be opened (a
 * Firefox before 137), the way to it.
 */
export function ChangeShortcuts() {
  const [way, setWay] = useState(false);
  return (
    <>
      <a
        href="chrome://extensions/shortcuts"
        onClick={(e) => {
          e.preventDefault();
          void openShortcutSettings().then((opened) => setWay(!opened));
        }}
      >
        {t('veille_shortcut_change')}
      </a>
      {way && (
        <span role="status" data-testid="shortcut-way">
          {' '}
          {t('veille_shortcut_way')}
        </span>
      )}
    </>
  );
}

/** The extension's commands, each with what it does (the words the browser's own page shows). */
const COMMANDS: readonly [CommandName, MessageKey][] = [
  ['toggle-veille', 'cmd_toggle_veille'],
  ['save-topic', 'cmd_save_topic'],
  ['next-place', 'cmd_next_place'],
];

function ShortcutRow({ name, label }: { name: CommandName; label: MessageKey }) {
  const keys = useShortcut(name);
  return (
    <tr>
      <th scope="row">{t(label)}</th>
      <td>{keys === undefined ? '' : keys ? <kbd>{keys}</kbd> : <span class="muted">{t('veille_shortcut_none')}</span>}</td>
    </tr>
  );
}

/** The settings' list of the keyboard shortcuts, as the browser has them now (the CM may have changed them). */
export function ShortcutsList() {
  return (
    <fieldset class="overlay-switches shortcuts" data-testid="shortcuts">
      <legend>{t('settings_shortcuts')}</legend>
      <table>
        <tbody>
          {COMMANDS.map(([name, label]) => (
            <ShortcutRow key={name} name={name} label={label} />
          ))}
        </tbody>
      </table>
      <p class="hint">
        {t('settings_shortcuts_hint')} <ChangeShortcuts />
      </p>
    </fieldset>
  );
}
