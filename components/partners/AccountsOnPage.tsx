import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { PartnerCategory } from '@/lib/categories';
import { CategoryField } from '@/components/CategorySelect';
import type { VeilleDB } from '@/lib/db';
import { HANDLE_RE } from '@/lib/handle';
import { numberText, t } from '@/lib/i18n';
import { addHandles } from '@/lib/partners';
import { errorSaid } from '@/components/errorSaid';
import { notifyChanged } from '@/lib/runtime';
import { listsAccounts } from '@/lib/x/pages';
import { currentTab } from '../currentTab';
import { useFirstLoad } from '../settling';
import { useLiveQuery } from '../useLiveQuery';

/** The content script's answer: the accounts its page lists, with the names it shows (see `accountsListed`). */
const answerSchema = z.object({ accounts: z.array(z.object({ handle: z.string().regex(HANDLE_RE), name: z.string().max(1000) })).max(2000) });
type Listed = z.infer<typeof answerSchema>['accounts'];

/** The accounts the X tab behind the popup lists, on a page that lists accounts; none elsewhere, or where its content script does not answer. */
async function listedOnTab(): Promise<Listed> {
  const tab = await currentTab().catch(() => undefined);
  if (tab?.id === undefined || !tab.url || !listsAccounts(tab.url)) return [];
  const answer = await browser.tabs.sendMessage(tab.id, { type: 'page.accounts' }).catch(() => null);
  const parsed = answerSchema.safeParse(answer);
  return parsed.success ? parsed.data.accounts : [];
}

/**
 * On an X page that lists accounts (a list's members, an account's followers or following, people
 * found by a search), the popup offers to add those not yet partners, all of one category, as
 * "Add several accounts at once" does in the dashboard; the X tabs tag them at once. X shows a
 * long list a screenful at a time: scroll, open the popup again, add the next ones.
 */
export function AccountsOnPage({ db }: { db: VeilleDB }) {
  const [listed, setListed] = useState<Listed | null>(null);
  const [category, setCategory] = useState<PartnerCategory>('academic');
  const [status, setStatus] = useState('');
  useFirstLoad(listed !== null);
  useEffect(() => {
    void listedOnTab().then(setListed);
  }, []);
  const partners = useLiveQuery(() => db.partners.toArray(), [db]);
  if (!listed?.length || !partners) return null;
  const accounts = listed.map((a) => a.handle);
  // (Each is added with the name the page shows for it.)
  const names = new Map(listed.map((a) => [a.handle, a.name]));
  const known = new Set(partners.map((p) => p.handle));
  const fresh = accounts.filter((h) => !known.has(h));

  async function add(e: Event) {
    e.preventDefault();
    try {
      // (Those already partners are left as they are, and counted.)
      const r = await addHandles(db, accounts, category, Date.now(), names);
      setStatus(t('paste_added', numberText(r.added), numberText(r.existing)));
      void notifyChanged('partners');
    } catch (err) {
      setStatus(errorSaid(err));
    }
  }

  return (
    <section aria-labelledby="accounts-title" class="accounts-on-page" data-testid="accounts-on-page">
      <h2 id="accounts-title">{t('accounts_title')}</h2>
      <p>{t('accounts_listed', accounts.length, fresh.length)}</p>
      {fresh.length > 0 && (
        <form onSubmit={add} class="actions">
          <CategoryField value={category} onChange={setCategory} />
          <button type="submit" class="primary">
            {t('accounts_add')}
          </button>
        </form>
      )}
      <p role="status" class="muted">
        {status}
      </p>
    </section>
  );
}
