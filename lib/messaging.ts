/**
 * The content script's side of the message protocol, without zod.
 *
 * The content script runs on every X page and has a 40 kB budget, and zod's smallest build costs
 * 15 kB of it. The worker is the trust boundary: it validates every request it receives and every
 * response it sends against the zod schemas of lib/protocol.ts (see `dispatch`). Here the types
 * come from those schemas at compile time, and at run time only the reply's envelope is checked.
 */
import type { MessageKey } from './i18n';
import type { MessageType, Request, Response, TabEvent } from './protocol';

/**
 * Why a request got no answer: the worker stopped as it was asked (the browser stops an idle one,
 * and restarts it at the next request) or answered nothing. The error's message is this key, which
 * the content script says in the CM's language (`failed` in x.content/dom.ts).
 */
export const NO_ANSWER = 'err_no_answer' satisfies MessageKey;

export async function call<K extends MessageType>(
  type: K,
  payload: Request<K>,
  transport: (msg: unknown) => Promise<unknown>,
): Promise<Response<K>> {
  const reply = (await transport({ type, payload })) as { ok?: unknown; data?: unknown; error?: unknown } | undefined;
  // (What went wrong, as the worker says it: the gesture that asked is named where it is said.)
  if (!reply || typeof reply !== 'object') throw new Error(NO_ANSWER);
  if (reply.ok !== true) throw new Error(String(reply.error ?? 'failed'));
  return reply.data as Response<K>;
}

/** The tables whose changes the worker announces to X tabs. */
export const DATA_TABLES = ['partners', 'profileSnapshots', 'tweetMetrics', 'topics', 'veilleSessions', 'settings'] as const;
export type DataTable = (typeof DATA_TABLES)[number];

/**
 * The overlays the CM can hide on X (Settings): each is the \`data-veille\` name of its element in the
 * page. \`author\`: the partner tags and the "+" that tags an author; \`strip\`: the engagement strips;
 * \`card\`: the profile card; \`save\`: the "☆" that saves a tweet as a topic.
 */
export const OVERLAY_KINDS = ['author', 'strip', 'card', 'save'] as const;
export type OverlayKind = (typeof OVERLAY_KINDS)[number];

/** A tab event from the worker, or null for any other message. */
export function asTabEvent(msg: unknown): TabEvent | null {
  const m = msg as Partial<TabEvent> | null;
  if (!m || m.event !== 'data.changed' || !Array.isArray(m.tables)) return null;
  return { event: 'data.changed', tables: m.tables.filter((t): t is DataTable => (DATA_TABLES as readonly string[]).includes(t)) };
}

/**
 * The message a running copy of the content script answers `true` to: the worker, as it starts, asks
 * each X tab, and starts the script where none answers (see the worker's open-tabs.ts).
 */
export const SCRIPT_PING = 'script.ping';

/** The name of the content script's long-lived connection to the worker. */
export const PORT_NAME = 'veille-overlays';

interface PortLike {
  postMessage(message: unknown): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
  disconnect(): void;
}

/**
 * A transport over one long-lived port instead of one runtime.sendMessage per request: each
 * sendMessage opens a new channel, which costs the page more than the message itself. The port is
 * opened on first use and again after the worker was stopped (its requests then fail, and the next
 * scan asks again).
 */
export function portTransport(connect: () => PortLike): { send(msg: unknown): Promise<unknown>; close(): void } {
  let port: PortLike | null = null;
  let seq = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const open = (): PortLike => {
    const p = connect();
    p.onMessage.addListener((m) => {
      const { id, reply } = (m ?? {}) as { id?: number; reply?: unknown };
      const waiting = id === undefined ? undefined : pending.get(id);
      if (!waiting) return;
      pending.delete(id!);
      waiting.resolve(reply);
    });
    p.onDisconnect.addListener(() => {
      if (port === p) port = null;
      for (const w of pending.values()) w.reject(new Error(NO_ANSWER));
      pending.clear();
    });
    return p;
  };
  return {
    send(msg) {
      return new Promise((resolve, reject) => {
        const id = ++seq;
        pending.set(id, { resolve, reject });
        try {
          (port ??= open()).postMessage({ id, msg });
        } catch (e) {
          pending.delete(id);
          port = null;
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    },
    close() {
      // (A copy of the script cut off from Veille as it stops, its port not yet told: the browser
      // refuses the port's calls then, "Extension context invalidated", which would reach the page.)
      try {
        port?.disconnect();
      } catch {
        // Gone already.
      }
      port = null;
    },
  };
}
