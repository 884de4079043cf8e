/**
 * The content script on x.com and twitter.com. It never opens IndexedDB (here it would be x.com's):
 * it asks the background through the message protocol.
 */
import { browser } from 'wxt/browser';
import { PORT_NAME, asTabEvent, call as send, portTransport } from '@/lib/messaging';
import { X_MATCHES } from '@/lib/x/pages';
import { xTheme } from './dom';
import { startOverlays } from './overlays';
import { createTagEditor } from './tag-editor';

export default defineContentScript({
  matches: X_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const port = portTransport(() => browser.runtime.connect({ name: PORT_NAME }));
    const transport = port.send;
    const editor = createTagEditor({
      save: (req) => send('partner.save', req, transport),
      remove: (handle) => send('partner.delete', { handle }, transport),
      theme: () => xTheme(document),
    });
    const runner = startOverlays({
      root: document,
      signal: ctx.signal,
      batch: (req) => send('overlay.batch', req, transport),
      report: (checks) => void send('health.report', { checks }, transport).catch(() => undefined),
      open: editor.open,
    });
    const onMessage = (msg: unknown): undefined => {
      const ev = asTabEvent(msg);
      if (ev) runner.invalidate(ev.tables);
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      editor.close();
      port.close();
    });
    // X navigates with pushState: WXT watches the location for us.
    ctx.addEventListener(window, 'wxt:locationchange', () => runner.schedule());
  },
});
