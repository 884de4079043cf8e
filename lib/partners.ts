/**
 * Partners: the accounts the institute works with. Plain domain logic over the database, used by
 * the options page (and, through the message protocol, by the content script).
 */
import type { VeilleDB } from './db';
import { INVISIBLE, namedAccount, normalizeHandle } from './handle';
import { PROFILE_TABLES, moveAccount, withFormer } from './profiles';
import {
  LIMITS,
  partnerInputSchema,
  type Partner,
  type PartnerCategory,
  type PartnerFields,
  type PartnerInput,
} from './schemas';

/** A problem with one field, its message an i18n key. */
export interface FieldIssue {
  field: string;
  message: string;
}

export type SaveResult = { ok: true; partner: Partner } | { ok: false; issues: FieldIssue[] };

/** Validate what a person typed. */
export function validatePartner(input: PartnerInput): { ok: true; value: PartnerFields } | { ok: false; issues: FieldIssue[] } {
  const parsed = partnerInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })),
  };
}

/**
 * The handle a mention names now, in a tweet posted at `at`: a partner's former handle (see
 * `formerHandles`), in a tweet posted before Veille saw the partner leave it, is the partner's handle
 * now, unless a partner has that handle now. Any other handle is itself.
 */
export function handleNow(partners: readonly Partner[]): (handle: string, at: number) => string {
  const left = leftHandles(partners);
  // (Two partners may have had the same handle in turn: the tweet's is the one who had it when it was posted.)
  return (handle, at) => left.get(handle)?.find((x) => at < x.until)?.handle ?? handle;
}

/** Handles partners have left, each with the partner's handle now, as the CM reads them: "@univ_nantes → @univnantes, …". */
export function renamesText(renamed: readonly { from: string; to: string }[]): string {
  return renamed.map((r) => `@${r.from} → @${r.to}`).join(', ');
}

/** The partner who left `handle` last, if no partner has it now: its handle now, and when it left it. */
export function leftBy(partners: readonly Partner[], handle: string): { handle: string; until: number } | undefined {
  return leftHandles(partners).get(handle)?.at(-1);
}

/**
 * The handles partners have left (`formerHandles`) that no partner has now, each with the handles of
 * those who had it, in the order they left it.
 */
export function leftHandles(partners: readonly Partner[]): Map<string, { handle: string; until: number }[]> {
  const current = new Set(partners.map((p) => p.handle));
  const left = new Map<string, { handle: string; until: number }[]>();
  for (const p of partners) {
    for (const f of p.formerHandles ?? []) if (!current.has(f.handle)) left.set(f.handle, [...(left.get(f.handle) ?? []), { handle: p.handle, until: f.until }]);
  }
  left.forEach((list) => list.sort((a, b) => a.until - b.until));
  return left;
}

/** The handle now of the partner who left `handle` last, in a map of `leftHandles`: undefined when none did. */
export function holderNow(left: ReadonlyMap<string, readonly { handle: string }[]>, handle: string): string | undefined {
  return left.get(handle)?.at(-1)?.handle;
}

function newId(): string {
  return crypto.randomUUID();
}

/**
 * Add a partner, or update the partner with id `id`. A handle belongs to one partner only: adding
 * one whose handle exists is refused (edit that partner instead). `renamed`: the partner's new
 * handle is a rename the account made on X (not a handle typed wrong): what Veille keeps under the
 * old one moves to it (see `moveAccount`), and the partner remembers the old one (`formerHandles`).
 */
export async function savePartner(db: VeilleDB, input: PartnerInput, id?: string, now = Date.now(), { renamed = false } = {}): Promise<SaveResult> {
  const v = validatePartner(input);
  if (!v.ok) return v;
  return db.transaction('rw', renamed ? PROFILE_TABLES(db) : [db.partners], async () => {
    const sameHandle = await db.partners.where('handle').equals(v.value.handle).first();
    if (sameHandle && sameHandle.id !== id) {
      return { ok: false, issues: [{ field: 'handle', message: 'err_handle_taken' }] } as SaveResult;
    }
    const existing = id ? await db.partners.get(id) : undefined;
    const partner: Partner = existing
      ? { ...existing, ...v.value, updatedAt: now }
      : { ...v.value, id: newId(), createdAt: now, updatedAt: now };
    if (renamed && existing && existing.handle !== partner.handle) {
      await moveAccount(db, existing.handle, partner.handle);
      partner.formerHandles = withFormer(existing.formerHandles, [existing.handle], partner.handle, now);
    }
    await db.partners.put(partner);
    return { ok: true, partner } as SaveResult;
  });
}

export async function deletePartner(db: VeilleDB, id: string): Promise<void> {
  await db.partners.delete(id);
}

/**
 * What a list of accounts pasted at once gives: the handles it names, the names its lines give them
 * ("Nantes Université (@UnivNantes)": see `namedAccount`), and the words that are no account.
 */
