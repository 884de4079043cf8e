// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h, render, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useFirstLoad, useSettled } from '@/components/settling';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

/** A part that loads after `ms` (never, for Infinity), then shows its name and what it holds. */
function Part({ name, ms, children }: { name: string; ms: number; children?: ComponentChildren }) {
  const [loaded, setLoaded] = useState(false);
  useFirstLoad(loaded);
  useEffect(() => {
    if (ms === Infinity) return;
    const timer = setTimeout(() => setLoaded(true), ms);
    return () => clearTimeout(timer);
  }, [ms]);
  return loaded ? h('section', { id: name }, children) : null;
}

/** A page of parts, which says when it settled (the time since it was drawn) and what it showed then. */
function Page({ maxMs, children, seen }: { maxMs: number; children?: ComponentChildren; seen: { at?: number; shown?: string[] } }) {
  const settled = useSettled(maxMs);
  const [start] = useState(() => performance.now());
  useEffect(() => {
    if (!settled || seen.at !== undefined) return;
    seen.at = performance.now() - start;
    seen.shown = [...root.querySelectorAll('section')].map((s) => s.id);
  }, [settled]);
  return h('main', { class: settled ? 'shown' : 'settling' }, children);
}

describe('a page shown once its parts have loaded', () => {
  it('waits for every part, and for a part drawn by another once that one has loaded', async () => {
    const seen: { at?: number; shown?: string[] } = {};
    render(h(Page, { maxMs: 2_000, seen }, h(Part, { name: 'a', ms: 30 }), h(Part, { name: 'b', ms: 60 }, h(Part, { name: 'inner', ms: 40 }))), root);
    await vi.waitFor(() => expect(seen.at).toBeDefined(), { timeout: 3_000 });
    // (b at 60 ms, the part it draws 40 ms later.)
    expect(seen.shown).toEqual(['a', 'b', 'inner']);
    expect(seen.at).toBeGreaterThanOrEqual(95);
    expect(seen.at).toBeLessThan(1_000);
  });

  it('shows after its longest wait when a part never loads', async () => {
    const seen: { at?: number; shown?: string[] } = {};
    render(h(Page, { maxMs: 300, seen }, h(Part, { name: 'a', ms: 10 }), h(Part, { name: 'never', ms: Infinity })), root);
    await vi.waitFor(() => expect(seen.at).toBeDefined(), { timeout: 3_000 });
    expect(seen.shown).toEqual(['a']);
    expect(seen.at).toBeGreaterThanOrEqual(290);
  });

  it('no longer waits for a part taken away before it loaded', async () => {
    const seen: { at?: number; shown?: string[] } = {};
    function Switching() {
      const [there, setThere] = useState(true);
      useEffect(() => void setTimeout(() => setThere(false), 20), []);
      return there ? h(Part, { name: 'gone', ms: Infinity }) : null;
    }
    render(h(Page, { maxMs: 2_000, seen }, h(Part, { name: 'a', ms: 10 }), h(Switching, {})), root);
    await vi.waitFor(() => expect(seen.at).toBeDefined(), { timeout: 3_000 });
    expect(seen.shown).toEqual(['a']);
    expect(seen.at).toBeLessThan(1_000);
  });
});
