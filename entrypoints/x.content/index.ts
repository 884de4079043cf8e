/**
 * The content script on x.com and twitter.com. It never opens IndexedDB (here it would be x.com's):
 * it asks the background through the message protocol.
 */
import { browser } from 'wxt/browser';
import { send, tabEventSchema } from '@/lib/protocol';
import { X_MATCHES } from '@/lib/x/pages';
import { startOverlays } from './overlays';

export default defineContentScript({
  matches: X_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const transport = (msg: unknown) => browser.runtime.sendMessage(msg);
    const runner = startOverlays({
      root: document,
      signal: ctx.signal,
      lookup: async (handles) => (await send('overlay.lookup', { handles }, transport)).partners,
    });
    const onMessage = (msg: unknown): undefined => {
      const ev = tabEventSchema.safeParse(msg);
      if (ev.success && ev.data.tables.includes('partners')) runner.invalidate();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
    // X navigates with pushState: WXT watches the location for us.
    ctx.addEventListener(window, 'wxt:locationchange', () => runner.schedule());
  },
});