export function handlesIn(text: string): { handles: string[]; names: Map<string, string>; refused: string[] } {
  const handles: string[] = [];
  const names = new Map<string, string>();
  const refused: string[] = [];
  const take = (h: string) => handles.includes(h) || handles.push(h);
  // (Separated as a person or a spreadsheet column writes them: lines, commas, semicolons; and, in a
  // line that does not name one account among other words, spaces.)
  for (const line of text.replace(INVISIBLE, '').split(/[\n\r,;]+/)) {
    const named = namedAccount(line);
    if (named) {
      take(named.handle);
      if (named.name && !names.has(named.handle)) names.set(named.handle, named.name);
      continue;
    }
    for (const word of line.split(/\s+/).filter(Boolean)) {
      const h = normalizeHandle(word);
      if (!h) refused.push(word);
      else take(h);
    }
  }
  return { handles, names, refused };
}

/**
 * Add these accounts as partners of `category`, in one transaction, each with its name in `names`
 * where known (as an X page lists it); those already partners are left as they are (their name,
 * tags and note kept). How many were added, and how many were there. `followLeft`: the handles come
 * from the CM's own list (pasted), which may name a partner by a handle it has left: that partner is
 * there, under its handle now (`renamed`), rather than added again under the old one. (Not for an X
 * page's accounts: a handle X shows is that account's now, whoever had it before.)
 */
export async function addHandles(
  db: VeilleDB,
  handles: readonly string[],
  category: PartnerCategory,
  now = Date.now(),
  names: ReadonlyMap<string, string> = new Map(),
  { followLeft = false } = {},
): Promise<{ added: number; existing: number; renamed: { from: string; to: string }[] }> {
  return db.transaction('rw', db.partners, async () => {
    const known = await partnersByHandle(db, handles);
    const unknown = handles.filter((h) => !known.has(h));
    const left = followLeft && unknown.length ? leftHandles(await db.partners.toArray()) : new Map<string, { handle: string }[]>();
    const renamed = unknown.flatMap((from) => {
      const to = holderNow(left, from);
      return to ? [{ from, to }] : [];
    });
    const fresh = unknown.filter((h) => !left.has(h));
    const nameOf = (handle: string) => (names.get(handle) ?? '').trim().slice(0, LIMITS.name);
    await db.partners.bulkAdd(fresh.map((handle) => ({ id: newId(), handle, name: nameOf(handle), category, tags: [], note: '', createdAt: now, updatedAt: now })));
    return { added: fresh.length, existing: handles.length - fresh.length, renamed };
  });
}

/** A change made to several partners at once, from the partner list. */
export type BulkChange =
  | { kind: 'category'; category: PartnerCategory }
  | { kind: 'addTag'; tag: string }
  | { kind: 'removeTag'; tag: string }
  | { kind: 'delete' };

/** A bulk change refused: the partner it could not be made to (its handle), and why. */
export interface BulkIssue extends FieldIssue {
  handle: string;
}

export type BulkResult = { ok: true; changed: number } | { ok: false; issues: BulkIssue[] };

/** A partner's fields with `change` made (a tag removed ignoring case, as tags are compared). */
function changed(p: Partner, change: Exclude<BulkChange, { kind: 'delete' }>): PartnerInput {
  const fields = { handle: p.handle, name: p.name, category: p.category, tags: p.tags, note: p.note };
  if (change.kind === 'category') return { ...fields, category: change.category };
  if (change.kind === 'addTag') return { ...fields, tags: [...p.tags, change.tag] };
  return { ...fields, tags: p.tags.filter((t) => t.toLowerCase() !== change.tag.trim().toLowerCase()) };
}

/**
 * Make `change` to the partners `ids`, in one transaction: to all of them, or, where one of them
 * would be invalid (a tag too long, too many tags), to none, with each refusal named by handle.
 * How many partners changed (those already so are left as they are).
 */
export async function changePartners(db: VeilleDB, ids: readonly string[], change: BulkChange, now = Date.now()): Promise<BulkResult> {
  if (change.kind === 'addTag' && !change.tag.trim()) return { ok: false, issues: [{ handle: '', field: 'tags', message: 'err_tag_required' }] };
  return db.transaction('rw', db.partners, async () => {
    const partners = (await db.partners.bulkGet([...ids])).filter((p): p is Partner => !!p);
    if (change.kind === 'delete') {
      await db.partners.bulkDelete(partners.map((p) => p.id));
      return { ok: true, changed: partners.length } as BulkResult;
    }
    const puts: Partner[] = [];
    const issues: BulkIssue[] = [];
    for (const p of partners) {
      const v = validatePartner(changed(p, change));
      if (!v.ok) issues.push(...v.issues.map((i) => ({ ...i, handle: p.handle })));
      else if (!sameFields(p, v.value)) puts.push({ ...p, ...v.value, updatedAt: now });
    }
    if (issues.length) return { ok: false, issues } as BulkResult;
    await db.partners.bulkPut(puts);
    return { ok: true, changed: puts.length } as BulkResult;
  });
}

