import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { VeilleDB } from '@/lib/db';
import { dropDb, freshDb } from './fresh-db';
import { savePartner } from '@/lib/partners';
import { recordProfile } from '@/lib/profiles';

const HOUR = 3_600_000;
const T0 = new Date(2026, 10, 12, 9).getTime();
let db: VeilleDB;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => dropDb(db));

/** Three accounts (their user ids) and the handles they take and leave. */
const USER_IDS = ['1', '2', '3'];
const HANDLES = ['ha', 'hb', 'hc'];
/**
 * What happens: an account takes a free handle (leaving its own, which another may take next), the
 * CM visits an account's profile (capture on, or off), makes an account a partner where they see it,
 * and hours pass.
 */
const event = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('rename' as const), userId: fc.constantFrom(...USER_IDS), to: fc.constantFrom(...HANDLES) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('visit' as const), userId: fc.constantFrom(...USER_IDS), store: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('partner' as const), userId: fc.constantFrom(...USER_IDS) }), weight: 2 },
  fc.record({ k: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 30 }) }),
);

describe('accounts renaming their handles at random, and taking those others left', () => {
  it("shows each profile its own follower history; a partner known as an account stays its one partner, and follows it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 30, size: 'max' }), async (events) => {
        await Promise.all([db.profileSnapshots.clear(), db.partners.clear()]);
        const holds = new Map<string, string | undefined>([['1', 'ha'], ['2', 'hb'], ['3', undefined]]);
        let now = T0;
        /** Each visit's follower count is its own number: whose account it was. */
        let visits = 0;
        const visitOf = new Map<number, string>();
        /** Each partner's user id, once it has one. */
        const idOf = new Map<string, string>();
        const story: string[] = [];
        for (const e of events) {
          if (e.k === 'wait') now += e.hours * HOUR;
          else if (e.k === 'rename') {
            if ([...holds.values()].includes(e.to)) continue;
            holds.set(e.userId, e.to);
            story.push(`${e.userId} is @${e.to}`);
          } else if (e.k === 'partner') {
            const handle = holds.get(e.userId);
            // (Where no partner has its handle: the CM may make a second partner of an account they
            // do not see renamed.)
            if (!handle || (await db.partners.where('handle').equals(handle).count())) continue;
            expect((await savePartner(db, { handle, category: 'academic' }, undefined, now)).ok).toBe(true);
            story.push(`partner @${handle} (${e.userId})`);
          } else {
            const handle = holds.get(e.userId);
            if (!handle) continue;
            now += 1000;
            const followers = ++visits;
            visitOf.set(followers, e.userId);
            story.push(`visit @${handle} (${e.userId}, #${followers}${e.store ? '' : ', capture off'})`);
            const { card } = await recordProfile(db, { handle, userId: e.userId, name: '', followers, following: 0, posts: 0 }, e.store, now);
            const said = JSON.stringify({ story, snapshots: await db.profileSnapshots.toArray(), partners: await db.partners.toArray() });
            for (const point of card.followers) expect(visitOf.get(point.followers), said).toBe(e.userId);
            const partners = await db.partners.toArray();
            // A partner's user id, once known, stays; an account has one partner at most.
            for (const p of partners) {
              if (!p.userId) continue;
              expect(p.userId, said).toBe(idOf.get(p.id) ?? p.userId);
              idOf.set(p.id, p.userId);
            }
            const mine = partners.filter((p) => p.userId === e.userId);
            expect(mine.length, said).toBeLessThanOrEqual(1);
            // The account's partner follows it to this handle, unless another partner has it.
            if (e.store && mine[0] && !partners.some((p) => p.handle === handle && p !== mine[0])) expect(mine[0].handle, said).toBe(handle);
          }
        }
      }),
      { numRuns: 1500, seed: 2026 },
    );
  }, 120_000);
});
