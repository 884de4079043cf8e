import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDb, type VeilleDB } from '@/lib/db';
import { createHandlers } from '@/lib/handlers';
import { savePartner } from '@/lib/partners';
import { dispatch, send, type Handlers } from '@/lib/protocol';

let db: VeilleDB;
let handlers: Handlers;
const notifyXTabs = vi.fn(async () => 2);
let n = 0;
beforeEach(async () => {
  db = openDb(`test-protocol-${n++}`);
  handlers = createHandlers(db, { notifyXTabs });
  await savePartner(db, { handle: 'UnivNantes', name: 'Nantes Université', category: 'academic', note: 'private note' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** The transport the content script uses, wired straight to the worker's dispatcher. */
const transport = (msg: unknown) => dispatch(handlers, msg) ?? Promise.reject(new Error('not ours'));

describe('message protocol', () => {
  it('answers a batch lookup with only what an overlay needs', async () => {
    const res = await send('overlay.lookup', { handles: ['univnantes', 'someone'] }, transport);
    expect(res).toEqual({ partners: [{ handle: 'univnantes', name: 'Nantes Université', category: 'academic' }] });
  });

  it('refuses a malformed request before sending it', async () => {
    const t = vi.fn(transport);
    await expect(send('overlay.lookup', { handles: ['Not A Handle'] }, t)).rejects.toThrow();
    expect(t).not.toHaveBeenCalled();
  });

  it('the worker refuses a malformed request with an error reply, and ignores foreign messages', async () => {
    await expect(dispatch(handlers, { type: 'overlay.lookup', payload: { handles: 'univnantes' } })).resolves.toMatchObject({ ok: false });
    expect(dispatch(handlers, { hello: 'world' })).toBeUndefined();
    expect(dispatch(handlers, { type: 'db.drop', payload: {} })).toBeUndefined();
  });

  it('the client refuses a reply that does not match the protocol', async () => {
    await expect(send('overlay.lookup', { handles: [] }, async () => ({ ok: true, data: { partners: [{ handle: 'A B' }] } }))).rejects.toThrow();
    await expect(send('overlay.lookup', { handles: [] }, async () => ({ ok: false, error: 'boom' }))).rejects.toThrow(/boom/);
  });

  it('relays data changes to the X tabs', async () => {
    expect(await send('data.changed', { tables: ['partners'] }, transport)).toEqual({ tabsNotified: 2 });
    expect(notifyXTabs).toHaveBeenCalledWith({ event: 'data.changed', tables: ['partners'] });
  });
});