/** Names in the order a person reads them: "Lab 9" before "Lab 10", "Équipe" among the E's. */
const byName = new Intl.Collator(undefined, { numeric: true });

/** Every partner, by name (or handle, for those without one). */
export async function listPartners(db: VeilleDB): Promise<Partner[]> {
  const all = await db.partners.toArray();
  return all.sort((a, b) => byName.compare(a.name || a.handle, b.name || b.handle));
}

/** Lower case without accents, for matching what a person types. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The partners matching a free-text query (handle, name, tags, note) and a category. */
export function filterPartners(partners: readonly Partner[], query: string, category: PartnerCategory | 'all'): Partner[] {
  const words = fold(query).replace(/@/g, ' ').split(/\s+/).filter(Boolean);
  return partners.filter((p) => {
    if (category !== 'all' && p.category !== category) return false;
    if (!words.length) return true;
    // (And the handles it had: the one the CM remembers may be its old one.)
    const hay = fold([p.handle, p.name, p.note, ...p.tags, ...(p.formerHandles ?? []).map((f) => f.handle)].join(' '));
    return words.every((w) => hay.includes(w));
  });
}

/** The partners with these (normalised) handles, by handle. */
export async function partnersByHandle(db: VeilleDB, handles: readonly string[]): Promise<Map<string, Partner>> {
  // (A few by their handle; more by the list read whole: Dexie's anyOf steps a cursor through the
  // partners one at a time.)
  const wanted = new Set(handles);
  const found =
    wanted.size < 20
      ? (await Promise.all([...wanted].map((h) => db.partners.where('handle').equals(h).first()))).filter((p): p is Partner => p !== undefined)
      : (await db.partners.toArray()).filter((p) => wanted.has(p.handle));
  return new Map(found.map((p) => [p.handle, p]));
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  /** The rows that named a partner by a handle it has left, each with the handle it has now (in the file's order). */
  renamed: { from: string; to: string }[];
}

function sameFields(a: PartnerFields, b: PartnerFields): boolean {
  return (
    a.name === b.name &&
    a.category === b.category &&
    a.note === b.note &&
    a.tags.length === b.tags.length &&
    a.tags.every((t, i) => t === b.tags[i])
  );
}

/** The fields an imported row may leave blank (its file has no such column, or its cell is empty). */
export type BlankField = 'name' | 'category' | 'tags' | 'note';

/**
 * Store validated partner rows in one transaction: all of them or none. A partner whose handle
 * exists is updated (keeping its id, user id and creation date), never duplicated; what a row leaves
 * blank (`blank`) keeps what the partner has: an import adds and changes, it never erases (a list of
 * handles and names, imported over partners described in Veille, left them with no category, tags
 * or note). A row that names a partner by a handle it has left (one Veille saw it rename, and no
 * partner has now), as a team's list made before the rename does, updates that partner under its
 * handle now, rather than add a second partner under a handle no account of theirs has: the
 * summary names those rows (`renamed`).
 */
export async function importPartners(
  db: VeilleDB,
  rows: readonly { partner: PartnerFields; blank?: readonly BlankField[] }[],
  now = Date.now(),
): Promise<ImportSummary> {
  return db.transaction('rw', db.partners, async () => {
    const existing = await partnersByHandle(db, rows.map((r) => r.partner.handle));
    // (Handles no partner has now may be ones a partner left: the list is then read whole.)
    const all = rows.some((r) => !existing.has(r.partner.handle)) ? await db.partners.toArray() : [];
    const left = leftHandles(all);
    for (const p of all) if (!existing.has(p.handle)) existing.set(p.handle, p);
    const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, renamed: [] };
    const puts: Partner[] = [];
    for (const { partner: named, blank = [] } of rows) {
      const current = existing.has(named.handle) ? undefined : holderNow(left, named.handle);
      if (current) summary.renamed.push({ from: named.handle, to: current });
      const partner = current ? { ...named, handle: current } : named;
      const old = existing.get(partner.handle);
      const row: PartnerFields = old ? { ...partner, ...Object.fromEntries(blank.map((f) => [f, old[f]])) } : partner;
      if (!old) {
        const p: Partner = { ...row, id: newId(), createdAt: now, updatedAt: now };
        existing.set(row.handle, p);
        puts.push(p);
        summary.added++;
      } else if (sameFields(old, row)) {
        summary.unchanged++;
      } else {
        const p: Partner = { ...old, ...row, updatedAt: now };
        existing.set(row.handle, p);
        puts.push(p);
        summary.updated++;
      }
    }
    await db.partners.bulkPut(puts);
    return summary;
  });
}
