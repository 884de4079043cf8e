import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Its children, drawn once the place they take in the page comes near the window (within a
 * screen), or the page's address names the section around it (options.html#analytics, a link of
 * the page's navigation), and kept from then on: a section that reads many rows (the dashboard's
 * analytics) costs nothing to a page opened for another section. `margin`: how near, as the
 * observer's root margin (a screen by default; "0px" for in sight). `inline`: the place is a line of
 * text (a blank one meanwhile), for children that are a line's words, so that nothing after them
 * moves when they come.
 */
export function WhenNear({ children, minHeight = 0, margin = '100% 0px', inline = false }: { children: ComponentChildren; minHeight?: number; margin?: string; inline?: boolean }) {
  const place = useRef<HTMLSpanElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = place.current;
    if (near || !el) return;
    // (Where the page jumps to its address's section, the observer would see the place come near
    // too; asked at once, the answer depends on no frame of the page's.)
    const named = () => {
      const id = location.hash.slice(1);
      if (id && document.getElementById(id)?.contains(el)) setNear(true);
    };
    named();
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setNear(true);
    }, { rootMargin: margin });
    observer.observe(el);
    window.addEventListener('hashchange', named);
    return () => {
      observer.disconnect();
      window.removeEventListener('hashchange', named);
    };
  }, [near, margin]);
  if (near) return <>{children}</>;
  return (
    <span ref={place} style={inline ? undefined : { display: 'block', minHeight }} aria-busy="true">
      {inline && '\u00a0'}
    </span>
  );
}
