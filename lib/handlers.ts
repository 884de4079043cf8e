/**
 * The background's handlers for the message protocol: one per message type.
 * Kept apart from the worker's entrypoint so that tests can call them on a fake database.
 */
import type { VeilleDB } from './db';
import { partnersByHandle } from './partners';
import type { Handlers, TabEvent } from './protocol';

export interface HandlerEnv {
  /** Send an event to every open X tab; resolves to how many tabs received it. */
  notifyXTabs(event: TabEvent): Promise<number>;
}

export function createHandlers(db: VeilleDB, env: HandlerEnv): Handlers {
  return {
    async 'overlay.lookup'({ handles }) {
      const found = await partnersByHandle(db, handles);
      return {
        partners: [...found.values()].map((p) => ({ handle: p.handle, name: p.name, category: p.category })),
      };
    },
    async 'data.changed'({ tables }) {
      return { tabsNotified: await env.notifyXTabs({ event: 'data.changed', tables }) };
    },
  };
}
