/**
 * The veille's round: the places the CM checks every day (X searches, lists, accounts, journals'
 * pages), in their order, and the days each was visited. A source is visited when the CM opens it
 * from the round (the popup, the dashboard), ticks it, or goes to its place on X (the worker sees
 * the X tab: see `visitPlace`).
 */
import type { VeilleDB } from './db';
import type { FieldIssue } from './partners';
import { MAX_SOURCES, sourceInputSchema, sourceSchema, type Source, type SourceInput, type SourceVisit } from './schemas';
import { withScheme } from './web-address';
import { INVISIBLE } from './handle';
import { daysKept, localDayOf } from './time';
import { PLACE_NAME_MAX, placeName, xPlaceOf } from './x/pages';
import { AROUND, namedLine } from './named-line';

export type SourceResult = { ok: true; source: Source } | { ok: false; issues: FieldIssue[] };

/** What an address is, for telling two sources apart and a visited page from a source: X's place, or the address without its fragment and last slash. */
export function placeKey(url: string): string {
  const x = xPlaceOf(url);
  if (x) return `x:${x}`;
  try {
    const u = new URL(url.trim());
    u.hash = '';
    return u.href.replace(/\/+$/, '');
  } catch {
    return url.trim();
  }
}

/** The round, in its order. */
export async function listSources(db: VeilleDB): Promise<Source[]> {
  return db.sources.orderBy('order').toArray();
}

/**
 * Add a source (at the end of the round) or change one (`id`); without a name, it is named from its
 * address and its page's `title` (see `placeName`). Refused, naming the field: an
 * address that is not a web page's, a name too long, a place already in the round, a full round.
 */
export async function saveSource(db: VeilleDB, input: SourceInput & { id?: string; title?: string }, now = Date.now()): Promise<SourceResult> {
  const parsed = sourceInputSchema.safeParse(input);
  if (!parsed.success) {
    // (One issue a field: an empty address is too short and no address at once.)
    const issues = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'url'), message: i.message }));
    return { ok: false, issues: issues.filter((x, i) => issues.findIndex((y) => y.field === x.field) === i) };
  }
  const { url } = parsed.data;
  const label = parsed.data.label || placeName(url, input.title);
  return db.transaction('rw', db.sources, async () => {
    const all = await db.sources.toArray();
    const existing = input.id ? all.find((s) => s.id === input.id) : undefined;
    if (input.id && !existing) return { ok: false, issues: [{ field: 'url', message: 'err_source_gone' }] } as SourceResult;
    const key = placeKey(url);
    if (all.some((s) => s.id !== input.id && placeKey(s.url) === key)) return { ok: false, issues: [{ field: 'url', message: 'err_source_duplicate' }] } as SourceResult;
    if (!existing && all.length >= MAX_SOURCES) return { ok: false, issues: [{ field: 'url', message: 'err_source_full' }] } as SourceResult;
    const source = sourceSchema.parse({
      id: existing?.id ?? crypto.randomUUID(),
      label,
      url,
      order: existing?.order ?? Math.max(-1, ...all.map((s) => s.order)) + 1,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await db.sources.put(source);
    return { ok: true, source } as SourceResult;
  });
}

export type SourcesResult = { ok: true; added: number; existing: number } | { ok: false; refused: string[] } | { ok: false; full: number };

/**
 * A word of a pasted list that is a web page's address, or null: as it is, or without the brackets
 * or punctuation around it ("(nature.com/nchem)."; an address that ends with ")" keeps it), with
 * "https://" added where it has none ("nature.com/…", as in the form).
 */
function addressWord(word: string): string | null {
  const bare = word.replace(AROUND, '');
  // (Its own brackets closed again: "(…/wiki/Chimie_(science))" is "…/wiki/Chimie_(science)".)
  const closed = bare + ')'.repeat(Math.max(0, bare.split('(').length - bare.split(')').length));
  for (const w of [word, word.includes(closed) ? closed : bare]) {
    const url = withScheme(w);
    if (sourceInputSchema.shape.url.safeParse(url).success) return url;
  }
  return null;
}

/**
 * The places of a pasted list: by lines, and in a line by spaces, each address named from itself;
 * a line with one address among other words, as "Nature Chemistry – https://www.nature.com/nchem/"
 * (see `namedLine`), is that address with those words as its name. And the words that are no web
 * page's address.
 */
export function placesIn(text: string): { places: { url: string; label: string }[]; refused: string[] } {
  const places: { url: string; label: string }[] = [];
  const refused: string[] = [];
  for (const line of text.replace(INVISIBLE, '').split(/[\r\n]+/)) {
    const named = namedLine(line, addressWord, (w) => /[/:@]|^www\.|\w\.[a-z]{2,}/i.test(w));
    if (named) {
      places.push({ url: named.value, label: named.name.slice(0, PLACE_NAME_MAX).trim() || placeName(named.value) });
      continue;
    }
    for (const word of line.split(/\s+/).filter(Boolean)) {
      const url = addressWord(word);
      if (url) places.push({ url, label: placeName(url) });
      else refused.push(word);
    }
  }
  return { places, refused };
}

/**
 * What a colleague pastes to take the same round (see `placesIn`): a place's address, one per line,
 * after its name where the CM named it otherwise than its address does (and the line reads back so).
 */
export function roundText(sources: readonly Pick<Source, 'url' | 'label'>[]): string {
  return sources
    .map(({ url, label }) => {
      const line = `${label} ${url}`;
      const back = label === placeName(url) ? null : placesIn(line).places;
      return back?.length === 1 && back[0]!.url === url && back[0]!.label === label ? line : url;
    })
    .join('\n');
}

/**
 * Add the places of a pasted list (see `placesIn`) to the round, in their order, in one
 * transaction: all of them or none. Places already in the round (or twice in the list) are left as
 * they are. Refused, with nothing added: a word that is no web page's address (each named), or more
 * places than the round holds (how many it has room for).
 */
export async function addSources(db: VeilleDB, text: string, now = Date.now()): Promise<SourcesResult> {
  const { places, refused } = placesIn(text);
  if (refused.length) return { ok: false, refused };
  return db.transaction('rw', db.sources, async () => {
    const all = await db.sources.toArray();
    const known = new Set(all.map((s) => placeKey(s.url)));
    const fresh: { url: string; label: string }[] = [];
    for (const place of places) {
      const key = placeKey(place.url);
      if (!known.has(key)) fresh.push(place);
      known.add(key);
    }
    if (all.length + fresh.length > MAX_SOURCES) return { ok: false, full: MAX_SOURCES - all.length } as SourcesResult;
    const first = Math.max(-1, ...all.map((s) => s.order)) + 1;
    await db.sources.bulkAdd(fresh.map(({ url, label }, i) => sourceSchema.parse({ id: crypto.randomUUID(), label, url, order: first + i, createdAt: now, updatedAt: now })));
    return { ok: true, added: fresh.length, existing: places.length - fresh.length } as SourcesResult;
  });
}

/** Take a source out of the round, with the days it was visited. */
export async function deleteSource(db: VeilleDB, id: string): Promise<void> {
  await db.transaction('rw', db.sources, db.sourceVisits, async () => {
    await db.sources.delete(id);
    await db.sourceVisits.where('source').equals(id).delete();
  });
}

/** Move a source up (−1) or down (+1) the round. */
export async function moveSource(db: VeilleDB, id: string, step: -1 | 1, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.sources, async () => {
    const all = await listSources(db);
    const i = all.findIndex((s) => s.id === id);
    const j = i + step;
    if (i < 0 || j < 0 || j >= all.length) return;
    [all[i], all[j]] = [all[j]!, all[i]!];
    // (Ranks renumbered 0, 1, 2 …: a merge of backups may have left two sources the same rank.)
    await db.sources.bulkPut(all.map((s, order) => (s.order === order ? s : { ...s, order, updatedAt: now })));
  });
}

