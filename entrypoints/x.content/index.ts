/**
 * The content script on x.com and twitter.com. It never opens IndexedDB (here it would be x.com's):
 * it asks the background through the message protocol.
 */
import { browser } from 'wxt/browser';
import { PORT_NAME, SCRIPT_PING, asTabEvent, call as send, portTransport } from '@/lib/messaging';
import { X_MATCHES } from '@/lib/x/pages';
import { xTheme } from './dom';
import { startOverlays } from './overlays';
import { factsOf, focalTweet } from './save-topic';
import { draftFromTweet } from '@/lib/topic-draft';
import { accountsListed, findTweets } from '@/lib/x/adapter';
import { createTagEditor } from './tag-editor';

export default defineContentScript({
  matches: X_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    // Veille disabled, removed or updated: this copy of the script is cut off from the worker (Chrome
    // leaves it running in the page). It stops, and its overlays go with it; an update starts a new
    // copy in this page (see the worker's open-tabs.ts).
    const stopIfCutOff = () => void (browser.runtime?.id || ctx.abort('Extension context invalidated'));
    const port = portTransport(() => {
      stopIfCutOff();
      const p = browser.runtime.connect({ name: PORT_NAME });
      // (When the worker's end goes, the browser tells this copy that it is cut off a moment later.)
      p.onDisconnect.addListener(() => setTimeout(stopIfCutOff, 1000));
      return p;
    });
    const transport = port.send;
    const editor = createTagEditor({
      save: (req) => send('partner.save', req, transport),
      remove: (handle) => send('partner.delete', { handle }, transport),
      theme: () => xTheme(document),
    });
    const runner = startOverlays({
      root: document,
      signal: ctx.signal,
      partners: () => send('overlay.partners', {}, transport),
      recent: (req) => send('overlay.recent', req, transport),
      batch: (req) => send('overlay.batch', req, transport),
      report: (checks) => void send('health.report', { checks }, transport).catch(() => undefined),
      open: editor.open,
      saveTopic: (draft) => send('topic.save', draft, transport),
      topicStatus: (url) => send('topic.status', { url }, transport),
    });
    const onMessage = (msg: unknown, _sender: unknown, respond: (answer: unknown) => void): true | undefined => {
      const ev = asTabEvent(msg);
      if (ev) runner.invalidate(ev.tables);
      const type = (msg as { type?: unknown } | null)?.type;
      // The worker, as it starts, asks whether this tab has the script running.
      if (type === SCRIPT_PING) {
        respond(true);
        return true;
      }
      // The popup and the worker ask what this tab shows, to save it as a topic.
      if (type === 'topic.describe') {
        const article = focalTweet(document, findTweets(document), runner.pointed());
        const facts = article ? factsOf(article) : null;
        respond({ tweet: facts ? draftFromTweet(facts) : null, selection: getSelection()?.toString() ?? '' });
        return true;
      }
      // The popup asks which accounts this page lists, to add them as partners.
      if (type === 'page.accounts') {
        respond({ accounts: accountsListed(document) });
        return true;
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      editor.close();
      port.close();
      // (Last: cut off from Veille, the browser may refuse this too.)
      try {
        browser.runtime.onMessage.removeListener(onMessage);
      } catch {
        // Gone with the extension.
      }
    });
    // X navigates with pushState: WXT watches the location for us.
    ctx.addEventListener(window, 'wxt:locationchange', () => runner.schedule());
  },
});
