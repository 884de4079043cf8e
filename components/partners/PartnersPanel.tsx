import { useState } from 'preact/hooks';
import { errorSaid } from '@/components/errorSaid';
import { useLiveQuery, useWatchedQuery } from '@/components/useLiveQuery';
import type { VeilleDB } from '@/lib/db';
import { t, tCount, tKey } from '@/lib/i18n';
import { changePartners, deletePartner, listPartners, type BulkChange, type BulkIssue } from '@/lib/partners';
import { lastSeenOf } from '@/lib/profiles';
import { notifyChanged } from '@/lib/runtime';
import { touchesTables } from '@/lib/watch';
import type { Partner } from '@/lib/schemas';
import { PartnerCsv } from './PartnerCsv';
import { PartnerDetail } from './PartnerDetail';
import { PartnerForm } from './PartnerForm';
import { PartnerList } from './PartnerList';
import { PasteHandles } from './PasteHandles';

/** Partners in the options page: add, edit, delete, search, import and export. */
export function PartnersPanel({ db }: { db: VeilleDB }) {
  const partners = useLiveQuery(() => listPartners(db), [db]);
  // When each was last seen on X: again when the partners change, and at most every 30 s for the
  // captures written while the CM browses X.
  const lastSeen = useWatchedQuery(
    () => lastSeenOf(db, partners?.map((p) => p.handle) ?? []),
    () => false,
    [db, partners],
    0,
    { affects: (parts) => touchesTables(parts, db.name, ['tweetMetrics', 'profileSnapshots']), gapMs: 30_000 },
  );
  const [editing, setEditing] = useState<Partner | null>(null);
  /** The partner whose details are open, by id: they follow the partner's edits. */
  const [details, setDetails] = useState<string | null>(null);
  const detailed = details ? partners?.find((p) => p.id === details) : undefined;
  const [status, setStatus] = useState<string>('');
  /** Why the last change to several partners was refused, partner by partner. */
  const [refused, setRefused] = useState<BulkIssue[]>([]);

  function edit(p: Partner) {
    setDetails(null);
    setEditing(p);
    window.scrollTo({ top: 0 });
  }

  async function bulk(ids: string[], change: BulkChange): Promise<boolean> {
    if (change.kind === 'delete' && !confirm(tCount('bulk_confirm_delete', ids.length))) return false;
    let r: Awaited<ReturnType<typeof changePartners>>;
    try {
      r = await changePartners(db, ids, change);
    } catch (e) {
      setStatus(errorSaid(e));
      return false;
    }
    if (!r.ok) {
      setRefused(r.issues);
      return false;
    }
    if (editing && change.kind === 'delete' && ids.includes(editing.id)) setEditing(null);
    changed(tCount(change.kind === 'delete' ? 'bulk_deleted' : 'bulk_changed', r.changed));
    return true;
  }

  function changed(message: string) {
    setRefused([]);
    setStatus(message);
    setEditing(null);
    void notifyChanged('partners');
  }

  async function remove(p: Partner) {
    if (!confirm(t('confirm_delete', p.handle))) return;
    try {
      await deletePartner(db, p.id);
    } catch (e) {
      return setStatus(errorSaid(e));
    }
    if (editing?.id === p.id) setEditing(null);
    changed(t('deleted_partner', p.handle));
  }

  return (
    <div class="panel">
      <p class="muted">{t('partners_intro')}</p>
      <p class="status" role="status" aria-live="polite" hidden={!status} data-testid="status">
        {status}
      </p>
      {refused.length > 0 && (
        <div class="field-error" role="alert" data-testid="bulk-refused">
          <p>{t('bulk_refused')}</p>
          <ul>
            {refused.map((i, n) => (
              <li key={n}>{i.handle ? t('what_of', `@${i.handle}`, tKey(i.message)) : tKey(i.message)}</li>
            ))}
          </ul>
        </div>
      )}
      <PartnerForm key={editing?.id ?? 'new'} db={db} editing={editing} partners={partners ?? []} onDone={changed} onCancel={() => setEditing(null)} />
      <PasteHandles db={db} onAdded={changed} />
      {partners && (
        <PartnerList
          partners={partners}
          lastSeen={lastSeen}
          onEdit={edit}
          onDelete={remove}
          onDetails={(p) => setDetails(p.id)}
          onBulk={bulk}
        />
      )}
      {detailed && <PartnerDetail key={detailed.id} db={db} partner={detailed} onEdit={edit} onClose={() => setDetails(null)} />}
      <PartnerCsv db={db} onImported={changed} />
    </div>
  );
}
