// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from '@/entrypoints/x.content/context';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("the content script's context (in place of WXT's)", () => {
  it('ends, and says so, when a newer copy of the script starts in the page; not for another script', () => {
    const older = new ContentScriptContext('x');
    const ended = vi.fn();
    older.onInvalidated(ended);
    new ContentScriptContext('other');
    expect(older.signal.aborted).toBe(false);
    const newer = new ContentScriptContext('x');
    expect(older.signal.aborted).toBe(true);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(newer.signal.aborted).toBe(false);
  });

  it("stops a copy built with WXT's own context, and is stopped by one", async () => {
    // (WXT names its event by the entrypoint, which its build sets, as its module loads.)
    vi.stubEnv('ENTRYPOINT', 'x');
    const { ContentScriptContext: WxtContext } = await import('wxt/utils/content-script-context');
    const wxt = new WxtContext('x');
    const ours = new ContentScriptContext('x');
    expect(wxt.signal.aborted).toBe(true);
    expect(ours.signal.aborted).toBe(false);
    new WxtContext('x');
    expect(ours.signal.aborted).toBe(true);
  });

  it('ends the listeners it adds with it, and can stop being told', () => {
    const ctx = new ContentScriptContext('x');
    const heard = vi.fn();
    ctx.addEventListener(document, 'veille-test', heard);
    const told = vi.fn();
    const stop = ctx.onInvalidated(told);
    document.dispatchEvent(new Event('veille-test'));
    stop();
    ctx.abort();
    document.dispatchEvent(new Event('veille-test'));
    expect(heard).toHaveBeenCalledTimes(1);
    expect(told).not.toHaveBeenCalled();
  });

  it("tells of the page's navigations by the Navigation API, until it ends", () => {
    const navigation = new EventTarget();
    vi.stubGlobal('navigation', navigation);
    const ctx = new ContentScriptContext('x');
    const moved = vi.fn();
    ctx.addEventListener(window, 'wxt:locationchange', moved);
    navigation.dispatchEvent(new Event('navigate'));
    expect(moved).toHaveBeenCalledTimes(1);
    ctx.abort();
    navigation.dispatchEvent(new Event('navigate'));
    expect(moved).toHaveBeenCalledTimes(1);
  });

  it('without the Navigation API, looks at the address every second, until it ends', () => {
    vi.useFakeTimers();
    vi.stubGlobal('navigation', undefined);
    const ctx = new ContentScriptContext('x');
    const moved = vi.fn();
    ctx.addEventListener(window, 'wxt:locationchange', moved);
    vi.advanceTimersByTime(1000);
    expect(moved).not.toHaveBeenCalled();
    history.pushState(null, '', '/cnrs');
    vi.advanceTimersByTime(1000);
    expect(moved).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(3000);
    expect(moved).toHaveBeenCalledTimes(1);
    ctx.abort();
    history.pushState(null, '', '/home');
    vi.advanceTimersByTime(2000);
    expect(moved).toHaveBeenCalledTimes(1);
  });
});
