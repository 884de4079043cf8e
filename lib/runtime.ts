/**
 * The extension pages' side of the message protocol.
 */
import { browser } from 'wxt/browser';
import { send, type DataTable, type MessageType, type Request, type Response } from './protocol';

export function ask<K extends MessageType>(type: K, payload: Request<K>): Promise<Response<K>> {
  return send(type, payload, (msg) => browser.runtime.sendMessage(msg));
}

/** Tell the open X tabs that data changed, so their overlays follow at once. */
export async function notifyChanged(...tables: DataTable[]): Promise<void> {
  try {
    await ask('data.changed', { tables });
  } catch {
    // The worker is starting: the tabs pick up fresh data on their next lookup.
  }
}
