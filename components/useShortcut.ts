import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';

/** The extension's keyboard commands (see wxt.config.ts). */
export type CommandName = 'toggle-veille' | 'save-topic' | 'next-place';

/** A shortcut as the CM's language writes it: "Alt+Shift+V" in English, "Alt+Maj+V" in French. */
export function shortcutLabel(shortcut: string): string {
  return shortcut
    .split('+')
    .map((key) => (key === 'Shift' ? t('key_shift') : key))
    .join('+');
}

/**
 * The keys of one of the extension's commands, as the browser has them now (the CM may have changed
 * them), written in the CM's language: null when none is set, undefined until known.
 */
export function useShortcut(name: CommandName): string | null | undefined {
  const [shortcut, setShortcut] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    browser.commands
      .getAll()
      .then((all) => {
        const keys = all.find((c) => c.name === name)?.shortcut;
        setShortcut(keys ? shortcutLabel(keys) : null);
      })
      .catch(() => setShortcut(null));
  }, [name]);
  return shortcut;
}
