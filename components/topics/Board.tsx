import { useEffect, useMemo, useState } from 'preact/hooks';
import { errorSaid } from '@/components/errorSaid';
import { CategoryBadge } from '@/components/CategoryBadge';
import { CategorySelect } from '@/components/CategorySelect';
import { DateRange } from '@/components/DateRange';
import { ShowMore } from '@/components/ShowMore';
import type { VeilleDB } from '@/lib/db';
import { browserLocale, t, tCount, tKey, type MessageKey } from '@/lib/i18n';
import { notifyChanged } from '@/lib/runtime';
import { TOPIC_STATUSES, type Topic, type TopicStatus } from '@/lib/schemas';
import { dayStartOf, daysBetween, localDayOf } from '@/lib/time';
import { spreadsheetSeparator } from '@/lib/csv';
import { topicsCsv } from '@/lib/topics-csv';
import { downloadText } from '@/components/download';
import { STALE_DAYS, TRANSITIONS, dropStale, filterTopics, isStale, moveTopic, topicIndex, topicOfHash, undoDrop, type Dropped, type TopicFilter } from '@/lib/topics';
import { xPlaceOf } from '@/lib/x/pages';
import { useLiveQuery } from '../useLiveQuery';
import { useShortcut } from '../useShortcut';
import { useToday } from '../useToday';
import { TopicDetail } from './TopicDetail';

/** How old a topic is on `today`, in calendar days: one saved last night is a day old this morning. */
function age(createdAt: number, today: string): string {
  const days = daysBetween(createdAt, dayStartOf(today));
  return days < 1 ? t('age_today') : t('age_days', days);
}

/**
 * The most cards a column shows at first, and how many more each "Show more" adds: a year of
 * topics (thousands, most of them published) made the board take seconds to draw and to move a card.
 */
export const COLUMN_PAGE = 50;

/** The most tags and hashtags a card shows. */
const CARD_LABELS = 4;

/** The board's filters when none is set. */
const NO_FILTER: TopicFilter = { query: '', tag: '', category: 'all', from: '', to: '' };

/** A card's tags, then its hashtags not among them: the first few, and how many more. */
export function labelsOf(topic: Pick<Topic, 'tags' | 'hashtags'>): { shown: string[]; more: number } {
  const all = [...topic.tags, ...topic.hashtags.filter((h) => !topic.tags.includes(h))];
  return { shown: all.slice(0, CARD_LABELS), more: Math.max(0, all.length - CARD_LABELS) };
}

function sourceOf(topic: Topic): string {
  if (topic.sourceHandle) return `@${topic.sourceHandle}`;
  // (A term saved from "Emerging on X" is its search on X.)
  if (topic.url && xPlaceOf(topic.url)?.startsWith('search:')) return t('source_x_search');
  try {
    return topic.url ? new URL(topic.url).hostname.replace(/^www\./, '') : '';
  } catch {
    return '';
  }
}

