/**
 * The veille's round: the places the CM checks every day, ticked as they go (see lib/sources.ts).
 * `TodayRound` in the popup (open a place, tick it, add the page of the current tab); `RoundEditor`
 * in the dashboard (the same ticks, and the round's places added, renamed, moved and taken out).
 */
import { errorSaid } from '@/components/errorSaid';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { VeilleDB } from '@/lib/db';
import { numberText, t, tCount, tKey } from '@/lib/i18n';
import type { FieldIssue } from '@/lib/partners';
import type { Source } from '@/lib/schemas';
import { getSettings } from '@/lib/settings';
import { addSources, deleteSource, keptRound, moveSource, nextPlace, placeKey, roundOf, roundText, saveSource, visitDaysBySource, visitSource } from '@/lib/sources';
import { dayStartOf, daysBetween } from '@/lib/time';
import { dayBefore } from '@/lib/veille';
import { useLiveQuery } from '../useLiveQuery';
import { sayCopied } from '../clipboard';
import { useShortcut } from '../useShortcut';
import { useToday } from '../useToday';

function useRound(db: VeilleDB) {
  const today = useToday();
  return useLiveQuery(() => roundOf(db, today), [db, today]);
}

/**
 * A place of the round: its tick for today and its link. `open`: how the link opens it (the popup
 * records the visit before it opens the tab and closes; the dashboard stays open).
 */
function Place({ db, source, visited, open }: { db: VeilleDB; source: Source; visited: boolean; open?: (s: Source) => Promise<void> }) {
  return (
    <span class="round-place">
      <input
        type="checkbox"
        checked={visited}
        aria-label={t('round_tick', source.label)}
        onChange={() => void visitSource(db, source.id, Date.now(), true)}
      />
      <a
        href={source.url}
        target="_blank"
        rel="noreferrer"
        title={source.url}
        class={visited ? 'visited' : undefined}
        onClick={(e) => {
          if (open) {
            e.preventDefault();
            void open(source);
          } else void visitSource(db, source.id);
        }}
      >
        {source.label}
      </a>
    </span>
  );
}

function Count({ visited, total }: { visited: number; total: number }) {
  return <span class="muted small" data-testid="round-count">{tCount('round_count', visited, total)}</span>;
}

