import { useMemo, useState } from 'preact/hooks';
import { CategoryBadge } from '@/components/CategoryBadge';
import { CategorySelect } from '@/components/CategorySelect';
import { ShowMore } from '@/components/ShowMore';
import type { PartnerCategory } from '@/lib/categories';
import { t, tCount, uiLocale } from '@/lib/i18n';
import { filterPartners } from '@/lib/partners';
import type { BulkChange } from '@/lib/partners';
import type { Partner } from '@/lib/schemas';
import { dateText } from '@/lib/time';
import { BulkBar } from './BulkBar';
import { TagChips } from './TagChips';
import { daysAgo, useToday } from '../useToday';

interface Props {
  partners: Partner[];
  /** When the CM last saw each partner on X (0: never); undefined while it is read. */
  lastSeen: Map<string, number> | undefined;
  onEdit(p: Partner): void;
  onDelete(p: Partner): void;
  /** Open the partner's details (see PartnerDetail). */
  onDetails(p: Partner): void;
  /** Make a change to the partners selected, by id; true once made (the selection is then cleared). */
  onBulk(ids: string[], change: BulkChange): Promise<boolean>;
}

/** When a partner was last seen on X, as the list says it: today, some days ago, not yet (0); the moment in its title. */
function LastSeenCell({ at, today }: { at: number | undefined; today: string }) {
  return (
    <td class="last-seen" title={at ? dateText(at, uiLocale(), 'minute') : undefined}>
      {at === undefined ? '' : at ? daysAgo(at, today).text : t('last_seen_never')}
    </td>
  );
}

/**
 * The most rows the list shows at first, and how many more each "Show more" adds: an institute's
 * hundreds of partners made the options page draw thousands of elements (in tasks of 100 - 230 ms)
 * and put its other sections metres below.
 */
export const PARTNER_PAGE = 100;

/** The partner list, searchable and filtered by category. */
export function PartnerList({ partners, lastSeen, onEdit, onDelete, onDetails, onBulk }: Props) {
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<PartnerCategory | 'all'>('all');
  /** By name, or the partners not seen on X for longest first (those never seen first of all). */
  const [order, setOrder] = useState<'name' | 'seen'>('name');
  const [limit, setLimit] = useState(PARTNER_PAGE);
  /** The partners selected, by id (those deleted meanwhile are left out). */
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const today = useToday();
  const shown = useMemo(() => {
    const found = filterPartners(partners, query, category);
    // (A stable sort: among partners seen at the same time, by name.)
    return order === 'seen' && lastSeen ? found.sort((a, b) => (lastSeen.get(a.handle) ?? 0) - (lastSeen.get(b.handle) ?? 0)) : found;
  }, [partners, query, category, order, lastSeen]);
  const chosen = partners.filter((p) => selected.has(p.id)).map((p) => p.id);
  const allShown = shown.length > 0 && shown.every((p) => selected.has(p.id));
  const select = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    setSelected(next);
  };
  // (A new search or filter starts again from the first page, with nothing selected: a change made
  // to the selection is never made to partners out of sight.)
  const search = (q: string) => {
    setQuery(q);
    setLimit(PARTNER_PAGE);
    setSelected(new Set());
  };
  const filter = (c: PartnerCategory | 'all') => {
    setCategory(c);
    setLimit(PARTNER_PAGE);
    setSelected(new Set());
  };

  return (
    <section aria-labelledby="partners-list-title">
      <h2 id="partners-list-title" class="sr-only">
        {t('nav_partners')}
      </h2>
      <div class="toolbar">
        <label>
          <span class="sr-only">{t('search_label')}</span>
          <input
            type="search"
            aria-label={t('search_label')}
            placeholder={t('search_placeholder')}
            value={query}
            onInput={(e) => search(e.currentTarget.value)}
          />
        </label>
        <label>
          <span class="sr-only">{t('filter_category')}</span>
          <CategorySelect label={t('filter_category')} value={category} onChange={filter} />
        </label>
        <label class="inline">
          {t('partners_order')}
          <select
            value={order}
            onChange={(e) => {
              setOrder(e.currentTarget.value as 'name' | 'seen');
              setLimit(PARTNER_PAGE);
            }}
          >
            <option value="name">{t('partners_order_name')}</option>
            <option value="seen">{t('partners_order_seen')}</option>
          </select>
        </label>
        <span class="muted" aria-live="polite" data-testid="partner-count">
          {tCount('partners_count', partners.length, shown.length)}
        </span>
      </div>
      {chosen.length > 0 && (
        <BulkBar count={chosen.length} onClear={() => setSelected(new Set())} onChange={(change) => void onBulk(chosen, change).then((done) => done && setSelected(new Set()))} />
      )}
      {partners.length === 0 ? (
        <p class="empty">{t('partners_empty')}</p>
      ) : shown.length === 0 ? (
        <p class="empty">{t('partners_none_match')}</p>
      ) : (
        <>
          {/* (In a window narrower than its columns, the table scrolls sideways in its own box, not the page.) */}
          <div class="table-scroll">
            <table class="partners">
              <thead>
                <tr>
                  <th scope="col" class="select">
                    <input
                      type="checkbox"
                      aria-label={tCount('bulk_select_shown', shown.length)}
                      checked={allShown}
                      onChange={(e) => select(shown.map((p) => p.id), e.currentTarget.checked)}
                    />
                  </th>
                  <th scope="col">{t('col_partner')}</th>
                  <th scope="col">{t('field_category')}</th>
                  <th scope="col">{t('col_tags')}</th>
                  <th scope="col">{t('col_note')}</th>
                  <th scope="col">{t('col_last_seen')}</th>
                  <th scope="col">
                    <span class="sr-only">{t('col_actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, limit).map((p) => (
                  <tr key={p.id} data-handle={p.handle} class={selected.has(p.id) ? 'selected' : undefined}>
                    <td class="select">
                      <input type="checkbox" aria-label={t('bulk_select', p.handle)} checked={selected.has(p.id)} onChange={(e) => select([p.id], e.currentTarget.checked)} />
                    </td>
                    <td class="partner">
                      <strong>{p.name || `@${p.handle}`}</strong>
                      <div class="muted">
                        <a href={`https://x.com/${p.handle}`} target="_blank" rel="noreferrer">
                          @{p.handle}
                        </a>
                      </div>
                    </td>
                    <td>
                      <CategoryBadge category={p.category} />
                    </td>
                    <td class="tags">
                      <TagChips tags={p.tags} />
                    </td>
                    <td class="note">{p.note}</td>
                    <LastSeenCell at={lastSeen?.get(p.handle)} today={today} />
                    <td class="row-actions">
                      <button type="button" onClick={() => onDetails(p)} aria-label={`${t('pd_open')} @${p.handle}`}>
                        {t('pd_open')}
                      </button>
                      <button type="button" onClick={() => onEdit(p)} aria-label={`${t('edit')} @${p.handle}`}>
                        {t('edit')}
                      </button>
                      <button type="button" class="danger" onClick={() => onDelete(p)} aria-label={`${t('delete')} @${p.handle}`}>
                        {t('delete')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shown.length > limit && (
            <ShowMore left={shown.length - limit} onMore={() => setLimit(limit + PARTNER_PAGE)} />
          )}
        </>
      )}
    </section>
  );
}
