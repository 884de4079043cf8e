/**
 * The overlay runner: finds tweets and profiles as X renders them, asks the background about
 * their accounts in one round trip per batch, and applies the overlays.
 *
 * - Work is queued and done in requestAnimationFrame, once per frame at most.
 * - Each tweet's rendered state is remembered by a signature (tweet id and authors), so a cell
 *   that X recycles for another tweet is redone, and an unchanged one is skipped.
 * - Nothing here throws into the page: a tweet the adapter cannot read gets no overlay.
 */
import { findTweets, parseProfile, parseTweet, type AccountRef, type TweetRef } from '@/lib/x/adapter';
import { profileHandle } from '@/lib/x/pages';
import type { PartnerTag } from '@/lib/protocol';
import { applyPartnerTag, isOurs } from './partner-tag';

export interface OverlayDeps {
  /** One round trip to the background for a batch of handles. */
  lookup(handles: string[]): Promise<PartnerTag[]>;
  root: Document;
  signal: AbortSignal;
}

export interface OverlayRunner {
  /** Queue a scan of the page. */
  schedule(): void;
  /** Forget what is known about partners (they changed) and redo every overlay. */
  invalidate(): void;
}

function signature(t: TweetRef): string {
  return `${t.tweetId}|${t.author?.handle}|${t.quoted.map((q) => q.handle).join(',')}`;
}

export function startOverlays(deps: OverlayDeps): OverlayRunner {
  const { root, signal } = deps;
  /** handle → its partner tag, or null when it is not a partner. */
  let partners = new Map<string, PartnerTag | null>();
  /** article → the signature its overlays were last applied for. */
  let done = new WeakMap<Element, string>();
  let frame = 0;
  let busy = false;
  let again = false;

  const schedule = (): void => {
    if (signal.aborted || frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      void scan();
    });
  };

  function applyAccount(ref: AccountRef, where: 'tweet' | 'profile'): void {
    applyPartnerTag(ref.el, partners.get(ref.handle) ?? undefined, where);
  }

  async function scan(): Promise<void> {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const todo: TweetRef[] = [];
      for (const article of findTweets(root)) {
        const tweet = parseTweet(article);
        if (!tweet) continue;
        const sig = signature(tweet);
        if (done.get(article) === sig && tagsIntact(tweet)) continue;
        todo.push(tweet);
      }
      const pageHandle = profileHandle(root.location?.href ?? '');
      const parsedProfile = pageHandle ? parseProfile(root) : null;
      const profile = parsedProfile?.handle === pageHandle ? parsedProfile : null;

      const accounts: AccountRef[] = [];
      for (const tw of todo) accounts.push(tw.author!, ...tw.quoted);
      if (profile) accounts.push(profile);
      const unknown = [...new Set(accounts.map((a) => a.handle).filter((h) => !partners.has(h)))];
      if (unknown.length) {
        const asked = partners;
        const found = await deps.lookup(unknown);
        if (signal.aborted) return;
        // If partners were invalidated meanwhile, this answer may be stale: scan again.
        if (asked !== partners) {
          again = true;
          return;
        }
        for (const h of unknown) partners.set(h, null);
        for (const p of found) partners.set(p.handle, p);
      }
      for (const tw of todo) {
        try {
          applyAccount(tw.author!, 'tweet');
          for (const q of tw.quoted) applyAccount(q, 'tweet');
          done.set(tw.article, signature(tw));
        } catch {
          // One odd tweet never stops the others.
        }
      }
      if (profile) applyAccount(profile, 'profile');
    } catch {
      // The background may be restarting or the extension reloaded: try again on the next change.
    } finally {
      busy = false;
      if (again && !signal.aborted) {
        again = false;
        schedule();
      }
    }
  }

  /** Tags can be dropped when X re-renders an author block: check they are still there. */
  function tagsIntact(tw: TweetRef): boolean {
    for (const a of [tw.author!, ...tw.quoted]) {
      const hasTag = partners.get(a.handle) != null;
      const shown = Array.from(a.el.children).some(isOurs);
      if (hasTag !== shown) return false;
    }
    return true;
  }

  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') return schedule();
      for (const n of r.addedNodes) {
        if (n.nodeType === Node.ELEMENT_NODE && !isOurs(n)) return schedule();
      }
      for (const n of r.removedNodes) {
        if (isOurs(n)) return schedule();
      }
    }
  });
  observer.observe(root.body ?? root.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['href'],
  });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (frame) cancelAnimationFrame(frame);
  });
  schedule();

  return {
    schedule,
    invalidate() {
      partners = new Map();
      done = new WeakMap();
      schedule();
    },
  };
}