/** The popup's round: today's ticks, each place a click away, and the current tab's page added in one click. */
export function TodayRound({ db, page, manageUrl }: { db: VeilleDB; page: { url: string; title?: string } | null; manageUrl: string }) {
  const round = useRound(db);
  const [said, setSaid] = useState('');
  const shortcut = useShortcut('next-place');
  if (!round) return null;
  const next = nextPlace(round);
  const { sources, visited } = round;
  const open = async (s: Source) => {
    await visitSource(db, s.id);
    await browser.tabs.create({ url: s.url });
    window.close();
  };
  const addPage = async () => {
    if (!page) return;
    const r = await saveSource(db, { url: page.url, label: '', ...(page.title ? { title: page.title } : {}) });
    setSaid(r.ok ? t('round_added') : tKey(r.issues[0]!.message));
  };
  const inRound = page && sources.some((s) => placeKey(s.url) === placeKey(page.url));
  return (
    <section class="round" aria-labelledby="round-title" data-testid="round">
      <h2 id="round-title">
        {t('round_title')} {sources.length > 0 && <Count visited={sources.filter((s) => visited.has(s.id)).length} total={sources.length} />}
      </h2>
      {sources.length ? (
        <ul class="round-list">
          {sources.map((s) => (
            <li key={s.id}>
              <Place db={db} source={s} visited={visited.has(s.id)} open={open} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small">{t('round_empty')}</p>
      )}
      <p class="links">
        {next && (
          <button type="button" onClick={() => void open(next)} title={shortcut ? t('round_next_hint', shortcut) : t('round_next_hint_none')}>
            {t('round_next')}
          </button>
        )}
        {page && !inRound && /^https?:/.test(page.url) && (
          <button type="button" class="link" onClick={() => void addPage()}>
            {t('round_add_page')}
          </button>
        )}
        <a href={manageUrl} target="_blank" rel="noreferrer">
          {t(sources.length ? 'round_manage' : 'round_set_up')}
        </a>
      </p>
      {said && (
        <p role="status" class="muted small">
          {said}
        </p>
      )}
    </section>
  );
}

/** A form for a place of the round: a new one, or `source` changed. */
function PlaceForm({ db, source, done }: { db: VeilleDB; source?: Source; done(): void }) {
  const [url, setUrl] = useState(source?.url ?? '');
  const [label, setLabel] = useState(source?.label ?? '');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const errorOf = (field: string) => issues.find((i) => i.field === field);
  const prefix = source ? `round-${source.id}` : 'round-new';
  // (An edit opens on the place's name, the field most often changed.)
  const labelInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (source) labelInput.current?.focus();
  }, []);
  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await saveSource(db, { ...(source ? { id: source.id } : {}), url, label });
    if (!r.ok) return setIssues(r.issues);
    setIssues([]);
    if (!source) {
      setUrl('');
      setLabel('');
    }
    done();
  };
  const field = (name: 'url' | 'label', value: string, set: (v: string) => void) => {
    const error = errorOf(name);
    return (
      <label>
        {t(name === 'url' ? 'round_url' : 'round_label')}
        <input
          name={name}
          ref={name === 'label' ? labelInput : undefined}
          type="text"
          inputMode={name === 'url' ? 'url' : 'text'}
          placeholder={name === 'url' ? t('round_placeholder_url') : undefined}
          value={value}
          onInput={(e) => set(e.currentTarget.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${prefix}-err-${name}` : undefined}
        />
        {error && (
          <span class="field-error" id={`${prefix}-err-${name}`} role="alert">
            {tKey(error.message)}
          </span>
        )}
      </label>
    );
  };
  return (
    <form
      class="round-form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (source && e.key === 'Escape') done();
      }}
      aria-label={source ? t('round_edit', source.label) : t('round_add')}
    >
      {field('url', url, setUrl)}
      {field('label', label, setLabel)}
      <button type="submit" class={source ? undefined : 'primary'}>
        {source ? t('save') : t('round_add')}
      </button>
      {source && (
        <button type="button" onClick={done}>
          {t('cancel')}
        </button>
      )}
    </form>
  );
}

/** Several places added at once, pasted as a list of addresses: all of them or none. */
function PastePlaces({ db, sources }: { db: VeilleDB; sources: readonly Source[] }) {
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [said, setSaid] = useState('');
  // (The round's addresses, one per line, after the names the CM gave: what a colleague pastes here
  // to take the same round.)
  const copy = () => sayCopied(navigator.clipboard.writeText(roundText(sources)), tCount('round_copied', sources.length), setSaid);
  async function add(e: Event) {
    e.preventDefault();
    setSaid('');
    if (!text.trim()) return setError(t('round_paste_none'));
    let r: Awaited<ReturnType<typeof addSources>>;
    try {
      r = await addSources(db, text);
    } catch (e) {
      return setError(errorSaid(e));
    }
    if (!r.ok) return setError('refused' in r ? t('round_paste_refused', r.refused.join(', ')) : t('round_paste_full', r.full));
    setError('');
    setText('');
    setSaid(t('round_paste_added', numberText(r.added), numberText(r.existing)));
  }
  return (
    <details class="paste-places">
      <summary>{t('round_paste_title')}</summary>
      <form onSubmit={(e) => void add(e)}>
        <label>
          {t('round_paste_label')}
          <textarea rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} aria-invalid={error ? true : undefined} aria-describedby="round-paste-hint" />
        </label>
        <p id="round-paste-hint" class="muted hint">
          {t('round_paste_hint')}
        </p>
        {error && (
          <p class="field-error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary">
            {t('round_paste_add')}
          </button>
          {sources.length > 0 && (
            <button type="button" onClick={copy}>
              {t('round_copy')}
            </button>
          )}
        </div>
      </form>
      <p role="status" class="muted" aria-live="polite">
        {said}
      </p>
    </details>
  );
}

/** How many days back the round's editor counts each place's visits: the places the veille skips show. */
const RECENT_DAYS = 14;

/** How a place kept to the round: the days of veille (and days off) of its last days it was visited on; null for a place added today. */
function Kept({ kept }: { kept: { visited: number; of: number } | null }) {
  return (
    <span class="muted small" data-testid="round-recent">
      {!kept ? t('round_recent_new') : kept.of ? tCount('round_recent', kept.of, numberText(kept.visited)) : t('round_recent_none')}
    </span>
  );
}

/** The dashboard's round: today's ticks, and the places added, renamed, moved and taken out. */
export function RoundEditor({ db }: { db: VeilleDB }) {
  const round = useRound(db);
  const today = useToday();
  const since = dayBefore(dayStartOf(today), RECENT_DAYS - 1);
  const recent = useLiveQuery(() => visitDaysBySource(db, since), [db, since]);
  const settings = useLiveQuery(() => getSettings(db), [db]);
  const [editing, setEditing] = useState<string | null>(null);
  if (!round || !recent || !settings) return null;
  /** How it kept to the round over its days of the last RECENT_DAYS (fewer for a place added since), today's included; null when added today. */
  const keptOf = (s: Source) => {
    const days = Array.from({ length: Math.min(RECENT_DAYS, daysBetween(s.createdAt, dayStartOf(today)) + 1) }, (_, i) => dayBefore(dayStartOf(today), i));
    return days.length > 1 ? keptRound(recent.get(s.id), days, settings, today) : null;
  };
  const { sources, visited } = round;
  return (
    <section class="round round-editor" aria-labelledby="round-editor-title" data-testid="round-editor" id="veille-round">
      <h2 id="round-editor-title">
        {t('round_editor_title')} {sources.length > 0 && <Count visited={sources.filter((s) => visited.has(s.id)).length} total={sources.length} />}
      </h2>
      <p class="muted note">{t('round_editor_help')}</p>
      {sources.length > 0 && (
        <ol class="round-list">
          {sources.map((s, i) =>
            editing === s.id ? (
              <li key={s.id}>
                <PlaceForm
                  db={db}
                  source={s}
                  done={() => {
                    setEditing(null);
                    // (The focus goes back to the place's Edit button, as a dialog's would.)
                    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-edit="${s.id}"]`)?.focus());
                  }}
                />
              </li>
            ) : (
              <li key={s.id}>
                <Place db={db} source={s} visited={visited.has(s.id)} />
                <Kept kept={keptOf(s)} />
                <span class="row-actions">
                  <button type="button" aria-label={t('round_up', s.label)} disabled={i === 0} onClick={() => void moveSource(db, s.id, -1)}>
                    ↑
                  </button>
                  <button type="button" aria-label={t('round_down', s.label)} disabled={i === sources.length - 1} onClick={() => void moveSource(db, s.id, 1)}>
                    ↓
                  </button>
                  <button type="button" aria-label={t('round_edit', s.label)} data-edit={s.id} onClick={() => setEditing(s.id)}>
                    {t('edit')}
                  </button>
                  <button
                    type="button"
                    aria-label={t('round_delete', s.label)}
                    onClick={() => {
                      if (confirm(t('round_confirm_delete', s.label))) void deleteSource(db, s.id);
                    }}
                  >
                    {t('round_remove')}
                  </button>
                </span>
              </li>
            ),
          )}
        </ol>
      )}
      <PlaceForm db={db} done={() => undefined} />
      <PastePlaces db={db} sources={sources} />
    </section>
  );
}