/** The topics board: columns by status; cards move by drag and drop and by keyboard. */
export function Board({ db }: { db: VeilleDB }) {
  const topics = useLiveQuery(() => db.topics.toArray(), [db]);
  const partners = useLiveQuery(() => db.partners.toArray(), [db]);
  const [filter, setFilter] = useState<TopicFilter>(NO_FILTER);
  const [open, setOpen] = useState<Topic | null>(null);
  const [status, setStatus] = useState('');
  /** The cards the last tidying dropped, while its Undo is offered. */
  const [undo, setUndo] = useState<Dropped | null>(null);
  /** The card that just moved by keyboard: it keeps the focus in its new column. */
  const [focusId, setFocusId] = useState<string | null>(null);
  /** How many cards each column shows (COLUMN_PAGE until the CM asks for more). */
  const [limits, setLimits] = useState<Partial<Record<TopicStatus, number>>>({});
  const saveKeys = useShortcut('save-topic');
  /** (The cards' ages move on at midnight.) */
  const today = useToday();
  const byHandle = useMemo(() => new Map((partners ?? []).map((p) => [p.handle, p])), [partners]);
  const search = useMemo(() => topicIndex(topics ?? []), [topics]);
  // The topic the page's address names (the popup's link to a topic saved already, a notification's):
  // its details open, once the topics are read.
  const [named, setNamed] = useState(() => topicOfHash(location.hash));
  useEffect(() => {
    const onHash = () => setNamed(topicOfHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    if (!named || !topics) return;
    setNamed(null);
    const topic = topics.find((x) => x.id === named);
    document.getElementById('topics')?.scrollIntoView();
    if (topic) setOpen(topic);
    else setStatus(t('topic_gone'));
  }, [named, topics]);
  if (!topics || !partners) return null;
  const shown = filterTopics(topics, filter, (h) => (h ? byHandle.get(h)?.category : undefined), search);
  const tags = [...new Set(topics.flatMap((x) => [...x.tags, ...x.hashtags]))].sort();
  // (Read at each drawing: the board draws again with every change, and at midnight.)
  const now = Date.now();

  /** Say `message`; the Undo of a tidying goes with the message about it. */
  function say(message: string, dropped: Dropped | null = null) {
    setStatus(message);
    setUndo(dropped);
  }

  /** Drop the cards of `col` shown and untouched for `STALE_DAYS` days, once the CM confirms. */
  async function tidy(col: TopicStatus, stale: Topic[]) {
    if (!confirm(tCount('board_tidy_confirm', stale.length, t(`status_${col}` as MessageKey), STALE_DAYS))) return;
    try {
      const dropped = await dropStale(db, stale.map((x) => x.id));
      say(tCount('board_tidied', dropped.topics.length), dropped);
      void notifyChanged('topics');
    } catch (e) {
      say(errorSaid(e));
    }
  }

  async function putBack(dropped: Dropped) {
    try {
      say(tCount('board_put_back', await undoDrop(db, dropped)));
      void notifyChanged('topics');
    } catch (e) {
      // (The Undo stays offered, to try again.)
      say(errorSaid(e), dropped);
    }
  }

  async function move(topic: Topic, to: TopicStatus) {
    let moved: boolean;
    try {
      moved = await moveTopic(db, topic.id, to);
    } catch (e) {
      say(errorSaid(e));
      return;
    }
    if (!moved) {
      say(t('err_topic_move'));
      return;
    }
    say(t('topic_moved', topic.title, t(`status_${to}` as MessageKey)));
    void notifyChanged('topics');
    setFocusId(topic.id);
  }

  /** The nearest allowed column to the left (-1) or right (+1). */
  function neighbour(from: TopicStatus, dir: -1 | 1): TopicStatus | null {
    const i = TOPIC_STATUSES.indexOf(from);
    for (let j = i + dir; j >= 0 && j < TOPIC_STATUSES.length; j += dir) {
      if (TRANSITIONS[from].includes(TOPIC_STATUSES[j]!)) return TOPIC_STATUSES[j]!;
    }
    return null;
  }

  return (
    <section aria-labelledby="board-title" class="board-section">
      <h2 id="board-title">{t('board_title')}</h2>
      <p class="muted">{t('board_help')}</p>
      <div class="toolbar">
        <input type="search" aria-label={t('board_search')} placeholder={t('board_search')} value={filter.query} onInput={(e) => setFilter({ ...filter, query: e.currentTarget.value })} />
        <select aria-label={t('board_tag')} value={filter.tag} onChange={(e) => setFilter({ ...filter, tag: e.currentTarget.value })}>
          <option value="">{t('board_all_tags')}</option>
          {tags.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
        <CategorySelect label={t('board_category')} value={filter.category} onChange={(category) => setFilter({ ...filter, category })} />
        <DateRange from={filter.from} to={filter.to} onFrom={(from) => setFilter({ ...filter, from })} onTo={(to) => setFilter({ ...filter, to })} />
        <button
          type="button"
          title={t('board_export_hint')}
          disabled={!shown.length}
          onClick={() =>
            downloadText(
              `veille-topics-${localDayOf(Date.now())}.csv`,
              topicsCsv(shown, (h) => byHandle.get(h)?.category, tKey, spreadsheetSeparator(browserLocale())),
              'text/csv;charset=utf-8',
            )
          }
        >
          {t('board_export_csv')}
        </button>
      </div>
      <div class="board-status">
        <p role="status" class="muted" aria-live="polite" data-testid="board-status">
          {status}
        </p>
        {undo && (
          <button type="button" onClick={() => void putBack(undo)}>
            {t('board_undo')}
          </button>
        )}
      </div>
      {topics.length === 0 && <p class="empty">{saveKeys ? t('board_empty', saveKeys) : t('board_empty_no_key')}</p>}
      {filter.from && filter.to && filter.from > filter.to ? (
        <p class="empty" role="alert" data-testid="board-inverted">
          {t('range_inverted')}
        </p>
      ) : (
        topics.length > 0 &&
        shown.length === 0 && (
          <p class="empty" data-testid="board-none-match">
            {t('board_none_match')}{' '}
            <button type="button" class="link" onClick={() => setFilter(NO_FILTER)}>
              {t('board_clear_filters')}
            </button>
          </p>
        )
      )}
      <div class="board">
        {TOPIC_STATUSES.map((col) => {
          const cards = shown.filter((x) => x.status === col).sort((a, b) => b.updatedAt - a.updatedAt);
          const limit = limits[col] ?? COLUMN_PAGE;
          // (Those shown: a filter narrows what tidying drops.)
          const stale = cards.filter((x) => isStale(x, now));
          return (
            <section
              key={col}
              class="column"
              data-status={col}
              aria-labelledby={`col-${col}`}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                const id = e.dataTransfer?.getData('text/plain');
                const topic = topics.find((x) => x.id === id);
                if (topic) void move(topic, col);
              }}
            >
              <h3 id={`col-${col}`}>
                {t(`status_${col}` as MessageKey)} <span class="muted">({cards.length})</span>
              </h3>
              {stale.length > 0 && (
                <button type="button" class="tidy" onClick={() => void tidy(col, stale)}>
                  {tCount('board_tidy', stale.length, STALE_DAYS)}
                </button>
              )}
              <ul>
                {cards.slice(0, limit).map((x) => {
                  const partner = x.sourceHandle ? byHandle.get(x.sourceHandle) : undefined;
                  const labels = labelsOf(x);
                  const source = sourceOf(x);
                  return (
                    <li
                      key={x.id}
                      class="card"
                      tabIndex={0}
                      draggable
                      data-topic={x.id}
                      ref={(el) => {
                        if (el && x.id === focusId && document.activeElement !== el) {
                          el.focus();
                          setFocusId(null);
                        }
                      }}
                      aria-label={`${x.title}. ${t('board_card_keys')}`}
                      onDragStart={(e) => e.dataTransfer?.setData('text/plain', x.id)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') return setOpen(x);
                        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
                        e.preventDefault();
                        const to = neighbour(x.status, e.key === 'ArrowLeft' ? -1 : 1);
                        if (to) void move(x, to);
                      }}
                      onDblClick={() => setOpen(x)}
                    >
                      <strong class="card-title" title={x.title}>{x.title}</strong>
                      <div class="card-meta">
                        {source && <span>{source}</span>}
                        {partner && <CategoryBadge category={partner.category} />}
                        {x.mediaKind && x.mediaKind !== 'none' && <span class="chip">{t(`media_${x.mediaKind}` as MessageKey)}</span>}
                        {labels.shown.map((label) => (
                          <span key={label} class="chip">
                            {label}
                          </span>
                        ))}
                        {labels.more > 0 && <span class="muted">+{labels.more}</span>}
                        <span class="muted">{age(x.createdAt, today)}</span>
                        {/* (Its published tweet, on X: the card says where the topic went.) */}
                        {x.publishedUrl && (
                          <a href={x.publishedUrl} target="_blank" rel="noreferrer" onKeyDown={(e) => e.stopPropagation()}>
                            {t('report_published')}
                          </a>
                        )}
                      </div>
                      <div class="card-actions">
                        <select
                          aria-label={t('board_move_to', x.title)}
                          value={x.status}
                          onChange={(e) => void move(x, e.currentTarget.value as TopicStatus)}
                          onKeyDown={(e) => e.stopPropagation()}
                        >
                          {TOPIC_STATUSES.filter((s) => s === x.status || TRANSITIONS[x.status].includes(s)).map((s) => (
                            <option key={s} value={s}>
                              {/* (The menu is narrow: "Proposed", where the column says "for the meeting".) */}
                              {t(s === 'proposed' ? 'status_proposed_short' : (`status_${s}` as MessageKey))}
                            </option>
                          ))}
                        </select>
                        <button type="button" onClick={() => setOpen(x)}>
                          {t('board_open')}
                        </button>
                      </div>
                    </li>
                  );
                })}
              </ul>
              {cards.length > limit && (
                <ShowMore left={cards.length - limit} onMore={() => setLimits({ ...limits, [col]: limit + COLUMN_PAGE })} />
              )}
            </section>
          );
        })}
      </div>
      {open && (
        <TopicDetail
          db={db}
          topic={open}
          onClose={(message) => {
            setOpen(null);
            if (message) say(message);
          }}
        />
      )}
    </section>
  );
}
