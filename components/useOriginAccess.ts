import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useFirstLoad } from './settling';

/**
 * Whether the browser lets Veille read these sites (its permissions for them), following the
 * browser's changes (the CM's answer to a request, the extension's settings, a policy); null until
 * known. Where the browser cannot tell, it is taken as granted: nothing is said that may be wrong.
 */
export function useOriginAccess(origins: readonly string[]): boolean | null {
  const [granted, setGranted] = useState<boolean | null>(null);
  useFirstLoad(granted !== null);
  const key = origins.join(' ');
  useEffect(() => {
    let live = true;
    const check = () =>
      void browser.permissions.contains({ origins: [...origins] }).then(
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
  }, [key]);
  return granted;
}

/**
 * The same, with a request for the access to `origins`: the browser asks the CM (call `ask` from
 * their click); `refused` once they say no, until asked again. `checked`: the sites whose access
 * tells whether it is granted (all of them by default).
 */
export function useOriginRequest(
  origins: readonly string[],
  checked: readonly string[] = origins,
): { granted: boolean | null; refused: boolean; ask: () => void } {
  const granted = useOriginAccess(checked);
  const [refused, setRefused] = useState(false);
  const ask = () => {
    setRefused(false);
    browser.permissions.request({ origins: [...origins] }).then(
      (yes) => setRefused(!yes),
      () => setRefused(true),
    );
  };
  return { granted, refused, ask };
}
