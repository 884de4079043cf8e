import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A page's first showing, held until its parts have what they show. The popup is a column of
 * parts, each reading its own data (the database, the tab, the browser's permissions) and drawn
 * when it has it: shown at once, it grew part by part for a third of a second, and "Start" or
 * "Save" moved under the CM's pointer as they reached for it. Each part says when its first load
 * is done (`useFirstLoad`); the page shows once none is waiting (`useSettled`).
 */
const waiting = new Set<object>();
const listeners = new Set<() => void>();

/**
 * This part's first load, waited for until `loaded` (or the part goes). Counted from its first
 * render, so that a part drawn once another has loaded is waited for too.
 */
export function useFirstLoad(loaded: boolean): void {
  const mine = useRef<object | null>(null);
  if (mine.current === null) {
    mine.current = {};
    if (!loaded) waiting.add(mine.current);
  }
  const token = mine.current;
  if (loaded && waiting.delete(token)) queueMicrotask(changed);
  useEffect(
    () => () => {
      if (waiting.delete(token)) changed();
    },
    [token],
  );
}

function changed(): void {
  listeners.forEach((l) => l());
}

/**
 * Whether the page may show: once no part has waited for a frame (the parts drawn with the last
 * loads have had their own first render), or after `maxMs` at most (a tab slow to answer).
 */
export function useSettled(maxMs: number): boolean {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (settled) return;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      if (waiting.size) return;
      frame = requestAnimationFrame(() => {
        timer = setTimeout(() => waiting.size === 0 && setSettled(true));
      });
    };
    const cap = setTimeout(() => setSettled(true), maxMs);
    listeners.add(check);
    check();
    return () => {
      listeners.delete(check);
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(cap);
    };
  }, [settled, maxMs]);
  return settled;
}
