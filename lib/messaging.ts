/**
 * The content script's side of the message protocol, without zod.
 *
 * The content script runs on every X page and has a 40 kB budget, and zod's smallest build costs
 * 15 kB of it. The worker is the trust boundary: it validates every request it receives and every
 * response it sends against the zod schemas of lib/protocol.ts (see `dispatch`). Here the types
 * come from those schemas at compile time, and at run time only the reply's envelope is checked.
 */
import type { MessageType, Request, Response, TabEvent } from './protocol';

export async function call<K extends MessageType>(
  type: K,
  payload: Request<K>,
  transport: (msg: unknown) => Promise<unknown>,
): Promise<Response<K>> {
  const reply = (await transport({ type, payload })) as { ok?: unknown; data?: unknown; error?: unknown } | undefined;
  if (!reply || typeof reply !== 'object') throw new Error(`${type}: no reply`);
  if (reply.ok !== true) throw new Error(`${type}: ${String(reply.error ?? 'failed')}`);
  return reply.data as Response<K>;
}

/** The tables whose changes the worker announces to X tabs. */
export const DATA_TABLES = ['partners', 'profileSnapshots', 'tweetMetrics', 'topics', 'veilleSessions', 'settings'] as const;
export type DataTable = (typeof DATA_TABLES)[number];

/** A tab event from the worker, or null for any other message. */
export function asTabEvent(msg: unknown): TabEvent | null {
  const m = msg as Partial<TabEvent> | null;
  if (!m || m.event !== 'data.changed' || !Array.isArray(m.tables)) return null;
  return { event: 'data.changed', tables: m.tables.filter((t): t is DataTable => (DATA_TABLES as readonly string[]).includes(t)) };
}
