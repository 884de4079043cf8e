import { useEffect, useRef } from 'preact/hooks';

/**
 * A `<dialog>` shown as a modal once mounted. When it goes (closed, or unmounted by its owner), the
 * focus goes back where it was when it opened, as the keyboard user expects: the browser does so on
 * `close()`, not for a dialog taken out of the page.
 */
export function useModal() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    dialog.current?.showModal();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return dialog;
}
