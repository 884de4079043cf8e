import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Its children, drawn once the place they take in the page comes near the window (within a
 * screen), and kept from then on: a section that reads many rows (the dashboard's analytics) costs
 * nothing to a page opened for another section.
 */
export function WhenNear({ children, minHeight }: { children: ComponentChildren; minHeight: number }) {
  const place = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = place.current;
    if (near || !el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setNear(true);
    }, { rootMargin: '100% 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);
  return near ? <>{children}</> : <div ref={place} style={{ minHeight }} aria-busy="true" />;
}
