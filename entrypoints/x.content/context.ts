/**
 * The content script's context: WXT's `ContentScriptContext`, as much of it as Veille uses. The
 * content script's build puts this class in place of WXT's (see wxt.config.ts): WXT's carries
 * helpers the content script never calls (timers, frames and idle callbacks that stop with the
 * context, `block`, `isValid`), which a minifier cannot drop from a class, and its own location
 * watcher; about 1.5 kB of the 40,000 the content script may weigh.
 *
 * It keeps WXT's contract for what Veille uses: `signal` aborts when the context ends, and
 * `onInvalidated` is told; a newer copy of the script started in the same page ends this one (by
 * the event WXT's own context sends, so that a copy built either way stops the other);
 * `addEventListener` ends its listener with the context, and `wxt:locationchange` tells of the
 * page's navigations (X navigates with pushState): by the Navigation API, or where there is none
 * (older Firefox), by looking at the address every second, as WXT does.
 */
import { browser } from 'wxt/browser';

export class ContentScriptContext {
  readonly #controller = new AbortController();

  constructor(name: string) {
    // (WXT's name for the event: the extension's id, the entrypoint's name, the event's.)
    const started = `${browser.runtime.id}:${name}:wxt:content-script-started`;
    const messageId = Math.random().toString(36).slice(2);
    document.dispatchEvent(new CustomEvent(started, { detail: { contentScriptName: name, messageId } }));
    document.addEventListener(
      started,
      (e) => {
        const detail = (e as CustomEvent<{ contentScriptName?: string; messageId?: string } | null>).detail;
        if (detail?.contentScriptName === name && detail.messageId !== messageId) this.abort('Content script context invalidated');
      },
      { signal: this.signal },
    );
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  abort(reason?: unknown): void {
    this.#controller.abort(reason);
  }

  /** Call `cb` when the context ends. Returns what stops that. */
  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  addEventListener(target: EventTarget, type: string, handler: (event?: Event) => void, options?: AddEventListenerOptions): void {
    const signal = this.signal;
    if (type !== 'wxt:locationchange') {
      target.addEventListener(type, handler, { ...options, signal });
      return;
    }
    // (Told as a navigation starts: the listener looks at the page once it is done, as the scan does a frame later.)
    const navigation = (globalThis as { navigation?: EventTarget }).navigation;
    if (typeof navigation?.addEventListener === 'function') {
      navigation.addEventListener('navigate', () => handler(), { signal });
      return;
    }
    let url = location.href;
    const timer = setInterval(() => url !== (url = location.href) && handler(), 1000);
    this.onInvalidated(() => clearInterval(timer));
  }
}
