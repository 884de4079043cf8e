/**
 * The settings table: the user's settings and the X selector health, each a validated row.
 */
import { z } from 'zod';
import type { VeilleDB } from './db';
import type { OverlayKind } from './messaging';
import { SETTINGS_ROWS, dismissedTermsSchema, settingsSchema, veilleStateSchema, type SelectorHealth, type Settings, type SettingsKey, type VeilleState } from './schemas';

/**
 * A row that does not read as a whole (a field damaged, or written by another version of Veille):
 * each field that reads on its own is kept, the others take their defaults, rather than the CM's
 * goal, days and meeting all going back to the defaults for one field, and being saved so at the
 * next change. (A row that is no object, or a table of entries, takes the defaults.)
 */
function salvaged<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  if (schema instanceof z.ZodObject && value !== null && typeof value === 'object') {
    const row = value as Record<string, unknown>;
    const fields = Object.entries(schema.shape as Record<string, z.ZodType>);
    const kept = Object.fromEntries(fields.filter(([k, field]) => field.safeParse(row[k]).success).map(([k]) => [k, row[k]]));
    const parsed = schema.safeParse(kept);
    if (parsed.success) return parsed.data as z.output<S>;
  }
  return schema.parse({});
}

async function read<K extends SettingsKey>(db: VeilleDB, key: K) {
  const row = await db.settings.get(key);
  const schema = SETTINGS_ROWS[key];
  const parsed = schema.safeParse(row?.value ?? {});
  // A damaged row reads what it can rather than breaking the extension.
  return (parsed.success ? parsed.data : salvaged(schema, row?.value)) as ReturnType<(typeof SETTINGS_ROWS)[K]['parse']>;
}

export function getSettings(db: VeilleDB): Promise<Settings> {
  return read(db, 'settings');
}

export async function saveSettings(db: VeilleDB, patch: Partial<Settings>): Promise<Settings> {
  return db.transaction('rw', db.settings, async () => {
    const value = settingsSchema.parse({ ...(await getSettings(db)), ...patch });
    await db.settings.put({ key: 'settings', value });
    return value;
  });
}

/** The CM shows or hides one of the overlays on X (read and written in one transaction: switches flipped in a row all count). */
export async function showOverlay(db: VeilleDB, kind: OverlayKind, shown: boolean): Promise<Settings> {
  return db.transaction('rw', db.settings, async () => {
    const { hiddenOverlays } = await getSettings(db);
    return saveSettings(db, { hiddenOverlays: shown ? hiddenOverlays.filter((k) => k !== kind) : [...hiddenOverlays, kind] });
  });
}

/** The selectors whose failure means X changed its page: without them there are no overlays. */
export const CORE_SELECTORS = ['tweet', 'userName', 'statusLink'] as const;
/**
 * Without these, tags stay, but the figures are missing: a tweet's action bar (its strip, its counts
 * captured), a profile's header (its card, its follower counts).
 */
export const METRIC_SELECTORS = ['actionBar', 'profileUserName'] as const;

export function getSelectorHealth(db: VeilleDB): Promise<SelectorHealth> {
  return read(db, 'selectorHealth');
}

/** Record which named selectors matched (true) or failed (false) on a page that should have them. */
export async function recordSelectorHealth(db: VeilleDB, checks: Record<string, boolean>, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const health = await getSelectorHealth(db);
    for (const [name, ok] of Object.entries(checks)) {
      health[name] = { ...health[name], [ok ? 'lastMatch' : 'lastFail']: now };
    }
    await db.settings.put({ key: 'selectorHealth', value: health });
  });
}

/** Those of `names` (the core selectors unless told) whose last check failed: X's page has changed. */
export function brokenSelectors(health: SelectorHealth, names: readonly string[] = CORE_SELECTORS): string[] {
  return names.filter((name) => {
    const h = health[name];
    return h?.lastFail !== undefined && h.lastFail > (h.lastMatch ?? 0);
  });
}

export function getVeilleState(db: VeilleDB): Promise<VeilleState> {
  return read(db, 'veilleState');
}

export async function saveVeilleState(db: VeilleDB, patch: Partial<VeilleState>): Promise<VeilleState> {
  const value = veilleStateSchema.parse({ ...(await getVeilleState(db)), ...patch });
  await db.settings.put({ key: 'veilleState', value });
  return value;
}

export function getDismissedTerms(db: VeilleDB): Promise<Record<string, string>> {
  return read(db, 'dismissedTerms');
}

/** The CM does not want to see this emerging term again. */
export async function dismissTerm(db: VeilleDB, term: string, day: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const value = dismissedTermsSchema.parse({ ...(await getDismissedTerms(db)), [term]: day });
    await db.settings.put({ key: 'dismissedTerms', value });
  });
}