/** The CM went to this source (its first visit of the day counts; ticking it again the same day takes the tick back when `toggle`). */
export async function visitSource(db: VeilleDB, id: string, at = Date.now(), toggle = false): Promise<boolean> {
  const day = localDayOf(at);
  return db.transaction('rw', db.sources, db.sourceVisits, async () => {
    if (!(await db.sources.get(id))) return false;
    const visited = await db.sourceVisits.get([id, day]);
    if (visited && toggle) {
      await db.sourceVisits.delete([id, day]);
      return false;
    }
    if (!visited) await db.sourceVisits.put({ source: id, day, at });
    return true;
  });
}

/** The CM is on this page of X: the sources of that place are visited today. How many were newly ticked. */
export async function visitPlace(db: VeilleDB, url: string, at = Date.now()): Promise<number> {
  if (!xPlaceOf(url)) return 0;
  const key = placeKey(url);
  const day = localDayOf(at);
  return db.transaction('rw', db.sources, db.sourceVisits, async () => {
    const matching = (await db.sources.toArray()).filter((s) => placeKey(s.url) === key);
    const fresh: SourceVisit[] = [];
    for (const s of matching) if (!(await db.sourceVisits.get([s.id, day]))) fresh.push({ source: s.id, day, at });
    await db.sourceVisits.bulkPut(fresh);
    return fresh.length;
  });
}

/** The round of a day: the sources, and which of them were visited that day. */
export async function roundOf(db: VeilleDB, day: string): Promise<{ sources: Source[]; visited: Set<string> }> {
  const [sources, visits] = await Promise.all([listSources(db), db.sourceVisits.where('day').equals(day).toArray()]);
  return { sources, visited: new Set(visits.map((v) => v.source)) };
}

/** The next place of a day's round: the first not visited that day, in the round's order; null when every one was; undefined without a round. */
export function nextPlace(round: { sources: readonly Source[]; visited: ReadonlySet<string> }): Source | null | undefined {
  if (!round.sources.length) return undefined;
  return round.sources.find((s) => !round.visited.has(s.id)) ?? null;
}

/** The visits from `fromDay` on. */
const visitsFrom = (db: VeilleDB, fromDay: string) => db.sourceVisits.where('day').aboveOrEqual(fromDay).toArray();

/** The days each place of the round was visited on, from `fromDay`. */
export async function visitDaysBySource(db: VeilleDB, fromDay: string): Promise<Map<string, Set<string>>> {
  const days = new Map<string, Set<string>>();
  for (const v of await visitsFrom(db, fromDay)) days.set(v.source, (days.get(v.source) ?? new Set()).add(v.day));
  return days;
}

/** How many sources were visited on each day from `fromDay`. */
export async function visitsByDay(db: VeilleDB, fromDay: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const v of await visitsFrom(db, fromDay)) counts.set(v.day, (counts.get(v.day) ?? 0) + 1);
  return counts;
}

/**
 * How a place kept to the round over `days` (local days, those it was in the round): the days it
 * was visited on, out of the days of veille among them and the days off or away it was visited on
 * all the same (see `daysKept`). `today`, not over yet, counts once the place is visited.
 */
export const keptRound = daysKept;
